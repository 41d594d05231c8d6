"""The editorial model: qualifiers, the two status vocabularies, claimant groups, source kinds and
corrections, each through the engine's real loading, figures, tables, CSVs and HTML."""

from __future__ import annotations

import csv
import io

import pytest
from bs4 import BeautifulSoup
from pages import render

from explainer import PageRef, kinds
from explainer.model.palette import BACKGROUNDS, GROUP_COLOURS, GROUP_SYMBOLS, contrast
from fixtures import CLAIMANTS, EVENTS, OBSERVATIONS, SOURCES

HEADER = "date,metric,value,qualifier,high,claimant,status,source,note\n"
QUALIFIED = HEADER + (
    "2024-08-12,territory-km2,1000,about,,syrskyi,claimed,censor-syrskyi,\n"
    "2024-08-12,territory-km2,800,at-least,,afp-isw,assessed,afp-isw,\n"
    "2024-08-19,territory-km2,1250,more-than,,syrskyi,claimed,moscow-times,\n"
    "2024-08-20,territory-km2,1200,range,1300,syrskyi,claimed,up-syrskyi,\n"
    "2024-08-20,settlements,93,less-than,,syrskyi,claimed,up-syrskyi,\n"
)


def view(engine, chart_id):
    return kinds.view(engine.dataset.charts[chart_id], engine.dataset)


def errors(engine) -> list[str]:
    return [str(p) for p in engine.errors]


# -- qualifiers ---------------------------------------------------------------------------------
def test_a_qualifier_reads_in_the_fact_the_hover_the_table_and_the_csv(engine_for):
    engine = engine_for(observations_csv=QUALIFIED)
    assert errors(engine) == []
    html = render(engine, ":fact[territory-km2]{date=2024-08-19} and :fact[territory-km2]{date=2024-08-20}")
    facts = [a.get_text() for a in BeautifulSoup(html, "html.parser").select(".xfact__value")]
    assert facts == ["more than 1,250 km²", "1,200–1,300 km²"]
    v = view(engine, "territory")
    hovers = [line for t in v.figure["data"] for point in t["customdata"] for line in point]
    assert "about 1,000 km² as of 12 August 2024" in hovers and "at least 800 km² as of 12 August 2024" in hovers
    assert [row[1] for row in v.table_rows] == ["at least 800 km²", "about 1,000 km²", "more than 1,250 km²",
                                                "1,200–1,300 km²"]  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(v.csv_text)))
    assert [(r["value"], r["qualifier"], r["high"], r["figure"]) for r in rows][-1] == (
        "1200",
        "range",
        "1300",
        "1,200–1,300 km²",
    )
    assert {"qualifier", "high", "claimant_group"} <= set(rows[0])


def test_a_range_is_an_interval_and_a_bound_points_its_way(engine_for):
    v = view(engine_for(observations_csv=QUALIFIED), "territory")
    (claims,) = [t for t in v.figure["data"] if t["name"].startswith("Oleksandr Syrskyi")]
    at = claims["x"].index("2024-08-20")
    assert claims["y"][at] == 1250  # the middle of 1,200–1,300
    assert claims["error_y"]["array"][at] == 50 and claims["error_y"]["symmetric"] is True
    assert claims["error_y"]["array"][claims["x"].index("2024-08-19")] is None  # a bound has no interval
    arrows = {(a["x"], a["y"]): a for a in v.figure["layout"]["annotations"] if a.get("showarrow")}
    up = arrows[("2024-08-19", 1250)]  # more than: the head above the point, the tail below it
    assert up["yshift"] > 0 and up["ay"] > 0 and up["ax"] == 0
    least = arrows[("2024-08-12", 800)]
    assert least["yshift"] > 0
    assert ("2024-08-12", 1000) not in arrows and ("2024-08-20", 1200) not in arrows  # "about", a range
    bar = view(engine_for(observations_csv=QUALIFIED), "settlements-bar").figure["data"][0]
    assert bar["text"] == ["← less than 93 (claim)"]


