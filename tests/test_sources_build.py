"""A row with several sources, one of them a relay beside its original, through a real
`mkdocs build --strict` of a copy of the real site: every surface names every source, the
note does not stop the build, and the package still validates (issue 18)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from frictionless import validate

from conftest import copy_project
from explainer import outputs
from harness.project import mkdocs

FACT_RE = re.compile(r":fact\[(?P<metric>[a-z0-9-]+)\]\{date=(?P<date>[\d-]+)(?: claimant=(?P<claimant>[a-z0-9-]+))?\}")


def _quoted_row(project: Path) -> tuple[int, dict]:
    """The data row of the first :fact pinned to a date on the incursion page (line index, row)."""
    text = (project / "docs" / "incursion.md").read_text(encoding="utf-8")
    with (project / "data" / "observations.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for m in FACT_RE.finditer(text):
        found = [
            (i, r)
            for i, r in enumerate(rows)
            if r["metric"] == m["metric"] and r["date"] == m["date"] and m["claimant"] in (None, r["claimant"])
        ]
        if len(found) == 1:
            return found[0]
    raise AssertionError("no :fact pinned to one row on docs/incursion.md")


def _soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def corroborated(tmp_path_factory):
    """A copy of the site where the first pinned fact's row gains a second source: a relay of the
    row's own original (same outlet, same address), so both relay notes fire too."""
    root = tmp_path_factory.mktemp("corroborated")
    project = copy_project(root / "p")
    index, row = _quoted_row(project)
    sources = yaml.safe_load((project / "data" / "sources.yml").read_text(encoding="utf-8"))
    original = next(s for s in sources if s["id"] == row["source"])
    relay_id = "test-relay-of-" + original["id"]
    with (project / "data" / "sources.yml").open("a", encoding="utf-8") as fh:
        fh.write(
            f"\n- id: {relay_id}\n  publisher: Test Relay Gazette\n  title: A report of the same story\n"
            f"  url: https://relay.example.org/story\n  published: {row['date']}\n"
            f'  relays: {{outlet: "{original["publisher"]}", url: "{original["url"]}"}}\n'
        )
    path = project / "data" / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    line = lines[index + 1]
    assert line.count(f",{row['source']},") == 1, line
    lines[index + 1] = line.replace(f",{row['source']},", f",{row['source']}; {relay_id},")
    path.write_text("".join(lines), encoding="utf-8")
    out = root / "site"
    proc = mkdocs("build", "--strict", "--site-dir", str(out), cwd=project, check=True)
    return {"site": out, "row": row, "relay": relay_id, "original": original, "log": proc.stdout + proc.stderr}


@pytest.mark.build
def test_a_relay_beside_its_original_is_noted_but_the_strict_build_goes_ahead(corroborated):
    log = corroborated["log"]
    assert f"source '{corroborated['relay']}' relays" in log and "the original is also a source" in log
    assert "the row also cites" in log


@pytest.mark.build
def test_the_fact_names_both_sources_and_links_the_second(corroborated):
    doc = _soup(corroborated["site"], "incursion")
    relay_url = "https://relay.example.org/story"
    facts = [f for f in doc.select(".xfact") if f.select_one(f'.xfact__tip a[href="{relay_url}"]')]
    assert facts, "no fact links the row's second source"
    tip = " ".join(facts[0].select_one(".xfact__tip").get_text().split())
    credit = f"{corroborated['original']['publisher']}, as reported by Test Relay Gazette"
    assert f"; also reported by {credit})" in tip
    assert facts[0].select_one("a.xfact__value")["href"] == corroborated["original"]["url"]


@pytest.mark.build
def test_charts_tables_and_csvs_show_the_second_source(corroborated):
    site, row = corroborated["site"], corroborated["row"]
    credit = f"{corroborated['original']['publisher']}, as reported by Test Relay Gazette"
    charts = [
        c
        for page in ("incursion", "pokrovsk", "bridges", "negotiations", "response", "why", "after", "")
        if (site / page / "index.html").exists()
        for c in _soup(site, page).select("figure.xchart")
        if any(a["href"] == "https://relay.example.org/story" for a in c.select("a.xchart__source"))
    ]
    assert charts, "no chart's source line names the relay"
    for chart in charts:
        assert credit in [a.get_text() for a in chart.select("a.xchart__source")]
        assert any(f"also reported by {credit}" in td.get_text() for td in chart.select("tbody td"))
        chart_id = chart["data-chart"]
        with (site / outputs.download(chart_id, "csv", "en")).open(encoding="utf-8", newline="") as fh:
            drawn = [r for r in csv.DictReader(fh) if r["date"] == row["date"] and r["claimant"] == row["claimant"]]
        assert any(r["source"] == f"{row['source']}; {corroborated['relay']}" for r in drawn), chart_id


@pytest.mark.build
def test_bibliography_relays_list_and_package(corroborated):
    site, relay = corroborated["site"], corroborated["relay"]
    entry = _soup(site, "sources").select_one(f"#source-{relay}")
    assert entry.select_one(".xbib__publisher").get_text().endswith(", as reported by Test Relay Gazette")
    assert [a["href"] for a in entry.select(".xbib__cited a")], "the second source has no back-link"
    # The row quotes the original, so it does not rest on the relay.
    assert relay not in _soup(site, "methodology").select_one(".xrelays").get_text()
    report = validate(str(site / outputs.package("datapackage.json")))
    assert report.valid, report.flatten(["type", "message"])[:10]
    with (site / outputs.package("observation-sources.csv")).open(encoding="utf-8", newline="") as fh:
        assert any(r["source"] == relay and r["position"] == "2" for r in csv.DictReader(fh))
    with (site / outputs.package("sources.csv")).open(encoding="utf-8", newline="") as fh:
        (mine,) = [r for r in csv.DictReader(fh) if r["id"] == relay]
    assert mine["relays_outlet"] == corroborated["original"]["publisher"]
