"""Chart craft: lines labelled at their ends, bars labelled above, claimants of one group told
apart, annotations from data rows (checked at file:line), the year on axes that cross one."""

from __future__ import annotations

import itertools
from datetime import date

from explainer import kinds
from explainer.kinds.plot import date_format, spread
from fixtures import CHARTS, CLAIMANTS, EVENTS, OBSERVATIONS, SOURCES


def view(engine, chart_id):
    return kinds.view(engine.dataset.charts[chart_id], engine.dataset)


def errors(engine) -> list[str]:
    return [str(p) for p in engine.errors]


def labels(figure) -> list[dict]:
    return [a for a in figure["layout"].get("annotations", []) if a.get("xref") == "paper" and a.get("x") == 1]


def test_every_line_is_labelled_at_its_end_in_its_colour_and_the_key_is_gone(engine_for):
    v = view(engine_for(), "territory")
    assert v.figure["layout"]["showlegend"] is False
    found = {a["text"].replace("<br>", " "): a for a in labels(v.figure)}
    assert set(found) == {"▲ AFP analysis of ISW data", "○ Oleksandr Syrskyi (claim)"}
    syrskyi = next(t for t in v.figure["data"] if t["name"] == "Oleksandr Syrskyi (claim)")
    assert found["○ Oleksandr Syrskyi (claim)"]["y"] == syrskyi["y"][-1] == 1263  # level with its last mark
    assert found["○ Oleksandr Syrskyi (claim)"]["font"]["color"] == syrskyi["line"]["color"]
    assert v.figure["layout"]["margin"]["r"] > 100  # the labels have their room at the right
    assert all("customdata" not in a for a in labels(v.figure))  # decorative: no row ids


def test_labels_close_together_are_moved_apart_and_stay_in_the_plot():
    placed = spread([100, 104, 108, 290], [20, 20, 36, 20], 0, 300)
    ordered = sorted(zip(placed, [20, 20, 36, 20], strict=True))
    for (a, ha), (b, hb) in itertools.pairwise(ordered):
        assert b - a >= (ha + hb) / 2 - 1e-9
    assert placed[0] == 100 and max(p + h / 2 for p, h in ordered) <= 300


def test_three_claimants_of_one_group_differ_in_shape_and_in_line(engine_for):
    claimants = CLAIMANTS + "".join(
        f"- id: {i}\n  name: {i.title()}\n  role: Official\n  group: ukraine\n" for i in ("one", "two")
    )
    rows = OBSERVATIONS + "".join(
        f"2024-08-{d},territory-km2,{v},{c},claimed,moscow-times,\n"
        for c, d, v in (("one", 13, 900), ("one", 15, 950), ("two", 14, 1100), ("two", 16, 1150))
    )
    v = view(engine_for(claimants_yml=claimants, observations_csv=rows), "territory")
    ukrainian = [t for t in v.figure["data"] if t["marker"]["color"] == "#2f7ad6"]
    assert len(ukrainian) == 3
    assert len({t["marker"]["symbol"] for t in ukrainian}) == 3
    assert len({t["line"]["dash"] for t in ukrainian}) == 3 and "solid" not in {t["line"]["dash"] for t in ukrainian}
    assert all(t["marker"]["symbol"].startswith("circle") for t in ukrainian)  # still the group's family


def test_a_bar_is_labelled_above_and_its_value_has_room_after_it(engine_for):
    v = view(engine_for(), "settlements-bar")
    layout = v.figure["layout"]
    assert layout["yaxis"]["showticklabels"] is False
    (above,) = layout["annotations"]
    assert above["text"] == "Oleksandr Syrskyi, 20 Aug" and above["yanchor"] == "bottom"
    low, high = layout["xaxis"]["range"]
    assert low == 0 and high > 93 * 1.1  # the value label "93 (claim)" fits after the bar


ANNOTATED = CHARTS.replace(
    "  metrics: [territory-km2]\n",
    "  metrics: [territory-km2]\n  annotations:\n    - {event: ushakov-no-talks, text: No talks}\n",
)


def test_an_annotation_takes_its_date_from_the_event_row_and_its_source_joins_the_source_line(engine_for):
    engine = engine_for(charts_yml=ANNOTATED)
    assert errors(engine) == []
    v = view(engine, "territory")
    notes = [a for a in v.figure["layout"]["annotations"] if "No talks" in a["text"]]
    assert [n["text"] for n in notes] == ["No talks, 19 Aug"] and notes[0]["x"] == "2024-08-19"
    assert any(s.get("x0") == "2024-08-19" for s in v.figure["layout"]["shapes"])
    assert "moscow-times" in [s.id for s in v.sources]
    # the rows drawn, their table and CSV are unchanged: an annotation is not a data point
    assert [r.id for r in v.rows if hasattr(r, "topic")] == []


def test_every_source_of_an_annotated_event_joins_the_source_line(engine_for):
    """An event row may rest on several sources ('a; b'): the line names them all, not the first."""
    second = (
        "- id: tass-ushakov\n  publisher: TASS\n  title: Ushakov on talks\n"
        "  url: https://tass.com/politics/1832000\n  published: 2024-08-19\n"
    )
    events = EVENTS.replace(",moscow-times,", ",moscow-times; tass-ushakov,")
    engine = engine_for(charts_yml=ANNOTATED, events_csv=events, sources_yml=SOURCES + second)
    assert errors(engine) == []
    ids = [s.id for s in view(engine, "territory").sources]
    assert ids[-2:] == ["moscow-times", "tass-ushakov"] and len(ids) == len(set(ids))


def test_an_annotation_on_an_event_row_that_moved_moves_with_it(engine_for):
    engine = engine_for(charts_yml=ANNOTATED, events_csv=EVENTS.replace("2024-08-19", "2024-08-17"))
    notes = [a for a in view(engine, "territory").figure["layout"]["annotations"] if "No talks" in a["text"]]
    assert notes[0]["text"] == "No talks, 17 Aug"


def test_annotation_mistakes_are_reported_at_their_line(engine_for):
    unknown = errors(engine_for(charts_yml=ANNOTATED.replace("ushakov-no-talks", "ushakov-no-talk")))
    assert len(unknown) == 1
    assert unknown[0].startswith("data/charts.yml:6: annotations: unknown event 'ushakov-no-talk'")
    assert "did you mean" in unknown[0]
    long = errors(engine_for(charts_yml=ANNOTATED.replace(", text: No talks", "")))
    assert len(long) == 0  # the event's own label is short enough
    wordy = errors(engine_for(charts_yml=ANNOTATED.replace("No talks", "No talks " * 6)))
    assert len(wordy) == 1 and "write its `text` in a few words" in wordy[0] and ":6:" in wordy[0]
    typo = errors(engine_for(charts_yml=ANNOTATED.replace("{event:", "{evnt:")))
    assert typo == [
        "data/charts.yml:6: annotations: item 1, 'event': is required but missing",
        "data/charts.yml:6: annotations: item 1, 'evnt': unknown key (the keys are: event, text)",
    ]


def test_a_date_axis_that_crosses_a_year_shows_the_year():
    assert date_format([date(2024, 8, 6), date(2024, 8, 31)]) == "%-d %b"
    assert date_format([date(2024, 12, 20), date(2025, 1, 3)]) == "%-d %b %Y"
    assert date_format([date(2025, 3, 1), date(2025, 11, 30)]) == "%-d %b %Y"  # months apart: which year?
