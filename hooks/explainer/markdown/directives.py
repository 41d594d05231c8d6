"""What each directive becomes, and what a build's pages have placed and cited.

One Ledger serves every page of a build. `begin(page)` starts a page; rendering the same page
again (the bibliography is rendered once more after every other page) first forgets what that
page placed and cited the time before.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from markupsafe import Markup

from .. import kinds, outputs
from ..kinds import ChartView, UnsupportedTrace
from ..model import formatting
from ..model.claims import GROUP_LABELS
from ..model.dataset import Dataset, suggest
from ..model.dates import Dates, dates_of, site_dates
from ..model.problems import Problems
from ..model.sources import KIND_LABELS
from ..outputs import ZIP_NAME
from ..publish import citation, licence
from ..publish.identity import SiteInfo
from ..render import html
from .syntax import INDEX_NAMES, Directive


@dataclass(frozen=True)
class PageRef:
    label: str  # shown in messages, e.g. docs/incursion.md
    url: str  # root-relative, e.g. "incursion/" or "" for the home page
    title: str
    line_offset: int = 0  # lines of front matter the generator removed before the Markdown
    # Links from the site's root path ("/base/assets/…") instead of relative to the page: for a
    # generator that rewrites page-relative links in the HTML it gets (markdown/context.py).
    rooted: bool = False

    @property
    def source_label(self) -> str:
        """The English page a translation stands for (docs/why.uk.md -> docs/why.md): corrections
        and updates name English files, and concern both editions of the page."""
        return _TRANSLATED_RE.sub(r"\1", self.label)


_TRANSLATED_RE = re.compile(r"\.[a-z]{2}(\.md)$")


# A hedge typed right before a :fact whose row has a qualifier reads twice ("about about 2,000").
_HEDGE_BEFORE_RE = re.compile(
    r"\b(about|around|approximately|roughly|some|nearly|almost|over|under|more than|fewer than|less than|at least"
    r"|at most|up to|as many as|between)\s+$",
    re.IGNORECASE,
)


def row_key(row) -> tuple[str, str]:
    """("observation", "date|metric|claimant") or ("event", id): a row as the published package keys it."""
    if hasattr(row, "metric"):
        return ("observation", f"{row.date.isoformat()}|{row.metric}|{row.claimant}")
    return ("event", row.id)


def relative(url: str, from_page_url: str) -> str:
    """Root-relative url -> relative to a page (works at any site root and offline)."""
    return "../" * from_page_url[: from_page_url.rfind("/") + 1].count("/") + url


def slot(name: str) -> str:
    """Stands where ::sources, ::claimants or ::corrections is until the page's own directives
    are all expanded (a comment is block-level to Markdown, so it replaces its paragraph whole)."""
    return f"<!--xpl-index-{name}-->"


SLOTS = {slot(name): name for name in INDEX_NAMES}

PICTURE_SLOT_RE = re.compile(r"<!--xpl-picture:([a-z0-9-]+)-->")


def picture_slot(chart_id: str) -> Markup:
    """Where a chart's picture goes in the finished page (see Site.fill_pictures)."""
    return Markup(f"<!--xpl-picture:{chart_id}-->")


@dataclass
class _Page:
    ref: PageRef
    # source id -> [(line, label, root url)]: in reading order once sorted by line
    cited: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    # claimant id -> [(line, label, root url)]: where their figures and statements are shown
    quoted: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    charts: list[str] = field(default_factory=list)
    metrics: set[str] = field(default_factory=set)  # quoted with :fact or drawn
    events: set[str] = field(default_factory=set)  # drawn
    explained: set[str] = field(default_factory=set)  # what "how to read these charts" has said here
    facts: int = 0
    lists: bool = False  # holds ::sources, ::claimants or ::corrections
    dates: Dates = field(default_factory=Dates)  # its dates line (model/dates.py), once the page is done
    key_fact: tuple | None = None  # (obs, metric, claimant) of the first :fact, for the social card
    rows: set[tuple[str, str]] = field(default_factory=set)  # row_key() of every figure quoted with :fact
    shown: list = field(default_factory=list)  # the figures and events it shows (quoted or drawn)


@dataclass(frozen=True)
class Reuse:
    """What citations and the ::reuse block need: who publishes where, and the data version."""

    info: SiteInfo
    version: str
    revised: date | None = None  # the site's "last revised" date, in every citation


