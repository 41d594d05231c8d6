"""A map's figure: scatter traces on longitude/latitude axes, the y axis at the map's ratio.

No geo trace, no tiles, no request to a map service. Places with a published position are drawn
as dots with their names placed clear of each other (labels.py), structures without one on the
point of their settlement, claims as marks above the place; borders, rivers, the occupied area,
the country names, the scale bar and the locator inset are decorative.
"""

from __future__ import annotations

import math

import shapely

from ...language import t
from ...load.measure import outlines
from ...model import formatting
from ...model.claims import GROUP_LABELS, status_text
from ...model.dataset import Dataset
from ...model.palette import GROUP_COLOURS
from ...model.places import SETTLEMENT_KINDS, Place
from ...model.statuses import EVENT_STATUS_SHORT
from .. import labels as placement
from .. import locator
from ..plot import Figure, decorative, event_marks, group_status_order, lines, plot_text, scatter
from . import geometry
from .geometry import km_per_degree_lon
from .plan import AREA_DASHES, AREA_DRAW_TOLERANCE, MapPlan
from .text import STATE_WORDS, area_label, place_hover, structure_hover

# Neutral marks for places and context, so the site's side colours (blue, red, grey-blue)
# keep meaning "who claims". Each keeps 3:1 contrast on Material's light and dark backgrounds.
SETTLEMENT_COLOUR = "#7f7f7f"
BORDER_COLOUR = "#8c8c8c"
RIVER_COLOUR = "#2b8cb3"
# A structure's state: colour and shape (never colour alone); its words are text.STATE_WORDS.
STATE_STYLES = {
    "destroyed": ("#c8641e", "square-x-open"),
    "damaged": ("#9e7b00", "diamond-open"),
    "intact": ("#7f7f7f", "circle-open"),
    "unknown": ("#7f7f7f", "hexagon-open"),
}
MARKER_SIZES = {"city": 12, "town": 10, "village": 8}
LABEL_SIZE = 12  # px: readable on a 360 px phone
FOCUS_LABEL_SIZE = 15  # the key place's name
FOCUS_SIZE = 14
KEY_ROW_PX = 26  # one entry of the key, on its own row in a phone's picture
AREA_FILL_ALPHA = 0.2


def figure(p: MapPlan, ds: Dataset) -> Figure:
    """The map's figure: area, lines, names, structures, places, claims, scale bar and inset."""
    lon0, lon1, lat0, lat1 = p.box
    fig = Figure()
    _areas(fig, p, ds)
    _context_lines(fig, p)
    inset = p.inset  # the locator inset's corner, chosen with the box (drawn last, on top)
    used_corners = _country_labels(fig, p, inset)
    p.label_at = _place_labels(p, ds, inset)
    labelled = _structures(fig, p, ds)
    _places(fig, p, ds, labelled)
    _focus_ring(fig, p)
    _claim_marks(fig, p, ds)
    _scale_bar(fig, p, used_corners, inset)
    if inset:
        locator.draw(fig, ds.geo[p.spec.locator], p.box, p.ratio, inset)
    # Sized for a desktop column; on a phone the fixed aspect widens the latitude range instead.
    plot_height = geometry.plot_height(p.box)
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


def _context_lines(fig: Figure, p: MapPlan) -> None:
    """Borders (dashed) and rivers, generalised: context, not rows."""
    for line in p.lines:
        xs, ys = geometry.clip(line.lines, p.box)
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


def _structures(fig: Figure, p: MapPlan, ds: Dataset) -> dict[str, str]:
    """Structures (bridges) without a position, marked on the point of their settlement, one trace
    per state. Returns settlement id -> the structure whose marker carries the settlement's name."""
    by_state: dict[str, list] = {}
    labelled: dict[str, str] = {}
    for structure_id, settlement in p.marked.items():
        structure = ds.places[structure_id]
        by_state.setdefault(structure.status, []).append((structure, settlement))
    for state, (colour, symbol) in STATE_STYLES.items():
        items = by_state.get(state)
        if not items:
            continue
        # The settlement's name and the structure's state are labelled here, off this larger marker.
        fig.add_trace(
            scatter(
                x=[s.lon for _, s in items],
                y=[s.lat for _, s in items],
                ids=[b.id for b, _ in items],  # the structure's row, drawn at its settlement
                mode="markers+text",
                name=plot_text(f"{items[0][0].kind.capitalize()} {STATE_WORDS[state]}"),
                text=[_label(s, p, ds) if labelled.setdefault(s.id, b.id) == b.id else "" for b, s in items],
                textposition=[_label_position(s, p) for _, s in items],
                textfont=dict(size=LABEL_SIZE),
                marker=dict(color=colour, size=22, symbol=symbol, line=dict(width=2.5, color=colour)),
                customdata=[[s.id, structure_hover(b, s, p, ds)] for b, s in items],
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )
    return labelled


def _places(fig: Figure, p: MapPlan, ds: Dataset, labelled: dict[str, str]) -> None:
    """The places with a published position: settlements, then other sites, each a row."""
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
                customdata=[[pl.id, place_hover(pl, p, ds)] for pl in group],
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )


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
    marks: dict[tuple[str, str], list] = {}
    for place in p.drawn:
        said = p.claims.get(place.id, [])
        for i, event in enumerate(said):
            x, y = geometry.claim_mark(place.lon, place.lat, i, len(said), p.box)
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
    lon0, lon1, _, _ = p.box
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
            x, y = project(*geometry.claim_mark(place.lon, place.lat, i, len(said), p.box))
            marks.append(placement.Box(x - 8, y - 8, x + 8, y + 8))
    if inset:  # the locator inset's panel, where the narrowest picture draws it
        plot_px = geometry.plot_height(p.box)
        top = min(0.0, (project.height - plot_px) / 2)
        x0 = project.width * (1 - locator.SIZE) if inset.endswith("right") else 0
        y0 = top if inset.startswith("top") else top + plot_px * (1 - locator.SIZE)
        marks.append(placement.Box(x0, y0, x0 + project.width * locator.SIZE, y0 + plot_px * locator.SIZE))
    chosen = placement.place(labels, project, marks)
    p.label_boxes = [placement.label_box(*project(lb.lon, lb.lat), lb, chosen[lb.key]) for lb in labels]
    return chosen


