"""5. `mkdocs serve --livereload`: seconds from an edit to the open page showing it, the engine's data
and Markdown edits beside plain Material's own reload of a Markdown edit."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

from context import DESKTOP, Context, median
from report import Result, Section

from harness.project import build, copy_project
from harness.serve import edit_and_wait, mkdocs_serve

SERVE_BUDGET = 1.5
SERVE_RATIO_BUDGET = 1.25  # issue 21: a data edit against plain Material's reload of a Markdown edit
SETTLE = 1.0  # seconds between edits, so each rebuild starts from a quiet server


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


def first_heading(page_md: Path) -> str:
    """The page's first level-1 heading line ("# ..."), which a Markdown edit rewrites."""
    return next(line for line in page_md.read_text(encoding="utf-8").splitlines() if line.startswith("# "))


def time_markdown_edit(page, page_md: Path, heading: str, marker: str) -> float:
    """Seconds from rewriting the page's heading to the reloaded page showing it; puts it back after."""
    new = f"{heading} {marker}"
    took = edit_and_wait(page, page_md, heading + "\n", new + "\n", f"h1:has-text({json.dumps(marker)})", timeout=30000)
    page_md.write_text(page_md.read_text(encoding="utf-8").replace(new + "\n", heading + "\n", 1), encoding="utf-8")
    page.wait_for_selector(f"h1:not(:has-text({json.dumps(marker)}))", timeout=30000)
    return took


def open_page(ctx: Context, base: str, url: str, selector: str):
    context = ctx.browser().new_context(**DESKTOP)
    page = context.new_page()
    page.goto(base + url)
    page.wait_for_selector(selector)
    return context, page


def measure(ctx: Context) -> list[Result]:
    """Side by side in one run: plain Material's own reload of a Markdown edit (the floor), and the
    engine's reload of a Markdown edit and of a data edit, round after round, so drift on the
    machine hits all three alike."""
    runs = 3 if ctx.quick else 5
    project = copy_project(ctx.tmp / "serve-project")
    plain = copy_project(ctx.tmp / "serve-plain", hooks=False)
    page_url, title = first_chart_title(project)
    page_md = f"{page_url.rstrip('/') or 'index'}.md"
    heading = first_heading(project / "docs" / page_md)
    times: dict[str, list[float]] = {"plain-md": [], "engine-md": [], "engine-data": []}
    build(project, ctx.tmp / "serve-warm")  # draws the pictures into the copy's cache: serve starts warm
    with (
        mkdocs_serve(project, ctx.tmp / "serve.log") as (base, _),
        mkdocs_serve(plain, ctx.tmp / "serve-plain.log") as (plain_base, _),
    ):
        hooked_ctx, hooked = open_page(ctx, base, page_url, ".xchart__title")
        plain_ctx, bare = open_page(ctx, plain_base, page_url, "h1")
        try:
            time.sleep(1.0)  # the live-reload long polls are connected
            current = title
            for i in range(runs):
                times["plain-md"].append(time_markdown_edit(bare, plain / "docs" / page_md, heading, f"(plain {i})"))
                time.sleep(SETTLE)
                times["engine-md"].append(
                    time_markdown_edit(hooked, project / "docs" / page_md, heading, f"(engine {i})")
                )
                time.sleep(SETTLE)
                new = f"{title} (edit {i})"
                times["engine-data"].append(
                    edit_and_wait(
                        hooked,
                        project / "data" / "charts.yml",
                        f"title: {current}\n",
                        f"title: {new}\n",
                        f".xchart__title:text-is({json.dumps(new)})",
                        timeout=30000,
                    )
                )
                current = new
                # The preview draws the changed chart's downloads and cards once the editor pauses
                # (2 s): let that finish, so it never lands inside the next round's timings.
                time.sleep(SETTLE + 4.0)
        finally:
            hooked_ctx.close()
            plain_ctx.close()
    floor, md, data = (median(times[k]) for k in ("plain-md", "engine-md", "engine-data"))
    ratios = [d / p for d, p in zip(times["engine-data"], times["plain-md"], strict=True)]
    ratio = median(ratios)
    ctx.sections.append(
        Section(
            "5. mkdocs serve: an edit to the reloaded page, beside plain Material",
            [
                f"Two `mkdocs serve --livereload` servers at once, each on a scratch copy with /{page_url} open in "
                "Chromium: the project, and plain Material (the same docs/ with `hooks:`, `watch:` and the "
                "theme overrides removed). Each round rewrites the page's first heading in plain Material, then in the project, then "
                "the title of one chart in data/charts.yml; each time is from the file write to the reloaded page "
                "showing the change.",
                "",
                "| edit | median | runs |",
                "| --- | --- | --- |",
                f"| plain Material, Markdown edit | {floor:.2f} s | {', '.join(f'{t:.2f}' for t in times['plain-md'])} |",
                f"| engine, Markdown edit | {md:.2f} s | {', '.join(f'{t:.2f}' for t in times['engine-md'])} |",
                f"| engine, data edit | {data:.2f} s | {', '.join(f'{t:.2f}' for t in times['engine-data'])} |",
                f"| data edit / plain Markdown edit, median of the rounds' ratios | {ratio:.2f}× | "
                f"{', '.join(f'{r:.2f}' for r in ratios)} |",
            ],
        )
    )
    ctx.details["serve"] = times
    return [
        Result(
            "serve",
            f"serve: data edit → reloaded page, against plain Material's Markdown edit "
            f"({data:.2f} s / {floor:.2f} s, median of {runs} rounds)",
            f"≤ {SERVE_RATIO_BUDGET}×",
            f"{ratio:.2f}×",
            ratio <= SERVE_RATIO_BUDGET,
        ),
        Result(
            "serve",
            f"serve: data edit → reloaded page (median of {runs})",
            f"≤ {SERVE_BUDGET} s",
            f"{data:.2f} s",
            data <= SERVE_BUDGET,
        ),
    ]
