"""A free local port, and a built site served on 127.0.0.1 like a static host would: the theme's
404.html for unknown paths, optionally gzip (level 6) for text responses, a year of caching for
content-hashed names."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import mimetypes
import re
import socket
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

from harness.project import build

GZIP_LEVEL = 6
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")
HASHED_NAME = re.compile(r"\.[0-9a-f]{10}\.(?:min\.)?(?:js|css)$")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StaticHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def __init__(self, *args, root: Path, cache: dict, gzip: bool, **kwargs):
        self.root = root
        self.cache = cache
        self.gzip = gzip
        super().__init__(*args, **kwargs)

    def log_message(self, *args):
        pass

    def do_HEAD(self):
        self._serve(head=True)

    def do_GET(self):
        self._serve(head=False)

    def _resolve(self) -> tuple[int, Path | None, str | None]:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if self.root not in (target, *target.parents):
            return 404, None, None
        if target.is_dir():
            if not path.endswith("/"):
                return 301, None, path + "/"
            target = target / "index.html"
        if not target.is_file():
            return 404, self.root / "404.html", None
        return 200, target, None

    def _serve(self, head: bool) -> None:
        status, file, location = self._resolve()
        if status == 301:
            self.send_response(301)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if file is None or not file.is_file():
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        ctype = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        compress = self.gzip and accepts_gzip and ctype.startswith(TEXT_TYPES)
        body = self._body(file, compress)
        self.send_response(status)
        self.send_header(
            "Content-Type",
            ctype
            + ("; charset=utf-8" if ctype.startswith("text/") or "javascript" in ctype or "json" in ctype else ""),
        )
        self.send_header("Content-Length", str(len(body)))
        if compress:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        immutable = HASHED_NAME.search(file.name)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        self.end_headers()
        if not head:
            self.wfile.write(body)

    def _body(self, file: Path, compress: bool) -> bytes:
        key = (file, compress, file.stat().st_mtime_ns)
        if key not in self.cache:
            raw = file.read_bytes()
            self.cache[key] = gzip.compress(raw, GZIP_LEVEL, mtime=0) if compress else raw
        return self.cache[key]


@contextlib.contextmanager
def serve(root: Path, port: int | None = None, gzip: bool = True):
    """Yield the base URL of a threaded static server over root."""
    port = port or free_port()
    handler = functools.partial(StaticHandler, root=Path(root).resolve(), cache={}, gzip=gzip)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def build_and_serve(project: Path, site_dir: Path, gzip: bool = True, **build_options):
    """Build project for, and serve it at, a free localhost address; yield that base URL. Instant
    navigation follows only links under site_url, so the build must know the address."""
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    build(project, site_dir, env={"SITE_URL": base}, **build_options)
    with serve(site_dir, port, gzip=gzip):
        yield base
