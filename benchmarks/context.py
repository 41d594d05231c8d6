"""What the measurements share: where outputs go, the Context (options, a scratch dir, the served real
site, one browser), reading the built site, and loading a page in Chromium until its charts are drawn."""

from __future__ import annotations

import contextlib
import statistics
from pathlib import Path

from report import CHROMIUM, Section

from harness.net import build_and_serve
from harness.project import ROOT, copy_project

BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
KB = 1024

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}
# A phone on a slow mobile line: 150 ms latency, 1.6 Mbit/s down, 750 kbit/s up, and a CPU 4x slower.
SLOW_LINE = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
CPU_SLOWDOWN = 4

# Runs in every page before its scripts: sums layout shifts not caused by input (buffered).
CLS_OBSERVER = """
window.__cls = 0; window.__shifts = [];
new PerformanceObserver(function (list) {
  list.getEntries().forEach(function (e) {
    if (e.hadRecentInput) return;
    window.__cls += e.value;
    window.__shifts.push({value: e.value, at: Math.round(e.startTime), sources: (e.sources || []).map(function (s) {
      var n = s.node; if (!n || !n.tagName) return String(n && n.nodeName);
      var fig = n.closest && n.closest("figure.xchart");
      return n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.className && n.className.baseVal === undefined ? "." + String(n.className).trim().split(/\\s+/).join(".") : "") + (fig ? " in #" + fig.id : "");
    })});
  });
}).observe({type: "layout-shift", buffered: true});
"""


def throttled_phone(ctx: Context, url: str, probe: str):
    """(context, page, requested urls): url loaded on a throttled phone with probe run first; the
    caller closes the context."""
    context = ctx.browser().new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_LINE)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.add_init_script(probe)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(url, wait_until="load", timeout=120000)
    except Exception:
        context.close()
        raise
    return context, page, requests


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def median(values: list[float]) -> float:
    return statistics.median(values)


def pages_of(site: Path) -> list[str]:
    """Root-relative URLs of the site's pages (every index.html), home first."""
    urls = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    return ["" if u == "./" else u for u in urls]


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def has_charts(site: Path, url: str) -> bool:
    return 'class="xchart__plot"' in html_of(site, url)


class Context:
    """What the measurements share: options, a scratch dir, the served real site, one browser;
    what they report (sections of report.md, details for results.json, extra files for out/)."""

    def __init__(self, quick: bool, tmp: Path, stack: contextlib.ExitStack):
        self.quick = quick
        self.tmp = tmp
        self.stack = stack
        self.sections: list[Section] = []
        self.details: dict = {}
        self.files: dict[str, str] = {}  # name in benchmarks/out/ -> text
        self._served: tuple[Path, str] | None = None
        self._browser = None

    def served(self) -> tuple[Path, str]:
        """The real project (a scratch copy) built for, and served at, a local gzip server."""
        if self._served is None:
            project = copy_project(self.tmp / "served-project")
            site = self.tmp / "served-site"
            base = self.stack.enter_context(build_and_serve(project, site))
            self._served = (site, base)
        return self._served

    def browser(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            pw = self.stack.enter_context(sync_playwright())
            self._browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            self.stack.callback(self._browser.close)
        return self._browser


def reach(page, locator, touch: bool) -> None:
    """The reader asks for a chart's live version: its "Zoom and pan" button, tapped on a phone,
    clicked on a desktop (the picture answers taps and hovers by itself, without plotly.js)."""
    button = locator.locator("xpath=ancestor::figure[1]//button[contains(@class, 'xchart__explore')]")
    button.scroll_into_view_if_needed()
    if touch:
        button.tap()
    else:
        button.click()


def load_and_draw(ctx: Context, url: str, device: dict, touch_charts: bool = True, search: str = "") -> dict:
    """Open url in a fresh context (empty cache) and bring each chart into view: reaching for it
    (touch_charts, until all are drawn) or only scrolling past it (a reader who never touches a
    chart: the pictures stand); then, given `search`, type it into the search field and wait for
    the results (the search index and worker load on first use). Returns every response (gzip body
    and header bytes as transferred), chart states and layout shifts."""
    context = ctx.browser().new_context(**device)
    try:
        page = context.new_page()
        page.add_init_script(CLS_OBSERVER)
        finished = []
        page.on("requestfinished", lambda req: finished.append(req))
        page.goto(url, wait_until="load")
        plots = page.locator(".xchart__plot")
        for i in range(plots.count()):
            if not touch_charts:
                plots.nth(i).scroll_into_view_if_needed()
                page.wait_for_timeout(100)
                continue
            reach(page, plots.nth(i), bool(device.get("has_touch")))
            page.wait_for_function(
                "i => ['drawn', 'failed'].includes(document.querySelectorAll('.xchart__plot')[i].getAttribute('data-state'))",
                arg=i,
                timeout=30000,
            )
        if search:
            box = page.locator("input.md-search__input")
            box.click()
            box.fill(search)  # Cyrillic typed key by key reaches the page as no key event
            box.press("End")  # Material reads the field on a key event
            page.wait_for_selector(".md-search-result__item", state="attached", timeout=30000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # trailing resizes and shifts
        states = page.eval_on_selector_all(".xchart__plot", "els => els.map(e => e.getAttribute('data-state'))")
        cls, shifts = page.evaluate("[window.__cls, window.__shifts]")
        responses = []
        for req in finished:
            if req.url.startswith("data:"):
                continue
            sizes = req.sizes()
            resp = req.response()
            responses.append(
                {
                    "url": req.url,
                    "type": req.resource_type,
                    "body": sizes["responseBodySize"],
                    "headers": sizes["responseHeadersSize"],
                    "encoding": (resp.headers.get("content-encoding", "") if resp else ""),
                }
            )
        return {"responses": responses, "states": states, "cls": cls, "shifts": shifts}
    finally:
        context.close()