def test_two_bounds_of_the_same_number_no_longer_look_alike(engine_for):
    rows = HEADER + (
        "2024-08-15,territory-km2,10,more-than,,syrskyi,claimed,up-syrskyi,\n"
        "2024-08-20,territory-km2,10,less-than,,syrskyi,claimed,up-syrskyi,\n"
    )
    v = view(engine_for(observations_csv=rows), "territory")
    arrows = [a for a in v.figure["layout"]["annotations"] if a.get("showarrow")]
    assert sorted((a["x"], a["yshift"] > 0) for a in arrows) == [("2024-08-15", True), ("2024-08-20", False)]


def test_every_qualifier_mistake_has_its_own_message(engine_for):
    rows = HEADER + (
        "2024-08-12,territory-km2,1000,over,,syrskyi,claimed,censor-syrskyi,\n"
        "2024-08-13,territory-km2,1000,range,,syrskyi,claimed,censor-syrskyi,\n"
        "2024-08-14,territory-km2,1000,about,1200,afp-isw,assessed,up-syrskyi,\n"
        "2024-08-15,territory-km2,1000,range,900,afp-isw,assessed,up-syrskyi,\n"
        "2024-08-16,territory-km2,more than 1000,,,afp-isw,assessed,up-syrskyi,\n"
    )
    found = [e for e in errors(engine_for(observations_csv=rows)) if e.startswith("data/observations.csv")]
    assert found[:4] == [
        "data/observations.csv:2: qualifier: 'over' is not a qualifier (write one of: about, more-than, at-least, "
        "up-to, less-than, range, or leave it empty for an exact figure; did you mean 'more-than'?)",
        "data/observations.csv:3: high: a range needs its high end in the high column (value is the low end)",
        "data/observations.csv:4: high: only a range has a high end; write qualifier 'range', or empty the high column",
        "data/observations.csv:5: high: the high end (900) must be above the low end in value (1000)",
    ]
    assert found[4].startswith("data/observations.csv:6: value: 'more than 1000' is not a number")


def test_files_written_before_qualifiers_and_groups_keep_loading(engine_for):
    old_claimants = CLAIMANTS.replace("group: ukraine", "side: ukraine").replace("group: russia", "side: russia")
    engine = engine_for(claimants_yml=old_claimants)  # OBSERVATIONS has no qualifier or high column
    assert errors(engine) == []
    assert engine.dataset.claimants["syrskyi"].group == "ukraine" and len(engine.dataset.observations) == 4
    lumped = errors(engine_for(claimants_yml=CLAIMANTS.replace("group: analysts", "side: independent")))
    assert len(lumped) == 1 and lumped[0].startswith("data/claimants.yml:5: side 'independent' is replaced by group")


# -- statuses of events and statements -----------------------------------------------------------
EVENTS_ALL = EVENTS.replace("source,note", "source,place,note").replace("moscow-times,\n", "moscow-times,,\n") + (
    "bridge-down,2024-08-12,negotiations,Russia,afp-isw,confirmed,A bridge fell,Bridge fell,afp-isw,,\n"
    "talks-report,2024-08-13,negotiations,Russia,afp-isw,reported,Talks were planned,Talks planned,afp-isw,,\n"
    "date-contested,2024-08-18,negotiations,Russia,syrskyi,disputed,A contested date,Contested date,up-syrskyi,,\n"
)


