"""A page's Markdown file as the editor saved it: read within bounds, as UTF-8, with no invisible
control characters, and with front matter that is either well-formed or an error.

Generators read pages themselves; `read_page` reads one first, so a page that is not UTF-8 is a
message at its line (not the generator's decode traceback) and a broken front matter block is an
error (not the page's first paragraph).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..load.files import MAX_BYTES, SafeTextLoader, clean_text, read_bounded
from ..model.problems import Problems
from ..publish.identity import title_problem

_OPEN_RE = re.compile(r"^-{3}[ \t]*\r?$")
_CLOSE_RE = re.compile(r"^(?:-{3}|\.{3})[ \t]*\r?$")
# Fields the theme and the engine read from front matter, and the text each must be.
TEXT_FIELDS = ("title", "description")
# Every page has one: search results, link previews and the social card show it.
NO_DESCRIPTION = (
    "this page has no description (the sentence search results and link previews show): start the page "
    "with front matter, a line '---', then 'description: One sentence on what the page explains.', then '---'"
)


def read_page(path: Path, label: str, problems: Problems, max_bytes: int = MAX_BYTES) -> str | None:
    """The page's text, or None when it cannot be read at all (missing, too big). A page that is
    not UTF-8 is reported at its first bad byte and read with that byte replaced (U+FFFD), so the
    rest of the page is still checked and previewed."""
    raw = read_bounded(path, label, problems, max_bytes, "page")
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            label,
            line,
            None,
            f"this page is not UTF-8 text (byte 0x{raw[exc.start]:02x} on this line, e.g. a curly quote saved by "
            "an old editor); save the file as UTF-8",
        )
        text = raw.decode("utf-8-sig", errors="replace")
    text = clean_text(text, label, problems)
    check_front_matter(text, label, problems)
    return text


def check_front_matter(text: str, label: str, problems: Problems) -> None:
    """A first line of '---' opens front matter: it must close, hold 'key: value' lines, and give
    its title and description as text."""
    lines = text.split("\n", 2000)
    if not lines or not _OPEN_RE.match(lines[0]):
        problems.add(label, 1, "description", NO_DESCRIPTION)
        return
    close = next((i for i in range(1, len(lines)) if _CLOSE_RE.match(lines[i])), None)
    if close is None:
        problems.add(
            label,
            1,
            None,
            "the front matter opened on this line is never closed: end it with a line of three hyphens (---)",
        )
        return
    loader = SafeTextLoader("\n".join(lines[1:close]))
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = 1 + (mark.line + 1 if mark else 1)
        reason = getattr(exc, "problem", None) or "cannot be read"
        problems.add(label, line, None, f"malformed front matter: {reason} (write 'key: value' lines)")
        return
    except (TypeError, ValueError):
        problems.add(label, 2, None, "malformed front matter: a key must be a plain name (write 'key: value' lines)")
        return
    finally:
        loader.dispose()
    if data is None:
        problems.add(label, 1, "description", NO_DESCRIPTION)
        return
    if not isinstance(data, dict):
        problems.add(label, 2, None, "the front matter must be 'key: value' lines, e.g. description: One sentence.")
        return
    description = data.get("description")
    if description is None or (isinstance(description, str) and not description.strip()):
        problems.add(label, 1, "description", NO_DESCRIPTION)  # one that is not text is reported below
    for name in TEXT_FIELDS:
        if name in data and not isinstance(data[name], str):
            line = next((i + 1 for i, text_line in enumerate(lines[:close]) if text_line.startswith(f"{name}:")), 2)
            problems.add(label, line, name, "must be text on one line (put it in quotes if it starts with a symbol)")
    # The theme prints a page's own title as HTML, unescaped (header, navigation), like mkdocs.yml's.
    title = data.get("title")
    if isinstance(title, str) and (wrong := title_problem(title, "a page's front matter")):
        line = next((i + 1 for i, text_line in enumerate(lines[:close]) if text_line.startswith("title:")), 2)
        problems.add(label, line, "title", wrong)
