"""One build of the site, for any generator that renders Markdown with Python-Markdown:

    site = Site.load(root)                      # read and check every data file
    md = markdown.Markdown(extensions=[site.extension(), ...])
    for page in pages:                          # each page's Markdown, through the extension
        site.begin(page); html = md.convert(text)
    for page in pages whose url is in site.pages_to_render_again():
        ...render it again: the bibliography is complete now
    site.finish(); site.write_outputs(site_dir) # warnings, then the CSVs and plotly.js

`site.errors` lists every problem, with its file and line.
"""

from __future__ import annotations

import copy
import functools
import json
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from . import kinds, load, outputs
from .language import SOURCE, language, set_current
from .load import translations
from .markdown import audit
from .markdown.directives import PICTURE_SLOT_RE, Directives, Held, Reuse
from .markdown.extension import DirectivesExtension
from .markdown.lists import Lists
from .markdown.record import PageRef, Record
from .markdown.source import read_page
from .model.dates import site_dates
from .model.problems import Problem, Problems
from .outputs import ZIP_NAME
from .publish import changed, feed, files, jsonld, licence, package_index, published
from .publish import package as data_package
from .publish.identity import SiteInfo, contact_placeholder, contact_problem, funding_problem, title_problem
from .render import assets, cards, compiled, csp, embeds, gallery, html, images
from .render.pictures import Renderer


def _ordered(items: list[Problem]) -> list[Problem]:
    """By file and line, once each; within a line, in the order the fields were checked."""
    return sorted(dict.fromkeys(items), key=lambda p: (p.path, p.line or 0))


def cache_dir(root: Path) -> Path:
    """Where drawn images are kept between builds: EXPLAINER_CACHE, else .cache/charts in the project."""
    return Path(os.environ.get("EXPLAINER_CACHE") or Path(root) / ".cache" / "charts")


