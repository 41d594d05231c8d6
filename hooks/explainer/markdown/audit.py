"""After every page: what the data defines that no page uses, and pages the data names that the
site does not have."""

from __future__ import annotations

from ..model.dataset import Dataset
from ..model.problems import Problems
from .record import Record


def unknown_pages(record: Record, ds: Dataset, problems: Problems) -> None:
    """A correction or update naming a page the site does not have is a mistake."""
    refs = list(record.pages())
    labels = [ref.source_label for ref in refs]
    for correction in (*ds.corrections, *ds.updates):
        for name in correction.pages:
            if not any(ref.is_named(name) for ref in refs):
                where = ds.correction_lines[id(correction)]
                problems.add(
                    where.path,
                    where.line,
                    "pages",
                    f"no page '{name}' (pages: {', '.join(sorted(labels))}; write the file name, e.g. incursion.md)",
                )


def unplaced(record: Record, ds: Dataset, problems: Problems) -> None:
    """Charts never placed and sources no page cites are warnings."""
    cited = record.citations()
    for chart_id in ds.charts:
        if chart_id not in record.placed:
            where = ds.lines[("chart", chart_id)]
            problems.warn(
                where.path,
                where.line,
                "id",
                f"chart '{chart_id}' is not placed on any page (add ::chart[{chart_id}] to a page, or remove it)",
            )
    if ds.broken_kinds or ds.refused or any(kind in ("chart", "event", "place", "line") for kind, _ in ds.broken):
        return  # a source cited only by a refused row or a broken chart: a consequence, not a warning
    for source_id in ds.sources:
        if source_id not in cited:
            where = ds.lines[("source", source_id)]
            problems.warn(
                where.path,
                where.line,
                "id",
                f"source '{source_id}' is not cited on any page (quote one of its rows with :fact, "
                "draw it in a chart, cite it with :cite, or remove it)",
            )
