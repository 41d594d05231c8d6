"""7. Caching: content-hashed names for the runtime, stylesheet and plotly.js; a data edit reaches its figure on rebuild."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from bs4 import BeautifulSoup
from context import Context, html_of, pages_of
from report import Result, Section

from harness.project import build, copy_project, edit, outputs

HASHED = {
    "runtime script": r"javascripts/charts\.([0-9a-f]{10})\.js",
    "stylesheet": r"stylesheets/explainer\.([0-9a-f]{10})\.css",
    "plotly.js": re.escape(outputs().VENDOR) + r"/plotly-basic\.\d+\.\d+\.\d+\.([0-9a-f]{10})\.min\.js",
}


def figures_by_chart(site: Path) -> dict[str, str]:
    out = {}
    for url in pages_of(site):
        for el in BeautifulSoup(html_of(site, url), "html.parser").select(".xchart__plot[data-figure]"):
            out[el.find_parent("figure")["data-chart"]] = el["data-figure"]
    return out


def drawn_row_edit(project: Path, site: Path, chart_id: str) -> tuple[str, str, str]:
    """A line of data/observations.csv drawn in chart_id, and the same line with a new value."""
    import csv

    first = next(csv.DictReader((site / outputs().download(chart_id, "csv", "en")).open(encoding="utf-8")))
    prefix = f"{first['date']},{first['metric']},{first['value']},{first['claimant']},"
    for line in (project / "data" / "observations.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith(prefix):
            return (
                line,
                line.replace(prefix, f"{first['date']},{first['metric']},98765.4,{first['claimant']},", 1),
                "98765.4",
            )
    raise RuntimeError(f"no observations.csv line starts with {prefix!r}")


def measure(ctx: Context) -> list[Result]:
    site, _ = ctx.served()
    results, lines = [], []
    html = "".join(html_of(site, u) for u in pages_of(site))
    for what, pattern in HASHED.items():
        found = sorted(set(re.findall(r"(?:\.\./)*(" + pattern.replace("(", "(?:", 1) + ")", html)))
        ok = len(found) == 1 and (site / found[0]).is_file()
        name = found[0] if found else "not referenced"
        if ok:
            digest = re.search(pattern, name).group(1)
            ok = hashlib.sha256((site / name).read_bytes()).hexdigest()[:10] == digest
        lines.append(f"- {what}: `{name}` ({'name carries the sha256 of its content' if ok else 'NOT content-hashed'})")
        results.append(
            Result(
                "caching", f"{what} under a content-hashed name", "yes", name.rsplit("/", 1)[-1] if found else "no", ok
            )
        )

    project = copy_project(ctx.tmp / "cache-project")
    before_site, after_site = ctx.tmp / "cache-before", ctx.tmp / "cache-after"
    build(project, before_site)
    before = figures_by_chart(before_site)
    csvs = {c: before_site / outputs().download(c, "csv", "en") for c in before}
    series = [c for c, f in csvs.items() if f.exists() and f.read_text(encoding="utf-8").startswith("date,metric,")]
    chart_id = series[0]
    old, new, value = drawn_row_edit(project, before_site, chart_id)
    edit(project / "data" / "observations.csv", old, new)
    build(project, after_site)
    after = figures_by_chart(after_site)
    changed = before[chart_id] != after[chart_id] and value in after[chart_id]
    uses_metric = {c for c in before if c != chart_id and before[c] != after.get(c)}
    lines += [
        "",
        f"Data edit: one value drawn in `{chart_id}` set to {value} in a scratch copy of data/observations.csv, then rebuilt: "
        f"its figure {'changed and shows the new value' if changed else 'DID NOT change (stale)'}; "
        f"other figures that changed: {', '.join(sorted(uses_metric)) or 'none'}.",
    ]
    results.append(
        Result(
            "caching",
            f"figure of `{chart_id}` after a data edit + rebuild",
            "new value",
            "new value" if changed else "STALE",
            changed,
        )
    )
    ctx.sections.append(Section("7. Caching", lines))
    return results
