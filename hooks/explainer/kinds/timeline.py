"""Timelines: dated events and statements on named tracks, open markers where unverified."""

from __future__ import annotations

import math
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal

from ..language import t
from ..model import formatting
from ..model.claims import GROUP_LABELS, status_text
from ..model.dataset import Dataset
from ..model.events import SHORT_CHARS
from ..model.fields import Id, PastDate, Text
from ..model.problems import Problems
from ..model.statuses import EVENT_STATUS_SHORT
from . import labels
from .base import (
    Annotated,
    ChartView,
    Where,
    check_annotations,
    claims_view,
    draws_rows,
    topic_problem,
    with_annotation_sources,
)
from .plot import (
    Figure,
    annotation_marks,
    base_layout,
    date_axis,
    event_marks,
    group_status_order,
    lines,
    plot_text,
    row_ids,
    text_px,
    who,
    wrap,
)


class Spec(Annotated):
    kind: Literal["timeline"]
    topic: Id
    tracks: list[Text] | None = None
    start: PastDate | None = None
    end: PastDate | None = None

    def selects(self, event) -> bool:
        return (
            event.topic == self.topic
            and (self.tracks is None or event.track in self.tracks)
            and (self.start is None or event.date >= self.start)
            and (self.end is None or event.date <= self.end)
        )

    def rows(self, ds: Dataset) -> list:
        return [e for e in ds.events if self.selects(e)]


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    ok = check_annotations(where, spec, ds, problems)
    unknown = topic_problem(spec.topic, ds)
    if unknown:
        if not ds.broken_kinds & {"claimant", "source"}:
            problems.add(where.path, where.line_of("topic"), "topic", unknown)
        ok = False
    for event in ds.events:
        if spec.tracks and event.topic == spec.topic and event.track not in spec.tracks:
            at = ds.lines[("event", event.id)]
            problems.add(
                at.path,
                at.line,
                "track",
                f"'{event.track}' is not a track of chart '{spec.id}', so this event would be drawn nowhere "
                f"(tracks: {', '.join(spec.tracks)})",
            )
    for event in spec.rows(ds):
        if not event.short:
            at = ds.lines[("event", event.id)]
            problems.warn(
                at.path,
                at.line,
                "short",
                f"event '{event.id}' is drawn on timeline '{spec.id}' ({where.path}:{where.line}), which writes a "
                f"few words beside each mark: give it a short label (at most {SHORT_CHARS} characters, e.g. "
                "'Kyiv: bridge hit'; the full sentence stays in label)",
            )  # the chart is still drawn (a preview shows it), with the label in place of the short
    return ok and draws_rows(where, spec, spec.rows(ds), ds, problems)


def view(spec: Spec, ds: Dataset) -> ChartView:
    rows = spec.rows(ds)
    return with_annotation_sources(claims_view(spec, rows, _figure(spec, rows, ds), ds), spec, ds)


# -- the picture ----------------------------------------------------------------------------------
# Each track is a band: its name in bold at the top left, its marks on a thin line, room above and
# below the line for labels. Every event's `short` is written beside its mark where it fits without
# touching another label, a mark, a track name or the picture's edge, in the narrowest picture (a
# phone's: render/gallery.py draws the same figure wider, where everything only moves apart). The
# y axis counts pixels, so the bands keep their height at every width. An event whose label fits
# nowhere gets a number beside its mark instead, and the numbers are written out, with the label and
# the date, under the date axis: the chart's annotated events are labelled first, then each band's
# events in date order. README, "Timelines".
PHONE = 320  # px: render/gallery.py WIDTHS["narrow"], the narrowest picture drawn
MARGIN_L, MARGIN_R = 8, 12
LABEL_SIZE = 11
NUMBER_SIZE = 10
HEADING_SIZE = 12
MARK_SIZE = 13
SAME_DAY_STEP = 16  # px between the marks of one track and day: a number fits beside each
ROOM = 42  # px above and below a track's line: a mark's half and a label of two lines of 11 px text
AXIS_PX = 28  # the date axis's tick labels under the plot
LIST_LINE = 15  # px per line of the numbered list
LEGEND_ROW = 30  # px per row of plotly's key (its marks are drawn at their size)


# The plot's width in each picture drawn (render/gallery.py: WIDTHS, and the export's 800 px with
# 16 px margins): a label must be free in every one.
PLOT_WIDTHS = (PHONE - MARGIN_L - MARGIN_R, 480 - MARGIN_L - MARGIN_R, 700 - MARGIN_L - MARGIN_R, 800 - 32)


