"""3c. Answers from the picture on a throttled phone (slow 4G, 4× CPU): from a tap on a mark to its
answer on screen, beside a tap on "Zoom and pan" to the live plotly chart; and the size of the
page script that does the answering (everything but plotly.js)."""

from __future__ import annotations

import gzip

from context import Context, kb, median, throttled_phone
from report import Result, Section

TAP_TO_ANSWER_BUDGET = 100  # ms
RUNTIME_BUDGET = 10 * 1024  # bytes gzipped
PAGE = "incursion/"
CHART = "settlements-claims"

# Before the page's scripts: the time of the latest pointerdown, and of the first animation frame
# after the answer (or the live chart) appeared.
PROBE = """
window.__tap = null; window.__shown = null;
addEventListener('pointerdown', function (e) { window.__tap = e.timeStamp; window.__shown = null; }, true);
window.__frameAfter = function (test) {
  (function check() {
    if (test()) { requestAnimationFrame(function (t) { window.__shown = t; }); return; }
    requestAnimationFrame(check);
  })();
};
"""
ANSWER_SHOWN = (
    "() => __frameAfter(() => { const a = document.querySelector('#chart-" + CHART + " .xchart__answer');"
    " return a && !a.hidden; })"
)
LIVE_SHOWN = (
    "() => __frameAfter(() => document.querySelector('#chart-" + CHART + " .xchart__plot')"
    ".getAttribute('data-state') === 'drawn')"
)


def _throttled_page(ctx: Context, url: str):
    context, page, requests = throttled_phone(ctx, url, PROBE)
    page.wait_for_timeout(500)
    return context, page, requests


def one_run(ctx: Context, url: str) -> tuple[float, float, int]:
    """(tap to answer, tap to live chart) in ms, and plotly.js requests before the zoom was asked for."""
    context, page, requests = _throttled_page(ctx, url)
    try:
        figure = page.locator(f"#chart-{CHART}")
        figure.locator(".xchart__plot").scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        x, y = figure.evaluate(
            """fig => { const svg = [...fig.querySelectorAll('.xchart__svg')].filter(s => s.getClientRects().length)[0];
                        const r = svg.querySelectorAll('[data-row]')[2].getBoundingClientRect();
                        return [r.left + r.width / 2, r.top + r.height / 2]; }"""
        )
        page.evaluate(ANSWER_SHOWN)
        page.touchscreen.tap(x, y)
        page.wait_for_function("window.__shown !== null", timeout=30000)
        answer = page.evaluate("window.__shown - window.__tap")
        plotly_before = sum("plotly" in u for u in requests)
        page.evaluate(LIVE_SHOWN)
        figure.locator(".xchart__explore").tap()
        page.wait_for_function("window.__shown !== null", timeout=120000)
        live = page.evaluate("window.__shown - window.__tap")
        return answer, live, plotly_before
    finally:
        context.close()


def runtime_bytes(site) -> dict[str, int]:
    """Every script a page of the site loads but plotly.js (and the embed page's own), gzipped."""
    scripts = [p for p in (site / "javascripts").glob("*.js") if not p.name.startswith("embed")]
    return {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in scripts}


def measure(ctx: Context) -> list[Result]:
    site, base = ctx.served()
    runs = 3 if ctx.quick else 5
    results = [one_run(ctx, base + PAGE) for _ in range(runs)]
    answer = median([a for a, _, _ in results])
    live = median([b for _, b, _ in results])
    plotly = max(n for _, _, n in results)
    sizes = runtime_bytes(site)
    total = sum(sizes.values())
    ctx.sections.append(
        Section(
            "3c. Answers from the picture on a throttled phone",
            [
                f"/{PAGE}, chart #{CHART}, in Chromium, 412×823 phone, slow 4G (1.6 Mbps, 150 ms RTT) and 4× CPU "
                f"throttling, cold cache; median of {runs} runs. Tap to answer: from the tap's pointerdown to the "
                "first animation frame after the answer is on screen. Tap to live chart: from the tap on "
                '"Zoom and pan" to the first frame after plotly.js has drawn the chart.',
                "",
                "| tap to answer | tap to live chart | plotly.js requests before the zoom | runs: answer / live (ms) |",
                "| --- | --- | --- | --- |",
                f"| {answer:.0f} ms | {live:.0f} ms | {plotly} | "
                + ", ".join(f"{a:.0f} / {b:.0f}" for a, b, _ in results)
                + " |",
                "",
                "Page script besides plotly.js (gzip -9): "
                + ", ".join(f"{name} {kb(n)}" for name, n in sorted(sizes.items()))
                + f"; total {kb(total)}.",
            ],
        )
    )
    return [
        Result(
            "answers",
            f"tap to answer, /{PAGE}, throttled phone (slow 4G, 4× CPU), no chart library",
            f"≤ {TAP_TO_ANSWER_BUDGET} ms",
            f"{answer:.0f} ms",
            answer <= TAP_TO_ANSWER_BUDGET and plotly == 0,
        ),
        Result(
            "answers",
            f'tap on "Zoom and pan" to the live plotly chart, /{PAGE}, throttled phone (for comparison)',
            "–",
            f"{live:.0f} ms",
            None,
            "reported beside the answer; no budget",
        ),
        Result(
            "answers",
            "page script for answers and exploration (gzip)",
            f"≤ {kb(RUNTIME_BUDGET)}",
            kb(total),
            total <= RUNTIME_BUDGET,
        ),
    ]
