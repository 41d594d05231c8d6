"""Field types shared by every data file, each with a message an editor can act on."""
from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, ValidationInfo

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NUMBER_RE = re.compile(r"^-?\d+(?:\.\d+)?$")
_SEPARATED_RE = re.compile(r"^-?\d{1,3}(?:[,\s\u00a0\u202f']\d{3})+(?:\.\d+)?$")
_UNIT_RE = re.compile(r"^[~<>≈+]?\s*-?\d[\d,.\s]*\s*\S+$")


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
        raise ValueError(f"'{text}' is not a valid id (use lowercase letters, digits and single hyphens, e.g. 'territory-km2')")
    return text


def _date(value: object, info: ValidationInfo) -> date:
    text = _text(value)
    if not _DATE_RE.match(text):
        raise ValueError(f"'{text}' is not a date written YYYY-MM-DD (e.g. 2024-08-20)")
    try:
        parsed = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real calendar date") from None
    today = (info.context or {}).get("today") or date.today()
    if parsed > today:
        raise ValueError(f"'{text}' is in the future (today is {today.isoformat()}); write the date the figure is as of")
    return parsed


def _url(value: object) -> str:
    text = _text(value)
    if not text.lower().startswith("https://"):
        raise ValueError(f"'{text}' is not an https:// address (only https links are published; find the https version of the page)")
    if re.search(r"[\s\"'<>`]", text) or len(text) <= len("https://"):
        raise ValueError(f"'{text}' is not a valid web address (no spaces, quotes or angle brackets)")
    return text


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise ValueError("must be a number")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = _text(value).strip()
        lowered = text.lower().lstrip("+-")
        if lowered in {"nan", "inf", "infinity"}:
            raise ValueError(f"'{text}' is not a finite number (write the figure itself)")
        if _SEPARATED_RE.match(text):
            plain = re.sub(r"[,\s\u00a0\u202f']", "", text)
            raise ValueError(f"'{text}' has a thousands separator (write {plain})")
        if not _NUMBER_RE.match(text):
            if _UNIT_RE.match(text):
                raise ValueError(
                    f"'{text}' has a unit or sign typed in (write only the number; the unit comes from "
                    "data/metrics.yml and words like 'about' or 'more than' go in the note)"
                )
            raise ValueError(f"'{text}' is not a number (write digits, e.g. 1263 or 7.5)")
        number = float(text)
    if not math.isfinite(number):
        raise ValueError("is not a finite number")
    return number


Text = Annotated[str, BeforeValidator(_text)]
OptionalText = Annotated[str, BeforeValidator(_optional_text)]
Id = Annotated[str, BeforeValidator(_id)]
PastDate = Annotated[date, BeforeValidator(_date)]
HttpsUrl = Annotated[str, BeforeValidator(_url)]
Number = Annotated[float, BeforeValidator(_number)]


def _id_list(value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        raise ValueError("must be a list of ids, e.g. [territory-km2]")
    return [_id(v) for v in value]


IdList = Annotated[list[str], BeforeValidator(_id_list)]


def _nonempty(value: list) -> list:
    if not value:
        raise ValueError("must not be empty")
    return value


NonEmpty = AfterValidator(_nonempty)
