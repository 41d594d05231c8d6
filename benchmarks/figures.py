"""2. Figures: the size of each chart's figure JSON (gzip), and that no figure carries a Plotly template."""

from __future__ import annotations

import gzip
import json

from bs4 import BeautifulSoup
from context import KB, Context, html_of, kb, pages_of
from report import Result, Section

from harness.net import GZIP_LEVEL

FIGURE_BUDGET = 3 * KB


def has_key(value, key: str) -> bool:
    if isinstance(value, dict):
        return key in value or any(has_key(v, key) for v in value.values())
    if isinstance(value, list):
        return any(has_key(v, key) for v in value)
    return False


def measure(ctx: Context) -> list[Result]:
    site, _ = ctx.served()
    charts = []
    for url in pages_of(site):
        soup = BeautifulSoup(html_of(site, url), "html.parser")
        for el in soup.select(".xchart__plot[data-figure]"):
            figure = json.loads(el["data-figure"])
            compact = json.dumps(figure, separators=(",", ":"), ensure_ascii=False).encode()
            chart_id = el.find_parent("figure")["data-chart"]
            charts.append(
                {
                    "chart": chart_id,
                    "page": url,
                    "attribute": len(el["data-figure"].encode()),
                    "compact": len(compact),
                    "gzip": len(gzip.compress(compact, GZIP_LEVEL)),
                    "template": has_key(figure.get("layout", {}), "template") or has_key(figure, "template"),
                }
            )
    avg = sum(c["gzip"] for c in charts) / len(charts) if charts else 0
    templated = [c["chart"] for c in charts if c["template"]]
    lines = [
        f"Each `data-figure` value JSON-decoded, re-serialised compactly, gzip level {GZIP_LEVEL}.",
        "",
        "| chart | page | attribute value | compact JSON | gzip | template |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| {c['chart']} | /{c['page']} | {kb(c['attribute'])} | {kb(c['compact'])} | {kb(c['gzip'])} | {'yes' if c['template'] else 'no'} |"
        for c in sorted(charts, key=lambda c: -c["gzip"])
    ]
    ctx.sections.append(Section("2. Figure JSON per chart", lines))
    ctx.details["figures"] = charts
    biggest = max(charts, key=lambda c: c["gzip"]) if charts else None
    return [
        Result(
            "figures",
            f"figure JSON, mean of {len(charts)} charts",
            f"≤ {kb(FIGURE_BUDGET)} gzip",
            kb(avg),
            bool(charts) and avg <= FIGURE_BUDGET,
            f"largest: {biggest['chart']} {kb(biggest['gzip'])}" if biggest else "no charts found",
        ),
        Result(
            "figures", "figures with a `template` key", "0", str(len(templated)), not templated, ", ".join(templated)
        ),
    ]
