"""Figures the build measures itself on a map of control (data/geo/<series>/measures.yml).

Each measured row is a data row like any other: its claimant is whoever drew the map, its status
`assessed`, its source the map's archive, its date the day of the map. The measuring is geometry
on a sphere of the mean Earth radius, in the sinusoidal projection centred on the place measured
from (or on the series' frame): equal-area everywhere, and within a few tens of km of its central
meridian its distances are true to well under 1%. No projection library is needed for that.
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator

from .fields import Id
from .rows import Row

MEASURED_STATUS = "assessed"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


class Measure(Row):
    """distance: from a place's published centre to the nearest point of the area, per day (0 inside it).
    gained: the area gained since the series' first day, net of any lost, in the whole map (`country`)
    or inside the series' frame (`frame`)."""

    metric: Id
    measure: Literal["distance", "gained"]
    place: Id | None = None
    within: Literal["country", "frame"] | None = None

    @model_validator(mode="after")
    def _fits(self) -> Measure:
        if self.measure == "distance" and (self.place is None or self.within is not None):
            raise ValueError("a distance needs place: (an id in data/places.csv) and no within:")
        if self.measure == "gained" and (self.within is None or self.place is not None):
            raise ValueError("an area gained needs within: country or frame, and no place:")
        return self
