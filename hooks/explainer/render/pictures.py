"""Build-time images of figures with the real plotly.js (Kaleido 1.x driving the system Chromium), cached.

Every image is keyed by the SHA-256 of what it is drawn from (figure JSON, format, size, scale, the
plotly.js bundle and the renderer's version) and kept in the cache folder (default `.cache/charts/`
in the project root). A build asks for all the images it needs at once; only those missing from the
cache are drawn, in one browser session. Deleting the cache is always safe: the next build redraws.

No request leaves the machine: plotly.js is the site's own npm bundle (a file: URL), MathJax is off,
and the browser gets a proxy that refuses every connection. Kaleido's `get_chrome` (which downloads
a browser) is never called: the browser is the system Chromium, or none and a clear error.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import json
import os
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

# Bump when the drawing or the post-processing changes, so every cached image is redrawn.
RENDERER_VERSION = "1"
DEFAULT_CHROMIUM = "/usr/bin/chromium"
# A proxy nobody listens on: anything the page might fetch from the network fails at once.
NO_NETWORK_PROXY = "http://127.0.0.1:9"
INSTALL_HINT = "install Chromium ('apt-get install chromium', or 'make browser' as root)"


class NoBrowser(RuntimeError):
    pass


class RenderFailed(RuntimeError):
    pass


@dataclass(frozen=True)
class Job:
    """One image: a figure (plain plotly JSON) drawn at width × height CSS pixels."""

    figure: dict
    format: str  # svg | png
    width: int
    height: int
    scale: float = 1

    def key(self, salt: str) -> str:
        body = json.dumps(
            [self.figure, self.format, self.width, self.height, self.scale, salt, RENDERER_VERSION],
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


def find_chromium() -> str | None:
    """EXPLAINER_CHROMIUM, else /usr/bin/chromium, else `chromium` on PATH; None when there is none."""
    wanted = os.environ.get("EXPLAINER_CHROMIUM")
    if wanted is not None:
        return wanted if Path(wanted).is_file() else None
    if Path(DEFAULT_CHROMIUM).is_file():
        return DEFAULT_CHROMIUM
    return shutil.which("chromium")


class Renderer:
    """Images of figures, from the cache or drawn in one session for all that are missing."""

    def __init__(self, cache_dir: Path, plotly_js: Path, bundle_salt: str):
        self.cache_dir = Path(cache_dir)
        self.plotly_js = Path(plotly_js)
        self.salt = bundle_salt  # the bundle's hashed name: a new plotly.js redraws everything
        self.drawn = 0  # images drawn (not from the cache) by this renderer

    def path_for(self, job: Job) -> Path:
        return self.cache_dir / f"{job.key(self.salt)}.{job.format}"

    def render(self, jobs: list[Job]) -> list[bytes]:
        """The bytes of every job's image, in order; raises NoBrowser or RenderFailed."""
        paths = [self.path_for(j) for j in jobs]
        missing = {p: j for p, j in zip(paths, jobs, strict=True) if not p.is_file()}
        if missing:
            self._draw(missing)
        return [p.read_bytes() for p in paths]

    def _draw(self, missing: dict[Path, Job]) -> None:
        chromium = find_chromium()
        if chromium is None:
            raise NoBrowser(f"no Chromium to draw the chart images with: {INSTALL_HINT}")
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        session = _Session.get(chromium, self.plotly_js)
        results = session.draw(list(missing.values()))
        for path, data in zip(missing, results, strict=True):
            tmp = path.with_suffix(path.suffix + ".tmp")
            tmp.write_bytes(data)
            tmp.replace(path)  # a half-written file is never taken for a cached image
        self.drawn += len(missing)


class _Session:
    """One browser for the life of the process, so `mkdocs serve` redraws a changed chart without
    waiting for Chromium to start again. It runs in its own thread with its own event loop."""

    _current: _Session | None = None

    @classmethod
    def get(cls, chromium: str, plotly_js: Path) -> _Session:
        wanted = (chromium, Path(plotly_js).resolve().as_uri())
        if cls._current and cls._current.identity != wanted:
            cls._current.close()
            cls._current = None
        if cls._current is None:
            cls._current = cls(*wanted)
        return cls._current

    def __init__(self, chromium: str, plotly_uri: str):
        # asyncio is imported where a picture is drawn: a warm build (every image cached) never is.
        import asyncio

        self.identity = (chromium, plotly_uri)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="explainer-kaleido", daemon=True)
        self.thread.start()
        self.kaleido = None
        try:
            self.kaleido = self._call(self._open(chromium, plotly_uri), timeout=120)
        except Exception as exc:
            self.close()
            raise RenderFailed(f"Chromium ({chromium}) would not start to draw the chart images: {exc}") from None
        atexit.register(self.close)

    async def _open(self, chromium: str, plotly_uri: str):
        # Imported here: kaleido imports plotly.py, which a warm build (every image cached) never needs.
        import kaleido
        from kaleido import PageGenerator

        page = PageGenerator(plotly=plotly_uri, mathjax=False)
        k = kaleido.Kaleido(n=2, timeout=60, page_generator=page, path=chromium, proxy_server=NO_NETWORK_PROXY)
        await k.open()
        return k

    def _call(self, coroutine, timeout: float):
        import asyncio

        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    def draw(self, jobs: list[Job]) -> list[bytes]:
        async def all_of():
            import asyncio

            async def one(job: Job) -> bytes:
                opts = {"format": job.format, "width": job.width, "height": job.height, "scale": job.scale}
                return await self.kaleido.calc_fig(job.figure, opts=opts)

            return await asyncio.gather(*(one(j) for j in jobs))

        try:
            return self._call(all_of(), timeout=60 + 10 * len(jobs))
        except Exception as exc:
            # A browser that failed once may be gone: the next build starts a new one.
            self.close()
            if _Session._current is self:
                _Session._current = None
            raise RenderFailed(f"plotly.js in Chromium could not draw a chart image: {exc}") from None

    def close(self) -> None:
        if self.kaleido is not None:
            k, self.kaleido = self.kaleido, None
            with contextlib.suppress(Exception):  # closing a crashed browser: nothing more to do
                self._call(k.close(), timeout=30)
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=10)
