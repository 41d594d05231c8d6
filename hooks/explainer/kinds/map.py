"""Locator maps drawn with the basic bundle's scatter traces: x is longitude, y latitude.

No geo trace, no tiles, no request to a map service. The y axis is stretched by
1/cos(mean latitude) so a kilometre is as long north-south as east-west at the map's centre
(an equirectangular view, fine at this scale). Only places with a published position are
drawn; the others are listed in the notes and the table, never guessed.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Literal

import shapely
from pydantic import BeforeValidator

from ..language import t
from ..load.measure import geometry, outlines
from ..model import formatting
from ..model.areas import AreaDay
from ..model.claims import GROUP_LABELS, GROUPS, UNVERIFIED, status_text
from ..model.dataset import Dataset, suggest
from ..model.fields import Id, IdList, _any_date
from ..model.palette import GROUP_COLOURS, GROUP_GLYPHS
from ..model.places import SETTLEMENT_KINDS, STRUCTURE_KINDS, GeoLine, Place
from ..model.problems import Problems
from ..model.sources import NEWS_KINDS
from ..model.statuses import EVENT_STATUS_SHORT
from . import labels as placement
from . import locator, mapdays, tables
from .base import ChartSpec, ChartView, RowMeta, Where
from .plot import Figure, decorative, event_marks, group_status_order, lines, plot_text, scatter

KM_PER_DEGREE = 111.32  # one degree of latitude (and of longitude at the equator), spherical Earth
NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)

# Neutral marks for places and context, so the site's side colours (blue, red, grey-blue)
# keep meaning "who claims". Each keeps 3:1 contrast on Material's light and dark backgrounds.
SETTLEMENT_COLOUR = "#7f7f7f"
BORDER_COLOUR = "#8c8c8c"
RIVER_COLOUR = "#2b8cb3"
# A structure's state: colour and shape (never colour alone).
STATE_STYLES = {
    "destroyed": ("#c8641e", "square-x-open", "destroyed"),
    "damaged": ("#9e7b00", "diamond-open", "damaged"),
    "intact": ("#7f7f7f", "circle-open", "intact"),
    "unknown": ("#7f7f7f", "hexagon-open", "state unknown"),
}
MARKER_SIZES = {"city": 12, "town": 10, "village": 8}
LABEL_SIZE = 12  # px: readable on a 360 px phone
FOCUS_LABEL_SIZE = 15  # the key place's name
FOCUS_SIZE = 14
KEY_ROW_PX = 26  # one entry of the key, on its own row in a phone's picture
# Where a place's name sits around its dot (plotly's textposition).
LabelPosition = Literal[
    "top left", "top center", "top right", "middle left", "middle right", "bottom left", "bottom center", "bottom right"
]
CSV_COLUMNS = [
    "id",
    "name",
    "kind",
    "lat",
    "lon",
    "status",
    "shown",
    "first_reported",
    "claims",
    "claimant_groups",
    "source",
    "source_publisher",
    "source_credit",
    "source_url",
    "note",
]


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
    # Its days drawn, oldest first (up to four); each must be a day of the series (checked below).
    area_dates: list[Annotated[date, BeforeValidator(_any_date)]] | None = None
    # The first and last day a reader steps through in the live chart (every day of the series in
    # between, in a file of their own: kinds/mapdays.py); without it the live chart has no date control.
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
    box: tuple[float, float, float, float]  # lon0, lon1, lat0, lat1
    areas: list[AreaDay] = field(default_factory=list)  # the days of spec.areas drawn, oldest first
    source_ids: list[str] = field(default_factory=list)
    as_of: date | None = None
    label_at: dict[str, str] = field(default_factory=dict)  # place id -> where its name goes
    inset: str | None = None  # the locator inset's corner ("top left", ...), where it hides nothing
    label_boxes: list = field(default_factory=list)  # where the names fall in the narrowest picture (px)
    area_traces: list[int] = field(default_factory=list)  # the figure's area layers, oldest day first

    @property
    def ratio(self) -> float:
        """y-axis scale relative to x: 1 / cos(mean latitude)."""
        return 1 / math.cos(math.radians((self.box[2] + self.box[3]) / 2))


def plan(spec: Spec, ds: Dataset) -> MapPlan:
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
    out = MapPlan(spec, listed, drawn, marked, unplaced, events, claims, distances, lines, _box(drawn, lines))
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


def _box(drawn: list[Place], lines: list[GeoLine]) -> tuple[float, float, float, float]:
    """The drawn places and rivers, padded, and widened so the map is neither a strip nor a tower."""
    lons = [p.lon for p in drawn] + [x for g in lines if g.kind == "river" for line in g.lines for x, _ in line]
    lats = [p.lat for p in drawn] + [y for g in lines if g.kind == "river" for line in g.lines for _, y in line]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(0.14 * (lon1 - lon0), 0.05)
    pad_y = max(0.16 * (lat1 - lat0), 0.04)
    lon0, lon1, lat0, lat1 = lon0 - pad_x, lon1 + pad_x, lat0 - pad_y, lat1 + pad_y
    ratio = 1 / math.cos(math.radians((lat0 + lat1) / 2))
    aspect = (lat1 - lat0) * ratio / (lon1 - lon0)  # height / width on screen
    if aspect < 0.5:
        grow = ((lon1 - lon0) * 0.5 / ratio - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - grow, lat1 + grow
    elif aspect > 1.1:
        grow = ((lat1 - lat0) * ratio / 1.1 - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - grow, lon1 + grow
    return lon0, lon1, lat0, lat1


def km_per_degree_lon(lat: float) -> float:
    return KM_PER_DEGREE * math.cos(math.radians(lat))


# -- the figure ---------------------------------------------------------------


def view(spec: Spec, ds: Dataset) -> ChartView:
    """A map's rows are its places (drawn or not); table and CSV list them with their sources."""
    p = plan(spec, ds)
    head, body = table(p, ds)
    # The source line: who reported what is drawn first, then the lines' data; the places'
    # positions (often one encyclopaedia article each) as one entry, each linked in the table.
    said = {e.source for evs in (*p.events.values(), *p.claims.values()) for e in evs}
    said |= {o.source for obs in p.distances.values() for o in obs}
    grouped = [
        s for s in dict.fromkeys(pl.source for pl in p.listed) if s not in said and ds.sources[s].kind == "reference"
    ]
    if len(grouped) < 3:
        grouped = []
    reporting = sorted(
        (s for s in p.source_ids if s not in grouped), key=lambda s: ds.sources[s].kind not in NEWS_KINDS
    )
    grouped = [ds.sources[s] for s in grouped]
    drawn = figure(p, ds).finish()
    days = (
        mapdays.days_file(
            spec, ds, area_frame(p.box), AREA_DRAW_TOLERANCE, p.area_traces, lambda d: plot_text(area_label(d, ds))
        )
        if spec.area_period and p.areas
        else None
    )
    return ChartView(
        spec=spec,
        rows=p.listed,
        figure=drawn,
        days=days,
        sources=[ds.sources[s] for s in reporting] + grouped,
        grouped=[("positions of places", grouped)] if grouped else [],
        as_of=p.as_of,
        has_claims=False,  # the key and notes say which figures are claims
        table_head=head,
        table_rows=body,
        csv_text=csv_text(p, ds),
        key=key(p, ds),
        notes=notes(p, ds),
        also_drawn=[
            *dict.fromkeys(e for evs in (*p.events.values(), *p.claims.values()) for e in evs),
            *(o for obs in p.distances.values() for o in obs),
        ],
        row_meta=[RowMeta(pl.id, url=ds.sources[pl.source].url) for pl in p.listed],
    )


