"""Bar charts: one horizontal bar per figure, hatched where it is a claim."""

from __future__ import annotations

from typing import Literal

from ..model import formatting
from ..model.claims import UNVERIFIED
from ..model.dataset import Dataset
from ..model.fields import OptionalText
from ..model.palette import SIDE_COLOURS
from ..model.problems import Problems
from .base import ChartView, Selection, Where, claims_view, draws_rows, selection_refs
from .plot import HOVER_TEMPLATE, Figure, bar, base_layout, customdata, plot_text, unit_title


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
    labels, colours, patterns, values, texts = [], [], [], [], []
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
    fig = Figure().add_trace(
        bar(
            y=labels,
            x=values,
            orientation="h",
            text=texts,
            textposition="outside",
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
            xaxis=dict(
                title=dict(text=plot_text(unit_title(spec.x_title, ds, spec.metrics))),
                automargin=True,
                fixedrange=True,
                rangemode="tozero",
                separatethousands=True,
            ),
            yaxis=dict(automargin=True, fixedrange=True, autorange="reversed", type="category"),
            bargap=0.3,
        )
    )
