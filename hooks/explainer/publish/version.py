"""The data version: the date the information last changed and a short hash of the package's
tables, e.g. 2024-08-30+3f9a2c1. The same data always gives the same version; any edit to a row
changes the hash, even one that leaves the date alone."""

from __future__ import annotations

import hashlib
from datetime import date

from ..model.dataset import Dataset
from ..model.sources import NEWS_KINDS


def last_changed(ds: Dataset) -> date | None:
    """The newest news report, primary document or official statement, or the newest figure or
    event they report. A dataset's release or the day an encyclopaedia was read is not news, nor
    is a row that cites one."""
    news = {sid for sid, s in ds.sources.items() if s.kind in NEWS_KINDS}
    dates = [ds.sources[sid].published for sid in news if ds.sources[sid].published]
    dates += [r.date for r in (*ds.observations, *ds.events) if r.source in news]
    return max(dates) if dates else None


def content_hash(tables: dict[str, str]) -> str:
    """7 hex digits of sha256 over every table, by name (so moving a row between tables counts)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode() + b"\0" + tables[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:7]


def data_version(tables: dict[str, str], changed: date | None) -> str:
    return f"{changed.isoformat() if changed else 'undated'}+{content_hash(tables)}"
