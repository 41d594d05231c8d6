"""Dated events and statements: bridge strikes, negotiation positions, places said to be taken."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field

from .fields import Id, OptionalText, PastDate, SourceIds, Text
from .rows import Row
from .statuses import EventStatus

# Figure statuses written in events.csv before events had their own: what to write instead.
_FIGURE_WORDS = {
    "claimed": "on-record (the claim was made, verifiably) or reported (a media report)",
    "assessed": "reported (an analyst's or outlet's report) or confirmed (verified independently)",
}


# A timeline writes each event's `short` beside its mark, wrapped onto at most two lines: a few
# words, not a sentence (README, "Timelines"). The Ukrainian `short_uk` is held to the same.
SHORT_CHARS = 32


def short_problem(text: str) -> str | None:
    """Why a short label cannot stand beside a mark, or None."""
    if len(text) > SHORT_CHARS:
        return (
            f"is {len(text)} characters long; a label beside a timeline's mark carries at most {SHORT_CHARS} "
            "(two short lines): write a few words, e.g. 'Kyiv: bridge hit' (the full sentence stays in label)"
        )
    return None


def _short(value: str) -> str:
    problem = short_problem(value)
    if problem:
        raise ValueError(problem)
    return value


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
    # A few words a timeline writes beside the mark (required for every event a timeline draws;
    # the table, the answers and the downloads keep `label`).
    short: Annotated[OptionalText, AfterValidator(_short)] = ""
    sources: SourceIds = Field(alias="source")
    place: OptionalText = ""  # a place id in data/places.csv, for events drawn on maps
    note: OptionalText = ""

    @property
    def source(self) -> str:
        """The source quoted (the first in the row)."""
        return self.sources[0]


EVENT_COLUMNS = ["id", "date", "topic", "track", "claimant", "status", "label", "short", "source", "place", "note"]
# Files written before these columns existed keep loading (a timeline still asks for its `short`s).
EVENT_OPTIONAL = ("place", "short")