def test_a_statement_on_record_is_drawn_and_keyed_apart_from_a_confirmed_event(engine_for):
    engine = engine_for(events_csv=EVENTS_ALL)
    assert errors(engine) == []
    v = view(engine, "talks")
    marks = {t["name"]: t for t in v.figure["data"] if t.get("showlegend") is not False}
    assert set(marks) == {
        "Ukraine's state and forces · disputed",
        "Russia's state and forces · on record",
        "Analysts and OSINT · confirmed",
        "Analysts and OSINT · reported",
    }
    assert marks["Russia's state and forces · on record"]["marker"]["symbol"] == "square-open-dot"
    assert marks["Analysts and OSINT · confirmed"]["marker"]["symbol"] == "triangle-up"
    assert marks["Analysts and OSINT · reported"]["marker"]["symbol"] == "triangle-up-open"
    crosses = [t for t in v.figure["data"] if t.get("hoverinfo") == "skip"]
    assert [t["x"] for t in crosses] == [["2024-08-18"]]  # a cross over the disputed mark only
    statuses = {r[2]: r[4] for r in v.table_rows}
    assert statuses["Ushakov says no talks at this stage"] == "on record"
    hover = [p[2] for t in marks.values() for p in t["customdata"]]
    assert any("on record: it was said, which does not confirm what was said" in h for h in hover)
    key = BeautifulSoup(render(engine, "::chart[talks]\n"), "html.parser").select_one(".xchart__key").get_text()
    assert "statements on record: they were said, which does not confirm what was said" in key
    assert "confirmed facts" not in key


def test_a_figure_status_in_events_is_refused_with_what_to_write(engine_for):
    found = [
        e
        for e in errors(engine_for(events_csv=EVENTS.replace(",on-record,", ",claimed,")))
        if e.startswith("data/events.csv")
    ]
    assert found == [
        "data/events.csv:2: status: 'claimed' is a figure's status; an event or statement is on-record (the claim "
        "was made, verifiably) or reported (a media report)"
    ]
    unknown = [
        e
        for e in errors(engine_for(events_csv=EVENTS.replace(",on-record,", ",rumoured,")))
        if e.startswith("data/events.csv")
    ]
    assert len(unknown) == 1 and "unknown value 'rumoured'" in unknown[0] and "'on-record'" in unknown[0]


# -- claimant groups ------------------------------------------------------------------------------
def test_the_group_sets_colour_and_shape_and_the_key_names_only_groups_drawn(engine_for):
    engine = engine_for()
    v = view(engine, "territory")
    traces = {t["name"]: t for t in v.figure["data"]}
    assert traces["AFP analysis of ISW data"]["marker"]["color"] == GROUP_COLOURS["analysts"]
    assert traces["AFP analysis of ISW data"]["marker"]["symbol"] == GROUP_SYMBOLS["analysts"]
    assert traces["Oleksandr Syrskyi (claim)"]["marker"]["symbol"] == "circle-open"
    key = BeautifulSoup(render(engine, "::chart[territory]\n"), "html.parser").select(".xkey")
    assert [k.get_text(" ", strip=True) for k in key] == ["● Ukraine's state and forces", "▲ Analysts and OSINT"]
    assert [k["class"][1] for k in key] == ["xkey--ukraine", "xkey--analysts"]


def test_two_claimants_of_one_group_get_two_marker_variants(engine_for):
    claimants = CLAIMANTS + "- id: zelenskyy\n  name: Volodymyr Zelenskyy\n  role: President\n  group: ukraine\n"
    rows = OBSERVATIONS + "2024-08-19,territory-km2,1250,zelenskyy,claimed,moscow-times,\n"
    v = view(engine_for(claimants_yml=claimants, observations_csv=rows), "territory")
    symbols = {t["name"]: t["marker"]["symbol"] for t in v.figure["data"]}
    assert symbols["Oleksandr Syrskyi (claim)"] != symbols["Volodymyr Zelenskyy (claim)"]
    assert {symbols["Oleksandr Syrskyi (claim)"], symbols["Volodymyr Zelenskyy (claim)"]} == {
        "circle-open",
        "circle-cross-open",
    }
    dashes = {t["name"]: t["line"]["dash"] for t in v.figure["data"]}
    assert dashes["Oleksandr Syrskyi (claim)"] != dashes["Volodymyr Zelenskyy (claim)"]