def _ticks(axis: dict, px, width: float) -> dict:
    """Ticks written here (not plotly's own) whose label would run past the picture's edge in the
    narrowest picture are left out."""
    if "tickvals" not in axis:
        return axis
    keep = [
        (v, label)
        for v, label in zip(axis["tickvals"], axis["ticktext"], strict=True)
        if text_px(label) / 2 <= min(px(date.fromisoformat(v)) + MARGIN_L, width + MARGIN_R - px(date.fromisoformat(v)))
    ]
    return {**axis, "tickvals": [v for v, _ in keep], "ticktext": [label for _, label in keep]}


def _moved(box: labels.Box, dx: float) -> labels.Box:
    return labels.Box(box.x0 + dx, box.y0, box.x1 + dx, box.y1)


def _variants(text: str) -> list[tuple[str, ...]]:
    """One line, then two balanced lines (never more: a label is a few words)."""
    words = text.split()
    out = [(text,)]
    if len(words) > 1:
        best = min(range(1, len(words)), key=lambda i: max(len(" ".join(words[:i])), len(" ".join(words[i:]))))
        out.append((" ".join(words[:best]), " ".join(words[best:])))
    return out


def _x_range(dates: list) -> tuple[datetime, datetime]:
    """The date axis's range: every mark at least PAD px inside the narrowest plot."""
    first, last = datetime.combine(min(dates), time()), datetime.combine(max(dates), time())
    span = last - first or timedelta(days=2)
    width = PHONE - MARGIN_L - MARGIN_R
    pad = span * (10 / (width - 20))
    if last == first:
        return first - span / 2, last + span / 2
    return first - pad, last + pad


def _legend_height(names: list[str], width: float) -> float:
    """The height of plotly's horizontal key in the narrowest picture: its entries packed into rows
    (generous widths), each row as tall as its tallest entry (a mark's row, or a name of two lines)."""
    height, used, row = 0.0, 0.0, 0.0
    for name in names:
        parts = name.split("<br>")
        w = max(len(line) for line in parts) * 0.62 * 13 + 44
        if used and used + w > width:
            height, used, row = height + row, 0.0, 0.0
        used += w
        row = max(row, LEGEND_ROW + 16 * (len(parts) - 1))
    return height + row


@dataclass
class _Band:
    """A track's band, laid out on its own (y from the band's top), then set in place."""

    track: str
    line: float  # the track's line
    bottom: float  # the band's bottom with room for labels under the line
    top: float = 0.0  # where the band starts in the plot, once the bands above are in place
    lift: float = 0.0  # how far its marks and labels move up, closing the room left unused under its name

    def heading(self) -> labels.Box:
        """Where the track's name is written: bold, at the band's top left."""
        w, h = labels.text_box_size((self.track,), HEADING_SIZE * 1.08)
        return labels.Box(0, 0, w, h)


@dataclass
class _Layout:
    """Where everything of a timeline goes in the narrowest picture."""

    bands: list[_Band]
    band_of: dict[str, _Band]  # event id -> its band
    mark_y: dict[str, float]  # event id -> its mark's y in its band
    spots: dict[str, labels.Spot]  # event id -> its label, or its number, in its band
    numbers: dict[str, str]  # event id -> its number, for the events not labelled
    height: int  # the plot's

    def y(self, event_id: str, local: float) -> float:
        band = self.band_of[event_id]
        return round(band.top + local - band.lift, 1)


