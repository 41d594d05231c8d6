"""What a map's spec must get right: every id it names resolves (the shared reference checker),
and its structures, topics, distances, areas, focus and locator make sense together."""

from __future__ import annotations

from collections.abc import Iterator

from ...load.checks import Ref, Where, refs
from ...model.dataset import Dataset
from ...model.places import SETTLEMENT_KINDS, STRUCTURE_KINDS
from ...model.problems import Problems
from ..base import topic_problem
from .plan import AREA_DASHES, Spec


def check(where: Where, spec: Spec, ds: Dataset, problems: Problems) -> bool:
    """References of a map: its places, lines, structures' events and distance figures."""
    ok = refs(
        where,
        ds,
        problems,
        [Ref("places", "place", p) for p in spec.places] + [Ref("lines", "line", g) for g in spec.lines or []],
    )
    listed = {p: None for p in spec.places if p in ds.places}  # in the spec's order
    # (field, message) of each rule broken, reported at the field's line
    found = [bad for rule in _RULES for bad in rule(spec, ds, listed)]
    for name, message in found:
        problems.add(where.path, where.line_of(name), name, message)
    if ok and not found and not any(ds.places[p].positioned for p in spec.places):
        problems.add(
            where.path,
            where.line_of("places"),
            "places",
            f"map '{spec.id}' has no place with a published position to draw (places without lat and lon are only listed)",
        )
        return False
    return ok and not found


def _not_listed(spec: Spec, place_id: str) -> str | None:
    return None if place_id in spec.places else f"'{place_id}' is not in this map's places"


def _marked_at(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    """A structure without a position is marked at the settlement it is named after."""
    for structure, settlement in (spec.marked_at or {}).items():
        if missing := _not_listed(spec, structure) or _not_listed(spec, settlement):
            yield ("marked_at", missing)
        elif structure in listed and settlement in listed:
            if ds.places[structure].kind not in STRUCTURE_KINDS:
                yield (
                    "marked_at",
                    f"'{structure}' is a {ds.places[structure].kind}; only a bridge, crossing or plant is marked at a settlement",
                )
            elif ds.places[structure].positioned:
                yield ("marked_at", f"'{structure}' has its own position in data/places.csv; draw it there instead")
            elif ds.places[settlement].kind not in SETTLEMENT_KINDS:
                yield (
                    "marked_at",
                    f"'{settlement}' is a {ds.places[settlement].kind}; mark a structure at the settlement it is named after",
                )


def _topics(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    """The events topics exist; each structure has its events; some claim names a place of the map."""
    if spec.topic is not None:
        if unknown := topic_problem(spec.topic, ds):
            yield ("topic", unknown)
        else:
            for place_id in listed:
                place = ds.places[place_id]
                if place.kind in STRUCTURE_KINDS and not any(
                    e.topic == spec.topic and e.track == place.name for e in ds.events
                ):
                    yield (
                        "topic",
                        f"no '{spec.topic}' event in data/events.csv has the track '{place.name}' (the name of place '{place_id}')",
                    )
    if spec.claims is not None:
        if unknown := topic_problem(spec.claims, ds):
            yield ("claims", unknown)
        elif not any(e.place in listed for e in ds.events if e.topic == spec.claims):
            yield (
                "claims",
                f"no '{spec.claims}' event in data/events.csv names a place of this map in its place column",
            )


def _distances(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    """Each distance is to a place of the map, by a defined metric that has figures."""
    for place_id, metric in (spec.distances or {}).items():
        if missing := _not_listed(spec, place_id):
            yield ("distances", missing)
        elif metric not in ds.metrics:
            yield ("distances", ds.unknown("metric", metric) or f"metric '{metric}' has a problem in data/metrics.yml")
        elif not ds.by_metric(metric):
            yield ("distances", f"no figure for '{metric}' in data/observations.csv")


def _labels(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    for place_id in spec.labels or {}:
        if missing := _not_listed(spec, place_id):
            yield ("labels", missing)


def _areas(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    """A series of data/geo/ and its days, both written, each day one the series has."""
    if spec.areas is None and not spec.area_dates:
        return
    days = {d.date for d in ds.areas.get(spec.areas or "", [])}
    series = ", ".join(sorted(ds.areas)) or "none"
    if spec.areas is None or not spec.area_dates:
        yield ("areas", "write both areas: (a folder of data/geo/) and area_dates: (the days to draw)")
    elif spec.areas not in ds.areas:
        yield ("areas", f"no series '{spec.areas}' in data/geo/ (series: {series})")
    elif len(spec.area_dates) > len(AREA_DASHES):
        yield ("area_dates", f"draw at most {len(AREA_DASHES)} days: more layers no longer read apart")
    else:
        for day in spec.area_dates:
            if day not in days:
                yield ("area_dates", f"no map of '{spec.areas}' for {day.isoformat()} (see data/geo/{spec.areas}/)")


def _area_period(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    """The days a reader steps through in the live chart: within the series, with at least two
    maps, and holding every day the picture draws (the live chart opens on the last of them)."""
    if spec.area_period is None:
        return
    held = sorted({d.date for d in ds.areas.get(spec.areas or "", [])})
    period = spec.area_period
    if spec.areas is None or not spec.area_dates:
        yield ("area_period", "a period of days to step through needs areas: and area_dates: as well")
    elif len(period) != 2 or period[0] > period[1]:
        yield ("area_period", "write the first and the last day a reader steps through, e.g. [2024-08-01, 2024-08-31]")
    elif held and (period[0] < held[0] or period[1] > held[-1]):
        yield (
            "area_period",
            f"'{spec.areas}' has maps from {held[0].isoformat()} to {held[-1].isoformat()}; "
            "the period must lie within them",
        )
    elif sum(period[0] <= d <= period[1] for d in held) < 2:
        yield ("area_period", f"'{spec.areas}' has fewer than two maps in that period: nothing to step through")
    elif any(not period[0] <= d <= period[1] for d in spec.area_dates):
        yield ("area_period", "must include every day of area_dates (the live chart opens on the last of them)")


def _focus(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    if spec.focus and spec.focus not in spec.places:
        yield ("focus", f"'{spec.focus}' is not in this map's places (places: {', '.join(spec.places)})")
    elif spec.focus and spec.focus in ds.places and not ds.places[spec.focus].positioned:
        yield ("focus", f"'{spec.focus}' has no published position, so the map cannot show it")


def _locator(spec: Spec, ds: Dataset, listed: dict[str, None]) -> Iterator[tuple[str, str]]:
    if spec.locator and spec.locator not in ds.geo:
        yield ("locator", f"no line '{spec.locator}' in data/geo (lines: {', '.join(sorted(ds.geo)) or 'none'})")
    elif spec.locator and not (ds.geo[spec.locator].left and ds.geo[spec.locator].right):
        yield ("locator", f"'{spec.locator}' is not a border with a country named on each side (left, right)")


_RULES = (_marked_at, _topics, _distances, _labels, _areas, _area_period, _focus, _locator)
