"""The data table and CSV of a chart: the rows it draws, with who says so and the source."""

from __future__ import annotations

import csv
import io
import re

from ..model import formatting
from ..model.dataset import Dataset
from ..model.statuses import status_label

_PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")

# Who says so and where, in every claim row's CSV.
# A row with several sources lists each in source, source_publisher and source_url, in the same order
# joined by "; " (the first is the one quoted); source_credit is how the site names them all.
_SOURCED_CSV = ["claimant", "claimant_name", "claimant_role", "claimant_group", "status", "source",
                "source_publisher", "source_credit", "source_url", "note"]  # fmt: skip
SOURCE_JOIN = "; "
OBSERVATION_CSV = ["date", "metric", "metric_label", "value", "qualifier", "high", "unit", "figure", *_SOURCED_CSV]
EVENT_CSV = ["date", "id", "topic", "track", "label", *_SOURCED_CSV]


def observation_table(rows, ds: Dataset) -> tuple[list[str], list[list[str]]]:
    """The table of figures a chart draws: head and rows, as readers see them."""
    many = len({r.metric for r in rows}) > 1
    head = ["As of"] + (["Measure"] if many else []) + ["Figure", "Who says so", "Status", "Source", "Note"]
    body = []
    for r in rows:
        metric = ds.metrics[r.metric]
        claimant = ds.claimants[r.claimant]
        body.append(
            [formatting.long_date(r.date)]
            + ([metric.label] if many else [])
            + [
                formatting.observed(r, metric.unit),
                f"{claimant.name}, {claimant.role}",
                status_label(r.status),
                ds.credit(r),
                r.note,
            ]
        )
    return head, body


def event_table(rows, ds: Dataset) -> tuple[list[str], list[list[str]]]:
    """The table of events and statements a chart draws: head and rows, as readers see them."""
    head = ["Date", "Track", "What happened or was said", "Who says so", "Status", "Source", "Note"]
    body = []
    for r in rows:
        claimant = ds.claimants[r.claimant]
        body.append(
            [
                formatting.long_date(r.date),
                r.track,
                r.label,
                f"{claimant.name}, {claimant.role}",
                status_label(r.status),
                ds.credit(r),
                r.note,
            ]
        )
    return head, body


def _sourced(r, ds: Dataset) -> dict[str, str]:
    """The columns every claim row shares: who, status, source."""
    claimant = ds.claimants[r.claimant]
    sources = ds.row_sources(r)
    return dict(
        date=r.date.isoformat(),
        claimant=r.claimant,
        claimant_name=claimant.name,
        claimant_role=claimant.role,
        claimant_group=claimant.group,
        status=r.status,
        source=SOURCE_JOIN.join(s.id for s in sources),
        source_publisher=SOURCE_JOIN.join(s.publisher for s in sources),
        source_credit=ds.credit(r),
        source_url=SOURCE_JOIN.join(s.url for s in sources),
        note=r.note,
    )


def observations_csv(rows, ds: Dataset) -> str:
    """The CSV download of the figures a chart draws (OBSERVATION_CSV)."""

    def row(r):
        metric = ds.metrics[r.metric]
        return {
            **_sourced(r, ds),
            "metric": r.metric,
            "metric_label": metric.label,
            "value": formatting.plain_number(r.value),
            "qualifier": r.qualifier,
            "high": "" if r.high is None else formatting.plain_number(r.high),
            "unit": metric.unit,
            "figure": formatting.observed(r, metric.unit),
        }

    return csv_text(OBSERVATION_CSV, [row(r) for r in rows])


def events_csv(rows, ds: Dataset) -> str:
    """The CSV download of the events a chart draws (EVENT_CSV)."""
    return csv_text(
        EVENT_CSV, [{**_sourced(r, ds), "id": r.id, "topic": r.topic, "track": r.track, "label": r.label} for r in rows]
    )


def csv_text(columns: list[str], rows: list[dict[str, str]]) -> str:
    """Rows as CSV text under a header of columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_safe(row[c]) for c in columns])
    return out.getvalue()


def csv_safe(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas; a leading quote keeps them text.
    Only a cell that is wholly a number may start with a minus sign."""
    if value and value[0] in "=+-@\t\r" and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value
