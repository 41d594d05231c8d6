"""Chart kinds, one module each, behind one registry.

A kind's module holds its spec model (a pydantic model whose `kind` is a literal), its checks,
its row selection, its figure, its table and CSV, and its key. Adding a kind means adding its
module here, and its documentation (README) and tests.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

from pydantic import Field

from ..load.checks import first_definition
from ..load.files import read_yaml_list
from ..load.validate import Tagged, validate
from ..model.dataset import Dataset
from ..model.problems import Problems
from . import bar, map, timeline, timeseries
from .base import ChartSpec, ChartView, Kind
from .plot import UnsupportedTrace

KINDS: dict[str, Kind] = {"timeseries": timeseries, "bar": bar, "timeline": timeline, "map": map}

# data/charts.yml entries: a union told apart by `kind`.
Spec = Annotated[timeseries.Spec | bar.Spec | timeline.Spec | map.Spec, Field(discriminator="kind")]
_SPECS = Tagged.of("kind", Spec)

__all__ = ["KINDS", "ChartSpec", "ChartView", "Spec", "UnsupportedTrace", "Views", "kind_problem", "load", "view"]


def kind_problem(kind: object) -> str | None:
    """Why a chart kind cannot be drawn, or None when it can."""
    if isinstance(kind, str) and kind in KINDS:
        return None
    return (
        f"unknown chart kind '{kind}' (kinds: {', '.join(sorted(KINDS))}); the site's plotly.js "
        "bundle draws only scatter, bar and pie traces, so geo and tile maps, heatmaps and 3-D charts are not "
        "available (kind 'map' draws locator maps with scatter traces)"
    )


def load(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """Read data/charts.yml into ds.charts: each spec validated by its kind, its references checked."""
    before = len(problems.items)
    records = read_yaml_list(Path(data_dir) / "charts.yml", f"{root_label}/charts.yml", "charts", problems)
    if not records and len(problems.items) > before:
        ds.broken_kinds.add("chart")
    typed = []
    for record in records:
        if isinstance(record.data.get("id"), str):
            ds.broken.add(("chart", record.data["id"]))  # until it proves sound
        if record.unreadable:
            continue
        why = kind_problem(record.data.get("kind"))
        if why:
            problems.add(record.path, record.line_of("kind"), "kind", why)
            continue
        typed.extend(validate([record], _SPECS, problems, today))
    # With a whole data file unreadable, or rows refused, what a chart selects is unknowable: its
    # cross-checks ("draws no rows", "no event has topic …") would only repeat those problems.
    upstream = ds.broken_kinds or ds.refused or any(kind in ("event", "line", "place") for kind, _ in ds.broken)
    checked = Problems() if upstream else problems
    for record, spec in typed:
        if first_definition(record, spec.id, "chart", ds, problems) and KINDS[spec.kind].check(
            record, spec, ds, checked
        ):
            ds.charts[spec.id] = spec
            ds.broken.discard(("chart", spec.id))


def view(spec: ChartSpec, ds: Dataset) -> ChartView:
    """The chart as the reader gets it; raises UnsupportedTrace for a trace the bundle lacks."""
    return KINDS[spec.kind].view(spec, ds)


class Views:
    """One build's chart views, each made once, on first use: a chart is asked for by its page, its
    picture, its downloads, its embed page and its card. A chart that cannot be drawn is reported
    once, at its definition, and has no view (None)."""

    def __init__(self, ds: Dataset, problems: Problems):
        self.ds = ds
        self.problems = problems
        self._made: dict[str, ChartView | None] = {}

    def __getitem__(self, chart_id: str) -> ChartView | None:
        if chart_id not in self._made:
            try:
                self._made[chart_id] = view(self.ds.charts[chart_id], self.ds)
            except UnsupportedTrace as exc:
                where = self.ds.lines[("chart", chart_id)]
                self.problems.add(where.path, where.line, "kind", f"chart '{chart_id}' {exc}")
                self._made[chart_id] = None
        return self._made[chart_id]

    def all(self) -> dict[str, ChartView]:
        """Every chart that can be drawn (placed or not yet), by id."""
        return {cid: v for cid in self.ds.charts if (v := self[cid]) is not None}
