"""Plotly figures from chart specs. Figures leave here without a template: the browser
runtime themes them from Material's palette, so light/dark needs no second figure.

Figures are built as plain data: importing plotly.py would cost more than the rest of a
build (benchmarks/). tests/test_figures.py validates every figure of the site with
plotly.graph_objects, so a misspelt property still fails loudly — in the tests."""
from __future__ import annotations

import html
import json
from collections import OrderedDict

from . import formatting
from .claims import UNVERIFIED, status_text
from .data import Dataset
from .palette import SIDE_COLOURS, line_dash, marker_symbol
from .specs import BarSpec, ChartSpec, MapSpec, TimelineSpec, TimeseriesSpec

# The traces in plotly.js-basic-dist-min; anything else would fail in the browser.
BUNDLE_TRACES = frozenset({"scatter", "bar", "pie"})


class UnsupportedTrace(ValueError):
    pass


class Figure:
    """The part of plotly.graph_objects.Figure the builders use, over plain dicts."""

    def __init__(self) -> None:
        self.data: list[dict] = []
        self.layout: dict = {}

    def add_trace(self, trace: dict) -> "Figure":
        self.data.append(trace)
        return self

    def update_layout(self, layout: dict) -> "Figure":
        _merge(self.layout, layout)
        return self


def _merge(target: dict, update: dict) -> None:
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def scatter(**props) -> dict:
    return {"type": "scatter", **props}


def bar(**props) -> dict:
    return {"type": "bar", **props}


def plot_text(text: str) -> str:
    """Plotly renders a little HTML in labels; data text must arrive as plain text."""
    return html.escape(text, quote=False)


def build(spec: ChartSpec, rows: list, ds: Dataset) -> dict:
    if isinstance(spec, TimeseriesSpec):
        fig = _timeseries(spec, rows, ds)
    elif isinstance(spec, BarSpec):
        fig = _bar(spec, rows, ds)
    elif isinstance(spec, TimelineSpec):
        fig = _timeline(spec, rows, ds)
    elif isinstance(spec, MapSpec):
        from . import maps  # maps uses this module's helpers

        fig = maps.figure(spec, rows, ds)
    else:  # pragma: no cover - specs.KINDS and this switch change together
        raise TypeError(spec.kind)
    return finish(fig)


def finish(fig: Figure) -> dict:
    """Check the traces against the bundle; return plain JSON data with no template."""
    for trace in fig.data:
        if trace.get("type") not in BUNDLE_TRACES:
            raise UnsupportedTrace(
                f"needs a '{trace.get('type')}' trace, which the basic plotly.js bundle lacks (available: {', '.join(sorted(BUNDLE_TRACES))})"
            )
    out = {"data": fig.data, "layout": {k: v for k, v in fig.layout.items() if k != "template"}}
    return json.loads(json.dumps(out, default=str))


def height(fig: dict) -> int:
    return int(fig["layout"]["height"])


def _base_layout(**extra) -> dict:
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


def _who(ds: Dataset, claimant_id: str) -> str:
    c = ds.claimants[claimant_id]
    return f"{c.name} ({c.role})"


def _symbol_index(ds: Dataset, claimant_ids) -> dict[str, int]:
    """Number claimants within their side so two Ukrainian claimants get two shapes."""
    per_side: dict[str, int] = {}
    out = {}
    for cid in claimant_ids:
        side = ds.claimants[cid].side
        out[cid] = per_side.get(side, 0)
        per_side[side] = out[cid] + 1
    return out


def _hover(ds: Dataset, obs) -> list[str]:
    metric = ds.metrics[obs.metric]
    source = ds.sources[obs.source]
    status = status_text(obs.status)
    lines = [
        plot_text(_who(ds, obs.claimant)),
        plot_text(f"{formatting.quantity(obs.value, metric.unit)} as of {formatting.long_date(obs.date)}"),
        plot_text(f"{status} · source: {source.publisher}"),
    ]
    if obs.note:
        lines.append(_lines(obs.note, 48))
    return lines


def _wrap(text: str, width: int = 48) -> str:
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


def _lines(text: str, width: int) -> str:
    """Escaped text broken into lines: plotly never wraps legends or annotations, and phones are narrow."""
    return plot_text(_wrap(text, width)).replace("\n", "<br>")


_HOVER_TEMPLATE = "<b>%{customdata[0]}</b><br>%{customdata[1]}<br>%{customdata[2]}%{customdata[3]}<extra></extra>"


def _customdata(ds: Dataset, obs) -> list[str]:
    who, value, status, *note = _hover(ds, obs)
    note_html = "<br>" + note[0] if note else ""
    return [who, value, status, note_html]


