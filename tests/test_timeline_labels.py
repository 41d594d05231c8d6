"""Timelines label their events (issue 25, "label, don't key"): each event's `short` beside its mark,
worked out for the narrowest picture, or a number with the label written out under the axis; the
track names in the picture; the full label kept for the table, the answers and the CSV; `short` and
its Ukrainian checked at file:line. What the browser draws is measured in test_reader.py."""

from __future__ import annotations

import itertools
import re

from i18n_fixtures import TRANSLATED
from test_i18n import uk_site

from explainer import kinds
from explainer.kinds import labels, timeline
from explainer.model.events import SHORT_CHARS
from fixtures import CHARTS, EVENTS

# Nine statements on one track within three days: more than a phone's width can label.
CROWD = EVENTS + "".join(
    f"crowd-{n},2024-08-{17 + n % 3},negotiations,Russia,ushakov,on-record,Ushakov says thing {n},"
    f"Ushakov: thing number {n},moscow-times,\n"
    for n in range(9)
)


def view(engine, chart_id: str = "talks"):
    return kinds.view(engine.dataset.charts[chart_id], engine.dataset)


def texts(figure) -> list[str]:
    return [a["text"].replace("<br>", " ") for a in figure["layout"]["annotations"]]


def marks(figure) -> dict[str, tuple[str, float]]:
    """Row id -> (date, y) of its mark."""
    return {i: (x, y) for t in figure["data"] if t.get("ids") for i, x, y in zip(t["ids"], t["x"], t["y"], strict=True)}


def test_an_event_is_labelled_beside_its_mark_and_its_track_is_named_in_the_picture(engine_for):
    v = view(engine_for())
    layout = v.figure["layout"]
    (label,) = [a for a in layout["annotations"] if a["text"] == "Ushakov: no talks"]
    day, y = marks(v.figure)["ushakov-no-talks"]
    assert label["x"] == day == "2024-08-19" and label["xref"] == "x"
    assert label["yanchor"] == "top" and label["y"] < y < label["y"] + 20  # level with the mark
    assert label["xanchor"] in ("left", "right") and abs(label["xshift"]) > 6  # beside it, not on it
    assert "<b>Russia</b>" in texts(v.figure)  # the track's name, in the band, not on an axis
    assert layout["yaxis"]["visible"] is False
    # The key keeps what a label cannot say: who speaks and how sure it is.
    assert layout["showlegend"] is True and v.figure["data"][0]["name"].startswith("Russia's state and forces")
    # The bands are laid out in pixels: the plot keeps exactly that height at every width.
    margin = layout["margin"]
    assert margin["autoexpand"] is False
    assert layout["yaxis"]["range"] == [layout["height"] - margin["t"] - margin["b"], 0]


def test_the_table_the_answers_and_the_csv_keep_the_full_label(engine_for):
    v = view(engine_for())
    assert any("Ushakov says no talks at this stage" in cell for row in v.table_rows for cell in row)
    assert "Ushakov says no talks at this stage" in v.csv_text and "Ushakov: no talks" not in v.csv_text
    answer = next(t for t in v.figure["data"] if t.get("ids"))["customdata"][0][1]
    assert answer == "Ushakov says no talks at this stage"


def test_where_labels_cannot_all_fit_the_rest_are_numbered_and_listed_under_the_axis(engine_for):
    engine = engine_for(events_csv=CROWD)
    assert [str(p) for p in engine.errors + engine.warnings] == []
    v = view(engine)
    layout = v.figure["layout"]
    drawn = marks(v.figure)
    events = {e.id: e for e in engine.dataset.events}
    beside = [a for a in layout["annotations"] if a.get("xref") == "x"]
    written = [a["text"].replace("<br>", " ") for a in beside]
    labelled = {i for i in drawn if events[i].short in written}
    # The list under the axis: "<number> <short>, <date>", numbers running by date.
    listed = [a for a in layout["annotations"] if a.get("yref") == "paper"]
    entries = [re.fullmatch(r"<b>(\d+)</b>\u2002(.+), (\d+) Aug", a["text"]) for a in listed]
    assert all(entries) and labelled and entries  # a phone's width cannot label ten marks in three days
    numbered = {next(i for i in drawn if events[i].short == m[2]): int(m[1]) for m in entries}
    assert [m[1] for m in entries] == [str(n) for n in range(1, len(entries) + 1)]
    assert [events[i].date.day for i in sorted(numbered, key=numbered.get)] == [int(m[3]) for m in entries]
    assert sorted(int(m[3]) for m in entries) == [int(m[3]) for m in entries]
    # Each mark has its label or its number beside it, never both.
    assert labelled.isdisjoint(numbered) and labelled | set(numbered) == set(drawn)
    for i, n in numbered.items():
        assert any(a["text"] == f"<b>{n}</b>" and a["x"] == drawn[i][0] for a in beside)
    assert len(beside) == len(drawn)
    assert all(a["y"] < 0 for a in listed)  # under the plot, with the key after them
    assert layout["legend"]["y"] < min(a["y"] for a in listed)
    # In the narrowest picture, as the placer sees it, no two labels share a pixel.
    boxes = [_box(a, layout) for a in beside]
    assert not [(a, b) for a, b in itertools.combinations(boxes, 2) if a.overlap(b)]


