"""Dates with one meaning (issue 18): "Covers", "Newest source" and "Last revised" mean the same on
every page, in the footer, the citations, the structured data, the feed and the data package."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from bs4 import BeautifulSoup
from pages import render

from conftest import ROOT
from explainer import PageRef, outputs
from explainer.model.dates import COVERS, LAST_REVISED, NEWEST_SOURCE, period
from explainer.model.formatting import long_date
from fixtures import SOURCES

WORDS = (COVERS, NEWEST_SOURCE, LAST_REVISED)
# The English pages (the Ukrainian ones, docs/*.uk.md, are tested in test_i18n_build.py).
PAGES = sorted("" if p.stem == "index" else p.stem for p in (ROOT / "docs").glob("*.md") if p.stem.count(".") == 0)
REVISIONS = """\
- date: 2025-06-01
  summary: The area figure of 20 August was attributed to the wrong outlet.
  reason: The report it came from was published by another outlet.
  metrics: [territory-km2]
"""
UPDATES = """\
- date: 2025-09-01
  title: A new page on talks
  summary: What Russia said about talks.
  pages: [talks.md]
"""
REFERENCE = """\
- id: census
  kind: reference
  publisher: Wikipedia
  title: Pokrovsk
  url: https://en.wikipedia.org/wiki/Pokrovsk
  accessed: 2025-12-01
