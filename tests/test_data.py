"""Loading and validating the data files: every bad input gets file, line, field and a fix."""

from __future__ import annotations

import pytest
from pages import render

from explainer import PageRef
from fixtures import CHARTS, EVENTS, METRICS, OBSERVATIONS, SOURCES

HEADER = "date,metric,value,claimant,status,source,note\n"
GOOD_ROW = "2024-08-20,settlements,93,syrskyi,claimed,up-syrskyi,\n"


def problems(engine):
    return [str(p) for p in engine.errors]


def test_fixture_is_valid(engine_for):
    engine = engine_for()
    assert engine.errors == [] and engine.warnings == []
    ds = engine.dataset
    assert (
        len(ds.observations) == 4
        and len(ds.events) == 1
        and set(ds.charts) == {"territory", "settlements-bar", "talks"}
    )
    assert ds.by_metric("territory-km2")[-1].value == 1263


def obs(engine_for, *rows: str):
    """Problems after appending rows to the fixture's observations (the first lands on line 6)."""
    return problems(engine_for(observations_csv=OBSERVATIONS + "".join(rows)))


def obs_file(engine_for, text: str):
    """Problems in observations.csv alone when the whole file is replaced."""
    return [p for p in problems(engine_for(observations_csv=text)) if p.startswith("data/observations.csv")]


@pytest.mark.parametrize(
    "value, message",
    [
        ("1,263", "value: '1,263' has a thousands separator (write 1263)"),
        ("1263 km²", "value: '1263 km²' has a unit or sign typed in"),
        ("~1000", "value: '~1000' has a unit or sign typed in"),
        ("NaN", "value: 'NaN' is not a finite number"),
        ("inf", "value: 'inf' is not a finite number"),
        ("lots", "value: 'lots' is not a number"),
        ("", "value: is empty"),
    ],
)
def test_bad_values(engine_for, value, message):
    row = f'2024-08-21,settlements,"{value}",syrskyi,claimed,up-syrskyi,\n'
    found = obs(engine_for, row)
    assert len(found) == 1 and found[0].startswith("data/observations.csv:6: " + message), found


@pytest.mark.parametrize(
    "day, message",
    [
        ("2024-02-30", "date: '2024-02-30' is not a real calendar date"),
        ("20/08/2024", "date: '20/08/2024' is not a date written YYYY-MM-DD (e.g. 2024-08-20)"),
        ("2031-01-01", "date: '2031-01-01' is in the future (today is 2026-01-01); write the date the figure is as of"),
    ],
)
def test_bad_dates(engine_for, day, message):
    found = obs(engine_for, f"{day},settlements,92,syrskyi,claimed,up-syrskyi,\n")
    assert found == [f"data/observations.csv:6: {message}"]


def test_unknown_references_suggest_the_near_miss(engine_for):
    found = obs(engine_for, "2024-08-21,setlements,92,syrsky,rumoured,up-syrsky,\n")
    assert (
        "data/observations.csv:6: status: unknown value 'rumoured' (allowed: 'claimed', 'assessed', 'confirmed' or 'disputed')"
        in found
    )
    found = obs(engine_for, "2024-08-21,setlements,92,syrsky,claimed,up-syrsky,\n")
    assert found == [
        "data/observations.csv:6: metric: unknown metric 'setlements' (define it in data/metrics.yml; did you mean 'settlements'?)",
        "data/observations.csv:6: claimant: unknown claimant 'syrsky' (define it in data/claimants.yml; did you mean 'syrskyi'?)",
        "data/observations.csv:6: source: unknown source 'up-syrsky' (define it in data/sources.yml; did you mean 'up-syrskyi'?)",
    ]


def test_all_problems_in_one_run(engine_for):
    found = obs(
        engine_for,
        "2024-08-21,settlements,1 000,syrskyi,claimed,up-syrskyi,\n",
        "2024-13-01,settlements,5,syrskyi,claimed,up-syrskyi,\n",
        "2024-08-22,settlements,5,nobody,claimed,up-syrskyi,\n",
    )
    assert [p.split(":")[1] for p in found] == ["6", "7", "8"]


def test_csv_shapes(engine_for):
    ragged = obs(engine_for, "2024-08-21,settlements,92,syrskyi,claimed,up-syrskyi,note,extra\n")
    assert ragged == [
        "data/observations.csv:6: this row has 8 fields but the header has 7 (a value containing a comma must be in double quotes)"
    ]
    quoting = obs(engine_for, '2024-08-21,settlements,92,syrskyi,claimed,up-syrskyi,"said "more" here\n')
    assert len(quoting) == 1 and quoting[0].startswith("data/observations.csv:6: malformed CSV:")


