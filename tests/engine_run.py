"""The whole site through the engine in-process, as the MkDocs hook drives it, without MkDocs' build:
every page read by the engine, split from its front matter as MkDocs does, rendered with the site's
Markdown extensions, the site-wide lists rendered again, the outputs written. No pictures (the
engine's data path is what mass tests exercise; pictures have their own tests)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import markdown
import yaml
from mkdocs.utils.meta import get_data
from pages import site_extensions

from explainer import PageRef, Site
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
    site = Site.load(root, today=today, info=site_info(root), pictures=False)
    names, options = site_extensions()
    refs: dict[str, tuple[PageRef, str]] = {}
    pages: dict[str, str] = {}
    for title, name in nav_pages(root):
        label = f"docs/{name}"
        text = site.read_page(root / "docs" / name, label)
        if text is None:
            continue
        body, _meta = get_data(text)
        offset = text[: len(text) - len(body)].count("\n") if text.endswith(body) else 0
        url = "" if name == "index.md" else name.removesuffix(".md") + "/"
        ref = PageRef(label=label, url=url, title=title, line_offset=offset)
        refs[url] = (ref, body)
        pages[url] = _convert(site, ref, body, names, options)
    for url in site.pages_to_render_again():
        ref, body = refs[url]
        pages[url] = _convert(site, ref, body, names, options)
    site.finish()
    written = site.write_outputs(site_dir, {}, policy=False)
    outputs = {str(p.relative_to(site_dir)): p.read_bytes() for p in written if p.is_file()}
    return Run([str(p) for p in site.errors], [str(p) for p in site.warnings], pages, outputs)


def _convert(site: Site, ref: PageRef, body: str, names, options) -> str:
    md = markdown.Markdown(extensions=[site.extension(), *names], extension_configs=options)
    site.begin(ref)
    return md.convert(body)
