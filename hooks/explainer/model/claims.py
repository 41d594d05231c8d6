"""Who claims what: claimants and their groups, metrics, and the observations (one figure per row)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from ..language import Words
from .fields import Id, Number, OptionalText, PastDate, SourceIds, Text, Unit
from .rows import Row
from .statuses import UNVERIFIED, FigureStatus, status_text

__all__ = ["UNVERIFIED", "status_text"]  # re-exported: most readers of a claim need both

Status = FigureStatus  # the name chart specs use for a selection's statuses

# -- qualifiers -------------------------------------------------------------------------------
QUALIFIERS = ("about", "more-than", "at-least", "up-to", "less-than", "range")
# Which way a bound points on the value axis: a reader must see "more than" is not "exactly".
BOUND_DIRECTION = {"more-than": 1, "at-least": 1, "up-to": -1, "less-than": -1}


_SYNONYMS = {"approximately": "about", "around": "about", "over": "more-than", "under": "less-than",
             "roughly": "about", "nearly": "less-than", "almost": "less-than", "between": "range"}  # fmt: skip


def _qualifier(value: object) -> str:
    """Empty for an exact figure; "More than" and "more than" are read as more-than."""
    if value is None:
        return ""
    text = str(value).strip().lower().replace(" ", "-") if isinstance(value, (str, int, float)) else None
    if text is None or (text and text not in QUALIFIERS):
        hint = f"; did you mean '{_SYNONYMS[text]}'?" if text in _SYNONYMS else ""
        raise ValueError(
            f"'{value}' is not a qualifier (write one of: {', '.join(QUALIFIERS)}, or leave it empty for an "
            f"exact figure{hint})"
        )
    return text


Qualifier = Annotated[str, BeforeValidator(_qualifier)]


def _optional_number(value: object) -> object:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


# -- claimants --------------------------------------------------------------------------------
Group = Literal["ukraine", "russia", "third-country", "international", "analysts", "media", "partisan"]
GROUP_LABELS = Words(
    {
        "ukraine": "Ukraine's state and forces",
        "russia": "Russia's state and forces",
        "third-country": "Third-country governments",
        "international": "International organisations",
        "analysts": "Analysts and OSINT",
        "media": "Media",
        "partisan": "Partisan commentators",
    }
)
GROUPS = tuple(GROUP_LABELS)


class Claimant(Row):
    id: Id
    name: Text
    role: Text
    group: Group

    @model_validator(mode="before")
    @classmethod
    def _from_side(cls, data: object) -> object:
        """Files written before groups existed said `side`; Ukraine and Russia map one to one,
        but "independent" lumped analysts, media and partisans, so it needs a choice."""
        if isinstance(data, dict) and "side" in data and "group" not in data:
            data = dict(data)
            side = data.pop("side")
            if side in ("ukraine", "russia"):
                data["group"] = side
            else:
                raise ValueError(
                    f"side '{side}' is replaced by group: write group: one of {', '.join(GROUPS)} "
                    "(third-country = other governments; international = international organisations such as "
                    "the IAEA or the UN; analysts = think tanks and OSINT; media = outlets "
                    "reporting in their own name; partisan = partisan commentators such as war bloggers)"
                )
        return data


class Metric(Row):
    id: Id
    label: Text
    unit: Unit = ""
    description: Text
    # Most measures (areas, people, distances, counts) cannot be negative; a change or a balance can.
    can_be_negative: bool = False


class Observation(Row):
    # The data file's `source` cell holds one or more ids ("a; b"); `sources` is all of them, the
    # first being the one quoted, and `source` that first one.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    date: PastDate
    metric: Id
    value: Number
    qualifier: Qualifier = ""
    high: Annotated[Number | None, BeforeValidator(_optional_number)] = None
    claimant: Id
    status: FigureStatus
    sources: SourceIds = Field(alias="source")
    note: OptionalText = ""

    @property
    def source(self) -> str:
        """The source quoted (the first in the row)."""
        return self.sources[0]

    @model_validator(mode="after")
    def _range(self) -> Observation:
        if self.qualifier == "range" and self.high is None:
            raise ValueError("high: a range needs its high end in the high column (value is the low end)")
        if self.qualifier != "range" and self.high is not None:
            raise ValueError("high: only a range has a high end; write qualifier 'range', or empty the high column")
        if self.high is not None and self.high <= self.value:
            raise ValueError(f"high: the high end ({self.high:g}) must be above the low end in value ({self.value:g})")
        return self


OBSERVATION_COLUMNS = ["date", "metric", "value", "qualifier", "high", "claimant", "status", "source", "note"]
OBSERVATION_OPTIONAL = ("qualifier", "high")
