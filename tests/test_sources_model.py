"""Relays and rows with several sources (issue 18): the model, its checks, and every surface that
names a row's sources, on the fixture data (a real build of the real site is in
test_sources_build.py)."""

from __future__ import annotations

import csv
import io
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from frictionless import validate
from pages import render

from explainer import PageRef
from fixtures import EVENTS, OBSERVATIONS, SOURCES

RELAYS = """\
- id: emp-bbc
  publisher: Euromaidan Press
  title: BBC says Ukraine holds 1,263 sq km
  url: https://euromaidanpress.com/2024/08/20/bbc-1263/
  published: 2024-08-21
  relays: {outlet: BBC News, url: "https://www.bbc.com/news/articles/c1263"}
- id: express-ap
  publisher: Express & Star
  title: Ukraine says it holds 1,263 square kilometres
  url: https://www.expressandstar.com/news/2024/08/20/ukraine-1263/
  published: 2024-08-20
  relays: {outlet: AP, wire: true}
"""
# The 20 August figure rests on Ukrainska Pravda, and two more outlets report it.
MULTI = OBSERVATIONS.replace(
    "2024-08-20,territory-km2,1263,syrskyi,claimed,up-syrskyi,",
    "2024-08-20,territory-km2,1263,syrskyi,claimed,up-syrskyi; express-ap; emp-bbc,",
)
# Ushakov's statement quoted from AP's story in a newspaper, The Moscow Times reporting it too.
RELAYED_EVENT = EVENTS.replace(",moscow-times,", ",express-ap; moscow-times,")
PAGE = "# A\n\nHeld :fact[territory-km2]{claimant=syrskyi}; :cite[emp-bbc] said so.\n\n::chart[territory]\n\n::chart[talks]\n\n::relays\n\n::sources\n"


def messages(items) -> list[str]:
    return [str(p) for p in items]


def multi_engine(engine_for, **more):
    return engine_for(sources_yml=SOURCES + RELAYS, observations_csv=MULTI, events_csv=RELAYED_EVENT, **more)


# -- the model and its checks --------------------------------------------------------------------


def test_a_row_names_several_sources_the_first_being_the_one_quoted(engine_for):
    engine = multi_engine(engine_for)
    assert messages(engine.errors) == [] and messages(engine.warnings) == []
    row = next(o for o in engine.dataset.observations if o.value == 1263)
    assert row.sources == ("up-syrskyi", "express-ap", "emp-bbc")
    assert row.source == "up-syrskyi"
    assert engine.dataset.credit(row) == (
        "Ukrainska Pravda; also reported by AP, via Express & Star and BBC News, as reported by Euromaidan Press"
    )
    single = next(o for o in engine.dataset.observations if o.value == 1000)
    assert single.sources == ("censor-syrskyi",) and engine.dataset.credit(single) == "Censor.NET"


@pytest.mark.parametrize(
    "relays, expected",
    [
        ('{url: "https://www.bbc.com/news/x"}', "relays: a relay must name the outlet whose reporting it relays"),
        ('{outlet: "", wire: true}', "relays: a relay must name the outlet whose reporting it relays"),
        ("", "relays: a relay must name the outlet whose reporting it relays"),
        ("BBC News", "relays: 'BBC News' is not how a relay is written"),
        ("{outlet: BBC News, wyre: true}", "relays: 'wyre': unknown key (the keys are: outlet, url, wire)"),
        ('{outlet: BBC News, url: "http://www.bbc.com/x"}', "relays: 'url': 'http://www.bbc.com/x' is not an https://"),
    ],
)
def test_a_relay_without_its_outlet_fails_at_its_line(engine_for, relays, expected):
    broken = SOURCES + RELAYS.replace(
        '  relays: {outlet: BBC News, url: "https://www.bbc.com/news/articles/c1263"}', f"  relays: {relays}"
    )
    engine = engine_for(sources_yml=broken, observations_csv=MULTI, events_csv=RELAYED_EVENT)
    line = SOURCES.count("\n") + 6  # the relays line of the first relay
    found = [m for m in messages(engine.errors) if m.startswith(f"data/sources.yml:{line}: ")]
    assert any(expected in m for m in found), messages(engine.errors)


