"""Places and context lines for locator maps.

A place is a point with a published position (from the source it cites) or, where no
position was published, a row that says so: such places are listed, never drawn.
Context lines (a border, a river) are generalised public-domain geometry.
"""

from __future__ import annotations

import json
import math
from typing import Annotated, Literal

from pydantic import BeforeValidator, ValidationInfo, field_validator

from .fields import Id, OptionalText, Text, _optional_text
from .rows import Row

PLACE_COLUMNS = ["id", "name", "kind", "lat", "lon", "status", "source", "note"]
SETTLEMENT_KINDS = ("city", "town", "village")
STRUCTURE_KINDS = ("bridge", "crossing", "plant")
# A structure's state where it matters (a bridge hit or not); a settlement's is "n/a".
STRUCTURE_STATES = ("destroyed", "damaged", "intact", "unknown")

# What the maps show: Ukraine and the Russian regions next to it (south, north, west, east, in
# degrees). A place outside is a typo (lat and lon swapped, a sign lost) that would stretch a map.
REGION = (44.0, 57.0, 22.0, 41.0)


def in_region(lat: float, lon: float) -> bool:
    south, north, west, east = REGION
    return south <= lat <= north and west <= lon <= east


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


Latitude = Annotated[float | None, BeforeValidator(_degrees(-90, 90, "north (south is negative)", "51.1914"))]
Longitude = Annotated[float | None, BeforeValidator(_degrees(-180, 180, "east (west is negative)", "35.2706"))]


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
        lat = info.data.get("lat")
        if lat is not None and lon is not None and not in_region(lat, lon):
            south, north, west, east = REGION
            raise ValueError(
                f"{lat:g}, {lon:g} is outside the region the maps cover ({south:g}–{north:g}° north, "
                f"{west:g}–{east:g}° east): check that lat and lon are not swapped, and their signs"
            )
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
            raise ValueError(
                "is empty: say why the position is unknown (a place without lat and lon is listed, not drawn)"
            )
        return note

    @property
    def positioned(self) -> bool:
        return self.lat is not None and self.lon is not None


def _point(value: object) -> tuple[float, float]:
    if (
        not isinstance(value, (list, tuple))
        or len(value) != 2
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
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
