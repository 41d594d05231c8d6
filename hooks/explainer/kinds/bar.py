"""Bar charts: one horizontal bar per figure, hatched where it is a claim."""

from __future__ import annotations

from typing import Literal

from ..model import formatting
from ..model.claims import BOUND_DIRECTION, UNVERIFIED
from ..model.dataset import Dataset
from ..model.fields import OptionalText
from ..model.palette import GROUP_COLOURS
from ..model.problems import Problems
from .base import ChartView, Selection, Where, claims_view, draws_rows, selection_refs
from .plot import (
    HOVER_TEMPLATE,
    Figure,
    bar,
    base_layout,
    customdata,
    plot_text,
    row_ids,
    unit_title,
    unverified_suffix,
    value_axis,
)


class Spec(Selection):
    kind: Literal["bar"]
    x_title: OptionalText = ""


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    return selection_refs(where, spec, ds, problems) and draws_rows(where, spec, spec.rows(ds), ds, problems)


def view(spec: Spec, ds: Dataset) -> ChartView:
    rows = spec.rows(ds)
    return claims_view(spec, rows, _figure(spec, rows, ds), ds)


def _figure(spec: Spec, rows: list, ds: Dataset) -> Figure:
    many_metrics = len({o.metric for o in rows}) > 1
    labels, colours, patterns, values, texts, reach = [], [], [], [], [], []
    for obs in rows:
        claimant = ds.claimants[obs.claimant]
        label = f"{claimant.name}, {obs.date.day} {obs.date:%b}"
        if many_metrics:
            label = f"{ds.metrics[obs.metric].label}: {label}"
        labels.append(plot_text(label))
        values.append(obs.value)
        # A range's bar reaches its low end; its error bar, the high end.
        reach.append(obs.high - obs.value if obs.high is not None else 0)
        # A bound's label starts with an arrow pointing where the true figure lies.
        way = {1: "→ ", -1: "← "}.get(BOUND_DIRECTION.get(obs.qualifier, 0), "")
        figure = way + formatting.observed(obs, "")
        texts.append(plot_text(figure + unverified_suffix([obs])))
        colours.append(GROUP_COLOURS[claimant.group])
        patterns.append("/" if obs.status in UNVERIFIED else "")
    fig = Figure().add_trace(
        bar(
            y=labels,
            x=values,
            ids=row_ids(rows),
            orientation="h",
            text=texts,
            textposition="outside",
            error_x=dict(
                type="data",
                symmetric=False,
                array=reach,
                arrayminus=[0] * len(reach),
                color="#7f7f7f",
                thickness=2.5,
                width=7,
            )
            if any(reach)
            else None,
            cliponaxis=False,
            marker=dict(
                color=colours,
                line=dict(color=colours, width=1.5),
                pattern=dict(shape=patterns, fillmode="replace", solidity=0.35),
            ),
            customdata=[customdata(ds, o) for o in rows],
            hovertemplate=HOVER_TEMPLATE,
            showlegend=False,
        )
    )
    return fig.update_layout(
        base_layout(
            height=90 + 44 * len(rows),
            showlegend=False,
            xaxis=value_axis(unit_title(spec.x_title, ds, spec.metrics)),
            yaxis=dict(automargin=True, fixedrange=True, autorange="reversed", type="category"),
            bargap=0.3,
        )
    )