def figure(p: MapPlan, ds: Dataset) -> Figure:
    lon0, lon1, lat0, lat1 = p.box
    fig = Figure()
    _areas(fig, p, ds)
    for line in p.lines:
        xs, ys = _clip(line.lines, p.box)
        if not xs:
            continue
        river = line.kind == "river"
        fig.add_trace(
            decorative(
                scatter(
                    x=xs,
                    y=ys,
                    mode="lines",
                    name=plot_text(t("{name} (generalised)", name=t(line.name))),
                    line=dict(
                        color=RIVER_COLOUR if river else BORDER_COLOUR,
                        width=2.5 if river else 2,
                        dash="solid" if river else "dash",
                    ),
                    hoverinfo="skip",
                )
            )
        )
    inset = p.inset  # the locator inset's corner, chosen with the box (drawn last, on top)
    used_corners = _country_labels(fig, p, inset)
    p.label_at = _place_labels(p, ds, inset)
    # Structures (bridges) without a position, marked on the point of their settlement.
    by_state: dict[str, list] = {}
    labelled: dict[str, str] = {}  # settlement id -> the structure whose marker carries its label
    for structure_id, settlement in p.marked.items():
        structure = ds.places[structure_id]
        by_state.setdefault(structure.status, []).append((structure, settlement))
    for state in STATE_STYLES:
        items = by_state.get(state)
        if not items:
            continue
        colour, symbol, words = STATE_STYLES[state]
        # The settlement's name and the structure's state are labelled here, off this larger marker.
        fig.add_trace(
            scatter(
                x=[s.lon for _, s in items],
                y=[s.lat for _, s in items],
                ids=[b.id for b, _ in items],  # the structure's row, drawn at its settlement
                mode="markers+text",
                name=plot_text(f"{items[0][0].kind.capitalize()} {words}"),
                text=[_label(s, p, ds) if labelled.setdefault(s.id, b.id) == b.id else "" for b, s in items],
                textposition=[_label_position(s, p) for _, s in items],
                textfont=dict(size=LABEL_SIZE),
                marker=dict(color=colour, size=22, symbol=symbol, line=dict(width=2.5, color=colour)),
                customdata=[[s.id, _structure_hover(b, s, p, ds)] for b, s in items],
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )
    settlements = [pl for pl in p.drawn if pl.kind in SETTLEMENT_KINDS]
    others = [pl for pl in p.drawn if pl.kind not in SETTLEMENT_KINDS]
    for group, name, colour in (
        (settlements, "Town or city centre", SETTLEMENT_COLOUR),
        (others, "Site", STATE_STYLES["unknown"][0]),
    ):
        if not group:
            continue
        fig.add_trace(
            scatter(
                x=[pl.lon for pl in group],
                y=[pl.lat for pl in group],
                ids=[pl.id for pl in group],
                mode="markers+text",
                name=t(name),
                text=["" if pl.id in labelled else _label(pl, p, ds) for pl in group],
                textposition=[_label_position(pl, p) for pl in group],
                textfont=dict(size=[FOCUS_LABEL_SIZE if pl.id == p.spec.focus else LABEL_SIZE for pl in group]),
                marker=dict(color=colour, size=[_dot_size(pl, p) for pl in group], symbol="circle"),
                customdata=[[pl.id, _place_hover(pl, p, ds)] for pl in group],
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )
    _focus_ring(fig, p)
    _claim_marks(fig, p, ds)
    _scale_bar(fig, p, used_corners, inset)
    if inset:
        locator.draw(fig, ds.geo[p.spec.locator], p.box, p.ratio, inset)
    # Sized for a desktop column; on a phone the fixed aspect widens the latitude range instead.
    plot_height = _plot_height(p)
    hidden = dict(
        showgrid=False, zeroline=False, showticklabels=False, ticks="", showline=True, mirror=True, fixedrange=True
    )
    # The key takes a row per entry in the narrowest picture, and the picture's height is one for
    # all widths: leave the map its own height there too, or a phone gets a strip of a map.
    entries = len({t.get("legendgroup") or t.get("name") for t in fig.data if t.get("showlegend", True)})
    return fig.update_layout(
        dict(
            height=plot_height + max(90, KEY_ROW_PX * entries + 20),
            margin=dict(l=4, r=4, t=4, b=4),
            showlegend=True,
            legend=dict(orientation="h", x=0, xanchor="left", y=-0.02, yanchor="top", font=dict(size=12)),
            hovermode="closest",
            dragmode=False,
            font=dict(size=13),
            xaxis=dict(range=[lon0, lon1], **hidden),
            yaxis=dict(range=[lat0, lat1], scaleanchor="x", scaleratio=p.ratio, **hidden),
        )
    )


# The occupied area, one layer per day, oldest on top: translucent fills stack, so ground held
# since the first day reads darkest and each later band lighter; each edge has its own dash too.
AREA_DASHES = ("solid", "dash", "dot", "dashdot")
AREA_FILL_ALPHA = 0.2
AREA_DRAW_TOLERANCE = 0.003  # degrees: under three pixels on the widest picture


def area_label(day: AreaDay, ds: Dataset) -> str:
    return t("{who}'s map as of {day}", who=ds.claimants[day.claimant].name, day=formatting.day_month(day.date))


def area_frame(box) -> tuple[float, float, float, float]:
    """(west, south, east, north) the occupied area is cut to for drawing. The aspect is fixed, so a
    picture wider or narrower than the map's own shape shows more longitude or latitude than the
    box: keep a margin all round."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    return lon0 - 0.25 * w, lat0 - 0.6 * h, lon1 + 0.25 * w, lat1 + 0.6 * h


def _areas(fig: Figure, p: MapPlan, ds: Dataset) -> None:
    """Decorative layers: the drawn area is context for the places, not a data row of its own
    (the figures measured on it are rows, in the distance chart). Outer rings only: the few
    holes (pockets under 2 km² not shown as occupied) would fill over in plotly's toself."""
    colour = GROUP_COLOURS["analysts"]
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    frame = area_frame(p.box)
    p.area_traces = [len(fig.data) + len(p.areas) - 1 - i for i in range(len(p.areas))]  # added newest first
    for i, day in reversed(list(enumerate(p.areas))):
        xs: list = []
        ys: list = []
        for ring in outlines(day.area, frame, AREA_DRAW_TOLERANCE):
            xs += [x for x, _ in ring] + [None]
            ys += [y for _, y in ring] + [None]
        fig.add_trace(
            decorative(
                scatter(
                    x=xs[:-1],
                    y=ys[:-1],
                    mode="lines",
                    fill="toself",
                    fillcolor=f"rgba({r},{g},{b},{AREA_FILL_ALPHA})",
                    line=dict(color=colour, width=1.5, dash=AREA_DASHES[i % len(AREA_DASHES)]),
                    name=plot_text(area_label(day, ds)),
                    legendrank=2000 + i,  # after the places and claims, oldest first
                    hoverinfo="skip",
                )
            )
        )


def _claim_marks(fig: Figure, p: MapPlan, ds: Dataset) -> None:
    """Who said they took a place, and how far that is established, as the timelines draw it:
    colour and shape for the claimant's group, fill for the status. Marks sit in a row just above
    the place's dot, oldest first, so its dot and name stay readable."""
    lon0, lon1, lat0, lat1 = p.box
    marks: dict[tuple[str, str], list] = {}
    for place in p.drawn:
        said = p.claims.get(place.id, [])
        for i, event in enumerate(said):
            x = place.lon + (i - (len(said) - 1) / 2) * 0.035 * (lon1 - lon0)
            y = place.lat + 0.045 * (lat1 - lat0)
            marks.setdefault((ds.claimants[event.claimant].group, event.status), []).append((event, place, x, y))
    for group, status in sorted(marks, key=group_status_order):
        items = marks[(group, status)]
        hover = [
            f"<b>{lines(e.label, 48)}</b><br>{plot_text(place.name)} · {plot_text(formatting.long_date(e.date))}"
            f"<br>{plot_text(status_text(e.status, event=True))} · {t('source:')} {plot_text(ds.credit(e))}"
            for e, place, _, _ in items
        ]
        for trace in event_marks(
            group,
            status,
            x=[m[2] for m in items],
            y=[m[3] for m in items],
            size=14,
            # A claim is drawn for its place: the map's rows are its places (the table says who claimed).
            ids=[place.id for _, place, _, _ in items],
            name=plot_text(f"{GROUP_LABELS[group]} · {EVENT_STATUS_SHORT[status]}"),
            customdata=[[e.id, h] for (e, *_), h in zip(items, hover, strict=True)],
            hovertemplate="%{customdata[1]}<extra></extra>",
        ):
            fig.add_trace(trace)


# The locator inset covers at most this share of the box's width and height, from a corner: the
# picture keeps the map's aspect by showing more longitude or latitude than the box, never less, so
# the share of the box under the inset is largest where the picture has the box's own aspect.
INSET_REACH = locator.SIZE + 0.06  # with a margin for a dot's radius and the panel's edge
FREE = 0.005  # an occupied share of the inset's region this small is a sliver at its edge
INSET_GROWTH = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6)  # of the box's side, tried in turn


def _inset_region(box, corner: str) -> shapely.Polygon:
    """Where the inset may lie over the map at some width: its share of the box from the corner,
    and everything beyond the box on that side (a wider picture shows more of it there)."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    vertical, horizontal = corner.split()
    far = 10 * max(w, h)
    xs = (lon1 - INSET_REACH * w, lon1 + far) if horizontal == "right" else (lon0 - far, lon0 + INSET_REACH * w)
    ys = (lat1 - INSET_REACH * h, lat1 + far) if vertical == "top" else (lat0 - far, lat0 + INSET_REACH * h)
    return shapely.box(xs[0], ys[0], xs[1], ys[1])


def _hidden_by_inset(p: MapPlan, box, corner: str, areas) -> tuple[int, float, float]:
    """What an inset in that corner would hide at some width: places and the marks above them (a
    count), the share of its region the occupied area fills, and the length of border or river
    under it inside the box (in box widths)."""
    region = _inset_region(box, corner)
    lon0, lon1, lat0, lat1 = box
    marks = [(pl.lon, pl.lat) for pl in p.drawn]
    marks += [(pl.lon, pl.lat + 0.045 * (lat1 - lat0)) for pl in p.drawn if p.claims.get(pl.id)]
    places = sum(region.contains(shapely.Point(x, y)) for x, y in marks)
    inside = shapely.box(lon0, lat0, lon1, lat1).intersection(region)
    covered = areas.intersection(region).area / inside.area if areas is not None and inside.area else 0.0
    # borders and rivers are context, not rows: hiding a stretch of one is the lesser evil
    hidden_lines = sum(shapely.LineString(line).intersection(inside).length for g in p.lines for line in g.lines)
    return places, covered, hidden_lines / (lon1 - lon0)


def _room_for_inset(p: MapPlan) -> tuple[tuple[float, float, float, float], str]:
    """The box and the corner for the locator inset, so that it hides no place, claim mark or
    occupied area at any width: the free corner the country names leave, else the box grown on
    the side (north, south, west or east) that frees a corner soonest."""
    lon0, lon1, lat0, lat1 = p.box
    w, h = lon1 - lon0, lat1 - lat0
    areas = shapely.union_all([geometry(d.area) for d in p.areas]) if p.areas else None

    def options(box):
        used = _country_names(p, box)[0]
        for corner in ("bottom right", "bottom left", "top right", "top left"):
            if corner not in used:
                yield corner

    def best(box):
        scored = [(*_hidden_by_inset(p, box, c, areas), i, c) for i, c in enumerate(options(box))]
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
                box = {
                    "north": (lon0, lon1, lat0, lat1 + grow * h),
                    "south": (lon0, lon1, lat0 - grow * h, lat1),
                    "west": (lon0 - grow * w, lon1, lat0, lat1),
                    "east": (lon0, lon1 + grow * w, lat0, lat1),
                }[side]
                found = best(box)
                if found and found[0] == 0 and found[1] < FREE:
                    return box, found[-1]
    return p.box, first[-1]  # nowhere free within the growth tried: the corner that hides least


def _dot_size(place: Place, p: MapPlan) -> int:
    return FOCUS_SIZE if place.id == p.spec.focus else MARKER_SIZES.get(place.kind, 10)


def _focus_ring(fig: Figure, p: MapPlan) -> None:
    """A ring around the map's key place, so it is the first thing a reader finds: a layout shape,
    sized in pixels, so it is decorative (no row, no answer) and stays round at every width."""
    focus = next((pl for pl in p.drawn if pl.id == p.spec.focus), None)
    if focus is not None:
        r = FOCUS_SIZE / 2 + 6
        ring = dict(
            type="circle", xref="x", yref="y", xsizemode="pixel", ysizemode="pixel", xanchor=focus.lon,
            yanchor=focus.lat, x0=-r, x1=r, y0=-r, y1=r, line=dict(color=SETTLEMENT_COLOUR, width=2.5),
        )  # fmt: skip
        fig.update_layout(dict(shapes=[*fig.layout.get("shapes", []), ring]))


def _place_labels(p: MapPlan, ds: Dataset, inset: str | None = None) -> dict[str, str]:
    """Where each place's name goes: clear of the other names, the dots and the claim marks."""
    lon0, lon1, lat0, lat1 = p.box
    rank = {"city": 1, "town": 2, "village": 3}
    named = sorted(p.drawn, key=lambda pl: (pl.id != p.spec.focus, rank.get(pl.kind, 4)))
    labels = []
    for pl in named:
        structures = [s for s, at in p.marked.items() if at.id == pl.id]
        size = 22 if structures else _dot_size(pl, p)
        labels.append(
            placement.Label(
                key=pl.id, lon=pl.lon, lat=pl.lat, lines=_label(pl, p, ds).split("<br>"), radius=size / 2,
                fixed=(p.spec.labels or {}).get(pl.id), size=FOCUS_LABEL_SIZE if pl.id == p.spec.focus else LABEL_SIZE,
                preferred="middle left" if (pl.lon - lon0) / (lon1 - lon0) > 0.6 else "middle right",
            )
        )  # fmt: skip
    project = placement.Projection(p.box, p.ratio)
    marks = []
    for place in p.drawn:  # the claim marks above a place, as _claim_marks draws them
        said = p.claims.get(place.id, [])
        for i in range(len(said)):
            x, y = project(
                place.lon + (i - (len(said) - 1) / 2) * 0.035 * (lon1 - lon0), place.lat + 0.045 * (lat1 - lat0)
            )
            marks.append(placement.Box(x - 8, y - 8, x + 8, y + 8))
    if inset:  # the locator inset's panel, where the narrowest picture draws it
        plot_px = _plot_height(p)
        top = min(0.0, (project.height - plot_px) / 2)
        x0 = project.width * (1 - locator.SIZE) if inset.endswith("right") else 0
        y0 = top if inset.startswith("top") else top + plot_px * (1 - locator.SIZE)
        marks.append(placement.Box(x0, y0, x0 + project.width * locator.SIZE, y0 + plot_px * locator.SIZE))
    chosen = placement.place(labels, project, marks)
    p.label_boxes = [placement.label_box(*project(lb.lon, lb.lat), lb, chosen[lb.key]) for lb in labels]
    return chosen


def _plot_height(p: MapPlan) -> int:
    """The map's height in px (its width is the column's): a desktop column's aspect, within bounds."""
    lon0, lon1, lat0, lat1 = p.box
    return min(440, max(280, round(440 * (lat1 - lat0) * p.ratio / (lon1 - lon0))))


def _label(place: Place, p: MapPlan, ds) -> str:
    lines = [f"<b>{plot_text(place.name)}</b>" if place.id == p.spec.focus else plot_text(place.name)]
    for structure_id, settlement in p.marked.items():
        if settlement.id == place.id:
            structure = ds.places[structure_id]
            first = _first_event(p, structure_id)
            lines.append(plot_text(f"{structure.kind} {STATE_STYLES[structure.status][2]}"))
            if first:  # three short lines stay clear of neighbours on a phone
                lines.append(plot_text(formatting.short_date(first.date)))
    return "<br>".join(lines)


def _label_position(place: Place, p: MapPlan) -> str:
    chosen = (p.spec.labels or {}).get(place.id) or p.label_at.get(place.id)
    if chosen:
        return chosen
    lon0, lon1, _, _ = p.box
    return "middle left" if (place.lon - lon0) / (lon1 - lon0) > 0.6 else "middle right"


def _coords(place: Place) -> str:
    ns = "N" if place.lat >= 0 else "S"
    ew = "E" if place.lon >= 0 else "W"
    return f"{abs(place.lat)}° {ns}, {abs(place.lon)}° {ew}"


def _place_hover(place: Place, p: MapPlan, ds) -> str:
    source = ds.sources[place.source]
    lines = [
        f"<b>{plot_text(place.name)}</b>",
        plot_text(f"{t(place.kind)} · {_coords(place)}"),
        plot_text(f"{t('position:')} {source.credit}"),
    ]
    for obs in p.distances.get(place.id, []):
        if obs is p.distances[place.id][0]:
            lines.append(plot_text(t("{label}, as reported:", label=ds.metrics[obs.metric].label)))
        lines.append(plot_text(_distance_text(obs, ds, short=True)))
    return "<br>".join(lines)


def _structure_hover(structure: Place, settlement: Place, p: MapPlan, ds) -> str:
    lines = [
        f"<b>{plot_text(structure.name)}</b>",
        plot_text(
            f"{t(STATE_STYLES[structure.status][2])} · "
            + t("marked at {place}: its own position is not published", place=settlement.name)
        ),
    ]
    for e in p.events.get(structure.id, []):
        status = status_text(e.status, event=True)
        lines.append(plot_text(f"{formatting.short_date(e.date)}: {ds.claimants[e.claimant].name} ({status})"))
    return "<br>".join(lines)


def _distance_text(obs, ds, short: bool = False) -> str:
    metric = ds.metrics[obs.metric]
    status = status_text(obs.status)
    when = formatting.short_date(obs.date) if short else formatting.long_date(obs.date)
    return f"{formatting.observed(obs, metric.unit)}: {ds.claimants[obs.claimant].name}, {when} ({status})"


def _first_event(p: MapPlan, structure_id: str):
    events = p.events.get(structure_id) or []
    return events[0] if events else None


def _clip(lines: list, box) -> tuple[list, list]:
    """Keep each line's runs that reach into a generous frame around the box (plotly clips the
    rest at the axes); runs are separated by None so one trace draws them all."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    # Narrow screens widen the visible range (the aspect is fixed), so keep a wide frame.
    fx0, fx1, fy0, fy1 = lon0 - 1.5 * w, lon1 + 1.5 * w, lat0 - 1.5 * h, lat1 + 1.5 * h
    xs: list = []
    ys: list = []
    for line in lines:
        run: list = []
        for i, (x, y) in enumerate(line):
            inside = fx0 <= x <= fx1 and fy0 <= y <= fy1
            if inside:
                if not run and i > 0:
                    run.append(line[i - 1])
                run.append((x, y))
            elif run:
                run.append((x, y))
                xs += [pt[0] for pt in run] + [None]
                ys += [pt[1] for pt in run] + [None]
                run = []
        if run:
            xs += [pt[0] for pt in run] + [None]
            ys += [pt[1] for pt in run] + [None]
    return xs[:-1], ys[:-1]


def _spots(box) -> dict[str, tuple[float, float]]:
    """Where a country name or the scale bar may go: the corners and edge middles, inset."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    xs = {"left": lon0 + 0.12 * w, "center": lon0 + 0.5 * w, "right": lon1 - 0.12 * w}
    ys = {"top": lat1 - 0.08 * h, "middle": lat0 + 0.5 * h, "bottom": lat0 + 0.08 * h}
    return {f"{v} {u}": (xs[u], ys[v]) for v in ys for u in xs if (u, v) != ("center", "middle")}


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Distance in km between two (lon, lat) points on the map's flat projection."""
    mid = (a[1] + b[1]) / 2
    return math.hypot((a[0] - b[0]) * km_per_degree_lon(mid), (a[1] - b[1]) * KM_PER_DEGREE)


def _side(point, line) -> tuple[float, float]:
    """Signed side (> 0: left when following the line's points) and distance in km to the nearest segment."""
    best = (math.inf, 0.0)
    kx = km_per_degree_lon(point[1])
    px, py = point[0] * kx, point[1] * KM_PER_DEGREE
    for (ax, ay), (bx, by) in itertools.pairwise(line):
        ax, ay, bx, by = ax * kx, ay * KM_PER_DEGREE, bx * kx, by * KM_PER_DEGREE
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / ((dx * dx + dy * dy) or 1)))
        dist = math.hypot(px - ax - t * dx, py - ay - t * dy)
        if dist < best[0]:
            best = (dist, dx * (py - ay) - dy * (px - ax))
    return best[1], best[0]


