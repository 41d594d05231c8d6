"""The downloads and cards written at their places in the built site: drawn in one go through the
cache, or, for a preview server, what is not drawn yet drawn in the background after the build."""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from pathlib import Path
from typing import ClassVar

from .. import outputs
from ..kinds import ChartView
from .gallery import Card, Gallery, download_jobs

SETTLE_SECONDS = 2.0  # an editor saving again within this time makes a background drawing moot


class _Preview:
    """A preview server's drawings, across its builds (one process, many builds)."""

    later = threading.Lock()  # one background drawing at a time, in the order builds asked
    # Builds of each edition that deferred their images: only the newest one of an edition draws
    # them (a preview builds every edition in turn; the next edition's build is no newer than this one's).
    generation: ClassVar[dict[str, int]] = {}
    # The last image at each place (a chart's download, a page's card, whatever its hashed name):
    # the cached file it came from, shown again until its successor is drawn.
    shown: ClassVar[dict[str, Path]] = {}


def targets(site_dir: Path, views: dict[str, ChartView], cards: list[tuple[str, Card]], site_name: str) -> list:
    """(where, what) for each placed chart's downloads (views: by chart id) and each page's card
    (cards: (site path, card))."""
    out: list[tuple[Path, object]] = []
    for chart_id, view in views.items():
        png, svg = download_jobs(view, site_name)
        out += [(site_dir / outputs.download(chart_id, "png"), png)]
        out += [(site_dir / outputs.download(chart_id, "svg"), svg)]
    out += [(site_dir / path, card.job()) for path, card in cards]
    return out


def write(gallery: Gallery, targets: list) -> list[Path]:
    """Every target drawn in one go through the cache, and written."""
    drawn = gallery.images([job for _, job in targets])
    if drawn is None:
        return []
    for (target, _), data in zip(targets, drawn, strict=True):
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return [t for t, _ in targets]


def write_deferred(gallery: Gallery, site_dir: Path, targets: list, edition: str) -> list[Path]:
    """What is already drawn goes in now; the rest keeps the previous build's file at its place
    until it is drawn in the background, so a download or card never answers 404 in the preview.
    edition: the language of the build (each edition has its own images)."""
    generation = (edition, _Preview.generation.get(edition, 0) + 1)
    _Preview.generation[edition] = generation[1]
    written, missing = _at_once(gallery, site_dir, targets)
    if missing:
        args = (gallery, site_dir, generation, missing)
        threading.Thread(target=_later, args=args, daemon=True).start()
    return written


def _place(site_dir: Path, target: Path) -> str:
    """A target's place whatever its content hash: assets/cards/incursion.1a2b3c4d5e.png -> assets/cards/incursion.png."""
    relative = target.relative_to(site_dir)
    parts = relative.name.split(".")
    name = f"{parts[0]}.{parts[-1]}" if len(parts) > 2 else relative.name
    return str(relative.with_name(name))


def _put(target: Path, source: Path | None = None, data: bytes | None = None) -> None:
    """Write whole or not at all: the preview server may be reading the file meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    if source is not None:
        shutil.copyfile(source, tmp)
    else:
        tmp.write_bytes(data)
    tmp.replace(target)


def _at_once(gallery: Gallery, site_dir: Path, targets: list) -> tuple[list[Path], list]:
    """Images already in the cache, copied to their places; for the others, the previous image
    at that place if there was one. Returns (written, [(target, job) still to draw])."""
    written, missing = [], []
    for target, job in targets:
        cached = gallery.renderer.path_for(job)
        place = _place(site_dir, target)
        if cached.is_file():
            _put(target, cached)
            _Preview.shown[place] = cached
            written.append(target)
            continue
        missing.append((target, job))
        previous = _Preview.shown.get(place)
        if previous is not None and previous.is_file():
            _put(target, previous)
    return written, missing


def _later(gallery: Gallery, site_dir: Path, generation: tuple[str, int], targets: list) -> None:
    # Wait for the editor to pause, so drawing never competes with the next rebuild.
    time.sleep(SETTLE_SECONDS)
    edition, number = generation
    if number != _Preview.generation[edition]:
        return
    # OSError: the preview server cleaned its folder for a newer build meanwhile.
    with _Preview.later, contextlib.suppress(OSError):
        drawn = gallery.images([job for _, job in targets])
        if drawn is None or number != _Preview.generation[edition]:
            return
        for (target, job), data in zip(targets, drawn, strict=True):
            _put(target, data=data)
            _Preview.shown[_place(site_dir, target)] = gallery.renderer.path_for(job)
