"""Accessibility in a real Chromium: axe-core on every page in both schemes, reflow at 320 px,
the no-JavaScript rendering, keyboard reach."""

from __future__ import annotations

import pytest
from test_browser import PAGES, draw_all

from conftest import ROOT
from explainer import outputs

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page) -> list[str]:
    # Evaluated through the debugging protocol: the page's policy forbids inline script elements.
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — "
        + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(browser, served_site, path, scheme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + path)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == expected
    draw_all(page)
    page.locator("details.xchart__data").evaluate_all("els => els.forEach(el => el.open = true)")
    assert run_axe(page) == []
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_embed_pages_have_no_violations(browser, served_site, scheme):
    """An embed is a page of its own inside someone else's: one main landmark, the chart's title as
    its heading, everything inside a landmark; one chart of each kind, in both editions."""
    context = browser.new_context(viewport={"width": 640, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = {}
    for chart in ["settlements-claims", "scale-12-august", "bridge-strikes", "map-pokrovsk"]:
        for lang in ["en", "uk"]:
            page.goto(served_site + outputs.embed(chart, lang))
            page.locator("details.xchart__data").evaluate_all("els => els.forEach(el => el.open = true)")
            assert page.locator("main h1.xchart__title").count() == 1
            found[chart, lang] = run_axe(page)
    assert found == {key: [] for key in found}
    context.close()


@pytest.mark.parametrize("width", [320, 360])
@pytest.mark.parametrize("path", PAGES)
def test_no_sideways_scrolling_on_phones(browser, served_site, path, width):
    context = browser.new_context(viewport={"width": width, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(served_site + path)
    draw_all(page)
    page.locator("details.xchart__data").evaluate_all("els => els.forEach(el => el.open = true)")
    page.wait_for_timeout(200)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for table in page.locator(".xchart__table").all():  # wide tables scroll inside their own box
        assert table.evaluate("el => getComputedStyle(el).overflowX") == "auto"
    context.close()


@pytest.mark.parametrize("path", ["incursion/", "bridges/"])
def test_without_javascript_every_chart_keeps_its_text_picture_and_table(browser, served_site, path):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + path)
    figures = page.locator("figure.xchart")
    assert figures.count() > 0
    for fig in figures.all():
        for part in [".xchart__title", ".xchart__summary", ".xchart__meta", "details.xchart__data summary"]:
            assert fig.locator(part).is_visible(), part
        assert fig.locator(".xchart__source").count() > 0
        assert fig.locator(".xchart__plot .xchart__picture svg:visible").count() == 1  # the picture for this width
        fig.locator("details.xchart__data summary").click()
        assert fig.locator("tbody tr").first.is_visible()
    assert page.locator("script[src*=plotly]").count() == 0
    context.close()


def test_keyboard_reaches_palette_facts_tables_and_downloads(page, served_site):
    page.goto(served_site)
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        kind = page.evaluate("""() => {
            const el = document.activeElement;
            if (!el) return null;
            if (el.matches('input[name=__palette]')) return 'palette';
            if (el.matches('a.xfact__value')) return 'fact';
            if (el.matches('details.xchart__data > summary')) return 'table';
            if (el.matches('.xchart__download a')) return 'csv';
            if (el.matches('.xchart__table')) return 'table-scroll';
            return null;
        }""")
        if kind:
            reached.add(kind)
            if kind == "table":
                page.keyboard.press("Enter")  # open it, so its CSV link becomes reachable
            if kind == "fact":
                assert page.evaluate("getComputedStyle(document.activeElement.nextElementSibling).display") != "none"
        outline = page.evaluate("document.activeElement && getComputedStyle(document.activeElement).outlineStyle")
        if kind in ("fact", "table", "csv"):
            assert outline != "none", f"no visible focus on {kind}"
        if {"palette", "fact", "table", "csv"} <= reached:
            break
    assert {"palette", "fact", "table", "csv"} <= reached, reached


def test_reduced_motion_is_honoured(browser, served_site):
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(served_site + "incursion/")
    duration = page.evaluate("getComputedStyle(document.querySelector('.md-typeset a')).transitionDuration")
    assert all(float(d.rstrip("s")) == 0 for d in duration.split(","))
    context.close()


def test_page_chrome(page, served_site):
    page.goto(served_site + "incursion/")
    description = page.locator("meta[name=description]").get_attribute("content")
    assert description and page.locator("meta[property='og:description']").get_attribute("content") == description
    assert page.locator("meta[property='og:title']").get_attribute("content").startswith("The incursion")
    assert page.locator("link[rel=icon]").get_attribute("href").endswith("favicon.svg")
    assert page.locator(".xpl-dates time").first.get_attribute("datetime")
    page.goto(served_site + "no-such-page/")
    assert "Page not found" in page.locator("h1").inner_text()


def test_print_shows_pictures_tables_sources_and_no_chrome(page, served_site):
    page.goto(served_site + "incursion/")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    fig = page.locator("figure.xchart").nth(1)
    assert (
        fig.locator(".xchart__picture svg:visible").count() == 1
    )  # the chart's picture (tests/test_pictures.py: light)
    assert fig.locator("tbody tr").first.is_visible()
    source = fig.locator(".xchart__source").first
    after = source.evaluate("el => getComputedStyle(el, '::after').content")
    assert "https://" in after  # the printed page carries the source's address
