"""A map's occupied area day by day, for the live chart's date control (docs/javascripts/charts.js).

The static picture draws a few days as layers; the live chart lets a reader step through every day
of a stated period (the spec's `area_period`) that the series holds. Those days travel in a file of
their own beside the chart's downloads (outputs.days), fetched only when a reader opens the live
chart: the page itself carries none of it. A day the series lacks is named, never filled in.

The file: each day's outer rings, cut to the frame the map draws its area in and simplified as the
picture's are, written as integers of 1/`scale` degree, a ring's first point whole and each next one
as the step from the one before (small numbers, which compress well); each day's words (its date,
the distance measured on it, what the live region says) in the edition's language; and which of the
figure's traces the runtime redraws (`traces`: the area layers, oldest first).
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from ...language import t
from ...load.measure import outlines
from ...model import formatting
from ...model.areas import AreaDay
from ...model.dataset import Dataset
from ..plot import plot_text
from .plan import MapPlan
from .text import area_label

SCALE = 10_000  # integers of 1/SCALE degree: 1e-4° is about 11 m, under a pixel on the widest picture


def period_days(days: list[AreaDay], period: tuple[date, date]) -> list[AreaDay]:
    """The series' days inside the period (both ends included), oldest first."""
    first, last = period
    return [d for d in days if first <= d.date <= last]


def missing_days(period: tuple[date, date], held: list[AreaDay]) -> list[date]:
    """Every day of the period the series has no map for."""
    have = {d.date for d in held}
    first, last = period
    return [first + timedelta(n) for n in range((last - first).days + 1) if first + timedelta(n) not in have]


def days_text(days: list[date]) -> str:
    """'18 and 19 August', '31 August and 1 September'; '18 і 19 серпня': a month named once per run."""
    if not days:
        return ""
    words = []
    for _, run in itertools.groupby(days, key=lambda d: (d.year, d.month)):
        run = list(run)
        words += [str(d.day) for d in run[:-1]] + [formatting.day_month(run[-1])]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + f" {t('and')} " + words[-1]


def encode(ring: list[tuple[float, float]]) -> list[int]:
    """x0, y0, dx1, dy1, ...: the first point in 1/SCALE degree, each next one as the step to it."""
    out: list[int] = []
    x0 = y0 = 0
    for x, y in ring:
        xi, yi = round(x * SCALE), round(y * SCALE)
        out += [xi - x0, yi - y0]
        x0, y0 = xi, yi
    return out


def decode(flat: list[int]) -> list[tuple[float, float]]:
    """encode's inverse (what the runtime does), for the tests."""
    xs = list(itertools.accumulate(flat[0::2]))
    ys = list(itertools.accumulate(flat[1::2]))
    return [(x / SCALE, y / SCALE) for x, y in zip(xs, ys, strict=True)]


def distance_rows(spec, ds: Dataset) -> tuple[object, dict[date, object]]:
    """The metric measured on the series from the map's key place (else from its first place that
    has one), and its rows by date: the figure the live region says with each day."""
    places = [spec.focus, *spec.places] if spec.focus else list(spec.places)
    for place in places:
        for metric_id, item in ds.measured.items():
            if item.measure == "distance" and item.place == place:
                return ds.metrics[metric_id], {o.date: o for o in ds.by_metric(metric_id)}
    return None, {}


def days_file(p: MapPlan, ds: Dataset, frame: tuple[float, float, float, float], tolerance: float) -> dict:
    """The file's content. frame: (west, south, east, north) the picture cuts the area to;
    tolerance: its simplification, in degrees (the picture's own, so a day looks as it does there)."""
    spec, traces = p.spec, p.area_traces
    period = (spec.area_period[0], spec.area_period[1])
    held = period_days(ds.areas[spec.areas], period)
    missing = missing_days(period, held)
    who = ds.claimants[held[0].claimant].name
    metric, rows = distance_rows(spec, ds)
    west, south, east, north = frame
    series_frame = held[0].frame
    cut = (
        max(west, series_frame[0]),
        max(south, series_frame[1]),
        min(east, series_frame[2]),
        min(north, series_frame[3]),
    )
    out_days = []
    before = None
    for day in held:
        gap = missing_days((before + timedelta(1), day.date - timedelta(1)), []) if before else []
        before = day.date
        obs = rows.get(day.date)
        measured = (
            t(
                "{label}: {value}, measured on {who}'s map to the nearest edge of the area it shows as occupied.",
                label=metric.label,
                value=formatting.observed(obs, metric.unit),
                who=who,
            )
            if obs is not None
            else ""
        )
        when = formatting.long_date(day.date)
        said = [when if when.endswith(".") else when + ".", measured]  # '31 серпня 2024 р.' ends in one
        if gap:
            said.append(t("No map for {days}.", days=days_text(gap)))
        out_days.append(
            {
                "date": day.date.isoformat(),
                "text": formatting.long_date(day.date),
                "name": plot_text(area_label(day, ds)),
                "measured": measured,
                "said": " ".join(s for s in said if s),
                "rings": [encode(ring) for ring in outlines(day.area, cut, tolerance)],
            }
        )
    dates = [d["date"] for d in out_days]
    last_drawn = max(spec.area_dates or [held[-1].date])
    return {
        "chart": spec.id,
        "series": spec.areas,
        "traces": traces,
        "frame": list(cut),
        "scale": SCALE,
        "missing": [d.isoformat() for d in missing],
        "start": dates.index(last_drawn.isoformat()) if last_drawn.isoformat() in dates else len(dates) - 1,
        "words": {
            "label": t("Day on {who}'s map", who=who),
            "previous": t("Previous day"),
            "next": t("Next day"),
            "play": t("Play"),
            "pause": t("Pause"),
            "layers": t(
                "Darkest: shown as occupied on {who}'s map since {first}; lighter: added by the day shown.",
                who=who,
                first=formatting.day_month(held[0].date),
            ),
            "missing": t(
                "No map for {days} in the archive: those days are skipped, not filled in.", days=days_text(missing)
            )
            if missing
            else "",
        },
        "days": out_days,
    }
