"""Reading the data files: YAML and CSV with the line of every field, validated into a Dataset.

Every data file has one loader of one shape, `load(data_dir, ds, problems, today, root_label)`,
and `all` runs them in the order their references need: definitions first, then the rows that
name them, the places events name, the areas measured from places, the chart specs that select
rows, and the corrections and updates that may name a chart.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Mapping
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from ..model.dataset import Dataset
from ..model.problems import Problems
from . import areas, charts, corrections, dataset


@contextmanager
def _gc_paused():
    """Loading creates hundreds of thousands of small acyclic objects; pausing the cyclic
    collector meanwhile more than halves the time for 100,000 rows (benchmarks/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def all(
    data_dir: Path,
    problems: Problems,
    today: date | None = None,
    root_label: str = "data",
    kinds: Mapping[str, charts.ChartKind] | None = None,
) -> Dataset:
    """Every data file under data_dir into one Dataset; every problem lands in `problems`.
    kinds: the chart kinds (kinds.KINDS), which check the chart specs; without them every chart
    is of an unknown kind."""
    ds = Dataset()
    loaders = (
        dataset.definitions,
        dataset.observations,
        dataset.events,  # with places.csv and data/geo/*.json
        areas.load,  # after places: distances start at a place
        functools.partial(charts.load, kinds=kinds),
        corrections.load,  # after the charts: a correction may name one
        corrections.load_updates,
    )
    today = today or date.today()
    with _gc_paused():
        for loader in loaders:
            loader(Path(data_dir), ds, problems, today, root_label)
    return ds
