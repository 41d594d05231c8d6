"""A map's spec, and what one map draws and lists, worked out once (`plan`) for its figure,
table, CSV, key and notes: its places, the structures marked at a settlement, the events and
claims at each, the distance figures, the lines and days of occupied area, its box and the
corner of its locator inset."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

import shapely
from pydantic import BeforeValidator

from ...load.measure import geometry as area_geometry
from ...model.areas import AreaDay
from ...model.dataset import Dataset
from ...model.fields import Id, IdList, _any_date
from ...model.places import SETTLEMENT_KINDS, GeoLine, Place
from .. import locator
from ..base import ChartSpec
from . import geometry

# Where a place's name sits around its dot (plotly's textposition).
LabelPosition = Literal[
    "top left", "top center", "top right", "middle left", "middle right", "bottom left", "bottom center", "bottom right"
]
# The occupied area, one layer per day, oldest on top: translucent fills stack, so ground held
# since the first day reads darkest and each later band lighter; each edge has its own dash too
# (so a map draws at most this many days).
AREA_DASHES = ("solid", "dash", "dot", "dashdot")
AREA_DRAW_TOLERANCE = 0.003  # degrees: under three pixels on the widest picture
# The locator inset covers at most this share of the box's width and height, from a corner: the
# picture keeps the map's aspect by showing more longitude or latitude than the box, never less, so
# the share of the box under the inset is largest where the picture has the box's own aspect.
INSET_REACH = locator.SIZE + 0.06  # with a margin for a dot's radius and the panel's edge
FREE = 0.005  # an occupied share of the inset's region this small is a sliver at its edge
INSET_GROWTH = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)  # of the box's side, tried in turn


class Spec(ChartSpec):
    """A locator map drawn with scatter traces on longitude/latitude axes."""

    kind: Literal["map"]
    places: IdList  # ids in data/places.csv: drawn where a position is published, listed otherwise
    lines: IdList | None = None  # ids of data/geo/*.json context lines (border, river)
    topic: Id | None = None  # events topic: a structure's events are those whose track is its name
    marked_at: dict[Id, Id] | None = None  # structure without a position -> settlement it is named after
    distances: dict[Id, Id] | None = None  # place -> metric of claimed distances to it
    claims: Id | None = None  # events topic: who said they took which place, drawn at the place
    labels: dict[Id, LabelPosition] | None = None  # label placement, where the default collides
    areas: Id | None = None  # a series of data/geo/<series>/ days: the occupied area is drawn
    # Its days drawn, oldest first (up to four); each must be a day of the series (checks.py).
    area_dates: list[Annotated[date, BeforeValidator(_any_date)]] | None = None
    # The first and last day a reader steps through in the live chart (every day of the series in
    # between, in a file of their own: days.py); without it the live chart has no date control.
    area_period: list[Annotated[date, BeforeValidator(_any_date)]] | None = None
    focus: Id | None = None  # the map's key place: a larger dot in a ring, its name in bold
    locator: Id | None = None  # a border in data/geo: an inset shows where the frame sits along it


@dataclass
class MapPlan:
    """What one map draws and lists, worked out once for its figure, table, CSV, key and notes."""

    spec: Spec
    listed: list[Place]  # every place of the spec, in its order
    drawn: list[Place]  # places with a published position
    marked: dict[str, Place]  # structure id -> settlement whose point marks it
    unplaced: list[Place]  # listed, not drawn and not marked: position unknown
    events: dict[str, list]  # structure id -> its events (spec.topic, track == name)
    claims: dict[str, list]  # place id -> events of spec.claims at it, by date
    distances: dict[str, list]  # place id -> observations of the distance metric
    lines: list[GeoLine]
    box: geometry.Box  # lon0, lon1, lat0, lat1
    areas: list[AreaDay] = field(default_factory=list)  # the days of spec.areas drawn, oldest first
    source_ids: list[str] = field(default_factory=list)
    as_of: date | None = None
    label_at: dict[str, str] = field(default_factory=dict)  # place id -> where its name goes
    inset: str | None = None  # the locator inset's corner ("top left", ...), where it hides nothing
    label_boxes: list = field(default_factory=list)  # where the names fall in the narrowest picture (px)
    area_traces: list[int] = field(default_factory=list)  # the figure's area layers, oldest day first

    @property
    def ratio(self) -> float:
        """y-axis scale relative to x (geometry.ratio of the box)."""
        return geometry.ratio(self.box[2], self.box[3])

    @functools.cached_property
    def occupied(self):
        """The days' occupied areas as one shapely geometry, or None when no day is drawn."""
        return shapely.union_all([area_geometry(d.area) for d in self.areas]) if self.areas else None

    def first_event(self, structure_id: str):
        """A structure's first event (the first report of a hit), or None."""
        events = self.events.get(structure_id) or []
        return events[0] if events else None


