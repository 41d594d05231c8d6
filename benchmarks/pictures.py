"""3c. The inline pictures: bytes per page of one palette-themed SVG per chart (CSS variables)
against one picture per scheme (the same SVGs twice, with the light and the dark colours baked in)."""

from __future__ import annotations

import gzip
import re

from context import Context, html_of, kb, pages_of
from report import Result, Section

from harness.net import GZIP_LEVEL

PICTURE = re.compile(r'<div class="xchart__picture">.*?</div>', re.S)
# One chart's picture (its three widths) with the chart id: maps draw areas, the heaviest pictures.
CHART_PICTURE = re.compile(
    r'<figure class="xchart" id="chart-([^"]+)".*?(<div class="xchart__picture">.*?</div>)', re.S
)
MAP_PICTURE_BUDGET = 60 * 1024
LIGHT = {
    "var(--md-default-fg-color)": "rgba(0, 0, 0, 0.87)",
    "var(--md-default-fg-color--light)": "rgba(0, 0, 0, 0.54)",
    "var(--md-default-fg-color--lightest)": "rgba(0, 0, 0, 0.07)",
}
DARK = {
    "var(--md-default-fg-color)": "hsla(225, 15%, 90%, 0.82)",
    "var(--md-default-fg-color--light)": "hsla(225, 15%, 90%, 0.56)",
    "var(--md-default-fg-color--lightest)": "hsla(225, 15%, 90%, 0.07)",
}


def baked(text: str, colours: dict) -> str:
    for var, value in colours.items():
        text = text.replace(var, value)
    return text


def gz(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), GZIP_LEVEL))


def measure(ctx: Context) -> list[Result]:
    site, _ = ctx.served()
    rows = []
    for url in pages_of(site):
        html = html_of(site, url)
        pictures = "".join(PICTURE.findall(html))
        if not pictures:
            continue
        rows.append((url, len(pictures), gz(pictures), gz(baked(pictures, LIGHT) + baked(pictures, DARK)), gz(html)))
    lines = [
        "Inline picture markup per page (three widths per chart), raw and gzip (level 6), against one picture "
        "per scheme (the same markup twice with the colours baked in, gzipped together as one page would be).",
        "",
        "| page | pictures raw | pictures gzip | one per scheme, gzip | whole HTML gzip |",
        "| --- | --- | --- | --- | --- |",
        *[f"| /{u} | {kb(r)} | {kb(g)} | {kb(two)} | {kb(h)} |" for u, r, g, two, h in rows],
    ]
    ctx.sections.append(Section("3c. Inline pictures: one themed SVG against one per scheme", lines))
    ours = sum(g for _, _, g, _, _ in rows)
    two = sum(t for _, _, _, t, _ in rows)
    maps = {
        chart: gz(picture)
        for url in pages_of(site)
        for chart, picture in CHART_PICTURE.findall(html_of(site, url))
        if chart.startswith("map-")
    }
    heaviest = max(maps, key=maps.get) if maps else None
    return [
        Result(
            "pictures",
            "inline pictures, all chart pages, gzip: themed SVG vs one per scheme",
            "lighter",
            f"{kb(ours)} vs {kb(two)}",
            ours <= two,
        ),
        Result(
            "pictures",
            "each map's picture (three widths), gzip: heaviest map",
            f"≤ {kb(MAP_PICTURE_BUDGET)} gzip",
            f"{heaviest} {kb(maps[heaviest])}" if heaviest else "no maps found",
            bool(maps) and maps[heaviest] <= MAP_PICTURE_BUDGET,
            "; ".join(f"{c} {kb(n)}" for c, n in sorted(maps.items())),
        ),
    ]
