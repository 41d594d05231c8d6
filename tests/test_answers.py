"""Answers from the picture: every mark tied to its table row, the row to its CSV line (build), and the
runtime answering a tap, a hover and the keyboard from them (browser)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.kinds.plot import Figure, UnmarkedTrace, decorative, scatter
from explainer.render import svg

SECTIONS = ["", "incursion", "why", "response", "pokrovsk", "bridges", "negotiations", "after"]


def figures(site: Path):
    for page in SECTIONS:
        doc = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        yield from ((page, f) for f in doc.select("figure.xchart"))


def csv_rows(site: Path, page: str, fig) -> list[dict]:
    href = fig.select_one(".xchart__download a")["href"]
    path = (site / page / href).resolve() if page else (site / href).resolve()
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.build
def test_every_mark_has_a_row_and_every_drawn_row_a_mark(built_site):
    seen = 0
    for _page, fig in figures(built_site):
        chart = fig["data-chart"]
        rows = fig.select("details.xchart__data tbody tr")
        ids = [tr["data-row"] for tr in rows]
        assert len(set(ids)) == len(ids), (chart, "row ids repeat")
        if fig["data-kind"] == "map":
            # A map lists places it cannot draw (no published position): its table says which.
            on_map = [th.get_text() for th in fig.select("details.xchart__data thead th")].index("On the map")
            drawn = {tr["data-row"] for tr in rows if not tr.select("td")[on_map].get_text().startswith("not drawn")}
        else:
            drawn = set(ids)
        pictures = fig.select(".xchart__picture svg")
        assert len(pictures) == 3, chart
        for picture in pictures:
            marks = picture.select("[data-row]")
            assert marks, chart
            assert {m["data-row"] for m in marks} == drawn, (chart, picture["class"])
            # Every marker path or bar in a trace that draws rows carries its row.
            for trace in picture.select("g.trace"):
                points = trace.select("g.points > .point")
                tagged = [p for p in points if p.has_attr("data-row")]
                assert not tagged or len(tagged) == len(points), (chart, "a trace with untagged marks")
        seen += 1
    assert seen >= 15


@pytest.mark.build
def test_the_answer_the_table_and_the_csv_agree(built_site):
    """What the runtime answers with is the table row (its cells by column role, the group and the
    source link on the row); each row is the CSV's line in the same place."""
    for page, fig in figures(built_site):
        chart = fig["data-chart"]
        head = [th.get("data-k", "") for th in fig.select("details.xchart__data thead th")]
        assert "value" in head and "source" in head, chart
        lines = csv_rows(built_site, page, fig)
        rows = fig.select("details.xchart__data tbody tr")
        assert len(lines) == len(rows), chart
        for tr, line in zip(rows, lines, strict=True):
            cells = dict(zip(head, tr.select("td"), strict=True))
            link = cells["source"].select_one("a")
            assert link and link["href"] == line["source_url"] and link.get_text() == line["source_publisher"], chart
            value = cells["value"].get_text()
            if fig["data-kind"] == "map":
                assert tr["data-row"] == line["id"] and value == line["name"], chart
            else:
                assert tr["data-group"] == line["claimant_group"], chart
                assert cells["who"].get_text() == f"{line['claimant_name']}, {line['claimant_role']}", chart
                assert value == (line["figure"] if "figure" in line else line["label"]), chart
                if "id" in line:
                    assert tr["data-row"] == line["id"], chart
                else:
                    assert tr["data-row"] == f"{line['metric']}.{line['claimant']}.{line['date']}", chart


def test_a_trace_that_is_neither_rows_nor_decoration_is_refused():
    fig = Figure().add_trace(scatter(x=[1, 2], y=[3, 4], name="new"))
    with pytest.raises(UnmarkedTrace, match="decorative"):
        fig.finish()
    with pytest.raises(UnmarkedTrace):
        Figure().add_trace(scatter(x=[1, 2], y=[3, 4], ids=["a"])).finish()  # one id short
    assert Figure().add_trace(decorative(scatter(x=[1], y=[2]))).finish()["data"][0]["meta"] == {"decorative": True}
    assert Figure().add_trace(scatter(x=[1, 2], y=[3, 4], ids=["a", "b"])).finish()


DRAWING = (
    '<svg xmlns="http://www.w3.org/2000/svg"><g class="cartesianlayer"><g class="scatterlayer mlayer">'
    '<g class="trace scatter t1"><g class="points"><path class="point" d="M0,0"/><path class="point" d="M1,1"/></g>'
    '<g class="text"><g class="textpoint"><text>A</text></g></g></g>'
    '<g class="trace scatter t2"><g class="points"><path class="point" d="M2,2"/></g></g>'
    '</g><g class="barlayer mlayer"><g class="trace bars"><g class="points"><g class="point"><path d="M3,3"/></g></g></g>'
    '</g></g><g class="shapelayer"><g class="shape-group" data-index="0"><path data-index="0" d="M4,4"/></g></g>'
    '<g class="legend"><g class="traces"><path class="scatterpts"/></g></g></svg>'
)


def test_marks_are_tagged_with_their_rows_by_trace_type_and_order():
    figure = {
        "data": [
            {"type": "scatter", "ids": ["r1", "r2"]},
            {"type": "bar", "ids": ["b&1"]},
            {"type": "scatter", "meta": {"decorative": True}},
        ],
        "layout": {"shapes": [{"type": "line", "name": "ref"}]},
    }
    out = svg.tag_marks(DRAWING, figure)
    assert out.count("data-row=") == 4
    assert '<path class="point" d="M0,0" data-row="r1"/>' in out
    assert '<path class="point" d="M1,1" data-row="r2"/>' in out
    assert '<g class="point" data-row="b&amp;1">' in out
    assert '<path data-index="0" d="M4,4" data-row="ref"/>' in out
    assert '<path class="point" d="M2,2"/>' in out  # decoration stays untagged
    svg.check_inert(out)


def test_a_drawing_whose_marks_do_not_pair_with_the_rows_is_refused():
    one_short = {"data": [{"type": "scatter", "ids": ["r1", "r2", "r3"]}, {"type": "bar", "ids": ["b"]},
                          {"type": "scatter"}]}  # fmt: skip
    with pytest.raises(svg.MarksMismatch, match="drew 2 marks for 3 rows"):
        svg.tag_marks(DRAWING, one_short)
    missing_trace = {"data": [{"type": "scatter", "ids": ["r1", "r2"]}, {"type": "bar", "ids": ["b"]}]}
    with pytest.raises(svg.MarksMismatch, match="more scatter traces"):
        svg.tag_marks(DRAWING, missing_trace)
