"""Figures: the right rows, the encoding (colour and shape = group, style = status), no template, bundle traces only."""

from __future__ import annotations

import csv
import io
import json

import plotly.graph_objects as go
import pytest

from explainer import kinds
from explainer.kinds.plot import Figure, UnsupportedTrace
from explainer.model.palette import GROUP_COLOURS
from fixtures import OBSERVATIONS


def view(engine, chart_id):
    return kinds.view(engine.dataset.charts[chart_id], engine.dataset)


def test_timeseries_encodes_claimant_and_status(engine_for):
    v = view(engine_for(), "territory")
    traces = {t["name"]: t for t in v.figure["data"]}
    assert set(traces) == {"AFP analysis of ISW data", "Oleksandr Syrskyi (claim)"}
    claim, assessed = traces["Oleksandr Syrskyi (claim)"], traces["AFP analysis of ISW data"]
    assert claim["x"] == ["2024-08-12", "2024-08-20"] and claim["y"] == [1000, 1263]
    assert claim["line"]["color"] == GROUP_COLOURS["ukraine"] and claim["line"]["dash"] == "dot"
    assert claim["marker"]["symbol"].endswith("-open")
    assert assessed["line"]["color"] == GROUP_COLOURS["analysts"] and not assessed["marker"]["symbol"].endswith("-open")
    assert "template" not in v.figure["layout"] and '"template"' not in json.dumps(v.figure)


def test_chart_view_metadata(engine_for):
    v = view(engine_for(), "territory")
    assert v.as_of.isoformat() == "2024-08-20" and v.has_claims
    assert [s.id for s in v.sources] == ["afp-isw", "censor-syrskyi", "up-syrskyi"]
    rows = list(csv.DictReader(io.StringIO(v.csv_text)))
    assert [(r["date"], r["value"], r["claimant"], r["status"], r["source_url"]) for r in rows] == [
        ("2024-08-12", "800", "afp-isw", "assessed", "https://www.vl.no/nyheter/2024/08/13/afp/"),
        ("2024-08-12", "1000", "syrskyi", "claimed", "https://censor.net/en/news/3504348/"),
        ("2024-08-20", "1263", "syrskyi", "claimed", "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/"),
    ]
    assert [r[1] for r in v.table_rows] == ["800 km²", "1,000 km²", "1,263 km²"]


def test_bar_marks_claims_with_a_pattern(engine_for):
    v = view(engine_for(), "settlements-bar")
    bar = v.figure["data"][0]
    assert bar["type"] == "bar" and bar["x"] == [93] and bar["marker"]["pattern"]["shape"] == ["/"]
    assert bar["text"] == ["93 (claim)"]


def test_timeline_places_events_on_tracks(engine_for):
    v = view(engine_for(), "talks")
    (trace,) = v.figure["data"]
    assert trace["x"] == ["2024-08-19"] and trace["marker"]["color"] == GROUP_COLOURS["russia"]
    # The track is named in its band, over its marks (not on an axis that eats a phone's width).
    assert [a["text"] for a in v.figure["layout"]["annotations"] if a.get("xref") == "paper"] == ["<b>Russia</b>"]
    assert v.table_head[2] == "What happened or was said"


def test_hostile_text_is_escaped_for_plotly(engine_for):
    hostile = OBSERVATIONS.replace("about 1000", '"<img src=x onerror=alert(1)>"')
    v = view(engine_for(observations_csv=hostile), "territory")
    assert "<img" not in json.dumps(v.figure) and "&lt;img src=x onerror=alert(1)&gt;" in json.dumps(v.figure)


def test_traces_outside_the_bundle_are_refused():
    fig = Figure().add_trace({"type": "heatmap", "z": [[1, 2]]})
    with pytest.raises(UnsupportedTrace, match=r"needs a 'heatmap' trace, which the basic plotly\.js bundle lacks"):
        fig.finish()


def test_every_figure_of_the_site_is_valid_plotly(real_site):
    """Figures are built as plain data; plotly.graph_objects checks every property name and value."""
    engine = real_site
    assert engine.dataset.charts
    for chart_id, spec in engine.dataset.charts.items():
        try:
            go.Figure(kinds.view(spec, engine.dataset).figure)
        except ValueError as exc:  # an unknown or invalid property
            pytest.fail(f"chart {chart_id}: {exc}")