def test_every_group_has_a_colour_with_3_to_1_and_a_shape_of_its_own():
    from explainer.model.claims import GROUPS
    from explainer.model.palette import GROUP_GLYPHS

    assert set(GROUP_COLOURS) == set(GROUP_SYMBOLS) == set(GROUP_GLYPHS) == set(GROUPS)
    assert len(set(GROUP_SYMBOLS.values())) == len(GROUPS) and len(set(GROUP_COLOURS.values())) == len(GROUPS)
    assert len(set(GROUP_GLYPHS.values())) == len(GROUPS) and "international" in GROUPS  # the IAEA's group
    for colour in GROUP_COLOURS.values():
        assert all(contrast(colour, bg) >= 3 for bg in BACKGROUNDS.values()), colour


def test_an_unknown_group_lists_the_groups(engine_for):
    found = errors(engine_for(claimants_yml=CLAIMANTS.replace("group: analysts", "group: independent")))
    assert len(found) == 1 and found[0].startswith("data/claimants.yml:8: group: unknown value 'independent'")
    assert "'partisan'" in found[0]


# -- sources ---------------------------------------------------------------------------------------
KINDS_SOURCES = SOURCES.replace("- id: moscow-times\n", "- id: moscow-times\n  kind: official\n") + (
    "- id: encyclopaedia\n  kind: reference\n  publisher: Wikipedia (English)\n  title: Sudzha\n"
    "  url: https://en.wikipedia.org/wiki/Sudzha\n  accessed: 2025-12-01\n"
    "- id: described\n  kind: primary\n  publisher: Kremlin\n  title: Meeting on the border regions\n"
    "  title_by: site\n  url: https://kremlin.ru/events/1\n  published: 2024-08-22\n"
)


def test_the_bibliography_groups_sources_by_kind_and_marks_described_titles(engine_for):
    engine = engine_for(sources_yml=KINDS_SOURCES)
    assert errors(engine) == []
    soup = BeautifulSoup(
        render(engine, "::sources\n", PageRef("docs/sources.md", "sources/", "Sources")), "html.parser"
    )
    assert [h.get_text() for h in soup.select("h2.xbib__kind")] == [
        "Primary documents and transcripts",
        "Official statements",
        "News reports",
        "Reference works",
    ]
    described = soup.select_one("#source-described")
    assert described.select_one(".xbib__title--described").get_text() == "[Meeting on the border regions]"
    assert "not the page's headline" in described.get_text()
    assert soup.select_one("#source-up-syrskyi .xbib__title").get_text().startswith("“")
    assert "accessed 1 December 2025" in " ".join(soup.select_one("#source-encyclopaedia").get_text(" ").split())


def test_newest_source_comes_from_news_and_documents_not_from_a_reference_work(engine_for):
    newer = KINDS_SOURCES.replace("accessed: 2025-12-01", "accessed: 2025-12-01\n  published: 2025-11-30")
    engine = engine_for(sources_yml=newer)
    assert engine.dates.newest_source.isoformat() == "2024-08-22"  # the Kremlin transcript, not the encyclopaedia


def test_every_source_date_mistake_has_its_own_message(engine_for):
    bad = SOURCES.replace("  published: 2024-08-13\n", "") + (
        "- id: encyclopaedia\n  kind: reference\n  publisher: Wikipedia\n  title: Sudzha\n"
        "  url: https://en.wikipedia.org/wiki/Sudzha\n"
        "- id: odd\n  kind: blog\n  publisher: X\n  title: Y\n  title_by: me\n  url: https://x.org/\n"
        "  published: 2024-08-01\n"
    )
    found = errors(engine_for(sources_yml=bad))
    assert found[0].startswith("data/sources.yml:11: accessed: is needed when a news source has no published date")
    assert found[1] == (
        "data/sources.yml:20: accessed: is needed when a source has no publication date: the date it was read "
        "(YYYY-MM-DD)"
    )
    assert found[2].startswith("data/sources.yml:26: kind: unknown value 'blog'") and "'reference'" in found[2]
    assert found[3].startswith("data/sources.yml:29: title_by: unknown value 'me'")


