"""A map's geometry, pure: boxes, distances and sides on the map's flat projection, and where
the inset, the country names and the claim marks may go. Nothing here reads the dataset or
draws: points are (lon, lat), a box is (lon0, lon1, lat0, lat1), all in degrees.

The projection is equirectangular, fine at this scale: the y axis is stretched by
1/cos(mean latitude) (`ratio`) so a kilometre is as long north-south as east-west at the
map's middle latitude.
"""

from __future__ import annotations

import itertools
import math

import shapely

KM_PER_DEGREE = 111.32  # one degree of latitude (and of longitude at the equator), spherical Earth
NICE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500)

Point = tuple[float, float]
Box = tuple[float, float, float, float]
CORNERS = ("bottom right", "bottom left", "top right", "top left")  # the inset's, in the order tried


def ratio(lat0: float, lat1: float) -> float:
    """The y axis's scale relative to x: 1 / cos(mean latitude)."""
    return 1 / math.cos(math.radians((lat0 + lat1) / 2))


def km_per_degree_lon(lat: float) -> float:
    """How long one degree of longitude is at this latitude, in km."""
    return KM_PER_DEGREE * math.cos(math.radians(lat))


def frame(points: list[Point]) -> Box:
    """The points (places, river vertices), padded, and widened so the map is neither a strip nor a tower."""
    lons = [x for x, _ in points]
    lats = [y for _, y in points]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    pad_x = max(0.14 * (lon1 - lon0), 0.05)
    pad_y = max(0.16 * (lat1 - lat0), 0.04)
    lon0, lon1, lat0, lat1 = lon0 - pad_x, lon1 + pad_x, lat0 - pad_y, lat1 + pad_y
    stretch = ratio(lat0, lat1)
    aspect = (lat1 - lat0) * stretch / (lon1 - lon0)  # height / width on screen
    if aspect < 0.5:
        grow = ((lon1 - lon0) * 0.5 / stretch - (lat1 - lat0)) / 2
        lat0, lat1 = lat0 - grow, lat1 + grow
    elif aspect > 1.1:
        grow = ((lat1 - lat0) * stretch / 1.1 - (lon1 - lon0)) / 2
        lon0, lon1 = lon0 - grow, lon1 + grow
    return lon0, lon1, lat0, lat1


def grown(box: Box, side: str, share: float) -> Box:
    """The box grown by a share of its height or width to the north, south, west or east."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    return {
        "north": (lon0, lon1, lat0, lat1 + share * h),
        "south": (lon0, lon1, lat0 - share * h, lat1),
        "west": (lon0 - share * w, lon1, lat0, lat1),
        "east": (lon0, lon1 + share * w, lat0, lat1),
    }[side]


def plot_height(box: Box) -> int:
    """The map's height in px (its width is the column's): a desktop column's aspect, within bounds."""
    lon0, lon1, lat0, lat1 = box
    return min(440, max(280, round(440 * (lat1 - lat0) * ratio(lat0, lat1) / (lon1 - lon0))))


def claim_mark(lon: float, lat: float, i: int, n: int, box: Box) -> Point:
    """Where the i-th of a place's n claim marks goes: in a row just above its dot, oldest first."""
    lon0, lon1, lat0, lat1 = box
    return lon + (i - (n - 1) / 2) * 0.035 * (lon1 - lon0), lat + 0.045 * (lat1 - lat0)


def km(a: Point, b: Point) -> float:
    """Distance in km between two (lon, lat) points on the map's flat projection."""
    mid = (a[1] + b[1]) / 2
    return math.hypot((a[0] - b[0]) * km_per_degree_lon(mid), (a[1] - b[1]) * KM_PER_DEGREE)


def side(point: Point, line: list[Point]) -> tuple[float, float]:
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


def scale_km(box: Box) -> int:
    """The scale bar's length: a round number of km, about a quarter of the box's width at most."""
    lon0, lon1, lat0, lat1 = box
    width_km = (lon1 - lon0) * km_per_degree_lon((lat0 + lat1) / 2)
    return max([n for n in NICE_KM if n <= 0.25 * width_km] or [NICE_KM[0]])


def clip(lines: list, box: Box) -> tuple[list, list]:
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


def spots(box: Box) -> dict[str, Point]:
    """Where a country name or the scale bar may go: the corners and edge middles, inset."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    xs = {"left": lon0 + 0.12 * w, "center": lon0 + 0.5 * w, "right": lon1 - 0.12 * w}
    ys = {"top": lat1 - 0.08 * h, "middle": lat0 + 0.5 * h, "bottom": lat0 + 0.08 * h}
    return {f"{v} {u}": (xs[u], ys[v]) for v in ys for u in xs if (u, v) != ("center", "middle")}


def country_spots(border, places: list[Point], box: Box, inset: str | None = None) -> list[tuple[str, str, Point]]:
    """Where to name the countries either side of a border (a line with `left`, `right` and
    `lines`): for each, the spot farthest from the border and from every place, never the
    inset's corner. (country, corner, point) for each country that has a clear spot."""
    lon0, lon1, lat0, _ = box
    width_km = km((lon0, lat0), (lon1, lat0))
    scored: dict[str, list] = {border.left: [], border.right: []}
    for corner, point in spots(box).items():
        if corner == inset:
            continue
        sign, dist = min((side(point, line) for line in border.lines), key=lambda sd: sd[1])
        near = min((km(point, place) for place in places), default=math.inf)
        if dist > 0.08 * width_km and near > 0.08 * width_km:
            scored[border.left if sign > 0 else border.right].append((min(dist, near), corner, point))
    out = []
    for country, options in scored.items():
        if options:
            _, corner, point = max(options)
            out.append((country, corner, point))
    return out


def inset_region(box: Box, corner: str, reach: float) -> shapely.Polygon:
    """Where an inset reaching `reach` of the box's width and height from a corner may lie over
    the map at some width: its share of the box, and everything beyond the box on that side (a
    wider picture shows more of it there)."""
    lon0, lon1, lat0, lat1 = box
    w, h = lon1 - lon0, lat1 - lat0
    vertical, horizontal = corner.split()
    far = 10 * max(w, h)
    xs = (lon1 - reach * w, lon1 + far) if horizontal == "right" else (lon0 - far, lon0 + reach * w)
    ys = (lat1 - reach * h, lat1 + far) if vertical == "top" else (lat0 - far, lat0 + reach * h)
    return shapely.box(xs[0], ys[0], xs[1], ys[1])


def hidden_by_inset(
    box: Box, corner: str, reach: float, marks: list[Point], lines: list, areas
) -> tuple[int, float, float]:
    """What an inset in that corner would hide at some width: how many of the marks, the share of
    its region the areas (a shapely geometry, or None) fill, and the length of the lines under it
    inside the box (in box widths)."""
    region = inset_region(box, corner, reach)
    lon0, lon1, lat0, lat1 = box
    places = sum(region.contains(shapely.Point(x, y)) for x, y in marks)
    inside = shapely.box(lon0, lat0, lon1, lat1).intersection(region)
    covered = areas.intersection(region).area / inside.area if areas is not None and inside.area else 0.0
    hidden_lines = sum(shapely.LineString(line).intersection(inside).length for line in lines)
    return places, covered, hidden_lines / (lon1 - lon0)