@pytest.mark.parametrize(
    "cell, expected",
    [
        ("up-syrskyi; expres-ap", "source: unknown source 'expres-ap' (source 2 of the row's 2) (define it in "
         "data/sources.yml; did you mean 'express-ap'?)"),
        ("up-syrskyi, express-ap", "source: 'up-syrskyi, express-ap' is not a valid id; several sources are "
         "separated by '; '"),
        ("up-syrskyi;; express-ap", "source: source 2 of the row is empty"),
        ("up-syrskyi; up-syrskyi", "source: source 'up-syrskyi' is listed twice in the row"),
        ("up-syrskyi; Express-AP", "source: 'Express-AP' (source 2 of the row) is not a valid id"),
    ],
)  # fmt: skip
def test_a_bad_id_in_any_position_is_reported_at_its_line(engine_for, cell, expected):
    rows = OBSERVATIONS + f'2024-08-20,settlements,92,afp-isw,assessed,"{cell}",\n'
    engine = engine_for(sources_yml=SOURCES + RELAYS, observations_csv=rows)
    assert f"data/observations.csv:6: {expected}" in "\n".join(messages(engine.errors)), messages(engine.errors)


def test_an_unknown_second_source_of_an_event_is_reported_too(engine_for):
    events = EVENTS.replace(",moscow-times,", ",moscow-times; no-such-source,")
    engine = engine_for(events_csv=events)
    assert any(
        m.startswith("data/events.csv:2: source: unknown source 'no-such-source' (source 2 of the row's 2)")
        for m in messages(engine.errors)
    ), messages(engine.errors)


def test_every_source_of_a_row_must_be_published_on_or_after_its_date(engine_for):
    rows = MULTI.replace("up-syrskyi; express-ap; emp-bbc", "up-syrskyi; censor-syrskyi")
    engine = engine_for(sources_yml=SOURCES + RELAYS, observations_csv=rows)
    assert any(
        "2024-08-20 is after its source 'censor-syrskyi' was published (2024-08-12)" in m
        for m in messages(engine.errors)
    )


def test_a_second_row_for_the_same_claim_says_to_add_the_source_to_the_first(engine_for):
    rows = OBSERVATIONS + "2024-08-20,territory-km2,1263,syrskyi,claimed,express-ap,\n"
    engine = engine_for(sources_yml=SOURCES + RELAYS, observations_csv=rows)
    assert any(
        "a second figure for territory-km2 by syrskyi as of 2024-08-20 (first on line 4); if another outlet "
        "reports the same claim, add its source id to the first row's source cell, separated by '; '" in m
        for m in messages(engine.errors)
    )


def test_a_second_event_row_for_the_same_statement_says_to_add_the_source_to_the_first(engine_for):
    events = (
        EVENTS
        + "ushakov-no-talks-ap,2024-08-19,negotiations,Russia,ushakov,on-record,Ushakov says no talks at this stage,Ushakov: no talks,express-ap,\n"
    )
    engine = engine_for(sources_yml=SOURCES + RELAYS, events_csv=events)
    assert [m for m in messages(engine.errors) if m.startswith("data/events.csv:3:")] == [
        "data/events.csv:3: the same event or statement as line 2 (same date, track, claimant and label); if another "
        "outlet reports it, add its source id to that row's source cell, separated by '; ' (the one quoted first), "
        "and remove this row"
    ]


def test_a_relay_beside_its_original_is_a_note_that_never_fails_the_build(engine_for):
    # The original's page is in the bibliography (same address), and a row cites the relay beside it.
    original = """\
- id: bbc-1263
  publisher: BBC News
  title: Ukraine says it holds 1,263 sq km
  url: https://www.bbc.com/news/articles/c1263
  published: 2024-08-20
"""
    rows = MULTI.replace("up-syrskyi; express-ap; emp-bbc", "bbc-1263; emp-bbc")
    engine = engine_for(sources_yml=SOURCES + RELAYS + original, observations_csv=rows)
    assert engine.errors == []
    notes = engine.notes
    found = messages(notes)
    assert any(
        m.startswith("data/sources.yml:")
        and "source 'emp-bbc' relays BBC News's story, and the original is also a source ('bbc-1263', same address)"
        in m
        for m in found
    ), found
    assert any(
        m.startswith(
            "data/observations.csv:4: source: 'emp-bbc' relays BBC News, and the row also cites BBC News "
            "itself ('bbc-1263')"
        )
        for m in found
    ), found
    assert "relays BBC News" in engine.error_panel() and "publishing goes ahead" in engine.error_panel()
    from explainer.check import annotations

    assert any(a.startswith("::notice file=data/sources.yml,") for a in annotations(engine))


def test_an_unrelated_outlet_is_not_taken_for_the_original(engine_for):
    from explainer.load.relays import same_outlet

    assert same_outlet("BBC News", "the BBC") and same_outlet("The Associated Press", "Associated Press")
    assert not same_outlet("Kyiv Post", "Kyiv Independent") and not same_outlet("AP", "AFP")


# -- every surface ------------------------------------------------------------------------------


