"""3a. Cumulative layout shift of every chart page, phone and desktop, until every chart is drawn (Playwright)."""

from __future__ import annotations

from context import DESKTOP, PHONE, Context, has_charts, load_and_draw, pages_of
from report import Result, Section

CLS_BUDGET = 0.0  # "0.00": below 0.005


def measure(ctx: Context) -> list[Result]:
    site, base = ctx.served()
    lines = [
        "Sum of `layout-shift` entries without recent input (PerformanceObserver, buffered) from load "
        f"until every chart is drawn, scrolling each into view; the worst of {2 if ctx.quick else 5} cold loads per page and viewport.",
        "",
        "| page | phone 412×823 | desktop 1280×900 | shifting elements |",
        "| --- | --- | --- | --- |",
    ]
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
    return [
        Result(
            "cls",
            f"CLS, worst load of any chart page (phone, desktop; {loads} loads each)",
            "0.00",
            f"{worst[0]:.3f}" + (f" (/{worst[1]})" if worst[1] else ""),
            round(worst[0], 2) <= CLS_BUDGET,
        )
    ]
