"""What a build's pages have placed, cited and quoted: one record for every page of a build.

`begin(page)` starts a page; rendering the same page again (a page with a site-wide list is
rendered once more after every other page) first forgets what that page placed and cited the
time before.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..kinds import ChartView
from ..model.dates import Dates


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

    def is_named(self, name: str) -> bool:
        """Whether a page name in a correction or update (its file, e.g. incursion.md) is this page."""
        label = self.source_label
        return label == name or label.endswith(f"/{name}")


_TRANSLATED_RE = re.compile(r"\.[a-z]{2}(\.md)$")


def row_key(row) -> tuple[str, str]:
    """("observation", "date|metric|claimant") or ("event", id): a row as the published package keys it."""
    if hasattr(row, "metric"):
        return ("observation", f"{row.date.isoformat()}|{row.metric}|{row.claimant}")
    return ("event", row.id)


def relative(url: str, from_page_url: str) -> str:
    """Root-relative url -> relative to a page (works at any site root and offline)."""
    return "../" * from_page_url[: from_page_url.rfind("/") + 1].count("/") + url


# (line, label, root url): a place on a page where a source is cited or a claimant quoted.
Place = tuple[int, str, str]


@dataclass
class PageRecord:
    ref: PageRef
    # source id -> [(line, label, root url)]: in reading order once sorted by line
    cited: dict[str, list[Place]] = field(default_factory=dict)
    # claimant id -> [(line, label, root url)]: where their figures and statements are shown
    quoted: dict[str, list[Place]] = field(default_factory=dict)
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

    def cite(self, source_id: str, line: int | None, label: str, url: str) -> None:
        self.cited.setdefault(source_id, []).append((line or 0, label, url))

    def quote(self, claimant_id: str, line: int | None, label: str, url: str) -> None:
        self.quoted.setdefault(claimant_id, []).append((line or 0, label, url))


class Record:
    def __init__(self, root_path: str = "/"):
        self.root_path = root_path  # the site's root path ("/base/"), for rooted links
        self.placed: dict[str, str] = {}  # chart id -> url of the page it is on
        # url of each page with a site-wide list -> the pages rendered after it (its list lacks theirs)
        self.rendered_since: dict[str, set[str]] = {}
        self._pages: dict[str, PageRecord] = {}  # by url, in the order first rendered
        self.page: PageRecord | None = None

    def begin(self, ref: PageRef) -> None:
        self.placed = {c: url for c, url in self.placed.items() if url != ref.url}
        self.rendered_since.pop(ref.url, None)
        for later in self.rendered_since.values():
            later.add(ref.url)
        self._pages[ref.url] = self.page = PageRecord(ref)

    def lists_here(self) -> None:
        """The current page holds a site-wide list: it lists the pages rendered so far, and
        `pages_to_render_again` names it if others come later."""
        self.rendered_since[self.page.ref.url] = set()
        self.page.lists = True

    def pages_to_render_again(self) -> list[str]:
        """Pages whose site-wide lists miss the citations of pages rendered after them."""
        return sorted(url for url, later in self.rendered_since.items() if later)

    def link(self, url: str, page_url: str) -> str:
        """A root-relative url as the current page links to it: relative to the page, or from the
        site's root path when the page asks for that (PageRef.rooted)."""
        if self.page is not None and self.page.ref.rooted:
            return self.root_path + url
        return relative(url, page_url)

    def pages(self) -> list[PageRef]:
        return [p.ref for p in self._pages.values()]

    def records(self) -> list[PageRecord]:
        """Every rendered page's record, in the order first rendered."""
        return list(self._pages.values())

    def lead(self, page_url: str) -> tuple[str, str | None, tuple | None]:
        """A page's title, its first chart's id, and its first :fact (for its social card)."""
        page = self._pages.get(page_url)
        first = next((cid for cid, url in self.placed.items() if url == page_url), None)
        return (page.ref.title if page else ""), first, (page.key_fact if page else None)

    def page_facts(self, url: str) -> tuple[Dates, bool]:
        """A rendered page's dates and whether it shows figures (charts or facts)."""
        page = self._pages.get(url)
        if page is None:
            return Dates(), False
        return page.dates, bool(page.charts or page.facts)

    # -- across pages -----------------------------------------------------------
    def citations(self) -> dict[str, list[tuple[str, str]]]:
        """source id -> [(label, root url)] over every page, pages in the order first rendered and
        each page's in reading order, once each."""
        return self._across_pages(lambda page: page.cited)

    def quotations(self) -> dict[str, list[tuple[str, str]]]:
        """claimant id -> [(label, root url)]: where each one's figures and statements are shown."""
        return self._across_pages(lambda page: page.quoted)

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

    # -- where readers see a row (for published figures that changed) ----------------------------
    def shown(
        self, views: Mapping[str, ChartView | None], kind: str, key: str, like: dict[str, str] | None = None
    ) -> tuple[list[PageRef], list[str]]:
        """The pages and placed charts that show a row (kind and key as row_key gives them). like: a
        row no longer in the data (its published cells): where rows like it are shown instead, the
        same metric and claimant (else metric) for a figure, the same topic for an event."""
        drawn = {
            cid: [r for r in view.rows if hasattr(r, "metric") or hasattr(r, "topic")]
            for cid in self.placed
            if (view := views[cid]) is not None
        }

        def draws(attribute: str, test) -> list[str]:
            """The placed charts that draw a row that has the attribute and passes the test."""
            return [cid for cid, rows in drawn.items() if any(hasattr(r, attribute) and test(r) for r in rows)]

        if like is None:
            charts = [cid for cid, rows in drawn.items() if (kind, key) in {row_key(r) for r in rows}]
            pages = [p.ref for p in self._pages.values() if (kind, key) in p.rows or set(p.charts) & set(charts)]
            return pages, charts
        if kind == "observation":
            metric, claimant = like.get("metric", ""), like.get("claimant", "")
            charts = draws("metric", lambda r: (r.metric, r.claimant) == (metric, claimant)) or draws(
                "metric", lambda r: r.metric == metric
            )
            pages = [p.ref for p in self._pages.values() if metric in p.metrics or set(p.charts) & set(charts)]
            return pages, charts
        topic = like.get("topic", "")
        charts = draws("topic", lambda r: r.topic == topic)
        return [p.ref for p in self._pages.values() if set(p.charts) & set(charts)], charts
