"""The figures measured on a map of control, as data rows (see model/measures.py for the method).

Geometry is shapely's (GEOS). Coordinates go through the sinusoidal projection on the sphere:
x = R·(λ − λ0)·cos φ, y = R·φ, in km. It is equal-area, so areas are true (on the sphere); near
its central meridian λ0 it barely distorts distances, so a distance is measured with λ0 at the
place it is measured from.
"""

from __future__ import annotations

import operator

import numpy as np
import shapely

from ..language import t
from ..model.areas import AreaDay
from ..model.claims import Observation
from ..model.dataset import Dataset
from ..model.measures import EARTH_RADIUS_KM, MEASURED_STATUS, Measure
from ..model.problems import Problems
from .files import Record

UNITS = {"distance": "km", "gained": "km²"}
DECIMALS = {"distance": 1, "gained": 0}


def geometry(coords: list) -> shapely.MultiPolygon:
    """GeoJSON MultiPolygon coordinates as a shapely geometry (built from arrays: thousands of points a build)."""
    polygons = [
        shapely.polygons(shapely.linearrings(p[0]), holes=[shapely.linearrings(h) for h in p[1:]] or None)
        for p in coords
    ]
    return shapely.multipolygons(polygons) if polygons else shapely.MultiPolygon()


def sinusoidal(geom, lon0: float):
    """geom (longitude, latitude in degrees) in the sinusoidal projection centred on lon0, in km."""

    def project(xy: np.ndarray) -> np.ndarray:
        lam, phi = np.radians(xy[:, 0] - lon0), np.radians(xy[:, 1])
        return np.column_stack([EARTH_RADIUS_KM * lam * np.cos(phi), EARTH_RADIUS_KM * phi])

    return shapely.transform(geom, project)


def distance_km(day: AreaDay, lon: float, lat: float) -> float:
    """From the point to the nearest point of the day's area in its frame (0 inside it)."""
    return sinusoidal(geometry(day.area), lon).distance(sinusoidal(shapely.Point(lon, lat), lon))


def change_km2(day: AreaDay, within: str) -> float:
    """Area gained minus area lost since the day before, in the whole map or inside the frame."""
    lon0 = (day.frame[0] + day.frame[2]) / 2
    gained, lost = geometry(day.gained or []), geometry(day.lost or [])
    if within == "frame":
        frame = shapely.box(*day.frame)
        gained, lost = shapely.intersection(gained, frame), shapely.intersection(lost, frame)
    return sinusoidal(gained, lon0).area - sinusoidal(lost, lon0).area


# What each measure gave on the same days (the same validated objects: load/validate.py keeps them
# while their files are unchanged), so the Ukrainian edition and `serve` rebuilds do not measure
# every map again; kept with the objects themselves, so an id is never another object's.
_MEASURED: dict[tuple, tuple[Measure, list[AreaDay], tuple, list[tuple[AreaDay, float]]]] = {}


def values(item: Measure, days: list[AreaDay], ds: Dataset) -> list[tuple[AreaDay, float]]:
    """(day, value) per day: every day for a distance, every day after the first for a gain."""
    place = ds.places[item.place] if item.measure == "distance" else None
    at = (place.lon, place.lat) if place is not None else ()
    key = (id(item), *map(id, days))
    known = _MEASURED.get(key)
    if known is not None and known[0] is item and known[2] == at and all(map(operator.is_, known[1], days)):
        return list(known[3])
    measured = _values(item, days, ds)
    if len(_MEASURED) > 64:  # a session of edits to the maps: start afresh
        _MEASURED.clear()
    _MEASURED[key] = (item, list(days), at, measured)
    return list(measured)


def _values(item: Measure, days: list[AreaDay], ds: Dataset) -> list[tuple[AreaDay, float]]:
    if item.measure == "distance":
        place = ds.places[item.place]
        return [(day, distance_km(day, place.lon, place.lat)) for day in days]
    total, out = 0.0, []
    for day in days[1:]:
        total += change_km2(day, item.within)
        out.append((day, total))
    return out


def add_rows(record: Record, item: Measure, days: list[AreaDay], ds: Dataset, problems: Problems) -> None:
    """Check a measure's references, then add its rows to ds.observations."""

    def bad(field: str, message: str) -> None:
        problems.add(record.path, record.line_of(field), field, message)

    metric = ds.metrics.get(item.metric)
    if metric is None:
        message = ds.unknown("metric", item.metric)
        if message:
            bad("metric", message)
        return
    if metric.unit != UNITS[item.measure]:
        bad(
            "metric",
            f"'{item.metric}' has the unit '{metric.unit}'; a {item.measure} is measured in {UNITS[item.measure]}",
        )
        return
    if any(o.metric == item.metric for o in ds.observations):
        bad(
            "metric",
            f"'{item.metric}' is measured by the build from this folder's maps; remove its rows from "
            "data/observations.csv (or measure another metric)",
        )
        return
    if item.place is not None:
        place = ds.places.get(item.place)
        if place is None:
            message = ds.unknown("place", item.place)
            if message:
                bad("place", message)
            return
        if not place.positioned:
            bad("place", f"'{item.place}' has no published position in data/places.csv to measure from")
            return
        first = days[0]
        lon0, lat0, lon1, lat1 = first.frame
        if not (lon0 <= place.lon <= lon1 and lat0 <= place.lat <= lat1):
            bad("place", f"'{item.place}' lies outside the frame of the maps it is measured on ({list(first.frame)})")
            return
    if item.measure == "gained" and len(days) < 2:
        bad("measure", "an area gained needs at least two days of maps")
        return
    for day, value in values(item, days, ds):
        ds.observations.append(
            Observation(
                date=day.date,
                metric=item.metric,
                value=round(value, DECIMALS[item.measure]) + 0.0,  # + 0.0: never a negative zero
                claimant=day.claimant,
                status=MEASURED_STATUS,
                source=day.source,
                note=t(
                    "Measured on the map as the archive saved it at about 03:00 UTC that day ({file}).",
                    file=day.archive.file,
                ),
            )
        )
    ds.measured[item.metric] = item


def outlines(coords: list, frame: tuple[float, float, float, float], tolerance: float) -> list[list]:
    """The outer rings of an area cut to a drawing frame and simplified for drawing: a map needs
    no more detail than a pixel, and every point saved is saved three times (each picture width)."""
    cut = shapely.intersection(geometry(coords), shapely.box(*frame))
    cut = shapely.simplify(cut, tolerance, preserve_topology=True)
    parts = [g for g in getattr(cut, "geoms", [cut]) if g.geom_type == "Polygon" and not g.is_empty]
    return [[(round(x, 4), round(y, 4)) for x, y in p.exterior.coords] for p in parts]
