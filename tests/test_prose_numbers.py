"""The typed-number rule on the real pages, generated: a number put into a random prose line of a
random page is an error at that line; a date, a year or a unit's ordinal put there is not. In-process
through the engine's own extension (the build-level case is in test_refusals_build.py)."""

from __future__ import annotations

import random

import pytest
from mutations import _prose_lines
from pages import render

from conftest import ROOT
from explainer import PageRef, Site

SEED, CASES = 19, 24
PAGES = sorted(p for p in (ROOT / "docs").glob("*.md") if "." not in p.stem)
TYPED = ["{n} km", "about {n} people", "{big:,} residents", "{n}%", "{n}.{m} km", "No. {n}", "the G{n}"]
ALLOWED = ["on {d} August", "from {d} to {e} August 2024", "in {y}", "by August {y}", "the {o} Mechanised Brigade"]


def _case(index: int) -> tuple[str, int, str, bool]:
    """(page name, 0-based line, text appended to it, whether it must be refused)."""
    rng = random.Random(SEED * 1000 + index)
    page = rng.choice(PAGES)
    line = rng.choice(_prose_lines(page.read_text(encoding="utf-8")))
    refused = index % 3 != 2
    template = rng.choice(TYPED if refused else ALLOWED)
    n, d = rng.randint(2, 999), rng.randint(1, 15)
    ordinal = f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
    text = template.format(n=n, m=rng.randint(1, 9), big=rng.randint(1000, 99999), d=d, e=d + 10, y=2023, o=ordinal)
    return page.name, line, text, refused


@pytest.fixture(scope="module")
def site() -> Site:
    """The real data, loaded for this module alone (its pages' problems are cleared between cases)."""
    return Site.load(ROOT, pictures=False)


def _render(site: Site, name: str, text: str) -> list:
    """The page's problems when rendered with text as it is (front matter split off as MkDocs does)."""
    head, _, body = text.partition("\n---\n")
    offset = head.count("\n") + 2
    site.problems.items[:] = [p for p in site.problems.items if p.path != f"docs/{name}"]
    render(site, body, PageRef(f"docs/{name}", name.removesuffix(".md") + "/", name, line_offset=offset))
    return [p for p in site.problems.errors if p.path == f"docs/{name}"]


@pytest.mark.parametrize("index", range(CASES))
def test_a_number_put_into_prose_is_refused_at_its_line(site, index):
    name, line, added, refused = _case(index)
    lines = (ROOT / "docs" / name).read_text(encoding="utf-8").split("\n")
    lines[line] = lines[line].rstrip() + f" Then {added}."
    found = _render(site, name, "\n".join(lines))
    typed = [p for p in found if "is a number typed into the page" in p.message]
    if refused:
        assert [p for p in typed if p.line == line + 1], (name, line + 1, added, [str(p) for p in found])
    else:
        assert typed == [], (name, line + 1, added, [str(p) for p in typed])
