"""The downloads and cards written at their places in the built site: drawn in one go through the
cache, or, for a preview server, what is not drawn yet drawn in the background after the build."""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from .. import outputs
from ..kinds import ChartView
from ..model.problems import Problem, bounded
from .gallery import Card, Gallery, download_jobs
from .pictures import NoBrowser, RenderFailed

SETTLE_SECONDS = 2.0  # an editor saving again within this time makes a background drawing moot
PREVIEW = "chart images"  # the "file" a drawing problem is reported under (no data file is at fault)


class _Preview:
    """A preview server's drawings, across its builds (one process, many builds). Keyed by project
    and edition: a preview builds every edition in turn, each with its own images."""

    later = threading.Lock()  # one background drawing at a time, in the order builds asked
    # The newest build of each edition: a drawing left by an older one is moot (its folder is
    # cleaned for the new build), and only the newest one's failures are reported.
    generation: ClassVar[dict[tuple[str, str], int]] = {}
    # The last image at each place (a chart's download, a page's card, whatever its hashed name):
    # the cached file it came from, shown again until its successor is drawn.
    shown: ClassVar[dict[str, Path]] = {}
    # What could not be drawn or written in the background, by place: in every later preview's panel
    # until it is drawn.
    failed: ClassVar[dict[tuple[str, str], dict[str, Problem]]] = {}


def new_build(project: Path, edition: str) -> tuple[tuple[str, str], int]:
    """A build of this project's edition starts: background drawings of older builds become moot."""
    key = (str(project), edition)
    _Preview.generation[key] = _Preview.generation.get(key, 0) + 1
    return key, _Preview.generation[key]


def failures(build: tuple[tuple[str, str], int]) -> list[Problem]:
    """The downloads and cards the previews of this build's edition could not draw or write, still standing."""
    return list(_Preview.failed.get(build[0], {}).values())


def _current(build: tuple[tuple[str, str], int]) -> bool:
    key, number = build
    return _Preview.generation.get(key) == number


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
    """Every target drawn in one go through the cache, and written; one that cannot be written is a
    problem of the build (gallery.problems), at its place."""
    drawn = gallery.images([job for _, job in targets])
    if drawn is None:
        return []
    written = []
    for (target, _), data in zip(targets, drawn, strict=True):
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        except OSError as exc:
            gallery.problems.add(PREVIEW, None, None, _unwritable(str(target), exc))
            continue
        written.append(target)
    return written


def _unwritable(name: str, exc: OSError) -> str:
    return f"{name} could not be written ({exc.strerror or exc}): is the site's folder writable, with no file where a folder goes?"


def write_deferred(
    gallery: Gallery, site_dir: Path, targets: list, build: tuple, ended: Callable[[list[Problem]], None]
) -> threading.Thread | None:
    """What is already drawn goes in now; the rest keeps the previous build's file at its place
    until it is drawn in the background, so a download or card never answers 404 in the preview.
    build: from new_build() (each edition has its own images). ended(problems) is called from the
    background once the drawing is over, with what still could not be drawn or written (empty: all
    drawn), unless a newer build made it moot. Returns the drawing's thread, if one was needed."""
    missing = _at_once(gallery, site_dir, targets, build)
    if not missing:  # every image was drawn already: a failed drawing left by an earlier build is over
        _Preview.failed.get(build[0], {}).pop(_DRAWING, None)
        ended(failures(build))
        return None
    args = (gallery, site_dir, build, missing, ended)
    thread = threading.Thread(target=_later, args=args, daemon=True)
    thread.start()
    return thread


def _place(site_dir: Path, target: Path) -> str:
    """A target's place whatever its content hash: assets/cards/incursion.1a2b3c4d5e.png -> assets/cards/incursion.png."""
    relative = target.relative_to(site_dir)
    parts = relative.name.split(".")
    name = f"{parts[0]}.{parts[-1]}" if len(parts) > 2 else relative.name
    return str(relative.with_name(name))


def put(target: Path, source: Path | None = None, data: bytes | None = None) -> None:
    """Write whole or not at all: the preview server may be reading the file meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".part")
    if source is not None:
        shutil.copyfile(source, tmp)
    else:
        tmp.write_bytes(data)
    tmp.replace(target)


def _at_once(gallery: Gallery, site_dir: Path, targets: list, build: tuple) -> list:
    """Images already in the cache, copied to their places; for the others, the previous image
    at that place if there was one. Returns [(target, job) still to draw]."""
    missing = []
    failed = _Preview.failed.get(build[0], {})
    places = {_place(site_dir, target) for target, _ in targets}
    for place in [p for p in failed if p != _DRAWING and p not in places]:
        del failed[place]  # its chart or page is gone: nothing is written there any more
    for target, job in targets:
        cached = gallery.renderer.path_for(job)
        place = _place(site_dir, target)
        try:
            if cached.is_file():
                put(target, cached)
                _Preview.shown[place] = cached
                failed.pop(place, None)
                continue
            missing.append((target, job))
            previous = _Preview.shown.get(place)
            if previous is not None and previous.is_file():
                put(target, previous)
        except OSError as exc:
            failed[place] = _problem(_unwritable(place, exc))
    if failed:
        _Preview.failed[build[0]] = failed
    return missing


def _later(gallery: Gallery, site_dir: Path, build: tuple, targets: list, ended: Callable) -> None:
    # Wait for the editor to pause, so drawing never competes with the next rebuild.
    time.sleep(SETTLE_SECONDS)
    if not _current(build):
        return
    with _Preview.later:
        if not _current(build):
            return
        failed = dict(_Preview.failed.get(build[0], {}))
        failed.pop(_DRAWING, None)
        try:
            drawn = gallery.renderer.render([job for _, job in targets])
        except Exception as exc:
            drawn = []
            why = str(exc) if isinstance(exc, (NoBrowser, RenderFailed)) else f"{type(exc).__name__}: {exc}"
            places = [_place(site_dir, target) for target, _ in targets]
            listed = ", ".join(places[:4]) + (", …" if len(places) > 4 else "")
            failed[_DRAWING] = _problem(
                f"{_count(places)} could not be drawn ({listed}): {why}; the previous images stand in "
                "until they are (save again to retry)"
            )
        for (target, job), data in zip(targets, drawn, strict=False):
            if not _current(build):  # a newer build cleans the folder meanwhile: nothing to report
                return
            place = _place(site_dir, target)
            try:
                put(target, data=data)
            except OSError as exc:
                failed[place] = _problem(_unwritable(place, exc))
                continue
            failed.pop(place, None)
            _Preview.shown[place] = gallery.renderer.path_for(job)
        if not _current(build):
            return
        _Preview.failed[build[0]] = failed
        ended(list(failed.values()))


_DRAWING = ""  # the place of a failure of the whole drawing (no browser, plotly.js failed)


def _problem(message: str) -> Problem:
    return Problem(PREVIEW, None, None, bounded(message))


def _count(places: list[str]) -> str:
    return f"{len(places)} download{'s' if len(places) != 1 else ''} or card{'s' if len(places) != 1 else ''}"
