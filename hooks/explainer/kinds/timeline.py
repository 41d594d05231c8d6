"""Timelines: dated events and statements on named tracks, open markers where unverified."""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

from ..language import t
from ..model import formatting
from ..model.claims import GROUP_LABELS, status_text
from ..model.dataset import Dataset
from ..model.fields import Id, PastDate, Text
from ..model.problems import Problems
from ..model.statuses import EVENT_STATUS_SHORT
from .base import Annotated, ChartView, Where, check_annotations, claims_view, draws_rows, with_annotation_sources
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
    who,
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
    topics = {e.topic for e in ds.events}
    if spec.topic not in topics:
        if not ds.broken_kinds & {"claimant", "source"}:
            problems.add(
                where.path,
                where.line_of("topic"),
                "topic",
                f"no event in data/events.csv has topic '{spec.topic}' (topics: {', '.join(sorted(topics)) or 'none'})",
            )
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
    return ok and draws_rows(where, spec, spec.rows(ds), ds, problems)


def view(spec: Spec, ds: Dataset) -> ChartView:
    rows = spec.rows(ds)
    return with_annotation_sources(claims_view(spec, rows, _figure(spec, rows, ds), ds), spec, ds)


def _figure(spec: Spec, rows: list, ds: Dataset) -> Figure:
    tracks = spec.tracks or list(OrderedDict.fromkeys(e.track for e in rows))
    # Events on the same day and track are spread vertically so none hides another.
    slots: dict[tuple, int] = {}
    marks: OrderedDict[tuple, list] = OrderedDict()
    for event in rows:
        key = (event.track, event.date)
        offset = slots.get(key, 0)
        slots[key] = offset + 1
        marks.setdefault((ds.claimants[event.claimant].group, event.status), []).append((event, offset))
    fig = Figure()
    for (group, status), items in sorted(marks.items(), key=lambda kv: group_status_order(kv[0])):
        for trace in event_marks(
            group,
            status,
            x=[e.date.isoformat() for e, _ in items],
            y=[tracks.index(e.track) - 0.22 * off for e, off in items],
            size=13,
            ids=row_ids(e for e, _ in items),
            name=lines(f"{GROUP_LABELS[group]} · {EVENT_STATUS_SHORT[status]}", 40),
            customdata=[
                [
                    plot_text(who(ds, e.claimant)),
                    lines(e.label, 48),
                    plot_text(
                        f"{formatting.long_date(e.date)} · {status_text(e.status, event=True)} · {t('source:')} {ds.credit(e)}"
                    ),
                    "",
                ]
                for e, _ in items
            ],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        ):
            fig.add_trace(trace)
    marks, notes, above = annotation_marks(spec.annotated(ds), [e.date for e in rows])
    return fig.update_layout(
        base_layout(
            height=140 + 60 * len(tracks) + above,
            margin=dict(l=8, r=16, t=8 + above, b=8),
            shapes=marks,
            annotations=notes,
            xaxis=dict(
                type="date",
                **date_axis([e.date for e in rows]),
                automargin=True,
                fixedrange=True,
                showgrid=True,
            ),
            yaxis=dict(
                tickvals=list(range(len(tracks))),
                ticktext=[plot_text(t) for t in tracks],
                range=[len(tracks) - 0.5, -0.7],
                automargin=True,
                fixedrange=True,
                showgrid=False,
                zeroline=False,
            ),
        )
    )
