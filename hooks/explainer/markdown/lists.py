"""The site-wide lists (bibliography, who's who, relays, corrections) and what a page says about
itself (its dates line and the corrections at its foot), from the build's record of pages."""

from __future__ import annotations

from ..model import formatting
from ..model.claims import GROUP_LABELS
from ..model.dataset import Dataset
from ..model.dates import dates_of, site_dates
from ..model.sources import KIND_LABELS
from ..render import html
from .record import PageRecord, Record
from .syntax import INDEX_NAMES


def slot(name: str) -> str:
    """Stands where ::sources, ::claimants or ::corrections is until the page's own directives
    are all expanded (a comment is block-level to Markdown, so it replaces its paragraph whole)."""
    return f"<!--xpl-index-{name}-->"


SLOTS = {slot(name): name for name in INDEX_NAMES}


def concerns(correction, page: PageRecord) -> bool:
    """Whether a correction (or a dated update, which names pages only) concerns a page: named,
    or about a row, chart or source it shows."""
    return (
        any(page.ref.is_named(name) for name in correction.pages)
        or bool(set(getattr(correction, "charts", ())) & set(page.charts))
        or bool(set(getattr(correction, "metrics", ())) & page.metrics)
        or bool(set(getattr(correction, "events", ())) & page.events)
        or bool(set(getattr(correction, "sources", ())) & set(page.cited))
    )


class Lists:
    def __init__(self, ds: Dataset, record: Record):
        self.ds = ds
        self.record = record

    def html(self, name: str) -> str:
        """The HTML of ::sources, ::claimants, ::relays or ::corrections on the current page."""
        url = self.record.page.ref.url
        if name == "sources":
            return html.bibliography(self.bibliography(url), KIND_LABELS)
        if name == "claimants":
            return html.whos_who(self.whos_who(url), GROUP_LABELS)
        if name == "relays":
            return html.relays(self.relays(url), len(self.ds.observations) + len(self.ds.events))
        return html.corrections(self.corrections(url), heading=False)

    # -- what a page shows about itself ----------------------------------------
    def page_dates(self) -> str:
        """The current page's dates line (model/dates.py): the period of what it shows, its newest
        source, and its last revision (the corrections and dated updates that concern it). A page
        with a site-wide list shows the whole site's. "" when none is known."""
        page = self.record.page
        if page.lists:
            page.dates = site_dates(self.ds)
        else:
            revisions = [r for r in (*self.ds.corrections, *self.ds.updates) if concerns(r, page)]
            page.dates = dates_of(self.ds, page.shown, page.cited, revisions)
        return html.page_dates(page.dates) if page.dates else ""

    def page_corrections(self) -> str:
        """The corrections that concern the current page, dated, for its foot."""
        mine = [{"correction": c, "pages": []} for c in self.ds.corrections if concerns(c, self.record.page)]
        return html.corrections(mine, heading=True) if mine else ""

    def pages_concerned(self, correction) -> list[tuple[str, str]]:
        """(title, root url) of every rendered page a correction concerns."""
        return [(p.ref.title, p.ref.url) for p in self.record.records() if concerns(correction, p)]

    # -- the lists --------------------------------------------------------------
    def bibliography(self, page_url: str) -> dict[str, list[dict]]:
        """Source kind -> entries {"source", "citations"}, primary documents first, each kind by publisher."""
        cited = self.record.citations()
        link = self.record.link
        groups: dict[str, list[dict]] = {kind: [] for kind in KIND_LABELS}
        for source in sorted(self.ds.sources.values(), key=lambda s: (s.credit.lower(), s.dated, s.title)):
            links = [{"label": label, "url": link(url, page_url)} for label, url in cited.get(source.id, [])]
            groups[source.kind].append({"source": source, "citations": links})
        return {kind: entries for kind, entries in groups.items() if entries}

    def whos_who(self, page_url: str) -> dict[str, list[dict]]:
        """Claimant group -> entries {"claimant", "shown"}: where each one's figures and statements are.
        A claimant with nothing on the site is left out (a reader could follow no link from it)."""
        shown = self.record.quotations()
        link = self.record.link
        groups: dict[str, list[dict]] = {group: [] for group in GROUP_LABELS}
        for claimant in sorted(self.ds.claimants.values(), key=lambda c: c.name.lower()):
            links = [{"label": label, "url": link(url, page_url)} for label, url in shown.get(claimant.id, [])]
            if links:
                groups[claimant.group].append({"claimant": claimant, "shown": links})
        return {group: entries for group, entries in groups.items() if entries}

    def relays(self, page_url: str) -> list[dict]:
        """Every figure and event whose quoted source is a relay, by date: what, whose story, where shown."""
        ds = self.ds
        shown: dict[int, list[dict]] = {}
        for page in self.record.records():
            link = {"label": page.ref.title, "url": self.record.link(page.ref.url, page_url)}
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

    def corrections(self, page_url: str) -> list[dict]:
        """Every correction, newest first, with links to the pages it concerns."""
        out = []
        for correction in self.ds.corrections:
            pages = [
                {"label": p.ref.title, "url": self.record.link(p.ref.url, page_url)}
                for p in self.record.records()
                if concerns(correction, p)
            ]
            out.append({"correction": correction, "pages": pages})
        return out
