"""Characters no text field may hold: invisible, or not text at all.

C0 and C1 control characters (but tab and line ends) and DEL are invisible and make the feed invalid
XML; Unicode non-characters (U+FDD0–U+FDEF and the last two code points of every plane) are not text;
bidirectional embedding, override and isolate controls reorder what a reader sees (a link or figure
can read differently from what it is); the two private-use planes carry the engine's own line
markers in Markdown (markdown/syntax.py).
"""

from __future__ import annotations

import re
import unicodedata

_NONCHARS = "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
_BAD_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\u202a-\u202e\u2066-\u2069"
    "\U000f0000-\U0010ffff" + re.escape(_NONCHARS) + "]"
)


def describe(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        return (
            f"a bidirectional control character ({code} {unicodedata.name(char, '')}: it reorders the text around it)"
        )
    if unicodedata.category(char) == "Cc":
        return f"a control character ({code})"
    if unicodedata.category(char) == "Co":
        return f"a private-use character ({code})"
    return f"a Unicode non-character ({code})"


def bad_characters(text: str) -> list[tuple[int, str]]:
    """(line, message) for the first forbidden character of each line that has one."""
    if not _BAD_RE.search(text):  # the common case: one scan in C
        return []
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        m = _BAD_RE.search(line)
        if m:
            out.append(
                (
                    number,
                    f"{describe(m.group())} at column {m.start() + 1}; delete it (it is invisible, or not text; "
                    "retype the words around it if unsure)",
                )
            )
    return out


def replace_bad(text: str) -> str:
    return _BAD_RE.sub("\ufffd", text)


# -- numbers typed by hand ---------------------------------------------------------------------
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# Calendar dates and years are the only digits reader text may carry: "19 August", "6 to 31 August
# 2024", "August 2024", "2024". Any other number must come from a data row, with its source.
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:\s*(?:–|-|to|and)\s*\d{{1,2}})?\s+(?:{_MONTHS})\b(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?\b|\b(?:{_MONTHS})\s+\d{{4}}\b|\b(?:19|20)\d{{2}}\b"
)
_NUMBER_TOKEN_RE = re.compile(r"\S*\d\S*")
# A unit's name is not a quantity: "the 80th Air Assault Brigade" (an ordinal, then a capitalised name).
_UNIT_NAME_RE = re.compile(r"\b\d+(?:st|nd|rd|th)\s+(?=[A-Z])")


def typed_numbers(text: str) -> list[str]:
    """The tokens with a digit in reader text, dates, years and units' names left out."""
    return _NUMBER_TOKEN_RE.findall(_UNIT_NAME_RE.sub(" ", _DATE_RE.sub(" ", text)))