def test_a_label_above_or_below_the_line_starts_at_its_own_mark(engine_for):
    """Off the line, a label reads as belonging to the first mark under it: no other day's mark on
    its track lies under it before its own (in the narrowest picture)."""
    engine = engine_for(events_csv=CROWD)
    v = view(engine)
    layout = v.figure["layout"]
    drawn = marks(v.figure)
    events = {e.id: e for e in engine.dataset.events}
    radius = timeline.MARK_SIZE / 2 + 1.5
    checked = 0
    for note in (a for a in layout["annotations"] if a.get("xref") == "x"):
        text = note["text"].replace("<br>", " ")
        (own,) = [i for i, (day, _) in drawn.items() if events[i].short == text and day == note["x"]] or [None]
        if own is None:  # a number; its list entry says which mark it is
            continue
        box, (day, y) = _box(note, layout), drawn[own]
        if box.y0 < y + radius and box.y1 > y - radius:  # level with its mark
            continue
        checked += 1
        x = _x(day, layout)
        under = [
            i
            for i, (d, _) in drawn.items()
            if d != day
            and events[i].track == events[own].track
            and box.x0 < _x(d, layout) + radius
            and _x(d, layout) - radius < x - radius
        ]
        assert under == [], (text, under)
    assert checked > 0  # the crowd puts some labels above or below the line


def _x(day: str, layout) -> float:
    """A date's x in the phone's plot, in pixels."""
    date_range = [timeline.datetime.fromisoformat(d) for d in layout["xaxis"]["range"]]
    width = timeline.PHONE - timeline.MARGIN_L - timeline.MARGIN_R
    return (timeline.datetime.fromisoformat(day) - date_range[0]) / (date_range[1] - date_range[0]) * width


def _box(note, layout) -> labels.Box:
    lines = note["text"].replace("<b>", "").replace("</b>", "").split("<br>")
    w, h = labels.text_box_size(lines, note["font"]["size"])
    x = _x(note["x"], layout) + note["xshift"]
    x0 = {"left": x, "right": x - w, "center": x - w / 2}[note["xanchor"]]
    return labels.Box(x0, note["y"], x0 + w, note["y"] + h)


def test_the_phone_width_is_the_narrowest_picture_drawn():
    from explainer.render.gallery import WIDTHS

    assert min(WIDTHS.values()) == timeline.PHONE


def test_a_short_label_too_long_is_refused_at_its_row(engine_for):
    long = "Ushakov: there will be no talks at this stage"
    engine = engine_for(events_csv=EVENTS.replace("Ushakov: no talks", long))
    assert [str(p) for p in engine.errors] == [
        f"data/events.csv:2: short: is {len(long)} characters long; a label beside a timeline's mark carries at "
        f"most {SHORT_CHARS} (two short lines): write a few words, e.g. 'Kyiv: bridge hit' (the full sentence "
        "stays in label)"
    ]


def test_a_timeline_asks_for_the_short_label_of_each_event_it_draws(engine_for):
    engine = engine_for(events_csv=EVENTS.replace("Ushakov: no talks", ""))
    assert engine.errors == []
    (found,) = [str(p) for p in engine.warnings]  # a strict build, make check and publishing refuse it
    assert found.startswith(
        "data/events.csv:2: short: event 'ushakov-no-talks' is drawn on timeline 'talks' (data/charts.yml:"
    )
    assert f"at most {SHORT_CHARS} characters" in found
    assert "Ushakov says no talks at this stage" in " ".join(texts(view(engine).figure))  # a preview still draws it
    # An event no timeline draws needs none.
    elsewhere = engine_for(
        events_csv=EVENTS.replace("Ushakov: no talks", ""), charts_yml=CHARTS.replace("topic: negotiations", "topic: x")
    )
    assert not [p for p in elsewhere.warnings + elsewhere.errors if "short" in str(p)]


def test_the_ukrainian_picture_writes_short_uk_and_its_checks(tmp_path):
    site = uk_site(tmp_path)
    assert [str(p) for p in site.errors + site.warnings] == []
    assert "Ушаков: без переговорів" in texts(site.views["talks"].figure)
    assert site.views["talks"].table_rows[0][1] != "Ушаков: без переговорів"  # the table keeps the label


def test_short_uk_missing_too_long_or_stale_is_named_at_its_row(tmp_path):
    events = TRANSLATED["events_csv"]
    missing = uk_site(tmp_path / "a", stamp=False, events_csv=events.replace("Ушаков: без переговорів", ""))
    assert any(
        str(p).startswith("data/events.csv:2: uk: no Ukrainian for short_uk of event 'ushakov-no-talks'")
        for p in missing.warnings
    )
    long = "Ушаков: переговорів на цьому етапі не буде"
    wordy = uk_site(tmp_path / "b", events_csv=events.replace("Ушаков: без переговорів", long))
    assert [str(p) for p in wordy.warnings] == [
        f"data/events.csv:2: short_uk: the Ukrainian short label is {len(long)} characters long; a label beside a "
        f"timeline's mark carries at most {SHORT_CHARS} (two short lines): write a few words, e.g. 'Kyiv: bridge "
        "hit' (the full sentence stays in label)"
    ]
    uk_site(tmp_path / "c")
    path = tmp_path / "c" / "data" / "events.csv"
    path.write_text(path.read_text().replace("Ushakov: no talks,", "Ushakov: no talks now,"))
    from conftest import TODAY
    from explainer import Site

    found = [str(p) for p in Site.load(tmp_path / "c", today=TODAY, lang="uk", pictures=False).warnings]
    assert (
        len(found) == 1
        and "the English of event 'ushakov-no-talks' changed after it was translated (short)" in found[0]
    )
