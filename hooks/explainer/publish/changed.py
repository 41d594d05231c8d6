"""A figure readers have seen, changed without a word to them: every published figure or event
now changed, removed or re-dated needs a correction or a dated update made since that
publication (published.py keeps what was published and finds the changes)."""

from __future__ import annotations

from collections.abc import Callable

from ..model.dataset import Dataset
from .published import Change, Published, changes

# (kind, key, like) -> (pages, charts): where readers see a row, or rows like a removed one.
Shown = Callable[[str, str, "dict[str, str] | None"], tuple[list, list[str]]]
Report = Callable[..., None]  # Problems.add or Problems.hold


def _figure(row: dict[str, str]) -> str:
    """A figure as the package wrote it, in words: "about 1000", "28–35"."""
    qualifier, value, high = row.get("qualifier", ""), row.get("value", ""), row.get("high", "")
    if qualifier == "range":
        return f"{value}–{high}"
    return f"{qualifier.replace('-', ' ')} {value}".strip()


def check(last: Published, files: dict[str, bytes], ds: Dataset, shown: Shown, report: Report) -> None:
    """Every published figure or event now changed, removed or re-dated needs a correction or a
    dated update made since that publication, naming it (or a chart or page it is on). files: the
    data package's now; shown: where readers see a row (markdown/record.py, Record.shown); report:
    how a missing word is reported (an error when publishing, else a hold)."""
    found = changes(last, files["observations.csv"].decode(), files.get("events.csv", b"").decode())
    for change in found:
        gone = change.after is None
        pages, charts = shown(change.kind, change.key, change.before if gone else None)
        if _answered(last, ds, change, pages, charts):
            continue
        where = ds.lines.get((change.kind, change.key))
        path = (
            where.path
            if where and not gone
            else ("data/observations.csv" if change.kind == "observation" else "data/events.csv")
        )
        report(path, None if gone or where is None else where.line, change.field, _message(last, change, pages, charts))


def _answered(last: Published, ds: Dataset, change: Change, pages: list, charts: list[str]) -> bool:
    """A correction or update since the last publication that names the row, a chart or a page showing it."""
    names = {p.source_label.rsplit("/", 1)[-1] for p in pages}
    for c in ds.corrections:
        if c.date < last.day or (c.date.isoformat(), c.summary) in last.corrections:
            continue
        named = c.metrics if change.kind == "observation" else c.events
        if change.name in named or set(c.charts) & set(charts) or set(c.pages) & names:
            return True
    return any(
        u.date >= last.day and (u.date.isoformat(), u.title) not in last.updates and set(u.pages) & names
        for u in ds.updates
    )


def _message(last: Published, change: Change, pages: list, charts: list[str]) -> str:
    b, a = change.before, change.after
    if change.kind == "observation":
        what = f"the figure for {b['metric']} by {b['claimant']} as of {b['date']} as {_figure(b)}"
        name = f"metrics: [{b['metric']}]"
    else:
        what = f"the event '{b['id']}' of {b['date']} ({b.get('label', '')})"
        name = f"events: [{b['id']}]"
    if change.what == "removed":
        now = "it is no longer in the data"
    elif change.what == "re-dated":
        now = f"it is now dated {a['date']}"
    elif change.kind == "observation":
        now = f"it now reads {_figure(a)}"
    else:
        now = f"its {change.field} is now '{a.get(change.field, '')}' (was '{b.get(change.field, '')}')"
    places = [p.label.rsplit("/", 1)[-1] for p in pages]
    if not places:
        shown = "It is in the data package only"
    else:
        seen = ", ".join(places)
        if charts:
            seen += f" (chart{'s' if len(charts) > 1 else ''} {', '.join(charts)})"
        if change.what != "removed":
            shown = f"It is shown on {seen} and in the data package"
        elif change.kind == "observation":
            shown = f"Figures for {b['metric']} are shown on {seen} and in the data package"
        else:
            shown = f"Its timeline is shown on {seen} and in the data package"
    since = last.day.isoformat()
    # A dated update answers through the pages it names: with no page showing the row, only a correction can.
    update = ", or to data/updates.yml a dated update naming those pages" if places else ""
    return (
        f"readers have seen {what} (published {since}, data version {last.version}); {now}. "
        f"{shown}: add to data/corrections.yml a correction dated {since} or later "
        f"naming it ({name}){update}. Publishing refuses until then"
    )
