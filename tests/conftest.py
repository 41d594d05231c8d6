"""Shared fixtures: engines over fixture data, a real build of the real site, a served copy, a browser."""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from explainer import Engine
from fixtures import write_dataset

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
TODAY = date(2026, 1, 1)


def make_engine(tmp_path: Path, **overrides: str) -> Engine:
    """An Engine over the fixture dataset with some files replaced."""
    write_dataset(tmp_path, **overrides)
    link = tmp_path / "node_modules"
    if not link.exists():
        link.symlink_to(ROOT / "node_modules")
    engine = Engine(tmp_path, today=TODAY)
    engine.start_build()
    return engine


@pytest.fixture
def engine_for(tmp_path):
    return functools.partial(make_engine, tmp_path)


def mkdocs(*args: str, cwd: Path = ROOT, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "mkdocs", *args]
    proc = subprocess.run(cmd, cwd=cwd, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}, capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"mkdocs {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_project(dest: Path) -> Path:
    """A scratch copy of the project (docs, data, hooks, config), sharing node_modules."""
    for name in ("docs", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the real project into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    mkdocs("build", "--strict", "--site-dir", str(out), check=True)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host: the theme's 404.html for unknown paths."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.exists():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site built for, and served at, a localhost address (instant navigation
    follows only links under site_url, so the build must know the address)."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    out = tmp_path_factory.mktemp("served")
    mkdocs("build", "--strict", "--site-dir", str(out), env={"SITE_URL": base}, check=True)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI needs /usr/bin/chromium for the browser tests (apt-get install chromium)")
        pytest.skip("no /usr/bin/chromium: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield b
        b.close()


class PageWatch:
    """Console errors, page errors and every request a page makes."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def plotly_requests(self) -> list[str]:
        return [u for u in self.requests if "plotly" in u]


def watched_page(browser, **context_options):
    """A page in a fresh context, with `page.watch` recording errors and requests."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    return pg


@pytest.fixture
def page(browser):
    pg = watched_page(browser)
    yield pg
    pg.context.close()
