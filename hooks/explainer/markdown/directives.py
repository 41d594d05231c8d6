"""What each directive becomes: its HTML, with what it places, cites and quotes noted in the
build's record of pages (record.py). The site-wide lists are lists.py's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup

from .. import outputs
from ..kinds import ChartView
from ..model import formatting
from ..model.dataset import Dataset, suggest
from ..model.directives import DIRECTIVES, FORMS
from ..model.problems import Problems
from ..outputs import ZIP_NAME
from ..publish import citation, licence
from ..publish.identity import SiteInfo
from ..render import html
from .lists import slot
from .record import Record, row_key
from .syntax import Directive

# A hedge typed right before a :fact whose row has a qualifier reads twice ("about about 2,000").
_HEDGE_BEFORE_RE = re.compile(
    r"\b(about|around|approximately|roughly|some|nearly|almost|over|under|more than|fewer than|less than|at least"
    r"|at most|up to|as many as|between)\s+$",
    re.IGNORECASE,
)

PICTURE_SLOT_RE = re.compile(r"<!--xpl-picture:([a-z0-9-]+)-->")


def picture_slot(chart_id: str) -> Markup:
    """Where a chart's picture goes in the finished page (see Site.fill_pictures)."""
    return Markup(f"<!--xpl-picture:{chart_id}-->")


# A chart's bulk that no search indexes (its element says data-search-exclude): the figure for the
# live chart, and the data table with its downloads and citation. Held out of the page until it is
# finished (Held.fill), the exact text cut out and put back, so the search indexer does not parse
# about half a megabyte a build only to skip it.
_HELD_SLOT_RE = re.compile(r"<!--xpl-held:([a-z0-9-]+):(figure|data)-->")
_FIGURE_RE = re.compile(r'(<div class="xchart__plot" data-search-exclude="true"[^>]*? data-figure=")([^"]*)(")')
_DATA_RE = re.compile(r'(<details class="xchart__data" data-search-exclude="true">)(.*?)(</details>)', re.S)


