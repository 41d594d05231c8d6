"""3b. First chart visible on a throttled phone: slow 4G (1.6 Mbps down, 750 kbps up, 150 ms round
trip) and a 4× slower CPU, from navigation to the first frame that paints a chart's picture."""

from __future__ import annotations

from context import Context, median, throttled_phone
from report import Result, Section

FIRST_CHART_BUDGET = 2.5  # seconds
PAGE = "incursion/"

# Before the page's scripts: the time of the first animation frame in which a chart's picture is
# laid out with its size (the stylesheet has applied: the chosen width is shown, the others not).
FIRST_CHART_PROBE = """
window.__firstChart = null;
(function probe() {
  var svg = document.querySelector('.xchart__picture svg');
  if (svg) {
    var shown = Array.prototype.filter.call(document.querySelectorAll('.xchart__picture svg'),
      function (s) { return s.getBoundingClientRect().height > 0; });
    if (shown.length && shown.length < document.querySelectorAll('.xchart__picture svg').length) {
      window.__firstChart = performance.now();
      return;
    }
  }
  requestAnimationFrame(probe);
})();
"""


def one_load(ctx: Context, url: str) -> tuple[float, float, int]:
    context, page, requests = throttled_phone(ctx, url, FIRST_CHART_PROBE)
    try:
        page.wait_for_function("window.__firstChart !== null", timeout=60000)
        first = page.evaluate("window.__firstChart") / 1000
        fcp = page.evaluate("(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: 0}).startTime")
        return first, fcp / 1000, sum("plotly" in u for u in requests)
    finally:
        context.close()


def measure(ctx: Context) -> list[Result]:
    _, base = ctx.served()
    runs = 2 if ctx.quick else 5
    loads = [one_load(ctx, base + PAGE) for _ in range(runs)]
    first = median([f for f, _, _ in loads])
    fcp = median([p for _, p, _ in loads])
    plotly = max(n for _, _, n in loads)
    ctx.sections.append(
        Section(
            "3b. First chart visible on a throttled phone",
            [
                f"/{PAGE} in Chromium, 412×823 phone, slow 4G (1.6 Mbps, 150 ms RTT, CDP network emulation) and "
                f"4× CPU throttling, cold cache; median of {runs} loads. 'First chart' is the first animation frame "
                "in which a chart's build-time picture is laid out at its size (it is in the HTML; plotly.js is "
                "not needed for it).",
                "",
                "| first chart visible | first contentful paint | plotly.js requests during load | loads (s) |",
                "| --- | --- | --- | --- |",
                f"| {first:.2f} s | {fcp:.2f} s | {plotly} | {', '.join(f'{f:.2f}' for f, _, _ in loads)} |",
            ],
        )
    )
    return [
        Result(
            "firstchart",
            f"first chart visible, /{PAGE}, throttled phone (slow 4G, 4× CPU)",
            f"≤ {FIRST_CHART_BUDGET} s",
            f"{first:.2f} s",
            first <= FIRST_CHART_BUDGET and plotly == 0,
        )
    ]
