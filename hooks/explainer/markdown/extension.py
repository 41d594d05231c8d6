"""The directives as a Python-Markdown extension.

    md = markdown.Markdown(extensions=[DirectivesExtension(directives, lists), "admonition", ...])
    record.begin(page); html = md.convert(text)

Markdown's own parser decides what is code: a directive in a fenced or indented code block or in
a code span is never seen by these processors. Their HTML goes through Markdown's HTML stash.
A last pass reports directive-looking text that is still in the page (in a link, a heading,
raw HTML, or misspelt), so nothing is published raw.

Without `begin(page)` (a generator that runs Markdown extensions but no hooks, such as Zensical
0.1), the page comes from the Markdown instance's rendering context (context.py); then nothing else
of the build runs, so the page's problems, and directives that need the build's other steps, fail
the conversion with a DataError instead of being published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree import ElementTree as etree

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..model.directives import DIRECTIVES
from ..model.problems import DataError
from .context import CONTEXT, context_page
from .directives import Directives
from .lists import SLOTS, Lists
from .prose import MESSAGE as TYPED_NUMBER
from .prose import OpenElements, typed_in, with_raw_html
from .syntax import (
    BLOCK_RE,
    INLINE_RE,
    LEFTOVER_RE,
    LOOKALIKE,
    MARK,
    Directive,
    line_of,
    mark,
    parse,
    unmark,
)

# Headings and link text never get a directive's HTML: the table of contents would show it as
# raw text, and a link inside a link is invalid. What is left there is reported by LeftoverCheck.
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# A highlighter may wrap a marker in code as a token of its own: drop the token with it.
LOOKALIKE_RE = re.compile(LOOKALIKE)
_MARK_TOKEN_RE = re.compile(rf'<span class="[\w -]*">{MARK}</span>')


@dataclass
class _Conversion:
    """What the processors of one conversion share."""

    own: set[int] = field(default_factory=set)  # stash entries holding directive HTML
    # Postprocessors also run on snippets (the table of contents runs them on each heading);
    # only once the last treeprocessor is done is the text the whole page.
    whole_page: bool = False
    # The page came from the generator's rendering context, not begin(): no build steps run.
    from_context: bool = False
    needs: list[tuple[Directive, str]] = field(default_factory=list)  # (directive, build step it needs)
    source: list[str] = field(default_factory=list)  # the page's lines as written, for the prose check


class NoPage(RuntimeError):
    """Markdown was converted with the directives but without a page to render them for."""


class DirectivesExtension(Extension):
    def __init__(self, directives: Directives, lists: Lists, **kwargs):
        self.directives = directives
        self.lists = lists
        # The record's page when a conversion last started: a different one means begin() came.
        # Kept here, across the Markdown instances of a build (a generator may make one per page).
        self.converted_page = None
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        state = _Conversion()
        # After whitespace is normalised (30), before fenced code is taken out (25): lines still
        # count. A preprocessor that adds or removes lines must come after this one (below 29).
        md.preprocessors.register(_MarkLines(md, self, state), "xpl-mark", 29)
        md.treeprocessors.register(_PageDone(md, self.lists, state), "xpl-page-done", -100)
        # Below indented code (80), above tables (75): a ::chart line right after a table is not a row.
        md.parser.blockprocessors.register(_BlockDirective(md.parser, self.directives, state), "xpl-block", 76)
        # After links (160-125) and inline HTML (90): a directive in link text or in a tag's
        # attribute is left for the check below, not expanded into it.
        md.inlinePatterns.register(_InlineDirective(INLINE_RE, md, self.directives, state), "xpl-inline", 85)
        # Before the stash is put back (30): the stash still holds the directives' own HTML apart.
        md.postprocessors.register(_LeftoverCheck(md, self.directives, self.lists, state), "xpl-leftover", 35)


def _render(directives: Directives, state: _Conversion, directive: Directive) -> str:
    # What a directive needs from the build beyond its page: the MkDocs hook runs all of it; a
    # generator that only runs Markdown extensions does not, yet.
    needs = DIRECTIVES[directive.name].needs if directive.name in DIRECTIVES else ""
    if state.from_context and needs and not directive.errors:
        state.needs.append((directive, needs))
    return directives.render(directive)


def _store(md: Markdown, state: _Conversion, html: str) -> str:
    placeholder = md.htmlStash.store(html)
    state.own.add(len(md.htmlStash.rawHtmlBlocks) - 1)
    return placeholder


class _MarkLines(Preprocessor):
    def __init__(self, md: Markdown, extension: DirectivesExtension, state: _Conversion):
        super().__init__(md)
        self.extension = extension
        self.record = extension.directives.record
        self.state = state

    def run(self, lines: list[str]) -> list[str]:
        self.state.own.clear()
        self.state.whole_page = False
        self.state.needs.clear()
        begun = self.record.page is not None and self.record.page is not self.extension.converted_page
        context = None if begun else context_page(self.md, lines)
        self.state.from_context = context is not None
        if context is not None:
            self.record.begin(context)
        elif self.record.page is None:
            raise NoPage(
                "the explainer's directives need to know the page: call site.begin(PageRef(...)) before "
                "converting it, or use a generator that puts the page on the Markdown instance "
                f"(a '{CONTEXT}' preprocessor, as Zensical does); see the README, 'Moving to another generator'"
            )
        self.extension.converted_page = self.record.page
        self.state.source = list(lines)
        return mark(lines)


class _PageDone(Treeprocessor):
    """Every directive of the page is expanded: add what the page says about itself, its
    dates (covers, newest source, last revised) under the title and its corrections at the foot."""

    def __init__(self, md: Markdown, lists: Lists, state: _Conversion):
        super().__init__(md)
        self.lists = lists
        self.state = state

    def run(self, root) -> None:
        self.state.whole_page = True
        updated, foot = self.lists.page_dates(), self.lists.page_corrections()
        title = next((i for i, el in enumerate(root) if el.tag == "h1"), None)
        if updated and title is not None:  # a page without a title in its Markdown gets none
            holder = etree.Element("p")
            holder.text = _store(self.md, self.state, updated)
            root.insert(title + 1, holder)
        if foot:
            etree.SubElement(root, "p").text = _store(self.md, self.state, foot)


class _BlockDirective(BlockProcessor):
    def __init__(self, parser, directives: Directives, state: _Conversion):
        super().__init__(parser)
        self.directives = directives
        self.state = state

    def test(self, parent, block: str) -> bool:
        return any(BLOCK_RE.match(line) for line in block.split("\n"))

    def run(self, parent, blocks: list[str]) -> None:
        lines = blocks.pop(0).split("\n")
        at = next(i for i, line in enumerate(lines) if BLOCK_RE.match(line))
        if at:
            self.parser.parseBlocks(parent, ["\n".join(lines[:at])])
        directive = parse(BLOCK_RE.match(lines[at]), is_block=True)
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if following.lstrip().startswith("{"):
            directive.errors.append(
                f"the line after '{directive.written}' starts with '{{': a block directive's options go on its "
                "own line, and ::chart takes none"
            )
        holder = etree.SubElement(parent, "p")  # <p>placeholder</p> is replaced whole by block HTML
        holder.text = _store(self.parser.md, self.state, _render(self.directives, self.state, directive))
        if at + 1 < len(lines):
            blocks.insert(0, "\n".join(lines[at + 1 :]))


class _InlineDirective(InlineProcessor):
    ANCESTOR_EXCLUDES = ("a", *_HEADINGS)

    def __init__(self, pattern: str, md: Markdown, directives: Directives, state: _Conversion):
        super().__init__(pattern, md)
        self.directives = directives
        self.state = state

    def handleMatch(self, m, data):
        directive = parse(m, is_block=False)
        before, after = data[: m.start(0)], data[m.end(0) :]
        directive.before = unmark(before[-40:])
        if before and (before[-1].isalnum() or before[-1] == "_"):
            directive.errors.append(
                f"'{directive.written}' is glued to the word before it: put a space before the colon"
            )
        if m.group("attrs") is None:
            stray = _STRAY_OPTIONS_RE.match(after)
            if stray:
                directive.errors.append(_stray_options(directive.written, stray))
        return _store(self.md, self.state, _render(self.directives, self.state, directive)), m.start(0), m.end(0)


class _LeftoverCheck(Postprocessor):
    """Directive-looking text left anywhere outside code is a problem; markers go in every case."""

    def __init__(self, md: Markdown, directives: Directives, lists: Lists, state: _Conversion):
        super().__init__(md)
        self.directives = directives
        self.lists = lists
        self.state = state

    def run(self, text: str) -> str:
        if not self.state.whole_page:  # a snippet (a heading for the table of contents)
            return unmark(text)
        found: dict[tuple[int, str], str] = {}  # (line, text) -> where it was left
        blocks = self.md.htmlStash.rawHtmlBlocks
        # The editor's own text: the page with its raw HTML in place and the directives' HTML left out.
        own_text = with_raw_html(text, blocks, self.state.own)
        for i, block in enumerate(blocks):
            if i in self.state.own:
                if block in SLOTS:  # the page's own citations are all noted now
                    blocks[i] = self.lists.html(SLOTS[block])
            elif isinstance(block, str):  # raw HTML and code the page holds
                _Leftovers.check(block, found)
                blocks[i] = unmark(_MARK_TOKEN_RE.sub("", block))
        _Leftovers.check(text, found)
        page = self.directives.record.page.ref
        problems = self.directives.problems
        for (line, shown), context in found.items():
            problems.add(page.label, line + page.line_offset, None, _why(shown, context))
        for line, token in typed_in(own_text, self.state.source):
            at = None if line is None else line + page.line_offset
            problems.add(page.label, at, None, TYPED_NUMBER.format(token=token))
        _unmark_toc(getattr(self.md, "toc_tokens", []))
        if self.state.from_context:
            self._fail_unless_complete(page)
        return unmark(text)

    def _fail_unless_complete(self, page) -> None:
        """Nothing after this page runs (no end-of-build checks, no outputs): what it cannot get,
        and every problem known so far, fail the build here instead of being published."""
        for directive, step in self.state.needs:
            self.directives.problems.add(
                page.label,
                self.directives.line(directive),
                None,
                f"'{directive.written}' needs {step}; this generator runs the Markdown extension "
                "but not the engine's build steps: build with mkdocs or properdocs "
                "(README, 'Moving to another generator')",
            )
        errors = sorted(dict.fromkeys(self.directives.problems.errors), key=lambda p: (p.path, p.line or 0))
        if errors:
            raise DataError(errors)


# Options that are never applied: a brace left open, a space between "]" and "{", or options
# moved to the next line. Each is an error, not text beside the figure.
_STRAY_OPTIONS_RE = re.compile(r"(?P<gap>[ \t]*\n?[ \t]*)\{(?P<body>[^}\n]*)(?P<close>\}?)")


def _stray_options(written: str, stray: re.Match) -> str:
    shown = "{" + stray.group("body") + stray.group("close")
    if not stray.group("close"):
        return f"the options '{shown}' after '{written}' are never closed: end them with '}}' on the same line"
    if "\n" in stray.group("gap"):
        return f"the options '{shown}' must follow '{written}' on the same line, right after ']'"
    return f"remove the space between '{written}' and its options '{shown}' (write ]{{ with nothing between)"


def _why(shown: str, context: str) -> str:
    if LOOKALIKE_RE.match(shown):
        return (
            f"'{shown}…' is written with a colon that only looks like ':' or with an invisible character "
            "after it; retype the colon on an English keyboard layout"
        )
    if context == "a heading":
        return (
            f"'{shown}…' cannot go in a heading (the table of contents would show it as raw text); "
            "put it in the text below"
        )
    if context:
        return f"'{shown}…' cannot go in {context}; put it in the text outside"
    return (
        f"'{shown}…' looks like a directive but is not one here (write e.g. :fact[metric-id], :cite[source-id], "
        "or ::chart[id] / ::sources alone on a line; raw HTML is not read for directives)"
    )


def _unmark_toc(tokens: list[dict]) -> None:
    for token in tokens:
        for key in ("name", "html"):
            if key in token:
                token[key] = unmark(token[key])
        _unmark_toc(token.get("children", []))


class _Leftovers(OpenElements):
    """Walks HTML outside code, collecting directive-looking text in text and in attributes readers see."""

    CODE = frozenset({"code", "pre", "script", "style", "textarea"})
    _SHOWN_ATTRS = frozenset({"alt", "title", "aria-label", "placeholder"})

    def __init__(self, found: dict[tuple[int, str], str]):
        super().__init__()
        self.found = found

    @classmethod
    def check(cls, html: str, found: dict[tuple[int, str], str]) -> None:
        if LEFTOVER_RE.search(html):
            parser = cls(found)
            parser.feed(html)
            parser.close()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in self._SHOWN_ATTRS and value:
                self._note(value, "an image's text" if tag == "img" else "an attribute")
        super().handle_starttag(tag, attrs)

    def handle_data(self, data):
        if not self.in_code():
            if any(tag in _HEADINGS for tag in self.open):
                self._note(data, "a heading")
            else:
                self._note(data, "the text of a link" if "a" in self.open else "")

    def _note(self, text: str, context: str) -> None:
        for m in LEFTOVER_RE.finditer(text):
            key = (line_of(m.group("mark")), unmark(m.group(0)))
            if not self.found.get(key):  # the most telling place wins: a heading over a copy of it
                self.found[key] = context
