"""Pictures that fit every width, pages that fit a phone, and the data package's page as a page of
the site: the real site in a real Chromium (widths swept in one page per page of the site)."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin
from urllib.request import urlopen

import pytest
from bs4 import BeautifulSoup

from explainer import outputs

pytestmark = pytest.mark.browser

CHART_PAGES = ["", "incursion/", "why/", "response/", "pokrovsk/", "bridges/", "negotiations/", "after/"]
# 320 to 1920 px, closer together where Material's layout changes (960-1219 px: no table of contents).
WIDTHS = sorted({*range(320, 1921, 80), *range(940, 1240, 20), 360, 390, 414, 768, 1024, 1220})

# For every chart: the box, the picture shown and how its drawing sits in the box (a drawing is
# scaled to fit its viewBox into the SVG element: "meet").
PICTURES = """() => [...document.querySelectorAll('figure.xchart')].map(fig => {
    const plot = fig.querySelector('.xchart__plot');
    const shown = [...plot.querySelectorAll('.xchart__svg')].filter(s => s.getClientRects().length);
    const svg = shown[0];
    const box = plot.getBoundingClientRect(), el = svg.getBoundingClientRect();
    const [, , vw, vh] = svg.getAttribute('viewBox').split(' ').map(Number);
    const scale = Math.min(el.width / vw, el.height / vh);
    return {chart: fig.id, shown: shown.length, reserved: parseFloat(plot.style.height), box: [box.left, box.right, box.top, box.bottom],
            drawn: [el.left, el.left + vw * scale, el.top, el.top + vh * scale], scale, fig: fig.getBoundingClientRect().width};
})"""


def sweep(page, path: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(30)
        if page.evaluate("document.documentElement.scrollWidth") > width:
            page.wait_for_timeout(400)  # Material's sidebars move in with a transition
        if page.evaluate("document.documentElement.scrollWidth") > width:
            problems.append(f"{path} at {width}px: the page scrolls sideways")
        for p in page.evaluate(PICTURES):
            where = f"{path}#{p['chart']} at {width}px"
            left, right, top, bottom = p["box"]
            x0, x1, y0, y1 = p["drawn"]
            if p["shown"] != 1:
                problems.append(f"{where}: {p['shown']} pictures shown")
            if abs((bottom - top) - p["reserved"]) > 0.5:
                problems.append(f"{where}: the box is {bottom - top:.0f}px tall, not the {p['reserved']:.0f}px kept")
            if x0 < left - 0.5 or x1 > right + 0.5 or y0 < top - 0.5 or y1 > bottom + 0.5:
                problems.append(f"{where}: the picture ({x1 - x0:.0f}x{y1 - y0:.0f}) overflows its box")
            if not 0.8 <= p["scale"] <= 1.001:  # text drawn at 12-13 px stays at 10 px or more
                problems.append(f"{where}: the picture is scaled by {p['scale']:.2f}")
    return problems


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_every_picture_fits_its_box_at_every_width_without_a_shift(browser, served_site, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    problems = []
    for path in CHART_PAGES:
        page.goto(served_site + path)
        problems += sweep(page, path)
    context.close()
    assert problems == []


def site_pages(base: str) -> list[str]:
    """Every page of the site: the sitemap's, the data package's, each chart's embed, the 404 page."""
    sitemap = urlopen(base + "sitemap.xml").read().decode("utf-8")
    pages = [re.sub(r"^https?://[^/]+/", "", url) for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    index = BeautifulSoup(urlopen(base + "incursion/").read(), "html.parser")
    charts = {fig["data-chart"] for fig in index.select("figure.xchart")}
    return sorted({*pages, outputs.package(), "no-such-page/", *(outputs.embed(c, "en") for c in charts)})


def test_every_page_fits_a_320px_phone(browser, served_site):
    context = browser.new_context(viewport={"width": 320, "height": 700}, is_mobile=True, has_touch=True)
    page = context.new_page()
    wide = []
    pages = site_pages(served_site)
    assert outputs.package() in pages and "who/" in pages and any(p.startswith(outputs.embeds("en")) for p in pages)
    for path in pages:
        page.goto(served_site + path)
        page.locator("details").evaluate_all("els => els.forEach(el => el.open = true)")
        page.wait_for_timeout(50)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            wide.append((path, width))
    context.close()
    assert wide == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_data_page_is_a_page_of_the_site(browser, served_site, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(served_site + "data/")
    # The site's header, navigation, search and palette, and its favicon.
    assert page.locator(".md-header").is_visible()
    assert page.locator("form[data-md-component=palette]").count() == 1
    assert page.locator(".md-search").count() == 1
    assert page.locator(".md-nav--primary a.md-nav__link--active", has_text="The data").count() >= 1
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert urlopen(urljoin(served_site + "data/", icon)).status == 200
    assert failed == []
    # The palette: the page follows the reader's scheme like every other page.
    body = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert body == ("slate" if scheme == "dark" else "default")
    # Its policy, as every page's; its files listed and linked beside it; its structured data the Dataset.
    assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    listed = page.locator(".xpackage td a").evaluate_all("els => els.map(a => a.href)")
    assert {served_site + "data/datapackage.json", served_site + "data/observations.csv"} <= set(listed)
    for href in listed:
        assert urlopen(href).status == 200
    blocks = page.locator('head script[type="application/ld+json"]').all_text_contents()
    graph = json.dumps([json.loads(b) for b in blocks])
    assert '"Dataset"' in graph and "datapackage.json" in graph
    if scheme == "light":  # search finds it
        page.locator("input.md-search__input").click()
        page.keyboard.type("datapackage")
        found = []
        for _ in range(50):  # polled from here: the policy refuses wait_for_function's eval
            found = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
            if any(href.split("?")[0] == served_site + "data/" for href in found):
                break
            page.wait_for_timeout(100)
        assert any(href.split("?")[0] == served_site + "data/" for href in found), found
    context.close()