def _layout(spec: Spec, rows: list, ds: Dataset, px) -> _Layout:
    tracks = spec.tracks or list(OrderedDict.fromkeys(e.track for e in rows))
    annotated = [e.id for e, _ in spec.annotated(ds)]
    # Marks: the same track and day share a column, stacked around the track's line.
    same: dict[tuple, list] = {}
    for event in rows:
        same.setdefault((event.track, event.date), []).append(event)
    bands = {}
    for track in tracks:
        half = (max((len(v) for (t, _), v in same.items() if t == track), default=1) - 1) * SAME_DAY_STEP / 2
        line = _Band(track, 0, 0).heading().y1 + ROOM + half  # the name has a line of its own
        bands[track] = _Band(track, line, line + half + ROOM)
    mark_y: dict[str, float] = {}
    for (track, _), events in same.items():
        for i, event in enumerate(events):
            mark_y[event.id] = bands[track].line + (i - (len(events) - 1) / 2) * SAME_DAY_STEP
    radius = MARK_SIZE / 2 + 1.5

    def mark(e) -> labels.Box:
        x, y = px(e.date), mark_y[e.id]
        return labels.Box(x - radius, y - radius, x + radius, y + radius)

    def unambiguous(spot: labels.Spot, event, members: list) -> bool:
        """A label above or below the line starts at its own mark: no other day's mark lies under
        it before its own (it would read as that mark's). Level with the line, the marks themselves
        keep labels off them."""
        x, y = px(event.date), mark_y[event.id]
        if spot.box.y0 < y + radius and spot.box.y1 > y - radius:
            return True
        return not any(
            spot.box.x0 < px(o.date) + radius and px(o.date) - radius < x - radius
            for o in members
            if o.date != event.date
        )

    def first_free(options: list[labels.Spot], day, taken: list[tuple], band: _Band) -> labels.Spot | None:
        """The first spot free at every width the figure is drawn at: a label or a mark keeps its
        distance from its own mark in pixels while the dates spread apart, so what is free in the
        phone's picture may not be in a wider one. taken: (box in the phone's picture, its date or None)."""
        for spot in options:
            for plot_width in PLOT_WIDTHS:
                move = px(day, plot_width) - px(day)
                box = _moved(spot.box, move)
                if not labels.inside(box, labels.Box(2 - MARGIN_L, 0, plot_width + MARGIN_R - 2, band.bottom)):
                    break
                if any(box.overlap(_moved(t, px(d, plot_width) - px(d) if d else 0)) for t, d in taken):
                    break
            else:
                return spot
        return None

    # Labels, band by band: of the two orders (by date, and the reverse), the one that labels more.
    spots: dict[str, labels.Spot] = {}
    members = {track: [e for e in rows if e.track == track] for track in tracks}
    for track, band in bands.items():
        best: dict[str, labels.Spot] = {}
        for reverse in (False, True):
            order = sorted(
                members[track],
                key=lambda e: (e.id not in annotated, -e.date.toordinal() if reverse else e.date.toordinal()),
            )
            taken, got = [(band.heading(), None), *((mark(e), e.date) for e in members[track])], {}
            for event in order:
                options = labels.spots(
                    px(event.date), mark_y[event.id], radius, _variants(event.short or event.label), LABEL_SIZE
                )
                options = [o for o in options if unambiguous(o, event, members[track])]
                spot = first_free(options, event.date, taken, band)
                if spot:
                    got[event.id] = spot
                    taken.append((spot.box, event.date))
            if len(got) > len(best):
                best = got
        spots.update(best)
    # The rest are numbered, in date order, then by track; a number takes the first free spot. A
    # number with none takes one that only a label covers, and that label's event is numbered too.
    labelled = dict(spots)
    while True:
        unlabelled = sorted((e for e in rows if e.id not in labelled), key=lambda e: (e.date, tracks.index(e.track)))
        numbers = {e.id: str(n) for n, e in enumerate(unlabelled, start=1)}
        spots, demoted = dict(labelled), set()
        for track, band in bands.items():
            fixed = [(band.heading(), None), *((mark(e), e.date) for e in members[track])]
            taken = [*fixed, *((spots[e.id].box, e.date) for e in members[track] if e.id in spots)]
            for event in (e for e in members[track] if e.id in numbers):
                # A number is small: in a crowd of marks it may stand a little further off.
                options = [
                    spot
                    for reach in (0, 5, 10)
                    for spot in labels.spots(
                        px(event.date), mark_y[event.id], radius + reach, [(numbers[event.id],)], NUMBER_SIZE
                    )
                ]
                spot = first_free(options, event.date, taken, band)
                if spot is None:
                    numbered = [(spots[e.id].box, e.date) for e in members[track] if e.id in numbers and e.id in spots]
                    spot = first_free(options, event.date, fixed + numbered, band) or options[0]
                    demoted |= {
                        e.id for e in members[track] if e.id in labelled and spot.box.overlap(labelled[e.id].box)
                    }
                spots[event.id] = spot
                taken.append((spot.box, event.date))
        if not demoted:
            break
        for event_id in demoted:
            del labelled[event_id]
    # Bands closed up: what is under a track's name moves up to it when nothing needed the room
    # above the line, and a band ends under its lowest mark or label.
    top = 0.0
    for track, band in bands.items():
        boxes = [*map(mark, members[track]), *(spots[e.id].box for e in members[track])]
        band.top = top
        band.lift = max(0.0, min(b.y0 for b in boxes) - band.heading().y1 - 2)
        band.bottom = max(b.y1 for b in boxes) + 4 - band.lift
        top += band.bottom + 4
    band_of = {e.id: bands[e.track] for e in rows}
    return _Layout(list(bands.values()), band_of, mark_y, spots, numbers, math.ceil(top))


