"""Static-first charts, through a real build and a real Chromium: every chart is a build-time
picture in the HTML (no JavaScript needed, dark and light, print in light), the live chart
replaces it only when the reader reaches for it (hover, tap, focus) with no layout shift, and the
images, cards and embeds have their sizes, credits and absolute addresses."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_browser import point_at

from conftest import watched_page
from explainer import Site, outputs
from harness.project import copy_project, mkdocs

CHART_PAGE = "incursion/"

# Total layout shift, counted from navigation (buffered) to now.
CLS = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) total += e.value; })
        .observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 300);
})"""
FG_OF_PAGE = """(() => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--md-default-fg-color)';
    document.body.appendChild(probe);
    const colour = getComputedStyle(probe).color;
    probe.remove();
    return colour;
})()"""
PICTURE_TEXT_FILL = """el => {
    const svg = [...el.querySelectorAll('.xchart__picture svg')].find(s => getComputedStyle(s).display !== 'none');
    return getComputedStyle(svg.querySelector('.xtick text, .legendtext, text')).fill;
}"""


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def page_soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


# -- in the HTML, without a browser -------------------------------------------
@pytest.mark.build
def test_every_chart_has_its_picture_in_the_html_at_its_reserved_height(built_site):
    for page in ["", "incursion/", "pokrovsk/", "bridges/", "negotiations/"]:
        soup = page_soup(built_site, page)
        for plot in soup.select("article .xchart__plot"):
            height = int(re.search(r"height: (\d+)px", plot["style"]).group(1))
            svgs = plot.select(".xchart__picture > svg")
            assert [s["class"][1] for s in svgs] == ["xchart__svg--narrow", "xchart__svg--medium", "xchart__svg--wide"]
            for svg in svgs:
                width, tall = (float(v) for v in svg["viewbox"].split()[2:])
                assert tall == height and 300 <= width <= 800
                assert svg["aria-hidden"] == "true"
                assert svg.find("script") is None and svg.find("foreignobject") is None
                assert "var(--md-default-fg-color)" in str(svg)  # themed by the page, not baked in
            ids = [el["id"] for el in plot.select("[id]")]
            assert len(ids) == len(set(ids))
        all_ids = [el["id"] for el in soup.select("[id]")]
        assert len(all_ids) == len(set(all_ids)), page


@pytest.mark.build
def test_downloads_sit_beside_the_csv_and_carry_their_credit(built_site):
    soup = page_soup(built_site, CHART_PAGE)
    figure = soup.select_one("article figure.xchart")
    chart = figure["data-chart"]
    links = {a["href"].rsplit(".", 1)[-1]: a["href"] for a in figure.select(".xchart__share .xchart__download a")}
    assert set(links) == {"png", "svg", "csv"}
    data = built_site / outputs.downloads("en")
    height = int(re.search(r"height: (\d+)px", figure.select_one(".xchart__plot")["style"]).group(1))
    assert png_size(data / f"{chart}.png") == (1600, 2 * (height + 96))  # 2× of 800 × (plot + header)
    svg_text = (data / f"{chart}.svg").read_text(encoding="utf-8")
    assert 'viewBox="0 0 800 ' in svg_text
    drawn_text = " ".join(BeautifulSoup(svg_text, "html.parser").get_text(" ").split())  # lines are <tspan>s
    assert figure.select_one(".xchart__title").get_text() in drawn_text
    assert "Kursk and Pokrovsk: August 2024" in drawn_text  # the site's name
    publisher = figure.select_one(".xchart__source").get_text().split(",")[0]
    assert publisher in drawn_text
    assert "var(--" not in svg_text  # a file that leaves the page has real colours


@pytest.mark.build
def test_every_page_has_a_social_card_with_absolute_urls(built_site):
    for page in ["", "incursion/", "methodology/", "sources/"]:
        soup = page_soup(built_site, page)
        meta = {m.get("property") or m.get("name"): m["content"] for m in soup.select("meta[content]")}
        assert meta["twitter:card"] == "summary_large_image"
        url = meta["og:image"]
        assert url.startswith("http://127.0.0.1:8000/" + outputs.cards("en"))  # site_url, absolute
        assert png_size(built_site / url.removeprefix("http://127.0.0.1:8000/")) == (1200, 630)
        assert meta["og:image:alt"]
    soup = page_soup(built_site, CHART_PAGE)
    lead = soup.select_one("article .xchart__summary").get_text()
    alt = soup.select_one('meta[property="og:image:alt"]')["content"]
    assert alt == lead


