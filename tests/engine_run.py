"""The whole site through the engine in-process, in the build's own steps (explainer/build.py, which
the MkDocs hook calls too), without MkDocs' build: every page read by the engine, split from its
front matter as MkDocs does, rendered with the site's Markdown extensions, the site-wide lists
rendered again, the outputs written. No pictures (the
engine's data path is what mass tests exercise; pictures have their own tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml
from mkdocs.utils.meta import get_data
from pages import site_extensions

from explainer import PageRef
from explainer.build import Build, PageText
from explainer.outputs import DATA_PAGE
from explainer.publish.identity import SiteInfo


def site_info(root: Path) -> SiteInfo:
    """The site's name, publisher and contact from mkdocs.yml (an `!ENV` value: its default), as the hook reads them."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    extra = config.get("extra") or {}
    contact = extra.get("contact") or ""
    return SiteInfo(
        name=config["site_name"],
        url="https://example.org/explainer/",
        publisher=extra.get("publisher") or SiteInfo.publisher,
        contact=str(contact[-1] if isinstance(contact, list) else contact),
    )


@dataclass
class Run:
    errors: list[str]
    warnings: list[str]
    pages: dict[str, str] = field(default_factory=dict)  # url -> HTML
    outputs: dict[str, bytes] = field(default_factory=dict)  # site path -> bytes (CSVs, package, feed)


def nav_pages(root: Path) -> list[tuple[str, str]]:
    """(title, file) in mkdocs.yml's nav order: the pages in docs/ (the data package's page is the
    build's own, added by the MkDocs hook; write_outputs writes it standalone here)."""
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    out = []
    for item in config["nav"]:
        (title, name), *_ = item.items()
        if name != DATA_PAGE:
            out.append((title, name))
    return out


def run(root: Path, today: date, site_dir: Path) -> Run:
    build = Build.load(root, today=today, info=site_info(root), pictures=False)
    names, options = site_extensions()
    pages = []
    for title, name in nav_pages(root):
        label = f"docs/{name}"
        text = build.read(root / "docs" / name, label)
        if text is None:
            continue
        body, _meta = get_data(text)
        offset = text[: len(text) - len(body)].count("\n") if text.endswith(body) else 0
        url = "" if name == "index.md" else name.removesuffix(".md") + "/"
        pages.append(PageText(PageRef(label=label, url=url, title=title, line_offset=offset), body))
    html = build.run(pages, names, options)
    written, _ = build.write(site_dir, embed_assets={}, policy=False)
    outputs = {str(p.relative_to(site_dir)): p.read_bytes() for p in written if p.is_file()}
    site = build.site
    return Run([str(p) for p in site.errors], [str(p) for p in site.warnings], html, outputs)