def _figure(spec: Spec, rows: list, ds: Dataset) -> Figure:
    dates = [e.date for e in rows]
    r0, r1 = _x_range(dates + [e.date for e, _ in spec.annotated(ds)])
    width = PHONE - MARGIN_L - MARGIN_R

    def px(day, plot_width: float = width) -> float:
        return (datetime.combine(day, time()) - r0) / (r1 - r0) * plot_width

    lay = _layout(spec, rows, ds, px)
    unlabelled = sorted((e for e in rows if e.id in lay.numbers), key=lambda e: int(lay.numbers[e.id]))
    fig = Figure()
    marks: OrderedDict[tuple, list] = OrderedDict()
    for event in rows:
        marks.setdefault((ds.claimants[event.claimant].group, event.status), []).append(event)
    names = []
    for (group, status), items in sorted(marks.items(), key=lambda kv: group_status_order(kv[0])):
        name = lines(f"{GROUP_LABELS[group]} · {EVENT_STATUS_SHORT[status]}", 40)
        names.append(name)
        for trace in event_marks(
            group,
            status,
            x=[e.date.isoformat() for e in items],
            y=[lay.y(e.id, lay.mark_y[e.id]) for e in items],
            size=MARK_SIZE,
            ids=row_ids(items),
            name=name,
            customdata=[
                [
                    plot_text(who(ds, e.claimant)),
                    lines(e.label, 48),
                    plot_text(
                        f"{formatting.long_date(e.date)} · {status_text(e.status, event=True)} · {t('source:')} {ds.credit(e)}"
                    ),
                    "",
                ]
                for e in items
            ],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        ):
            fig.add_trace(trace)

    plot_h = lay.height
    notes, shapes = [], []
    for band in lay.bands:
        line_y = round(band.top + band.line - band.lift, 1)
        shapes.append(
            dict(type="line", xref="paper", x0=0, x1=1, yref="y", y0=line_y, y1=line_y, layer="below",
                 line=dict(color=TRACK_LINE, width=1))
        )  # fmt: skip
        notes.append(
            dict(xref="paper", x=0, xanchor="left", yref="y", y=band.top, yanchor="top", showarrow=False,
                 text=f"<b>{plot_text(band.track)}</b>", font=dict(size=HEADING_SIZE), align="left")
        )  # fmt: skip
    for event in rows:
        spot, numbered = lay.spots[event.id], event.id in lay.numbers
        text = "<br>".join(plot_text(line) for line in spot.lines)
        notes.append(
            dict(xref="x", x=event.date.isoformat(), xanchor=spot.xanchor, xshift=round(spot.xshift, 1), yref="y",
                 y=lay.y(event.id, spot.box.y0), yanchor="top", showarrow=False, align=spot.xanchor,
                 text=f"<b>{text}</b>" if numbered else text, font=dict(size=NUMBER_SIZE if numbered else LABEL_SIZE))
        )  # fmt: skip
    # The numbered list, under the date axis: "3 Kyiv: delay due to Mideast, 17 Aug" (an en space).
    entries = []
    for event in unlabelled:
        words = wrap(f"{event.short or event.label}, {formatting.short_date(event.date)}", 44)
        entries.append((lay.numbers[event.id], words.split("\n")))
    list_h = sum(LIST_LINE * len(w) for _, w in entries) + (6 if entries else 0)
    y = AXIS_PX + 4
    for number, words in entries:
        notes.append(
            dict(xref="paper", x=0, xanchor="left", yref="paper", y=-y / plot_h, yanchor="top", showarrow=False,
                 align="left", font=dict(size=LABEL_SIZE),
                 text=f"<b>{number}</b>\u2002" + "<br>".join(plot_text(w) for w in words))
        )  # fmt: skip
        y += LIST_LINE * len(words)
    legend_h = _legend_height(names, PHONE - MARGIN_L - MARGIN_R) + 6
    bottom = math.ceil(AXIS_PX + list_h + legend_h + 8)
    ann_shapes, ann_notes, above = annotation_marks(spec.annotated(ds), dates)
    return fig.update_layout(
        base_layout(
            height=8 + above + plot_h + bottom,
            # autoexpand off: the key and the axis fit the margins given, and the plot keeps exactly
            # the height the bands were laid out in.
            margin=dict(l=MARGIN_L, r=MARGIN_R, t=8 + above, b=bottom, autoexpand=False),
            shapes=shapes + ann_shapes,
            annotations=notes + ann_notes,
            legend=dict(orientation="h", x=0, xanchor="left", y=-(AXIS_PX + list_h) / plot_h, yanchor="top"),
            xaxis=dict(
                type="date",
                **_ticks(date_axis(dates, room=width), px, width),
                range=[r0.isoformat(), r1.isoformat()],
                automargin=False,
                fixedrange=True,
                showgrid=True,
            ),
            yaxis=dict(range=[plot_h, 0], visible=False, fixedrange=True, showgrid=False, zeroline=False),
        )
    )


TRACK_LINE = "rgba(127,127,127,0.35)"  # a track's line: quiet in both schemes
