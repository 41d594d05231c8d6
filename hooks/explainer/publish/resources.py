"""The package's tables: one per data file, with what each column means and how rows are written.

Rows are written from the validated Dataset, so the package holds exactly what the site shows,
normalised (dates YYYY-MM-DD, plain numbers, empty for no value)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, NamedTuple

from pydantic import BaseModel

from ..kinds.tables import csv_safe
from ..model.claims import QUALIFIERS, Claimant, Metric, Observation
from ..model.corrections import Correction
from ..model.dataset import Dataset
from ..model.events import Event
from ..model.fields import ID_PATTERN, Id, PastDate
from ..model.formatting import plain_number
from ..model.places import Place
from ..model.sources import Source
from .schema import LIST_SEPARATOR, table_schema

_ID = "Identifier: lowercase letters, digits and hyphens."
_SOURCE = "The source quoted for the row (the first of its sources): an id in sources.csv."
_SOURCES = (
    "Every source of the row, the quoted one first, ids in sources.csv separated by ';' (observation-sources.csv "
    "and event-sources.csv hold the same, one per line, with their keys checked)."
)
_ID_FIELD = {"pattern": ID_PATTERN.removeprefix("^").removesuffix("$")}
# A row's `source` in the package is the quoted one (a key into sources.csv); `sources` is all of them.
_SOURCE_COLUMNS: dict[str, dict[str, Any]] = {
    "source": {"type": "string", "constraints": {"required": True, **_ID_FIELD}},
    "sources": {
        "type": "string",
        "after": "source",
        "constraints": {"required": True, "pattern": f"{_ID_FIELD['pattern']}(?:;{_ID_FIELD['pattern']})*"},
    },
}
_CLAIMANT = "Who makes the claim or statement: an id in claimants.csv."
_NOTE = "Caveats and context, in the site's words."
_LIST = f"ids separated by '{LIST_SEPARATOR}'"


@dataclass(frozen=True)
class Resource:
    name: str
    title: str
    description: str
    model: type[BaseModel]
    rows: Callable[[Dataset], Iterable[BaseModel]]
    descriptions: dict[str, str]
    primary_key: list[str] | None = None
    foreign_keys: dict[str, str] | None = None
    enums: dict[str, tuple[str, ...]] | None = None
    # Columns written differently from the model's fields (see schema.table_schema), and how to read
    # a derived column's value from a row (default: the row's attribute of that name).
    columns: dict[str, dict[str, Any] | None] | None = None
    getters: dict[str, Callable[[Any], Any]] | None = None
    composite_keys: list[tuple[list[str], str]] | None = None

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    def schema(self, present: set[str]) -> dict[str, Any]:
        """Foreign keys only to tables the package has (places.csv is optional)."""
        keys = {f: r for f, r in (self.foreign_keys or {}).items() if r in present}
        composite = [(f, r) for f, r in (self.composite_keys or []) if r in present]
        return table_schema(self.model, self.descriptions, self.primary_key, keys, self.enums, self.columns, composite)


class ObservationSource(BaseModel):
    """One source of one figure (the package's long form of a row's `source` cell)."""

    date: PastDate
    metric: Id
    claimant: Id
    position: int
    source: Id


class EventSource(BaseModel):
    """One source of one event or statement."""

    event: Id
    position: int
    source: Id


class _ObservationSourceRow(NamedTuple):
    date: date
    metric: str
    claimant: str
    position: int
    source: str


class _EventSourceRow(NamedTuple):
    event: str
    position: int
    source: str


def _observations(ds: Dataset) -> list[Observation]:
    return sorted(ds.observations, key=lambda o: (o.date, o.metric, o.claimant))


_POSITION = "1 for the source quoted, then 2, 3... for the others that report the same."


RESOURCES = [
    Resource(
        "observations",
        "Figures",
        "One figure per row: who gives it, as of when, how far it is verified, and where it was published.",
        Observation,
        _observations,
        {
            "date": "The date the figure is as of (not the publication date).",
            "metric": "What is measured: an id in metrics.csv, which gives the label and unit.",
            "value": "The figure as a plain number; for a range, its low end.",
            "qualifier": "How the source qualified it: empty for an exact figure, else about, more-than, at-least, "
            "up-to, less-than or range.",
            "high": "A range's high end (only when qualifier is range).",
            "claimant": _CLAIMANT,
            "status": "How far the figure is verified: claimed, assessed, confirmed or disputed (see README).",
            "source": _SOURCE,
            "sources": _SOURCES,
            "note": _NOTE,
        },
        primary_key=["date", "metric", "claimant"],
        foreign_keys={"metric": "metrics", "claimant": "claimants", "source": "sources"},
        enums={"qualifier": QUALIFIERS},
        columns=_SOURCE_COLUMNS,
    ),
    Resource(
        "events",
        "Events and statements",
        "Dated events and statements (bridge strikes, negotiating positions), each with its own status.",
        Event,
        lambda ds: ds.events,
        {
            "id": _ID,
            "date": "The date of the event or statement.",
            "topic": "Which timeline it belongs to, e.g. bridges or negotiations.",
            "track": "The row of the timeline: a bridge, a party.",
            "claimant": _CLAIMANT,
            "status": "on-record, reported, confirmed or disputed (see README).",
            "label": "What happened or was said, attributed, in one line.",
            "short": "A few words for the timeline picture, written beside the event's mark (may be empty for an event "
            "no timeline draws).",
            "source": _SOURCE,
            "sources": _SOURCES,
            "place": "Where it happened, for maps: an id in places.csv (may be empty).",
            "note": _NOTE,
        },
        primary_key=["id"],
        foreign_keys={"claimant": "claimants", "source": "sources", "place": "places"},
        columns=_SOURCE_COLUMNS,
    ),
    Resource(
        "observation-sources",
        "Sources of each figure",
        "Every source of every figure, one per line: the figure's key in observations.csv and a source id.",
        ObservationSource,
        lambda ds: [
            _ObservationSourceRow(o.date, o.metric, o.claimant, n, s)
            for o in _observations(ds)
            for n, s in enumerate(o.sources, start=1)
        ],
        {
            "date": "The figure's as-of date (with metric and claimant, its key in observations.csv).",
            "metric": "The figure's metric.",
            "claimant": "The figure's claimant.",
            "position": _POSITION,
            "source": "An id in sources.csv.",
        },
        primary_key=["date", "metric", "claimant", "position"],
        foreign_keys={"source": "sources"},
        composite_keys=[(["date", "metric", "claimant"], "observations")],
    ),
    Resource(
        "event-sources",
        "Sources of each event",
        "Every source of every event or statement, one per line: the event's id and a source id.",
        EventSource,
        lambda ds: [_EventSourceRow(e.id, n, s) for e in ds.events for n, s in enumerate(e.sources, start=1)],
        {"event": "An id in events.csv.", "position": _POSITION, "source": "An id in sources.csv."},
        primary_key=["event", "position"],
        foreign_keys={"event": "events", "source": "sources"},
    ),
    Resource(
        "places",
        "Places",
        "Towns, villages and structures on the locator maps, with positions exactly as their sources print them.",
        Place,
        lambda ds: ds.places.values(),
        {
            "id": _ID,
            "name": "The place's name.",
            "kind": "city, town, village, bridge, crossing or plant.",
            "lat": "Latitude in decimal degrees north, as the source gives it; empty when none was published.",
            "lon": "Longitude in decimal degrees east, as the source gives it; empty when none was published.",
            "status": "A structure's state (destroyed, damaged, intact, unknown); n/a for settlements.",
            "source": "The source of the position: an id in sources.csv.",
            "note": _NOTE,
        },
        primary_key=["id"],
        foreign_keys={"source": "sources"},
    ),
    Resource(
        "sources",
        "Sources",
        "Every source once: the original outlet's page, with its publication date.",
        Source,
        lambda ds: sorted(ds.sources.values(), key=lambda s: s.id),
        {
            "id": _ID,
            "kind": "primary (document or transcript), official (statement), news (report), dataset or reference.",
            "publisher": "The outlet or body that published it.",
            "title": "The headline or title.",
            "title_by": "outlet: the headline as published; site: no headline could be read, the title is the site's.",
            "url": "The page read (https): the original outlet's, or for a relay the page that relays it.",
            "published": "The publication date shown on the page.",
            "accessed": "When the site read a source that has no publication date.",
            "relays_outlet": "For a relay (a copy or report of another outlet's story): the original outlet; "
            "empty for an original.",
            "relays_url": "For a relay: the original's address, when known.",
            "relays_wire": "For a relay: true when the page is an agency's licensed copy (shown as the agency's story).",
            "credit": "How the site names the source, e.g. 'BBC News, as reported by Euromaidan Press'.",
            "note": _NOTE,
        },
        primary_key=["id"],
        columns={
            "relays": None,
            "relays_outlet": {"type": "string", "after": "accessed"},
            "relays_url": {"type": "string", "after": "relays_outlet", "constraints": {"pattern": "https://.+"}},
            "relays_wire": {"type": "boolean", "after": "relays_url"},
            "credit": {"type": "string", "after": "relays_wire", "constraints": {"required": True}},
        },
        getters={
            "relays_outlet": lambda s: s.relays.outlet if s.relays else None,
            "relays_url": lambda s: s.relays.url if s.relays else None,
            "relays_wire": lambda s: s.relays.wire if s.relays else None,
        },
    ),
    Resource(
        "claimants",
        "Claimants",
        "Who makes claims and statements, and the group that sets their colour on the site.",
        Claimant,
        lambda ds: sorted(ds.claimants.values(), key=lambda c: c.id),
        {
            "id": _ID,
            "name": "The person's or body's name.",
            "role": "Their role in August 2024.",
            "group": "ukraine, russia, third-country, international, analysts, media or partisan (see README).",
        },
        primary_key=["id"],
    ),
    Resource(
        "metrics",
        "Metrics",
        "What the figures measure, with the unit.",
        Metric,
        lambda ds: sorted(ds.metrics.values(), key=lambda m: m.id),
        {
            "id": _ID,
            "label": "What is measured, as the charts label it.",
            "unit": "The unit of value and high (may be empty).",
            "description": "What the measure means and counts.",
            "can_be_negative": "true when the measure can go below zero (a change); areas, counts and distances cannot.",
        },
        primary_key=["id"],
    ),
    Resource(
        "corrections",
        "Corrections",
        "Dated corrections to the published site, newest first: what changed, why, and what it concerns.",
        Correction,
        lambda ds: ds.corrections,
        {
            "date": "The date of the correction.",
            "summary": "What changed.",
            "reason": "Why.",
            "pages": f"The pages concerned (Markdown file names), {_LIST}.",
            "metrics": f"The metrics concerned, {_LIST}.",
            "events": f"The events concerned, {_LIST}.",
            "sources": f"The sources concerned, {_LIST}.",
            "charts": f"The charts concerned, {_LIST}.",
        },
    ),
]


def cell(value: object) -> str:
    """One value as the package writes it: plain numbers, ISO dates, lists joined, empty for none.
    Text is then made safe for spreadsheets (a leading = + - @ is quoted, as in every chart's CSV)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return plain_number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return str(value)


def _iso(v) -> str:
    return "" if v is None else v.isoformat()


def _number(v) -> str:
    return "" if v is None else plain_number(v)


_UNSAFE_START = frozenset("=+-@\t\r")


def _text(v) -> str:
    text = cell(v)
    return csv_safe(text) if text and text[0] in _UNSAFE_START else text


def table_csv(resource: Resource, ds: Dataset) -> str:
    """Each column's converter is chosen once from its schema type, and values are read with one
    attrgetter per row: every build writes the package, and 100,000 rows must stay cheap."""
    fields = resource.schema(set())["fields"]
    columns = [f["name"] for f in fields]
    convert = [{"date": _iso, "number": _number, "integer": _number}.get(f["type"], _text) for f in fields]
    getters = resource.getters or {}
    if getters:
        read = [getters.get(c) or attrgetter(c) for c in columns]

        def values(row):
            return [get(row) for get in read]
    else:
        values = attrgetter(*columns)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([fn(v) for fn, v in zip(convert, values(row), strict=True)] for row in resource.rows(ds))
    return out.getvalue()
