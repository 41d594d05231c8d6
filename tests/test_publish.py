"""Publishing (issue 18): a build meant for publishing (`make publish`, EXPLAINER_PUBLISH=1) refuses
to run without the site's public https address, and nothing it writes points to a loopback address."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from conftest import copy_project
from explainer import Site, outputs
from explainer.publish.identity import SiteInfo
from harness.project import mkdocs

PUBLIC = "https://example.org/kursk/"
LOOPBACK_RE = re.compile(
    r"(?i)(?:https?:)?//(?:localhost|[\w.-]+\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\])\b"
)


@pytest.mark.parametrize(
    "url, why",
    [
        ("http://127.0.0.1:8000/", "not an https:// address"),
        ("http://example.org/", "not an https:// address"),
        ("https://localhost/", "loopback"),
        ("https://preview.localhost:8443/", "loopback"),
        ("https://127.0.0.2/", "loopback"),
        ("https://[::1]/", "loopback"),
        ("https://0.0.0.0/", "loopback"),
        ("example.org", "not an https:// address"),
    ],
)
def test_a_publishing_build_refuses_an_address_readers_cannot_reach(url, why):
    problem = SiteInfo(url=url, publish=True).publishing_problem()
    assert problem and why in problem and "SITE_URL" in problem
    assert SiteInfo(url=url).publishing_problem() is None  # a preview or test build may use it


def test_a_public_https_address_is_accepted():
    assert SiteInfo(url=PUBLIC, publish=True).publishing_problem() is None
    assert SiteInfo(url="https://localhost.example.org/", publish=True).publishing_problem() is None


def test_the_engine_reports_it_with_every_other_problem(engine_for, tmp_path):
    engine_for()  # writes the fixture project into tmp_path
    site = Site.load(tmp_path, info=SiteInfo(publish=True), pictures=False)
    assert next(str(p) for p in site.errors).startswith(
        "mkdocs.yml: site_url: a publishing build needs the site's public address, and 'http://127.0.0.1:8000/' "
        "cannot be one"
    )


@pytest.mark.build
def test_a_publishing_build_without_site_url_fails_with_one_line(tmp_path):
    project = copy_project(tmp_path / "p")
    env = {"EXPLAINER_PUBLISH": "1", "SITE_URL": ""}
    proc = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project, env=env)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    assert "site_url: a publishing build needs the site's public address" in output
    assert "Traceback" not in output


@pytest.mark.build
def test_a_publishing_build_points_nowhere_but_the_public_address(tmp_path):
    project = copy_project(tmp_path / "p")
    out = tmp_path / "out"
    env = {"EXPLAINER_PUBLISH": "1", "SITE_URL": PUBLIC, "EXPLAINER_CONTACT": "mailto:editors@kursk-explainer.org"}
    funding = "Funded by its publisher & readers' donations; no funder has a say in what it publishes."
    mkdocs(
        "build", "--strict", "--site-dir", str(out), cwd=project, env={**env, "EXPLAINER_FUNDING": funding}, check=True
    )
    about = BeautifulSoup((out / "about" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert about.select_one("#funding").get_text() == f"How the site is funded: {funding}"
    assert f'"ownershipFundingInfo":"{PUBLIC}about/#funding"' in str(about)
    offending = []
    checked = 0
    for path in sorted(out.rglob("*")):
        if path.suffix not in {".html", ".xml", ".json", ".csv", ".md", ".txt", ".svg", ".js", ".css"}:
            continue
        if (
            path.relative_to(out).as_posix().startswith(outputs.VENDOR)
        ):  # plotly.js itself (its own docs' links are not the site's)
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        checked += 1
        offending += [f"{path.relative_to(out)}: {m.group(0)}" for m in LOOPBACK_RE.finditer(text)]
    assert checked > 20 and offending == []
    # The absolute addresses are the public one: citations, embed codes, the feed, cards, JSON-LD.
    page = (out / "incursion" / "index.html").read_text(encoding="utf-8")
    assert f'"url":"{PUBLIC}incursion/"' in page and f'content="{PUBLIC}{outputs.cards("en")}' in page
    assert f"{PUBLIC}{outputs.embeds('en')}" in page and f"{PUBLIC}incursion/#chart-" in page
    feed = (out / outputs.feed("en")).read_text(encoding="utf-8")
    assert f"<id>{PUBLIC}</id>" in feed or PUBLIC in feed
