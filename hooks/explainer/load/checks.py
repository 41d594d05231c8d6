"""Checks every data file shares: unique ids, references that resolve, dates not after the report."""

from __future__ import annotations

from typing import Protocol

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


def refs(record: Record, problems: Problems, ds: Dataset, **references: str) -> bool:
    """True when every referenced id is defined and sound; reports the undefined ones."""
    ok = True
    for field_name, value in references.items():
        message = ds.unknown(field_name, value)
        if message:
            problems.add(record.path, record.line_of(field_name), field_name, message)
        ok = ok and message is None and not ds.reported(field_name, value)
    return ok


def source_refs(record: Record, problems: Problems, ds: Dataset, ids: tuple[str, ...]) -> bool:
    """Every id in a row's source cell is defined; an unknown one is reported with its position."""
    ok = True
    for n, value in enumerate(ids, start=1):
        where = f" (source {n} of the row's {len(ids)})" if len(ids) > 1 else ""
        message = ds.unknown("source", value, where)
        if message:
            problems.add(record.path, record.line_of("source"), "source", message)
        ok = ok and message is None and not ds.reported("source", value)
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
        cell = record.data.get("source") if "source" in fields else None
        if isinstance(cell, str) and ";" in cell:  # several sources: check each that is a well-formed id
            ids = tuple(dict.fromkeys(p.strip() for p in cell.split(";") if ID_RE.match(p.strip())))
            source_refs(record, problems, ds, ids)
        refs(record, problems, ds, **found)


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