def test_a_fact_names_every_source_and_links_the_others_in_its_hover_text(engine_for):
    doc = BeautifulSoup(render(multi_engine(engine_for), PAGE), "html.parser")
    fact = doc.select_one(".xfact")
    assert fact.select_one("a.xfact__value")["href"] == "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/"
    tip = " ".join(fact.select_one(".xfact__tip").get_text().split())
    assert tip.endswith(
        "source: Ukrainska Pravda; also reported by AP, via Express & Star and BBC News, as reported by Euromaidan "
        "Press)"
    )
    assert [a["href"] for a in fact.select(".xfact__tip a")] == [
        "https://www.expressandstar.com/news/2024/08/20/ukraine-1263/",
        "https://euromaidanpress.com/2024/08/20/bbc-1263/",
    ]


def test_a_cited_relay_names_the_original_first_and_links_the_page_read(engine_for):
    doc = BeautifulSoup(render(multi_engine(engine_for), PAGE), "html.parser")
    cite = doc.select_one("a.xcite")
    assert cite.get_text() == "BBC News, as reported by Euromaidan Press"
    assert cite["href"] == "https://euromaidanpress.com/2024/08/20/bbc-1263/"
    assert "Euromaidan Press's report of BBC News's story" in cite["title"]


def test_source_lines_tables_and_csvs_show_every_source(engine_for):
    engine = multi_engine(engine_for)
    doc = BeautifulSoup(render(engine, PAGE), "html.parser")
    territory = doc.select_one("#chart-territory")
    line = [a.get_text() for a in territory.select(".xchart__meta a.xchart__source")]
    assert line == [
        "Vårt Land (AFP)",
        "Censor.NET",
        "Ukrainska Pravda",
        "AP, via Express & Star",
        "BBC News, as reported by Euromaidan Press",
    ]
    cells = [[td.get_text() for td in tr.select("td")] for tr in territory.select("tbody tr")]
    row = next(c for c in cells if c[1] == "1,263 km²")
    assert (
        "Ukrainska Pravda; also reported by AP, via Express & Star and BBC News, as reported by Euromaidan Press" in row
    )
    # Each source in the cell is its own link (the answer pop-up copies the cell): none under another's name.
    cell = next(tr for tr in territory.select("tbody tr") if "1,263 km²" in tr.get_text()).select("td")[-2]
    assert [(a.get_text(), a["href"]) for a in cell.select("a")] == [
        ("Ukrainska Pravda", "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/"),
        ("AP, via Express & Star", "https://www.expressandstar.com/news/2024/08/20/ukraine-1263/"),
        ("BBC News, as reported by Euromaidan Press", "https://euromaidanpress.com/2024/08/20/bbc-1263/"),
    ]
    talks = doc.select_one("#chart-talks")
    assert "AP, via Express & Star; also reported by The Moscow Times" in [
        td.get_text() for td in talks.select("tbody td")
    ]
    view = engine.views["territory"]
    csv_row = next(r for r in csv.DictReader(io.StringIO(view.csv_text)) if r["value"] == "1263")
    assert csv_row["source"] == "up-syrskyi; express-ap; emp-bbc"
    assert csv_row["source_publisher"] == "Ukrainska Pravda; Express & Star; Euromaidan Press"
    assert csv_row["source_credit"].startswith("Ukrainska Pravda; also reported by AP, via Express & Star")
    assert len(csv_row["source_url"].split("; ")) == 3
    hover = [c for trace in view.figure["data"] for c in trace.get("customdata") or []]
    assert any("also reported by AP, via Express &amp; Star" in " ".join(map(str, c)) for c in hover)


def test_the_bibliography_names_relays_and_links_back_from_every_source_of_a_row(engine_for):
    doc = BeautifulSoup(render(multi_engine(engine_for), PAGE), "html.parser")
    entry = doc.select_one("#source-emp-bbc")
    assert entry.select_one(".xbib__publisher").get_text() == "BBC News, as reported by Euromaidan Press"
    relay = " ".join(entry.select_one(".xbib__relay").get_text().split())
    assert (
        relay == "Euromaidan Press's report of BBC News's story; the original: https://www.bbc.com/news/articles/c1263."
    )
    wire = doc.select_one("#source-express-ap")
    assert wire.select_one(".xbib__publisher").get_text() == "AP, via Express & Star"
    assert "AP's story, as published by Express & Star" in wire.get_text()
    # express-ap is only ever a second source, or an event's: its back-links still lead to the page.
    assert [a.get_text() for a in wire.select(".xbib__cited a")] == [
        "Page A",
        "Page A, chart “Territory Ukraine claims”",
        "Page A, chart “Talks”",
    ]