class Site:
    def __init__(
        self,
        root: Path,
        dataset,
        problems: Problems,
        bundle: assets.Bundle | None,
        info: SiteInfo | None = None,
        pictures: bool = True,
        lang: str = SOURCE,
        source_dataset=None,
    ):
        self.language = language(lang)
        self.root = Path(root)
        self.dataset = dataset
        self.problems = problems
        self.bundle = bundle
        self.info = info or SiteInfo()
        # The whole data as a package, made once: its version is in every citation and the footer.
        # The package is the data as written (English), in every edition: one version everywhere.
        self.package = data_package.build(source_dataset or dataset, self.info)
        self.dates = site_dates(dataset)
        reuse = Reuse(self.info, self.package.version, self.dates.last_revised)
        # Cards and embeds link absolutely, from the site's address; images carry its name.
        self.site_url = self.info.root
        self.site_name = self.info.name
        # Compiled templates (the engine's, and the generator's theme's if it sets them on its
        # environment: `env.bytecode_cache = site.templates`), kept for the process.
        self.templates = compiled.TEMPLATES
        renderer = Renderer(cache_dir(root), bundle.path, bundle.site_path) if bundle and pictures else None
        self._build = images.new_build(self.root, lang)  # a preview's older drawings are moot now
        self.gallery = gallery.Gallery(renderer, problems)
        self._pictures: dict | None = None
        # Asked for more than once a build (a page's head, then the images; the data page's title,
        # then its body): made once. Both come from data read at load and the final record.
        self._cards: dict[str, tuple | None] = {}
        self._data_page: dict[str, str] | None = None
        self.published = self._read_published()
        # A data file with errors drops rows that are not gone: those are fixed first, then compared.
        self._data_errors = any(p.path.startswith("data/") for p in problems.errors)
        self.script_hashes: set[str] = set()  # every inline script the finished pages run (csp)
        # What the pages placed, cited and quoted; each chart's view, made once for the whole build.
        self.record = Record(urlsplit(self.info.root).path)
        self.views = kinds.Views(dataset, problems)
        self.lists = Lists(dataset, self.record)
        self.directives = Directives(
            dataset,
            problems,
            self.record,
            self.views,
            bundle.site_path if bundle else None,
            reuse,
            pictures=self.picture if renderer else None,
            embed_base=self.site_url,
        )

    @classmethod
    def load(
        cls,
        root: Path,
        today: date | None = None,
        info: SiteInfo | None = None,
        pictures: bool = True,
        lang: str = SOURCE,
    ) -> Site:
        """Read every data file under root/data (and find plotly.js under root/node_modules).
        info: the site's name, address and publisher (from the generator's config); pictures=False
        leaves out every build-time image (tests of the data alone); lang: the edition's language
        (en, uk): its words, formats and the data's translations (load/translations.py)."""
        set_current(lang)  # one build, one language: everything below speaks it
        root = Path(root)
        today = today or date.today()
        problems = Problems()
        info = info or SiteInfo()
        refused = info.publishing_problem()
        if refused:
            problems.add("mkdocs.yml", None, "site_url", refused)
        dataset = load.all(root / "data", problems, today, kinds=kinds.KINDS)
        source_dataset = None
        if lang != SOURCE:  # the English build never waits for a translation
            source_dataset = copy.copy(dataset)  # localize() swaps collections, never rows in place
            entries = translations.read(root / "data", problems)
            translations.check(entries, problems)
            translations.localize(dataset, entries)
        bundle = None
        try:
            # That it matches plotly.py's bundled plotly.js is tests/test_versions.py's job:
            # importing plotly.py here would cost every build more than the rest of the engine.
            bundle = assets.find_bundle(root)
        except FileNotFoundError as exc:
            problems.add("node_modules", None, None, str(exc))
        for key, title in info.titles:
            if wrong := title_problem(title, info.config):
                problems.add(info.config, _line_holding(root / info.config, title), key, wrong)
        if info.contact is not None:
            line = _line_of(root / info.config, "contact:")
            if wrong := contact_problem(info.contact):
                problems.add(info.config, line, "extra.contact", wrong)
            elif info.publish and (placeholder := contact_placeholder(info.contact)):
                problems.add(info.config, line, "extra.contact", placeholder)  # a preview may show it
        if info is not None and info.funding is not None and (wrong := funding_problem(info.funding, info.publish)):
            problems.add(info.config, _line_of(root / info.config, "funding:"), "extra.funding", wrong)
        return cls(root, dataset, problems, bundle, info, pictures, lang, source_dataset)

    @property
    def errors(self) -> list[Problem]:
        return _ordered(self.problems.errors)

    @property
    def warnings(self) -> list[Problem]:
        return _ordered(self.problems.warnings)

    @property
    def notes(self) -> list[Problem]:
        """What blocks nothing but deserves a look (a relay beside its original)."""
        return _ordered(self.problems.notes)

    @property
    def holds(self) -> list[Problem]:
        """What blocks only a publishing build (a published figure changed without a word to readers)."""
        return _ordered(self.problems.holds)

    # -- pages ---------------------------------------------------------------
    def extension(self) -> DirectivesExtension:
        """The Markdown extension for this build's pages; call begin(page) before each page."""
        return DirectivesExtension(self.directives, self.lists)

    def keep_templates(self) -> None:
        """Keep compiled templates on disk too (the project's .cache/templates), for the next build
        to load instead of compiling; a check that writes nothing does not call this."""
        self.templates.keep_in(self.root / compiled.CACHE_FOLDER)

    def read_page(self, path: Path, label: str) -> str | None:
        """A page's Markdown as the generator should render it (call before it reads the file): a
        page that is not UTF-8, holds control characters or has broken front matter is a problem
        at its line, and is still previewed. None: leave the page to the generator (unreadable)."""
        return read_page(path, label, self.problems)

    def speak(self) -> None:
        """Make this build's language the current one (a generator may interleave two editions)."""
        set_current(self.language.code)

    def check_page_translation(self, english: Path, label: str) -> None:
        """A translated edition: the page's translation exists and was made from today's English."""
        translations.check_page(Path(english), label, self.language.code, self.problems)

    def begin(self, page: PageRef) -> None:
        self.speak()
        self.record.begin(page)

    def pages_to_render_again(self) -> list[str]:
        """Urls of pages with ::sources rendered before others: render them once more, last."""
        return self.record.pages_to_render_again()

    def picture(self, chart_id: str) -> str:
        """A chart's build-time picture; the first call draws every chart's (one browser session)."""
        if self._pictures is None:
            self.speak()
            self._pictures = self.gallery.pictures(self.views.all())
        return self._pictures.get(chart_id, "")

    def hold_chart_data(self) -> None:
        """Leave each chart's figure and data table out of the pages' HTML, like its picture, until
        fill_pictures: for a generator whose search indexer reads every page (and skips them)."""
        self.directives.held = Held()

    def fill_pictures(self, page_html: str) -> str:
        """A finished page with every chart's picture (and held figure and data table) in its place:
        call on each page's final HTML (after any search indexing), as the MkDocs hook does in on_post_page."""
        if self.directives.held is not None:
            page_html = self.directives.held.fill(page_html)
        return PICTURE_SLOT_RE.sub(lambda m: self.picture(m.group(1)), page_html)

    def secure(self, page_html: str) -> str:
        """A finished page with its Content-Security-Policy <meta> (render/csp.py): call on each
        page's final HTML, the theme's 404 page included, as the MkDocs hook does in
        on_post_page. The page's inline scripts are allowed by hash and join the host's header line."""
        hashes = csp.inline_script_hashes(page_html)
        self.script_hashes.update(hashes)
        return csp.with_policy(page_html, hashes)

    def header_policy(self) -> str:
        """The policy for hosts that set headers: every page's inline scripts allowed."""
        return csp.policy(sorted(self.script_hashes))

    def card(self, page_url: str) -> dict | None:
        """A rendered page's social card: {"url": absolute url of the PNG, "alt", "width", "height"}."""
        self.speak()
        made = self._card(page_url)
        if made is None:
            return None
        card, path = made
        width, height = gallery.CARD_SIZE
        return {"url": self.site_url + path, "alt": card.alt, "width": width, "height": height}

    def _card(self, page_url: str):
        """A page's card and its site path (render/cards.py), or None when nothing is drawn; asked
        once every page is rendered (the head, then the images), so made once."""
        if self.gallery.renderer is None:
            return None
        if page_url not in self._cards:
            title, chart_id, key_fact = self.record.lead(page_url)
            card = cards.choose(title, self.views[chart_id] if chart_id else None, key_fact, self.site_name)
            self._cards[page_url] = card, cards.path(page_url, card, self.gallery.renderer)
        return self._cards[page_url]

    def finish(self) -> None:
        """After every page: charts never placed and sources no page cites are warnings; a published
        figure changed without a word to readers holds publishing back (an error when publishing)."""
        if self.language.is_source:  # a translation keeps its page's directives (translations.check_page)
            audit.unplaced(self.record, self.dataset, self.problems)
        audit.unknown_pages(self.record, self.dataset, self.problems)
        self._changed_figures()

    # -- what readers have seen ----------------------------------------------------
    def _read_published(self) -> published.Published | None:
        try:
            return published.read(self.root / published.PUBLISHED_DIR)
        except ValueError as exc:
            self.problems.add(f"{published.PUBLISHED_DIR}/{published.RECORD}", None, None, str(exc))
            return None

    def _changed_figures(self) -> None:
        """Every published figure or event now changed, removed or re-dated needs a word to readers
        (publish/changed.py)."""
        if self.published is None or self._data_errors or not self.language.is_source:  # the English build says it
            return
        report = self.problems.add if self.info.publish else self.problems.hold
        shown = functools.partial(self.record.shown, self.views)
        changed.check(self.published, self.package.files, self.dataset, shown, report)

    # -- outputs -------------------------------------------------------------
    def site_dates(self) -> list[dict]:
        """The whole site's dates, for the footer: [{"words", "text", "iso"}] (model/dates.py), in
        the same words as each page's dates line."""
        return [{"words": w, "text": t, "iso": i} for w, t, i in self.dates.items()]

    def reuse(self) -> dict:
        """For the footer: the data version, the licence, the package and the feed (root-relative)."""
        return {
            "version": self.package.version,
            "licence": licence.LICENCE,
            "licence_short": licence.SHORT,
            "package": outputs.package(),
            "zip": outputs.package(ZIP_NAME),
            "feed": outputs.feed(),
        }

    def structured_data(self, url: str, title: str, description: str) -> str:
        """The JSON-LD for a rendered page's <head> (escaped for a <script> element)."""
        self.speak()
        dates, shows_figures = self.record.page_facts(url)
        data = jsonld.page(self.info, self.package.version, self.dates, url, title, description, dates, shows_figures)
        return jsonld.script_text(data)

    def feed(self) -> bytes:
        pkg = self.package
        return feed.atom(self.info, feed.entries(self.dataset, pkg.version, pkg.changed, self.lists.pages_concerned))

    def error_panel(self) -> str:
        """The preview's panel: every problem of the build, and the downloads and cards a preview's
        background drawing could not draw or write ("" when there is nothing to show)."""
        undrawn = images.failures(self._build)
        shown = self.errors + undrawn + self.warnings + self.holds + self.notes
        return html.problems(shown) if shown else ""

    def with_panel(self, page_html: str) -> str:
        """A preview's page with the panel where the generator put html.PANEL."""
        return html.with_panel(page_html, self.error_panel())

    def write_outputs(
        self,
        site_dir: Path,
        embed_assets: dict | None = None,
        defer_images: bool = False,
        policy: bool = True,
        package_page: bool = True,
        report: Callable[[list[Problem]], None] | None = None,
    ) -> list[Path]:
        """Write every placed chart's CSV, PNG and SVG and embed page, every page's card, plotly.js,
        the data package and the feed (publish/files.py, render/images.py, render/embeds.py); never
        into docs/ or data/. embed_assets: site paths of the runtime script ("script"), the embed
        page's stylesheet and script ("style", "embed") and its icon ("icon").

        defer_images (for a preview server): the downloads and cards are drawn in the background
        after this returns, so an edit reaches the open page without waiting for images nobody is
        looking at; the inline pictures are already in the pages. What cannot be drawn or written
        then goes into the panel of the pages already written (html.PANEL) and of every later
        preview until it is drawn, and to report(problems) (the generator's log), called from the
        background thread with what still stands (empty: drawn after all) when that changes.

        policy: give the embed pages and the package index their Content-Security-Policy, and write
        the header line for hosts (outputs.HEADERS); a preview server, which adds its own inline
        reload script to every page, passes False.

        package_page=False: the generator made the data package's index a page of the site itself
        (from `data_page()`, with the theme, navigation and the page's own policy), so no standalone
        index page is written over it."""
        self.speak()
        site_dir = Path(site_dir)
        secure = self.secure if policy else str
        targets = self._image_targets(site_dir)
        before = len(self.problems.items)
        if defer_images:
            shown = images.failures(self._build)  # as the pages' panel has them
            ended = functools.partial(self._drawn_later, site_dir, shown, report)
            self.drawing = images.write_deferred(self.gallery, site_dir, targets, self._build, ended)
            written = []
        else:
            written = images.write(self.gallery, targets)
        charts = {cid: (view, url) for cid, url in self.record.placed.items() if (view := self.views[cid])}
        if self.gallery.renderer:
            assets = embed_assets or {}
            written += embeds.write(site_dir, charts, self.picture, assets, self.bundle, self.site_name, secure)
        written += files.tables(site_dir, {cid: view for cid, (view, _) in charts.items()})
        if self.bundle and self.record.placed:
            written.append(files.vendor(site_dir, self.bundle))
        if self.language.is_source:  # one data package, written by the English build
            index = None
            if package_page:
                index = secure(package_index.render(self.package, self.info, self.dates.last_revised, standalone=True))
            written += files.reuse(site_dir, self.package, self.feed(), index)
        else:
            written += files.reuse(site_dir, None, self.feed())
        if policy:
            written.append(files.headers(site_dir, self.header_policy()))
        if defer_images and len(self.problems.items) > before:  # found after the pages: into their panel
            self._repaint(site_dir)
        return written

    drawing = None  # a preview's background drawing (a thread), while there is one

    def _drawn_later(self, site_dir: Path, shown: list[Problem], report, problems: list[Problem]) -> None:
        """A preview's background drawing is over: problems, what it could not draw or write, go in
        the panel of this build's pages (already written) and to report(), if they changed."""
        if problems == shown:
            return
        self._repaint(site_dir)
        if report is not None:
            report(problems)

    def _repaint(self, site_dir: Path) -> None:
        """The panel drawn again in this build's pages, already written (a preview's)."""
        panel = self.error_panel()
        for ref in self.record.pages():
            path = site_dir / outputs.page_file(ref.url)
            try:
                page = path.read_text(encoding="utf-8")
                if (painted := html.with_panel(page, panel)) != page:
                    images.put(path, data=painted.encode("utf-8"))
            except OSError:  # the page was not written (a newer build cleaned the folder meanwhile)
                continue

    def data_page(self) -> dict[str, str]:
        """The data package's index as a page of the site, for a generator to add to its pages: its
        source path (outputs.DATA_PAGE), title, description and HTML content (publish/package_index.py)."""
        if self._data_page is None:
            self._data_page = package_index.page(self.package, self.info, self.dates.last_revised, self.language)
        return self._data_page

    # -- images ----------------------------------------------------------------
    def _image_targets(self, site_dir: Path) -> list[tuple[Path, object]]:
        """(where, what) for each placed chart's downloads and each page's card."""
        if self.gallery.renderer is None:
            return []
        placed = {cid: view for cid in self.record.placed if (view := self.views[cid])}
        page_cards = [(path, card) for card, path in map(self._card, (ref.url for ref in self.record.pages()))]
        return images.targets(site_dir, placed, page_cards, self.site_name)


def _line_of(path: Path, key: str) -> int | None:
    """The line where a configuration key is written, for a message; None if it is not there."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    return next((n for n, line in enumerate(text.splitlines(), 1) if line.strip().startswith(key)), None)


def _line_holding(path: Path, text: str) -> int | None:
    """The line of a configuration file where text (a title) is written as a key or a value (a nav
    entry, a nav translation, site_name), else the first line that holds it; None if none does."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    quoted = rf"""(?:{re.escape(text)}|'{re.escape(text.replace("'", "''"))}'|{re.escape(json.dumps(text, ensure_ascii=False))})"""
    alone = re.compile(rf"^\s*(?:-\s*)?(?:{quoted}\s*:(?:\s|$)|[^:#]+:\s*{quoted}\s*$)")
    found = next((n for n, line in enumerate(lines, 1) if alone.match(line)), None)
    return found or next((n for n, line in enumerate(lines, 1) if text in line), None)