def test_a_quote_left_open_is_reported_where_it_opens_and_only_there(engine_for):
    # The open quote swallows the rows below it; parsing gave up two lines later, with follow-on errors.
    found = obs(
        engine_for,
        '2024-08-19,settlements,92,syrskyi,claimed,up-syrskyi,"said more\n',
        "2024-08-18,settlements,94,syrskyi,claimed,up-syrskyi,\n",
        "2024-08-17,settlements,95,syrskyi,claimed,up-syrskyi,\n",
    )
    assert len(found) == 1 and found[0].startswith("data/observations.csv:6: malformed CSV:"), found
    # Reading goes on after the bad line: the rows below are read and checked.
    found = obs(
        engine_for,
        '2024-08-19,settlements,92,syrskyi,claimed,up-syrskyi,"said more\n',
        "2024-08-18,settlements,91,nobody,claimed,up-syrskyi,\n",
    )
    assert [p.split(":")[1] for p in found] == ["6", "7"] and "unknown claimant 'nobody'" in found[1]
    missing = obs_file(engine_for, "date,metric,value,claimant,status,source\n" + GOOD_ROW)
    assert missing == [
        "data/observations.csv:1: missing column: note (the header must be: "
        "date,metric,value,qualifier,high,claimant,status,source,note; qualifier, high may be left out)"
    ]
    extra = obs_file(engine_for, HEADER.strip() + ",comment\n" + GOOD_ROW.strip() + ",x\n")
    assert extra == [
        "data/observations.csv:1: comment: unknown column (the columns are: date, metric, value, qualifier, high, claimant, status, source, note)"
    ]


def test_bom_crlf_and_blank_lines_are_accepted(engine_for):
    text = "\ufeff" + (HEADER + GOOD_ROW).replace("\n", "\r\n") + "\r\n\r\n"
    assert obs_file(engine_for, text) == []
    crlf = "\ufeff" + OBSERVATIONS.replace("\n", "\r\n") + "\r\n\r\n"
    engine = engine_for(observations_csv=crlf)
    assert engine.errors == [] and [o.value for o in engine.dataset.observations] == [1000, 800, 1263, 93]


def test_empty_files(engine_for):
    assert obs_file(engine_for, "") == [
        "data/observations.csv: the file is empty (expected a header line: date,metric,value,qualifier,high,claimant,status,source,note)"
    ]
    assert "data/sources.yml: the file is empty (expected a list of sources)" in problems(engine_for(sources_yml="\n"))


def test_malformed_yaml_has_its_line(engine_for):
    broken = SOURCES.replace("  publisher: Censor.NET", "  publisher: Censor.NET\n title: [unclosed")
    found = [p for p in problems(engine_for(sources_yml=broken)) if p.startswith("data/sources.yml")]
    assert len(found) == 1 and found[0].startswith("data/sources.yml:8: malformed YAML:"), found


def test_duplicate_ids_and_rows(engine_for):
    dup = SOURCES + SOURCES.split("- id: censor-syrskyi")[0]
    found = problems(engine_for(sources_yml=dup))
    assert "data/sources.yml:21: id: duplicate id 'up-syrskyi' (first defined on line 1); ids must be unique" in found
    rows = obs(engine_for, GOOD_ROW)
    assert rows == [
        "data/observations.csv:6: a second figure for settlements by syrskyi as of 2024-08-20 (first on line 5); if another outlet reports the same claim, add its source id to the first row's "
        "source cell, separated by '; ' (the one quoted first); otherwise keep one row, or correct the date"
    ]


def test_source_url_must_be_https(engine_for):
    found = problems(engine_for(sources_yml=SOURCES.replace("https://censor.net", "http://censor.net")))
    assert found == [
        "data/sources.yml:9: url: 'http://censor.net/en/news/3504348/' is not an https:// address (only https links are published; find the https version of the page)"
    ]
    found = problems(
        engine_for(sources_yml=SOURCES.replace("https://censor.net/en/news/3504348/", "javascript:alert(1)"))
    )
    assert found[0].startswith("data/sources.yml:9: url: 'javascript:alert(1)' is not an https:// address")


def test_yaml_field_mistakes(engine_for):
    typo = SOURCES.replace("  title: AFP analysis of ISW data", "  titel: AFP analysis of ISW data")
    found = problems(engine_for(sources_yml=typo))
    assert "data/sources.yml:11: title: is required but missing" in found
    assert (
        "data/sources.yml:13: titel: unknown field (the fields are: id, kind, publisher, title, title_by, url, "
        "published, accessed, relays, note; did you mean 'title'?)" in found
    )


def test_charts_are_checked(engine_for):
    bad = CHARTS.replace("metrics: [settlements]", "metrics: [settlement]").replace("kind: timeline", "kind: heatmap")
    found = problems(engine_for(charts_yml=bad))
    assert (
        "data/charts.yml:10: metrics: unknown metric 'settlement' (define it in data/metrics.yml; did you mean 'settlements'?)"
        in found
    )
    assert any(
        p.startswith("data/charts.yml:12: kind: unknown chart kind 'heatmap'") and "scatter, bar and pie" in p
        for p in found
    )


