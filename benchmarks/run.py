"""Performance budgets of the explainer (issue 6): `make bench`, or

    .venv/bin/python benchmarks/run.py [--quick] [--only NAME ...]

Measurements (names for --only): transfer, figures, cls, lighthouse, build, serve, scaling, caching.
Prints a table (budget, measured, pass/fail) and writes benchmarks/out/ (report.md, results.json,
scaling.svg, Lighthouse JSON). Exits 1 if any budget fails, after printing everything.
Never writes into the repository's docs/ or data/: every build runs on a scratch copy.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

import report
import synth
from report import Result, Section
from server import GZIP_LEVEL, free_port, serve

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"
OUT = BENCH / "out"
LIGHTHOUSE = BENCH / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
KB = 1024

# Budgets (issue 6).
PAGE_BUDGET = 550 * KB
PLAIN_JS_BUDGET = 5 * KB
FIGURE_BUDGET = 3 * KB
CLS_BUDGET = 0.0  # "0.00": below 0.005
LIGHTHOUSE_BUDGET = 95
BUILD_RATIO_BUDGET = 1.25
SERVE_BUDGET = 1.5
SCALING_BUDGET = 2.1
LOAD_BUDGET = 1.0

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}

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


# -- helpers -----------------------------------------------------------------
def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def median(values: list[float]) -> float:
    return statistics.median(values)


def mkdocs_build(project: Path, site_dir: Path, env: dict | None = None, check: bool = True) -> float:
    """Wall-clock seconds of `mkdocs build` in a subprocess (Python start-up included)."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--site-dir", str(site_dir)], cwd=project,
                          env={**ENV, **(env or {})}, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if check and proc.returncode != 0:
        raise RuntimeError(f"mkdocs build failed in {project}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return elapsed


def copy_project(dest: Path, hooks: bool = True) -> Path:
    """A scratch copy of the project; without hooks, mkdocs.yml loses its `hooks:` and `watch:`."""
    for name in ("docs", "data", "hooks", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not hooks:
        config = synth.drop_top_level(synth.drop_top_level(config, "hooks"), "watch")
        assert "hooks/mkdocs_hooks.py" not in config
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def pages_of(site: Path) -> list[str]:
    """Root-relative URLs of the site's pages (every index.html), home first."""
    urls = sorted(str(p.parent.relative_to(site)) + "/" for p in site.rglob("index.html"))
    return ["" if u == "./" else u for u in urls]


def html_of(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def has_charts(site: Path, url: str) -> bool:
    return 'class="xchart__plot"' in html_of(site, url)


class Context:
    """What the measurements share: options, a scratch dir, the served real site, one browser."""

    def __init__(self, quick: bool, tmp: Path, stack: contextlib.ExitStack):
        self.quick = quick
        self.tmp = tmp
        self.stack = stack
        self.sections: list[Section] = []
        self.details: dict = {}
        self._served: tuple[Path, str] | None = None
        self._browser = None

    def served(self) -> tuple[Path, str]:
        """The real project (a scratch copy) built for, and served at, a local gzip server."""
        if self._served is None:
            port = free_port()
            base = f"http://127.0.0.1:{port}/"
            project = copy_project(self.tmp / "served-project")
            site = self.tmp / "served-site"
            mkdocs_build(project, site, env={"SITE_URL": base})
            self.stack.enter_context(serve(site, port))
            self._served = (site, base)
        return self._served

    def browser(self):
        if self._browser is None:
            from playwright.sync_api import sync_playwright

            pw = self.stack.enter_context(sync_playwright())
            self._browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROME_ARGS)
            self.stack.callback(self._browser.close)
        return self._browser


# -- loading a page in Chromium ----------------------------------------------
def load_and_draw(ctx: Context, url: str, device: dict) -> dict:
    """Open url in a fresh context (empty cache), scroll each chart into view until all are drawn;
    return every response (gzip body and header bytes as transferred), chart states and layout shifts."""
    context = ctx.browser().new_context(**device)
    try:
        page = context.new_page()
        page.add_init_script(CLS_OBSERVER)
        finished = []
        page.on("requestfinished", lambda req: finished.append(req))
        page.goto(url, wait_until="load")
        plots = page.locator(".xchart__plot")
        for i in range(plots.count()):
            plots.nth(i).scroll_into_view_if_needed()
            page.wait_for_function(
                "i => ['drawn', 'failed'].includes(document.querySelectorAll('.xchart__plot')[i].getAttribute('data-state'))",
                arg=i, timeout=30000)
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
            responses.append({"url": req.url, "type": req.resource_type, "body": sizes["responseBodySize"],
                              "headers": sizes["responseHeadersSize"],
                              "encoding": (resp.headers.get("content-encoding", "") if resp else "")})
        return {"responses": responses, "states": states, "cls": cls, "shifts": shifts}
    finally:
        context.close()


def category(url: str) -> str:
    path = urlsplit(url).path
    if "plotly" in path:
        return "plotly.js"
    if path.startswith("/javascripts/"):
        return "own JS (docs/javascripts)"
    if path.startswith("/stylesheets/"):
        return "own CSS"
    if path.startswith("/assets/javascripts/"):
        return "Material JS (incl. search worker)"
    if path.startswith("/assets/stylesheets/"):
        return "Material CSS"
    if "search_index" in path:
        return "search index"
    if path.endswith("/") or path.endswith(".html"):
        return "HTML"
    return "other"


# -- 1. transfer ---------------------------------------------------------------
def measure_transfer(ctx: Context) -> list[Result]:
    site, base = ctx.served()
    rows = []
    estimated = set()
    for url in pages_of(site):
        load = load_and_draw(ctx, base + url, DESKTOP)
        for r in load["responses"]:
            # Chromium reports no body size for a worker's script (Material's search worker):
            # count the file's gzip size instead.
            file = site / urlsplit(r["url"]).path.lstrip("/")
            if r["body"] == 0 and file.is_file():
                r["body"] = len(gzip.compress(file.read_bytes(), GZIP_LEVEL))
                estimated.add(urlsplit(r["url"]).path)
        total = sum(r["body"] + r["headers"] for r in load["responses"])
        by_cat: dict[str, int] = {}
        for r in load["responses"]:
            by_cat[category(r["url"])] = by_cat.get(category(r["url"]), 0) + r["body"] + r["headers"]
        rows.append((url, total, by_cat, load))
    ungzipped = [r["url"] for _, _, _, ld in rows for r in ld["responses"]
                 if r["encoding"] != "gzip" and re.search(r"\.(html|js|css|json|svg|xml)$|/$", r["url"].split("?")[0])]
    chart_rows = [r for r in rows if r[3]["states"]]
    plain_rows = [r for r in rows if not r[3]["states"]]
    results = []
    undrawn = {url: ld["states"] for url, _, _, ld in chart_rows if any(s != "drawn" for s in ld["states"])}
    if chart_rows:
        url, total, by_cat, load = max(chart_rows, key=lambda r: r[1])
        results.append(Result("transfer", f"heaviest chart page (/{url}, {len(load['states'])} charts drawn)",
                              f"≤ {kb(PAGE_BUDGET)} gzip", kb(total), total <= PAGE_BUDGET and not undrawn,
                              f"charts not drawn: {undrawn}" if undrawn else ""))
    for url, total, by_cat, load in plain_rows:
        plotly = [r["url"] for r in load["responses"] if "plotly" in r["url"]]
        own_js = by_cat.get("own JS (docs/javascripts)", 0)
        results.append(Result("transfer", f"page without charts /{url}: plotly.js fetched; own JS",
                              f"none; ≤ {kb(PLAIN_JS_BUDGET)}", f"{'yes' if plotly else 'none'}; {kb(own_js)}",
                              not plotly and own_js <= PLAIN_JS_BUDGET))
    cats = sorted({c for _, _, by_cat, _ in rows for c in by_cat})
    lines = ["Everything transferred (response bodies as sent, gzip level "
             f"{GZIP_LEVEL} by the benchmark's server for text types, plus response headers) from a cold cache, "
             "after scrolling every chart into view until all are drawn. Desktop viewport 1280×900.", "",
             "| page | charts | requests | total | " + " | ".join(cats) + " |", "| --- " * (4 + len(cats)) + "|"]
    for url, total, by_cat, load in rows:
        lines.append(f"| /{url} | {len(load['states'])} | {len(load['responses'])} | **{kb(total)}** | "
                     + " | ".join(kb(by_cat[c]) if c in by_cat else "–" for c in cats) + " |")
    if estimated:
        lines += ["", "Sizes computed from the file (gzip level 6) because Chromium reports no body size for them: "
                  + ", ".join(f"`{u}`" for u in sorted(estimated)) + "."]
    if ungzipped:
        lines += ["", f"Text responses not gzipped (check the server): {ungzipped}"]
    ctx.sections.append(Section("1. Transfer per page", lines))
    ctx.details["transfer"] = {url: {"total": total, "by_category": by_cat, "responses": ld["responses"]} for url, total, by_cat, ld in rows}
    return results


# -- 2. figures ----------------------------------------------------------------
def has_key(value, key: str) -> bool:
    if isinstance(value, dict):
        return key in value or any(has_key(v, key) for v in value.values())
    if isinstance(value, list):
        return any(has_key(v, key) for v in value)
    return False


def measure_figures(ctx: Context) -> list[Result]:
    site, _ = ctx.served()
    charts = []
    for url in pages_of(site):
        soup = BeautifulSoup(html_of(site, url), "html.parser")
        for el in soup.select(".xchart__plot[data-figure]"):
            figure = json.loads(el["data-figure"])
            compact = json.dumps(figure, separators=(",", ":"), ensure_ascii=False).encode()
            chart_id = el.find_parent("figure")["data-chart"]
            charts.append({"chart": chart_id, "page": url, "attribute": len(el["data-figure"].encode()),
                           "compact": len(compact), "gzip": len(gzip.compress(compact, GZIP_LEVEL)),
                           "template": has_key(figure.get("layout", {}), "template") or has_key(figure, "template")})
    avg = sum(c["gzip"] for c in charts) / len(charts) if charts else 0
    templated = [c["chart"] for c in charts if c["template"]]
    lines = [f"Each `data-figure` value JSON-decoded, re-serialised compactly, gzip level {GZIP_LEVEL}.", "",
             "| chart | page | attribute value | compact JSON | gzip | template |", "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {c['chart']} | /{c['page']} | {kb(c['attribute'])} | {kb(c['compact'])} | {kb(c['gzip'])} | {'yes' if c['template'] else 'no'} |"
              for c in sorted(charts, key=lambda c: -c["gzip"])]
    ctx.sections.append(Section("2. Figure JSON per chart", lines))
    ctx.details["figures"] = charts
    biggest = max(charts, key=lambda c: c["gzip"]) if charts else None
    return [Result("figures", f"figure JSON, mean of {len(charts)} charts", f"≤ {kb(FIGURE_BUDGET)} gzip", kb(avg), bool(charts) and avg <= FIGURE_BUDGET,
                   f"largest: {biggest['chart']} {kb(biggest['gzip'])}" if biggest else "no charts found"),
            Result("figures", "figures with a `template` key", "0", str(len(templated)), not templated, ", ".join(templated))]


# -- 3. CLS and Lighthouse -------------------------------------------------------
def measure_cls(ctx: Context) -> list[Result]:
    site, base = ctx.served()
    lines = ["Sum of `layout-shift` entries without recent input (PerformanceObserver, buffered) from load "
             f"until every chart is drawn, scrolling each into view; the worst of {2 if ctx.quick else 5} cold loads per page and viewport.", "",
             "| page | phone 412×823 | desktop 1280×900 | shifting elements |", "| --- | --- | --- | --- |"]
    worst = (0.0, "")
    loads = 2 if ctx.quick else 5
    for url in [u for u in pages_of(site) if has_charts(site, u)]:
        cells, sources = [], set()
        for device in (PHONE, DESKTOP):
            values = []
            for _ in range(loads):  # the shift may depend on when the first paint lands: repeat
                load = load_and_draw(ctx, base + url, device)
                values.append(load["cls"])
                sources |= {s for shift in load["shifts"] for s in shift["sources"]}
                if load["cls"] > worst[0]:
                    worst = (load["cls"], url)
            shifted = sum(v > 0 for v in values)
            cells.append(f"{max(values):.4f}" + (f" ({shifted} of {loads} loads shift)" if shifted else ""))
        lines.append(f"| /{url} | {cells[0]} | {cells[1]} | {', '.join(sorted(sources)) or '–'} |")
    ctx.sections.append(Section("3a. Cumulative layout shift (Playwright)", lines))
    return [Result("cls", f"CLS, worst load of any chart page (phone, desktop; {loads} loads each)", "0.00", f"{worst[0]:.3f}" + (f" (/{worst[1]})" if worst[1] else ""),
                   round(worst[0], 2) <= CLS_BUDGET)]


def lighthouse_once(url: str, out: Path) -> dict:
    flags = "--chrome-flags=" + " ".join(["--headless=new", *CHROME_ARGS])
    proc = subprocess.run([str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out}",
                           "--only-categories=performance", "--form-factor=mobile", flags],
                          env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"lighthouse exited {proc.returncode}: {proc.stderr.strip()[-1500:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    if lhr.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error: {lhr['runtimeError']}")
    audits = lhr["audits"]
    pick = lambda k: audits[k].get("numericValue")  # noqa: E731
    return {"score": round(lhr["categories"]["performance"]["score"] * 100), "fcp": pick("first-contentful-paint"),
            "lcp": pick("largest-contentful-paint"), "tbt": pick("total-blocking-time"), "cls": pick("cumulative-layout-shift"),
            "si": pick("speed-index"), "benchmark_index": lhr.get("environment", {}).get("benchmarkIndex"),
            "warnings": lhr.get("runWarnings", [])}


def measure_lighthouse(ctx: Context) -> list[Result]:
    if not LIGHTHOUSE.exists():
        return [Result("lighthouse", "Lighthouse mobile performance, every page", f"≥ {LIGHTHOUSE_BUDGET}", "not run", False,
                       f"{LIGHTHOUSE.relative_to(ROOT)} is missing: run `npm ci --prefix benchmarks` (make bench does)")]
    site, base = ctx.served()
    runs = 3
    out_dir = OUT / "lighthouse"
    out_dir.mkdir(parents=True, exist_ok=True)
    lines = [f"Lighthouse {report._version([str(LIGHTHOUSE), '--version'])}, mobile form factor, default (simulated) throttling, "
             f"median score of {runs} runs per page; metrics from the median run.", "",
             "| page | score (runs) | FCP | LCP | TBT | CLS | Speed Index | benchmarkIndex |", "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    scores = {}
    for url in pages_of(site):
        name = url.strip("/").replace("/", "_") or "home"
        results = [lighthouse_once(base + url, out_dir / f"{name}-{i}.json") for i in range(runs)]
        results.sort(key=lambda r: r["score"])
        mid = results[len(results) // 2]
        scores[url] = mid["score"]
        lines.append(f"| /{url} | **{mid['score']}** ({', '.join(str(r['score']) for r in results)}) | {mid['fcp']:.0f} ms | {mid['lcp']:.0f} ms | "
                     f"{mid['tbt']:.0f} ms | {mid['cls']:.3f} | {mid['si']:.0f} ms | {mid['benchmark_index']} |")
    ctx.sections.append(Section("3b. Lighthouse (mobile)", lines))
    ctx.details["lighthouse"] = scores
    worst = min(scores, key=scores.get)
    below = [f"/{u} {s}" for u, s in scores.items() if s < LIGHTHOUSE_BUDGET]
    return [Result("lighthouse", f"Lighthouse mobile performance, worst of {len(scores)} pages", f"≥ {LIGHTHOUSE_BUDGET}",
                   f"{scores[worst]} (/{worst})", not below, ("below budget: " + ", ".join(below)) if below else "")]


# -- 4. build time ---------------------------------------------------------------
def breakdown(project: Path, site: Path, runs: int) -> dict[str, float]:
    """Median milliseconds per phase and plugin event (benchmarks/breakdown.py, one subprocess a run)."""
    samples: dict[str, list[float]] = {}
    for _ in range(runs):
        proc = subprocess.run([sys.executable, str(BENCH / "breakdown.py"), str(site)], cwd=project, env=ENV,
                              capture_output=True, text=True, timeout=600)
        if proc.returncode != 0:
            raise RuntimeError(f"breakdown failed: {proc.stderr[-2000:]}")
        for key, ms in json.loads(proc.stdout).items():
            samples.setdefault(key, []).append(ms)
    return {key: median(v + [0.0] * (runs - len(v))) for key, v in samples.items()}


def breakdown_table(hooked: dict[str, float], plain: dict[str, float]) -> list[str]:
    keys = sorted(set(hooked) | set(plain), key=lambda k: -abs(hooked.get(k, 0) - plain.get(k, 0)))
    lines = ["Where the time goes (in-process timing of each phase and plugin event, `benchmarks/breakdown.py`, medians; "
             "the hooks module counts as a plugin):", "",
             "| phase or event | with hooks | plain | difference |", "| --- | --- | --- | --- |"]
    for k in keys:
        h, p = hooked.get(k, 0.0), plain.get(k, 0.0)
        if max(h, p) >= 1:
            lines.append(f"| {k} | {h:.0f} ms | {p:.0f} ms | {h - p:+.0f} ms |")
    return lines


def measure_build(ctx: Context) -> list[Result]:
    runs = 3 if ctx.quick else 7
    hooked = copy_project(ctx.tmp / "build-hooked")
    plain = copy_project(ctx.tmp / "build-plain", hooks=False)
    times: dict[str, list[float]] = {"hooked": [], "plain": []}
    for name, project in (("hooked", hooked), ("plain", plain)):
        mkdocs_build(project, ctx.tmp / f"site-{name}")  # warm-up: bytecode and file caches
    for _ in range(runs):  # interleaved, so drift on the machine hits both alike
        for name, project in (("hooked", hooked), ("plain", plain)):
            times[name].append(mkdocs_build(project, ctx.tmp / f"site-{name}"))
    h, p = median(times["hooked"]), median(times["plain"])
    ratio = h / p
    lines = [f"`mkdocs build` wall clock in a subprocess (Python start-up included), NO_MKDOCS_2_WARNING=1, median of {runs} "
             "interleaved runs after one warm-up each. Plain Material: the same docs/ and overrides/ with `hooks:` and `watch:` "
             "removed from mkdocs.yml (directives stay literal text).", "",
             "| build | median | runs |", "| --- | --- | --- |",
             f"| with hooks | {h:.3f} s | {', '.join(f'{t:.3f}' for t in times['hooked'])} |",
             f"| plain Material | {p:.3f} s | {', '.join(f'{t:.3f}' for t in times['plain'])} |",
             f"| ratio | {ratio:.2f}× | |"]
    split = {name: breakdown(project, ctx.tmp / f"site-{name}", runs) for name, project in (("hooked", hooked), ("plain", plain))}
    lines += [""] + breakdown_table(split["hooked"], split["plain"])
    ctx.sections.append(Section("4. Build time against plain Material", lines))
    ctx.details["build"] = {"times": times, "breakdown": split}
    return [Result("build", f"build time with hooks / plain Material ({h:.2f} s / {p:.2f} s)", f"≤ {BUILD_RATIO_BUDGET}×", f"{ratio:.2f}×",
                   ratio <= BUILD_RATIO_BUDGET)]


# -- 5. mkdocs serve ---------------------------------------------------------------
def wait_for_http(url: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("mkdocs serve did not start")
            time.sleep(0.2)


def first_chart_title(project: Path) -> tuple[str, str]:
    """(page url, title) of a chart whose title is a one-line `title:` in data/charts.yml."""
    import yaml

    charts = yaml.safe_load((project / "data" / "charts.yml").read_text(encoding="utf-8"))
    text = (project / "data" / "charts.yml").read_text(encoding="utf-8")
    for md in sorted((project / "docs").glob("*.md")):
        for chart_id in re.findall(r"^::chart\[([\w-]+)\]", md.read_text(encoding="utf-8"), re.M):
            spec = next((c for c in charts if c.get("id") == chart_id), None)
            if spec and f"title: {spec['title']}\n" in text:
                return ("" if md.stem == "index" else md.stem + "/"), spec["title"]
    raise RuntimeError("no chart with a one-line title in data/charts.yml")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@contextlib.contextmanager
def mkdocs_serve(project: Path, log: Path):
    """`mkdocs serve --livereload` on a free port; yields the base URL, stops the server after."""
    port = free_port()
    with log.open("w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
                                cwd=project, env=ENV, stdout=out, stderr=subprocess.STDOUT)
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for_http(base, proc)
            yield base
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def time_title_edits(page, charts_yml: Path, title: str, runs: int) -> list[float]:
    """Seconds from writing a new chart title to the reloaded page showing it, once per run."""
    times, current = [], title
    for i in range(runs):
        new = f"{title} (edit {i})"
        text = charts_yml.read_text(encoding="utf-8").replace(f"title: {current}\n", f"title: {new}\n", 1)
        start = time.perf_counter()
        charts_yml.write_text(text, encoding="utf-8")
        page.wait_for_selector(f".xchart__title:text-is({json.dumps(new)})", timeout=30000)
        times.append(time.perf_counter() - start)
        current = new
        time.sleep(1.0)  # let the server settle before the next edit
    return times


def measure_serve(ctx: Context) -> list[Result]:
    runs = 3 if ctx.quick else 5
    project = copy_project(ctx.tmp / "serve-project")
    page_url, title = first_chart_title(project)
    with mkdocs_serve(project, ctx.tmp / "serve.log") as base:
        context = ctx.browser().new_context(**DESKTOP)
        try:
            page = context.new_page()
            page.goto(base + page_url)
            page.wait_for_selector(".xchart__title")
            time.sleep(1.0)  # the live-reload long poll is connected
            times = time_title_edits(page, project / "data" / "charts.yml", title, runs)
        finally:
            context.close()
    m = median(times)
    ctx.sections.append(Section("5. mkdocs serve: data edit to reloaded page", [
        f"`mkdocs serve --livereload` on a scratch copy; /{page_url} open in Chromium; the title of one chart in "
        "data/charts.yml rewritten; time from the file write to the reloaded page showing the new title.", "",
        f"Runs: {', '.join(f'{t:.2f} s' for t in times)}; median **{m:.2f} s**."]))
    ctx.details["serve"] = times
    return [Result("serve", f"serve: data edit → reloaded page (median of {runs})", f"≤ {SERVE_BUDGET} s", f"{m:.2f} s", m <= SERVE_BUDGET)]


# -- 6. scaling --------------------------------------------------------------------
def time_load(data_dir: Path, runs: int) -> tuple[list[float], int, int]:
    """In-process: explainer.data.load over data_dir (imports done first)."""
    sys.path.insert(0, str(ROOT / "hooks"))
    from explainer.data import load
    from explainer.problems import Problems

    times, rows, errors = [], 0, 0
    for _ in range(runs + 1):  # the first call warms imports and pydantic's validators; not counted
        problems = Problems()
        start = time.perf_counter()
        ds = load(data_dir, problems)
        times.append(time.perf_counter() - start)
        rows, errors = len(ds.observations), len(problems.errors)
    return times[1:], rows, errors


def measure_scaling(ctx: Context) -> list[Result]:
    n = 10 if ctx.quick else 20
    counts = [n, 2 * n] if ctx.quick else [n // 2, n, 2 * n, 4 * n]
    runs = 1 if ctx.quick else 3
    data_dir = ctx.tmp / "synth-data"
    rows_written = synth.write_data(data_dir)
    load_runs = 3 if ctx.quick else 5
    rows_only, _, _ = time_load(data_dir, load_runs)
    results = []
    points = []
    for count in counts:
        project = synth.write_site(ROOT, ctx.tmp / f"synth-{count}", count, data_dir=data_dir)
        mkdocs_build(project, ctx.tmp / f"synth-site-{count}")  # warm-up
        points.append((count, median([mkdocs_build(project, ctx.tmp / f"synth-site-{count}") for _ in range(runs)])))
    # What a build of the N-page site loads: the 100,000 rows and its 4N chart specs (each checked to draw rows).
    load_times, rows, errors = time_load(ctx.tmp / f"synth-{n}" / "data", load_runs)
    t = dict(points)
    ratio = t[2 * n] / t[n]
    (OUT / "scaling.svg").write_text(report.svg_chart(points, "Build time against site size"), encoding="utf-8")
    lines = [f"A generated site: pages with {synth.CHARTS_PER_PAGE} charts (2 time series, 1 bar, 1 timeline) and {synth.FACTS_PER_PAGE} facts each, "
             f"over {rows_written:,} observation rows ({synth.METRICS} metrics × {synth.CLAIMANTS} claimants × {synth.DATES} dates), "
             f"{synth.SOURCES} sources, {synth.EVENTS} events. `mkdocs build` wall clock, median of {runs} after a warm-up.", "",
             "| pages | charts | build |", "| --- | --- | --- |"]
    lines += [f"| {c} | {c * synth.CHARTS_PER_PAGE} | {s:.2f} s |" for c, s in points]
    lines += ["", "```", *report.bar_chart(points), "```", "", "![build time against page count](scaling.svg)", "",
              f"Loading and validating the data in-process with `explainer.data.load` (after one warm-up call), the {n}-page site's "
              f"data/ ({rows:,} valid observation rows, {n * synth.CHARTS_PER_PAGE} chart specs, {errors} errors): "
              f"{', '.join(f'{x * 1000:.0f} ms' for x in load_times)} (median **{median(load_times) * 1000:.0f} ms**). "
              f"The same rows with a single chart spec: median {median(rows_only) * 1000:.0f} ms."]
    ctx.sections.append(Section("6. Scaling", lines))
    ctx.details["scaling"] = {"points": points, "load": load_times}
    results.append(Result("scaling", f"build time({2 * n} pages) / time({n} pages) ({t[2 * n]:.2f} s / {t[n]:.2f} s)", f"≤ {SCALING_BUDGET}",
                          f"{ratio:.2f}", ratio <= SCALING_BUDGET))
    ok = rows == rows_written and errors == 0
    results.append(Result("scaling", f"load + validate {rows_written:,} rows (median, in-process)", f"≤ {LOAD_BUDGET:.1f} s", f"{median(rows_only):.2f} s",
                          median(rows_only) <= LOAD_BUDGET and ok,
                          (f"{errors} errors, {rows} rows kept; " if not ok else "") +
                          f"with the {n}-page site's {n * synth.CHARTS_PER_PAGE} chart specs as well (each checked against every row): {median(load_times):.2f} s"))
    return results


# -- 7. caching ----------------------------------------------------------------------
HASHED = {
    "runtime script": r"javascripts/charts\.([0-9a-f]{10})\.js",
    "stylesheet": r"stylesheets/explainer\.([0-9a-f]{10})\.css",
    "plotly.js": r"assets/vendor/plotly-basic\.\d+\.\d+\.\d+\.([0-9a-f]{10})\.min\.js",
}


def figures_by_chart(site: Path) -> dict[str, str]:
    out = {}
    for url in pages_of(site):
        for el in BeautifulSoup(html_of(site, url), "html.parser").select(".xchart__plot[data-figure]"):
            out[el.find_parent("figure")["data-chart"]] = el["data-figure"]
    return out


def drawn_row_edit(project: Path, site: Path, chart_id: str) -> tuple[str, str, str]:
    """A line of data/observations.csv drawn in chart_id, and the same line with a new value."""
    import csv

    first = next(csv.DictReader((site / "assets" / "data" / f"{chart_id}.csv").open(encoding="utf-8")))
    prefix = f"{first['date']},{first['metric']},{first['value']},{first['claimant']},"
    for line in (project / "data" / "observations.csv").read_text(encoding="utf-8").splitlines():
        if line.startswith(prefix):
            return line, line.replace(prefix, f"{first['date']},{first['metric']},98765.4,{first['claimant']},", 1), "98765.4"
    raise RuntimeError(f"no observations.csv line starts with {prefix!r}")


def measure_caching(ctx: Context) -> list[Result]:
    site, _ = ctx.served()
    results, lines = [], []
    html = "".join(html_of(site, u) for u in pages_of(site))
    for what, pattern in HASHED.items():
        found = sorted(set(re.findall(r"(?:\.\./)*(" + pattern.replace("(", "(?:", 1) + ")", html)))
        ok = len(found) == 1 and (site / found[0]).is_file()
        name = found[0] if found else "not referenced"
        if ok:
            digest = re.search(pattern, name).group(1)
            ok = hashlib.sha256((site / name).read_bytes()).hexdigest()[:10] == digest
        lines.append(f"- {what}: `{name}` ({'name carries the sha256 of its content' if ok else 'NOT content-hashed'})")
        results.append(Result("caching", f"{what} under a content-hashed name", "yes", name.rsplit("/", 1)[-1] if found else "no", ok))

    project = copy_project(ctx.tmp / "cache-project")
    before_site, after_site = ctx.tmp / "cache-before", ctx.tmp / "cache-after"
    mkdocs_build(project, before_site)
    before = figures_by_chart(before_site)
    series = [c for c in before if (before_site / "assets" / "data" / f"{c}.csv").exists() and
              open(before_site / "assets" / "data" / f"{c}.csv", encoding="utf-8").readline().startswith("date,metric,")]
    chart_id = series[0]
    old, new, value = drawn_row_edit(project, before_site, chart_id)
    replace_in(project / "data" / "observations.csv", old, new)
    mkdocs_build(project, after_site)
    after = figures_by_chart(after_site)
    changed = before[chart_id] != after[chart_id] and value in after[chart_id]
    uses_metric = {c for c in before if c != chart_id and before[c] != after.get(c)}
    lines += ["", f"Data edit: one value drawn in `{chart_id}` set to {value} in a scratch copy of data/observations.csv, then rebuilt: "
              f"its figure {'changed and shows the new value' if changed else 'DID NOT change (stale)'}; "
              f"other figures that changed: {', '.join(sorted(uses_metric)) or 'none'}."]
    results.append(Result("caching", f"figure of `{chart_id}` after a data edit + rebuild", "new value", "new value" if changed else "STALE", changed))
    ctx.sections.append(Section("7. Caching", lines))
    return results


MEASUREMENTS = {
    "transfer": measure_transfer,
    "figures": measure_figures,
    "cls": measure_cls,
    "lighthouse": measure_lighthouse,
    "build": measure_build,
    "serve": measure_serve,
    "scaling": measure_scaling,
    "caching": measure_caching,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="skip Lighthouse, fewer repeats")
    parser.add_argument("--only", action="append", choices=sorted(MEASUREMENTS), metavar="NAME",
                        help=f"run only this measurement (repeatable): {', '.join(MEASUREMENTS)}")
    args = parser.parse_args(argv)
    chosen = args.only or list(MEASUREMENTS)
    OUT.mkdir(parents=True, exist_ok=True)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="xpl-bench-") as tmp, contextlib.ExitStack() as stack:
        ctx = Context(args.quick, Path(tmp), stack)
        for name in MEASUREMENTS:
            if name not in chosen:
                continue
            if name == "lighthouse" and args.quick:
                results.append(Result(name, "Lighthouse mobile performance, every page", f"≥ {LIGHTHOUSE_BUDGET}", "–", None, "skipped by --quick"))
                continue
            print(f"[bench] {name} …", file=sys.stderr, flush=True)
            start = time.perf_counter()
            try:
                results += MEASUREMENTS[name](ctx)
            except Exception as exc:  # report and go on: every budget gets its line
                traceback.print_exc()
                results.append(Result(name, name, "runs", "error", False, f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"))
            print(f"[bench] {name} done in {time.perf_counter() - start:.1f} s", file=sys.stderr, flush=True)
        facts = report.machine(LIGHTHOUSE)
        report.write_markdown(OUT / "report.md", facts, results, ctx.sections, args.quick)
        (OUT / "results.json").write_text(json.dumps({"machine": facts, "quick": args.quick, "results": [asdict(r) for r in results],
                                                      "details": ctx.details}, indent=1, default=str), encoding="utf-8")
    print()
    print("Machine: " + "; ".join(f"{k} {v}" for k, v in facts.items()))
    print()
    print(report.table(results))
    print(f"\nDetails: {(OUT / 'report.md').relative_to(ROOT)}, {(OUT / 'results.json').relative_to(ROOT)}"
          + (f", {(OUT / 'scaling.svg').relative_to(ROOT)}" if "scaling" in chosen else ""))
    failed = [r for r in results if r.ok is False]
    print(f"\n{len(failed)} of {len(results)} budget lines failed." if failed else f"\nAll {sum(r.ok is True for r in results)} budget lines pass.")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