class Ledger:
    def __init__(
        self,
        ds: Dataset,
        problems: Problems,
        bundle_path: str | None = None,
        reuse: Reuse | None = None,
        pictures: Callable[[str], str] | None = None,
        embed_base: str = "",
    ):
        self.ds = ds
        self.reuse = reuse
        self.problems = problems
        self.bundle_path = bundle_path  # site path of plotly.js, when there is one
        self.pictures = pictures  # chart id -> its build-time picture (safe markup), or ""
        self.embed_base = embed_base  # absolute site url, for the embed snippet
        self.views: dict[str, ChartView | None] = {}
        self.placed: dict[str, str] = {}  # chart id -> url of the page it is on
        # url of each page with ::sources -> the pages rendered after it (its list lacks theirs)
        self.rendered_since: dict[str, set[str]] = {}
        self._pages: dict[str, _Page] = {}  # by url, in the order first rendered
        self.page: _Page | None = None

    def begin(self, ref: PageRef) -> None:
        self.placed = {c: url for c, url in self.placed.items() if url != ref.url}
        self.rendered_since.pop(ref.url, None)
        for later in self.rendered_since.values():
            later.add(ref.url)
        self._pages[ref.url] = self.page = _Page(ref)

    def link(self, url: str, page_url: str) -> str:
        """A root-relative url as the current page links to it: relative to the page, or from the
        site's root path when the page asks for that (PageRef.rooted)."""
        if self.page is not None and self.page.ref.rooted:
            base = urlsplit(self.reuse.info.root).path if self.reuse else "/"
            return base + url
        return relative(url, page_url)

    def pages_to_render_again(self) -> list[str]:
        """Pages whose bibliography misses the citations of pages rendered after them."""
        return sorted(url for url, later in self.rendered_since.items() if later)

    # -- the directives -------------------------------------------------------
    def render(self, d: Directive) -> str:
        if d.errors:
            return self.broken(d, *d.errors)
        if d.name in INDEX_NAMES:
            return self._index(d)
        return {
            "chart": self._chart,
            "fact": self._fact,
            "cite": self._cite,
            "reuse": self._reuse,
            "publisher": self._publisher,
        }[d.name](d)

    def broken(self, d: Directive, message: str, *more: str) -> str:
        """Report the directive's problems; the page shows it as written, with the first."""
        for text in (message, *more):
            self.problems.add(self.page.ref.label, self.line(d), None, text)
        return html.broken(d.written, message)

    def line(self, d: Directive) -> int | None:
        return None if d.line is None else d.line + self.page.ref.line_offset

    def _unresolved(self, d: Directive, kind: str, value: str, where: str) -> str:
        """An id that is not defined: a problem here, unless its own definition is already reported."""
        message = self.ds.unknown(kind, value, where)
        if message:
            return self.broken(d, message)
        return html.broken(d.written, f"{kind} '{value}' has a problem in its data file")

    def _chart(self, d: Directive) -> str:
        chart_id, page = d.arg, self.page.ref
        if d.attrs:
            return self.broken(d, f"::chart takes no options (found {', '.join(d.attrs)})")
        if chart_id not in self.ds.charts:
            known = ("chart", chart_id) in self.ds.broken
            if known or "chart" in self.ds.broken_kinds:
                # Its definition (or the whole file) is already reported: a consequence, not a second problem.
                why = "has errors in data/charts.yml" if known else "cannot be read: data/charts.yml has errors"
                return html.broken(d.written, f"chart '{chart_id}' {why}")
            candidates = {*self.ds.charts, *(i for kind, i in self.ds.broken if kind == "chart")}
            return self.broken(
                d, f"chart '{chart_id}' is not defined in data/charts.yml{suggest(chart_id, candidates)}"
            )
        if chart_id in self.placed:
            return self.broken(
                d,
                f"chart '{chart_id}' is already placed on {self.placed[chart_id] or 'the home page'}; "
                "a chart appears once",
            )
        view = self._view(chart_id)
        if view is None:
            return self.broken(d, f"chart '{chart_id}' cannot be drawn (see data/charts.yml)")
        self.placed[chart_id] = page.url
        label, url = f"{page.title}, chart “{view.spec.title}”", f"{page.url}#chart-{chart_id}"
        for source in view.sources:
            self._note_citation(d, source.id, label, url)
        self.page.charts.append(chart_id)
        self.page.shown += view.claims_drawn
        for row in [*view.rows, *view.also_drawn]:
            if hasattr(row, "claimant"):
                self.page.quoted.setdefault(row.claimant, []).append((d.line or 0, label, url))
            if hasattr(row, "metric"):
                self.page.metrics.add(row.metric)
            if hasattr(row, "topic"):
                self.page.events.add(row.id)
        prefix = self.link("", page.url)
        cite = None
        if self.reuse:
            info = self.reuse.info
            url = info.absolute(f"{page.url}#chart-{chart_id}")
            cite = citation.chart(info, self.reuse.version, chart_id, view.spec.title, url, self.reuse.revised)
        # The picture is drawn now, but goes into the page only once the generator is done with it
        # (Site.fill_pictures): a search indexer need not parse hundreds of kilobytes of SVG.
        picture = picture_slot(chart_id) if self.pictures and self.pictures(chart_id) else ""
        # "How to read these charts" once per page: each part with the first chart that needs it.
        needs = html.explanations(view)
        explain, first = needs - self.page.explained, not self.page.explained
        self.page.explained |= needs
        return html.chart(
            view,
            explain=explain,
            how_to_read_here=first and bool(explain),
            csv_url=prefix + outputs.download(chart_id, "csv"),
            plotly_url=prefix + self.bundle_path if self.bundle_path else "",
            cite=cite,
            package_url=prefix + outputs.package(),
            zip_url=prefix + outputs.package(ZIP_NAME),
            picture=picture,
            image_urls={fmt: prefix + outputs.download(chart_id, fmt) for fmt in ("png", "svg")} if picture else {},
            embed_url=self.embed_base + outputs.embed(chart_id) if picture else "",
        )

    def views_of_all(self) -> dict[str, ChartView]:
        """Every chart that can be drawn (placed or not yet), by id."""
        return {cid: v for cid in self.ds.charts if (v := self._view(cid)) is not None}

    def lead(self, page_url: str) -> tuple[str, ChartView | None, tuple | None]:
        """A page's title, its first chart, and its first :fact (for its social card)."""
        page = self._pages.get(page_url)
        first = next((cid for cid, url in self.placed.items() if url == page_url), None)
        return (
            (page.ref.title if page else ""),
            (self.views.get(first) if first else None),
            (page.key_fact if page else None),
        )

    def pages(self) -> list[PageRef]:
        return [p.ref for p in self._pages.values()]

    def _view(self, chart_id: str) -> ChartView | None:
        if chart_id not in self.views:
            try:
                self.views[chart_id] = kinds.view(self.ds.charts[chart_id], self.ds)
            except UnsupportedTrace as exc:
                where = self.ds.lines[("chart", chart_id)]
                self.problems.add(where.path, where.line, "kind", f"chart '{chart_id}' {exc}")
                self.views[chart_id] = None
        return self.views[chart_id]

    def _fact(self, d: Directive) -> str:
        ds = self.ds
        metric_id = d.arg
        unknown = set(d.attrs) - {"date", "claimant"}
        if unknown:
            return self.broken(
                d,
                f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(sorted(unknown))} "
                "in :fact (options: date, claimant)",
            )
        claimant = d.attrs.get("claimant")
        for kind, value in (("metric", metric_id), ("claimant", claimant)):
            if value is not None and (ds.unknown(kind, value) or ds.reported(kind, value)):
                return self._unresolved(d, kind, value, " in :fact")
        rows = ds.by_metric(metric_id)
        if not rows and ds.broken_kinds & {"source", "claimant", "metric"}:
            # A whole file the rows cite is unreadable (reported once): every figure is a consequence.
            return html.broken(d.written, "no figure: a data file it depends on cannot be read")
        by = f" by {claimant}" if claimant else ""
        if claimant is not None:
            rows = [o for o in rows if o.claimant == claimant]
        pinned = d.attrs.get("date")
        if pinned is not None:
            dates = sorted({o.date.isoformat() for o in rows})
            rows = [o for o in rows if o.date.isoformat() == pinned]
            if not rows:
                return self.broken(
                    d,
                    f"no figure for '{metric_id}'{by} as of {pinned} "
                    f"(dates with figures: {', '.join(dates) or 'none'}{ds.refused_note(metric_id)})",
                )
        if not rows:
            return self.broken(
                d, f"no figure for '{metric_id}'{by} in data/observations.csv{ds.refused_note(metric_id)}"
            )
        latest = max(o.date for o in rows)
        rows = [o for o in rows if o.date == latest]
        if len(rows) > 1:
            names = ", ".join(o.claimant for o in rows)
            return self.broken(
                d,
                f"{len(rows)} figures for '{metric_id}' as of {latest} (claimants: {names}); "
                f"add claimant=… to choose, e.g. :fact[{metric_id}]{{claimant={rows[0].claimant}}}",
            )
        obs = rows[0]
        typed = _HEDGE_BEFORE_RE.search(d.before) if obs.qualifier else None
        if typed:
            figure = formatting.observed(obs, ds.metrics[obs.metric].unit)
            return self.broken(
                d,
                f"'{typed.group(1)}' is typed before {d.written}, which already reads '{figure}' (its row's "
                f"qualifier): delete '{typed.group(1)}'",
            )
        self.page.facts += 1
        self.page.shown.append(obs)
        self.page.rows.add(row_key(obs))
        if self.page.key_fact is None:
            self.page.key_fact = (obs, ds.metrics[obs.metric], ds.claimants[obs.claimant])
        for source_id in obs.sources:
            self._note_citation(d, source_id, self.page.ref.title, self.page.ref.url)
        self.page.metrics.add(obs.metric)
        self.page.quoted.setdefault(obs.claimant, []).append((d.line or 0, self.page.ref.title, self.page.ref.url))
        return html.fact(
            obs, ds.metrics[obs.metric], ds.claimants[obs.claimant], ds.row_sources(obs), f"fact-{self.page.facts}"
        )

    def _cite(self, d: Directive) -> str:
        """:cite[source-id]: the publisher's name, linked to the source, listed in the bibliography."""
        if d.attrs:
            return self.broken(d, f":cite takes no options (found {', '.join(d.attrs)})")
        source = self.ds.sources.get(d.arg)
        if source is None:
            return self._unresolved(d, "source", d.arg, " in :cite")
        self._note_citation(d, source.id, self.page.ref.title, self.page.ref.url)
        return html.cite(source)

    def _reuse(self, d: Directive) -> str:
        """::reuse: download all the data, the licence, and how to cite the whole site."""
        if self.reuse is None:
            return self.broken(d, "::reuse needs the site's address and data version (this build has none)")
        prefix = self.link("", self.page.ref.url)
        return html.reuse(
            citation.site(self.reuse.info, self.reuse.version, self.reuse.revised),
            version=self.reuse.version,
            package_url=prefix + outputs.package(),
            zip_url=prefix + outputs.package(ZIP_NAME),
            licence=licence,
        )

    def _publisher(self, d: Directive) -> str:
        """::publisher: who publishes the site and how readers reach its editors."""
        if self.reuse is None or not self.reuse.info.contact:
            return self.broken(d, "::publisher needs the publisher's name and the editors' address (extra.contact)")
        return html.publisher(self.reuse.info.publisher, self.reuse.info.contact, self.reuse.info.funding)

    def _index(self, d: Directive) -> str:
        """A slot, filled by `index_html` once this page's own directives are expanded. It lists
        the pages rendered so far; `pages_to_render_again` names it if others come later."""
        self.rendered_since[self.page.ref.url] = set()
        self.page.lists = True
        return slot(d.name)

    def index_html(self, name: str) -> str:
        """The HTML of ::sources, ::claimants or ::corrections on the current page."""
        url = self.page.ref.url
        if name == "sources":
            return html.bibliography(self.bibliography(url), KIND_LABELS)
        if name == "claimants":
            return html.whos_who(self.whos_who(url), GROUP_LABELS)
        if name == "relays":
            return html.relays(self.relays_list(url), len(self.ds.observations) + len(self.ds.events))
        return html.corrections(self.corrections_list(url), heading=False)

    # -- what a page shows about itself ----------------------------------------
    def concerns(self, correction, page: _Page) -> bool:
        """Whether a correction (or a dated update, which names pages only) concerns a page: named,
        or about a row, chart or source it shows."""
        return (
            any(
                page.ref.source_label.endswith(f"/{name}") or page.ref.source_label == name for name in correction.pages
            )
            or bool(set(getattr(correction, "charts", ())) & set(page.charts))
            or bool(set(getattr(correction, "metrics", ())) & page.metrics)
            or bool(set(getattr(correction, "events", ())) & page.events)
            or bool(set(getattr(correction, "sources", ())) & set(page.cited))
        )

    def page_dates(self) -> str:
        """The current page's dates line (model/dates.py): the period of what it shows, its newest
        source, and its last revision (the corrections and dated updates that concern it). A page
        with a site-wide list shows the whole site's. "" when none is known."""
        if self.page.lists:
            self.page.dates = site_dates(self.ds)
        else:
            revisions = [r for r in (*self.ds.corrections, *self.ds.updates) if self.concerns(r, self.page)]
            self.page.dates = dates_of(self.ds, self.page.shown, self.page.cited, revisions)
        return html.page_dates(self.page.dates) if self.page.dates else ""

    def page_facts(self, url: str) -> tuple[Dates, bool]:
        """A rendered page's dates and whether it shows figures (charts or facts)."""
        page = self._pages.get(url)
        if page is None:
            return Dates(), False
        return page.dates, bool(page.charts or page.facts)

    def pages_concerned(self, correction) -> list[tuple[str, str]]:
        """(title, root url) of every rendered page a correction concerns."""
        return [(p.ref.title, p.ref.url) for p in self._pages.values() if self.concerns(correction, p)]

    def page_corrections(self) -> str:
        """The corrections that concern the current page, dated, for its foot."""
        mine = [{"correction": c, "pages": []} for c in self.ds.corrections if self.concerns(c, self.page)]
        return html.corrections(mine, heading=True) if mine else ""

    # -- citations ------------------------------------------------------------
    def _note_citation(self, d: Directive, source_id: str, label: str, url: str) -> None:
        self.page.cited.setdefault(source_id, []).append((d.line or 0, label, url))

    def citations(self) -> dict[str, list[tuple[str, str]]]:
        """source id -> [(label, root url)] over every page, pages in the order first rendered and
        each page's in reading order, once each."""
        return self._across_pages(lambda page: page.cited)

    def _across_pages(self, per_page) -> dict[str, list[tuple[str, str]]]:
        """id -> [(label, root url)] from each page's {id: [(line, label, url)]}, pages in the order
        first rendered and each page's in reading order, once each."""
        out: dict[str, list[tuple[str, str]]] = {}
        for page in self._pages.values():
            for key, places in per_page(page).items():
                known = out.setdefault(key, [])
                for _, label, url in sorted(places, key=lambda c: c[0]):
                    if (label, url) not in known:
                        known.append((label, url))
        return out

    def bibliography(self, page_url: str) -> dict[str, list[dict]]:
        """Source kind -> entries {"source", "citations"}, primary documents first, each kind by publisher."""
        cited = self.citations()
        groups: dict[str, list[dict]] = {kind: [] for kind in KIND_LABELS}
        for source in sorted(self.ds.sources.values(), key=lambda s: (s.credit.lower(), s.dated, s.title)):
            links = [{"label": label, "url": self.link(url, page_url)} for label, url in cited.get(source.id, [])]
            groups[source.kind].append({"source": source, "citations": links})
        return {kind: entries for kind, entries in groups.items() if entries}

    def whos_who(self, page_url: str) -> dict[str, list[dict]]:
        """Claimant group -> entries {"claimant", "shown"}: where each one's figures and statements are.
        A claimant with nothing on the site is left out (a reader could follow no link from it)."""
        shown = self._across_pages(lambda page: page.quoted)
        groups: dict[str, list[dict]] = {group: [] for group in GROUP_LABELS}
        for claimant in sorted(self.ds.claimants.values(), key=lambda c: c.name.lower()):
            links = [{"label": label, "url": self.link(url, page_url)} for label, url in shown.get(claimant.id, [])]
            if links:
                groups[claimant.group].append({"claimant": claimant, "shown": links})
        return {group: entries for group, entries in groups.items() if entries}

    def relays_list(self, page_url: str) -> list[dict]:
        """Every figure and event whose quoted source is a relay, by date: what, whose story, where shown."""
        ds = self.ds
        shown: dict[int, list[dict]] = {}
        for page in self._pages.values():
            link = {"label": page.ref.title, "url": self.link(page.ref.url, page_url)}
            for row in page.shown:
                if link not in shown.setdefault(id(row), []):
                    shown[id(row)].append(link)
        out = []
        rows = [*ds.observations, *ds.events]
        for row in sorted(rows, key=lambda r: (r.date, getattr(r, "metric", ""), getattr(r, "id", ""), r.claimant)):
            if ds.sources[row.source].relays is None:
                continue
            if hasattr(row, "metric"):
                metric = ds.metrics[row.metric]
                what = f"{metric.label}: {formatting.observed(row, metric.unit)} ({ds.claimants[row.claimant].name})"
            else:
                what = row.label
            out.append({"date": row.date, "what": what, "credit": ds.credit(row), "shown": shown.get(id(row), [])})
        return out

    def corrections_list(self, page_url: str) -> list[dict]:
        """Every correction, newest first, with links to the pages it concerns."""
        out = []
        for correction in self.ds.corrections:
            pages = [
                {"label": p.ref.title, "url": self.link(p.ref.url, page_url)}
                for p in self._pages.values()
                if self.concerns(correction, p)
            ]
            out.append({"correction": correction, "pages": pages})
        return out

    def unknown_pages(self) -> None:
        """After every page: a correction naming a page the site does not have is a mistake."""
        labels = [p.ref.source_label for p in self._pages.values()]
        for correction in (*self.ds.corrections, *self.ds.updates):
            for name in correction.pages:
                if not any(label == name or label.endswith(f"/{name}") for label in labels):
                    where = self.ds.correction_lines[id(correction)]
                    self.problems.add(
                        where.path,
                        where.line,
                        "pages",
                        f"no page '{name}' (pages: {', '.join(sorted(labels))}; write the file name, e.g. "
                        "incursion.md)",
                    )

    def unplaced(self) -> None:
        """After every page: charts never placed and sources no page cites are warnings."""
        cited = self.citations()
        for chart_id in self.ds.charts:
            if chart_id not in self.placed:
                where = self.ds.lines[("chart", chart_id)]
                self.problems.warn(
                    where.path,
                    where.line,
                    "id",
                    f"chart '{chart_id}' is not placed on any page (add ::chart[{chart_id}] to a page, or remove it)",
                )
        ds = self.ds
        if ds.broken_kinds or ds.refused or any(kind in ("chart", "event", "place", "line") for kind, _ in ds.broken):
            return  # a source cited only by a refused row or a broken chart: a consequence, not a warning
        for source_id in self.ds.sources:
            if source_id not in cited:
                where = self.ds.lines[("source", source_id)]
                self.problems.warn(
                    where.path,
                    where.line,
                    "id",
                    f"source '{source_id}' is not cited on any page (quote one of its rows with :fact, "
                    "draw it in a chart, cite it with :cite, or remove it)",
                )

    # -- where readers see a row (for published figures that changed) ----------------------------
    def shown(self, kind: str, key: str, like: dict[str, str] | None = None) -> tuple[list[PageRef], list[str]]:
        """The pages and placed charts that show a row (kind and key as row_key gives them). like: a
        row no longer in the data (its published cells): where rows like it are shown instead, the
        same metric and claimant (else metric) for a figure, the same topic for an event."""
        drawn = {
            cid: {row_key(r) for r in view.rows if hasattr(r, "metric") or hasattr(r, "topic")}
            for cid in self.placed
            if (view := self.views.get(cid)) is not None
        }
        if like is None:
            charts = [cid for cid, keys in drawn.items() if (kind, key) in keys]
            pages = [p.ref for p in self._pages.values() if (kind, key) in p.rows or set(p.charts) & set(charts)]
            return pages, charts
        if kind == "observation":
            metric, claimant = like.get("metric", ""), like.get("claimant", "")
            same = [
                cid
                for cid in drawn
                if self._draws(cid, "metric", lambda r: (r.metric, r.claimant) == (metric, claimant))
            ]
            charts = same or [cid for cid in drawn if self._draws(cid, "metric", lambda r: r.metric == metric)]
            pages = [p.ref for p in self._pages.values() if metric in p.metrics or set(p.charts) & set(charts)]
            return pages, charts
        topic = like.get("topic", "")
        charts = [cid for cid in drawn if self._draws(cid, "topic", lambda r: r.topic == topic)]
        return [p.ref for p in self._pages.values() if set(p.charts) & set(charts)], charts

    def _draws(self, chart_id: str, attribute: str, test) -> bool:
        """Whether a placed chart draws a row that has the attribute and passes the test."""
        view = self.views.get(chart_id)
        return view is not None and any(hasattr(r, attribute) and test(r) for r in view.rows)
