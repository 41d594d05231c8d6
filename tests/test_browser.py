"""The built site in a real Chromium: charts draw, survive instant navigation, follow the palette,
and nothing leaves localhost."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser

CHART_PAGES = ["", "incursion/", "why/", "response/", "pokrovsk/", "bridges/", "negotiations/", "after/"]
PAGES = [*CHART_PAGES, "methodology/", "sources/", "no-such-page/"]


def point_at(page, locator) -> None:
    """Move the mouse over an element as a reader does, in a few steps (one jump of a pointer
    that never moved before reports no movement, like a page scrolling under a resting pointer)."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2 - 20, box["y"] + box["height"] / 2 - 10)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)


def ask_to_explore(page, plot) -> None:
    """Ask for the live chart as a reader does: the chart's "Zoom and pan" button (until then each
    chart is its build-time picture, which answers by itself, and plotly.js is not loaded)."""
    button = plot.locator("xpath=ancestor::figure[1]//button[contains(@class, 'xchart__explore')]")
    button.scroll_into_view_if_needed()
    button.click()


def draw_all(page) -> list[str]:
    """Ask every chart for its live version and return their states."""
    plots = page.locator(".xchart__plot")
    for i in range(plots.count()):
        if not plots.nth(i).get_attribute("data-state"):  # not asked for yet
            ask_to_explore(page, plots.nth(i))
        page.wait_for_function(
            "el => el.getAttribute('data-state') === 'drawn' || el.getAttribute('data-state') === 'failed'",
            arg=plots.nth(i).element_handle(),
            timeout=15000,
        )
    return [plots.nth(i).get_attribute("data-state") for i in range(plots.count())]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_draw_on_direct_load(page, served_site, path):
    page.goto(served_site + path)
    states = draw_all(page)
    assert states and set(states) == {"drawn"}
    assert page.locator(".xchart__plot .main-svg").count() >= len(states)
    # plotly's controls are those for zooming and panning only.
    buttons = page.locator(".modebar-btn").evaluate_all("els => els.map(el => el.getAttribute('data-title'))")
    assert buttons and set(buttons) <= {"Zoom", "Pan", "Zoom in", "Zoom out", "Reset axes"}
    assert page.watch.errors == []
    foreign = [u for u in page.watch.requests if urlparse(u).hostname != "127.0.0.1" and not u.startswith("data:")]
    assert foreign == []


@pytest.mark.parametrize("path", ["methodology/", "sources/"])
def test_pages_without_charts_never_fetch_plotly(page, served_site, path):
    page.goto(served_site + path)
    page.wait_for_load_state("networkidle")
    page.mouse.wheel(0, 20000)
    page.wait_for_timeout(300)
    assert page.watch.plotly_requests() == []
    assert page.watch.errors == []


def test_charts_draw_after_instant_navigation(page, served_site):
    page.goto(served_site + "methodology/")
    page.evaluate("window.__noReload = true")
    pages = [("The incursion", "incursion/", "map-incursion"), ("The bridges", "bridges/", "bridge-strikes"),
             ("Pokrovsk", "pokrovsk/", "pokrovsk-distance")]  # fmt: skip
    for name, path, chart in pages:
        page.locator(".md-nav--primary a.md-nav__link", has_text=name).first.click()
        page.wait_for_url(served_site + path)
        page.wait_for_selector(f"article #chart-{chart} .xchart__explore")  # the URL changes before the content
        assert set(draw_all(page)) == {"drawn"}, path
        assert page.evaluate("window.__noReload") is True, (
            "navigation reloaded the page instead of using instant navigation"
        )
    assert page.watch.errors == []
    assert [u for u in page.watch.requests if urlparse(u).hostname != "127.0.0.1"] == []
    assert len(page.watch.plotly_requests()) == 1


# [r, g, b, alpha] of a CSS colour as the browser resolves it (a probe element's computed colour).
RGBA = """c => {
    const probe = document.createElement('span');
    probe.style.color = c;
    document.body.appendChild(probe);
    const rgb = getComputedStyle(probe).color;
    probe.remove();
    const [r, g, b, a = 1] = rgb.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
}"""
# Plotly writes a text colour's alpha as fill-opacity, so both make the drawn colour.
TICK_RGBA = """el => {
    const style = getComputedStyle(el.querySelector('.plot-container .xtick text'));
    const [r, g, b, a = 1] = style.fill.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a * Number(style.fillOpacity)];
}"""


