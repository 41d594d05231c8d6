"""`mkdocs serve --livereload` on a free port, and timing an edit until the open page shows it."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from harness.net import free_port
from harness.project import mkdocs_env, replaced


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    """Until url answers; raises with the server's output if it exits or the time runs out."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start:\n" + log.read_text(errors="replace")) from None
            time.sleep(0.2)


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path):
    """`mkdocs serve --livereload` in project on a free port, output to log, once it answers;
    yields (base URL, process), stops the server after."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=mkdocs_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for_http(base, proc, log)
            yield base, proc
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def edit_and_wait(page, path: Path, old: str, new: str, selector: str, timeout: float = 30000) -> float:
    """Replace old by new in path, then wait until the open (Playwright) page shows selector;
    returns the seconds from the write."""
    text = replaced(path, old, new)
    start = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    page.wait_for_selector(selector, timeout=timeout)
    return time.perf_counter() - start
