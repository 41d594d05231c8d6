"""The whole data as one Frictionless Data Package: a CSV per table, datapackage.json (schemas,
keys, licence, sources, version), a README, and the same files in one zip.

Everything here is deterministic (same data, same bytes, zip included) so builds are reproducible
and the version changes only when the data does. Frictionless itself is used only by the tests:
the build writes plain JSON and CSV."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..model.dataset import Dataset
from ..model.dates import site_dates
from ..outputs import PACKAGE_NAME, ZIP_NAME
from . import citation, licence
from .identity import SiteInfo
from .readme import readme
from .resources import RESOURCES, table_csv
from .version import data_version

# A zip entry's timestamp: fixed, so the same files always make the same zip.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass
class Package:
    version: str
    changed: date | None
    descriptor: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)  # name in the package folder -> bytes (zip included)

    @property
    def sizes(self) -> dict[str, int]:
        return {name: len(data) for name, data in self.files.items()}


def _tables(ds: Dataset) -> dict[str, str]:
    return {r.name: table_csv(r, ds) for r in RESOURCES if r.name != "places" or ds.places}


def build(ds: Dataset, info: SiteInfo) -> Package:
    tables = _tables(ds)
    dates = site_dates(ds)
    changed = dates.newest_source
    version = data_version(tables, changed)
    present = set(tables)
    resources = []
    for r in RESOURCES:
        if r.name not in present:
            continue
        data = tables[r.name].encode("utf-8")
        resources.append(
            {
                "name": r.name,
                "path": r.path,
                "title": r.title,
                "description": r.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                "schema": r.schema(present),
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": f"{info.name}: the data",
        "description": (
            "Every figure, event, place, source, claimant, measure and correction behind the explainer "
            f"{info.name!r}: who claims what, as of when, how far it is verified, and where it was published."
        ),
        "version": version,
        "homepage": info.root,
        # The site's dates, with the meanings readers see (model/dates.py; the README explains them).
        "covers": dates.covers_iso or None,
        "newestSource": changed.isoformat() if changed else None,
        "lastRevised": dates.last_revised.isoformat() if dates.last_revised else None,
        "licenses": [licence.LICENCE],
        "contributors": [{"title": info.publisher, "role": "publisher", "path": info.root}],
        "sources": [
            {"title": f"{s.credit}: {s.title}", "path": s.url} for s in sorted(ds.sources.values(), key=lambda s: s.id)
        ],
        "resources": resources,
    }
    descriptor = {k: v for k, v in descriptor.items() if v is not None}
    files = {f"{r.name}.csv": tables[r.name].encode("utf-8") for r in RESOURCES if r.name in present}
    files["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    files["README.md"] = readme(descriptor, citation.site_line(info, version, dates.last_revised)).encode("utf-8")
    files[ZIP_NAME] = _zip(files)
    return Package(version, changed, descriptor, files)


def _zip(files: dict[str, bytes]) -> bytes:
    """The package in one folder inside the zip, entries in a fixed order with fixed times."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in sorted(files):
            entry = zipfile.ZipInfo(f"{PACKAGE_NAME}/{name}", date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            z.writestr(entry, files[name])
    return out.getvalue()