def _country_names(p: MapPlan, box, inset: str | None = None) -> tuple[set[str], list, list, list]:
    """Where to name the countries either side of a border: in the corners (and edge middles)
    farthest from it, never under the locator inset. Returns (corners used, xs, ys, names)."""
    border = next((g for g in p.lines if g.kind == "border" and g.left and g.right), None)
    if border is None:
        return set(), [], [], []
    lon0, lon1, lat0, _ = box
    width_km = _km((lon0, lat0), (lon1, lat0))
    scored: dict[str, list] = {border.left: [], border.right: []}
    for corner, point in _spots(box).items():
        if corner == inset:
            continue
        side, dist = min((_side(point, line) for line in border.lines), key=lambda sd: sd[1])
        near = min((_km(point, (pl.lon, pl.lat)) for pl in p.drawn), default=math.inf)
        if dist > 0.08 * width_km and near > 0.08 * width_km:
            scored[border.left if side > 0 else border.right].append((min(dist, near), corner, point))
    used = set()
    xs, ys, texts = [], [], []
    for country, options in scored.items():
        if options:
            _, corner, (x, y) = max(options)
            used.add(corner)
            xs.append(x)
            ys.append(y)
            texts.append(plot_text(t(country).upper()))
    return used, xs, ys, texts


def _country_labels(fig: Figure, p: MapPlan, inset: str | None = None) -> set[str]:
    """Name the countries either side of a border; returns the corners used."""
    used, xs, ys, texts = _country_names(p, p.box, inset)
    if xs:
        fig.add_trace(
            decorative(
                scatter(x=xs, y=ys, mode="text", text=texts, showlegend=False, hoverinfo="skip", textfont=dict(size=13))
            )
        )  # text takes the themed font colour (4.5:1 in both schemes)
    return used