class Held:
    """The parts of each chart held out of its page until the page is finished."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], str] = {}

    def hold(self, chart_id: str, chart_html: str) -> str:
        """chart_html with its figure and data table replaced by slots (kept here for fill)."""
        parts: dict[str, str] = {}

        def cut(name: str):
            def slot(m: re.Match) -> str:
                parts[name] = m.group(2)
                return f"{m.group(1)}<!--xpl-held:{chart_id}:{name}-->{m.group(3)}"

            return slot

        held = _DATA_RE.sub(cut("data"), _FIGURE_RE.sub(cut("figure"), chart_html, count=1), count=1)
        # A search indexer may rewrite its own data-search-* attributes in the pages it reads:
        # text holding one stays in the page, so the finished page is the same either way.
        if any("data-search-" in part or "<!--xpl-held:" in part for part in parts.values()):
            return chart_html
        self.parts.update({(chart_id, name): part for name, part in parts.items()})
        return held

    def fill(self, page_html: str) -> str:
        """A finished page with each held part back in its slot."""
        if "<!--xpl-held:" not in page_html:
            return page_html
        return _HELD_SLOT_RE.sub(lambda m: self.parts.get((m.group(1), m.group(2)), m.group(0)), page_html)


@dataclass(frozen=True)
class Reuse:
    """What citations and the ::reuse block need: who publishes where, and the data version."""

    info: SiteInfo
    version: str
    revised: date | None = None  # the site's "last revised" date, in every citation


class Directives:
    def __init__(
        self,
        ds: Dataset,
        problems: Problems,
        record: Record,
        views: Mapping[str, ChartView | None],
        bundle_path: str | None = None,
        reuse: Reuse | None = None,
        pictures: Callable[[str], str] | None = None,
        embed_base: str = "",
    ):
        self.ds = ds
        self.reuse = reuse
        self.problems = problems
        self.record = record
        self.views = views  # chart id -> its view (the build's, made once: kinds.Views)
        self.bundle_path = bundle_path  # site path of plotly.js, when there is one
        self.pictures = pictures  # chart id -> its build-time picture (safe markup), or ""
        self.embed_base = embed_base  # absolute site url, for the embed snippet
        self.held: Held | None = None  # set: charts' bulk held out of the page until it is finished

    def render(self, d: Directive) -> str:
        """A directive's HTML (its form's `_<name>` method), or what stands in its place until the
        page is done; a mistake is reported and shown as written."""
        if d.errors:
            return self.broken(d, *d.errors)
        form = DIRECTIVES[d.name]
        unknown = set(d.attrs) - {option for option, _ in form.options}
        if unknown and not form.options:
            return self.broken(d, f"{form.called} takes no options (found {', '.join(d.attrs)})")
        if unknown:
            return self.broken(
                d,
                f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(sorted(unknown))} "
                f"in {form.called} (options: {', '.join(option for option, _ in form.options)})",
            )
        if form.site_wide:
            return self._index(d)
        return _RENDERS[d.name](self, d)

    def broken(self, d: Directive, message: str, *more: str) -> str:
        """Report the directive's problems; the page shows it as written, with the first."""
        for text in (message, *more):
            self.problems.add(self.record.page.ref.label, self.line(d), None, text)
        return html.broken(d.written, message)

    def line(self, d: Directive) -> int | None:
        return None if d.line is None else d.line + self.record.page.ref.line_offset

    def _unresolved(self, d: Directive, kind: str, value: str, where: str) -> str:
        """An id that is not defined: a problem here, unless its own definition is already reported."""
        message = self.ds.unknown(kind, value, where)
        if message:
            return self.broken(d, message)
        return html.broken(d.written, f"{kind} '{value}' has a problem in its data file")

    def _chart(self, d: Directive) -> str:
        chart_id, here = d.arg, self.record.page
        page, placed = here.ref, self.record.placed
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
        if chart_id in placed:
            return self.broken(
                d,
                f"chart '{chart_id}' is already placed on {placed[chart_id] or 'the home page'}; a chart appears once",
            )
        view = self.views[chart_id]
        if view is None:
            return self.broken(d, f"chart '{chart_id}' cannot be drawn (see data/charts.yml)")
        placed[chart_id] = page.url
        label, url = f"{page.title}, chart “{view.spec.title}”", f"{page.url}#chart-{chart_id}"
        for source in view.sources:
            here.cite(source.id, d.line, label, url)
        here.charts.append(chart_id)
        here.shown += view.claims_drawn
        for row in [*view.rows, *view.also_drawn]:
            if hasattr(row, "claimant"):
                here.quote(row.claimant, d.line, label, url)
            if hasattr(row, "metric"):
                here.metrics.add(row.metric)
            if hasattr(row, "topic"):
                here.events.add(row.id)
        prefix = self.record.link("", page.url)
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
        explain, first = needs - here.explained, not here.explained
        here.explained |= needs
        out = html.chart(
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
            days_url=prefix + outputs.days(chart_id) if view.days else "",
        )
        return self.held.hold(chart_id, out) if self.held is not None else out

    def _fact(self, d: Directive) -> str:
        ds = self.ds
        metric_id = d.arg
        claimant = d.attrs.get("claimant")
        for kind, value in (("metric", metric_id), ("claimant", claimant)):
            if value is not None and (ds.unknown(kind, value) or ds.reported(kind, value)):
                return self._unresolved(d, kind, value, " in :fact")
        if not ds.by_metric(metric_id) and ds.broken_kinds & {"source", "claimant", "metric"}:
            # A whole file the rows cite is unreadable (reported once): every figure is a consequence.
            return html.broken(d.written, "no figure: a data file it depends on cannot be read")
        by = f" by {claimant}" if claimant else ""
        pinned = d.attrs.get("date")
        found = ds.figures(metric_id, claimant, pinned)
        rows = found.rows
        if not rows and pinned is not None:
            return self.broken(
                d,
                f"no figure for '{metric_id}'{by} as of {pinned} "
                f"(dates with figures: {', '.join(found.dates) or 'none'}{ds.refused_note(metric_id)})",
            )
        if not rows:
            return self.broken(
                d, f"no figure for '{metric_id}'{by} in data/observations.csv{ds.refused_note(metric_id)}"
            )
        if len(rows) > 1:
            names = ", ".join(o.claimant for o in rows)
            return self.broken(
                d,
                f"{len(rows)} figures for '{metric_id}' as of {rows[0].date} (claimants: {names}); "
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
        here = self.record.page
        here.facts += 1
        here.shown.append(obs)
        here.rows.add(row_key(obs))
        if here.key_fact is None:
            here.key_fact = (obs, ds.metrics[obs.metric], ds.claimants[obs.claimant])
        for source_id in obs.sources:
            here.cite(source_id, d.line, here.ref.title, here.ref.url)
        here.metrics.add(obs.metric)
        here.quote(obs.claimant, d.line, here.ref.title, here.ref.url)
        return html.fact(
            obs, ds.metrics[obs.metric], ds.claimants[obs.claimant], ds.row_sources(obs), f"fact-{here.facts}"
        )

    def _cite(self, d: Directive) -> str:
        """:cite[source-id]: the publisher's name, linked to the source, listed in the bibliography."""
        source = self.ds.sources.get(d.arg)
        if source is None:
            return self._unresolved(d, "source", d.arg, " in :cite")
        here = self.record.page
        here.cite(source.id, d.line, here.ref.title, here.ref.url)
        return html.cite(source)

    def _reuse(self, d: Directive) -> str:
        """::reuse: download all the data, the licence, and how to cite the whole site."""
        if self.reuse is None:
            return self.broken(d, "::reuse needs the site's address and data version (this build has none)")
        prefix = self.record.link("", self.record.page.ref.url)
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
        """A slot, filled by `Lists.html` once this page's own directives are expanded."""
        self.record.lists_here()
        return slot(d.name)


# Each directive's renderer, from the one table of directives: a form without one fails at import.
_RENDERS = {form.name: getattr(Directives, f"_{form.name}") for form in FORMS if not form.site_wide}
