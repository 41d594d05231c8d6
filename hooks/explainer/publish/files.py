"""The files a build writes beside its pages, at the places explainer/outputs.py names: each placed
chart's CSV, plotly.js, the data package and the feed, the header line for hosts. Only ever into
the site's folder (the generator's output), never into docs/ or data/."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from .. import outputs
from ..kinds import ChartView
from ..render.assets import Bundle
from .package import Package


def put(target: Path, data: bytes) -> Path:
    """data at target, its folder made if needed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def tables(site_dir: Path, views: dict[str, ChartView]) -> list[Path]:
    """Each placed chart's rows as CSV (views: by chart id), beside its PNG and SVG; and a map's
    days for its live chart's date control (kinds/map/days.py), fetched only when a reader opens it."""
    out = [put(site_dir / outputs.download(cid, "csv"), view.csv_text.encode("utf-8")) for cid, view in views.items()]
    for cid, view in views.items():
        if view.days:
            out.append(
                put(
                    site_dir / outputs.days(cid),
                    json.dumps(view.days, separators=(",", ":"), ensure_ascii=False).encode("utf-8"),
                )
            )
    return out


def vendor(site_dir: Path, bundle: Bundle) -> Path:
    """plotly.js at its content-hashed name: a hard link costs nothing (the bundle is never edited
    in place), else a copy."""
    target = site_dir / bundle.site_path
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        try:
            os.link(bundle.path, target)
        except OSError:
            shutil.copyfile(bundle.path, target)
    return target


def reuse(site_dir: Path, package: Package | None, feed: bytes, index: str | None = None) -> list[Path]:
    """The edition's Atom feed; with package (the English build writes the one package for every
    edition) the package's files, and with index its standalone index page, in its folder."""
    out = {}
    if package is not None:
        folder = site_dir / outputs.package()
        out = {folder / name: data for name, data in package.files.items()}
        if index is not None:
            out[folder / outputs.INDEX] = index.encode("utf-8")
    out[site_dir / outputs.feed()] = feed
    return [put(path, data) for path, data in out.items()]


def headers(site_dir: Path, policy: str) -> Path:
    """The Content-Security-Policy for hosts that read a header file (Netlify, Cloudflare Pages; README)."""
    return put(site_dir / outputs.HEADERS, f"/*\n  Content-Security-Policy: {policy}\n".encode())
