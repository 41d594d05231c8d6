"""8. `make check`: every data file and every page's directives checked, nothing drawn or written."""

from __future__ import annotations

import subprocess
import sys
import time

from context import Context, median
from report import Result, Section

from harness.project import copy_project, mkdocs_env

CHECK_BUDGET = 1.5  # seconds, warm (issue 23)


def run_check(project) -> float:
    """`python hooks/check.py` in project (what `make check` runs), wall clock, Python start-up included."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "hooks/check.py"], cwd=project, env=mkdocs_env(), capture_output=True, text=True, timeout=120
    )
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"make check failed on the real site:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return seconds


def measure(ctx: Context) -> list[Result]:
    runs = 5 if ctx.quick else 9
    project = copy_project(ctx.tmp / "check")
    run_check(project)  # warm-up: bytecode and file caches
    times = [run_check(project) for _ in range(runs)]
    m = median(times)
    ctx.sections.append(
        Section(
            "8. `make check`",
            [
                f"`python hooks/check.py` (what `make check` runs) in a subprocess on a scratch copy, Python start-up "
                f"included, median of {runs} after one warm-up: {m:.2f} s ({', '.join(f'{t:.2f}' for t in times)}).",
            ],
        )
    )
    ctx.details["check"] = {"times": times}
    return [
        Result(
            "check", f"`make check`, warm (median of {runs})", f"≤ {CHECK_BUDGET} s", f"{m:.2f} s", m <= CHECK_BUDGET
        )
    ]
