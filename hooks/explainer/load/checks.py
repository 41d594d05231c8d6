"""Checks every data file shares: unique ids, references that resolve, dates not after the report."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from ..model.dataset import Dataset, Located
from ..model.fields import ID_RE
from ..model.problems import Problems
from .files import Record


class Where(Protocol):
    """Where something was written: a record with the line of each field (load/files.Record)."""

    path: str
    line: int

    def line_of(self, name: str | None) -> int: ...


def remember_broken(records: list[Record], valid: list, kind: str, ds: Dataset) -> None:
    """Ids of rows that failed validation: rows citing them get no second message."""
    ok = {id(record) for record, _ in valid}
    for record in records:
        if id(record) not in ok and isinstance(record.data.get("id"), str):
            ds.broken.add((kind, record.data["id"]))


def first_definition(record: Record, item_id: str, kind: str, ds: Dataset, problems: Problems) -> bool:
    """Record where an id is defined; a second definition is a problem."""
    key = (kind, item_id)
    if key in ds.lines:
        first = ds.lines[key]
        where = f"line {first.line}" if first.path == record.path else f"{first.path}:{first.line}"
        problems.add(
            record.path,
            record.line_of("id"),
            "id",
            f"duplicate id '{item_id}' (first defined on {where}); ids must be unique",
        )
        return False
    ds.lines[key] = Located(record.path, record.line_of("id"))
    return True


def unique(rows: list[tuple[Record, object]], kind: str, ds: Dataset, problems: Problems) -> dict:
    """Index (record, row) pairs by the row's id, reporting duplicates."""
    return {item.id: (record, item) for record, item in rows if first_definition(record, item.id, kind, ds, problems)}


class Ref(NamedTuple):
    """A reference a row or a chart spec makes: the field that holds it, the kind of id it names
    (metric, claimant, source, event, place, line, chart), the id, and which of a cell's several
    ids it is (for the message)."""

    field: str
    kind: str
    id: str
    note: str = ""


def named(**ids: str) -> list[Ref]:
    """References in fields named for the kind of id they hold: named(metric=..., claimant=...)."""
    return [Ref(kind, kind, value) for kind, value in ids.items()]


def cell(field: str, kind: str, ids: tuple[str, ...]) -> list[Ref]:
    """The ids of one cell (a row's sources), each with its position when there are several."""
    return [
        Ref(field, kind, value, f" ({kind} {n} of the row's {len(ids)})" if len(ids) > 1 else "")
        for n, value in enumerate(ids, start=1)
    ]


def refs(where: Where, ds: Dataset, problems: Problems, found: Iterable[Ref]) -> bool:
    """The one reference checker (data rows and chart specs alike): each id that is not defined is
    reported at its field's line; True when every id is defined and its own definition is sound."""
    ok = True
    for name, kind, value, note in found:
        message = ds.unknown(kind, value, note)
        if message:
            problems.add(where.path, where.line_of(name), name, message)
        ok = ok and message is None and not ds.reported(kind, value)
    return ok


def refs_of_invalid(
    records: list[Record], valid: list, fields: tuple[str, ...], ds: Dataset, problems: Problems
) -> None:
    """A row with a bad value may also cite an unknown id: report that too, in the same run."""
    ok = {id(record) for record, _ in valid}
    for record in records:
        if id(record) in ok:
            continue
        found = {
            f: record.data[f] for f in fields if isinstance(record.data.get(f), str) and ID_RE.match(record.data[f])
        }
        several: list[Ref] = []
        sources = record.data.get("source") if "source" in fields else None
        if isinstance(sources, str) and ";" in sources:  # several sources: check each that is a well-formed id
            several = cell(
                "source",
                "source",
                tuple(dict.fromkeys(p.strip() for p in sources.split(";") if ID_RE.match(p.strip()))),
            )
        refs(record, ds, problems, [*several, *named(**found)])


def reported_before_it_happened(record: Record, row, ds: Dataset, problems: Problems) -> bool:
    """A figure cannot be as of, nor an event happen on, a day after any of its sources was published."""
    early = False
    for source_id in getattr(row, "sources", None) or (row.source,):
        published = ds.sources[source_id].published
        if published is None or row.date <= published:
            continue
        problems.add(
            record.path,
            record.line_of("date"),
            "date",
            f"{row.date.isoformat()} is after its source '{source_id}' was published ({published.isoformat()}); "
            "the date is when the figure was true, which cannot be later than the report",
        )
        early = True
    return early
