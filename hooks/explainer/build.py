"""One build of one edition, in the same steps for every caller. The MkDocs hook calls each step from
the event where MkDocs reaches it; `make check` (explainer/check.py) and the tests' in-process runner
(tests/engine_run.py) call `run`, which takes the steps in the same order:

    build = Build.load(root, info=..., lang=...)   # every data file read afresh (each build, never at import)
    text = build.read(path, label)                  # a page's Markdown, read by the engine first
    build.begin(ref); html = <the page through Markdown, with build.site.extension()>
    build.render_again(pages)                       # pages with a site-wide list, once every citation is known
    build.finish()                                  # the end-of-build checks; build.stop(strict): the error that stops it
    written, late = build.write(site_dir, ...)      # the outputs; late: errors found after the pages
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import markdown

from .markdown.record import PageRef
from .model.problems import DataError, Problem
from .publish.identity import SiteInfo
from .site import Site


@dataclass(frozen=True)
class PageText:
    """One page as the generator hands it to Markdown: front matter removed (ref.line_offset counts it)."""

    ref: PageRef
    markdown: str


class Build:
    def __init__(self, site: Site):
        self.site = site

    @classmethod
    def load(
        cls,
        root: Path,
        info: SiteInfo | None = None,
        lang: str = "en",
        pictures: bool = True,
        today: date | None = None,
        english_pages: Iterable[tuple[Path, str]] = (),
    ) -> Build:
        """The build's data, read and checked (Site.load). A translated edition (lang) also checks,
        for each of english_pages (path, label), that its translation is there and up to date."""
        build = cls(Site.load(root, today=today, info=info, pictures=pictures, lang=lang))
        for path, label in english_pages:
            build.check_translation(path, label)
        return build

    def check_translation(self, english: Path, label: str) -> None:
        """A translated edition: the English page's translation is there, made from today's English."""
        self.site.check_page_translation(Path(english), label)

    def read(self, path: Path, label: str) -> str | None:
        """A page's Markdown as the generator should render it (Site.read_page)."""
        return self.site.read_page(path, label)

    def begin(self, ref: PageRef) -> None:
        """Before a page goes through Markdown."""
        self.site.begin(ref)

    def render_again(self, pages: Mapping[str, tuple[PageRef, Callable[[], str]]]) -> dict[str, str]:
        """The pages with a site-wide list (bibliography, who's who), rendered once more now that
        every page's citations are known. pages: url -> (its ref, what renders it); returns url -> HTML."""
        out = {}
        for url in self.site.pages_to_render_again():
            if url not in pages:  # a page the generator no longer renders
                continue
            ref, render = pages[url]
            self.begin(ref)
            out[url] = render()
        return out

    def finish(self) -> None:
        """After every page: the end-of-build checks (Site.finish)."""
        self.site.finish()

    def stop(self, strict: bool) -> DataError | None:
        """What stops this build: every error, counted with the warnings a strict build stops on too."""
        if not self.site.errors:
            return None
        return DataError(self.site.errors, self.site.warnings if strict else [])

    def write(self, site_dir: Path, **options) -> tuple[list[Path], list[Problem]]:
        """The outputs beside the pages (Site.write_outputs and its options); returns (the files
        written, the errors found meanwhile). Those come after the pages were checked: a build must
        fail on them (a preview shows them in its pages' panel)."""
        before = set(self.site.errors)
        written = self.site.write_outputs(Path(site_dir), **options)
        return written, [p for p in self.site.errors if p not in before]

    def run(
        self, pages: Iterable[PageText], extensions: Sequence = (), extension_configs: dict | None = None
    ) -> dict[str, str]:
        """Every page through the directives, the pages with a site-wide list again, then the
        end-of-build checks, in-process: url -> HTML. A fresh Markdown per page, as a generator
        does (extensions keep per-document state)."""

        def convert(text: str) -> str:
            md = markdown.Markdown(
                extensions=[self.site.extension(), *extensions], extension_configs=extension_configs or {}
            )
            return md.convert(text)

        rendered: dict[str, tuple[PageRef, Callable[[], str]]] = {}
        html = {}
        for page in pages:
            rendered[page.ref.url] = (page.ref, functools.partial(convert, page.markdown))
            self.begin(page.ref)
            html[page.ref.url] = convert(page.markdown)
        html.update(self.render_again(rendered))
        self.finish()
        return html
