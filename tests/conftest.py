"""Shared fixtures: engines over fixture data, a real build of the real site, a served copy, a browser."""

from __future__ import annotations

import dataclasses
import functools
import os
import tempfile
from datetime import date
from pathlib import Path

import pytest
from engine_run import site_info

from explainer import Site
from explainer.render.pictures import find_chromium
from fixtures import write_dataset
from harness.net import build_and_serve
from harness.project import ROOT, copy_project, mkdocs  # noqa: F401 (copy_project: test_site_build imports it from here)

# The browser the build draws with: EXPLAINER_CHROMIUM, else /usr/bin/chromium, else `chromium` on PATH.
CHROMIUM = find_chromium()
TODAY = date(2026, 1, 1)
# One image cache for the whole test session, shared by every build and copy of the project, and
# never the developer's .cache/: the first build draws every picture, the others find them there.
os.environ.setdefault("EXPLAINER_CACHE", tempfile.mkdtemp(prefix="explainer-test-cache-"))


def make_engine(tmp_path: Path, **overrides: str) -> Site:
    """A Site over the fixture dataset with some files replaced."""
    write_dataset(tmp_path, **overrides)
    link = tmp_path / "node_modules"
    if not link.exists():
        link.symlink_to(ROOT / "node_modules")
    return Site.load(tmp_path, today=TODAY)


@pytest.fixture
def engine_for(tmp_path):
    return functools.partial(make_engine, tmp_path)


@pytest.fixture(scope="session")
def real_site() -> Site:
    """The real project's data, loaded once, as the hook loads it (mkdocs.yml's name, publisher and
    contact; its site_url without SITE_URL set). Shared: treat it as read-only; rendering a page through it (begin, then Markdown)
    replaces only that page's record."""
    info = dataclasses.replace(site_info(ROOT), url=os.environ.get("SITE_URL", "http://127.0.0.1:8000/"))
    return Site.load(ROOT, info=info)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """`mkdocs build --strict` of the real project into a temporary directory."""
    out = tmp_path_factory.mktemp("site")
    mkdocs("build", "--strict", "--site-dir", str(out), check=True)
    return out


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """The real site built for, and served at, a localhost address (instant navigation
    follows only links under site_url, so the build must know the address)."""
    out = tmp_path_factory.mktemp("served")
    with build_and_serve(ROOT, out, gzip=False, strict=True, timeout=300) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    if CHROMIUM is None:
        wanted = os.environ.get("EXPLAINER_CHROMIUM", "/usr/bin/chromium")
        if os.environ.get("CI"):
            pytest.fail(f"CI needs a Chromium for the browser tests: no {wanted} (apt-get install chromium)")
        pytest.skip(f"no {wanted}: run `make browser` (apt-get install chromium) or set EXPLAINER_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


class PageWatch:
    """Console errors, page errors and every request a page makes."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def plotly_requests(self) -> list[str]:
        return [u for u in self.requests if "plotly" in u]


def watched_page(browser, **context_options):
    """A page in a fresh context, with `page.watch` recording errors and requests."""
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **context_options})
    pg = context.new_page()
    pg.watch = PageWatch(pg)
    return pg


@pytest.fixture
def page(browser):
    pg = watched_page(browser)
    yield pg
    pg.context.close()
