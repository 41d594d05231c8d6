"""What each directive becomes, and what a build's pages have placed and cited.

One Ledger serves every page of a build. `begin(page)` starts a page; rendering the same page
again (the bibliography is rendered once more after every other page) first forgets what that
page placed and cited the time before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import kinds
from ..kinds import ChartView, UnsupportedTrace
from ..model.dataset import Dataset
from ..model.problems import Problems
from ..render import html
from .syntax import Directive


@dataclass(frozen=True)
class PageRef:
    label: str  # shown in messages, e.g. docs/incursion.md
    url: str  # root-relative, e.g. "incursion/" or "" for the home page
    title: str
    line_offset: int = 0  # lines of front matter the generator removed before the Markdown


def relative(url: str, from_page_url: str) -> str:
    """Root-relative url -> relative to a page (works at any site root and offline)."""
    return "../" * from_page_url[: from_page_url.rfind("/") + 1].count("/") + url


# Stands where ::sources is until the page's own directives are all expanded (a comment is
# block-level to Markdown, so it replaces its paragraph whole).
BIBLIOGRAPHY_SLOT = "<!--xpl-bibliography-->"


@dataclass
class _Page:
    ref: PageRef
    # source id -> [(line, label, root url)]: in reading order once sorted by line
    cited: dict[str, list[tuple[int, str, str]]] = field(default_factory=dict)
    facts: int = 0


class Ledger:
    def __init__(self, ds: Dataset, problems: Problems, bundle_path: str | None = None):
        self.ds = ds
        self.problems = problems
        self.bundle_path = bundle_path  # site path of plotly.js, when there is one
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

    def pages_to_render_again(self) -> list[str]:
        """Pages whose bibliography misses the citations of pages rendered after them."""
        return sorted(url for url, later in self.rendered_since.items() if later)

    # -- the directives -------------------------------------------------------
    def render(self, d: Directive) -> str:
        if d.errors:
            return self.broken(d, *d.errors)
        return {"chart": self._chart, "sources": self._sources, "fact": self._fact, "cite": self._cite}[d.name](d)

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
            why = "is defined but has errors (see data/charts.yml)" if known else "is not defined in data/charts.yml"
            return self.broken(d, f"chart '{chart_id}' {why}")
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
        for source in view.sources:
            self._note_citation(
                d, source.id, f"{page.title}, chart “{view.spec.title}”", f"{page.url}#chart-{chart_id}"
            )
        prefix = relative("", page.url)
        return html.chart(
            view,
            csv_url=f"{prefix}assets/data/{chart_id}.csv",
            plotly_url=prefix + self.bundle_path if self.bundle_path else "",
        )

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
                    f"(dates with figures: {', '.join(dates) or 'none'})",
                )
        if not rows:
            return self.broken(d, f"no figure for '{metric_id}'{by} in data/observations.csv")
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
        self.page.facts += 1
        self._note_citation(d, obs.source, self.page.ref.title, self.page.ref.url)
        return html.fact(
            obs, ds.metrics[obs.metric], ds.claimants[obs.claimant], ds.sources[obs.source], f"fact-{self.page.facts}"
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

    def _sources(self, d: Directive) -> str:
        """A slot, filled by `bibliography_html` once this page's own directives are expanded. It
        lists the pages rendered so far; `pages_to_render_again` names it if others come later."""
        self.rendered_since[self.page.ref.url] = set()
        return BIBLIOGRAPHY_SLOT

    def bibliography_html(self) -> str:
        return html.bibliography(self.bibliography(self.page.ref.url))

    # -- citations ------------------------------------------------------------
    def _note_citation(self, d: Directive, source_id: str, label: str, url: str) -> None:
        self.page.cited.setdefault(source_id, []).append((d.line or 0, label, url))

    def citations(self) -> dict[str, list[tuple[str, str]]]:
        """source id -> [(label, root url)] over every page, pages in the order first rendered and
        each page's in reading order, once each."""
        out: dict[str, list[tuple[str, str]]] = {}
        for page in self._pages.values():
            for source_id, cites in page.cited.items():
                known = out.setdefault(source_id, [])
                for _, label, url in sorted(cites, key=lambda c: c[0]):
                    if (label, url) not in known:
                        known.append((label, url))
        return out

    def bibliography(self, page_url: str) -> list[dict]:
        cited = self.citations()
        entries = []
        for source in sorted(self.ds.sources.values(), key=lambda s: (s.publisher.lower(), s.published, s.title)):
            links = [{"label": label, "url": relative(url, page_url)} for label, url in cited.get(source.id, [])]
            entries.append({"source": source, "citations": links})
        return entries

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
