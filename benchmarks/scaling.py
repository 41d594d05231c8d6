"""6. Scaling: build time of a generated site against its page count, and loading 100,000 observation rows.

The one benchmark that imports the engine (time_load).
"""

from __future__ import annotations

import time
from pathlib import Path

import report
import synth
from context import Context, median
from report import Result, Section

from harness.project import ROOT, build, outputs

SCALING_BUDGET = 2.1
LOAD_BUDGET = 1.0


def time_load(data_dir: Path, runs: int) -> tuple[list[float], int, int]:
    """In-process: explainer.load.all over data_dir, chart specs included (imports done first);
    hooks/ goes on sys.path as harness.project.outputs() puts it (last)."""
    outputs()
    from explainer import kinds, load
    from explainer.model.problems import Problems

    times, rows, errors = [], 0, 0
    for _ in range(runs + 1):  # the first call warms imports and pydantic's validators; not counted
        problems = Problems()
        start = time.perf_counter()
        ds = load.all(data_dir, problems, kinds=kinds.KINDS)
        times.append(time.perf_counter() - start)
        rows, errors = len(ds.observations), len(problems.errors)
    return times[1:], rows, errors


def measure(ctx: Context) -> list[Result]:
    n = 10 if ctx.quick else 20
    counts = [n, 2 * n] if ctx.quick else [n // 2, n, 2 * n, 4 * n]
    runs = 1 if ctx.quick else 3
    data_dir = ctx.tmp / "synth-data"
    rows_written = synth.write_data(data_dir)
    load_runs = 3 if ctx.quick else 5
    rows_only, _, _ = time_load(data_dir, load_runs)
    results = []
    points = []
    for count in counts:
        project = synth.write_site(ROOT, ctx.tmp / f"synth-{count}", count, data_dir=data_dir)
        build(project, ctx.tmp / f"synth-site-{count}")  # warm-up
        points.append((count, median([build(project, ctx.tmp / f"synth-site-{count}") for _ in range(runs)])))
    # What a build of the N-page site loads: the 100,000 rows and its 4N chart specs (each checked to draw rows).
    load_times, rows, errors = time_load(ctx.tmp / f"synth-{n}" / "data", load_runs)
    t = dict(points)
    ratio = t[2 * n] / t[n]
    ctx.files["scaling.svg"] = report.svg_chart(points, "Build time against site size")
    lines = [
        f"A generated site: pages with {synth.CHARTS_PER_PAGE} charts (2 time series, 1 bar, 1 timeline) and {synth.FACTS_PER_PAGE} facts each, "
        f"over {rows_written:,} observation rows ({synth.METRICS} metrics × {synth.CLAIMANTS} claimants × {synth.DATES} dates), "
        f"{synth.SOURCES} sources, {synth.EVENTS} events. `mkdocs build` wall clock, median of {runs} after a warm-up.",
        "",
        "| pages | charts | build |",
        "| --- | --- | --- |",
    ]
    lines += [f"| {c} | {c * synth.CHARTS_PER_PAGE} | {s:.2f} s |" for c, s in points]
    lines += [
        "",
        "```",
        *report.bar_chart(points),
        "```",
        "",
        "![build time against page count](scaling.svg)",
        "",
        f"Loading and validating the data in-process with `explainer.load.all` (after one warm-up call), the {n}-page site's "
        f"data/ ({rows:,} valid observation rows, {n * synth.CHARTS_PER_PAGE} chart specs, {errors} errors): "
        f"{', '.join(f'{x * 1000:.0f} ms' for x in load_times)} (median **{median(load_times) * 1000:.0f} ms**). "
        f"The same rows with a single chart spec: median {median(rows_only) * 1000:.0f} ms.",
    ]
    ctx.sections.append(Section("6. Scaling", lines))
    ctx.details["scaling"] = {"points": points, "load": load_times}
    results.append(
        Result(
            "scaling",
            f"build time({2 * n} pages) / time({n} pages) ({t[2 * n]:.2f} s / {t[n]:.2f} s)",
            f"≤ {SCALING_BUDGET}",
            f"{ratio:.2f}",
            ratio <= SCALING_BUDGET,
        )
    )
    ok = rows == rows_written and errors == 0
    results.append(
        Result(
            "scaling",
            f"load + validate {rows_written:,} rows (median, in-process)",
            f"≤ {LOAD_BUDGET:.1f} s",
            f"{median(rows_only):.2f} s",
            median(rows_only) <= LOAD_BUDGET and ok,
            (f"{errors} errors, {rows} rows kept; " if not ok else "")
            + f"with the {n}-page site's {n * synth.CHARTS_PER_PAGE} chart specs as well (each checked against every row): {median(load_times):.2f} s",
        )
    )
    return results
