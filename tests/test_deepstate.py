"""DeepState's occupied area (data/geo/deepstate/): the stored geometry, its provenance, the rows the
build measures on it, and the map that draws it. The simplification is checked against DeepState's
unsimplified archive when a clone of it is at hand ($DEEPSTATE_ARCHIVE), and
otherwise against tests/data/deepstate-reference.json, which scripts/make_deepstate.py measured on it."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from conftest import ROOT
from explainer import Site, kinds, outputs
from explainer.load import measure
from explainer.publish import licence
from fixtures import CHARTS, METRICS

SERIES = ROOT / "data" / "geo" / "deepstate"
REFERENCE = json.loads((ROOT / "tests" / "data" / "deepstate-reference.json").read_text(encoding="utf-8"))
ARCHIVE = Path(os.environ.get("DEEPSTATE_ARCHIVE", "/nonexistent"))  # a clone of the archive, if any
DISTANCE = "pokrovsk-occupied-distance-km"
GAIN_COUNTRY = "occupied-gain-ukraine-km2"
GAIN_FRAME = "occupied-gain-pokrovsk-km2"
R = 6371.0088


@pytest.fixture(scope="module")
def project():
    engine = Site.load(ROOT)
    assert engine.errors == []
    return engine


def day_files() -> list[Path]:
    return sorted(SERIES.glob("*.json"))


def rows(engine, metric):
    return {o.date: o for o in engine.dataset.by_metric(metric)}


def haversine_km(a, b) -> float:
    (lon1, lat1), (lon2, lat2) = (map(math.radians, p) for p in (a, b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * R * math.asin(math.sqrt(h))


# -- the stored geometry --------------------------------------------------------------


def test_every_day_of_august_but_the_archives_gaps_and_the_epilogues_september():
    days = {date.fromisoformat(f.stem) for f in day_files()}
    august = {date(2024, 8, d) for d in range(1, 32)}
    assert august - days == {date(2024, 8, 18), date(2024, 8, 19)}
    assert {date(2024, 7, 31), date(2024, 9, 5), date(2024, 9, 30)} <= days


@pytest.mark.parametrize("path", day_files(), ids=lambda p: p.stem)
def test_clipping_keeps_every_vertex_inside_the_frame(path):
    day = json.loads(path.read_text(encoding="utf-8"))
    lon0, lat0, lon1, lat1 = day["frame"]
    points = [pt for polygon in day["area"] for ring in polygon for pt in ring]
    assert len(points) > 50  # there is an area, and it is not a rectangle
    outside = [(x, y) for x, y in points if not (lon0 <= x <= lon1 and lat0 <= y <= lat1)]
    assert outside == []
    # The area reaches the frame's edge (it is cut there), and is valid geometry.
    assert any(x in (lon0, lon1) or y in (lat0, lat1) for x, y in points)
    assert shapely.MultiPolygon([(p[0], p[1:]) for p in day["area"]]).is_valid


@pytest.mark.parametrize("path", day_files(), ids=lambda p: p.stem)
def test_provenance_of_each_day(path):
    day = json.loads(path.read_text(encoding="utf-8"))
    archive = day["archive"]
    assert archive["repository"] == "https://github.com/cyterat/deepstate-map-data"
    assert archive["file"] == f"data/deepstatemap_data_{path.stem.replace('-', '')}.geojson"
    assert re.fullmatch(r"[0-9a-f]{40}", archive["commit"]) and re.fullmatch(r"[0-9a-f]{40}", archive["blob"])
    assert archive["commit"] == REFERENCE["archive_commit"]
    assert "DeepState" in day["licence"] and "GNU GPL" in day["licence"]
    assert day["source"] == "deepstate-map-archive" and day["claimant"] == "deepstate"
    assert day["date"] == path.stem and day["tolerance"] == 0.001


def unsimplified() -> dict[str, dict]:
    """Distances and areas on the archive's own files, if a clone is here; else the stored reference."""
    if not (ARCHIVE / "HEAD").exists() and not (ARCHIVE / ".git").exists():
        return REFERENCE["days"]
    frame = shapely.box(*REFERENCE["frame"])
    out = {}
    lon0 = REFERENCE["pokrovsk"][0]

    def project(xy):
        import numpy as np

        lam, phi = np.radians(xy[:, 0] - lon0), np.radians(xy[:, 1])
        return np.column_stack([R * lam * np.cos(phi), R * phi])

    for path in day_files():
        blob = json.loads(path.read_text(encoding="utf-8"))["archive"]["blob"]
        text = subprocess.run(["git", "-C", str(ARCHIVE), "cat-file", "blob", blob], capture_output=True, check=True)
        occupied = shapely.union_all([shape(f["geometry"]) for f in json.loads(text.stdout)["features"]])
        clipped = shapely.intersection(occupied, frame)
        out[path.stem] = {
            "distance_km": shapely.transform(clipped, project).distance(
                shapely.transform(shapely.Point(REFERENCE["pokrovsk"]), project)
            ),
            "frame_area_km2": shapely.transform(clipped, project).area,
            "country_area_km2": shapely.transform(occupied, project).area,
        }
    return out


