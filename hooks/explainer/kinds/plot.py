"""Plotly figures as plain data, and the pieces every chart kind draws with.

Figures leave here without a template: the browser runtime themes them from Material's
palette, so light/dark needs no second figure. Importing plotly.py would cost more than the
rest of a build (benchmarks/); tests/test_figures.py validates every figure of the site with
plotly.graph_objects, so a misspelt property still fails loudly — in the tests.
"""

from __future__ import annotations

import html
import json
from datetime import timedelta

from ..language import current, t
from ..model import formatting
from ..model.claims import BOUND_DIRECTION, GROUPS, status_text
from ..model.dataset import Dataset
from ..model.palette import EVENT_STATUS_ORDER, GROUP_COLOURS, event_symbol

# The traces in plotly.js-basic-dist-min; anything else would fail in the browser.
BUNDLE_TRACES = frozenset({"scatter", "bar", "pie"})


class UnsupportedTrace(ValueError):
    pass


# -- marks tied to rows ---------------------------------------------------------------------------
# Every trace either draws rows of the chart's table or draws none (decoration):
#   - a trace that draws rows carries each point's row id in plotly's own per-point `ids` array
#     (`ids=row_ids(points)`), in the order of its x/y; render/svg.py writes each id onto the mark
#     it drew in the build-time picture (`data-row`), and the browser runtime answers a tap, a hover
#     or a key from the table row with that id (chart.html: `<tr data-row>`);
#   - a trace that draws no row (a border or river line, a country name, a scale bar, a direct
#     label, an annotation drawn as text, an area polygon, an inset, a cross over a disputed mark)
#     is wrapped in `decorative(...)`, which sets `meta.decorative`.
# Figure.finish refuses a trace that is neither (no ids and not decorative) and one whose ids do not
# match its points, so the build stops at the chart's line; the build's tests check that every row
# a chart draws has its marks in the picture.
# A layout shape that draws a row (a reference line) carries the row id as its `name`; other
# shapes and all annotations are decoration. Prefer layout.annotations for text labels.


class UnmarkedTrace(UnsupportedTrace):
    """A trace that neither carries a row id per point nor is marked decorative."""


def row_id(row) -> str:
    """The id of a chart row: an event's or place's own id; an observation's metric, claimant and
    date (the data allows one figure per metric, claimant and date)."""
    own = getattr(row, "id", None)
    if own:
        return own
    return f"{row.metric}.{row.claimant}.{row.date.isoformat()}"


def row_ids(rows) -> list[str]:
    """The row id of each row (row_id)."""
    return [row_id(r) for r in rows]


def decorative(trace: dict) -> dict:
    """Mark a trace that draws no data row (see the convention above)."""
    trace["meta"] = {**(trace.get("meta") or {}), "decorative": True}
    return trace


def is_decorative(trace: dict) -> bool:
    """True for a trace marked decorative (it draws no row)."""
    meta = trace.get("meta")
    return isinstance(meta, dict) and meta.get("decorative") is True


def _points(trace: dict) -> int:
    return len(trace.get("x") or trace.get("y") or [])


