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
    LINE_PX,
    NARROWEST,
    Figure,
    bar,
    base_layout,
    customdata,
    plot_text,
    row_ids,
    text_px,
    unit_title,
    unverified_suffix,
    value_axis,
    wrap,
)


class Spec(Selection):
    kind: Literal["bar"]
    x_title: OptionalText = ""


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    """The metrics and claimants a bar chart names are defined, and it draws rows."""
    return selection_refs(where, spec, ds, problems) and draws_rows(where, spec, spec.rows(ds), ds, problems)


def view(spec: Spec, ds: Dataset) -> ChartView:
    """The bar chart: one bar per figure selected, with its table and CSV."""
    rows = spec.rows(ds)
    return claims_view(spec, rows, _figure(spec, rows, ds), ds)


BAR_PX = 24  # a bar's thickness
LABEL_CHARS = 44  # a bar's label above it, wrapped to fit the narrowest picture


def _figure(spec: Spec, rows: list, ds: Dataset) -> Figure:
    many_metrics = len({o.metric for o in rows}) > 1
    labels, colours, patterns, values, texts, reach = [], [], [], [], [], []
    for obs in rows:
        claimant = ds.claimants[obs.claimant]
        label = f"{claimant.name}, {formatting.short_date(obs.date)}"
        if many_metrics:
            label = f"{ds.metrics[obs.metric].label}: {label}"
        labels.append(wrap(label, LABEL_CHARS))
        values.append(obs.value)
        # A range's bar reaches its low end; its error bar, the high end.
        reach.append(obs.high - obs.value if obs.high is not None else 0)
        # A bound's label starts with an arrow pointing where the true figure lies.
        way = {1: "→ ", -1: "← "}.get(BOUND_DIRECTION.get(obs.qualifier, 0), "")
        figure = way + formatting.observed(obs, "")
        texts.append(plot_text(figure + unverified_suffix([obs])))
        colours.append(GROUP_COLOURS[claimant.group])
        patterns.append("/" if obs.status in UNVERIFIED else "")
    # Each bar's label sits above it (a phone has no room beside it); the value axis reaches far
    # enough that every value label fits after its bar in the narrowest picture.
    label_lines = max(label.count("\n") + 1 for label in labels)
    row_px = BAR_PX + 14 + LINE_PX * label_lines
    plot_px = NARROWEST - 8 - 16
    right = max(
        (v + r) / max(0.2, 1 - (text_px(t) + 12) / plot_px) for v, r, t in zip(values, reach, texts, strict=True)
    )
    fig = Figure().add_trace(
        bar(
            y=list(range(len(rows))),
            x=values,
            ids=row_ids(rows),
            orientation="h",
            width=BAR_PX / row_px,
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
    above = [
        dict(
            xref="paper", x=0, xanchor="left", yref="y", y=i - BAR_PX / row_px / 2, yanchor="bottom", yshift=2,
            showarrow=False, align="left", text=plot_text(label).replace("\n", "<br>"),
        )
        for i, label in enumerate(labels)
    ]  # fmt: skip
    return fig.update_layout(
        base_layout(
            height=60 + row_px * len(rows),
            showlegend=False,
            xaxis=value_axis(unit_title(spec.x_title, ds, spec.metrics)) | dict(range=[0, right], autorange=False),
            yaxis=dict(
                range=[len(rows) - 1 + BAR_PX / row_px / 2 + 0.05, -1 + BAR_PX / row_px / 2 + 0.02],
                fixedrange=True,
                showticklabels=False,
                ticks="",
                showgrid=False,
                zeroline=False,
            ),
            annotations=above,
        )
    )
