"""One build of the site: load data once, expand each page's directives, collect citations,
then hand back the bibliography, the problems and the files to write.

Generator-neutral: a page is just (source label, url, title, markdown).
"""
from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import assets, charts, data, formatting, render
from .directives import Directive, scan
from .figures import UnsupportedTrace
from .problems import Problem, Problems

TOKEN = "XPLTOKEN{:05d}X"
SOURCES_TOKEN = "XPLSOURCESX"


@dataclass(frozen=True)
class PageRef:
    label: str  # shown in messages, e.g. docs/incursion.md
    url: str  # root-relative, e.g. "incursion/" or "" for the home page
    title: str
    line_offset: int = 0  # lines of front matter the generator removed before the Markdown


def relative(url: str, from_page_url: str) -> str:
    """Root-relative url -> relative to a page (works at any site root and offline)."""
    return "../" * from_page_url[: from_page_url.rfind("/") + 1].count("/") + url


def _ordered(items: list[Problem]) -> list[Problem]:
    """By file and line; within a line, in the order the fields were checked."""
    return sorted(dict.fromkeys(items), key=lambda p: (p.path, p.line or 0))


@dataclass
class _PageState:
    ref: PageRef
    fragments: dict[str, str] = field(default_factory=dict)  # token -> HTML
    facts: int = 0


