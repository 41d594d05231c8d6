"""Places and context lines for locator maps: data/places.csv and data/geo/*.json.

A place is a point with a published position (from the source it cites) or, where no
position was published, a row that says so: such places are listed, never drawn.
Context lines (a border, a river) are generalised public-domain geometry, one JSON file each.
"""
from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Annotated, Literal, Optional

from pydantic import BeforeValidator, ValidationInfo, field_validator

from .fields import Id, OptionalText, Text, _optional_text
from .files import Record, read_csv
from .problems import Problems
from .schema import Row, validate

PLACE_COLUMNS = ["id", "name", "kind", "lat", "lon", "status", "source", "note"]
SETTLEMENT_KINDS = ("city", "town", "village")
STRUCTURE_KINDS = ("bridge", "crossing", "plant")
# A structure's state where it matters (a bridge hit or not); a settlement's is "n/a".
STRUCTURE_STATES = ("destroyed", "damaged", "intact", "unknown")

PlaceKind = Literal["city", "town", "village", "bridge", "crossing", "plant"]
PlaceStatus = Literal["destroyed", "damaged", "intact", "unknown", "n/a"]
LineKind = Literal["border", "river"]


def _degrees(low: float, high: float, axis: str, example: str):
    def check(value: object) -> float | None:
        text = _optional_text(value)
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise ValueError(
                f"'{text}' is not a number of degrees (write decimal degrees, e.g. {example}; convert a "
                "value printed as degrees, minutes and seconds, and never estimate one)"
            ) from None
        if not math.isfinite(number) or not low <= number <= high:
            raise ValueError(f"'{text}' is outside {low:g} to {high:g} (write decimal degrees {axis}, e.g. {example})")
        return number

    return check


Latitude = Annotated[Optional[float], BeforeValidator(_degrees(-90, 90, "north (south is negative)", "51.1914"))]
Longitude = Annotated[Optional[float], BeforeValidator(_degrees(-180, 180, "east (west is negative)", "35.2706"))]


class Place(Row):
    id: Id
    name: Text
    kind: PlaceKind
    lat: Latitude = None
    lon: Longitude = None
    status: PlaceStatus
    source: Id
    note: OptionalText = ""

    @field_validator("lon")
    @classmethod
    def _both_or_neither(cls, lon, info: ValidationInfo):
        if "lat" in info.data and (info.data["lat"] is None) != (lon is None):
            raise ValueError("write both lat and lon, or leave both empty when no position was published")
        return lon

    @field_validator("status")
    @classmethod
    def _status_fits_kind(cls, status, info: ValidationInfo):
        kind = info.data.get("kind")
        if kind in STRUCTURE_KINDS and status == "n/a":
            raise ValueError(f"a {kind} needs its state: {', '.join(STRUCTURE_STATES)}")
        if kind in SETTLEMENT_KINDS and status != "n/a":
            raise ValueError(f"a {kind} has no state here: write n/a")
        return status

    @field_validator("note")
    @classmethod
    def _unknown_position_explained(cls, note, info: ValidationInfo):
        unplaced = "lat" in info.data and "lon" in info.data and info.data["lat"] is None and info.data["lon"] is None
        if unplaced and not note:
            raise ValueError("is empty: say why the position is unknown (a place without lat and lon is listed, not drawn)")
        return note

    @property
    def positioned(self) -> bool:
        return self.lat is not None and self.lon is not None


def _point(value: object) -> tuple[float, float]:
    if not isinstance(value, (list, tuple)) or len(value) != 2 or not all(
        isinstance(v, (int, float)) and not isinstance(v, bool) for v in value
    ):
        raise ValueError(f"{json.dumps(value)[:40]} is not a [longitude, latitude] pair")
    lon, lat = float(value[0]), float(value[1])
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise ValueError(f"[{lon:g}, {lat:g}] is outside the world (points are [longitude, latitude])")
    return lon, lat


def _polyline(value: object) -> list[tuple[float, float]]:
    if not isinstance(value, list) or len(value) < 2:
        raise ValueError("each line needs at least two [longitude, latitude] points")
    return [_point(p) for p in value]


def _polylines(value: object) -> list:
    if not isinstance(value, list) or not value:
        raise ValueError("must be a non-empty list of lines, each a list of [longitude, latitude] points")
    return [_polyline(line) for line in value]


class GeoLine(Row):
    """A context line: generalised geometry from a public-domain dataset."""

    id: Id
    name: Text
    kind: LineKind
    source: Id
    note: Text  # attribution and how generalised the line is
    left: OptionalText = ""  # for a border: the country on the left when following the points in order
    right: OptionalText = ""
    lines: Annotated[list, BeforeValidator(_polylines)]