def test_the_relays_list_counts_and_lists_the_rows_that_rest_on_a_relay(engine_for):
    doc = BeautifulSoup(render(multi_engine(engine_for), PAGE), "html.parser")
    block = doc.select_one(".xrelays")
    assert block.select_one(".xrelays__count").get_text().startswith("1 of the 5 figures and events rests on a relay")
    (item,) = block.select("li")
    text = " ".join(item.get_text().split())
    assert text.startswith("19 August 2024: Ushakov says no talks at this stage. Source: AP, via Express & Star;")
    assert [a.get_text() for a in item.select("a")] == ["Page A"]
    # A row whose quoted source is the original does not rest on a relay, whatever else it cites.
    none = BeautifulSoup(render(engine_for(sources_yml=SOURCES + RELAYS, observations_csv=MULTI), PAGE), "html.parser")
    assert (
        none.select_one(".xrelays__count")
        .get_text()
        .startswith("None of the 5 figures and events rests on a source marked as a relay")
    )


def test_the_package_carries_every_source_and_the_relays_and_validates(engine_for):
    engine = multi_engine(engine_for)
    folder = Path(tempfile.mkdtemp(prefix="h18-package-"))
    for name, data in engine.package.files.items():
        (folder / name).write_bytes(data)
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["type", "message"])[:10]

    def table(name):
        return list(csv.DictReader(io.StringIO(engine.package.files[f"{name}.csv"].decode())))

    row = next(r for r in table("observations") if r["value"] == "1263")
    assert (row["source"], row["sources"]) == ("up-syrskyi", "up-syrskyi;express-ap;emp-bbc")
    long = [(r["position"], r["source"]) for r in table("observation-sources") if r["date"] == "2024-08-20"]
    assert ("3", "emp-bbc") in long and ("1", "up-syrskyi") in long
    assert [(r["event"], r["position"], r["source"]) for r in table("event-sources")] == [
        ("ushakov-no-talks", "1", "express-ap"),
        ("ushakov-no-talks", "2", "moscow-times"),
    ]
    sources = {r["id"]: r for r in table("sources")}
    assert (sources["emp-bbc"]["relays_outlet"], sources["emp-bbc"]["relays_url"]) == (
        "BBC News",
        "https://www.bbc.com/news/articles/c1263",
    )
    assert sources["express-ap"]["relays_wire"] == "true" and sources["up-syrskyi"]["relays_outlet"] == ""
    assert sources["emp-bbc"]["credit"] == "BBC News, as reported by Euromaidan Press"

    # The keys are real: a second source that is not in sources.csv fails validation.
    path = folder / "event-sources.csv"
    path.write_text(path.read_text().replace(",moscow-times", ",no-such-source"), encoding="utf-8")
    descriptor = folder / "datapackage.json"
    descriptor.write_text(
        descriptor.read_text().replace('"bytes"', '"x-bytes"').replace('"hash"', '"x-hash"'), encoding="utf-8"
    )
    broken = validate(str(descriptor))
    assert not broken.valid and "foreign-key" in {e[0] for e in broken.flatten(["type"])}


def test_events_drawn_on_a_map_count_for_the_relays_list_dates_and_whos_who(engine_for):
    """A map's rows are its places; the claims it draws are still shown on its page."""
    places = "id,name,kind,lat,lon,status,source,note\nsudzha,Sudzha,town,51.1914,35.2706,n/a,up-syrskyi,\n"
    events = "id,date,topic,track,claimant,status,label,source,place,note\n" + (
        "sudzha-taken,2024-08-15,captures,Sudzha,syrskyi,on-record,Syrskyi says Sudzha is taken,express-ap,sudzha,\n"
    )
    spec = (
        "- id: area\n  kind: map\n  title: Area\n  summary: Where.\n  places: [sudzha]\n  claims: captures\n"
        "- id: territory\n  kind: timeseries\n  title: T\n  summary: S.\n  metrics: [territory-km2]\n"
    )
    engine = engine_for(sources_yml=SOURCES + RELAYS, places_csv=places, events_csv=events, charts_yml=spec)
    assert engine.errors == []
    page = BeautifulSoup(render(engine, "# Map\n\n::chart[area]\n", PageRef("docs/m.md", "m/", "Map")), "html.parser")
    covers = page.select_one("h1 + p.xdates .xdates__covers")
    assert (covers["data-start"], covers["data-end"]) == ("2024-08-15", "2024-08-15")
    lists = BeautifulSoup(render(engine, "::relays\n\n::claimants\n"), "html.parser")
    (item,) = lists.select(".xrelays li")
    assert [a.get_text() for a in item.select("a")] == ["Map"]
    assert [a.get_text() for a in lists.select("#claimant-syrskyi ~ dd a")][:1] == ["Map, chart “Area”"]
