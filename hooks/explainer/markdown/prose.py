"""Numbers typed into a page's reader text, found in the page's finished HTML and reported at the
Markdown line that holds them.

Every number a reader sees comes from a data row with its source: a page quotes it with :fact. What
the directives render (facts, charts, lists, dates) is sourced by construction and is left out, as is
code; what remains is the editor's own prose, headings, tables and raw HTML. The digits it may carry
are model/text.py's allow-list (dates, years, ordinals in a unit's name).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from markdown.util import HTML_PLACEHOLDER_RE

from ..model.text import typed_numbers
from .syntax import unmark

_DIRECTIVE_RE = re.compile(r":{1,2}[A-Za-z][\w-]*\[[^\]\n]*\](?:\{[^}\n]*\})?")
_LINK_TARGET_RE = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)|\{[#.][^}\n]*\}|<[^>\n]*>")
_LEFTOVER_RE = re.compile(r":{1,2}[A-Za-z][\w-]*[\[(]\S*")
_DIGITS_RE = re.compile(r"\d(?:[\d.,\u202f\u00a0 ]*\d)?")

MESSAGE = (
    "'{token}' is a number typed into the page: quote it from its data row with :fact[metric] (add the row "
    "to data/observations.csv with its source if it is not there); only dates, years and the ordinal in a "
    "unit's name may be typed (README, 'The rule')"
)


class OpenElements(HTMLParser):
    """Keeps the stack of open elements, so that text can be told apart inside and outside code."""

    CODE = frozenset({"code", "pre", "script", "style"})
    _VOID = frozenset({"img", "br", "hr", "input", "meta", "link", "source", "wbr", "area", "col", "embed", "track"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self._VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def in_code(self) -> bool:
        return not self.CODE.isdisjoint(self.open)


class _Text(OpenElements):
    """The text of HTML outside code, in reading order."""

    CODE = frozenset({"code", "pre", "script", "style", "kbd", "samp"})

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        if not self.in_code():
            self.parts.append(data)


def reader_text(html: str) -> str:
    """The words a reader sees in html (stash placeholders, code and markers removed)."""
    parser = _Text()
    parser.feed(HTML_PLACEHOLDER_RE.sub(" ", unmark(html)))
    parser.close()
    return " ".join(" ".join(parser.parts).split())


def with_raw_html(text: str, blocks: list, directives: set[int]) -> str:
    """The page's HTML with the editor's raw HTML blocks put back in place, the directives' left out."""

    def block(m: re.Match) -> str:
        i = int(m.group(1))
        return blocks[i] if i not in directives and i < len(blocks) and isinstance(blocks[i], str) else " "

    return HTML_PLACEHOLDER_RE.sub(block, text)


def typed_in(html: str, source: list[str]) -> list[tuple[int | None, str]]:
    """(1-based line in source, token) for each number typed into the reader text of html, in
    reading order. The line is the first, from the last one found on, whose text (directives, link
    targets, tags and attribute lists left out) holds the token's digits; None if none does."""
    searchable = [_LINK_TARGET_RE.sub(" ", _DIRECTIVE_RE.sub(" ", line)) for line in source]
    out: list[tuple[int | None, str]] = []
    cursor = 0
    # Directive-looking text left in the page is reported as such (extension.py), not as a number.
    for token in typed_numbers(_LEFTOVER_RE.sub(" ", reader_text(html))):
        digits = _DIGITS_RE.search(token)
        needle = re.compile(rf"(?<![\d.,]){re.escape(digits.group(0) if digits else token)}(?![\d])")
        order = [*range(cursor, len(searchable)), *range(cursor)]
        line = next((i for i in order if needle.search(searchable[i])), None)
        if line is not None:
            cursor = line
        found = (None if line is None else line + 1, token.strip(".,;:!?()[]\"'“”‘’«»"))
        if found not in out:
            out.append(found)
    return out
