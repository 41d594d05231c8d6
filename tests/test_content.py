"""The published explainer: every directive resolves, and no page shows a number typed by hand."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from pages import render

from conftest import ROOT
from explainer import PageRef
from explainer.model.text import typed_numbers

pytestmark = pytest.mark.build

# Every English page (a translation, docs/<name>.<lang>.md, writes dates in its own language).
PAGES = sorted("" if p.stem == "index" else p.stem for p in (ROOT / "docs").glob("*.md") if "." not in p.stem)


# What the engine renders from data (facts, charts, bibliography) is sourced by construction.
FROM_DATA = ".xfact, figure.xchart, .xbib, .xpl-dates, .xdates, .xrelays, .xreuse, code, pre, .headerlink"


@pytest.mark.parametrize("name", [p or "index" for p in PAGES])
def test_every_directive_on_a_page_resolves(real_site, name):
    """The page goes through the engine's own extension: every directive becomes its HTML, with no
    problem, and every figure links to a source in data/sources.yml."""
    markdown = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8")
    body = markdown.split("---\n", 2)[2] if markdown.startswith("---\n") else markdown
    site = real_site
    soup = BeautifulSoup(render(site, body, PageRef(f"docs/{name}.md", f"{name}/", name)), "html.parser")
    assert [str(p) for p in site.errors if p.path == f"docs/{name}.md"] == []
    assert soup.select(".xbroken") == []
    urls = {s.url for s in site.dataset.sources.values()}
    assert all(a["href"] in urls for a in soup.select(".xfact__value, .xcite")), name


@pytest.mark.parametrize("page", PAGES)
def test_no_quantity_is_typed_by_hand(built_site, page):
    doc = BeautifulSoup((built_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = doc.select_one("article")
    for node in article.select(FROM_DATA):
        node.decompose()
    text = " ".join(article.get_text(" ").split())
    leftovers = typed_numbers(text)
    assert leftovers == [], f"hand-typed numbers on /{page}: {leftovers}"


def test_the_digit_check_catches_typed_numbers():
    sample = "On 19 August 2024 officials said 53,000 people remained, about 10 km away, in August 2024."
    assert typed_numbers(sample) == ["53,000", "10"]
    assert typed_numbers("From 6 to 31 August 2024, and on 19 August, in 2024.") == []
    assert typed_numbers("The 80th Air Assault Brigade took the 5th village.") == ["5th"]


def test_every_page_has_a_description():
    for name in [p or "index" for p in PAGES]:
        head = (ROOT / "docs" / f"{name}.md").read_text(encoding="utf-8").split("---")
        assert len(head) >= 3 and "description:" in head[1], name
