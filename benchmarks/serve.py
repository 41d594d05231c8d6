"""5. `mkdocs serve --livereload`: seconds from a data edit to the open page showing it."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from context import DESKTOP, Context, median
from report import Result, Section

from harness.project import copy_project
from harness.serve import edit_and_wait, mkdocs_serve

SERVE_BUDGET = 1.5


def first_chart_title(project: Path) -> tuple[str, str]:
    """(page url, title) of a chart whose title is a one-line `title:` in data/charts.yml."""
    import yaml

    charts = yaml.safe_load((project / "data" / "charts.yml").read_text(encoding="utf-8"))
    text = (project / "data" / "charts.yml").read_text(encoding="utf-8")
    for md in sorted((project / "docs").glob("*.md")):
        for chart_id in re.findall(r"^::chart\[([\w-]+)\]", md.read_text(encoding="utf-8"), re.M):
            spec = next((c for c in charts if c.get("id") == chart_id), None)
            if spec and f"title: {spec['title']}\n" in text:
                return ("" if md.stem == "index" else md.stem + "/"), spec["title"]
    raise RuntimeError("no chart with a one-line title in data/charts.yml")


def time_title_edits(page, charts_yml: Path, title: str, runs: int) -> list[float]:
    """Seconds from writing a new chart title to the reloaded page showing it, once per run."""
    times, current = [], title
    for i in range(runs):
        new = f"{title} (edit {i})"
        times.append(
            edit_and_wait(
                page,
                charts_yml,
                f"title: {current}\n",
                f"title: {new}\n",
                f".xchart__title:text-is({json.dumps(new)})",
                timeout=30000,
            )
        )
        current = new
        time.sleep(1.0)  # let the server settle before the next edit
    return times


def measure(ctx: Context) -> list[Result]:
    runs = 3 if ctx.quick else 5
    project = copy_project(ctx.tmp / "serve-project")
    page_url, title = first_chart_title(project)
    with mkdocs_serve(project, ctx.tmp / "serve.log") as (base, _):
        context = ctx.browser().new_context(**DESKTOP)
        try:
            page = context.new_page()
            page.goto(base + page_url)
            page.wait_for_selector(".xchart__title")
            time.sleep(1.0)  # the live-reload long poll is connected
            times = time_title_edits(page, project / "data" / "charts.yml", title, runs)
        finally:
            context.close()
    m = median(times)
    ctx.sections.append(
        Section(
            "5. mkdocs serve: data edit to reloaded page",
            [
                f"`mkdocs serve --livereload` on a scratch copy; /{page_url} open in Chromium; the title of one chart in "
                "data/charts.yml rewritten; time from the file write to the reloaded page showing the new title.",
                "",
                f"Runs: {', '.join(f'{t:.2f} s' for t in times)}; median **{m:.2f} s**.",
            ],
        )
    )
    ctx.details["serve"] = times
    return [
        Result(
            "serve",
            f"serve: data edit → reloaded page (median of {runs})",
            f"≤ {SERVE_BUDGET} s",
            f"{m:.2f} s",
            m <= SERVE_BUDGET,
        )
    ]