class Figure:
    """The part of plotly.graph_objects.Figure the builders use, over plain dicts."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_trace(self, trace: dict) -> Figure:
        """Add a trace on top of those drawn."""
        self.data.append(trace)
        return self

    def update_layout(self, layout: dict) -> Figure:
        """Merge into the layout (nested mappings merged, not replaced)."""
        _merge(self.layout, layout)
        return self

    def finish(self) -> dict:
        """Check the traces against the bundle; return plain JSON data."""
        for trace in self.data:
            if trace.get("type") not in BUNDLE_TRACES:
                raise UnsupportedTrace(
                    f"needs a '{trace.get('type')}' trace, which the basic plotly.js bundle lacks "
                    f"(available: {', '.join(sorted(BUNDLE_TRACES))})"
                )
            if is_decorative(trace):
                if "ids" in trace:
                    raise UnmarkedTrace(
                        f"has trace '{trace.get('name', '')}' marked decorative but carrying row ids: "
                        "a trace either draws rows or decorates (kinds/plot.py)"
                    )
                continue
            ids = trace.get("ids")
            if not isinstance(ids, list) or len(ids) != _points(trace) or not all(ids):
                raise UnmarkedTrace(
                    f"has trace '{trace.get('name', '')}' without a row id for each point: give it "
                    "ids=row_ids(rows), or wrap it in decorative() if it draws no data row (kinds/plot.py)"
                )
        return json.loads(json.dumps({"data": self.data, "layout": self.layout}, default=str))


def _merge(target: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def scatter(**props) -> dict:
    """A scatter trace; properties given as None are left out."""
    return {"type": "scatter", **{k: v for k, v in props.items() if v is not None}}


def bar(**props) -> dict:
    """A bar trace; properties given as None are left out."""
    return {"type": "bar", **{k: v for k, v in props.items() if v is not None}}


def plot_text(text: str) -> str:
    """Plotly renders a little HTML in labels; data text must arrive as plain text."""
    return html.escape(text, quote=False)


def wrap(text: str, width: int = 48) -> str:
    """Hover labels do not wrap by themselves; break long notes into lines."""
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)


def lines(text: str, width: int) -> str:
    """Escaped text broken into lines: plotly never wraps legends or annotations, and phones are narrow."""
    return plot_text(wrap(text, width)).replace("\n", "<br>")


def base_layout(**extra) -> dict:
    """The layout every chart of figures starts from (margins, key, hover, axes), with extra on top."""
    layout = dict(
        margin=dict(l=8, r=16, t=8, b=8),
        showlegend=True,
        legend=dict(orientation="h", x=0, xanchor="left", y=-0.18, yanchor="top"),
        hovermode="closest",
        dragmode=False,
        xaxis=dict(automargin=True, fixedrange=True),
        yaxis=dict(automargin=True, fixedrange=True, rangemode="tozero", separatethousands=True),
        font=dict(size=13),
    )
    layout.update(extra)
    return layout


def value_axis(title: str) -> dict:
    """The axis figures are measured on: titled with their unit, from zero, thousands separated."""
    return dict(
        title=dict(text=plot_text(title)), automargin=True, fixedrange=True, rangemode="tozero", separatethousands=True
    )


def who(ds: Dataset, claimant_id: str) -> str:
    """A claimant as hover boxes name them: name (role)."""
    c = ds.claimants[claimant_id]
    return f"{c.name} ({c.role})"


HOVER_TEMPLATE = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}%{customdata[3]}<extra></extra>"


def customdata(ds: Dataset, obs) -> list[str]:
    """An observation's hover lines, for HOVER_TEMPLATE: who, what and when, status and source, note."""
    metric = ds.metrics[obs.metric]
    return [
        plot_text(who(ds, obs.claimant)),
        plot_text(f"{formatting.observed(obs, metric.unit)} {t('as of')} {formatting.long_date(obs.date)}"),
        plot_text(f"{status_text(obs.status)} · {t('source:')} {ds.credit(obs)}"),
        "<br>" + lines(obs.note, 48) if obs.note else "",
    ]


def unit_title(spec_title: str, ds: Dataset, metrics: list[str]) -> str:
    """An axis title: the spec's own, else the metrics' shared unit."""
    units = {ds.metrics[m].unit for m in metrics}
    return spec_title or (units.pop() if len(units) == 1 else "")


def plotted(obs) -> float:
    """Where a figure sits on its axis: a range at its middle (its interval shows the ends)."""
    return (obs.value + obs.high) / 2 if obs.high is not None else obs.value


def interval(points: list, colour: str) -> dict | None:
    """Error bars from each range's middle to its ends; None when no point is a range."""
    if not any(o.high is not None for o in points):
        return None
    half = [(o.high - o.value) / 2 if o.high is not None else None for o in points]
    return dict(type="data", symmetric=True, array=half, visible=True, color=colour, thickness=2.5, width=7)


def bound_arrows(marks: list[tuple]) -> list[dict]:
    """An arrow above or below each bound ("more than", "up to"), pointing the way the true
    figure lies, so a bound never reads as an exact value. marks: (observation, x, colour)."""
    arrows = []
    for obs, x, colour in marks:
        way = BOUND_DIRECTION.get(obs.qualifier)
        if way:
            arrows.append(
                dict(x=x, y=obs.value, text="", showarrow=True, arrowhead=2, arrowsize=1.1, arrowwidth=2,
                     arrowcolor=colour, yshift=20 * way, ax=0, ay=13 * way)
            )  # fmt: skip
    return arrows


def unverified_suffix(rows: list) -> str:
    """How a label says its figures are not verified: ' (claim)', ' (disputed)', or both."""
    statuses = {r.status for r in rows}
    if statuses <= {"claimed"}:
        return " (claim)" if statuses else ""
    if statuses <= {"disputed"}:
        return " (disputed)"
    return " (claim or disputed)" if statuses <= {"claimed", "disputed"} else ""


def group_status_order(key: tuple[str, str]) -> tuple[int, int]:
    """Sort key for (claimant group, event status): the key's order of groups, then statuses."""
    return GROUPS.index(key[0]), EVENT_STATUS_ORDER.index(key[1])


def event_marks(group: str, status: str, x: list, y: list, size: int, name: str, ids: list[str], **hover) -> list[dict]:
    """Events or statements of one group and status, as timelines and maps draw them: the group's
    colour and shape, filled only when confirmed, and a cross over a disputed mark. ids: each
    mark's row id."""
    colour = GROUP_COLOURS[group]
    common = dict(x=x, y=y, mode="markers", legendgroup=f"{group}-{status}")
    marks = [
        scatter(
            **common,
            ids=ids,
            name=name,
            marker=dict(
                color=colour, size=size, symbol=event_symbol(group, status), line=dict(width=2.5, color=colour)
            ),
            **hover,
        )
    ]
    if status == "disputed":  # disputed is not merely unconfirmed
        marks.append(
            decorative(
                scatter(
                    **common,
                    showlegend=False,
                    hoverinfo="skip",
                    marker=dict(color=colour, size=size, symbol="x-thin", line=dict(width=2, color=colour)),
                )
            )
        )
    return marks


