"""Dated events and statements: bridge strikes, negotiation positions."""

from __future__ import annotations

from .claims import Status
from .fields import Id, OptionalText, PastDate, Text
from .rows import Row


class Event(Row):
    id: Id
    date: PastDate
    topic: Id
    track: Text
    claimant: Id
    status: Status
    label: Text
    source: Id
    note: OptionalText = ""


EVENT_COLUMNS = ["id", "date", "topic", "track", "claimant", "status", "label", "source", "note"]
