"""The page as a generator that runs no hooks hands it over: through the Markdown instance.

Zensical 0.1 runs Python-Markdown extensions but not MkDocs hooks, so nothing calls `Site.begin`.
Before each page it registers a preprocessor named `rendering_context` on the Markdown instance
(`zensical/extensions/context.py`); its `page` has `url` (the page's url), `path` (the Markdown
file, relative to the docs folder), `title` and `meta`, and its `config` the project's settings
(`root_dir`, `docs_dir`, ...). Zensical strips the front matter before Python sees the page.
Zensical itself is not imported: any generator that registers the same shape is understood.
"""

from __future__ import annotations

import re
from pathlib import Path

from markdown import Markdown

from .record import PageRef

CONTEXT = "rendering_context"
# YAML front matter as MkDocs and Zensical read it, with the blank lines after it.
_FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n.*?\n(?:-{3}|\.{3})[ \t]*\n\n*", re.DOTALL)


def context_page(md: Markdown, lines: list[str]) -> PageRef | None:
    """The page the generator put on the Markdown instance, or None when there is none.
    lines: the page's Markdown as the preprocessors see it, to count the front matter removed."""
    if CONTEXT not in md.preprocessors:
        return None
    context = md.preprocessors[CONTEXT]
    page, config = getattr(context, "page", None), getattr(context, "config", None) or {}
    url, path = getattr(page, "url", None), getattr(page, "path", None)
    if not isinstance(url, str) or not isinstance(path, str):
        return None
    docs = Path(str(config.get("docs_dir") or "docs"))
    source = Path(str(config.get("root_dir") or ".")) / docs / path
    return PageRef(
        label=f"{docs.name}/{path}",
        url=url.lstrip("/"),
        title=str(getattr(page, "title", None) or ""),
        line_offset=_front_matter_lines(source, lines),
        rooted=True,  # such a generator resolves the links it finds in the page itself
    )


def _front_matter_lines(source: Path, lines: list[str]) -> int:
    """How many lines of the file come before the Markdown the generator passed (0 if unknown)."""
    try:
        raw = source.read_text(encoding="utf-8-sig", errors="replace").replace("\r\n", "\n")
    except OSError:
        return 0
    text = "\n".join(lines)
    body = text.lstrip("\n")
    at = raw.find(body.rstrip()) if body.strip() else -1
    if at >= 0:
        return max(raw[:at].count("\n") - (len(text) - len(body)), 0)
    front = _FRONT_MATTER.match(raw)  # the text was changed on its way (tabs expanded): count the block
    return front.group(0).count("\n") if front else 0
