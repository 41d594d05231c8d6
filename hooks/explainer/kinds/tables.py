"""A chart as the reader gets it: rows drawn, figure, sources, as-of date, table, CSV."""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from . import figures, formatting
from .claims import UNVERIFIED
from .data import Dataset, selected_rows
from .events import Event
from .sources import Source
from .specs import ChartSpec, MapSpec

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

CSV_COLUMNS = {
    "observations": ["date", "metric", "metric_label", "value", "unit", "claimant", "claimant_name", "claimant_role",
                     "side", "status", "source", "source_publisher", "source_url", "note"],
    "events": ["date", "id", "topic", "track", "label", "claimant", "claimant_name", "claimant_role", "side", "status",
               "source", "source_publisher", "source_url", "note"],
}


@dataclass
class ChartView:
    spec: ChartSpec
    rows: list
    figure: dict
    sources: list[Source]
    as_of: date
    has_claims: bool
    table_head: list[str]
    table_rows: list[list[str]]
    csv_text: str
    key: str | None = None  # replaces the claimant-colour key (maps explain their own marks)
    notes: list[str] = field(default_factory=list)  # generated notes, after the spec's own

    @property
    def height(self) -> int:
        return figures.height(self.figure)

    @property
    def source_links(self) -> list[tuple[Source, str]]:
        """Each source with its link text: the publisher, plus the title where a publisher repeats."""
        counts = Counter(s.publisher for s in self.sources)
        return [(s, s.publisher if counts[s.publisher] == 1 else f"{s.publisher}, “{s.title}”") for s in self.sources]


def build(spec: ChartSpec, ds: Dataset) -> ChartView:
    if isinstance(spec, MapSpec):
        return _map_view(spec, ds)
    rows = selected_rows(spec, ds)
    figure = figures.build(spec, rows, ds)
    # A reference line (e.g. a pre-war population) is drawn too, so it is in the table and CSV.
    drawn = rows + [ds.by_metric(m)[-1] for m in getattr(spec, "reference", None) or []]
    is_events = bool(rows) and isinstance(rows[0], Event)
    head, body = (_event_table if is_events else _observation_table)(drawn, ds)
    return ChartView(
        spec=spec,
        rows=drawn,
        figure=figure,
        sources=[ds.sources[s] for s in dict.fromkeys(r.source for r in drawn)],
        as_of=max(r.date for r in rows),
        has_claims=any(r.status in UNVERIFIED for r in drawn),
        table_head=head,
        table_rows=body,
        csv_text=_csv(drawn, ds, is_events),
    )


def _map_view(spec: MapSpec, ds: Dataset) -> ChartView:
    """A map's rows are its places (drawn or not); table and CSV list them with their sources."""
    from . import maps

    rows = selected_rows(spec, ds)
    plan = maps.plan(spec, ds)
    head, body = maps.table(plan, ds)
    return ChartView(
        spec=spec,
        rows=rows,
        figure=figures.build(spec, rows, ds),
        sources=[ds.sources[s] for s in plan.source_ids],
        as_of=plan.as_of,
        has_claims=False,  # the key and notes say which figures are claims
        table_head=head,
        table_rows=body,
        csv_text=maps.csv_text(plan, ds),
        key=maps.key(plan),
        notes=maps.notes(plan, ds),
    )


def _observation_table(rows, ds: Dataset):
    many = len({r.metric for r in rows}) > 1
    head = ["As of"] + (["Measure"] if many else []) + ["Figure", "Who says so", "Status", "Source", "Note"]
    body = []
    for r in rows:
        metric = ds.metrics[r.metric]
        claimant = ds.claimants[r.claimant]
        body.append([formatting.long_date(r.date)] + ([metric.label] if many else []) + [
            formatting.quantity(r.value, metric.unit), f"{claimant.name}, {claimant.role}", r.status,
            ds.sources[r.source].publisher, r.note])
    return head, body


def _event_table(rows, ds: Dataset):
    head = ["Date", "Track", "What happened or was said", "Who says so", "Status", "Source", "Note"]
    body = []
    for r in rows:
        claimant = ds.claimants[r.claimant]
        body.append([formatting.long_date(r.date), r.track, r.label, f"{claimant.name}, {claimant.role}", r.status,
                     ds.sources[r.source].publisher, r.note])
    return head, body


def _csv(rows, ds: Dataset, is_events: bool) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    columns = CSV_COLUMNS["events" if is_events else "observations"]
    writer.writerow(columns)
    for r in rows:
        claimant = ds.claimants[r.claimant]
        source = ds.sources[r.source]
        common = dict(date=r.date.isoformat(), claimant=r.claimant, claimant_name=claimant.name, claimant_role=claimant.role,
                      side=claimant.side, status=r.status, source=r.source, source_publisher=source.publisher,
                      source_url=source.url, note=r.note)
        if is_events:
            common.update(id=r.id, topic=r.topic, track=r.track, label=r.label)
        else:
            metric = ds.metrics[r.metric]
            common.update(metric=r.metric, metric_label=metric.label, value=formatting.plain_number(r.value), unit=metric.unit)
        writer.writerow([_csv_safe(common[c]) for c in columns])
    return out.getvalue()


def _csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text.
    Only a cell that is wholly a number may start with a minus sign."""
    if value and value[0] in "=+-@\t\r" and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