def same_colour(a, b) -> bool:
    return all(abs(x - y) <= 1 for x, y in zip(a[:3], b[:3], strict=True)) and abs(a[3] - b[3]) < 0.01


def test_palette_toggle_rethemes_drawn_charts(page, served_site):
    page.goto(served_site + "pokrovsk/")
    draw_all(page)
    plot = page.locator("#chart-pokrovsk-distance .xchart__plot")
    font = "el => getComputedStyle(el.querySelector('.plot-container .xtick text')).fill"
    before = plot.evaluate(font)
    for _ in range(3):
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate":
            break
        page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    page.wait_for_function(
        f"() => getComputedStyle(document.querySelector('#chart-pokrovsk-distance .plot-container .xtick text')).fill !== {before!r}"
    )
    after = plot.evaluate(font)
    assert before != after
    expected = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-default-fg-color').trim()")
    assert expected, "Material's slate scheme defines no --md-default-fg-color"
    drawn, wanted = plot.evaluate(TICK_RGBA), page.evaluate(RGBA, expected)
    assert same_colour(drawn, wanted), (drawn, wanted, expected)
    assert page.watch.errors == []


def test_charts_resize_with_their_container(page, served_site):
    page.goto(served_site + "incursion/")
    draw_all(page)
    plot = page.locator("#chart-settlements-claims .xchart__plot")
    wide = plot.evaluate("el => el.querySelector('.main-svg').getBoundingClientRect().width")
    # Only the container narrows (the window does not resize): the chart must follow it.
    plot.evaluate("el => { el.closest('figure').style.width = '360px'; }")
    page.wait_for_function(
        "w => document.querySelector('#chart-settlements-claims .main-svg').getBoundingClientRect().width < w - 100",
        arg=wide,
    )
    narrow = plot.evaluate(
        "el => [el.querySelector('.main-svg').getBoundingClientRect().width, el.getBoundingClientRect().width]"
    )
    assert abs(narrow[0] - narrow[1]) < 2


def test_a_chart_drawn_before_an_instant_navigation_still_resizes(page, served_site):
    """Every drawn chart stays observed for the runtime's life, not only those of the latest page.
    Material replaces the whole content on navigation, so to outlive one a chart must sit outside
    it: the test moves a drawn chart there (as one in any part of the page Material keeps)."""
    page.goto(served_site + "incursion/")
    page.evaluate("window.__noReload = true")
    draw_all(page)
    page.evaluate("() => document.body.appendChild(document.querySelector('#chart-settlements-claims'))")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Pokrovsk").first.click()
    page.wait_for_url(served_site + "pokrovsk/")
    page.wait_for_selector("article #chart-pokrovsk-distance")  # the URL changes before the content is swapped
    assert set(draw_all(page)) == {"drawn"}
    assert page.evaluate("window.__noReload") is True, (
        "navigation reloaded the page instead of using instant navigation"
    )
    width = "id => document.querySelector(`#${id} .main-svg`).getBoundingClientRect().width"
    wide = {chart: page.evaluate(width, chart) for chart in ("chart-pokrovsk-distance", "chart-settlements-claims")}
    page.set_viewport_size({"width": 400, "height": 900})
    for chart, before in wide.items():  # this page's chart first: once it has followed, so could the other
        try:
            page.wait_for_function(f"w => ({width})({chart!r}) < w - 100", arg=before, timeout=5000)
        except PlaywrightTimeout:
            pytest.fail(f"{chart} stayed {before:.0f} px wide in a 400 px viewport")
        plot = page.locator(f"#{chart} .xchart__plot")
        svg, box = plot.evaluate(
            "el => [el.querySelector('.main-svg').getBoundingClientRect().width, el.getBoundingClientRect().width]"
        )
        assert abs(svg - box) < 2, chart
    assert page.watch.errors == []


