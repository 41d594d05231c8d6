"""How far to trust a row: the two status vocabularies and how each reads to readers.

Figures are claimed, assessed, confirmed or disputed. Events and statements have their own
vocabulary, because a statement is not a figure: that someone said something on the record is
verifiable, and says nothing about whether what they said is true.
"""

from __future__ import annotations

from typing import Literal

from ..language import Words, t

FigureStatus = Literal["claimed", "assessed", "confirmed", "disputed"]
EventStatus = Literal["on-record", "reported", "confirmed", "disputed"]

# Claims and disputed figures are drawn open/dotted/hatched; checked ones filled/solid.
UNVERIFIED = frozenset({"claimed", "disputed"})
# Rows whose content no one has checked independently, figures and events alike: a chart
# drawing any of them says so.
UNCONFIRMED = UNVERIFIED | {"on-record", "reported"}

FIGURE_STATUS_TEXT = Words(
    {
        "claimed": "claim, not independently verified",
        "disputed": "disputed by another source",
        "assessed": "independent assessment",
        "confirmed": "confirmed",
    }
)
EVENT_STATUS_TEXT = Words(
    {
        "on-record": "on record: it was said, which does not confirm what was said",
        "reported": "a media report, not confirmed",
        "confirmed": "confirmed independently",
        "disputed": "disputed",
    }
)
EVENT_STATUS_SHORT = Words(
    {
        "on-record": "on record",
        "reported": "reported",
        "confirmed": "confirmed",
        "disputed": "disputed",
    }
)


def status_text(status: str, event: bool = False) -> str:
    """How a figure's (or, with event=True, an event's) status reads, the same in facts, hovers,
    tables and maps: the two vocabularies share "confirmed" and "disputed" but not their meaning."""
    return (EVENT_STATUS_TEXT if event else FIGURE_STATUS_TEXT)[status]


def status_label(status: str) -> str:
    """The status as a table cell shows it: 'claimed', 'on record'."""
    return t(status.replace("-", " "))