@pytest.fixture(scope="module")
def truth():
    return unsimplified()


def test_simplification_keeps_the_distance_within_0_2_km(project, truth):
    measured = rows(project, DISTANCE)
    assert len(measured) == len(day_files())
    for day, obs in measured.items():
        assert abs(obs.value - truth[day.isoformat()]["distance_km"]) <= 0.2, day


def test_area_gained_matches_the_unsimplified_maps(project, truth):
    base = truth["2024-07-31"]
    for metric, key, slack in ((GAIN_COUNTRY, "country_area_km2", 1.0), (GAIN_FRAME, "frame_area_km2", 1.0)):
        for day, obs in rows(project, metric).items():
            expected = truth[day.isoformat()][key] - base[key]
            assert abs(obs.value - expected) <= slack, (metric, day, obs.value, expected)


# -- the rows the build measures ----------------------------------------------------------


def test_measured_rows_are_data_rows_with_claimant_status_source_and_date(project):
    ds = project.dataset
    for metric in (DISTANCE, GAIN_COUNTRY, GAIN_FRAME):
        found = ds.by_metric(metric)
        assert found, metric
        assert {(o.claimant, o.status, o.source) for o in found} == {("deepstate", "assessed", "deepstate-map-archive")}
        assert (
            "sinusoidal" in ds.metrics[metric].description or "As the whole-country" in ds.metrics[metric].description
        )
    dates = [o.date for o in ds.by_metric(DISTANCE)]
    assert date(2024, 8, 18) not in dates and date(2024, 8, 19) not in dates
    assert date(2024, 7, 31) not in [o.date for o in ds.by_metric(GAIN_COUNTRY)]  # the base of the gains
    assert ds.sources["deepstate-map-archive"].kind == "dataset"


def test_the_distance_is_the_distance_on_the_globe(project):
    """An independent check of the projection: the great-circle distance from Pokrovsk's centre to the
    nearest point of the area (found in the projection) agrees with the measured row."""
    ds = project.dataset
    pokrovsk = ds.places["pokrovsk"]
    for day in ds.areas["deepstate"]:
        area = measure.sinusoidal(measure.geometry(day.area), pokrovsk.lon)
        centre = measure.sinusoidal(shapely.Point(pokrovsk.lon, pokrovsk.lat), pokrovsk.lon)
        (x, y), _ = shapely.get_coordinates(shapely.shortest_line(area, centre))
        lat = math.degrees(y / R)
        near = (pokrovsk.lon + math.degrees(x / (R * math.cos(math.radians(lat)))), lat)
        globe = haversine_km((pokrovsk.lon, pokrovsk.lat), near)
        assert rows(project, DISTANCE)[day.date].value == pytest.approx(globe, abs=0.1)


