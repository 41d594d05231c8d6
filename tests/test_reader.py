"""What a reader sees, in a real Chromium: no text cut off in any chart picture at phone and
desktop widths."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from conftest import watched_page

pytestmark = pytest.mark.browser

CHART_PAGES = ["", "incursion/", "why/", "response/", "pokrovsk/", "bridges/", "negotiations/", "after/"]

# Every text element of every picture the page shows, against the bounds of its picture.
CLIPPED_TEXT = """() => {
  const out = [];
  let seen = 0;
  for (const svg of document.querySelectorAll('.xchart__picture svg')) {
    const box = svg.getBoundingClientRect();
    if (!box.width) continue;  // the picture drawn for another width
    for (const text of svg.querySelectorAll('text')) {
      const r = text.getBoundingClientRect();
      if (!r.width || !text.textContent.trim()) continue;
      seen += 1;
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        out.push(`${svg.closest('figure').dataset.chart}: '${text.textContent}'`);
    }
  }
  return {seen, out};
}"""

# On a map, no name covers another (each text element's box, pairwise).
COLLIDING_NAMES = """() => {
  const out = [];
  for (const svg of document.querySelectorAll('figure[data-chart^="map-"] .xchart__picture svg')) {
    if (!svg.getBoundingClientRect().width) continue;
    const boxes = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
      .map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width);
    boxes.forEach(([a, r], i) => boxes.slice(i + 1).forEach(([b, q]) => {
      const w = Math.min(r.right, q.right) - Math.max(r.left, q.left);
      const h = Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top);
      if (w > 1 && h > 1) out.push(`${svg.closest('figure').dataset.chart}: '${a}' / '${b}'`);
    }));
  }
  return out;
}"""


@pytest.mark.parametrize("width", [360, 1280])
def test_no_text_in_any_picture_is_cut_off(browser, served_site, width):
    # One page, visiting every page with charts, scripts off: the build-time pictures as drawn.
    page = watched_page(browser, viewport={"width": width, "height": 900}, java_script_enabled=False)
    try:
        clipped, seen = [], 0
        for path in CHART_PAGES:
            page.goto(served_site + path)
            found = page.evaluate(CLIPPED_TEXT)
            seen += found["seen"]
            clipped += [f"/{path}: {c}" for c in found["out"]]
            clipped += [f"/{path}: names collide: {c}" for c in page.evaluate(COLLIDING_NAMES)]
        assert seen > 150  # the check looked at the pictures' text, not at nothing
        assert clipped == []
    finally:
        page.context.close()


# -- facts in the prose: a tap opens the pop-up, a second tap follows the link --------------------
def _fact_page(browser, served_site):
    """A phone (touch, 360 px) on The incursion, where any request off the site gets a stand-in page."""
    page = watched_page(browser, viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page.context.route(
        lambda url: not url.startswith(served_site),
        lambda route: route.fulfill(status=200, content_type="text/html", body="<title>source</title>"),
    )
    page.goto(served_site + "incursion/")
    return page


def test_tapping_a_fact_opens_its_pop_up_without_leaving_the_page(browser, served_site):
    page = _fact_page(browser, served_site)
    try:
        url = page.url
        facts = page.locator(".xfact")
        assert facts.count() > 3
        fact = facts.nth(2)
        value = fact.locator(".xfact__value")
        source = value.get_attribute("href")
        value.scroll_into_view_if_needed()
        value.tap()
        tip = fact.locator(".xfact__tip")
        assert tip.is_visible() and page.url == url
        assert value.get_attribute("aria-expanded") == "true"
        text = tip.inner_text()
        assert "as of" in text and "source:" in text
        go = tip.locator("a.xfact__go")
        assert go.get_attribute("href") == source
        box = tip.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # on screen, not cut at its edges
        # Another fact's tap closes this one; a tap elsewhere closes it too.
        other = facts.nth(3).locator(".xfact__value")
        other.scroll_into_view_if_needed()
        other.tap()
        assert not tip.is_visible() and page.locator(".xfact--open").count() == 1 and page.url == url
        page.locator("h1").tap()
        assert page.locator(".xfact--open").count() == 0
        # The second tap on an open fact follows its link, as the pop-up's own link does.
        value.scroll_into_view_if_needed()
        value.tap()
        value.tap()
        page.wait_for_url(source)
        assert page.watch.errors == []
    finally:
        page.context.close()


def test_the_keyboard_opens_and_closes_a_fact_as_a_tap_does(browser, served_site):
    page = _fact_page(browser, served_site)
    try:
        url = page.url
        value = page.locator(".xfact__value").first
        value.focus()
        page.keyboard.press("Enter")
        assert page.locator(".xfact--open").count() == 1 and page.url == url
        tip_id = value.get_attribute("aria-describedby")
        assert page.locator(f"[id='{tip_id}']").inner_text().count("as of") == 1  # what a screen reader reads
        page.keyboard.press("Tab")  # the pop-up's link is next in the reading order
        assert page.evaluate("document.activeElement.classList.contains('xfact__go')")
        page.keyboard.press("Escape")
        assert page.locator(".xfact--open").count() == 0
        assert page.evaluate("document.activeElement.classList.contains('xfact__value')")
    finally:
        page.context.close()


# -- search on first use: nothing of it loads until a reader reaches for it --------------------------
# Material's index, its worker and the worker's language files.
SEARCH_FILES = re.compile(r"/search/search_index\.json$|/assets/javascripts/workers/search\.|/assets/javascripts/lunr/")


@pytest.mark.parametrize(
    ("edition", "device", "how", "query", "expected"),
    [
        ("", {"viewport": {"width": 1280, "height": 900}}, "/", "Pokrovsk", "/pokrovsk/"),
        (
            "uk/",
            {"viewport": {"width": 375, "height": 812}, "has_touch": True, "is_mobile": True},
            "tap",
            "Покровськ",
            "/uk/pokrovsk/",
        ),
    ],
)
def test_search_loads_on_first_use_and_answers_what_was_typed_meanwhile(
    browser, served_site, edition, device, how, query, expected
):
    from test_csp import LISTEN, violations

    page = watched_page(browser, **device)
    page.add_init_script(LISTEN)
    held = []  # the index's request, answered once the reader has typed
    page.route(re.compile(r"/search/search_index\.json$"), lambda route: held.append(route))
    page.goto(served_site + edition + "incursion/")
    page.mouse.wheel(0, 3000)  # read on
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert [u for u in page.watch.requests if SEARCH_FILES.search(u)] == []
    # Only the edition's own sitemap (instant navigation's), none beside the head's hreflang links.
    assert {u for u in page.watch.requests if u.endswith("sitemap.xml")} <= {served_site + edition + "sitemap.xml"}
    meta = page.locator(".md-search-result__meta")
    waiting = meta.text_content().strip()  # Material's "Initializing search", in the edition's language
    if how == "tap":  # the header's search button, on a phone
        page.locator("label.md-header__button[for=__search]").tap()
    else:
        page.keyboard.press(how)
    box = page.locator("input.md-search__input")
    expect(box).to_be_focused()
    box.fill(query)  # Cyrillic typed key by key reaches the page as no key event
    box.press("End")  # Material reads the field on a key event
    page.wait_for_timeout(300)
    assert len(held) == 1 and held[0].request.url == served_site + edition + "search/search_index.json"
    assert meta.text_content().strip() == waiting and page.locator(".md-search-result__item").count() == 0
    held[0].continue_()
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=30000)
    assert meta.text_content().strip() != waiting
    found = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => new URL(e.href).pathname)")
    assert expected in found and all(p.startswith("/uk/") == bool(edition) for p in found), found
    assert box.input_value() == query
    assert [u for u in page.watch.requests if "search_index" in u] == [
        served_site + edition + "search/search_index.json"
    ]
    assert [u for u in page.watch.requests if "/workers/search." in u]  # the worker, started now
    assert violations(page) == [] and page.watch.errors == []
    page.context.close()


def test_the_chart_code_loads_only_on_pages_with_charts(page, served_site):
    page.goto(served_site + "methodology/")
    page.wait_for_load_state("networkidle")
    charts_js = lambda: [u for u in page.watch.requests if "/javascripts/charts." in u]  # noqa: E731
    assert charts_js() == []
    # Instant navigation to a page with charts brings it, once: each chart gets its zoom button.
    page.evaluate("window.__noReload = true")
    page.locator(".md-nav--primary a.md-nav__link", has_text="The bridges").first.click()
    page.wait_for_url(served_site + "bridges/")
    expect(page.locator("article .xchart__explore").first).to_be_visible()
    assert page.evaluate("window.__noReload") is True and len(charts_js()) == 1
    page.locator(".md-nav--primary a.md-nav__link", has_text="Pokrovsk").first.click()
    page.wait_for_url(served_site + "pokrovsk/")
    expect(page.locator("article .xchart__explore").first).to_be_visible()
    assert len(charts_js()) == 1 and page.watch.errors == []


# -- search: the story's pages before the lists ---------------------------------------------------
LIST_PAGES = ("/sources/", "/who/", "/corrections/")


@pytest.mark.parametrize(
    ("query", "expected"),
    [("HIMARS", "/bridges/"), ("Sudzha", "/response/"), ("evacuated", "/incursion/")],
)
def test_search_ranks_the_story_above_the_lists(page, served_site, query, expected):
    page.goto(served_site)
    box = page.locator("input.md-search__input")
    box.click()
    box.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=30000)
    page.wait_for_timeout(300)
    found = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => new URL(e.href).pathname)")
    pages = list(dict.fromkeys(found))
    assert pages[0] == expected, pages
    listed = [i for i, p in enumerate(pages) if p in LIST_PAGES]
    stories = [i for i, p in enumerate(pages) if p not in LIST_PAGES]
    assert stories and all(i > max(stories) for i in listed), pages  # every list after every story page


# -- the About page, from every page's footer -----------------------------------------------------
def test_the_about_page_is_linked_from_every_page_footer(page, served_site):
    every = [*CHART_PAGES, "methodology/", "who/", "sources/", "corrections/", "about/", "no-such-page/"]
    for path in every:
        page.goto(served_site + path)
        link = page.locator("footer a", has_text="About this site")
        assert link.count() == 1, path
        assert link.evaluate("a => new URL(a.href).pathname") == "/about/", path
    page.goto(served_site + "why/")
    page.locator("footer a", has_text="About this site").click()
    page.wait_for_url("**/about/")
    # Instant navigation changes the address before it swaps the content in: wait for the heading.
    expect(page.locator("h1")).to_have_text(re.compile(r"^About this site"))
    assert page.locator(".xpublisher__name").inner_text().startswith("Published by ")
    assert page.locator("a.xpublisher__address").get_attribute("href").startswith(("mailto:", "https://"))
    assert page.locator("#corrections").count() == 1  # the JSON-LD's correctionsPolicy points here


# -- timelines: every event labelled beside its mark (or numbered and listed), nothing overlapping --
TIMELINE_PAGES = ["response/", "bridges/", "negotiations/", "why/", "pokrovsk/", "after/"]

# For each timeline picture shown: its text elements (text without spaces, box) and its marks' boxes.
TIMELINE_TEXTS = """() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure[data-kind="timeline"]')) {
    for (const svg of fig.querySelectorAll('.xchart__picture svg')) {
      const frame = svg.getBoundingClientRect();
      if (!frame.width) continue;  // the picture drawn for another width
      const box = r => ({left: r.left, right: r.right, top: r.top, bottom: r.bottom});
      const texts = [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
        .map(t => ({text: t.textContent.replace(/\\s+/g, ''), box: box(t.getBoundingClientRect()),
                    legend: !!t.closest('.legend'), axis: !!t.closest('.xtick, .ytick')}));
      const marks = [...svg.querySelectorAll('.scatterlayer path.point')].map(p => box(p.getBoundingClientRect()))
        .filter(r => r.right > r.left);
      out.push({chart: fig.dataset.chart, frame: box(frame), texts, marks});
    }
  }
  return out;
}"""


def _overlap(a: dict, b: dict, slack: float = 1) -> bool:
    return (
        min(a["right"], b["right"]) - max(a["left"], b["left"]) > slack
        and min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > slack
    )


def _shorts(field: str) -> dict[str, tuple[str, str]]:
    """Each timeline event's short label in the edition's language, from data/events.csv."""
    import csv

    from conftest import ROOT

    with (ROOT / "data" / "events.csv").open(encoding="utf-8") as f:
        return {r["id"]: r[field] for r in csv.DictReader(f) if r["short"]}


@pytest.mark.parametrize("edition", ["", "uk/"])
@pytest.mark.parametrize("width", [360, 768, 1280])
def test_every_timeline_event_is_labelled_beside_its_mark_without_overlap(browser, served_site, width, edition):
    shorts = _shorts("short_uk" if edition else "short")
    page = watched_page(browser, viewport={"width": width, "height": 900}, java_script_enabled=False)
    try:
        problems, charts, labelled = [], set(), 0
        for path in TIMELINE_PAGES:
            page.goto(served_site + edition + path)
            rows = page.evaluate(
                """() => Object.fromEntries([...document.querySelectorAll('figure[data-kind="timeline"]')]
                     .map(f => [f.dataset.chart, [...f.querySelectorAll('tr[data-row]')].map(r => r.dataset.row)]))"""
            )
            for pic in page.evaluate(TIMELINE_TEXTS):
                chart, texts, frame = pic["chart"], pic["texts"], pic["frame"]
                charts.add(chart)
                words = [t["text"] for t in texts]
                for row in rows[chart]:
                    short = "".join(shorts[row].split())
                    beside = short in words
                    # Else numbered: "3 Kyiv: delay due to Mideast, 17 Aug" under the axis, "3" by the mark.
                    listed = [m[1] for w in words if (m := re.match(r"(\d+)" + re.escape(short) + ",", w))]
                    listed = listed and listed[0] in words
                    labelled += beside
                    if not (beside or listed):
                        problems.append(f"{edition}{path} {chart}: no label for {row} ({shorts[row]!r})")
                for t in texts:
                    inside = (
                        t["box"]["left"] >= frame["left"] - 1
                        and t["box"]["right"] <= frame["right"] + 1
                        and t["box"]["top"] >= frame["top"] - 1
                        and t["box"]["bottom"] <= frame["bottom"] + 1
                    )
                    if not inside:
                        problems.append(f"{edition}{path} {chart}: '{t['text']}' outside the picture")
                    if not t["legend"] and not t["axis"] and any(_overlap(t["box"], m) for m in pic["marks"]):
                        problems.append(f"{edition}{path} {chart}: '{t['text']}' covers a mark")
                for a, b in itertools.combinations(texts, 2):
                    if _overlap(a["box"], b["box"]):
                        problems.append(f"{edition}{path} {chart}: '{a['text']}' / '{b['text']}' overlap")
        assert len(charts) == 7  # every timeline of the site was looked at
        assert labelled > 50  # most events are labelled beside their marks, at every width
        assert problems == []
    finally:
        page.context.close()
