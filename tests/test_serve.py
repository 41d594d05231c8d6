"""`mkdocs serve --livereload` (the README's serve command): edits to Markdown and data reload the
open page; a data mistake shows an error panel in the page and the server keeps running."""

from __future__ import annotations

import pytest
from test_browser import ask_to_explore

from harness.project import copy_project
from harness.serve import edit_and_wait, mkdocs_serve

pytestmark = pytest.mark.browser


@pytest.fixture
def server(tmp_path):
    project = copy_project(tmp_path / "p")
    with mkdocs_serve(project, tmp_path / "serve.log") as (base, proc):
        yield project, base, proc


def test_markdown_and_data_edits_reload_and_mistakes_show_in_the_page(page, server):
    project, base, proc = server
    page.goto(base + "pokrovsk/")
    page.wait_for_selector(".xchart__plot")

    # A Markdown edit reloads the open page by itself.
    md = project / "docs" / "pokrovsk.md"
    md.write_text(md.read_text(encoding="utf-8") + "\n\nLive reload marker paragraph.\n", encoding="utf-8")
    page.wait_for_selector("text=Live reload marker paragraph.", timeout=20000)

    # A data edit reloads the page with the new chart title.
    charts = project / "data" / "charts.yml"
    edit_and_wait(
        page,
        charts,
        "title: How far Russian forces were from Pokrovsk",
        "title: Edited distance chart title",
        "text=Edited distance chart title",
        timeout=20000,
    )

    # A mistake: the page shows the problems (escaped), the server keeps running.
    obs = project / "data" / "observations.csv"
    good = obs.read_text(encoding="utf-8")
    obs.write_text(
        good + "2024-08-30,pokrovsk-distance-km,<b>8 km</b>,,,nobody,claimed,up-syrskyi,\n", encoding="utf-8"
    )
    panel = page.wait_for_selector(".xproblems", timeout=20000)
    text = panel.inner_text()
    assert "data/observations.csv:" in text and "value: '<b>8 km</b>' is not a number" in text
    assert "claimant: unknown claimant 'nobody'" in text
    assert page.locator(".xproblems b").count() == 0  # data text arrives as text, not markup
    assert proc.poll() is None

    # The next good save brings the normal page back.
    obs.write_text(good, encoding="utf-8")
    page.wait_for_function("() => !document.querySelector('.xproblems')", timeout=20000)
    ask_to_explore(page, page.locator(".xchart__plot").first)  # the reader asks for the live chart
    page.wait_for_function(
        "() => document.querySelector('.xchart__plot').getAttribute('data-state') === 'drawn'", timeout=15000
    )
    assert proc.poll() is None
