"""How numbers and dates read on the page."""
from __future__ import annotations

from datetime import date


def number(value: float) -> str:
    """1263 -> '1,263'; 7.5 -> '7.5'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def quantity(value: float, unit: str) -> str:
    """A number with its unit: '1,263 km²', '92 settlements'."""
    return f"{number(value)} {unit}".strip()


def long_date(day: date) -> str:
    """'20 August 2024', the house style for dates in prose and tables."""
    return f"{day.day} {day:%B %Y}"
