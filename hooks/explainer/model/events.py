"""Dated events and statements: bridge strikes, negotiation positions, places said to be taken."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field

from .fields import Id, OptionalText, PastDate, SourceIds, Text
from .rows import Row
from .statuses import EventStatus

# Figure statuses written in events.csv before events had their own: what to write instead.
_FIGURE_WORDS = {
    "claimed": "on-record (the claim was made, verifiably) or reported (a media report)",
    "assessed": "reported (an analyst's or outlet's report) or confirmed (verified independently)",
}


def _event_status(value: object) -> object:
    if isinstance(value, str) and value.strip() in _FIGURE_WORDS:
        raise ValueError(
            f"'{value.strip()}' is a figure's status; an event or statement is {_FIGURE_WORDS[value.strip()]}"
        )
    return value.strip().replace(" ", "-") if isinstance(value, str) else value


class Event(Row):
    # `source` in events.csv holds one or more ids ("a; b"), as in observations.csv.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    id: Id
    date: PastDate
    topic: Id
    track: Text
    claimant: Id
    status: Annotated[EventStatus, BeforeValidator(_event_status)]
    label: Text
    sources: SourceIds = Field(alias="source")
    place: OptionalText = ""  # a place id in data/places.csv, for events drawn on maps
    note: OptionalText = ""

    @property
    def source(self) -> str:
        """The source quoted (the first in the row)."""
        return self.sources[0]


EVENT_COLUMNS = ["id", "date", "topic", "track", "claimant", "status", "label", "source", "place", "note"]
EVENT_OPTIONAL = ("place",)
