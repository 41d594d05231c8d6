"""13. The Ukrainian edition (issue 22): a warm build of both editions against the English one alone,
and what reading the heaviest Ukrainian page transfers (gzip, without touching a chart)."""

from __future__ import annotations

import os

from context import DESKTOP, KB, Context, kb, load_and_draw, median, pages_of
from report import Result, Section
from transfer import SEARCH, searched, sized

from harness.project import build, copy_project, english_only

RATIO_BUDGET = 2.1  # both editions against English alone, warm
PAGE_BUDGET = 150 * KB  # the heaviest Ukrainian page, read through without touching a chart


def measure(ctx: Context) -> list[Result]:
    runs = 3 if ctx.quick else 5
    both = copy_project(ctx.tmp / "editions-both")
    one = copy_project(ctx.tmp / "editions-one")
    english_only(one)
    times: dict[str, list[float]] = {"both": [], "one": []}
    for name, project in (("both", both), ("one", one)):
        build(project, ctx.tmp / f"editions-site-{name}")  # warm-up: pictures cached, bytecode compiled
    for _ in range(runs):  # interleaved, so drift on the shared machine hits both alike
        for name, project in (("both", both), ("one", one)):
            times[name].append(build(project, ctx.tmp / f"editions-site-{name}"))
    t_both, t_one = median(times["both"]), median(times["one"])
    ratio = t_both / t_one
    load = os.getloadavg()
    results = [
        Result(
            "editions",
            "warm build, English and Ukrainian against English alone",
            f"≤ {RATIO_BUDGET}×",
            f"{ratio:.2f}× ({t_both:.1f} s / {t_one:.1f} s)",
            ratio <= RATIO_BUDGET,
            f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}",
        )
    ]
    site, base = ctx.served()
    read, estimated = [], set()
    for url in [u for u in pages_of(site) if u.startswith("uk/")]:
        page = load_and_draw(ctx, base + url, DESKTOP, touch_charts=False)
        read.append((url, sized(site, page, estimated)))
    url, total = max(read, key=lambda r: r[1])
    after, index = searched(ctx, url, estimated)
    results.append(
        Result(
            "editions",
            f"heaviest Ukrainian page read through without touching a chart (/{url})",
            f"≤ {kb(PAGE_BUDGET)} gzip",
            kb(total),
            total <= PAGE_BUDGET,
        )
    )
    results.append(
        Result(
            "editions",
            f"the same page, then a search for '{SEARCH['uk/']}' (index {kb(index)}, worker and its language files on first use)",
            "report",
            kb(after),
            None,
        )
    )
    ctx.sections.append(
        Section(
            "13. The Ukrainian edition",
            [
                f"Warm `mkdocs build` (pictures cached), median of {runs} interleaved runs each: both editions "
                f"{t_both:.1f} s, English alone (`build: false` on uk) {t_one:.1f} s, ratio {ratio:.2f}×. Load average "
                f"at the end: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (2 cores, shared).",
                "",
                "Every Ukrainian page read through without touching a chart (cold cache, gzip, desktop):",
                "",
                "| page | transferred |",
                "| --- | --- |",
                *[f"| /{u} | {kb(t)} |" for u, t in sorted(read, key=lambda r: -r[1])],
                "",
                f"/{url} read through and then searched ('{SEARCH['uk/']}', results shown): {kb(after)}, of which "
                f"the search index {kb(index)}.",
            ],
        )
    )
    ctx.details["editions"] = {"both_s": times["both"], "one_s": times["one"], "read": dict(read)}
    return results
