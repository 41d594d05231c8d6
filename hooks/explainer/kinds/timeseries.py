"""Time series: one line per claimant (and metric), dotted where the figures are claims."""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

from ..model import formatting
from ..model.claims import UNVERIFIED
from ..model.dataset import Dataset
from ..model.fields import IdList, OptionalText
from ..model.palette import GROUP_COLOURS, REFERENCE_COLOUR, line_dash, marker_size, marker_symbol
from ..model.problems import Problems
from .base import ChartView, Selection, Where, claims_view, draws_rows, selection_refs
from .plot import (
    HOVER_TEMPLATE,
    Figure,
    base_layout,
    bound_arrows,
    customdata,
    interval,
    lines,
    plotted,
    row_id,
    row_ids,
    scatter,
    unit_title,
    unverified_suffix,
    value_axis,
)


class Spec(Selection):
    kind: Literal["timeseries"]
    y_title: OptionalText = ""
    # Metrics drawn as labelled horizontal lines for scale (e.g. a pre-war population).
    reference: IdList | None = None


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    ok = selection_refs(where, spec, ds, problems, metric_fields=("metrics", "reference"))
    for metric in (spec.reference or []) if ok else []:
        rows = ds.by_metric(metric)
        latest = [o for o in rows if o.date == rows[-1].date] if rows else []
        if len(latest) != 1:
            found = ", ".join(o.claimant for o in latest) or "none"
            problems.add(
                where.path,
                where.line_of("reference"),
                "reference",
                f"a reference line needs exactly one latest figure for '{metric}' (found {len(latest)}: {found})",
            )
            ok = False
    return ok and draws_rows(where, spec, spec.rows(ds), ds, problems)


def view(spec: Spec, ds: Dataset) -> ChartView:
    rows = spec.rows(ds)
    references = [ds.by_metric(m)[-1] for m in spec.reference or []]
    # A reference line is drawn too, so it is in the table and CSV; the chart is as of its rows.
    return claims_view(spec, rows + references, _figure(spec, rows, references, ds), ds, dated=rows)


def _nth_in_group(ds: Dataset, claimant_ids) -> dict[str, int]:
    """Number claimants within their group, so two Ukrainian claimants get two marker variants."""
    per_group: dict[str, int] = {}
    out = {}
    for cid in claimant_ids:
        group = ds.claimants[cid].group
        out[cid] = per_group.get(group, 0)
        per_group[group] = out[cid] + 1
    return out


def _figure(spec: Spec, rows: list, references: list, ds: Dataset) -> Figure:
    fig = Figure()
    many_metrics = len({o.metric for o in rows}) > 1
    groups: OrderedDict[tuple, list] = OrderedDict()
    order = sorted(
        rows, key=lambda o: (spec.metrics.index(o.metric), ds.claimants[o.claimant].group, o.claimant, o.date)
    )
    for obs in order:
        groups.setdefault((obs.metric, obs.claimant, obs.status not in UNVERIFIED), []).append(obs)
    nth = _nth_in_group(ds, OrderedDict.fromkeys(k[1] for k in groups))
    arrows = []
    for (metric_id, claimant_id, verified), points in groups.items():
        claimant = ds.claimants[claimant_id]
        name = claimant.name
        if many_metrics:
            name += f" · {ds.metrics[metric_id].label}"
        name += "" if verified else unverified_suffix(points)
        colour = GROUP_COLOURS[claimant.group]
        arrows += bound_arrows([(o, o.date.isoformat(), colour) for o in points])
        fig.add_trace(
            scatter(
                x=[o.date.isoformat() for o in points],
                y=[plotted(o) for o in points],
                ids=row_ids(points),
                error_y=interval(points, colour),
                name=lines(name, 34),
                mode="lines+markers" if len(points) > 1 else "markers",
                line=dict(color=colour, width=2.5, dash=line_dash(verified)),
                marker=dict(
                    color=colour,
                    size=marker_size(nth[claimant_id]),
                    symbol=marker_symbol(claimant.group, verified, nth[claimant_id]),
                    line=dict(width=2, color=colour),
                ),
                customdata=[customdata(ds, o) for o in points],
                hovertemplate=HOVER_TEMPLATE,
            )
        )
    shapes_layout, annotations = [], arrows
    for ref in references:
        metric = ds.metrics[ref.metric]
        shapes_layout.append(
            dict(
                type="line",
                xref="paper",
                x0=0,
                x1=1,
                y0=ref.value,
                y1=ref.value,
                line=dict(dash="dash", width=1.5, color=REFERENCE_COLOUR),
                name=row_id(ref),  # the row this line draws (kinds/plot.py: marks tied to rows)
            )
        )
        # Dated by when it was said: a pre-war figure is often given without a date of its own.
        label = (
            f"{metric.label}: {formatting.observed(ref, metric.unit)} "
            f"({ds.claimants[ref.claimant].name}, {ref.date.day} {ref.date:%b %Y})"
        )
        annotations.append(
            dict(
                xref="paper", x=0, xanchor="left", y=ref.value, yanchor="bottom", showarrow=False, text=lines(label, 40)
            )
        )
    return fig.update_layout(
        base_layout(
            height=400,
            xaxis=dict(
                type="date",
                tickformat="%-d %b",
                hoverformat="%-d %b %Y",
                automargin=True,
                fixedrange=True,
                showgrid=False,
            ),
            yaxis=value_axis(unit_title(spec.y_title, ds, spec.metrics)),
            shapes=shapes_layout,
            annotations=annotations,
        )
    )