def test_csv_cells_cannot_become_formulas(engine_for):
    hostile = OBSERVATIONS.replace("about 1000", '=HYPERLINK("https://x")')
    v = view(engine_for(observations_csv=hostile), "territory")
    row = next(r for r in csv.DictReader(io.StringIO(v.csv_text)) if r["value"] == "1000")
    assert row["note"].startswith("'=HYPERLINK")


def test_csv_guard_covers_minus_signs_but_keeps_numbers(engine_for):
    hostile = OBSERVATIONS.replace("about 1000", '"-2+HYPERLINK(""https://x"",""y"")"')
    v = view(engine_for(observations_csv=hostile), "territory")
    notes = [r["note"] for r in csv.DictReader(io.StringIO(v.csv_text))]
    assert '\'-2+HYPERLINK("https://x","y")' in notes
    assert kinds.tables.csv_safe("-7.5") == "-7.5"


def test_small_values_are_not_rounded_away():
    from explainer.model import formatting

    assert (
        formatting.number(0.004) == "0.004"
        and formatting.number(1263) == "1,263"
        and formatting.number(12500.5) == "12,500.5"
    )
    assert formatting.plain_number(0.125) == "0.125" and formatting.plain_number(121000.0) == "121000"
    assert formatting.number(1e-7) == "0.0000001" and formatting.number(-2.5e-8) == "-0.000000025"


def test_every_chart_table_and_csv_hold_exactly_what_the_figure_draws(real_site):
    """The points of each time series and bar, and the reference lines, are the rows of its table and CSV."""
    from explainer.kinds import bar, timeline, timeseries

    engine = real_site
    for chart_id, spec in engine.dataset.charts.items():
        v = kinds.view(spec, engine.dataset)
        rows = list(csv.DictReader(io.StringIO(v.csv_text)))
        assert len(rows) == len(v.table_rows) == len(v.rows), chart_id
        if isinstance(spec, timeseries.Spec):
            points = sorted((x, float(y)) for t in v.figure["data"] for x, y in zip(t["x"], t["y"], strict=True))
            # Reference lines span the plot (paper x); annotation lines stand at a date.
            shapes = v.figure["layout"].get("shapes", [])
            refs = sorted(float(s["y0"]) for s in shapes if s.get("xref") == "paper")
            # A range sits at its middle; its error bar reaches its two ends.
            drawn = [
                (r["date"], (float(r["value"]) + float(r["high"])) / 2 if r["high"] else float(r["value"]))
                for r in rows
                if r["metric"] in spec.metrics
            ]
            assert sorted(drawn) == points, chart_id
            assert sorted(float(r["value"]) for r in rows if r["metric"] not in spec.metrics) == refs, chart_id
        elif isinstance(spec, bar.Spec):
            assert sorted(float(x) for t in v.figure["data"] for x in t["x"]) == sorted(
                float(r["value"]) for r in rows
            ), chart_id
        elif isinstance(spec, timeline.Spec):
            marks = [t for t in v.figure["data"] if t.get("hoverinfo") != "skip"]  # not the crosses over disputed marks
            assert sorted(x for t in marks for x in t["x"]) == sorted(r["date"] for r in rows), chart_id


def test_the_bibliography_leaves_its_entries_as_they_were(engine_for):
    from explainer.render import html

    site = engine_for()
    entries = [{"source": s, "citations": []} for s in site.dataset.sources.values()]
    before = [dict(e) for e in entries]
    html.bibliography({"news": entries}, {"news": "News reports"})
    assert entries == before


def test_the_dataset_index_is_not_part_of_the_data(engine_for):
    from explainer.model.dataset import Dataset

    site = engine_for()
    ds = site.dataset
    ds.by_metric("territory-km2")
    assert "_by_metric" not in repr(ds)
    with pytest.raises(TypeError, match="_by_metric"):
        Dataset(_by_metric={})  # not something a caller passes in
    twin = Dataset(
        **{name: getattr(ds, name) for name in ("sources", "claimants", "metrics", "observations", "events")}
    )
    twin.charts, twin.lines, twin.broken, twin.broken_kinds = ds.charts, ds.lines, ds.broken, ds.broken_kinds
    assert ds._by_metric is not None and twin._by_metric is None  # built on one of the two only
    assert twin == ds