def test_measured_rows_are_in_the_data_package(built_site):
    text = (built_site / outputs.package("observations.csv")).read_text(encoding="utf-8")
    assert "2024-08-31,pokrovsk-occupied-distance-km,11,,,deepstate,assessed,deepstate-map-archive," in text
    assert re.search(r"^2024-08-31,occupied-gain-ukraine-km2,\d+,,,deepstate,assessed,", text, re.M)
    package = json.loads((built_site / outputs.package("datapackage.json")).read_text(encoding="utf-8"))
    assert "DeepState" in json.dumps(package)


def test_licence_notes_credit_deepstate_and_the_archive():
    assert "DeepState" in licence.THIRD_PARTY and "cyterat/deepstate-map-data" in licence.THIRD_PARTY


# -- a made-up series, measured ---------------------------------------------------------

POKROVSK = (37.1828, 48.2828)
FRAME = [36.85, 47.95, 37.95, 48.55]


def square(lon0, lat0, lon1, lat1):
    return [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]


def day_json(day: str, area, since=None, gained=(), lost=()) -> dict:
    out = {
        "id": f"test-{day}",
        "kind": "occupied-area",
        "name": "Occupied area",
        "date": day,
        "source": "up-syrskyi",
        "claimant": "afp-isw",
        "archive": {"repository": "https://example.org/a", "file": "a.geojson", "commit": "a" * 40, "blob": "b" * 40},
        "licence": "test",
        "frame": FRAME,
        "tolerance": 0.001,
        "change_tolerance": 0.0001,
        "area": area,
    }
    if since:
        out |= {"since": since, "gained": list(gained), "lost": list(lost)}
    return out


MEASURES = """\
- metric: distance-km
  measure: distance
  place: town
- metric: gain-km2
  measure: gained
  within: country
- metric: gain-frame-km2
  measure: gained
  within: frame
"""
EXTRA_METRICS = """\
- id: distance-km
  label: Distance
  unit: km
  description: Measured.
- id: gain-km2
  label: Gain
  unit: km²
  description: Measured.
- id: gain-frame-km2
  label: Gain in frame
  unit: km²
  description: Measured.
"""
PLACES = f"id,name,kind,lat,lon,status,source,note\ntown,Town,city,{POKROVSK[1]},{POKROVSK[0]},n/a,up-syrskyi,\n"


def spherical_box_km2(lon0, lat0, lon1, lat1) -> float:
    return R * R * math.radians(lon1 - lon0) * (math.sin(math.radians(lat1)) - math.sin(math.radians(lat0)))


def write_series(root: Path, days: list[dict], measures: str = MEASURES) -> None:
    folder = root / "data" / "geo" / "test"
    folder.mkdir(parents=True, exist_ok=True)
    for d in days:
        (folder / f"{d['date']}.json").write_text(json.dumps(d, indent=2), encoding="utf-8")
    (folder / "measures.yml").write_text(measures, encoding="utf-8")


def engine(engine_for, tmp_path, days, measures=MEASURES, observations=None):
    write_series(tmp_path, days, measures)
    extra = {} if observations is None else {"observations_csv": observations}
    return engine_for(metrics_yml=METRICS + EXTRA_METRICS, places_csv=PLACES, **extra)