def load(data_dir: Path, root_label: str, ds, problems: Problems, today) -> None:
    """Read data/places.csv and data/geo/*.json into ds.places and ds.geo.

    Both are optional: a site without maps has neither.
    """
    from . import data as _data  # data imports this module

    path = data_dir / "places.csv"
    if path.exists():
        records = read_csv(path, f"{root_label}/places.csv", PLACE_COLUMNS, problems)
        valid = validate(records, Place, problems, today)
        _data._remember_broken(records, valid, "place", ds)
        for record, place in valid:
            if not _first(record, place.id, "place", ds, problems):
                continue
            if _data._refs(record, problems, ds, source=place.source):
                ds.places[place.id] = place
            else:
                ds.broken.add(("place", place.id))

    geo_dir = data_dir / "geo"
    for file in sorted(geo_dir.glob("*.json")) if geo_dir.is_dir() else []:
        label = f"{root_label}/geo/{file.name}"
        record = _read_json(file, label, problems)
        if record is None:
            continue
        valid = validate([record], GeoLine, problems, today)
        if not valid:
            if isinstance(record.data.get("id"), str):
                ds.broken.add(("line", record.data["id"]))
            continue
        line = valid[0][1]
        if _first(record, line.id, "line", ds, problems) and _data._refs(record, problems, ds, source=line.source):
            ds.geo[line.id] = line


def _first(record: Record, item_id: str, kind: str, ds, problems: Problems) -> bool:
    from .data import Located

    key = (kind, item_id)
    if key in ds.lines:
        first = ds.lines[key]
        problems.add(record.path, record.line_of("id"), "id",
                     f"duplicate id '{item_id}' (first defined in {first.path}:{first.line}); ids must be unique")
        return False
    ds.lines[key] = Located(record.data, record.path, record.line_of("id"))
    return True


def _read_json(path: Path, label: str, problems: Problems) -> Record | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError:
        problems.add(label, None, None, "this is not UTF-8 text (save the file as UTF-8)")
        return None
    except json.JSONDecodeError as exc:
        problems.add(label, exc.lineno, None, f"malformed JSON: {exc.msg}")
        return None
    if not isinstance(data, dict):
        problems.add(label, 1, None, "expected one JSON object with id, name, kind, source, note and lines")
        return None
    return Record(label, 1, data)


def check_map(record: Record, spec, ds, problems: Problems) -> bool:
    """References of a map chart: its places, lines, bridge events and distance figures."""
    from .data import suggest

    ok = True

    def bad(field: str, message: str) -> None:
        nonlocal ok
        problems.add(record.path, record.line_of(field), field, message)
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
            bad("lines", f"unknown line '{line_id}' (add data/geo/{line_id}.json, e.g. with scripts/make_geo.py{suggest(line_id, ds.geo)})")
        elif line_id not in ds.geo:
            ok = False
    for structure, settlement in (spec.marked_at or {}).items():
        if structure not in spec.places or settlement not in spec.places:
            missing = structure if structure not in spec.places else settlement
            bad("marked_at", f"'{missing}' is not in this map's places")
        elif structure in listed and settlement in listed:
            if ds.places[structure].kind not in STRUCTURE_KINDS:
                bad("marked_at", f"'{structure}' is a {ds.places[structure].kind}; only a bridge, crossing or plant is marked at a settlement")
            elif ds.places[structure].positioned:
                bad("marked_at", f"'{structure}' has its own position in data/places.csv; draw it there instead")
            elif ds.places[settlement].kind not in SETTLEMENT_KINDS:
                bad("marked_at", f"'{settlement}' is a {ds.places[settlement].kind}; mark a structure at the settlement it is named after")
    if spec.topic is not None:
        topics = {e.topic for e in ds.events}
        if spec.topic not in topics:
            bad("topic", f"no event in data/events.csv has topic '{spec.topic}' (topics: {', '.join(sorted(topics)) or 'none'})")
        else:
            for place_id in listed:
                place = ds.places[place_id]
                if place.kind in STRUCTURE_KINDS and not any(e.topic == spec.topic and e.track == place.name for e in ds.events):
                    bad("topic", f"no '{spec.topic}' event in data/events.csv has the track '{place.name}' (the name of place '{place_id}')")
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
    if ok and not any(ds.places[p].positioned for p in spec.places):
        bad("places", f"map '{spec.id}' has no place with a published position to draw (places without lat and lon are only listed)")
    return ok