def plan(spec: Spec, ds: Dataset) -> MapPlan:
    """What the map draws and lists, its box and its inset's corner."""
    listed = [ds.places[p] for p in spec.places if p in ds.places]
    drawn = [p for p in listed if p.positioned]
    marked = {
        s: ds.places[at]
        for s, at in (spec.marked_at or {}).items()
        if s in ds.places and at in ds.places and ds.places[at].positioned
    }
    unplaced = [p for p in listed if not p.positioned and p.id not in marked]
    events = {}
    if spec.topic:
        for p in listed:
            if p.kind not in SETTLEMENT_KINDS:
                events[p.id] = [e for e in ds.events if e.topic == spec.topic and e.track == p.name]
    claims = {}
    if spec.claims:
        for p in listed:
            said = [e for e in ds.events if e.topic == spec.claims and e.place == p.id]
            if said:
                claims[p.id] = said
    distances = {p: ds.by_metric(m) for p, m in (spec.distances or {}).items()}
    lines = [ds.geo[i] for i in spec.lines or [] if i in ds.geo]
    rivers = [point for g in lines if g.kind == "river" for line in g.lines for point in line]
    box = geometry.frame([(p.lon, p.lat) for p in drawn] + rivers)
    out = MapPlan(spec, listed, drawn, marked, unplaced, events, claims, distances, lines, box)
    by_date = {d.date: d for d in ds.areas.get(spec.areas or "", [])}
    out.areas = [by_date[d] for d in sorted(spec.area_dates or []) if d in by_date]
    if spec.locator in ds.geo:
        out.box, out.inset = _room_for_inset(out)
    said = [e for evs in (*events.values(), *claims.values()) for e in evs]
    ids = [p.source for p in listed] + [g.source for g in lines] + [a.source for a in out.areas]
    ids += [s for e in said for s in e.sources] + [s for obs in distances.values() for o in obs for s in o.sources]
    out.source_ids = list(dict.fromkeys(ids))
    dated = [e.date for e in said] + [o.date for obs in distances.values() for o in obs] + [a.date for a in out.areas]
    out.as_of = max(dated) if dated else max(ds.sources[p.source].dated for p in drawn)
    return out


def _room_for_inset(p: MapPlan) -> tuple[geometry.Box, str]:
    """The box and the corner for the locator inset, so that it hides no place, claim mark or
    occupied area at any width: the free corner the country names leave, else the box grown on
    the side (north, south, west or east) that frees a corner soonest."""
    places = [(pl.lon, pl.lat) for pl in p.drawn]
    # borders and rivers are context, not rows: hiding a stretch of one is the lesser evil
    lines = [line for g in p.lines for line in g.lines]
    border = next((g for g in p.lines if g.kind == "border" and g.left and g.right), None)

    def best(box):
        # each place's dot, and the row of claim marks above it (as high as the box makes it)
        claimed = [geometry.claim_mark(pl.lon, pl.lat, 0, 1, box) for pl in p.drawn if p.claims.get(pl.id)]
        marks = places + claimed
        named = {corner for _, corner, _ in geometry.country_spots(border, places, box)} if border else set()
        free = [c for c in geometry.CORNERS if c not in named]
        scored = [
            (*geometry.hidden_by_inset(box, c, INSET_REACH, marks, lines, p.occupied), i, c) for i, c in enumerate(free)
        ]
        return min(scored) if scored else None

    first = best(p.box)
    if first is None:
        return p.box, "bottom right"
    if first[0] == 0 and first[1] < FREE:
        return p.box, first[-1]
    # Northwards or southwards first: a phone's picture is short and wide, so a taller box costs
    # it less scale than a wider one, and names keep their room.
    for sides in (("north", "south"), ("west", "east")):
        for grow in INSET_GROWTH:
            for side in sides:
                box = geometry.grown(p.box, side, grow)
                found = best(box)
                if found and found[0] == 0 and found[1] < FREE:
                    return box, found[-1]
    return p.box, first[-1]  # nowhere free within the growth tried: the corner that hides least
