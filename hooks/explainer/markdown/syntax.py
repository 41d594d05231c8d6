"""The directive grammar, and the line markers that let messages name a directive's line.

    ::chart[territory-claims]          a block directive, alone on its line
    ::sources                          the bibliography, alone on its line
    ::claimants                        who's who: every claimant, by group, with what they gave
    ::corrections                      every correction, newest first
    ::reuse                            download all the data, the licence, how to cite the site
    ::relays                           which figures and events rest on a relay, counted and listed
    ::publisher                        who publishes the site and how to reach its editors
    :fact[territory-km2]               inline: the latest figure of a metric
    :fact[territory-km2]{date=2024-08-12 claimant=syrskyi}
    :cite[up-2024-08-20-syrskyi-1263]  inline: a source named and linked, without a figure

Python-Markdown keeps no source positions, so before it parses a page each place where a
directive may start gets one private-use character that encodes its line (`mark`). Markdown's
own parser then decides what is code; a marker that ends up in code, or anywhere a directive
was not expanded, is removed from the output (`unmark`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.directives import DIRECTIVES, FORMS, NAMES
from ..model.fields import ID_RE

BLOCK_NAMES = {form.name for form in FORMS if form.block}
INLINE_NAMES = {form.name for form in FORMS if not form.block}
# The site-wide lists: each needs every page rendered first, and takes no id or options.
INDEX_NAMES = tuple(form.name for form in FORMS if form.site_wide)
SYNTAX = ", ".join(form.written for form in FORMS)

# Supplementary Private Use Areas A and B: never typed by editors (a page holding one is refused).
# A line number is one character of plane 15 (lines 1 to 65,533), preceded, from line 65,534 on,
# by one character of plane 16 that counts the 65,534s.
_MARK_BASE = 0xF0000
_MARK_SPAN = 0xFFFE  # U+F0000..U+FFFFD
_HIGH_BASE = 0x100000
MARK = "[\U00100000-\U0010fffd]?[\U000f0000-\U000ffffd]"
_MARKS_RE = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")

# Colons a directive must not be written with, and invisible characters after a colon.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
LOOKALIKE = f"(?:[\uff1a\ufe55\ufe13\u2236\ua789\u02d0]+[{_INVISIBLE}]*|:+[{_INVISIBLE}]+)"

# Where a directive may start: colons before a known name, or before any name followed by [ (a
# misspelt directive is reported, not published). Not after a letter, digit, colon or backslash:
# "https://x", "10:30" and an escaped "\:fact" are text. This is the one place that decides
# what is a candidate; every pattern below requires its marker.
_START_RE = re.compile(
    rf"(?<![\w:\\]):+(?=(?:{NAMES})\b|[A-Za-z][\w-]*\[)"
    # A known directive glued to a word or digit ("controlled:fact[…]"): reported, not published raw.
    rf"|(?<=\w)(?<!\\):{{1,2}}(?=(?:{NAMES})\[)"
    # A colon that only looks like one (full-width, ratio, modifier letter), or a colon followed by
    # an invisible character, before a known name: reported, never published as raw text.
    rf"|{LOOKALIKE}(?=(?:{NAMES})\b)"
)
BLOCK_RE = re.compile(
    rf"^[ ]{{0,3}}(?P<mark>{MARK})::(?P<name>[A-Za-z][\w-]*)"
    r"(?:\[(?P<arg>[^\]\n]*)\])?(?P<attrs>\{[^}\n]*\})?[ \t]*$"
)
INLINE_RE = rf"(?P<mark>{MARK})(?P<colons>::?)(?P<name>[A-Za-z][\w-]*)\[(?P<arg>[^\]\n]*)\](?P<attrs>\{{[^}}\n]*\}})?"
# Text a reader must never see: a marked place where no directive was expanded. (Unmarked
# copies, such as the table of contents' copy of a heading, are reported through the original.)
LEFTOVER_RE = re.compile(rf"(?P<mark>{MARK})(?::+(?:(?:{NAMES})\b|[A-Za-z][\w-]*\[)|{LOOKALIKE}(?:{NAMES})\b)")
# Options are separated by spaces; a comma between them is read as a space too.
_ATTR_RE = re.compile(r'\s*([A-Za-z][\w-]*)=(?:"([^"]*)"|([^\s",}]+))\s*,?\s*')


_COLONS_RE = re.compile("[\uff1a\ufe55\ufe13\u2236\ua789\u02d0]")


def mark(lines: list[str]) -> list[str]:
    """Put a line marker before every place a directive may start."""
    out = []
    for number, line in enumerate(lines, start=1):
        if ":" in line or _COLONS_RE.search(line):
            line = _START_RE.sub(marker(number).replace("\\", "\\\\") + r"\g<0>", line)
        out.append(line)
    return out


def marker(number: int) -> str:
    """The marker of a line number (1-based)."""
    high, low = divmod(number, _MARK_SPAN)
    return (chr(_HIGH_BASE + high - 1) if high else "") + chr(_MARK_BASE + low)


def line_of(marker: str | None) -> int | None:
    if not marker:
        return None
    high = ord(marker[0]) - _HIGH_BASE + 1 if len(marker) == 2 else 0
    return high * _MARK_SPAN + ord(marker[-1]) - _MARK_BASE


def unmark(text: str) -> str:
    return _MARKS_RE.sub("", text) if text else text


@dataclass
class Directive:
    name: str
    arg: str | None
    attrs: dict[str, str]
    line: int | None  # 1-based line in the Markdown text, when known
    errors: list[str] = field(default_factory=list)
    written: str = ""  # the directive as the editor wrote it, for placeholders and messages
    before: str = ""  # an inline directive's text before it in its paragraph (a hedge typed there)


def parse(m: re.Match, is_block: bool) -> Directive:
    """A directive from a BLOCK_RE or INLINE_RE match, with every mistake in its errors."""
    name = m.group("name")
    arg = unmark(m.group("arg"))
    attrs, errors = _attrs(unmark(m.group("attrs")))
    written = unmark(m.group(0)).strip()
    d = Directive(name, arg, attrs, line_of(m.group("mark")), errors, written)
    if not is_block and m.group("colons") == "::":
        d.errors.append(f"'::{name}' is a block directive: put it alone on its own line")
    elif is_block and name not in BLOCK_NAMES:
        hint = " (':fact' is inline and takes one colon)" if name in INLINE_NAMES else ""
        d.errors.append(f"unknown directive '::{name}'{hint} (directives: {SYNTAX})")
    elif not is_block and name not in INLINE_NAMES:
        hint = " (it is a block directive: '::' alone on its own line)" if name in BLOCK_NAMES else ""
        d.errors.append(f"unknown directive ':{name}'{hint} (directives: {SYNTAX})")
    elif DIRECTIVES[name].arg is not None and (arg is None or not ID_RE.match(arg.strip())):
        shown = "" if arg is None else arg
        d.errors.append(
            f"'{shown}' is not a valid id in {'::' if is_block else ':'}{name}[…] "
            "(use lowercase letters, digits and hyphens, e.g. territory-km2)"
        )
    elif DIRECTIVES[name].arg is None and (arg is not None or attrs):
        d.errors.append(f"'::{name}' takes no id or options")
    if d.arg is not None:
        d.arg = d.arg.strip()
    return d


def _attrs(text: str | None) -> tuple[dict[str, str], list[str]]:
    if not text:
        return {}, []
    body = text[1:-1]
    attrs, errors, pos = {}, [], 0
    while pos < len(body):
        m = _ATTR_RE.match(body, pos)
        if not m or m.end() == pos:
            if body[pos:].strip():
                errors.append(f"cannot read the options '{text}' (write them as {{date=2024-08-12 claimant=syrskyi}})")
            break
        if m.group(1) in attrs:
            errors.append(f"the option '{m.group(1)}' is given twice in '{text}'")
        attrs[m.group(1)] = m.group(2) if m.group(2) is not None else m.group(3)
        pos = m.end()
    return attrs, errors