def test_a_made_up_series_is_measured_right(engine_for, tmp_path):
    # An area whose west edge is 5 km east of the town, then one more 0.05° x 0.05° block gained
    # inside the frame and one outside it (east of 37.95°E), and a sliver lost.
    km_lon = math.pi / 180 * R * math.cos(math.radians(POKROVSK[1]))
    edge = round(POKROVSK[0] + 5 / km_lon, 5)
    first = square(edge, 48.0, 37.9, 48.5)
    inside, outside = square(edge - 0.05, 48.2, edge, 48.25), square(38.0, 48.0, 38.05, 48.05)
    lost = square(37.85, 48.45, 37.9, 48.5)
    second = [square(edge - 0.05, 48.2, 37.9, 48.45)]
    days = [
        day_json("2024-08-01", [first]),
        day_json("2024-08-02", second, since="2024-08-01", gained=[inside, outside], lost=[lost]),
    ]
    e = engine(engine_for, tmp_path, days)
    assert [str(p) for p in e.errors] == []
    distance = rows(e, "distance-km")
    assert distance[date(2024, 8, 1)].value == pytest.approx(5.0, abs=0.05)
    assert distance[date(2024, 8, 2)].value == pytest.approx(5.0 - 0.05 * km_lon, abs=0.05)
    area = lambda sq: spherical_box_km2(sq[0][0][0], sq[0][0][1], sq[0][2][0], sq[0][2][1])  # noqa: E731
    gain = rows(e, "gain-km2")
    assert list(gain) == [date(2024, 8, 2)]
    assert gain[date(2024, 8, 2)].value == pytest.approx(area(inside) + area(outside) - area(lost), abs=1)
    assert rows(e, "gain-frame-km2")[date(2024, 8, 2)].value == pytest.approx(area(inside) - area(lost), abs=1)
    obs = gain[date(2024, 8, 2)]
    assert (obs.claimant, obs.status, obs.source) == ("afp-isw", "assessed", "up-syrskyi")


def test_bad_series_files_are_reported_at_file_and_line(engine_for, tmp_path):
    good = square(37.3, 48.0, 37.9, 48.5)
    outside = day_json("2024-08-01", [[[[37.3, 48.0], [38.5, 48.0], [37.9, 48.5], [37.3, 48.0]]]])
    e = engine(engine_for, tmp_path, [outside])
    found = [str(p) for p in e.errors]
    assert any(p.startswith("data/geo/test/2024-08-01.json:") and "[38.5, 48] outside the frame" in p for p in found), (
        found
    )

    # A broken chain of days, an unknown place, and typed rows for a measured metric: all in one run.
    for f in (tmp_path / "data" / "geo" / "test").glob("*.json"):
        f.unlink()
    days = [day_json("2024-08-01", [good]), day_json("2024-08-03", [good], since="2024-08-02")]
    e = engine(engine_for, tmp_path, days, measures=MEASURES.replace("place: town", "place: nowhere"))
    found = [str(p) for p in e.errors]
    assert any(p.startswith("data/geo/test/2024-08-03.json: since: is 2024-08-02") for p in found), found

    days[1] = day_json("2024-08-03", [good], since="2024-08-01")
    typed = "date,metric,value,claimant,status,source,note\n2024-08-12,distance-km,3,syrskyi,claimed,censor-syrskyi,\n"
    e = engine(
        engine_for, tmp_path, days, measures=MEASURES.replace("place: town", "place: nowhere"), observations=typed
    )
    found = [str(p) for p in e.errors]
    assert any(
        p.startswith("data/geo/test/measures.yml:1: metric: 'distance-km' is measured by the build") for p in found
    ), found
    # The unknown place is reported on its own line (the distance's row is refused first, so use
    # a second measure for it).
    e = engine(engine_for, tmp_path, days, measures="- metric: distance-km\n  measure: distance\n  place: nowhere\n")
    assert any(p.startswith("data/geo/test/measures.yml:3: place: unknown place 'nowhere'") for p in map(str, e.errors))


# -- the map ---------------------------------------------------------------------------------


def test_the_pokrovsk_map_draws_three_days_under_the_places(project):
    view = kinds.view(project.dataset.charts["map-pokrovsk"], project.dataset)
    data = view.figure["data"]
    areas = [i for i, t in enumerate(data) if t.get("name", "").startswith("DeepState's map as of")]
    names = [data[i]["name"] for i in areas]
    assert sorted(names) == sorted(f"DeepState's map as of {d}" for d in ("6 August", "15 August", "31 August"))
    places = [i for i, t in enumerate(data) if "markers" in t.get("mode", "")]
    assert max(areas) < min(places)  # places and claims are drawn on top
    for i in areas:  # decorative: no row ids, no answers
        assert "customdata" not in data[i] and data[i]["hoverinfo"] == "skip"
    # The layers are drawn oldest on top, so the oldest ground reads darkest.
    assert [data[i]["name"][-9:] for i in areas][-1].endswith("6 August")
    assert "DeepState's map as of 6 August, 15 August and 31 August" in view.key
    assert any(s.id == "deepstate-map-archive" for s in view.sources)
    assert any("cyterat/deepstate-map-data" in n for n in view.notes)