def scale_km(p: MapPlan) -> int:
    lon0, lon1, lat0, lat1 = p.box
    width_km = (lon1 - lon0) * km_per_degree_lon((lat0 + lat1) / 2)
    return max([n for n in NICE_KM if n <= 0.25 * width_km] or [NICE_KM[0]])


def _scale_bar(fig: Figure, p: MapPlan, used: set[str], inset: str | None = None) -> str:
    """A bar of a round number of km, measured along the map's mean latitude, in the free corner
    farthest from every place (labels run beside the dots)."""
    lon0, lon1, lat0, lat1 = p.box
    w, h = lon1 - lon0, lat1 - lat0
    km = scale_km(p)
    length = km / km_per_degree_lon((lat0 + lat1) / 2)
    areas = shapely.union_all([geometry(d.area) for d in p.areas]) if p.areas else None
    project = placement.Projection(p.box, p.ratio)  # the narrowest picture, as the names were placed
    plot_px = _plot_height(p)
    top = min(0.0, (project.height - plot_px) / 2)
    options = []
    for corner, x0 in (
        ("bottom left", lon0 + 0.05 * w),
        ("bottom right", lon1 - 0.05 * w - length),
        ("top left", lon0 + 0.05 * w),
        ("top right", lon1 - 0.05 * w - length),
    ):
        y = lat0 + 0.07 * h if corner.startswith("bottom") else lat1 - 0.12 * h
        if corner == inset:  # under (or over) the locator inset, where no place is
            y += (-1 if corner.startswith("top") else 1) * (locator.SIZE + 0.06) * h
        if (corner in used and corner != inset) or any(
            u.split()[0] == corner.split()[0] and u.endswith("center") for u in used
        ):
            continue
        ends = [(x0, y), (x0 + length / 2, y), (x0 + length, y)]
        (bx0, by), (bx1, _) = project(x0, y), project(x0 + length, y)
        if corner == inset:  # the bar is placed against the plot's height there (below)
            by = top + (1 - (1 - locator.SIZE - 0.1 if corner.startswith("top") else locator.SIZE + 0.05)) * plot_px
        bar_box = placement.Box(bx0, by - 2.2 * LABEL_SIZE, bx1, by + 2)  # the bar and its "10 km" above
        names = sum(bar_box.overlap(b) for b in p.label_boxes)
        near = min((_km(e, (pl.lon, pl.lat)) for e in ends for pl in p.drawn), default=math.inf)
        near = min([near] + [_side(e, line)[1] for e in ends for g in p.lines for line in g.lines])
        # off the occupied area; then a clear corner of its own (beside the inset the bar can
        # meet a place's name); then the farthest from places and lines
        open_ground = areas is None or not areas.intersects(shapely.LineString([ends[0], ends[-1]]).buffer(0.03 * h))
        clear = not names and near > 0.1 * (lon1 - lon0) * km_per_degree_lon((lat0 + lat1) / 2)
        options.append((open_ground, clear and corner != inset, -names, near, -len(options), x0, y, corner))
    *_, x0, y, corner = max(options) if options else (lon0 + 0.05 * w, lat0 + 0.07 * h, "bottom left")
    tick = 0.02 * h
    beside = {}
    if corner == inset:
        # Measured against the plot's height, as the inset is: a phone shows more latitude than
        # the box, so a latitude under the inset would fall inside it there.
        y = 1 - locator.SIZE - 0.1 if corner.startswith("top") else locator.SIZE + 0.05
        tick = 0.02
        beside = dict(yaxis="y3")
        fig.update_layout(dict(yaxis3=dict(overlaying="y", range=[0, 1], visible=False, fixedrange=True, anchor="x")))
    fig.add_trace(
        decorative(
            scatter(
                **beside,
                x=[x0, x0, x0 + length, x0 + length],
                y=[y + tick, y, y, y + tick],
                mode="lines",
                line=dict(color=SETTLEMENT_COLOUR, width=2),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    )
    fig.add_trace(
        decorative(
            scatter(
                **beside,
                x=[x0 + length / 2],
                y=[y + tick],
                mode="text",
                text=[f"{km} {t('km')}"],
                textposition="top center",
                textfont=dict(size=LABEL_SIZE),
                showlegend=False,
                hoverinfo="skip",
            )
        )
    )
    return corner


# -- what the reader gets besides the figure ----------------------------------------


def _shown(place: Place, p: MapPlan) -> str:
    if place.positioned:
        return t("drawn")
    if place.id in p.marked:
        return t("marked at {place}: own position not published", place=p.marked[place.id].name)
    return t("not drawn: position not published")


def _status(place: Place, p: MapPlan) -> str:
    first = _first_event(p, place.id)
    if first is None:
        return t(place.status)
    return t("{state} (first reported hit {day})", state=t(place.status), day=formatting.long_date(first.date))


def table(p: MapPlan, ds) -> tuple[list[str], list[list[str]]]:
    head = ["Place", "Kind", "Latitude", "Longitude", "Status", "On the map", "Source", "Note"]
    if p.spec.claims:
        head.insert(6, "Said to be taken")
    body = []
    for place in p.listed:
        body.append(
            [
                place.name,
                t(place.kind),
                _num(place.lat) or t("not published"),
                _num(place.lon) or t("not published"),
                _status(place, p),
                _shown(place, p),
                ds.sources[place.source].credit,
                place.note,
            ]
        )
        if p.spec.claims:
            body[-1].insert(6, _claims_text(place, p, ds))
    return head, body


def _claims_text(place: Place, p: MapPlan, ds: Dataset) -> str:
    """Each claim about a place: when, by whom, its status and its source."""
    return "; ".join(
        f"{formatting.long_date(e.date)}: {e.label} ({EVENT_STATUS_SHORT[e.status]}; {ds.credit(e)})"
        for e in p.claims.get(place.id, [])
    )


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def csv_text(p: MapPlan, ds: Dataset) -> str:
    rows = []
    for place in p.listed:
        source = ds.sources[place.source]
        first = _first_event(p, place.id)
        rows.append(
            dict(
                id=place.id,
                name=place.name,
                kind=place.kind,
                lat=_num(place.lat),
                lon=_num(place.lon),
                status=place.status,
                shown=_shown(place, p),
                first_reported=first.date.isoformat() if first else "",
                claims=_claims_text(place, p, ds),
                # The groups of those who said they took the place, in the claims' order.
                claimant_groups=";".join(ds.claimants[e.claimant].group for e in p.claims.get(place.id, [])),
                source=place.source,
                source_publisher=source.publisher,
                source_credit=source.credit,
                source_url=source.url,
                note=place.note,
            )
        )
    return tables.csv_text(CSV_COLUMNS, rows)


def key(p: MapPlan, ds: Dataset) -> str:
    parts = [
        t(
            "Dots mark the centre point of each town or city as published in the source named in the table; "
            "they do not show a place's extent."
        )
    ]
    if p.marked:
        kinds = sorted({ds.places[structure_id].kind for structure_id in p.marked})
        if len(p.marked) == 1:
            parts.append(
                t(
                    "The {kind}'s own position was not published, so its symbol sits on the point of the "
                    "settlement it is named after; its colour and shape give its reported state.",
                    kind=t(kinds[0]),
                )
            )
        else:
            things = f" {t('and')} ".join(t(f"{k}s") for k in kinds)
            parts.append(
                t(
                    "The {things}' own positions were not published, so each symbol sits on the point of the "
                    "settlement it is named after; its colour and shape give its reported state.",
                    things=things,
                )
            )
    if any(p.claims.get(pl.id) for pl in p.drawn):
        groups = [
            g for g in GROUPS if any(ds.claimants[e.claimant].group == g for evs in p.claims.values() for e in evs)
        ]
        parts.append(
            t(
                "Marks above a place show who said it was taken, and when (hover or see the table): colour and "
                "shape give the speaker's group ({groups}); a filled mark is confirmed independently, an open mark "
                "with a dot is a statement on record, an open mark a media report, a crossed mark disputed.",
                groups=", ".join(f"{GROUP_GLYPHS[g]} {GROUP_LABELS[g]}" for g in groups),
            )
            + ("" if p.areas else " " + t("No area of control is drawn: none was sourced."))
        )
    if p.areas:
        names = [formatting.day_month(d.date) for d in p.areas]
        who = ds.claimants[p.areas[0].claimant].name
        parts.append(
            t(
                "The shaded area is the Russian-occupied area on {who}'s map as of {days}, each day with its own "
                "edge (solid, dashed, dotted in that order): ground shown as occupied since {first} is darkest, "
                "each later addition lighter. {who} is a volunteer project, not an official source; its edge is a "
                "line drawn through a zone of fighting.",
                who=who,
                days=(", ".join(names[:-1]) + f" {t('and')} " + names[-1] if len(names) > 1 else names[0]),
                first=names[0],
            )
        )
    if p.lines:
        parts.append(t("Lines are generalised from public-domain Natural Earth data and are only approximate."))
    if p.areas:
        parts.append(
            t(
                "Occupied area: DeepState's map, as archived daily by cyterat/deepstate-map-data, drawn simplified "
                "to {degrees}° (about {metres} m).",
                degrees=formatting.number(AREA_DRAW_TOLERANCE),
                metres=f"{AREA_DRAW_TOLERANCE * KM_PER_DEGREE * 1000:.0f}",
            )
        )
    parts.append(t("The scale bar ({km} km) is measured at the map's middle latitude.", km=scale_km(p)))
    return " ".join(parts)


def _claims_share(observations: list) -> str:
    """How many of the figures are claims, in words: none, some or all."""
    claims = sum(o.status in UNVERIFIED for o in observations)
    if not claims:
        return ""
    if claims == len(observations):
        return (
            t(" (all claims, not independently verified)")
            if claims > 1
            else t(" (a claim, not independently verified)")
        )
    if claims == 1:
        return t(" ({n} of the {total} is a claim, not independently verified)", n=claims, total=len(observations))
    return t(" ({n} of the {total} are claims, not independently verified)", n=claims, total=len(observations))


def notes(p: MapPlan, ds: Dataset) -> list[str]:
    out = []
    if p.unplaced:
        items = []
        for place in p.unplaced:
            first = _first_event(p, place.id)
            state = (
                ", "
                + t("{state}, first reported hit {day}", state=t(place.status), day=formatting.long_date(first.date))
                if first
                else ""
            )
            items.append(f"{place.name} ({t(place.kind)}{state})")
        out.append(
            t("Not on the map, for want of a published position: {items}. The table says more.", items="; ".join(items))
        )
    hidden = [(pl, e) for pl in p.listed if not pl.positioned for e in p.claims.get(pl.id, [])]
    if hidden:
        out.append(
            t(
                "Said to be taken, but not on the map for want of a published position: {items}.",
                items="; ".join(
                    t(
                        "{place}, {day}, by {who} ({status})",
                        place=pl.name,
                        day=formatting.long_date(e.date),
                        who=ds.claimants[e.claimant].name,
                        status=EVENT_STATUS_SHORT[e.status],
                    )
                    for pl, e in hidden
                ),
            )
        )
    for observations in p.distances.values():
        if not observations:
            continue
        metric = ds.metrics[observations[0].metric]
        out.append(
            t(
                "{label}, as reported{share}: {figures}. Sources measured from different points, so the figures are "
                "not drawn as rings on the map.",
                label=metric.label,
                share=_claims_share(observations),
                figures="; ".join(_distance_text(o, ds) for o in observations),
            )
        )
    for line in p.lines:
        out.append(f"{t(line.name)}: {t(line.note)}")  # data/geo's words: the catalogue has them
    if p.areas:
        first = p.areas[0]
        out.append(
            t(
                "The occupied area is DeepState's map as the cyterat/deepstate-map-data archive saved it at about "
                "03:00 UTC on each day shown ({files}, archive commit {commit}), cut to the map's frame and stored "
                "simplified to {stored}° (distances are measured on that), drawn at {drawn}°; pockets of under "
                "2 km² inside it that the map did not show as occupied are filled over. The table lists the "
                "places, not the area.",
                files=", ".join(d.archive.file.rsplit("/", 1)[-1] for d in p.areas),
                commit=first.archive.commit[:7],
                stored=formatting.number(first.tolerance),
                drawn=formatting.number(AREA_DRAW_TOLERANCE),
            )
        )
    return out


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    """References of a map: its places, lines, structures' events and distance figures."""
    ok = True

    def bad(field: str, message: str) -> None:
        nonlocal ok
        problems.add(where.path, where.line_of(field), field, message)
        ok = False

    listed = set()
    for place_id in spec.places:
        if place_id in ds.places:
            listed.add(place_id)
        elif ("place", place_id) in ds.broken:
            ok = False  # already reported where it is defined
        else:
            bad("places", f"unknown place '{place_id}' (define it in data/places.csv{suggest(place_id, ds.places)})")
    for line_id in spec.lines or []:
        if line_id not in ds.geo and ("line", line_id) not in ds.broken:
            bad(
                "lines",
                f"unknown line '{line_id}' (add data/geo/{line_id}.json, e.g. with scripts/make_geo.py{suggest(line_id, ds.geo)})",
            )
        elif line_id not in ds.geo:
            ok = False
    for structure, settlement in (spec.marked_at or {}).items():
        if structure not in spec.places or settlement not in spec.places:
            missing = structure if structure not in spec.places else settlement
            bad("marked_at", f"'{missing}' is not in this map's places")
        elif structure in listed and settlement in listed:
            if ds.places[structure].kind not in STRUCTURE_KINDS:
                bad(
                    "marked_at",
                    f"'{structure}' is a {ds.places[structure].kind}; only a bridge, crossing or plant is marked at a settlement",
                )
            elif ds.places[structure].positioned:
                bad("marked_at", f"'{structure}' has its own position in data/places.csv; draw it there instead")
            elif ds.places[settlement].kind not in SETTLEMENT_KINDS:
                bad(
                    "marked_at",
                    f"'{settlement}' is a {ds.places[settlement].kind}; mark a structure at the settlement it is named after",
                )
    if spec.topic is not None:
        topics = {e.topic for e in ds.events}
        if spec.topic not in topics:
            bad(
                "topic",
                f"no event in data/events.csv has topic '{spec.topic}' (topics: {', '.join(sorted(topics)) or 'none'})",
            )
        else:
            for place_id in listed:
                place = ds.places[place_id]
                if place.kind in STRUCTURE_KINDS and not any(
                    e.topic == spec.topic and e.track == place.name for e in ds.events
                ):
                    bad(
                        "topic",
                        f"no '{spec.topic}' event in data/events.csv has the track '{place.name}' (the name of place '{place_id}')",
                    )
    if spec.claims is not None:
        said = [e for e in ds.events if e.topic == spec.claims]
        if not said:
            topics = {e.topic for e in ds.events}
            bad(
                "claims",
                f"no event in data/events.csv has topic '{spec.claims}' (topics: {', '.join(sorted(topics)) or 'none'})",
            )
        elif not any(e.place in listed for e in said):
            bad("claims", f"no '{spec.claims}' event in data/events.csv names a place of this map in its place column")
    for place_id, metric in (spec.distances or {}).items():
        if place_id not in spec.places:
            bad("distances", f"'{place_id}' is not in this map's places")
        elif metric not in ds.metrics:
            bad("distances", ds.unknown("metric", metric) or f"metric '{metric}' has a problem in data/metrics.yml")
        elif not ds.by_metric(metric):
            bad("distances", f"no figure for '{metric}' in data/observations.csv")
    for place_id in spec.labels or {}:
        if place_id not in spec.places:
            bad("labels", f"'{place_id}' is not in this map's places")
    if spec.areas is not None or spec.area_dates:
        days = {d.date for d in ds.areas.get(spec.areas or "", [])}
        series = ", ".join(sorted(ds.areas)) or "none"
        if spec.areas is None or not spec.area_dates:
            bad("areas", "write both areas: (a folder of data/geo/) and area_dates: (the days to draw)")
        elif spec.areas not in ds.areas:
            bad("areas", f"no series '{spec.areas}' in data/geo/ (series: {series})")
        elif len(spec.area_dates) > len(AREA_DASHES):
            bad("area_dates", f"draw at most {len(AREA_DASHES)} days: more layers no longer read apart")
        else:
            for day in spec.area_dates:
                if day not in days:
                    bad("area_dates", f"no map of '{spec.areas}' for {day.isoformat()} (see data/geo/{spec.areas}/)")
    if spec.area_period is not None:
        held = sorted({d.date for d in ds.areas.get(spec.areas or "", [])})
        if spec.areas is None or not spec.area_dates:
            bad("area_period", "a period of days to step through needs areas: and area_dates: as well")
        elif len(spec.area_period) != 2 or spec.area_period[0] > spec.area_period[1]:
            bad("area_period", "write the first and the last day a reader steps through, e.g. [2024-08-01, 2024-08-31]")
        elif held and (spec.area_period[0] < held[0] or spec.area_period[1] > held[-1]):
            bad(
                "area_period",
                f"'{spec.areas}' has maps from {held[0].isoformat()} to {held[-1].isoformat()}; "
                "the period must lie within them",
            )
        elif sum(spec.area_period[0] <= d <= spec.area_period[1] for d in held) < 2:
            bad("area_period", f"'{spec.areas}' has fewer than two maps in that period: nothing to step through")
        elif any(not spec.area_period[0] <= d <= spec.area_period[1] for d in spec.area_dates):
            bad("area_period", "must include every day of area_dates (the live chart opens on the last of them)")
    if spec.focus and spec.focus not in spec.places:
        bad("focus", f"'{spec.focus}' is not in this map's places (places: {', '.join(spec.places)})")
    elif spec.focus and spec.focus in ds.places and not ds.places[spec.focus].positioned:
        bad("focus", f"'{spec.focus}' has no published position, so the map cannot show it")
    if spec.locator and spec.locator not in ds.geo:
        bad("locator", f"no line '{spec.locator}' in data/geo (lines: {', '.join(sorted(ds.geo)) or 'none'})")
    elif spec.locator and not (ds.geo[spec.locator].left and ds.geo[spec.locator].right):
        bad("locator", f"'{spec.locator}' is not a border with a country named on each side (left, right)")
    if ok and not any(ds.places[p].positioned for p in spec.places):
        bad(
            "places",
            f"map '{spec.id}' has no place with a published position to draw (places without lat and lon are only listed)",
        )
    return ok