def test_a_news_page_that_shows_no_date_gives_the_day_it_was_read_and_dates_nothing(engine_for):
    # The day a page was read is not news: counted, it would make "Newest source" 1 December 2025.
    undated = SOURCES.replace(
        "  url: https://www.themoscowtimes.com/2024/08/19/a86070\n  published: 2024-08-19\n",
        "  url: https://www.themoscowtimes.com/2024/08/19/a86070\n  accessed: 2025-12-01\n",
    )
    assert undated != SOURCES
    engine = engine_for(sources_yml=undated)
    assert errors(engine) == []
    assert engine.dates.newest_source.isoformat() == "2024-08-20"
    soup = BeautifulSoup(
        render(engine, "::sources\n", PageRef("docs/sources.md", "sources/", "Sources")), "html.parser"
    )
    text = " ".join(soup.select_one("#source-moscow-times").get_text(" ").split())
    assert "accessed 1 December 2025" in text and "published" not in text


# -- corrections ----------------------------------------------------------------------------------
CORRECTIONS = """\
- date: 2025-06-01
  summary: The area figure of 20 August was attributed to the wrong outlet.
  reason: The report it came from was published by another outlet.
  metrics: [territory-km2]
- date: 2025-07-01
  summary: Ushakov's statement was marked as confirmed.
  reason: A statement on record is not a confirmed fact.
  events: [ushakov-no-talks]
  pages: [a.md]
"""


def _dates(doc) -> dict[str, str]:
    """A page's dates line under its title: words -> ISO date (or interval)."""
    out = {}
    for item in doc.select("h1 + p.xdates .xdates__item"):
        words = item.get_text().split(":")[0]
        when = item.find("time")
        covers = item.select_one(".xdates__covers")
        out[words] = when["datetime"] if when else f"{covers['data-start']}/{covers['data-end']}"
    return out


def test_a_page_lists_the_corrections_that_concern_it_and_dates_its_update(engine_for):
    engine = engine_for(corrections_yml=CORRECTIONS)
    assert errors(engine) == []
    area = BeautifulSoup(
        render(engine, "# Area\n\n::chart[territory]\n", PageRef("docs/b.md", "b/", "B")), "html.parser"
    )
    items = area.select(".xcorrections__item")
    assert [i.time["datetime"] for i in items] == ["2025-06-01"]
    assert area.select_one("h2#corrections-here").get_text() == "Corrections"
    assert _dates(area) == {
        "Covers": "2024-08-12/2024-08-20",
        "Newest source": "2024-08-20",
        "Last revised": "2025-06-01",
    }
    talks = BeautifulSoup(render(engine, "# Talks\n\nNothing drawn here.\n"), "html.parser")  # docs/a.md, named
    assert [i.time["datetime"] for i in talks.select(".xcorrections__item")] == ["2025-07-01"]
    quiet = BeautifulSoup(
        render(engine, "# Quiet\n\n:cite[up-syrskyi]\n", PageRef("docs/c.md", "c/", "C")), "html.parser"
    )
    assert quiet.select(".xcorrections") == [] and _dates(quiet) == {"Newest source": "2024-08-20"}


def test_the_corrections_page_lists_every_correction_with_its_pages(engine_for):
    engine = engine_for(corrections_yml=CORRECTIONS)
    render(engine, "::chart[territory]\n", PageRef("docs/b.md", "b/", "Page B"))
    page = BeautifulSoup(render(engine, "::corrections\n", PageRef("docs/fixes.md", "fixes/", "Fixes")), "html.parser")
    items = page.select(".xcorrections__item")
    assert [i.time["datetime"] for i in items] == ["2025-07-01", "2025-06-01"]  # newest first
    assert [a["href"] for a in items[1].select(".xcorrections__pages a")] == ["../b/"]
    assert "Why: The report it came from was published by another outlet." in items[1].get_text()