def _timeseries(spec: TimeseriesSpec, rows: list, ds: Dataset) -> Figure:
    fig = Figure()
    many_metrics = len({o.metric for o in rows}) > 1
    groups: OrderedDict[tuple, list] = OrderedDict()
    order = sorted(rows, key=lambda o: (spec.metrics.index(o.metric), ds.claimants[o.claimant].side, o.claimant, o.date))
    for obs in order:
        groups.setdefault((obs.metric, obs.claimant, obs.status not in UNVERIFIED), []).append(obs)
    shapes = _symbol_index(ds, OrderedDict.fromkeys(k[1] for k in groups))
    for (metric_id, claimant_id, verified), points in groups.items():
        claimant = ds.claimants[claimant_id]
        name = claimant.name
        if many_metrics:
            name += f" · {ds.metrics[metric_id].label}"
        name += "" if verified else " (claim)"
        colour = SIDE_COLOURS[claimant.side]
        fig.add_trace(scatter(
            x=[o.date.isoformat() for o in points],
            y=[o.value for o in points],
            name=_lines(name, 34),
            mode="lines+markers" if len(points) > 1 else "markers",
            line=dict(color=colour, width=2.5, dash=line_dash(verified)),
            marker=dict(color=colour, size=10, symbol=marker_symbol(shapes[claimant_id], verified), line=dict(width=2, color=colour)),
            customdata=[_customdata(ds, o) for o in points],
            hovertemplate=_HOVER_TEMPLATE,
        ))
    shapes_layout, annotations = [], []
    for metric_id in spec.reference or []:
        for ref in ds.by_metric(metric_id)[-1:]:
            metric = ds.metrics[metric_id]
            shapes_layout.append(dict(type="line", xref="paper", x0=0, x1=1, y0=ref.value, y1=ref.value,
                                      line=dict(dash="dash", width=1.5, color="#7f7f7f")))
            annotations.append(dict(xref="paper", x=0, xanchor="left", y=ref.value, yanchor="bottom", showarrow=False,
                                    text=_lines(f"{metric.label}: {formatting.quantity(ref.value, metric.unit)} ({ref.date.year}, {ds.claimants[ref.claimant].name})", 40)))
    units = {ds.metrics[m].unit for m in spec.metrics}
    y_title = spec.y_title or (units.pop() if len(units) == 1 else "")
    return fig.update_layout(_base_layout(
        height=400,
        xaxis=dict(type="date", tickformat="%-d %b", hoverformat="%-d %b %Y", automargin=True, fixedrange=True, showgrid=False),
        yaxis=dict(title=dict(text=plot_text(y_title)), automargin=True, fixedrange=True, rangemode="tozero", separatethousands=True),
        shapes=shapes_layout,
        annotations=annotations,
    ))


def _bar(spec: BarSpec, rows: list, ds: Dataset) -> Figure:
    many_metrics = len({o.metric for o in rows}) > 1
    labels, colours, patterns, values, texts, custom = [], [], [], [], [], []
    for obs in rows:
        claimant = ds.claimants[obs.claimant]
        label = f"{claimant.name}, {obs.date.day} {obs.date:%b}"
        if many_metrics:
            label = f"{ds.metrics[obs.metric].label}: {label}"
        labels.append(plot_text(label))
        values.append(obs.value)
        texts.append(plot_text(formatting.number(obs.value) + (" (claim)" if obs.status in UNVERIFIED else "")))
        colours.append(SIDE_COLOURS[claimant.side])
        patterns.append("/" if obs.status in UNVERIFIED else "")
        custom.append(_customdata(ds, obs))
    fig = Figure().add_trace(bar(
        y=labels, x=values, orientation="h", text=texts, textposition="outside", cliponaxis=False,
        marker=dict(color=colours, line=dict(color=colours, width=1.5), pattern=dict(shape=patterns, fillmode="replace", solidity=0.35)),
        customdata=custom, hovertemplate=_HOVER_TEMPLATE, showlegend=False,
    ))
    units = {ds.metrics[m].unit for m in spec.metrics}
    x_title = spec.x_title or (units.pop() if len(units) == 1 else "")
    return fig.update_layout(_base_layout(
        height=90 + 44 * len(rows),
        showlegend=False,
        xaxis=dict(title=dict(text=plot_text(x_title)), automargin=True, fixedrange=True, rangemode="tozero", separatethousands=True),
        yaxis=dict(automargin=True, fixedrange=True, autorange="reversed", type="category"),
        bargap=0.3,
    ))


def _timeline(spec: TimelineSpec, rows: list, ds: Dataset) -> Figure:
    tracks = spec.tracks or list(OrderedDict.fromkeys(e.track for e in rows))
    # Events on the same day and track are spread vertically so none hides another.
    slots: dict[tuple, int] = {}
    groups: OrderedDict[tuple, list] = OrderedDict()
    for event in rows:
        key = (event.track, event.date)
        offset = slots.get(key, 0)
        slots[key] = offset + 1
        groups.setdefault((ds.claimants[event.claimant].side, event.status not in UNVERIFIED), []).append((event, offset))
    fig = Figure()
    for (side, verified), items in sorted(groups.items(), key=lambda kv: (list(SIDE_COLOURS).index(kv[0][0]), not kv[0][1])):
        colour = SIDE_COLOURS[side]
        fig.add_trace(scatter(
            x=[e.date.isoformat() for e, _ in items],
            y=[tracks.index(e.track) - 0.22 * off for e, off in items],
            mode="markers",
            name=plot_text(f"{_side_label(side)}{'' if verified else ' (claim or disputed)'}"),
            marker=dict(color=colour, size=13, symbol="circle" if verified else "circle-open", line=dict(width=2.5, color=colour)),
            customdata=[[plot_text(_who(ds, e.claimant)), _lines(e.label, 48),
                         plot_text(f"{formatting.long_date(e.date)} · {status_text(e.status)} · source: {ds.sources[e.source].publisher}"), ""] for e, _ in items],
            hovertemplate="<b>%{customdata[1]}</b><br>%{customdata[0]}<br>%{customdata[2]}<extra></extra>",
        ))
    return fig.update_layout(_base_layout(
        height=140 + 60 * len(tracks),
        xaxis=dict(type="date", tickformat="%-d %b", automargin=True, fixedrange=True, showgrid=True),
        yaxis=dict(tickvals=list(range(len(tracks))), ticktext=[plot_text(t) for t in tracks], range=[len(tracks) - 0.5, -0.7],
                   automargin=True, fixedrange=True, showgrid=False, zeroline=False),
    ))


def _side_label(side: str) -> str:
    return {"ukraine": "Ukrainian side", "russia": "Russian side", "independent": "Independent"}[side]
