"""Chart kinds, one module each, behind one registry.

A kind's module holds its spec model (a pydantic model whose `kind` is a literal), its checks,
its row selection, its figure, its table and CSV, and its key. Adding a kind means adding its
module to KINDS below (its name comes from its spec's `kind`; the union of specs that
data/charts.yml is read with is derived from KINDS), and its documentation (README) and tests.
"""

from __future__ import annotations

from ..load.charts import registry
from ..model.dataset import Dataset
from ..model.problems import Problems
from . import bar, map, timeline, timeseries
from .base import ChartSpec, ChartView, Kind
from .plot import UnsupportedTrace

# Every chart kind, by name: the one place a kind is added.
KINDS: dict[str, Kind] = registry(timeseries, bar, timeline, map)

__all__ = ["KINDS", "ChartSpec", "ChartView", "UnsupportedTrace", "Views", "view"]


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
