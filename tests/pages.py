"""Rendering Markdown through the engine's extension with plain Python-Markdown, as the site does."""

from __future__ import annotations

from functools import lru_cache

import markdown
import yaml

from explainer import PageRef, Site
from harness.project import ROOT

PAGE = PageRef(label="docs/a.md", url="a/", title="Page A")


@lru_cache(maxsize=1)
def site_extensions() -> tuple[list, dict]:
    """The Markdown extensions and their options from mkdocs.yml, so tests render as the site does."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name, opts = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        if opts:
            options[name] = opts
    return names, options


def render(site: Site, text: str, page: PageRef = PAGE) -> str:
    """One page through a fresh Markdown instance with the site's extensions and the directives."""
    names, options = site_extensions()
    md = markdown.Markdown(extensions=[site.extension(), *names], extension_configs=options)
    site.begin(page)
    return md.convert(text)