def test_charts_of_a_page_left_by_instant_navigation_are_freed(page, served_site):
    page.goto(served_site + "incursion/")
    draw_all(page)
    page.evaluate("window.__plots = [...document.querySelectorAll('.xchart__plot[data-state=drawn]')]")
    page.locator(".md-nav--primary a.md-nav__link", has_text="Pokrovsk").first.click()
    page.wait_for_url(served_site + "pokrovsk/")
    page.wait_for_selector("article #chart-pokrovsk-distance")  # the URL changes before the content is swapped
    draw_all(page)
    # Plotly.purge removes a chart's plot data (_fullLayout) from its element.
    assert page.evaluate("window.__plots.length") > 0
    assert page.evaluate(
        "window.__plots.every(el => !el.isConnected && !el.querySelector('.xchart__live')._fullLayout)"
    )


def stub_plotly_that_half_draws_then_rejects(page):
    # Plotly present before the runtime runs, so it is used as loaded; newPlot leaves debris.
    page.add_init_script("""window.Plotly = {
        newPlot: el => { el.innerHTML = '<div class="plot-container">half a chart</div>'; return Promise.reject(new Error('bad figure')); },
        purge() {}, relayout() {}, Plots: { resize() {} }
    }""")


DRAW_FAILURES = {
    "plotly.js answers 500": lambda page: page.route("**/plotly*.js", lambda route: route.fulfill(status=500, body="")),
    "plotly.js throws": lambda page: page.route(
        "**/plotly*.js",
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="throw new Error('broken bundle')"
        ),
    ),
    "newPlot rejects": stub_plotly_that_half_draws_then_rejects,
}


@pytest.mark.parametrize("failure", DRAW_FAILURES)
def test_a_chart_that_cannot_be_drawn_keeps_its_picture_and_says_why(page, served_site, failure):
    DRAW_FAILURES[failure](page)
    page.goto(served_site + "bridges/")
    # Whatever the container held before the draw is kept.
    page.locator(".xchart__plot").first.evaluate(
        "el => el.insertAdjacentHTML('beforeend', '<p class=\"was-here\">kept</p>')"
    )
    plots = page.locator(".xchart__plot")
    for i in range(plots.count()):  # not draw_all: a chart that vanished cannot be scrolled to
        plots.nth(i).evaluate("el => el.scrollIntoView()")
        ask_to_explore(page, plots.nth(i))
        page.wait_for_function(
            "el => ['drawn', 'failed'].includes(el.getAttribute('data-state'))",
            arg=plots.nth(i).element_handle(),
            timeout=15000,
        )
    states = plots.evaluate_all("els => els.map(el => el.getAttribute('data-state'))")
    assert states and set(states) == {"failed"}
    figures = page.locator("figure.xchart")
    for i in range(figures.count()):
        figure = figures.nth(i)
        chart = figure.get_attribute("id")
        plot = figure.locator(".xchart__plot")
        box = plot.bounding_box()
        assert box and box["height"] > 10, (chart, "the failed chart left no trace on the page")
        assert plot.locator(".xchart__picture svg").first.is_visible() or plot.inner_text().strip(), chart
        assert plot.locator(".plot-container, .main-svg").count() == 0, chart
        assert figure.locator("details.xchart__data").evaluate("el => el.open"), chart
        assert any(e.startswith("console.error") and chart in e for e in page.watch.errors), (chart, page.watch.errors)
    assert page.locator(".xchart__plot .was-here").count() == 1


def test_a_qualified_fact_and_the_group_key_read_right_in_dark_mode(browser, served_site):
    """A bound reads as a bound in the text; the key's group glyphs keep 3:1 on the dark page."""
    from explainer.model.palette import contrast

    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(served_site + "incursion/")
    facts = page.locator(".xfact__value").all_inner_texts()
    assert any(text.startswith(("more than ", "about ", "at least ", "up to ", "less than ")) for text in facts)
    glyphs = page.locator(".xchart__key .xkey__glyph")
    assert glyphs.count() > 0
    for i in range(glyphs.count()):
        colour = glyphs.nth(i).evaluate("el => getComputedStyle(el).color")
        r, g, b = (int(c) for c in colour[colour.index("(") + 1 : colour.index(")")].split(",")[:3])
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        br, bg, bb = (int(c) for c in background[background.index("(") + 1 : background.index(")")].split(",")[:3])
        assert contrast(f"#{r:02x}{g:02x}{b:02x}", f"#{br:02x}{bg:02x}{bb:02x}") >= 3, colour
    context.close()
