"""Chart specifications from data/charts.yml: what each chart draws."""
from __future__ import annotations

from typing import Literal, Optional

from .claims import Status
from .fields import Id, IdList, OptionalText, PastDate, Text
from .schema import Row


class ChartSpec(Row):
    id: Id
    kind: str
    title: Text
    summary: Text
    notes: OptionalText = ""


class _Selection(ChartSpec):
    """Observations chosen by metric, and optionally by claimant, status and date range."""

    metrics: IdList
    claimants: Optional[IdList] = None
    statuses: Optional[list[Status]] = None
    start: Optional[PastDate] = None
    end: Optional[PastDate] = None

    def selects(self, obs) -> bool:
        return (
            obs.metric in self.metrics
            and (self.claimants is None or obs.claimant in self.claimants)
            and (self.statuses is None or obs.status in self.statuses)
            and (self.start is None or obs.date >= self.start)
            and (self.end is None or obs.date <= self.end)
        )


class TimeseriesSpec(_Selection):
    kind: Literal["timeseries"]
    y_title: OptionalText = ""
    # Metrics drawn as labelled horizontal lines for scale (e.g. a pre-war population).
    reference: Optional[IdList] = None


class BarSpec(_Selection):
    kind: Literal["bar"]
    x_title: OptionalText = ""


class TimelineSpec(ChartSpec):
    kind: Literal["timeline"]
    topic: Id
    tracks: Optional[list[Text]] = None
    start: Optional[PastDate] = None
    end: Optional[PastDate] = None

    def selects(self, event) -> bool:
        return (
            event.topic == self.topic
            and (self.tracks is None or event.track in self.tracks)
            and (self.start is None or event.date >= self.start)
            and (self.end is None or event.date <= self.end)
        )


# Where a place's name sits around its dot (plotly's textposition).
LabelPosition = Literal["top left", "top center", "top right", "middle left", "middle right",
                        "bottom left", "bottom center", "bottom right"]


class MapSpec(ChartSpec):
    """A locator map drawn with scatter traces on longitude/latitude axes (see maps.py)."""

    kind: Literal["map"]
    places: IdList  # ids in data/places.csv: drawn where a position is published, listed otherwise
    lines: Optional[IdList] = None  # ids of data/geo/*.json context lines (border, river)
    topic: Optional[Id] = None  # events topic: a bridge's events are those whose track is its name
    marked_at: Optional[dict[Id, Id]] = None  # structure without a position -> settlement it is named after
    distances: Optional[dict[Id, Id]] = None  # place -> metric of claimed distances to it
    labels: Optional[dict[Id, LabelPosition]] = None  # label placement, where the default collides


KINDS: dict[str, type[ChartSpec]] = {
    "timeseries": TimeseriesSpec,
    "bar": BarSpec,
    "timeline": TimelineSpec,
    "map": MapSpec,
}


def kind_problem(kind: object) -> str | None:
    """Why a chart kind cannot be drawn, or None when it can."""
    if isinstance(kind, str) and kind in KINDS:
        return None
    return (
        f"unknown chart kind '{kind}' (kinds: {', '.join(sorted(KINDS))}); the site's plotly.js "
        "bundle draws only scatter, bar and pie traces, so geo and tile maps, heatmaps and 3-D charts are not "
        "available (kind 'map' draws locator maps with scatter traces)"
    )

