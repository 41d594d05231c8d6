"""The three dates a reader sees, each with one meaning, on every page, in the footer, the
citations, the structured data and the data package:

- **Covers**: the period of the figures and events shown (their first and last as-of dates);
- **Newest source**: the publication date of the newest news report, primary document or official
  statement cited (a dataset's release or the day a reference work was read is not news);
- **Last revised**: the date of the newest correction or dated update (data/corrections.yml,
  data/updates.yml): when editors last changed what readers were told.

A page's dates come from what the page shows, cites and is concerned by; the site's from all the
data. Rows resting only on datasets or reference works (a pre-war census) do not set the period.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..language import current, t
from .formatting import day_month, long_date
from .sources import NEWS_KINDS

COVERS = "Covers"
NEWEST_SOURCE = "Newest source"
LAST_REVISED = "Last revised"


@dataclass(frozen=True)
class Dates:
    covers: tuple[date, date] | None = None
    newest_source: date | None = None
    last_revised: date | None = None

    def __bool__(self) -> bool:
        return bool(self.covers or self.newest_source or self.last_revised)

    @property
    def covers_text(self) -> str:
        return period(*self.covers) if self.covers else ""

    @property
    def covers_iso(self) -> str:
        """ISO 8601 interval, as schema.org's temporalCoverage takes it: 2024-08-06/2024-08-31."""
        return f"{self.covers[0].isoformat()}/{self.covers[1].isoformat()}" if self.covers else ""

    def items(self) -> list[tuple[str, str, str]]:
        """(words, text, ISO) of each date that is known, in the order readers see them."""
        out = []
        if self.covers:
            out.append((t(COVERS), self.covers_text, self.covers_iso))
        if self.newest_source:
            out.append((t(NEWEST_SOURCE), long_date(self.newest_source), self.newest_source.isoformat()))
        if self.last_revised:
            out.append((t(LAST_REVISED), long_date(self.last_revised), self.last_revised.isoformat()))
        return out


def period(start: date, end: date) -> str:
    """'20 August 2024', '6–31 August 2024', '28 July – 4 September 2024', '30 December 2023 – 2 January 2024'."""
    if start == end:
        return long_date(start)
    if not current().is_source:  # '6–31 серпня 2024 р.', '28 липня – 4 вересня 2024 р.'
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end)}"
        if start.year == end.year:
            return f"{day_month(start)} – {long_date(end)}"
        return f"{long_date(start)} – {long_date(end)}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def dates_of(ds, rows: Iterable, source_ids: Iterable[str], revisions: Iterable) -> Dates:
    """rows: figures and events shown; source_ids: the sources cited; revisions: the corrections
    and dated updates that concern them."""
    news = [
        d for d in (ds.sources[s].published for s in source_ids if ds.sources[s].kind in NEWS_KINDS) if d is not None
    ]
    days = [
        r.date
        for r in rows
        if hasattr(r, "date")  # a map's rows are places, which are not dated
        and any(ds.sources[s].kind in NEWS_KINDS for s in getattr(r, "sources", None) or (r.source,))
    ]
    revised = [r.date for r in revisions]
    return Dates(
        covers=(min(days), max(days)) if days else None,
        newest_source=max(news) if news else None,
        last_revised=max(revised) if revised else None,
    )


def site_dates(ds) -> Dates:
    """The whole site's: every row, every source, every correction and update."""
    return dates_of(ds, [*ds.observations, *ds.events], ds.sources, [*ds.corrections, *ds.updates])