@pytest.mark.build
def test_each_chart_has_an_embed_page_and_a_snippet(built_site):
    soup = page_soup(built_site, CHART_PAGE)
    figure = soup.select_one("article figure.xchart")
    chart = figure["data-chart"]
    snippet = BeautifulSoup(figure.select_one("textarea.xchart__snippet").get_text(), "html.parser").iframe
    assert snippet["src"] == "http://127.0.0.1:8000/" + outputs.embed(chart, "en")
    embed = page_soup(built_site, outputs.embed(chart, "en"))
    assert embed.select_one(".xchart__picture svg") is not None
    assert embed.select_one(".xchart__source") is not None
    back = embed.select_one("a.xembed__back")["href"]
    assert (built_site / outputs.embed(chart, "en") / back.split("#")[0] / outputs.INDEX).resolve().is_file()
    for script in embed.find_all("script"):
        assert script.get("src") and not script.string  # no inline script, nothing third-party
        assert not script["src"].startswith(("http:", "https:", "//"))


def test_kaleido_loads_only_local_files_and_no_mathjax(monkeypatch):
    """What the drawing session really opens (its own `_open`, with Kaleido replaced by a recorder):
    a page that names only file: URLs, the site's own plotly.js among them, no MathJax, and the
    browser given the proxy nobody listens on."""
    import asyncio
    import concurrent.futures

    import kaleido

    from explainer.render import assets, pictures
    from harness.project import ROOT

    opened: dict = {}

    class Recorder:
        def __init__(self, **options):
            opened.update(options)

        async def open(self):
            opened["open"] = True

    monkeypatch.setattr(kaleido, "Kaleido", Recorder)
    bundle = assets.find_bundle(ROOT).path.resolve().as_uri()
    # In a thread of its own: a session's Playwright keeps an event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, pictures._Session._open(None, "/some/chromium", bundle)).result()
    assert opened["open"] and opened["path"] == "/some/chromium"
    assert opened["proxy_server"] == pictures.NO_NETWORK_PROXY and pictures.NO_NETWORK_PROXY.startswith(
        "http://127.0.0.1:"
    )
    sources = re.findall(r'<script src="([^"]+)"', opened["page_generator"].generate_index())
    assert bundle in sources and all(s.startswith("file:///") for s in sources)
    assert not any("mathjax" in s.lower() for s in sources)


@pytest.mark.build
def test_without_a_browser_the_build_says_what_to_install(tmp_path):
    project = copy_project(tmp_path / "p")
    env = {"EXPLAINER_CHROMIUM": str(tmp_path / "no-chromium"), "EXPLAINER_CACHE": str(tmp_path / "cache")}
    proc = mkdocs("build", "--site-dir", str(tmp_path / "out"), cwd=project, env=env)
    assert proc.returncode != 0
    out = proc.stdout + proc.stderr
    assert "chart images: no Chromium to draw the chart images with" in out
    assert "apt-get install chromium" in out
    assert out.count("no Chromium") == 1 and "Traceback" not in out


@pytest.mark.build
def test_the_cache_redraws_only_what_changed_and_can_be_deleted(tmp_path, monkeypatch):
    from pages import render

    from explainer import Site
    from harness.project import edit

    project = copy_project(tmp_path / "p")
    cache = tmp_path / "cache"
    monkeypatch.setenv("EXPLAINER_CACHE", str(cache))

    def pictures_drawn() -> tuple[Site, int]:
        site = Site.load(project)
        render(site, "::chart[territory-claims]\n")
        return site, site.gallery.renderer.drawn

    site, first = pictures_drawn()
    assert first > 0 and site.errors == []
    assert pictures_drawn()[1] == 0  # everything from the cache
    obs = project / "data" / "observations.csv"
    line = next(ln for ln in obs.read_text(encoding="utf-8").splitlines() if ",territory-km2," in ln)
    value = line.split(",")[2]
    edit(obs, line, line.replace(f",{value},", f",{int(float(value)) + 1},", 1))
    changed = pictures_drawn()[1]  # the charts that draw this row, each at its three widths
    assert 0 < changed < first and changed % 3 == 0
    for f in cache.iterdir():
        f.unlink()
    assert pictures_drawn()[1] == first