def test_chart_that_draws_nothing(engine_for):
    empty = CHARTS.replace("metrics: [settlements]", "metrics: [settlements]\n  start: 2024-08-25")
    assert (
        "data/charts.yml:6: chart 'settlements-bar' draws no rows (check its metrics, claimants, statuses, start and end)"
        in problems(engine_for(charts_yml=empty))
    )


def test_unused_source_is_a_warning(engine_for):
    extra = SOURCES + "- id: unused\n  publisher: X\n  title: Y\n  url: https://example.org/\n  published: 2024-08-01\n"
    engine = engine_for(sources_yml=extra)
    render(
        engine,
        ":fact[territory-km2]{date=2024-08-12 claimant=syrskyi}\n\n::chart[territory]\n\n::chart[talks]\n\n"
        "::chart[settlements-bar]\n",
        PageRef("docs/a.md", "a/", "A"),
    )
    engine.finish()
    assert engine.errors == []
    assert [str(w) for w in engine.warnings] == [
        "data/sources.yml:21: id: source 'unused' is not cited on any page (quote one of its rows with :fact, draw it in a chart, cite it with :cite, or remove it)"
    ]


def test_events_are_checked(engine_for):
    bad = EVENTS + "ushakov-no-talks,2024-08-19,negotiations,Russia,lavrov,confirmed,Lavrov,Lavrov,moscow-times,\n"
    found = problems(engine_for(events_csv=bad))
    assert (
        "data/events.csv:3: id: duplicate id 'ushakov-no-talks' (first defined on line 2); ids must be unique" in found
    )


def test_real_project_data_is_valid(real_site):
    engine = real_site
    assert [str(p) for p in engine.errors] == []
    assert len(engine.dataset.observations) > 0 and len(engine.dataset.charts) > 0


def test_a_chart_kind_that_is_not_text_is_an_error_not_a_crash(engine_for):
    found = problems(engine_for(charts_yml=CHARTS.replace("kind: bar", "kind: [bar]")))
    assert any(p.startswith("data/charts.yml:7: kind: unknown chart kind '['bar']'") for p in found), found


def test_an_event_on_a_track_its_chart_does_not_draw_is_reported(engine_for):
    charts = CHARTS + "  tracks: [Russia]\n"
    events = (
        EVENTS + "lavrov,2024-08-19,negotiations,russia,ushakov,confirmed,Lower-case track,Lower case,moscow-times,\n"
    )
    found = problems(engine_for(charts_yml=charts, events_csv=events))
    assert found == [
        "data/events.csv:3: track: 'russia' is not a track of chart 'talks', so this event would be drawn nowhere (tracks: Russia)"
    ]


def test_a_figure_cannot_be_as_of_a_day_after_its_report(engine_for):
    found = obs(engine_for, "2024-08-25,settlements,95,syrskyi,claimed,up-syrskyi,\n")
    assert found == [
        "data/observations.csv:6: date: 2024-08-25 is after its source 'up-syrskyi' was published (2024-08-20); "
        "the date is when the figure was true, which cannot be later than the report"
    ]


def test_empty_dates_and_numbers_in_text_fields_read_plainly(engine_for):
    found = problems(
        engine_for(
            sources_yml=SOURCES.replace("published: 2024-08-13", "published:").replace(
                "publisher: Censor.NET", "publisher: 1945"
            )
        )
    )
    assert (
        "accessed: is needed when a news source has no published date: give published, the date shown on the "
        "page (YYYY-MM-DD), and never estimate it; only a page that shows no date gives accessed, the date it "
        "was read (YYYY-MM-DD)" in " ".join(found)
    )
    assert "data/sources.yml:7: publisher: must be text (put it in quotes), not 1945" in found


def test_one_broken_file_is_one_message_not_a_cascade(engine_for):
    found = problems(
        engine_for(sources_yml=SOURCES.replace("  publisher: Censor.NET", "  publisher: Censor.NET\n title: [unclosed"))
    )
    assert len(found) == 1 and found[0].startswith("data/sources.yml:8: malformed YAML:")
    found = problems(engine_for(metrics_yml=METRICS.replace("  unit: km²", "  unitt: km²")))
    assert found == [
        "data/metrics.yml:3: unitt: unknown field (the fields are: id, label, unit, description, can_be_negative; "
        "did you mean 'unit'?)"
    ]


def test_a_reference_line_needs_one_latest_figure(engine_for):
    charts = CHARTS.replace("metrics: [settlements]", "metrics: [settlements]").replace(
        "  metrics: [territory-km2]\n", "  metrics: [settlements]\n  reference: [territory-km2]\n", 1
    )
    added = OBSERVATIONS + "2024-08-20,territory-km2,900,afp-isw,assessed,up-syrskyi,\n"
    found = problems(engine_for(charts_yml=charts, observations_csv=added))
    assert (
        "data/charts.yml:6: reference: a reference line needs exactly one latest figure for 'territory-km2' (found 2: afp-isw, syrskyi)"
        in found
    ), found
