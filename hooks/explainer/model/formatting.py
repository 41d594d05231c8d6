"""How numbers and dates read on the page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def number(value: float) -> str:
    """1263 -> '1,263'; 7.5 -> '7.5'; 0.004 -> '0.004' (never rounded to zero)."""
    if float(value).is_integer():
        return f"{int(value):,}"
    text = f"{value:,.6f}".rstrip("0").rstrip(".")
    if text.lstrip("-") == "0":  # smaller than six decimals: show the value's own digits
        text = format(Decimal(repr(float(value))), "f")
    return text


def plain_number(value: float) -> str:
    """The exact value for machine-readable output (CSV): 1263, 7.5, 0.004."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# Units of measurement keep their digits ("5 km²"); counts of things read as words ("two bridges").
_MEASURES = frozenset({"km", "km²", "m", "m³", "%", "°"})


def quantity(value: float, unit: str) -> str:
    """A number with its unit: '1,263 km²', '92 settlements', and in house style a count under
    ten in words, singular for one: 'two settlements', 'one bridge'."""
    if unit and unit.split()[0] not in _MEASURES and float(value).is_integer() and 0 < value < 10:
        words = unit.split()
        if value == 1:
            words[-1] = "person" if words[-1] == "people" else words[-1].removesuffix("s")
        return f"{_WORDS[int(value)]} {' '.join(words)}"
    return f"{number(value)} {unit}".strip()


def long_date(day: date) -> str:
    """'20 August 2024', the house style for dates in prose and tables."""
    return f"{day.day} {day:%B %Y}"


_QUALIFIER_WORDS = {"about": "about", "more-than": "more than", "at-least": "at least", "up-to": "up to",
                    "less-than": "less than"}  # fmt: skip


def figure(value: float, unit: str, qualifier: str = "", high: float | None = None) -> str:
    """A figure as the source gave it: 'more than 1,250 km²', 'about 30,000 troops', '28–35 km'."""
    if qualifier == "range" and high is not None:
        return f"{number(value)}–{number(high)} {unit}".strip()
    text = quantity(value, unit)
    return f"{_QUALIFIER_WORDS[qualifier]} {text}" if qualifier else text


def observed(obs, unit: str) -> str:
    """An observation's figure with its qualifier."""
    return figure(obs.value, unit, obs.qualifier, obs.high)