"""


def dates_line(doc: BeautifulSoup, selector: str = "h1 + p.xdates") -> dict[str, str]:
    """A dates line: words -> ISO date, or start/end for the period covered."""
    out = {}
    line = doc.select_one(selector)
    for item in line.select(".xdates__item") if line else []:
        words = item.get_text().split(":")[0].strip()
        when = item.find("time")
        covers = item.select_one(".xdates__covers")
        out[words] = when["datetime"] if when else f"{covers['data-start']}/{covers['data-end']}"
    return out


@pytest.mark.parametrize(
    "start, end, text",
    [
        (date(2024, 8, 20), date(2024, 8, 20), "20 August 2024"),
        (date(2024, 8, 6), date(2024, 8, 31), "6–31 August 2024"),
        (date(2024, 7, 28), date(2024, 9, 4), "28 July – 4 September 2024"),
        (date(2023, 12, 30), date(2024, 1, 2), "30 December 2023 – 2 January 2024"),
    ],
)
def test_a_period_reads_as_a_newsroom_writes_it(start, end, text):
    assert period(start, end) == text


def test_each_page_dates_what_it_shows_cites_and_is_revised_by(engine_for):
    engine = engine_for(sources_yml=SOURCES + REFERENCE, corrections_yml=REVISIONS, updates_yml=UPDATES)
    assert engine.errors == []
    area = BeautifulSoup(
        render(engine, "# Area\n\n::chart[territory]\n", PageRef("docs/b.md", "b/", "B")), "html.parser"
    )
    # Drawn: 12 and 20 August; newest report cited: 20 August; the correction of 1 June 2025 concerns its metric.
    assert dates_line(area) == {
        COVERS: "2024-08-12/2024-08-20",
        NEWEST_SOURCE: "2024-08-20",
        LAST_REVISED: "2025-06-01",
    }
    assert "Covers: 12–20 August 2024 · Newest source: 20 August 2024 · Last revised: 1 June 2025" in area.get_text()
    # A reference work cited alone gives no "newest source"; the update naming the page is its revision.
    talks = BeautifulSoup(
        render(engine, "# Talks\n\n:cite[census] gives the town's history.\n", PageRef("docs/talks.md", "t/", "T")),
        "html.parser",
    )
    assert dates_line(talks) == {LAST_REVISED: "2025-09-01"}
    quiet = BeautifulSoup(render(engine, "# Quiet\n\nNo figures.\n", PageRef("docs/q.md", "q/", "Q")), "html.parser")
    assert quiet.select(".xdates") == []


def test_one_meaning_in_the_package_citations_structured_data_and_feed(engine_for):
    engine = engine_for(corrections_yml=REVISIONS, updates_yml=UPDATES)
    site = engine.dates
    assert (site.covers, site.newest_source, site.last_revised) == (
        (date(2024, 8, 12), date(2024, 8, 20)),
        date(2024, 8, 20),
        date(2025, 9, 1),
    )
    descriptor = json.loads(engine.package.files["datapackage.json"])
    assert (descriptor["covers"], descriptor["newestSource"], descriptor["lastRevised"]) == (
        "2024-08-12/2024-08-20",
        "2024-08-20",
        "2025-09-01",
    )
    assert descriptor["version"].startswith("2024-08-20+")  # the data version is dated by its newest source
    readme = engine.package.files["README.md"].decode()
    assert "- Covers: 12–20 August 2024" in readme and "- Last revised: 1 September 2025" in readme
    assert "last revised 1 September 2025" in readme  # the citation in it
    doc = BeautifulSoup(render(engine, "# M\n\n::reuse\n\n::chart[territory]\n"), "html.parser")
    for line in (doc.select_one(".xreuse__cite-line"), doc.select_one(".xchart__cite-line")):
        assert ", last revised 1 September 2025, " in line.get_text()
    for bibtex in doc.select("pre code"):
        assert re.search(r"year\s+= \{2025\}", bibtex.get_text()) and "2025-09-01" in bibtex.get_text()
    graph = json.loads(engine.structured_data("a/", "M", "d"))["@graph"]
    article, dataset = graph
    # The page draws a corrected metric: its own last revision; it covers what it draws.
    assert (article["dateModified"], dataset["dateModified"]) == ("2025-06-01", "2025-09-01")
    assert article["temporalCoverage"] == dataset["temporalCoverage"] == "2024-08-12/2024-08-20"
    feed = engine.feed().decode()
    assert "Newest source: 20 August 2024" in feed


def test_a_page_never_revised_takes_the_sites_last_revision_in_its_structured_data(engine_for):
    engine = engine_for(corrections_yml=REVISIONS, updates_yml=UPDATES)
    render(engine, "# Talks\n\n:cite[moscow-times] reported.\n", PageRef("docs/c.md", "c/", "C"))
    article = json.loads(engine.structured_data("c/", "C", "d"))["@graph"][0]
    assert article["dateModified"] == "2025-09-01" and "temporalCoverage" not in article


# -- the real site ------------------------------------------------------------------------------
def _page(built_site, page: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_every_page_and_the_footer_use_the_three_dates_and_nothing_else(built_site):
    descriptor = json.loads((built_site / outputs.package("datapackage.json")).read_text(encoding="utf-8"))
    site = {
        COVERS: descriptor["covers"],
        NEWEST_SOURCE: descriptor["newestSource"],
        LAST_REVISED: descriptor["lastRevised"],
    }
    assert descriptor["version"].startswith(descriptor["newestSource"] + "+")
    for page in PAGES:
        doc = _page(built_site, page)
        assert dates_line(doc, "p.xpl-dates") == site, page  # the footer: the whole site's
        mine = dates_line(doc)
        assert set(mine) <= set(WORDS), (page, mine)
        # A page's period lies within the site's; its newest source is no newer than the site's.
        if COVERS in mine:
            start, end = mine[COVERS].split("/")
            assert site[COVERS].split("/")[0] <= start <= end <= site[COVERS].split("/")[1], page
        if NEWEST_SOURCE in mine:
            assert mine[NEWEST_SOURCE] <= site[NEWEST_SOURCE], page
        graph = json.loads(doc.find("script", type="application/ld+json").string)["@graph"]
        article = graph[0]
        assert article["dateModified"] == mine.get(LAST_REVISED, site[LAST_REVISED]), page
        assert article.get("temporalCoverage") == mine.get(COVERS), page
        assert graph[1]["dateModified"] == site[LAST_REVISED] and graph[1]["temporalCoverage"] == site[COVERS]
        text = " ".join(doc.get_text(" ").split())
        # The words the site used before dates had one meaning each.
        assert not re.search(r"Data last updated|\bUpdated \d", text), page
    revised = long_date(date.fromisoformat(site[LAST_REVISED]))
    methodology = _page(built_site, "methodology")
    assert f", last revised {revised}, " in methodology.select_one(".xreuse__cite-line").get_text()
    for page in PAGES:
        for line in _page(built_site, page).select(".xchart__cite-line"):
            assert f", last revised {revised}, " in line.get_text(), page