def test_the_distance_chart_has_the_measured_line(project):
    view = kinds.view(project.dataset.charts["pokrovsk-distance"], project.dataset)
    (line,) = [t for t in view.figure["data"] if t["name"].startswith("DeepState")]
    assert line["mode"] == "lines+markers" and len(line["x"]) == 30  # August less 18 and 19, and 1 September
    assert "pokrovsk-occupied-distance-km" in view.csv_text


def test_scale_comparison_is_on_the_page_that_asks(project):
    text = (ROOT / "docs" / "why.md").read_text(encoding="utf-8")
    assert "::chart[scale-27-august]" in text and ":fact[occupied-gain-ukraine-km2]{date=2024-08-31}" in text
    assert "The map draws places, not an area of control" in (ROOT / "docs" / "incursion.md").read_text("utf-8")


# -- the live map's days: every day of a period, in a file of their own -------------------------

STEPS_MAP = """\
- id: steps
  kind: map
  title: Steps
  summary: One sentence.
  places: [town]
  areas: test
  area_dates: [2024-08-02, 2024-08-04]
  area_period: [2024-08-01, 2024-08-04]
"""


def test_a_maps_days_are_every_day_of_its_period_with_the_gaps_named(engine_for, tmp_path):
    from explainer.kinds.map import days as mapdays
    from explainer.model import formatting

    blocks = [square(37.19, 48.25, 37.23, 48.3), square(37.195, 48.25, 37.23, 48.3), square(37.2, 48.24, 37.23, 48.3)]
    days = [
        day_json("2024-08-01", [blocks[0]]),
        day_json("2024-08-02", [blocks[1]], since="2024-08-01"),
        day_json("2024-08-04", [blocks[2]], since="2024-08-02"),  # the archive has no 3 August
    ]
    write_series(tmp_path, days, MEASURES)
    e = engine_for(metrics_yml=METRICS + EXTRA_METRICS, places_csv=PLACES, charts_yml=CHARTS + STEPS_MAP)
    assert [str(p) for p in e.errors] == []
    view = kinds.view(e.dataset.charts["steps"], e.dataset)
    got = view.days
    assert [d["date"] for d in got["days"]] == ["2024-08-01", "2024-08-02", "2024-08-04"]
    assert got["missing"] == ["2024-08-03"]
    assert got["words"]["missing"] == "No map for 3 August in the archive: those days are skipped, not filled in."
    assert got["start"] == 2  # the live chart opens on the last day the picture draws
    assert got["days"][2]["said"].endswith("No map for 3 August.") and "No map" not in got["days"][1]["said"]
    # The figure's area layers, oldest first: the runtime redraws these and no other trace.
    names = [view.figure["data"][i]["name"] for i in got["traces"]]
    assert [n.rsplit(" as of ", 1)[1] for n in names] == ["2 August", "4 August"]
    distance = {o.date.isoformat(): o for o in e.dataset.by_metric("distance-km")}
    frame = shapely.box(*got["frame"])
    for day, block in zip(got["days"], blocks, strict=True):
        assert day["text"] == formatting.long_date(date.fromisoformat(day["date"]))
        assert formatting.observed(distance[day["date"]], "km") in day["measured"]
        (ring,) = [mapdays.decode(r) for r in day["rings"]]
        assert ring[0] == ring[-1] and all(frame.buffer(1e-9).contains(shapely.Point(p)) for p in ring)
        # What is drawn is the day's area cut to the frame, not another day's nor an interpolation.
        expected = shapely.Polygon(block[0]).intersection(frame)
        assert shapely.Polygon(ring).symmetric_difference(expected).area < 1e-7


