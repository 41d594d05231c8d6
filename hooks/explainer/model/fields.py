"""Field types shared by every data file, each with a message an editor can act on.

Validation has two speeds: pydantic's native checks (string patterns, floats, literals) run on
every row, and only for a value that fails does `Explain` re-examine it to say what is wrong and
how to fix it. That keeps 100,000 observation rows well under a second.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Annotated
from urllib.parse import urlsplit, urlunsplit

from pydantic import BeforeValidator, Field, StringConstraints

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_SEPARATED_RE = re.compile(r"^-?\d{1,3}(?:[,\s\u00a0\u202f'_]\d{3})+(?:\.\d+)?$")
_UNIT_RE = re.compile(r"^[~<>≈+]?\s*-?\d[\d,.\s]*\s*\S+$")


@dataclass(frozen=True)
class Explain:
    """Field metadata: `check(value)` raises ValueError with the editor's message for a bad value."""

    check: Callable[[object], object]


def _text(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be text")
    text = str(value).strip()
    if not text:
        raise ValueError("is empty (write a value)")
    return text


def _optional_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ValueError("must be text")
    return str(value).strip()


def _id(value: object) -> str:
    text = _text(value)
    if not ID_RE.match(text):
        raise ValueError(
            f"'{text}' is not a valid id (use lowercase letters, digits and single hyphens, e.g. 'territory-km2')"
        )
    return text


@lru_cache(maxsize=8192)
def _date(value: object) -> date:
    """YYYY-MM-DD only (pydantic alone would also take timestamps); dates repeat, so cache."""
    text = _text(value)
    if not _DATE_RE.match(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD (e.g. 2024-08-20)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None


class NotFuture:
    """Field metadata: schema.validate() refuses dates after today (checked once per row, after parsing)."""


# The earliest date any row, source or chart may carry: the war began in 2014, and an earlier date
# is a typo (2004 for 2024). A background document older than that would be the rare exception.
PERIOD_START = date(2014, 1, 1)


def future_message(day: date, today: date) -> str:
    return f"'{day.isoformat()}' is in the future (today is {today.isoformat()}); write the date the figure is as of"


def date_out_of_period(day: date, today: date) -> str | None:
    """Why a date cannot be right (in the future, or before the period the site covers), or None."""
    if day > today:
        return future_message(day, today)
    if day < PERIOD_START:
        return (
            f"'{day.isoformat()}' is before {PERIOD_START.year}, the start of the period this site covers; "
            "check the year"
        )
    return None


_URL_BAD_RE = re.compile(r"[\s\"'<>`\\^{}|\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_HOST_LABEL_RE = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_TLD_RE = re.compile(r"^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$")


def _url(value: object) -> str:
    """An https address that a reader's browser opens at the host it names, and nowhere else."""
    text = _text(value)
    if not text.lower().startswith("https://"):
        raise ValueError(
            f"'{text}' is not an https:// address (only https links are published; find the https version of the page)"
        )
    bad = _URL_BAD_RE.search(text)
    if bad:
        what = "a space" if bad.group().isspace() else f"the character U+{ord(bad.group()):04X} ({bad.group()!r})"
        raise ValueError(
            f"'{text}' is not a valid web address: it holds {what} (copy the address from the browser's address bar)"
        )
    parts = urlsplit(text)
    netloc = parts.netloc
    if "@" in netloc:
        raise ValueError(
            f"'{text}' is not a valid web address: the part before '@' ({netloc.rsplit('@', 1)[0]}) is a user name, "
            f"and a browser would open {netloc.rsplit('@', 1)[1] or 'nothing'}; copy the address from the browser"
        )
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise ValueError(f"'{text}' is not a valid web address: it names no host (write https://host/path)")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port == -1 or (port is not None and not 0 < port < 65536) or netloc.endswith(":"):
        raise ValueError(f"'{text}' is not a valid web address: '{netloc}' has a bad port")
    if not host.isascii():
        # An international domain name: the link goes to its ASCII form (punycode, as a browser
        # sends it), and the bibliography shows both forms (reader_host).
        ascii_host = _punycode(text, host)
        netloc = ascii_host + (f":{port}" if port is not None else "")
        text = urlunsplit(parts._replace(netloc=netloc))
        host = ascii_host
    labels = host.split(".")
    if len(labels) < 2 or not all(_HOST_LABEL_RE.match(label) for label in labels) or not _TLD_RE.match(labels[-1]):
        raise ValueError(
            f"'{text}' is not a valid web address: '{host}' is not a domain name (letters, digits and hyphens "
            "between dots, ending in a domain such as .com; numeric addresses are not published)"
        )
    return text


def _punycode(text: str, host: str) -> str:
    """A non-ASCII host in the ASCII form a browser sends (IDNA, Python's idna codec): a label that
    mixes scripts (a Cyrillic 'а' among Latin letters) is refused, since it imitates another address."""
    for label in host.split("."):
        scripts = {unicodedata.name(c, "?").split()[0] for c in label if c.isalpha()}
        if len(scripts) > 1:
            raise ValueError(
                f"'{text}' is not a valid web address: '{label}' mixes letters of several scripts "
                f"({', '.join(sorted(scripts)).lower()}), which is how a lookalike of another address is made; "
                "copy the address from the browser's address bar"
            )
    try:
        return host.lower().encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(
            f"'{text}' is not a valid web address: '{host}' is not a domain name a browser can open"
        ) from None


def web_address(text: str) -> str:
    """text if it is an https address a browser opens at the host it names; else ValueError saying why."""
    return _url(text)


def url_host(url: str) -> str:
    """The host a valid address opens, in ASCII (www.example.com; xn--e1afmkfd.xn--p1ai)."""
    return (urlsplit(url).hostname or "").rstrip(".")


def reader_host(url: str) -> str:
    """The host as readers see it: an international domain name in its own letters, then the ASCII
    form the link opens ("пример.рф, xn--e1afmkfd.xn--p1ai"); any other host as it is."""
    host = url_host(url)
    if not any(label.startswith("xn--") for label in host.split(".")):
        return host
    try:
        return f"{host.encode('ascii').decode('idna')}, {host}"
    except UnicodeError:
        return host


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = _text(value)
        if text.lower().lstrip("+-") in {"nan", "inf", "infinity"}:
            raise ValueError(f"'{text}' is not a finite number (write the figure itself)")
        if _SEPARATED_RE.match(text):
            plain = re.sub(r"[,\s\u00a0\u202f'_]", "", text)
            raise ValueError(f"'{text}' has a thousands separator (write {plain})")
        if not _NUMBER_RE.match(text):
            if _UNIT_RE.match(text):
                raise ValueError(
                    f"'{text}' has a unit or sign typed in (write only the number; the unit comes from "
                    "data/metrics.yml and words like 'about' or 'more than' go in the note)"
                )
            raise ValueError(f"'{text}' is not a number (write digits, e.g. 1263 or 7.5)")
        number = float(text)
        if significant_digits(text) > MAX_DIGITS:
            raise ValueError(
                f"'{text}' has more than {MAX_DIGITS} significant digits, more than can be printed exactly "
                "(write the figure as the source gives it)"
            )
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    if isinstance(value, int) and abs(value) >= 10**MAX_DIGITS:
        raise ValueError(f"'{value}' has more than {MAX_DIGITS} significant digits, more than can be printed exactly")
    return number


# A float holds 15 significant decimal digits exactly; a longer figure would be printed rounded.
MAX_DIGITS = 15


def significant_digits(text: str) -> int:
    """Significant digits of a plain decimal ("0012.50" has 3: 1, 2, 5)."""
    whole, _, fraction = text.lstrip("+-").partition(".")
    digits = (whole + fraction.rstrip("0")).lstrip("0")
    return len(digits)


def _plain_number(value: object) -> object:
    """Fast path for a plain decimal; anything else gets the full explanation."""
    if type(value) is str and len(value) <= MAX_DIGITS and _NUMBER_RE.match(value):
        return value
    return _number(value)


def _id_list(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError("must be a list of ids, e.g. [territory-km2]")
    return [_id(v) for v in value]


SOURCE_SEPARATOR = "; "  # between the ids of a row's sources in a data file (the first is the one quoted)


def source_ids(value: object) -> tuple[str, ...]:
    """A row's source cell, "a" or "a; b; c", as a tuple of ids (the first is the one quoted)."""
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        text = _text(value)
        if ";" not in text and re.search(r"[,\s|]", text.strip()):
            raise ValueError(
                f"'{text}' is not a valid id; several sources are separated by '{SOURCE_SEPARATOR}' "
                "(semicolon and space), the one quoted first, e.g. reuters-x; kyiv-post-y"
            )
        parts = text.split(";")
    ids: list[str] = []
    for n, part in enumerate(parts, start=1):
        part = part.strip()
        if not part:
            raise ValueError(
                f"source {n} of the row is empty: write the ids separated by '{SOURCE_SEPARATOR}', "
                "with no semicolon before the first or after the last"
            )
        if not ID_RE.match(part):
            where = f" (source {n} of the row)" if len(parts) > 1 else ""
            raise ValueError(
                f"'{part}'{where} is not a valid id (use lowercase letters, digits and single hyphens; "
                f"several sources are separated by '{SOURCE_SEPARATOR}')"
            )
        if part in ids:
            raise ValueError(f"source '{part}' is listed twice in the row: name each source once")
        ids.append(part)
    return tuple(ids)


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1), Explain(_text)]


def _unit(value: object) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f'YAML read {value!r} as a number, not a unit: write the unit as words in quotes, e.g. unit: "km²"'
        )
    return _optional_text(value)


Unit = Annotated[str, BeforeValidator(_unit)]
OptionalText = Annotated[str, BeforeValidator(lambda v: v.strip() if type(v) is str else _optional_text(v))]
Id = Annotated[str, StringConstraints(strip_whitespace=True, pattern=ID_PATTERN), Explain(_id)]


def _any_date(value: object) -> date:
    if value is None or isinstance(value, (list, dict, bool)):
        raise ValueError("is empty or not a date (write it as YYYY-MM-DD, e.g. 2024-08-20)")
    return _date(value if isinstance(value, str) else str(value))


PastDate = Annotated[date, BeforeValidator(_any_date), NotFuture()]
HttpsUrl = Annotated[str, BeforeValidator(_url)]
Number = Annotated[float, BeforeValidator(_plain_number), Field(allow_inf_nan=False), Explain(_number)]
IdList = Annotated[list[str], BeforeValidator(_id_list)]
# One or more source ids ("a; b"): the first is the one quoted.
SourceIds = Annotated[tuple[str, ...], BeforeValidator(source_ids)]
