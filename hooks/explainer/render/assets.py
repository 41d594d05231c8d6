"""The browser's plotly.js: the npm basic bundle, served from the site under a content-hashed name."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .. import outputs

NPM_PACKAGE = "plotly.js-basic-dist-min"
BUNDLE_FILE = "plotly-basic.min.js"


@dataclass(frozen=True)
class Bundle:
    path: Path
    version: str
    site_path: str  # e.g. assets/vendor/plotly-basic.4.1.1.3f2a9c1b0d.min.js


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()[:10]


def hashed_path(path: str, content: bytes) -> str:
    """javascripts/charts.js -> javascripts/charts.3f2a9c1b0d.js"""
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.{digest(content)}.{ext}" if dot else f"{path}.{digest(content)}"


def npm_bundle_dir(root: Path) -> Path:
    return root / "node_modules" / NPM_PACKAGE


def find_bundle(root: Path) -> Bundle:
    """Raise FileNotFoundError with a fix when `npm ci` has not been run."""
    path = npm_bundle_dir(root) / BUNDLE_FILE
    if not path.is_file():
        raise FileNotFoundError(f"{path.relative_to(root)} is missing: run 'make setup' (it runs 'npm ci')")
    stat = path.stat()
    return _bundle(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _bundle(path: Path, mtime_ns: int, size: int) -> Bundle:
    """Hashing 1 MB at every `serve` rebuild is wasted work while the file is unchanged."""
    version = json.loads((path.parent / "package.json").read_text(encoding="utf-8"))["version"]
    return Bundle(path, version, f"{outputs.VENDOR}/plotly-basic.{version}.{digest(path.read_bytes())}.min.js")


def python_plotly_js_version() -> str:
    """The plotly.js version bundled by the pinned plotly.py (checked by the tests, not the build)."""
    from plotly.offline import get_plotlyjs_version

    return get_plotlyjs_version()