def test_a_maps_period_is_checked_at_its_line(engine_for, tmp_path):
    days = [day_json("2024-08-01", [square(37.19, 48.25, 37.23, 48.3)])]
    days += [day_json(f"2024-08-0{n}", [square(37.19, 48.25, 37.23, 48.3)], since=f"2024-08-0{n - 1}") for n in (2, 3)]
    write_series(tmp_path, days, MEASURES)
    line = CHARTS.count("\n") + 8  # area_period's line in charts.yml

    def found(period: str, dates: str = "[2024-08-02]") -> list[str]:
        spec = STEPS_MAP.replace("[2024-08-01, 2024-08-04]", period).replace("[2024-08-02, 2024-08-04]", dates)
        e = engine_for(metrics_yml=METRICS + EXTRA_METRICS, places_csv=PLACES, charts_yml=CHARTS + spec)
        return [str(p) for p in e.errors]

    assert found("[2024-08-01, 2024-08-02]") == []
    assert found("[2024-07-31, 2024-08-02]") == [
        f"data/charts.yml:{line}: area_period: 'test' has maps from 2024-08-01 to 2024-08-03; "
        "the period must lie within them"
    ]
    assert found("[2024-08-02, 2024-08-01]") == [
        f"data/charts.yml:{line}: area_period: write the first and the last day a reader steps through, "
        "e.g. [2024-08-01, 2024-08-31]"
    ]
    assert found("[2024-08-02, 2024-08-02]") == [
        f"data/charts.yml:{line}: area_period: 'test' has fewer than two maps in that period: nothing to step through"
    ]
    assert found("[2024-08-02, 2024-08-03]", "[2024-08-01]") == [
        f"data/charts.yml:{line}: area_period: must include every day of area_dates "
        "(the live chart opens on the last of them)"
    ]


def test_the_days_file_holds_every_day_of_august_in_data_geo_and_nothing_outside_the_frame(built_site, project):
    from explainer.kinds.map import days as mapdays

    august = sorted(f.stem for f in day_files() if f.stem.startswith("2024-08-"))  # what data/geo holds
    spec = project.dataset.charts["map-pokrovsk"]
    distance = {o.date.isoformat(): o.value for o in project.dataset.by_metric(DISTANCE)}
    for prefix, words in (("", ("August 2024", "km", "No map for 18 and 19 August in the archive")),
                          ("uk/", ("серпня 2024\u202fр.", "км", "немає мап за 18 і 19 серпня"))):  # fmt: skip
        path = built_site / prefix / "assets" / "data" / "map-pokrovsk.days.json"
        got = json.loads(path.read_text(encoding="utf-8"))
        assert [d["date"] for d in got["days"]] == august  # every day of August the series holds, in order
        assert got["missing"] == ["2024-08-18", "2024-08-19"]
        assert words[0] in got["days"][0]["text"] and words[1] in got["days"][0]["measured"]
        assert words[2] in got["words"]["missing"]
        west, south, east, north = got["frame"]
        stored_west, stored_south, stored_east, stored_north = json.loads(day_files()[0].read_text("utf-8"))["frame"]
        assert stored_west <= west < east <= stored_east and stored_south <= south < north <= stored_north
        for day in got["days"]:
            points = [p for r in day["rings"] for p in mapdays.decode(r)]
            assert points and all(west <= x <= east and south <= y <= north for x, y in points), day["date"]
            # The distance said with the day is the row measured on it (11 km on 31 August, rounded).
            value = f"{distance[day['date']]:g}".replace(".", "," if prefix else ".")
            assert value in day["measured"].replace("\u202f", ""), day["date"]
    # The page links the file and carries none of it: the days load with the live chart only.
    page = (built_site / "pokrovsk" / "index.html").read_text(encoding="utf-8")
    assert 'data-days="../assets/data/map-pokrovsk.days.json"' in page
    assert '"rings"' not in page and "No map for 18 and 19 August in the archive" not in page
    assert spec.area_period == [date(2024, 8, 1), date(2024, 8, 31)]
