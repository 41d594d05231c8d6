"""The strict Content-Security-Policy: every page and embed page carries it, it allows no inline
script but the theme's own by hash, nothing from another origin, and the whole site works under it
in a real Chromium with no violation: charts (picture and live plotly), search, the palette toggle,
instant navigation, downloads and embeds."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import pytest
from test_browser import PAGES, draw_all

from explainer import outputs
from explainer.render import csp

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Collected in the page before any of its own scripts run (a Playwright init script is not
# governed by the page's policy).
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`));
"""


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


class _Scripts(HTMLParser):
    """Inline scripts a browser would run, read by a real HTML parser (not the engine's pattern)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            a = dict(attrs)
            runs = (a.get("type") or "text/javascript").lower() in ("text/javascript", "module")
            self._open = {"runs": runs and "src" not in a, "text": ""}

    def handle_data(self, data):
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            if self._open["runs"]:
                self.inline.append(self._open["text"])
            self._open = None


def html_files(site):
    return sorted(p for p in site.rglob("*.html"))


@pytest.mark.build
def test_every_page_carries_a_strict_policy_that_allows_exactly_its_inline_scripts(built_site):
    import base64
    import hashlib

    files = html_files(built_site)
    assert (
        len([f for f in files if f.relative_to(built_site).as_posix().startswith(outputs.embeds("en"))]) >= 5
    )  # embed pages are checked too
    for path in files:
        text = path.read_text(encoding="utf-8")
        found = CSP_META.findall(text)
        assert len(found) == 1, path
        assert text.index(found[0]) < text.index("<title"), f"{path}: the policy must come before anything it governs"
        policy = directives(found[0].replace("&#39;", "'"))
        script = policy["script-src"]
        assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script, path
        assert [s for s in script if not s.startswith("'sha256-")] == ["'self'"], path
        assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
        assert all(not re.match(r"^(https?:|\*|//)", v) for values in policy.values() for v in values), path
        scripts = _Scripts()
        scripts.feed(text)
        wanted = {f"'sha256-{base64.b64encode(hashlib.sha256(s.encode()).digest()).decode()}'" for s in scripts.inline}
        assert wanted == {s for s in script if s.startswith("'sha256-")}, path
    header = (built_site / outputs.HEADERS).read_text(encoding="utf-8")
    line = header.splitlines()[1].split(":", 1)[1].strip()
    assert line == csp.policy([s for s in directives(line)["script-src"] if s.startswith("'sha256-")])
    every = {s for p in files for s in directives(CSP_META.search(p.read_text("utf-8")).group(1))["script-src"]}
    assert every == set(directives(line)["script-src"])


def test_the_policy_sees_through_script_types_and_sources():
    page = (
        '<head><meta charset="utf-8"><title>t</title><script>a()</script><script src="x.js"></script>'
        '<script type="application/ld+json">{"a":1}</script><SCRIPT type="module">b()</SCRIPT>'
        "<script>a()</script></head>"
    )
    hashes = csp.inline_script_hashes(page)
    assert len(hashes) == 2  # a() once, b(); not the file, not the data
    out = csp.with_policy(page)
    assert out.index("Content-Security-Policy") < out.index("<title>")
    assert out.startswith('<head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy"')


def violations(page) -> list[str]:
    csp_console = [e for e in page.watch.errors if "Content Security Policy" in e or "Content-Security-Policy" in e]
    return page.evaluate("window.__violations") + csp_console


@pytest.fixture
def strict_page(page):
    page.add_init_script(LISTEN)
    return page


@pytest.mark.browser
@pytest.mark.parametrize("path", PAGES)
def test_every_page_works_with_no_violation(strict_page, served_site, path):
    page = strict_page
    page.goto(served_site + path)
    assert page.evaluate("document.documentElement.classList.contains('js')")  # Material's inline scripts ran
    if page.locator(".xchart__plot").count():
        assert set(draw_all(page)) == {"drawn"}  # the live plotly chart, over the picture
        page.locator("details.xchart__share").first.evaluate("el => el.open = true")
        png = page.locator("details.xchart__share a[download$='.png']").first.get_attribute("href")
        assert page.request.get(page.url + png if not png.startswith("http") else png).ok
    page.wait_for_timeout(200)
    assert violations(page) == [], path
    assert [u for u in page.watch.requests if urlparse(u).hostname not in ("127.0.0.1", None)] == []


@pytest.mark.browser
def test_search_palette_and_instant_navigation_work_with_no_violation(strict_page, served_site):
    page = strict_page
    page.goto(served_site + "methodology/")
    page.evaluate("window.__noReload = true")
    # Search: Material's worker (a file of the site's own) answers.
    page.locator("input.md-search__input").click()
    page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim() !== ''")
    page.keyboard.type("Pokrovsk", delay=20)  # Material reads key events, not a filled value
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    page.keyboard.press("Escape")
    # The palette toggle (Material's inline palette script and its bundle).
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    for _ in range(3):  # automatic -> light -> dark: the first click may keep the scheme
        page.locator("form[data-md-component=palette] label:visible").first.click()
        if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before:
            break
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") != before
    # Instant navigation, then a chart drawn on the new page.
    page.locator(".md-nav--primary a.md-nav__link", has_text="The bridges").first.click()
    page.wait_for_url(served_site + "bridges/")
    page.wait_for_selector("article .xchart__plot")
    assert set(draw_all(page)) == {"drawn"}
    assert page.evaluate("window.__noReload") is True
    assert violations(page) == []


@pytest.mark.browser
def test_embed_pages_work_with_no_violation(strict_page, served_site):
    page = strict_page
    page.goto(served_site + "bridges/")
    embeds = page.locator("textarea.xchart__snippet").evaluate_all(
        "els => els.map(el => el.value.match(/src=.([^\\x22]+)./)[1])"
    )
    assert embeds
    for url in embeds[:2]:
        page.goto(url.replace("&amp;", "&"))
        assert set(draw_all(page)) == {"drawn"}
        assert violations(page) == [], url
    page.goto(served_site + "data/")
    assert page.locator(".xpackage a[href$='.zip']").count() == 1  # the footer links it too
    assert violations(page) == []
