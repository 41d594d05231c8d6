"""Areas of control drawn on someone's map, one file per day (data/geo/<series>/YYYY-MM-DD.json).

Made once by scripts/make_deepstate.py from an archive of DeepState's map; each day keeps the
occupied area inside a frame (for maps and distances) and what changed in the whole country since
the archive's previous day (for the area gained), with the archive file it came from.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Annotated, Literal

import numpy as np
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .fields import HttpsUrl, Id, PastDate, Text
from .formatting import long_date
from .places import _point
from .rows import Row

_SHA = r"^[0-9a-f]{40}$"


def _frame(value: object) -> tuple[float, float, float, float]:
    if (
        not isinstance(value, list)
        or len(value) != 4
        or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
    ):
        raise ValueError("must be [west longitude, south latitude, east longitude, north latitude]")
    lon0, lat0, lon1, lat1 = (float(v) for v in value)
    _point([lon0, lat0]), _point([lon1, lat1])
    if not (lon0 < lon1 and lat0 < lat1):
        raise ValueError("must be [west, south, east, north]: west below east and south below north")
    return lon0, lat0, lon1, lat1


def _ring(value: object, where: str) -> list[list[float]]:
    if not isinstance(value, list) or len(value) < 4:
        raise ValueError(f"{where} needs at least four [longitude, latitude] points")
    # Thousands of points a build: checked all at once; a bad one is found again point by point
    # for its message.
    try:
        points = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        points = None
    if (
        points is None
        or points.ndim != 2
        or points.shape[1] != 2
        or not np.isfinite(points).all()
        or (np.abs(points) > (180, 90)).any()
    ):
        for p in value:
            _point(p)
        raise ValueError(f"{where} is not a list of [longitude, latitude] points")
    if not (points[0] == points[-1]).all():
        raise ValueError(f"{where} is not closed: its last point must repeat its first")
    return points.tolist()


def _multipolygon(value: object) -> list:
    """GeoJSON MultiPolygon coordinates: polygons, each an outer ring then its holes."""
    if not isinstance(value, list):
        raise ValueError("must be a list of polygons, each a list of rings of [longitude, latitude] points")
    out = []
    for i, polygon in enumerate(value, 1):
        if not isinstance(polygon, list) or not polygon:
            raise ValueError(f"polygon {i} must be a non-empty list of rings")
        out.append([_ring(r, f"polygon {i}, ring {j}") for j, r in enumerate(polygon, 1)])
    return out


MultiPolygon = Annotated[list, BeforeValidator(_multipolygon)]
Frame = Annotated[tuple[float, float, float, float], BeforeValidator(_frame)]


class Archive(BaseModel):
    """Where the day's geometry came from: the archive's file at one commit, and its git blob."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    repository: HttpsUrl
    file: Text
    commit: Annotated[str, Field(pattern=_SHA)]
    blob: Annotated[str, Field(pattern=_SHA)]


class AreaDay(Row):
    """One day of a map of control: the area inside `frame`, and the whole map's change since `since`."""

    id: Id
    kind: Literal["occupied-area"]
    name: Text
    date: PastDate
    source: Id
    claimant: Id
    archive: Archive
    licence: Text  # credit and terms, carried into the data package's notes
    frame: Frame
    tolerance: Annotated[float, Field(gt=0, le=0.01)]  # degrees, Douglas-Peucker, of `area`
    change_tolerance: Annotated[float, Field(gt=0, le=0.01)]  # degrees, of `gained` and `lost`
    since: PastDate | None = None  # the archive's previous day; None on the base day
    area: MultiPolygon
    gained: MultiPolygon | None = None
    lost: MultiPolygon | None = None

    @model_validator(mode="after")
    def _consistent(self) -> AreaDay:
        if self.id != f"{self.series}-{self.date.isoformat()}":
            raise ValueError(f"id: must be the series and the date, e.g. '{self.series}-{self.date.isoformat()}'")
        if self.since is not None:
            if self.since >= self.date:
                raise ValueError(f"since: {self.since.isoformat()} must be before the file's date")
            if self.gained is None or self.lost is None:
                raise ValueError("gained and lost are needed with since (write [] for none)")
        elif self.gained or self.lost:
            raise ValueError("since: gained and lost need the date they are counted from")
        lon0, lat0, lon1, lat1 = self.frame
        for i, polygon in enumerate(self.area, 1):
            for j, ring in enumerate(polygon, 1):
                xy = np.asarray(ring)
                outside = (xy[:, 0] < lon0) | (xy[:, 0] > lon1) | (xy[:, 1] < lat0) | (xy[:, 1] > lat1)
                out = tuple(xy[outside.argmax()]) if outside.any() else None
                if out:
                    raise ValueError(
                        f"area: polygon {i}, ring {j} has the point [{out[0]:g}, {out[1]:g}] outside the frame; "
                        "clip it with scripts/make_deepstate.py"
                    )
        return self

    @property
    def series(self) -> str:
        return re.sub(r"-\d{4}-\d{2}-\d{2}$", "", self.id)


def frame_km(frame: tuple[float, float, float, float]) -> tuple[float, float]:
    """A frame's width (at its middle latitude) and height in km, on the sphere the engine measures on."""
    lon0, lat0, lon1, lat1 = frame
    radius = 6371.0088
    mid = math.radians((lat0 + lat1) / 2)
    return radius * math.radians(lon1 - lon0) * math.cos(mid), radius * math.radians(lat1 - lat0)


def day_text(day: date) -> str:
    return long_date(day)
