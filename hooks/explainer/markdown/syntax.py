"""Find generic directives in Markdown, outside fenced code and code spans.

    ::chart[territory-claims]          a block directive, alone on its line
    ::sources                          the bibliography, alone on its line
    :fact[territory-km2]               inline: the latest figure of a metric
    :fact[territory-km2]{date=2024-08-12 claimant=syrskyi}
    :cite[up-2024-08-20-syrskyi-1263]  inline: a source named and linked, without a figure

The scanner only finds and parses; what a directive becomes is the caller's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fields import ID_RE

BLOCK_NAMES = {"chart": True, "sources": False}  # name -> takes an [id]
INLINE_NAMES = {"fact", "cite"}
SYNTAX = "::chart[id], ::sources, :fact[metric]{date=YYYY-MM-DD claimant=id}, :cite[source-id]"

# Fences may be indented (inside lists and admonitions) or quoted.
_FENCE_RE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})")
_CLOSE_RE = re.compile(r"^\s*(?:>\s*)*(`{3,}|~{3,})\s*$")
_BLOCK_RE = re.compile(r"^(?P<indent>\s*)::(?P<name>[A-Za-z][\w-]*)(?:\[(?P<arg>[^\]\n]*)\])?(?P<attrs>\{[^}\n]*\})?\s*$")
_INLINE_RE = re.compile(r"(?<![\w:\\`])(?P<colons>::?)(?P<name>[A-Za-z][\w-]*)\[(?P<arg>[^\]\n]*)\](?P<attrs>\{[^}\n]*\})?")
_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:\s|$)")
_LOOSE_RE = re.compile(r"(?<![\w\\`]):{1,2}(?P<name>fact|cite|chart|sources)\b")
_ATTR_RE = re.compile(r'\s*([A-Za-z][\w-]*)=(?:"([^"]*)"|([^\s"}]+))\s*')


@dataclass
class Directive:
    name: str
    arg: str | None
    attrs: dict[str, str]
    line: int  # 1-based line in the Markdown file
    block: bool
    indent: str = ""
    errors: list[str] = field(default_factory=list)
    written: str = ""  # the directive as the editor wrote it, for placeholders and messages


def scan(markdown: str, replace) -> str:
    """Return markdown with each directive replaced by replace(directive) (a string)."""
    out = []
    fence: str | None = None
    for number, line in enumerate(markdown.split("\n"), start=1):
        if fence:
            close = _CLOSE_RE.match(line)
            if close and close.group(1)[0] == fence[0] and len(close.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        match = _FENCE_RE.match(line)
        if match:
            fence = match.group(1)
            out.append(line)
            continue
        out.append(_scan_line(line, number, replace))
    return "\n".join(out)


def _scan_line(line: str, number: int, replace) -> str:
    masked = _mask_code_spans(line)
    block = _BLOCK_RE.match(masked)
    if block:
        directive = _parse(block, number, is_block=True)
        return replace(directive)
    heading = _HEADING_RE.match(masked)
    spans = []
    for m in _INLINE_RE.finditer(masked):
        d = _parse(m, number, is_block=False)
        if not d.errors and heading:
            d.errors.append("a directive cannot go in a heading (the table of contents would show it as raw text); "
                            "put the figure in the text below the heading")
        elif not d.errors and _inside_link_text(masked, m.start(), m.end()):
            d.errors.append("a directive cannot go inside the text of a link or an image; put it outside the brackets")
        spans.append((m.start(), m.end(), d))
    # What looks like a directive but does not parse would otherwise be published as it stands.
    taken = [(s, e) for s, e, _ in spans]
    for m in _LOOSE_RE.finditer(masked):
        if not any(s <= m.start() < e for s, e in taken):
            shown = m.group(0)
            spans.append((m.start(), m.end(), Directive(m.group("name"), None, {}, number, False, written=shown, errors=[
                f"'{shown}' looks like a directive but cannot be read (write e.g. :fact[metric-id], :cite[source-id], "
                "or ::chart[id] / ::sources alone on a line)"])))
    pieces, last = [], 0
    for start, end, d in sorted(spans, key=lambda span: span[0]):
        pieces.append(line[last:start])
        pieces.append(replace(d))
        last = end
    pieces.append(line[last:])
    return "".join(pieces)


def _inside_link_text(masked: str, start: int, end: int) -> bool:
    """True when [start, end) sits inside the [text] of a [link](…) or ![image](…)."""
    depth = 0
    for ch in masked[:start]:
        depth += ch == "["
        depth -= ch == "]" and depth > 0
    if depth == 0:
        return False
    for i in range(end, len(masked)):
        if masked[i] == "[":
            depth += 1
        elif masked[i] == "]":
            depth -= 1
            if depth == 0:
                return masked[i + 1 : i + 2] in ("(", "[")
    return False


def _mask_code_spans(line: str) -> str:
    """Blank out `code spans` (any backtick run closed by a run of the same length)."""
    result = list(line)
    i = 0
    while i < len(line):
        if line[i] != "`":
            i += 1
            continue
        j = i
        while j < len(line) and line[j] == "`":
            j += 1
        run = line[i:j]
        close = re.compile(r"(?<!`)" + re.escape(run) + r"(?!`)").search(line, j)
        if not close:
            i = j
            continue
        for k in range(i, close.end()):
            result[k] = " "
        i = close.end()
    return "".join(result)


def _parse(m: re.Match, number: int, is_block: bool) -> Directive:
    name = m.group("name")
    arg = m.group("arg")
    attrs, errors = _attrs(m.group("attrs"))
    d = Directive(name, arg, attrs, number, is_block, m.groupdict().get("indent") or "", errors, m.group(0).strip())
    if not is_block and m.group("colons") == "::":
        d.errors.append(f"'::{name}' is a block directive: put it alone on its own line")
    elif is_block and name not in BLOCK_NAMES:
        hint = " (':fact' is inline and takes one colon)" if name in INLINE_NAMES else ""
        d.errors.append(f"unknown directive '::{name}'{hint} (directives: {SYNTAX})")
    elif not is_block and name not in INLINE_NAMES:
        hint = " (it is a block directive: '::' alone on its own line)" if name in BLOCK_NAMES else ""
        d.errors.append(f"unknown directive ':{name}'{hint} (directives: {SYNTAX})")
    elif BLOCK_NAMES.get(name, True) and (arg is None or not ID_RE.match(arg.strip())):
        shown = "" if arg is None else arg
        d.errors.append(f"'{shown}' is not a valid id in {'::' if is_block else ':'}{name}[…] "
                        "(use lowercase letters, digits and hyphens, e.g. territory-km2)")
    elif name == "sources" and (arg is not None or attrs):
        d.errors.append("'::sources' takes no id or options")
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