def _label(place: Place, p: MapPlan, ds) -> str:
    lines = [f"<b>{plot_text(place.name)}</b>" if place.id == p.spec.focus else plot_text(place.name)]
    for structure_id, settlement in p.marked.items():
        if settlement.id == place.id:
            structure = ds.places[structure_id]
            first = p.first_event(structure_id)
            lines.append(plot_text(f"{structure.kind} {STATE_WORDS[structure.status]}"))
            if first:  # three short lines stay clear of neighbours on a phone
                lines.append(plot_text(formatting.short_date(first.date)))
    return "<br>".join(lines)


def _label_position(place: Place, p: MapPlan) -> str:
    chosen = (p.spec.labels or {}).get(place.id) or p.label_at.get(place.id)
    if chosen:
        return chosen
    lon0, lon1, _, _ = p.box
    return "middle left" if (place.lon - lon0) / (lon1 - lon0) > 0.6 else "middle right"


def _country_labels(fig: Figure, p: MapPlan, inset: str | None = None) -> set[str]:
    """Name the countries either side of a border, in the spots farthest from it and from every
    place, never under the locator inset; returns the corners used."""
    border = next((g for g in p.lines if g.kind == "border" and g.left and g.right), None)
    if border is None:
        return set()
    named = geometry.country_spots(border, [(pl.lon, pl.lat) for pl in p.drawn], p.box, inset)
    if named:
        fig.add_trace(
            decorative(
                scatter(
                    x=[x for _, _, (x, _) in named],
                    y=[y for _, _, (_, y) in named],
                    mode="text",
                    text=[plot_text(t(country).upper()) for country, _, _ in named],
                    showlegend=False,
                    hoverinfo="skip",
                    textfont=dict(size=13),
                )
            )
        )  # text takes the themed font colour (4.5:1 in both schemes)
    return {corner for _, corner, _ in named}


def _scale_bar_spot(p: MapPlan, length: float, used: set[str], inset: str | None) -> tuple[float, float, str]:
    """Where the scale bar (`length` degrees of longitude) goes: (x, y, corner). Off the occupied
    area, in a corner no country name takes, clear of the names, farthest from places and lines."""
    lon0, lon1, lat0, lat1 = p.box
    w, h = lon1 - lon0, lat1 - lat0
    areas = p.occupied
    project = placement.Projection(p.box, p.ratio)  # the narrowest picture, as the names were placed
    plot_px = geometry.plot_height(p.box)
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
        near = min((geometry.km(e, (pl.lon, pl.lat)) for e in ends for pl in p.drawn), default=math.inf)
        near = min([near] + [geometry.side(e, line)[1] for e in ends for g in p.lines for line in g.lines])
        # off the occupied area; then a clear corner of its own (beside the inset the bar can
        # meet a place's name); then the farthest from places and lines
        open_ground = areas is None or not areas.intersects(shapely.LineString([ends[0], ends[-1]]).buffer(0.03 * h))
        clear = not names and near > 0.1 * (lon1 - lon0) * km_per_degree_lon((lat0 + lat1) / 2)
        options.append((open_ground, clear and corner != inset, -names, near, -len(options), x0, y, corner))
    *_, x0, y, corner = max(options) if options else (lon0 + 0.05 * w, lat0 + 0.07 * h, "bottom left")
    return x0, y, corner


def _scale_bar(fig: Figure, p: MapPlan, used: set[str], inset: str | None = None) -> None:
    """A bar of a round number of km, measured along the map's mean latitude, in the free corner
    farthest from every place (labels run beside the dots)."""
    _, _, lat0, lat1 = p.box
    h = lat1 - lat0
    km = geometry.scale_km(p.box)
    length = km / km_per_degree_lon((lat0 + lat1) / 2)
    x0, y, corner = _scale_bar_spot(p, length, used, inset)
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
