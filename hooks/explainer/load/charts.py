"""data/charts.yml: each chart's spec validated by the model of the kind it names, then its
references checked by that kind.

The kinds themselves (their spec models, checks and figures) live a layer up, in kinds/; the
build hands their registry in (`load.all(..., kinds=kinds.KINDS)`), so this module names none of
them, and the union of spec models is derived from the registry (`specs`), never written out.
"""

from __future__ import annotations

import typing
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Protocol

from pydantic import Field

from ..model.dataset import Dataset
from ..model.problems import Problems
from ..model.rows import Row
from .checks import Where, first_definition
from .files import read_yaml_list
from .validate import Tagged, validate


class ChartKind(Protocol):
    """What loading needs of a chart kind (kinds/base.Kind adds its view): its spec model, whose
    `kind` field is a Literal of the kind's name, and its checks."""

    Spec: type[Row]

    def check(self, where: Where, spec, ds: Dataset, problems: Problems) -> bool:
        """Report every reference the spec makes that does not resolve; True when it can be drawn."""


def name_of(kind: ChartKind) -> str:
    """A kind's name: the one value its spec's `kind` field allows."""
    (name,) = typing.get_args(kind.Spec.model_fields["kind"].annotation)
    return name


def registry(*kinds: ChartKind) -> dict[str, ChartKind]:
    """The kinds by name, in the order given."""
    return {name_of(kind): kind for kind in kinds}


def specs(kinds: Mapping[str, ChartKind]) -> Tagged:
    """The union of the kinds' spec models, told apart by `kind`."""
    return _specs(tuple(kind.Spec for kind in kinds.values()))


@lru_cache(maxsize=8)
def _specs(models: tuple[type[Row], ...]) -> Tagged:
    return Tagged.of("kind", Annotated[typing.Union[models], Field(discriminator="kind")])  # noqa: UP007


def kind_problem(kind: object, kinds: Mapping[str, ChartKind]) -> str | None:
    """Why a chart kind cannot be drawn, or None when it can."""
    if isinstance(kind, str) and kind in kinds:
        return None
    return (
        f"unknown chart kind '{kind}' (kinds: {', '.join(sorted(kinds))}); the site's plotly.js "
        "bundle draws only scatter, bar and pie traces, so geo and tile maps, heatmaps and 3-D charts are not "
        "available (kind 'map' draws locator maps with scatter traces)"
    )


def load(
    data_dir: Path,
    ds: Dataset,
    problems: Problems,
    today: date,
    root_label: str = "data",
    kinds: Mapping[str, ChartKind] | None = None,
) -> None:
    """data/charts.yml into ds.charts: each spec validated by its kind, its references checked."""
    kinds = kinds or {}
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
        why = kind_problem(record.data.get("kind"), kinds)
        if why:
            problems.add(record.path, record.line_of("kind"), "kind", why)
            continue
        typed.extend(validate([record], specs(kinds), problems, today))
    # With a whole data file unreadable, or rows refused, what a chart selects is unknowable: its
    # cross-checks ("draws no rows", "no event has topic …") would only repeat those problems.
    upstream = ds.broken_kinds or ds.refused or any(kind in ("event", "line", "place") for kind, _ in ds.broken)
    checked = Problems() if upstream else problems
    for record, spec in typed:
        if first_definition(record, spec.id, "chart", ds, problems) and kinds[spec.kind].check(
            record, spec, ds, checked
        ):
            ds.charts[spec.id] = spec
            ds.broken.discard(("chart", spec.id))