# Pictures are drawn at 360 px and up: text is placed so that it fits the narrowest.
NARROWEST = 360
LINE_PX = 16  # one line of 13 px text, as plotly sets it


def text_px(text: str, size: int = 13) -> float:
    """A generous estimate of how wide a line of text is drawn (Arial/Helvetica average widths),
    so that room left for a label is never too little."""
    return 0.6 * size * max((len(line) for line in text.split("\n")), default=0)


def spread(wanted: list[float], heights: list[float], low: float, high: float) -> list[float]:
    """Positions (px from the top) as near as possible to `wanted`, none overlapping another
    (each item is `heights[i]` tall, centred on its position), all between low and high."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    placed = dict.fromkeys(order, 0.0)
    edge = low
    for i in order:  # downwards: each below the one above it
        placed[i] = max(wanted[i], edge + heights[i] / 2)
        edge = placed[i] + heights[i] / 2
    edge = high
    for i in reversed(order):  # then upwards from the bottom, if the column ran over
        placed[i] = min(placed[i], edge - heights[i] / 2)
        edge = placed[i] - heights[i] / 2
    return [placed[i] for i in range(len(wanted))]


def date_format(dates) -> str:
    """Tick labels for a date axis: with the year ("1 Jan 2025") when the dates cross a year, or
    span months enough that a reader could not tell the year from the chart's title."""
    dates = list(dates)
    crosses = len({d.year for d in dates}) > 1 or (dates and (max(dates) - min(dates)).days > 120)
    return "%-d %b %Y" if crosses else "%-d %b"


def date_axis(dates, room: float | None = None) -> dict:
    """A date axis's ticks: plotly's own in English (tickformat); in another language, plotly.js
    would write its month names in English, so the ticks are placed and written here
    ('12 серп.'), at most seven, a whole number of days apart, and, given the plot's narrowest
    width in px (`room`), no more than fit side by side in it."""
    dates = sorted(set(dates))
    if current().is_source or not dates:
        return {"tickformat": date_format(dates)}
    first, last = dates[0], dates[-1]
    span = (last - first).days
    with_year = date_format(dates).endswith("%Y")

    def ticks(step: int) -> list:
        return [first + timedelta(days=n) for n in range(0, span + 1, step)]

    def fits(days: list) -> bool:
        return room is None or sum(text_px(label) + 12 for label in map(written, days)) <= room

    def written(day) -> str:
        return formatting.long_date(day) if with_year else formatting.short_date(day)

    steps = (1, 2, 3, 4, 5, 7, 14, 21, 28, 56, 91, 182, 365)
    step = next((s for s in steps if span / s <= 6 and fits(ticks(s))), 365)
    days = ticks(step)
    return {"tickvals": [d.isoformat() for d in days], "ticktext": [written(d) for d in days]}


ANNOTATION_COLOUR = "#7f7f7f"  # neither a claimant's colour nor the text colour, like a reference line


def annotation_marks(annotated: list[tuple], dates: list) -> tuple[list[dict], list[dict], int]:
    """Each annotated event as a thin vertical line at its date, with its words and date above the
    plot (never over the data), written towards the middle of the chart; the earliest on top.
    Decorative: no row id; the event's source is in the chart's source line.
    Returns (shapes, annotations, the px of room they need above the plot)."""
    shapes, notes = [], []
    if not annotated:
        return shapes, notes, 0
    low, high = min(dates + [e.date for e, _ in annotated]), max(dates + [e.date for e, _ in annotated])
    middle = low + (high - low) / 2
    texts = [wrap(f"{text}, {formatting.short_date(event.date)}", 28) for event, text in annotated]
    heights = [14 * (t.count("\n") + 1) + 2 for t in texts]
    for i, ((event, _), words) in enumerate(zip(annotated, texts, strict=True)):
        x = event.date.isoformat()
        shapes.append(
            dict(type="line", xref="x", x0=x, x1=x, yref="paper", y0=0, y1=1,
                 line=dict(color=ANNOTATION_COLOUR, width=1.2, dash="dot"))
        )  # fmt: skip
        left = event.date > middle
        notes.append(
            dict(xref="x", x=x, xanchor="right" if left else "left", xshift=3 if left else -3, yref="paper", y=1,
                 yanchor="bottom", yshift=sum(heights[i + 1 :]), showarrow=False, align="right" if left else "left",
                 text=plot_text(words).replace("\n", "<br>"), font=dict(size=11))
        )  # fmt: skip
    return shapes, notes, sum(heights) + 4
