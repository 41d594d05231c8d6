"""Who claims what: claimants, metrics and the observations (one claim per row)."""

from __future__ import annotations

from typing import Literal

from .fields import Id, Number, OptionalText, PastDate, Text
from .rows import Row

# Claims and disputed figures are drawn open/dashed; independently checked ones filled/solid.
UNVERIFIED = frozenset({"claimed", "disputed"})
STATUS_TEXT = {
    "claimed": "claim, not independently verified",
    "disputed": "disputed by another source",
    "assessed": "independent assessment",
    "confirmed": "confirmed",
}


def status_text(status: str) -> str:
    """How a status reads to readers, the same in facts, hover labels and maps."""
    return STATUS_TEXT[status]


Side = Literal["ukraine", "russia", "independent"]
Status = Literal["claimed", "assessed", "confirmed", "disputed"]


class Claimant(Row):
    id: Id
    name: Text
    role: Text
    side: Side


class Metric(Row):
    id: Id
    label: Text
    unit: OptionalText = ""
    description: Text


class Observation(Row):
    date: PastDate
    metric: Id
    value: Number
    claimant: Id
    status: Status
    source: Id
    note: OptionalText = ""


OBSERVATION_COLUMNS = ["date", "metric", "value", "claimant", "status", "source", "note"]