# -- in Chromium ------------------------------------------------------------------
@pytest.mark.browser
def test_without_javascript_the_pictures_show_at_the_reserved_size(browser, served_site):
    pg = watched_page(browser, java_script_enabled=False)
    pg.goto(served_site + CHART_PAGE)
    for plot in pg.locator("article .xchart__plot").all():
        reserved = float(re.search(r"height: (\d+)px", plot.get_attribute("style")).group(1))
        box = plot.bounding_box()
        assert box and abs(box["height"] - reserved) < 1
        shown = plot.locator(".xchart__picture svg:visible")
        assert shown.count() == 1
        picture = shown.bounding_box()
        assert picture["height"] > 0.8 * reserved and picture["width"] > 0.8 * box["width"]
    assert pg.watch.plotly_requests() == []
    pg.context.close()


@pytest.mark.browser
def test_the_picture_follows_the_dark_scheme_and_print_takes_the_light_one(browser, served_site):
    pg = watched_page(browser, color_scheme="dark")
    pg.goto(served_site + CHART_PAGE)
    assert pg.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    plot = pg.locator("article .xchart__plot").first
    dark = plot.evaluate(PICTURE_TEXT_FILL)
    light_fg = "rgba(0, 0, 0, 0.87)"
    assert dark != light_fg and dark == pg.evaluate(FG_OF_PAGE)  # slate's light text on its dark page
    pg.emulate_media(media="print")
    assert plot.evaluate(PICTURE_TEXT_FILL) == light_fg
    assert pg.watch.plotly_requests() == []
    pg.context.close()


@pytest.mark.browser
def test_the_palette_toggle_rethemes_the_picture(browser, served_site):
    pg = watched_page(browser, color_scheme="light")
    pg.goto(served_site + CHART_PAGE)
    plot = pg.locator("article .xchart__plot").first
    before = plot.evaluate(PICTURE_TEXT_FILL)
    pg.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    assert plot.evaluate(PICTURE_TEXT_FILL) != before
    assert pg.watch.plotly_requests() == []
    pg.context.close()


@pytest.mark.browser
def test_scrolling_past_every_chart_does_not_load_plotly(browser, served_site):
    pg = watched_page(browser, viewport={"width": 1280, "height": 800})
    pg.goto(served_site + CHART_PAGE)
    pg.mouse.move(640, 400)  # the pointer rests over the content while the page scrolls under it
    for _ in range(30):
        pg.mouse.wheel(0, 400)
        pg.wait_for_timeout(60)
    pg.wait_for_timeout(500)
    assert pg.evaluate("window.scrollY") > 2000
    assert pg.watch.plotly_requests() == []
    assert pg.locator(".xchart__plot[data-state]").count() == 0
    pg.context.close()


def _ask(pg, how: str, figure) -> None:
    button = figure.locator(".xchart__explore")
    if how == "click":
        button.click()
    elif how == "tap":
        button.tap()
    else:
        button.focus()
        pg.keyboard.press("Enter")


@pytest.mark.browser
def test_hovering_tapping_and_focusing_a_chart_load_no_chart_library(browser, served_site):
    """The picture answers by itself: reaching for a chart in every way a reader does loads nothing."""
    pg = watched_page(browser, has_touch=True)
    pg.goto(served_site + CHART_PAGE)
    for i in range(pg.locator("article figure.xchart").count()):
        figure = pg.locator("article figure.xchart").nth(i)
        plot = figure.locator(".xchart__plot")
        point_at(pg, plot)
        plot.tap()
        plot.focus()
        pg.keyboard.press("ArrowRight")
        figure.locator(".xchart__source").first.focus()
    pg.wait_for_timeout(300)
    assert pg.watch.plotly_requests() == []
    assert pg.locator(".xchart__plot[data-state]").count() == 0
    assert pg.watch.errors == []
    pg.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("how", ["click", "tap", "keyboard"])
