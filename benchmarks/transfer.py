"""1. Transfer: everything a page transfers from a cold cache until its charts are drawn (gzip, as a host sends it)."""

from __future__ import annotations

import gzip
import re
from urllib.parse import urlsplit

from context import DESKTOP, KB, Context, kb, load_and_draw, pages_of
from report import Result, Section

from harness.net import GZIP_LEVEL

PAGE_BUDGET = 550 * KB
UNTOUCHED_BUDGET = 150 * KB  # reading the page through without touching a chart (issue 13)
PLAIN_JS_BUDGET = 5 * KB


def category(url: str) -> str:
    path = urlsplit(url).path
    if "plotly" in path:
        return "plotly.js"
    if path.startswith("/javascripts/"):
        return "own JS (docs/javascripts)"
    if path.startswith("/stylesheets/"):
        return "own CSS"
    if path.startswith("/assets/javascripts/"):
        return "Material JS (incl. search worker)"
    if path.startswith("/assets/stylesheets/"):
        return "Material CSS"
    if "search_index" in path:
        return "search index"
    if path.endswith("/") or path.endswith(".html"):
        return "HTML"
    return "other"


SEARCH = {"": "Pokrovsk", "uk/": "Покровськ"}  # what a reader searches for, by edition


def sized(site, load: dict, estimated: set) -> int:
    """The load's total transfer. Chromium reports no body size for a worker's scripts (Material's
    search worker and its language files): the file's gzip size is counted instead."""
    for r in load["responses"]:
        file = site / urlsplit(r["url"]).path.lstrip("/")
        if r["body"] == 0 and file.is_file():
            r["body"] = len(gzip.compress(file.read_bytes(), GZIP_LEVEL))
            estimated.add(urlsplit(r["url"]).path)
    return sum(r["body"] + r["headers"] for r in load["responses"])


def searched(ctx: Context, url: str, estimated: set) -> tuple[int, int]:
    """The page read through, then a search typed and answered: (total, of which the search index)."""
    site, base = ctx.served()
    load = load_and_draw(
        ctx, base + url, DESKTOP, touch_charts=False, search=SEARCH["uk/" if url.startswith("uk/") else ""]
    )
    total = sized(site, load, estimated)
    return total, sum(r["body"] + r["headers"] for r in load["responses"] if "search_index" in r["url"])


def measure(ctx: Context) -> list[Result]:
    site, base = ctx.served()
    rows = []
    estimated = set()
    for url in pages_of(site):
        load = load_and_draw(ctx, base + url, DESKTOP)
        total = sized(site, load, estimated)
        by_cat: dict[str, int] = {}
        for r in load["responses"]:
            by_cat[category(r["url"])] = by_cat.get(category(r["url"]), 0) + r["body"] + r["headers"]
        rows.append((url, total, by_cat, load))
    untouched = []
    for url in [u for u in pages_of(site) if 'class="xchart__plot"' in (site / u / "index.html").read_text("utf-8")]:
        load = load_and_draw(ctx, base + url, DESKTOP, touch_charts=False)
        total = sized(site, load, estimated)
        untouched.append((url, total, [r["url"] for r in load["responses"] if "plotly" in r["url"]]))
    # A page without charts is read through as loaded: it counts for the heaviest read-through too.
    untouched += [(url, total, []) for url, total, _, ld in rows if not ld["states"]]
    ungzipped = [
        r["url"]
        for _, _, _, ld in rows
        for r in ld["responses"]
        if r["encoding"] != "gzip" and re.search(r"\.(html|js|css|json|svg|xml)$|/$", r["url"].split("?")[0])
    ]
    chart_rows = [r for r in rows if r[3]["states"]]
    plain_rows = [r for r in rows if not r[3]["states"]]
    results = []
    undrawn = {url: ld["states"] for url, _, _, ld in chart_rows if any(s != "drawn" for s in ld["states"])}
    if chart_rows:
        url, total, by_cat, load = max(chart_rows, key=lambda r: r[1])
        results.append(
            Result(
                "transfer",
                f"heaviest chart page (/{url}, {len(load['states'])} charts drawn)",
                f"≤ {kb(PAGE_BUDGET)} gzip",
                kb(total),
                total <= PAGE_BUDGET and not undrawn,
                f"charts not drawn: {undrawn}" if undrawn else "",
            )
        )
    search_line = []
    if untouched:
        url, total, plotly = max(untouched, key=lambda r: r[1])
        results.append(
            Result(
                "transfer",
                f"heaviest page read through without touching a chart (/{url}; plotly.js {'fetched' if plotly else 'not fetched'})",
                f"≤ {kb(UNTOUCHED_BUDGET)} gzip",
                kb(total),
                total <= UNTOUCHED_BUDGET and not plotly,
            )
        )
        # Search loads on first use: what opening it adds, so the index's weight stays in view.
        after, index = searched(ctx, url, estimated)
        query = SEARCH["uk/" if url.startswith("uk/") else ""]
        results.append(
            Result(
                "transfer",
                f"the same page, then a search for '{query}' (index {kb(index)}, worker and its language files on first use)",
                "report",
                kb(after),
                None,
            )
        )
        search_line = [
            "",
            f"The same page (/{url}), read through and then searched ('{query}', results shown): "
            f"**{kb(after)}**, of which the search index {kb(index)}.",
        ]
    for url, _total, by_cat, load in plain_rows:
        plotly = [r["url"] for r in load["responses"] if "plotly" in r["url"]]
        own_js = by_cat.get("own JS (docs/javascripts)", 0)
        results.append(
            Result(
                "transfer",
                f"page without charts /{url}: plotly.js fetched; own JS",
                f"none; ≤ {kb(PLAIN_JS_BUDGET)}",
                f"{'yes' if plotly else 'none'}; {kb(own_js)}",
                not plotly and own_js <= PLAIN_JS_BUDGET,
            )
        )
    cats = sorted({c for _, _, by_cat, _ in rows for c in by_cat})
    lines = [
        "Everything transferred (response bodies as sent, gzip level "
        f"{GZIP_LEVEL} by the benchmark's server for text types, plus response headers) from a cold cache, "
        "after scrolling every chart into view until all are drawn. Desktop viewport 1280×900.",
        "",
        "| page | charts | requests | total | " + " | ".join(cats) + " |",
        "| --- " * (4 + len(cats)) + "|",
    ]
    for url, total, by_cat, load in rows:
        lines.append(
            f"| /{url} | {len(load['states'])} | {len(load['responses'])} | **{kb(total)}** | "
            + " | ".join(kb(by_cat[c]) if c in by_cat else "–" for c in cats)
            + " |"
        )
    lines += [
        "",
        "Read through without touching a chart (every chart scrolled into view, none reached for: the "
        "build-time pictures stand, plotly.js is not fetched):",
        "",
        "| page | total | plotly.js |",
        "| --- | --- | --- |",
        *[f"| /{u} | **{kb(t)}** | {'fetched' if p else 'not fetched'} |" for u, t, p in untouched],
        *search_line,
    ]
    if estimated:
        lines += [
            "",
            "Sizes computed from the file (gzip level 6) because Chromium reports no body size for them: "
            + ", ".join(f"`{u}`" for u in sorted(estimated))
            + ".",
        ]
    if ungzipped:
        lines += ["", f"Text responses not gzipped (check the server): {ungzipped}"]
    ctx.sections.append(Section("1. Transfer per page", lines))
    ctx.details["transfer"] = {
        url: {"total": total, "by_category": by_cat, "responses": ld["responses"]} for url, total, by_cat, ld in rows
    }
    return results
