"""How numbers and dates read on the page, in the current language (explainer.language): English
in house style ('1,263 km²', '20 August 2024'); other languages through Babel's CLDR data
('1 263 км²' with a narrow no-break space, '20 серпня 2024 р.')."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from ..language import current, language, plural

NNBSP = "\u202f"  # groups thousands in Ukrainian (CLDR gives a no-break space; the house style is narrow)


class Unit(str):
    """A unit whose words change with the count (Ukrainian: one/few/many/other); as plain text it
    reads as the form for many ('населених пунктів'), as in a table header."""

    forms: dict[str, str]

    def __new__(cls, forms: dict[str, str]):
        text = forms.get("many") or forms.get("other") or next(iter(forms.values()), "")
        made = super().__new__(cls, text)
        made.forms = dict(forms)
        return made


def _local_number(value: float) -> str:
    if float(value).is_integer():
        text = format_decimal(int(value), locale=current().locale)
    else:
        text = format_decimal(value, format="#,##0.######", locale=current().locale)
        if text.lstrip("-") == "0":
            text = format(Decimal(repr(float(value))), "f").replace(".", ",")
    return text.replace("\xa0", NNBSP)


def number(value: float) -> str:
    """1263 -> '1,263'; 7.5 -> '7.5'; 0.004 -> '0.004' (never rounded to zero). Ukrainian: '1 263', '7,5'."""
    if not current().is_source:
        return _local_number(value)
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
    ten in words, singular for one: 'two settlements', 'one bridge'. Ukrainian: digits, and the
    unit's plural form for the count ('3 населені пункти', '92 населених пунктів')."""
    if not current().is_source:
        words = plural(value, unit.forms) if isinstance(unit, Unit) else unit
        return f"{number(value)} {words}".strip()
    if unit and unit.split()[0] not in _MEASURES and float(value).is_integer() and 0 < value < 10:
        words = unit.split()
        if value == 1:
            words[-1] = "person" if words[-1] == "people" else words[-1].removesuffix("s")
        return f"{_WORDS[int(value)]} {' '.join(words)}"
    return f"{number(value)} {unit}".strip()


@lru_cache(maxsize=4096)
def _date(day: date, pattern: str, code: str) -> str:
    """Babel's date in a language, once per date (a page's tables repeat the same few dates)."""
    return format_date(day, pattern, locale=language(code).locale)


def long_date(day: date) -> str:
    """'20 August 2024', the house style for dates in prose and tables; '20 серпня 2024 р.'."""
    if not current().is_source:
        return _date(day, "long", current().code)
    return f"{day.day} {day:%B %Y}"


def day_month(day: date) -> str:
    """'20 August'; '20 серпня' (a date whose year is said once for a period)."""
    if not current().is_source:
        return _date(day, "d MMMM", current().code)
    return f"{day.day} {day:%B}"


def short_date(day: date) -> str:
    """'20 Aug'; '20 серп.' (hover text, where space is short)."""
    if not current().is_source:
        return _date(day, "d MMM", current().code)
    return f"{day.day} {day:%b}"


_QUALIFIER_WORDS = {"about": "about", "more-than": "more than", "at-least": "at least", "up-to": "up to",
                    "less-than": "less than"}  # fmt: skip


def qualifier_words(qualifier: str) -> str:
    """'more than' / 'понад': the words before a figure (catalogue: the English words translated)."""
    return current().t(_QUALIFIER_WORDS[qualifier])


def figure(value: float, unit: str, qualifier: str = "", high: float | None = None) -> str:
    """A figure as the source gave it: 'more than 1,250 km²', 'about 30,000 troops', '28–35 km'."""
    if qualifier == "range" and high is not None:
        words = plural(high, unit.forms) if isinstance(unit, Unit) and not current().is_source else unit
        return f"{number(value)}–{number(high)} {words}".strip()
    text = quantity(value, unit)
    return f"{qualifier_words(qualifier)} {text}" if qualifier else text


def observed(obs, unit: str) -> str:
    """An observation's figure with its qualifier."""
    return figure(obs.value, unit, obs.qualifier, obs.high)