def test_asking_to_zoom_swaps_in_the_live_chart_without_a_shift(browser, served_site, how):
    touch = {"has_touch": True, "is_mobile": True, "viewport": {"width": 390, "height": 844}} if how == "tap" else {}
    pg = watched_page(browser, **touch)
    pg.goto(served_site + CHART_PAGE)
    figure = pg.locator("article figure.xchart").nth(1)
    # The button in the middle of the screen: a figure taller than a phone's screen, scrolled to its
    # edge, leaves it under Material's sticky header, and Playwright would scroll again to tap it.
    figure.locator(".xchart__explore").evaluate("b => b.scrollIntoView({block: 'center'})")
    pg.wait_for_timeout(300)
    assert pg.watch.plotly_requests() == []
    plot = figure.locator(".xchart__plot")
    before = plot.bounding_box()
    below = figure.locator(".xchart__meta").bounding_box()
    _ask(pg, how, figure)
    pg.wait_for_function("el => el.getAttribute('data-state') === 'drawn'", arg=plot.element_handle(), timeout=20000)
    assert len(pg.watch.plotly_requests()) == 1
    assert plot.locator(".xchart__live .main-svg").count() >= 1
    assert plot.locator(".xchart__picture").is_hidden()
    assert plot.bounding_box() == before and figure.locator(".xchart__meta").bounding_box() == below
    assert pg.evaluate(CLS) == 0
    assert pg.watch.errors == []
    pg.context.close()


