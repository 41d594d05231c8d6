"""Time series: one line per claimant (and metric), dotted where the figures are claims."""

from __future__ import annotations

from collections import OrderedDict
from typing import Literal

from ..model import formatting
from ..model.claims import UNVERIFIED
from ..model.dataset import Dataset
from ..model.fields import IdList, OptionalText
from ..model.palette import GROUP_COLOURS, REFERENCE_COLOUR, line_dash, marker_glyph, marker_size, marker_symbol
from ..model.problems import Problems
from .base import (
    Annotated,
    ChartView,
    Selection,
    Where,
    check_annotations,
    claims_view,
    draws_rows,
    selection_refs,
    with_annotation_sources,
)
from .plot import (
    HOVER_TEMPLATE,
    LINE_PX,
    Figure,
    annotation_marks,
    base_layout,
    bound_arrows,
    customdata,
    date_axis,
    interval,
    lines,
    plot_text,
    plotted,
    row_id,
    row_ids,
    scatter,
    spread,
    text_px,
    unit_title,
    unverified_suffix,
    value_axis,
    wrap,
)


class Spec(Selection, Annotated):
    kind: Literal["timeseries"]
    y_title: OptionalText = ""
    # Metrics drawn as labelled horizontal lines for scale (e.g. a pre-war population).
    reference: IdList | None = None


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    """Metrics, claimants and annotations defined; each reference line has one latest figure; rows drawn."""
    ok = selection_refs(where, spec, ds, problems, metric_fields=("metrics", "reference"))
    ok = check_annotations(where, spec, ds, problems) and ok
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
    """The time series: its figures by date, reference lines and annotations, with its table and CSV."""
    rows = spec.rows(ds)
    references = [ds.by_metric(m)[-1] for m in spec.reference or []]
    # A reference line is drawn too, so it is in the table and CSV; the chart is as of its rows.
    view = claims_view(spec, rows + references, _figure(spec, rows, references, ds), ds, dated=rows)
    return with_annotation_sources(view, spec, ds)


HEIGHT = 400
PLOT_PX = HEIGHT - 16 - 28  # the plot area between the margins and the date ticks
LABEL_CHARS = 16  # a line label's width in characters, wrapped: phones are narrow


def _top(rows: list, references: list) -> float:
    """The value axis' top, fixed so that labels can be placed against it: room above the highest
    mark, its range's high end and any bound's arrow."""
    highest = max([o.high if o.high is not None else o.value for o in rows] + [r.value for r in references])
    top = highest * 1.12 if highest > 0 else 1
    # A reference line's label (up to 3 lines) sits above its line, inside the plot.
    for ref in references:
        top = max(top, ref.value / (1 - (3 * LINE_PX + 6) / PLOT_PX))
    return top


def _end_labels(ends: list[tuple], top: float) -> tuple[list[dict], int]:
    """A label at the right of the plot, level with each line's last mark, in its colour and with
    its mark's glyph; labels are moved apart so none covers another. Returns the annotations and
    the right margin they need."""
    texts = [wrap(text, LABEL_CHARS) for _, text, _ in ends]
    heights = [LINE_PX * (t.count("\n") + 1) + 2 for t in texts]
    wanted = [PLOT_PX * (1 - plotted(o) / top) for o, _, _ in ends]
    placed = spread(wanted, heights, 0, PLOT_PX + 20)
    labels = [
        dict(
            xref="paper", x=1, xanchor="left", xshift=6, yref="y", y=plotted(o), yanchor="middle",
            yshift=want - at, showarrow=False, align="left", text=plot_text(text).replace("\n", "<br>"),
            font=dict(color=colour, size=12),
        )
        for (o, _, colour), text, want, at in zip(ends, texts, wanted, placed, strict=True)
    ]  # fmt: skip
    room = int(max((text_px(t, 12) for t in texts), default=0)) + 10
    return labels, room


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
    # A line names its metric only where its claimant speaks to more than one of the chart's metrics:
    # elsewhere the claimant's name tells the lines apart, and a long label would not fit the picture.
    metrics_of: dict[str, set] = {}
    for o in rows:
        metrics_of.setdefault(o.claimant, set()).add(o.metric)
    groups: OrderedDict[tuple, list] = OrderedDict()
    order = sorted(
        rows, key=lambda o: (spec.metrics.index(o.metric), ds.claimants[o.claimant].group, o.claimant, o.date)
    )
    for obs in order:
        groups.setdefault((obs.metric, obs.claimant, obs.status not in UNVERIFIED), []).append(obs)
    nth = _nth_in_group(ds, OrderedDict.fromkeys(k[1] for k in groups))
    arrows, ends = [], []
    for (metric_id, claimant_id, verified), points in groups.items():
        claimant = ds.claimants[claimant_id]
        name = claimant.name
        if len(metrics_of[claimant_id]) > 1:
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
                line=dict(color=colour, width=2.5, dash=line_dash(verified, nth[claimant_id])),
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
        glyph = marker_glyph(claimant.group, verified, nth[claimant_id])
        ends.append((points[-1], f"{glyph} {name}", colour))
    top = _top(rows, references)
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
            f"({ds.claimants[ref.claimant].name}, {formatting.short_date(ref.date)} {ref.date.year})"
        )
        annotations.append(
            dict(
                xref="paper", x=0, xanchor="left", y=ref.value, yanchor="bottom", showarrow=False, text=lines(label, 40)
            )
        )
    labels, room = _end_labels(ends, top)
    marks, notes, above = annotation_marks(spec.annotated(ds), [o.date for o in rows])
    return fig.update_layout(
        base_layout(
            height=HEIGHT + above,
            showlegend=False,  # every line is labelled at its end instead
            margin=dict(l=8, r=room, t=8 + above, b=8),
            xaxis=dict(
                type="date",
                **date_axis([o.date for o in rows]),
                tickangle=0,
                nticks=5,
                hoverformat="%-d %b %Y",
                automargin=True,
                fixedrange=True,
                showgrid=False,
            ),
            yaxis=value_axis(unit_title(spec.y_title, ds, spec.metrics)) | dict(range=[0, top], autorange=False),
            shapes=shapes_layout + marks,
            annotations=annotations + labels + notes,
        )
    )