def test_every_correction_mistake_is_reported_at_its_line(engine_for):
    bad = """\
- date: 2025-06-01
  summary: Nothing named.
  reason: A test.
- date: 2025-06-02
  summary: Unknown ids.
  reason: A test.
  metrics: [teritory-km2]
  charts: [no-chart]
- date: 2025-13-02
  summary: Bad date.
  reason: A test.
  pages: [a.md]
- date: 2025-06-03
  summary: A page that does not exist.
  reason: A test.
  pages: [nowhere.md]
"""
    engine = engine_for(corrections_yml=bad)
    render(engine, "text")
    engine.finish()
    found = errors(engine)
    assert found[0].startswith("data/corrections.yml:1: a correction must say what it concerns")
    assert found[1] == (
        "data/corrections.yml:7: metrics: unknown metric 'teritory-km2' in this correction "
        "(define it in data/metrics.yml; did you mean 'territory-km2'?)"
    )
    assert found[2].startswith("data/corrections.yml:8: charts: unknown chart 'no-chart'")
    assert found[3] == "data/corrections.yml:9: date: '2025-13-02' is not a real calendar date"
    assert found[4].startswith("data/corrections.yml:16: pages: no page 'nowhere.md' (pages: docs/a.md")


# -- who's who ------------------------------------------------------------------------------------
def test_whos_who_lists_claimants_by_group_with_links_to_what_they_gave(engine_for):
    engine = engine_for()
    render(engine, "# Area\n\n:fact[territory-km2]\n\n::chart[talks]\n", PageRef("docs/b.md", "b/", "Page B"))
    who = BeautifulSoup(render(engine, "::claimants\n", PageRef("docs/who.md", "who/", "Who")), "html.parser")
    assert [h.get_text(" ", strip=True) for h in who.select("h2.xwho__group")] == [
        "● Ukraine's state and forces",
        "■ Russia's state and forces",
    ]  # the only analyst, afp-isw, has nothing on these pages: neither it nor its group is listed
    syrskyi = who.select_one("#claimant-syrskyi").find_next_sibling("dd")
    assert "Ukraine's commander-in-chief" in syrskyi.get_text()
    assert [a["href"] for a in syrskyi.select("a")] == ["../b/"]
    ushakov = who.select_one("#claimant-ushakov").find_next_sibling("dd")
    assert [a["href"] for a in ushakov.select("a")] == ["../b/#chart-talks"]
    assert who.select_one("#claimant-afp-isw") is None


# -- through the real build -----------------------------------------------------------------------
def _page(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_the_built_site_has_a_whos_who_and_a_corrections_page(built_site):
    who = _page(built_site, "who")
    groups = [h.get_text(" ", strip=True)[2:] for h in who.select("article h2.xwho__group")]
    assert groups[:2] == ["Ukraine's state and forces", "Russia's state and forces"]
    assert "Partisan commentators" in groups
    zakharova = who.select_one("#claimant-zakharova").find_next_sibling("dd")
    assert any(a["href"].startswith("../negotiations/") for a in zakharova.select("a"))
    fixes = _page(built_site, "corrections")
    assert len(fixes.select("article .xcorrections__item")) >= 3
    talks = _page(built_site, "negotiations")
    assert talks.select("article h2#corrections-here") and talks.select_one("article h1 + p.xdates")


@pytest.mark.build
def test_the_built_timeline_keeps_statements_apart_from_confirmed_events(built_site):
    talks = _page(built_site, "negotiations")
    (chart,) = [f for f in talks.select("figure.xchart") if f.select(".xchart__grid")]
    statuses = {tr.select("td")[2].get_text(): tr.select("td")[4].get_text() for tr in chart.select("tbody tr")}
    zakharova = next(v for k, v in statuses.items() if k.startswith("Foreign Ministry's Zakharova"))
    assert zakharova == "on record"
    assert "confirmed" not in {v for k, v in statuses.items() if "says" in k}
