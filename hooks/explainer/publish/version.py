"""The data version: the date of the newest source (model/dates.py) and a short hash of the
package's tables, e.g. 2024-08-30+3f9a2c1. The same data always gives the same version; any edit to a row
changes the hash, even one that leaves the date alone."""

from __future__ import annotations

import hashlib
from datetime import date

from ..model.dataset import Dataset
from ..model.dates import site_dates


def last_changed(ds: Dataset) -> date | None:
    """The data version's date: the site's "newest source" (model/dates.py), the newest news
    report, primary document or official statement. (A row is never dated after its sources.)"""
    return site_dates(ds).newest_source


def content_hash(tables: dict[str, str]) -> str:
    """7 hex digits of sha256 over every table, by name (so moving a row between tables counts)."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode() + b"\0" + tables[name].encode("utf-8") + b"\0")
    return digest.hexdigest()[:7]


def data_version(tables: dict[str, str], changed: date | None) -> str:
    return f"{changed.isoformat() if changed else 'undated'}+{content_hash(tables)}"
