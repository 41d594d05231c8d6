"""`mkdocs serve --livereload` (the README's serve command): edits to Markdown and data reload the
open page; a data mistake shows an error panel in the page and the server keeps running."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request

import pytest
from test_browser import ask_to_explore

from explainer import outputs
from harness.project import copy_project, edit
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
        good + "2024-08-30,pokrovsk-distance-km,<b>8 km</b>,,,nobody,claimed,up-syrskyi,,,\n",  # note, note_uk, uk_from
        encoding="utf-8",
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


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, b""


def _card_url(page_html: str) -> str:
    return re.search(r'<meta property="og:image" content="([^"]+)"', page_html).group(1)


def test_downloads_cards_and_embeds_never_answer_404_while_the_preview_redraws_them(server):
    """The chart on the home page is its card's picture: editing its title changes its downloads
    and the card (a new hashed name). From the save until the new images are drawn, every request
    for them answers 200: the previous image stands in until its successor is written."""
    project, base, proc = server
    png, svg, embed = (
        base + p
        for p in (
            *(outputs.download("territory-claims", fmt, "en") for fmt in ("png", "svg")),
            outputs.embed("territory-claims", "en"),
        )
    )
    deadline = time.monotonic() + 180
    while _get(png)[0] != 200:  # the first build draws its downloads once the server has settled
        assert time.monotonic() < deadline and proc.poll() is None, "the downloads were never drawn"
        time.sleep(0.5)
    first_png = _get(png)[1]
    first_card_url = _card_url(_get(base)[1].decode())
    status, first_card = _get(first_card_url)
    assert status == 200 and first_card.startswith(b"\x89PNG")

    edit(
        project / "data" / "charts.yml",
        "title: Area of Kursk region Ukraine says it controls",
        "title: Area Ukraine said it held",
    )
    seen: list[tuple[str, int]] = []
    reloaded = redrawn = False
    deadline = time.monotonic() + 180
    while not redrawn:
        assert time.monotonic() < deadline, f"the new images never came: {seen[-8:]}"
        status, page = _get(base)
        seen.append(("page", status))
        reloaded = reloaded or "Area Ukraine said it held" in page.decode()
        card_url = _card_url(page.decode())
        results = {name: _get(url) for name, url in (("png", png), ("svg", svg), ("embed", embed), ("card", card_url))}
        seen += [(name, status) for name, (status, _) in results.items()]
        redrawn = (
            reloaded
            and results["png"][1] != first_png
            and card_url != first_card_url
            and results["card"][1] != first_card
        )
        time.sleep(0.1)
    assert not [s for s in seen if s[1] != 200], f"answers other than 200 during the redraw: {sorted(set(seen))}"
    assert len(seen) > 20  # the redraw was watched, not stepped over
    assert proc.poll() is None
