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
# Any number a reader sees must come from a data row, with its source (:fact in a page). The digits
# reader text may carry are an explicit allow-list, each kind named here and in the README ("The
# rule"); anything else with a digit is reported.
#   dates      "19 August", "6 to 31 August 2024", "August 2024", "August 19, 2024"; in Ukrainian
#              "27 серпня 2024", "6–31 серпня", "серпень 2024"
#   years      "2024" (four digits, 1900 to 2099, not part of a longer number)
#   ordinals   in a unit's name: "the 80th Air Assault Brigade" (an English ordinal before a capital),
#              "80-та окрема бригада", "80-ту окрему" (a Ukrainian ordinal ending after a hyphen, any case)
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTHS_UK = (
    "січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня"
    "|січень|лютий|березень|квітень|травень|червень|липень|серпень|вересень|жовтень|листопад|грудень"
    "|січні|лютому|березні|квітні|травні|червні|липні|серпні|вересні|жовтні|листопаді|грудні"
)
_ALL_MONTHS = f"{_MONTHS}|{_MONTHS_UK}"
_DATE_RE = re.compile(
    rf"\b\d{{1,2}}(?:\s*(?:–|-|to|and|і|та|до)\s*\d{{1,2}})?\s+(?:{_ALL_MONTHS})\b(?:,?\s+\d{{4}})?"
    rf"|\b(?:{_MONTHS})\s+\d{{1,2}}(?:,\s+\d{{4}})?\b|\b(?:{_ALL_MONTHS})\s+\d{{4}}\b|\b(?:19|20)\d{{2}}\b(?![\d.,]\d)"
)
_ORDINAL_NAME_RE = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+(?=[A-Z])|\b\d+-(?:й|го|му|м|ї|а|та|ма|га|тя|ша|е|те|ме|ге|ту|гу|му|ю|у|ої|ій|им|их|ми)\b"
)
_NUMBER_TOKEN_RE = re.compile(r"\S*\d\S*")


def typed_numbers(text: str) -> list[str]:
    """The tokens with a digit in reader text, the allowed dates, years and ordinals left out."""
    return _NUMBER_TOKEN_RE.findall(_ORDINAL_NAME_RE.sub(" ", _DATE_RE.sub(" ", text)))
