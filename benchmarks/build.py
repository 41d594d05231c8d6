"""4. Build time: `mkdocs build` with the hooks against plain Material, and where the time goes (breakdown.py)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from context import BENCH, Context, median
from report import Result, Section

from harness.project import build, copy_project, mkdocs_env, outputs

BUILD_RATIO_BUDGET = 1.25


def breakdown(project: Path, site: Path, runs: int) -> dict[str, float]:
    """Median milliseconds per phase and plugin event (benchmarks/breakdown.py, one subprocess a run)."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, str(BENCH / "breakdown.py"), str(site)],
            cwd=project,
            env=mkdocs_env(),
            capture_output=True,
            text=True,
            timeout=600,
        )
        if proc.returncode != 0:
            raise RuntimeError(f"breakdown failed: {proc.stderr[-2000:]}")
        for key, ms in json.loads(proc.stdout).items():
            samples.setdefault(key, []).append(ms)
    return {key: median(v + [0.0] * (runs - len(v))) for key, v in samples.items()}


def breakdown_table(hooked: dict[str, float], plain: dict[str, float]) -> list[str]:
    keys = sorted(set(hooked) | set(plain), key=lambda k: -abs(hooked.get(k, 0) - plain.get(k, 0)))
    lines = [
        "Where the time goes (in-process timing of each phase and plugin event, `benchmarks/breakdown.py`, medians; "
        "the hooks module counts as a plugin):",
        "",
        "| phase or event | with hooks | plain | difference |",
        "| --- | --- | --- | --- |",
    ]
    for k in keys:
        h, p = hooked.get(k, 0.0), plain.get(k, 0.0)
        if max(h, p) >= 1:
            lines.append(f"| {k} | {h:.0f} ms | {p:.0f} ms | {h - p:+.0f} ms |")
    return lines


def measure(ctx: Context) -> list[Result]:
    runs = 3 if ctx.quick else 7
    hooked = copy_project(ctx.tmp / "build-hooked")
    plain = copy_project(ctx.tmp / "build-plain", hooks=False)
    times: dict[str, list[float]] = {"hooked": [], "plain": []}
    for name, project in (("hooked", hooked), ("plain", plain)):
        build(project, ctx.tmp / f"site-{name}")  # warm-up: bytecode and file caches
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        for name, project in (("hooked", hooked), ("plain", plain)):
            times[name].append(build(project, ctx.tmp / f"site-{name}"))
    h, p = median(times["hooked"]), median(times["plain"])
    # The median of each interleaved pair's ratio: a slow moment on the shared machine hits both
    # builds of a pair, where a ratio of medians can pair a slow run with a fast one.
    pairs = [a / b for a, b in zip(times["hooked"], times["plain"], strict=True)]
    ratio = median(pairs)
    lines = [
        f"`mkdocs build` wall clock in a subprocess (Python start-up included), NO_MKDOCS_2_WARNING=1, median of {runs} "
        "interleaved runs after one warm-up each. Plain Material: the same docs/ and both editions with `hooks:`, `watch:` "
        "and the theme overrides removed from mkdocs.yml (directives stay literal text; the overrides need the hook).",
        "",
        "| build | median | runs |",
        "| --- | --- | --- |",
        f"| with hooks | {h:.3f} s | {', '.join(f'{t:.3f}' for t in times['hooked'])} |",
        f"| plain Material | {p:.3f} s | {', '.join(f'{t:.3f}' for t in times['plain'])} |",
        f"| ratio, median of the pairs | {ratio:.2f}× | {', '.join(f'{r:.2f}' for r in pairs)} |",
    ]
    # Cold: an empty image cache, so every picture, download and card is drawn (one Chromium session).
    charts = len(list((ctx.tmp / "site-hooked" / outputs().embeds("en")).iterdir()))
    cold = []
    for i in range(1 if ctx.quick else 2):
        cache = ctx.tmp / f"cold-cache-{i}"
        cold.append(build(hooked, ctx.tmp / "site-cold", env={"EXPLAINER_CACHE": str(cache)}))
    images = len(list((ctx.tmp / "cold-cache-0").iterdir()))
    c = median(cold)
    per_chart = (c - h) / charts
    lines += [
        "",
        f"Cold build (empty image cache: {images} images drawn for {charts} charts and "
        f"{len(list((ctx.tmp / 'site-cold' / outputs().cards('en')).iterdir()))} pages): "
        f"{c:.2f} s ({', '.join(f'{t:.2f}' for t in cold)}), {per_chart:.2f} s per chart over the warm build.",
    ]
    split = {
        name: breakdown(project, ctx.tmp / f"site-{name}", runs)
        for name, project in (("hooked", hooked), ("plain", plain))
    }
    lines += ["", *breakdown_table(split["hooked"], split["plain"])]
    ctx.sections.append(Section("4. Build time against plain Material", lines))
    ctx.details["build"] = {"times": times, "pairs": pairs, "breakdown": split}
    return [
        Result(
            "build",
            f"build time with hooks / plain Material ({h:.2f} s / {p:.2f} s)",
            f"≤ {BUILD_RATIO_BUDGET}×",
            f"{ratio:.2f}×",
            ratio <= BUILD_RATIO_BUDGET,
        ),
        Result(
            "build",
            f"cold build, every picture, download and card drawn ({c:.1f} s, {charts} charts)",
            "report",
            f"{per_chart:.2f} s per chart",
            None,
        ),
    ]