class Engine:
    def __init__(self, root: Path, serving: bool = False, today: date | None = None):
        self.root = Path(root)
        self.data_dir = self.root / "data"
        self.serving = serving
        self.today = today
        self.problems = Problems()  # filled by start_build(), called at the start of every build

    # -- a build -------------------------------------------------------------
    def start_build(self) -> None:
        """Re-read every data file: editors change data while `serve` runs."""
        self.problems = Problems()
        self.dataset = data.load(self.data_dir, self.problems, self.today)
        self.bundle = None
        try:
            # That it matches plotly.py's bundled plotly.js is tests/test_versions.py's job:
            # importing plotly.py here would cost every build more than the rest of the engine.
            self.bundle = assets.find_bundle(self.root)
        except FileNotFoundError as exc:
            self.problems.add("node_modules", None, None, str(exc))
        self._views: dict[str, charts.ChartView | None] = {}
        self._pages: dict[str, _PageState] = {}
        self._counter = 0
        self._citations: dict[str, list[tuple[str, str]]] = {}  # source id -> [(label, root url)]
        self._placed: dict[str, str] = {}  # chart id -> page url

    @property
    def errors(self) -> list[Problem]:
        return _ordered(self.problems.errors)

    @property
    def warnings(self) -> list[Problem]:
        return _ordered(self.problems.warnings)

    def last_updated(self) -> dict | None:
        """The newest source's publication date: when the site's information last changed."""
        dates = [s.published for s in self.dataset.sources.values()]
        if not dates:
            return None
        newest = max(dates)
        return {"iso": newest.isoformat(), "text": formatting.long_date(newest)}

    # -- pages ---------------------------------------------------------------
    def expand(self, markdown: str, page: PageRef) -> str:
        state = self._pages[page.url] = _PageState(page)

        def replace(d: Directive) -> str:
            if d.errors:
                return self._broken(state, d, d.errors[0], extra=d.errors[1:])
            if d.name == "chart":
                return self._chart(state, d)
            if d.name == "sources":
                return f"{d.indent}{SOURCES_TOKEN}"
            if d.name == "cite":
                return self._cite_source(state, d)
            return self._fact(state, d)

        return scan(markdown, replace)

    def inject(self, html: str, page_url: str) -> str:
        """Replace the page's tokens (after Markdown) with their HTML."""
        state = self._pages.get(page_url)
        if not state:
            return html
        for token, fragment in state.fragments.items():
            html = html.replace(f"<p>{token}</p>", fragment).replace(token, fragment)
        return html

    def finish_page(self, html: str, page_url: str) -> str:
        """Last pass once every page is expanded: the bibliography with its backlinks."""
        if SOURCES_TOKEN not in html:
            return html
        bib = render.bibliography(self._bibliography(page_url))
        return html.replace(f"<p>{SOURCES_TOKEN}</p>", bib).replace(SOURCES_TOKEN, bib)

    def check_placements(self) -> None:
        """After all pages: charts never placed and sources no page cites are warnings."""
        for chart_id in self.dataset.charts:
            if chart_id not in self._placed:
                where = self.dataset.lines[("chart", chart_id)]
                self.problems.warn(where.path, where.line, "id", f"chart '{chart_id}' is not placed on any page (add ::chart[{chart_id}] to a page, or remove it)")
        for source_id in self.dataset.sources:
            if source_id not in self._citations:
                where = self.dataset.lines[("source", source_id)]
                self.problems.warn(where.path, where.line, "id", f"source '{source_id}' is not cited on any page (quote one of its rows with :fact, draw it in a chart, cite it with :cite, or remove it)")

    def error_panel(self) -> str:
        return render.problems(self.errors + self.warnings) if self.problems.items else ""

    # -- outputs -------------------------------------------------------------
    def write_outputs(self, site_dir: Path) -> list[Path]:
        """Write the CSV of every placed chart and the plotly.js bundle; never into docs/ or data/."""
        site_dir = Path(site_dir)
        written = []
        for chart_id in self._placed:
            view = self._views.get(chart_id)
            if view:
                target = site_dir / "assets" / "data" / f"{chart_id}.csv"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(view.csv_text, encoding="utf-8")
                written.append(target)
        if self.bundle and self._placed:
            target = site_dir / self.bundle.site_path
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                try:  # a hard link costs nothing; the bundle is never edited in place
                    os.link(self.bundle.path, target)
                except OSError:
                    shutil.copyfile(self.bundle.path, target)
            written.append(target)
        return written

    # -- directives ----------------------------------------------------------
    def _token(self, state: _PageState, html: str) -> str:
        self._counter += 1
        token = TOKEN.format(self._counter)
        state.fragments[token] = html
        return token

    def _where(self, state: _PageState, d: Directive) -> tuple[str, int]:
        return state.ref.label, d.line + state.ref.line_offset

    def _broken(self, state: _PageState, d: Directive, message: str, extra=()) -> str:
        path, line = self._where(state, d)
        for msg in (message, *extra):
            self.problems.add(path, line, None, msg)
        return self._placeholder(state, d, message)

    def _placeholder(self, state: _PageState, d: Directive, message: str) -> str:
        return d.indent + self._token(state, render.broken(d.written, message))

    def _unresolved(self, state: _PageState, d: Directive, kind: str, value: str, where: str) -> str:
        """An id that is not defined: a problem here, unless its own definition is already reported."""
        message = self.dataset.unknown(kind, value, where)
        if message:
            return self._broken(state, d, message)
        return self._placeholder(state, d, f"{kind} '{value}' has a problem in its data file")

    def _view(self, chart_id: str) -> charts.ChartView | None:
        if chart_id not in self._views:
            spec = self.dataset.charts[chart_id]
            try:
                self._views[chart_id] = charts.build(spec, self.dataset)
            except UnsupportedTrace as exc:
                where = self.dataset.lines[("chart", chart_id)]
                self.problems.add(where.path, where.line, "kind", f"chart '{chart_id}' {exc}")
                self._views[chart_id] = None
        return self._views[chart_id]

    def _chart(self, state: _PageState, d: Directive) -> str:
        chart_id = d.arg
        if d.attrs:
            return self._broken(state, d, f"::chart takes no options (found {', '.join(d.attrs)})")
        if chart_id not in self.dataset.charts:
            known = ("chart", chart_id) in self.dataset.broken
            why = "is defined but has errors (see data/charts.yml)" if known else "is not defined in data/charts.yml"
            return self._broken(state, d, f"chart '{chart_id}' {why}")
        if chart_id in self._placed:
            return self._broken(state, d, f"chart '{chart_id}' is already placed on {self._placed[chart_id] or 'the home page'}; a chart appears once")
        view = self._view(chart_id)
        if view is None:
            return self._broken(state, d, f"chart '{chart_id}' cannot be drawn (see data/charts.yml)")
        self._placed[chart_id] = state.ref.url
        for source in view.sources:
            self._cite(source.id, f"{state.ref.title}, chart “{view.spec.title}”", f"{state.ref.url}#chart-{chart_id}")
        prefix = relative("", state.ref.url)
        plotly_url = prefix + self.bundle.site_path if self.bundle else ""
        html = render.chart(view, csv_url=f"{prefix}assets/data/{chart_id}.csv", plotly_url=plotly_url)
        return "\n" + d.indent + self._token(state, html) + "\n"

    def _fact(self, state: _PageState, d: Directive) -> str:
        ds = self.dataset
        metric_id = d.arg
        unknown = set(d.attrs) - {"date", "claimant"}
        if unknown:
            return self._broken(state, d, f"unknown option{'s' if len(unknown) > 1 else ''} {', '.join(sorted(unknown))} in :fact (options: date, claimant)")
        claimant = d.attrs.get("claimant")
        for kind, value in (("metric", metric_id), ("claimant", claimant)):
            if value is not None and (ds.unknown(kind, value) or ds.reported(kind, value)):
                return self._unresolved(state, d, kind, value, " in :fact")
        rows = ds.by_metric(metric_id)
        if claimant is not None:
            rows = [o for o in rows if o.claimant == claimant]
        pinned = d.attrs.get("date")
        if pinned is not None:
            dates = sorted({o.date.isoformat() for o in rows})
            rows = [o for o in rows if o.date.isoformat() == pinned]
            if not rows:
                return self._broken(state, d, f"no figure for '{metric_id}'{f' by {claimant}' if claimant else ''} as of {pinned} (dates with figures: {', '.join(dates) or 'none'})")
        if not rows:
            return self._broken(state, d, f"no figure for '{metric_id}'{f' by {claimant}' if claimant else ''} in data/observations.csv")
        latest = max(o.date for o in rows)
        rows = [o for o in rows if o.date == latest]
        if len(rows) > 1:
            names = ", ".join(o.claimant for o in rows)
            return self._broken(state, d, f"{len(rows)} figures for '{metric_id}' as of {latest} (claimants: {names}); add claimant=… to choose, e.g. :fact[{metric_id}]{{claimant={rows[0].claimant}}}")
        obs = rows[0]
        state.facts += 1
        self._cite(obs.source, state.ref.title, state.ref.url)
        tip_id = f"fact-{state.facts}"
        return self._token(state, render.fact(obs, ds.metrics[obs.metric], ds.claimants[obs.claimant], ds.sources[obs.source], tip_id))

    def _cite_source(self, state: _PageState, d: Directive) -> str:
        """:cite[source-id]: the publisher's name, linked to the source, listed in the bibliography."""
        if d.attrs:
            return self._broken(state, d, f":cite takes no options (found {', '.join(d.attrs)})")
        source = self.dataset.sources.get(d.arg)
        if source is None:
            return self._unresolved(state, d, "source", d.arg, " in :cite")
        self._cite(source.id, state.ref.title, state.ref.url)
        return self._token(state, render.cite(source))

    def _cite(self, source_id: str, label: str, url: str) -> None:
        cites = self._citations.setdefault(source_id, [])
        if (label, url) not in cites:
            cites.append((label, url))

    def _bibliography(self, page_url: str) -> list[dict]:
        entries = []
        for source in sorted(self.dataset.sources.values(), key=lambda s: (s.publisher.lower(), s.published, s.title)):
            cites = [{"label": label, "url": relative(url, page_url)} for label, url in self._citations.get(source.id, [])]
            entries.append({"source": source, "citations": cites})
        return entries
