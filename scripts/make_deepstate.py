#!/usr/bin/env python3
"""Write DeepState's occupied area, day by day, into data/geo/deepstate/ (run once; the build reads the output).

    git clone https://github.com/cyterat/deepstate-map-data /tmp/deepstate-map-data
    .venv/bin/python scripts/make_deepstate.py /tmp/deepstate-map-data      # rewrites data/geo/deepstate/

The archive (cyterat/deepstate-map-data, GNU GPL v3.0) saves DeepState's map of the Russian-occupied
parts of Ukraine once a day at about 03:00 UTC as data/deepstatemap_data_YYYYMMDD.geojson: one
MultiPolygon, the union of DeepState's "Occupied", "Occupied Crimea" and "CADR and CALR" layers.
It holds no layer for ground Ukraine held in Russia's Kursk region. The archive's files are never
copied here: for each day this script writes one small file with

- `area`: the occupied area inside FRAME (the Pokrovsk map's frame, also the frame of the
  "Pokrovsk direction" gains), simplified with Douglas-Peucker at TOLERANCE degrees
  (at most about 110 m), for the map and the distance from Pokrovsk;
- `gained` and `lost`: what changed in the whole country since the previous day in the archive,
  simplified at CHANGE_TOLERANCE degrees (about 10 m), from which the build adds up the area gained;
- provenance: the archive file, the archive commit read, the file's git blob, DeepState as the
  original, the licence note.

tests/data/deepstate-reference.json gets the same measurements taken on the unsimplified archive
(distance from Pokrovsk's centre, areas), so the tests can check the simplification without it.
No coordinate is made up here: every point is a vertex of the archive, of FRAME, or where an
archive edge crosses FRAME.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import Point, box, shape

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "data" / "geo" / "deepstate"
REFERENCE = ROOT / "tests" / "data" / "deepstate-reference.json"
ARCHIVE_URL = "https://github.com/cyterat/deepstate-map-data"
SOURCE = "deepstate-map-archive"

# The Pokrovsk map's frame (lon0, lat0, lon1, lat1): about 80 km by 67 km around Pokrovsk, wider
# than the map shows on any screen, so the area's cut edge always lies outside the picture.
FRAME = (36.85, 47.95, 37.95, 48.55)
TOLERANCE = 0.001  # degrees: 111 m north-south, 74 m east-west at 48°N
CHANGE_TOLERANCE = 0.0001  # degrees: about 10 m
GRID = 0.00001  # coordinates are stored to 5 decimals (about 1 m)
# The base day and the days written: 31 July 2024 (the base of the gains), all of August and
# September 2024 (the epilogue's September). The archive has no file for 18 and 19 August.
FIRST, LAST = date(2024, 7, 31), date(2024, 9, 30)
# Pokrovsk's centre as in data/places.csv, for the reference measurements only.
POKROVSK = (37.1828, 48.2828)
EARTH_RADIUS_KM = 6371.0088  # the mean radius; the engine measures on the same sphere

LICENCE_NOTE = (
    "Geometry of DeepState's map (deepstatemap.live), as saved daily by the cyterat/deepstate-map-data "
    "archive (repository published under the GNU GPL v3.0); clipped and simplified here. The map "
    "remains DeepState's work: credit DeepState and the archive when reusing it."
)


def git(archive: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(archive), *args], capture_output=True)
    if result.returncode:
        sys.exit(f"git {' '.join(args)} in {archive}: {result.stderr.decode().strip()}")
    return result.stdout


def sinusoidal(geom, lon0: float = POKROVSK[0]):
    """Equal-area sinusoidal projection on the sphere, in km (the engine's, for the reference)."""

    def project(coords: np.ndarray) -> np.ndarray:
        lam, phi = np.radians(coords[:, 0] - lon0), np.radians(coords[:, 1])
        return np.column_stack([EARTH_RADIUS_KM * lam * np.cos(phi), EARTH_RADIUS_KM * phi])

    return shapely.transform(geom, project)


def polygons(geom) -> list:
    """A (Multi)Polygon or collection as GeoJSON MultiPolygon coordinates, rounded to GRID."""
    geom = shapely.set_precision(geom, GRID)
    parts = [g for g in getattr(geom, "geoms", [geom]) if g.geom_type == "Polygon" and not g.is_empty]
    return [
        [[[round(x, 5), round(y, 5)] for x, y in ring.coords] for ring in (p.exterior, *p.interiors)] for p in parts
    ]


def as_geometry(coords: list):
    return shapely.MultiPolygon([(poly[0], poly[1:]) for poly in coords]) if coords else shapely.MultiPolygon()


def write(path: Path, head: dict, geometries: dict) -> None:
    """Header fields, then one polygon ring per line (points on the line), so diffs stay readable."""
    text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    for name, coords in geometries.items():
        polys = ",\n".join(
            "    [\n" + ",\n".join("      " + json.dumps(ring, separators=(",", ":")) for ring in poly) + "\n    ]"
            for poly in coords
        )
        text += f',\n  "{name}": [\n{polys}\n  ]' if coords else f',\n  "{name}": []'
    text += "\n}\n"
    json.loads(text)  # still valid JSON
    path.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(f"usage: {Path(sys.argv[0]).name} PATH-TO-A-CLONE-OF {ARCHIVE_URL}")
    archive = Path(sys.argv[1])
    commit = git(archive, "rev-parse", "HEAD").decode().strip()
    frame = box(*FRAME)
    OUT.mkdir(parents=True, exist_ok=True)
    reference = {"archive_commit": commit, "pokrovsk": list(POKROVSK), "frame": list(FRAME), "days": {}}
    previous = None
    day = FIRST
    while day <= LAST:
        name = f"data/deepstatemap_data_{day:%Y%m%d}.geojson"
        listed = git(archive, "ls-tree", "HEAD", name).decode().split()
        if not listed:
            print(f"{day}: not in the archive, skipped")
            day += timedelta(days=1)
            continue
        blob = listed[2]
        collection = json.loads(git(archive, "cat-file", "blob", blob))
        occupied = shapely.make_valid(shapely.union_all([shape(f["geometry"]) for f in collection["features"]]))
        clipped = shapely.intersection(occupied, frame)
        area = polygons(shapely.simplify(clipped, TOLERANCE, preserve_topology=True))
        head = {
            "id": f"deepstate-{day.isoformat()}",
            "kind": "occupied-area",
            "name": "Russian-occupied area on DeepState's map",
            "date": day.isoformat(),
            "source": SOURCE,
            "claimant": "deepstate",
            "archive": {"repository": ARCHIVE_URL, "file": name, "commit": commit, "blob": blob},
            "licence": LICENCE_NOTE,
            "frame": list(FRAME),
            "tolerance": TOLERANCE,
            "change_tolerance": CHANGE_TOLERANCE,
            "since": previous[0].isoformat() if previous else None,
        }
        geometries = {"area": area}
        days = reference["days"][day.isoformat()] = {
            "distance_km": round(sinusoidal(clipped).distance(sinusoidal(Point(POKROVSK))), 4),
            "frame_area_km2": round(sinusoidal(clipped).area, 3),
            "country_area_km2": round(sinusoidal(occupied).area, 3),
        }
        if previous:
            gained = shapely.difference(occupied, previous[1])
            lost = shapely.difference(previous[1], occupied)
            geometries["gained"] = polygons(shapely.simplify(gained, CHANGE_TOLERANCE, preserve_topology=True))
            geometries["lost"] = polygons(shapely.simplify(lost, CHANGE_TOLERANCE, preserve_topology=True))
        else:
            head.pop("since")
        write(OUT / f"{day.isoformat()}.json", head, geometries)
        print(f"{day}: {days}")
        previous = (day, occupied)
        day += timedelta(days=1)
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_text(json.dumps(reference, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