@pytest.mark.browser
def test_the_embed_posts_its_height_and_honours_the_scheme(browser, served_site):
    pg = watched_page(browser)
    chart = "territory-claims"
    pg.goto(served_site + outputs.embed(chart, "en") + "?scheme=dark")
    assert pg.evaluate("document.documentElement.getAttribute('data-scheme')") == "dark"
    bg = pg.evaluate("getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(255, 255, 255)"
    pg.goto(served_site + "no-such-page/")  # any page of the site as the host page
    pg.evaluate(
        """src => new Promise(resolve => {
            window.__heights = [];
            addEventListener('message', e => {
                if (e.data && e.data.type === 'explainer-embed-height') window.__heights.push(e.data);
            });
            const f = document.createElement('iframe');
            f.src = src; f.style.width = '600px'; document.body.appendChild(f);
            f.onload = () => setTimeout(resolve, 300);
        })""",
        served_site + outputs.embed(chart, "en"),
    )
    heights = pg.evaluate("window.__heights")
    assert heights and heights[-1]["chart"] == chart and heights[-1]["height"] > 300
    assert [u for u in pg.watch.requests if not u.startswith(served_site)] == []
    pg.context.close()


def test_an_svg_with_anything_executable_is_refused():
    """The inline-SVG check refuses script, loaders, handlers and script URLs, however spelt."""
    from explainer.render.svg import UnsafeSvg, check_inert

    ns = 'xmlns="http://www.w3.org/2000/svg"'
    check_inert(f'<svg {ns}><g class="x"><text>&lt;script&gt;alert(1)&lt;/script&gt;</text></g></svg>')
    for bad in (
        f"<svg {ns}><script>alert(1)</script></svg>",
        f'<svg {ns}><g onload="alert(1)"/></svg>',
        f'<svg {ns}><a href="java\tscript:alert(1)"><text>x</text></a></svg>',
        f'<svg {ns}><g style="x" filter="url(java&#10;script:alert(1))"/></svg>',
        f"<svg {ns}><foreignObject><div/></foreignObject></svg>",
        f"<svg {ns}><g>",
    ):
        with pytest.raises(UnsafeSvg):
            check_inert(bad)


@pytest.mark.build
def test_the_build_browser_sends_every_outside_request_to_a_proxy_nobody_listens_on(tmp_path, monkeypatch):
    """At build time no request leaves the machine: the drawing browser must send every network
    request to a proxy, and the build's proxy address has nobody listening. Pointed at a recording
    proxy instead, a figure that asks for an outside image shows the request arriving there."""
    import http.server
    import socket
    import threading
    from urllib.parse import urlparse

    from explainer.render import assets, pictures
    from harness.project import ROOT

    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            self.send_error(502)

        do_CONNECT = do_GET

        def log_message(self, *args):
            pass

    production = urlparse(pictures.NO_NETWORK_PROXY)
    with pytest.raises(ConnectionRefusedError), socket.create_connection((production.hostname, production.port), 2):
        pass
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    if pictures._Session._current:
        pictures._Session._current.close()
        pictures._Session._current = None
    monkeypatch.setattr(pictures, "NO_NETWORK_PROXY", f"http://127.0.0.1:{server.server_port}")
    bundle = assets.find_bundle(ROOT)
    try:
        outside = {
            "data": [{"type": "scatter", "x": [0, 1], "y": [0, 1]}],
            "layout": {
                "images": [{"source": "http://outside.invalid/a.png", "xref": "paper", "yref": "paper",
                            "x": 0, "y": 1, "sizex": 0.5, "sizey": 0.5}],
            },
        }  # fmt: skip
        renderer = pictures.Renderer(tmp_path / "cache", bundle.path, bundle.site_path)
        renderer.render([pictures.Job(outside, "png", 300, 200)])
        assert any("outside.invalid" in path for path in seen), seen
    finally:
        server.shutdown()
        if pictures._Session._current:
            pictures._Session._current.close()
            pictures._Session._current = None


def test_a_drawing_that_fails_after_the_pages_still_fails_the_build(engine_for, tmp_path, monkeypatch):
    """The downloads and cards are drawn after every page is checked (on_post_build): a browser that
    fails then must fail the build, not leave it green with every PNG, SVG and card missing."""
    from types import SimpleNamespace

    import mkdocs_hooks
    from mkdocs.exceptions import PluginError
    from pages import render

    from conftest import TODAY
    from explainer import Site
    from explainer.build import Build
    from explainer.render.pictures import NoBrowser

    engine_for()  # the fixture dataset, read again without drawing (no Chromium needed to get here)
    site = Site.load(tmp_path, today=TODAY, pictures=False)
    render(site, "# A\n\n::chart[territory]\n")
    site.finish()
    assert site.errors == []

    class NoChromium:
        def render(self, jobs):
            raise NoBrowser("no Chromium to draw the chart images with")

        def path_for(self, job):
            return tmp_path / "cache" / "missing.png"

    site.gallery.renderer = NoChromium()
    monkeypatch.setitem(mkdocs_hooks._state, "build", Build(site))
    monkeypatch.setitem(mkdocs_hooks._state, "serving", False)
    config = SimpleNamespace(extra_javascript=[], site_dir=str(tmp_path / "site"))
    with pytest.raises(PluginError, match="chart images: no Chromium to draw the chart images with"):
        mkdocs_hooks.on_post_build(config)


class _Drawing:
    """A renderer whose drawing fails with `error`, or draws a blank PNG for every job when error is None."""

    def __init__(self, cache: Path, error: Exception | None):
        self.cache, self.error = cache, error

    def path_for(self, job):
        return self.cache / f"{job.key('test')}.{job.format}"

    def render(self, jobs):
        if self.error is not None:
            raise self.error
        return [b"\x89PNG drawn" for _ in jobs]


def _preview(tmp_path, renderer) -> tuple[Site, list]:
    """A preview's build of a page with a chart, its page written with the panel's place as the
    MkDocs hook writes it; the downloads and cards are left to the background (nothing is cached)."""
    from pages import PAGE, render

    from conftest import TODAY
    from explainer.render import html

    site = Site.load(tmp_path, today=TODAY, pictures=False)
    body = render(site, "# A\n\n::chart[territory]\n")
    site.finish()
    site.gallery.renderer = renderer
    site._pictures = {}  # the pages' inline pictures are drawn before the pages are written
    page = tmp_path / "site" / outputs.page_file(PAGE.url)
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(site.with_panel(f"<html><body>{html.PANEL}{body}</body></html>"), encoding="utf-8")
    return site, page


def _undrawn(page: Path) -> bool:
    """The page's panel lists a download or card not drawn or not written."""
    text = page.read_text(encoding="utf-8")
    return "downloads or cards could not be drawn" in text or "could not be written" in text


def test_a_drawing_that_fails_in_a_previews_background_reaches_its_pages_and_log(engine_for, tmp_path, monkeypatch):
    """A preview draws its downloads and cards after the pages are written: a drawing that fails
    there, or a place that cannot be written, shows in the panel of the pages already written and
    of the next preview, and reaches the log (report), until a later drawing succeeds."""
    from explainer.render import images
    from explainer.render.pictures import RenderFailed

    monkeypatch.setattr(images, "SETTLE_SECONDS", 0)
    engine_for()
    reported: list[list] = []
    failing = _Drawing(tmp_path / "cache", RenderFailed("plotly.js in Chromium could not draw a chart image: boom"))
    site, page = _preview(tmp_path, failing)
    assert not _undrawn(page)
    site.write_outputs(tmp_path / "site", {}, defer_images=True, policy=False, report=reported.append)
    site.drawing.join(30)
    [[problem]] = reported
    assert str(problem).startswith("chart images: 3 downloads or cards could not be drawn (assets/data/territory.png")
    assert "boom; the previous images stand in until they are (save again to retry)" in str(problem)
    assert "could not draw a chart image: boom" in page.read_text(encoding="utf-8")  # the page already written
    assert site.errors == []  # a preview goes on: nothing else failed

    # The next preview shows it from the start, and a place that cannot be written is one more problem.
    reported.clear()
    site, page = _preview(tmp_path, _Drawing(tmp_path / "cache", None))
    assert "boom" in page.read_text(encoding="utf-8")
    (tmp_path / "site" / outputs.download("territory", "svg", "en")).mkdir(parents=True)  # a folder where a file goes
    site.write_outputs(tmp_path / "site", {}, defer_images=True, policy=False, report=reported.append)
    site.drawing.join(30)
    [[problem]] = reported
    assert str(problem).startswith("chart images: assets/data/territory.svg could not be written (Is a directory)")
    shown = page.read_text(encoding="utf-8")
    assert "boom" not in shown and "territory.svg could not be written" in shown

    # Once everything is drawn and written, the panel goes and the log says so.
    reported.clear()
    (tmp_path / "site" / outputs.download("territory", "svg", "en")).rmdir()
    site, page = _preview(tmp_path, _Drawing(tmp_path / "cache", None))
    site.write_outputs(tmp_path / "site", {}, defer_images=True, policy=False, report=reported.append)
    site.drawing.join(30)
    assert reported == [[]]
    assert not _undrawn(page)


def test_a_place_that_could_not_be_written_leaves_the_panel_with_its_chart(engine_for, tmp_path, monkeypatch):
    """A download that could not be written stands in the panel until it is written, or until its
    chart leaves the pages: then nothing is written there any more, and the panel says nothing of it."""
    from pages import render

    from conftest import TODAY
    from explainer.render import images

    monkeypatch.setattr(images, "SETTLE_SECONDS", 0)
    engine_for()
    site, _ = _preview(tmp_path, _Drawing(tmp_path / "cache", None))
    (tmp_path / "site" / outputs.download("territory", "svg", "en")).mkdir(parents=True)
    site.write_outputs(tmp_path / "site", {}, defer_images=True, policy=False)
    site.drawing.join(30)
    assert [str(p) for p in images.failures(site._build) if "territory.svg could not be written" in str(p)]
    # The editor takes the chart out of the page: the next preview draws nothing there.
    site = Site.load(tmp_path, today=TODAY, pictures=False)
    render(site, "# A\n\nNo chart now.\n")
    site.finish()
    site.gallery.renderer = _Drawing(tmp_path / "cache", None)
    site.write_outputs(tmp_path / "site", {}, defer_images=True, policy=False)
    if site.drawing is not None:
        site.drawing.join(30)
    assert [str(p) for p in images.failures(site._build)] == []
    assert "could not be written" not in site.error_panel()


def test_a_download_that_cannot_be_written_fails_the_build_with_its_place(engine_for, tmp_path):
    engine_for()
    site, _ = _preview(tmp_path, _Drawing(tmp_path / "cache", None))
    (tmp_path / "site" / outputs.download("territory", "png", "en")).mkdir(parents=True)
    site.write_outputs(tmp_path / "site", {}, policy=False)
    [problem] = site.errors
    assert str(problem).startswith("chart images: ") and "territory.png could not be written (Is a directory)" in str(
        problem
    )
