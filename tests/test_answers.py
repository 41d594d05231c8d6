"""Answers from the picture: every mark tied to its table row, the row to its CSV line (build), and the
runtime answering a tap, a hover and the keyboard from them (browser)."""

from __future__ import annotations

import csv
import io
import itertools
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_browser import ask_to_explore

from conftest import watched_page
from explainer import outputs
from explainer.kinds.plot import Figure, UnmarkedTrace, decorative, scatter
from explainer.render import svg
from harness.project import ROOT

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
            # Every source of the row linked, in the CSV's order, the cell reading as its credit.
            links = cells["source"].select("a")
            assert [a["href"] for a in links] == line["source_url"].split("; "), chart
            assert cells["source"].get_text() == line["source_credit"], chart
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


def test_a_trace_whose_row_ids_do_not_match_its_points_is_refused():
    with pytest.raises(UnmarkedTrace):
        Figure().add_trace(scatter(x=[1, 2], y=[3, 4], ids=["a"])).finish()  # one id short
    with pytest.raises(UnmarkedTrace, match="decorative"):
        Figure().add_trace(scatter(x=[1, 2], y=[3, 4])).finish()  # neither rows nor marked decoration
    with pytest.raises(UnmarkedTrace, match="either draws rows or decorates"):
        Figure().add_trace(decorative(scatter(x=[1], y=[2], ids=["a"]))).finish()
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


# -- in the browser ---------------------------------------------------------------------------------

# One chart of each kind: (page, chart).
KINDS = {
    "timeseries": ("incursion/", "settlements-claims"),
    "bar": ("why/", "scale-12-august"),
    "timeline": ("bridges/", "bridge-strikes"),
    "map": ("incursion/", "map-incursion"),
}
# The answer the runtime should give for a row, from the table's cells (by role) and the row's group.
EXPECTED = """(tr) => {
    const fig = tr.closest('figure');
    const roles = [...fig.querySelectorAll('details.xchart__data thead th')].map(th => th.dataset.k || '');
    const c = {};
    [...tr.cells].forEach((td, i) => { if (roles[i]) c[roles[i]] = td.textContent.trim(); });
    return {value: c.value, who: c.who || '', group: tr.dataset.groupLabel || '', date: c.date || '',
            status: c.status || '', source: c.source,
            hrefs: [...tr.cells[roles.indexOf('source')].querySelectorAll('a')].map(a => a.href)};
}"""
VISIBLE_MARKS = """fig => [...fig.querySelectorAll('.xchart__svg')].filter(s => s.getClientRects().length)[0]
    .querySelectorAll('[data-row]').length"""


def mark_centre(figure, row_id: str) -> tuple[float, float]:
    box = figure.evaluate(
        """(fig, id) => {
            const svg = [...fig.querySelectorAll('.xchart__svg')].filter(s => s.getClientRects().length)[0];
            const r = [...svg.querySelectorAll('[data-row]')].find(m => m.dataset.row === id).getBoundingClientRect();
            const box = fig.querySelector('.xchart__plot').getBoundingClientRect();  // the part in view
            const left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
            return [(left + right) / 2, r.top + r.height / 2];
        }""",
        row_id,
    )
    return box[0], box[1]


def check_answer(figure, row_id: str) -> str:
    """The answer on screen is the row's: value, who and group, date, status, the source linked."""
    answer = figure.locator(".xchart__answer")
    assert answer.is_visible(), row_id
    text = answer.inner_text()
    want = figure.locator(f'tbody tr[data-row="{row_id}"]').evaluate(EXPECTED)
    for part in ("value", "who", "group", "date", "source"):
        assert want[part] in text, (row_id, part, want[part], text)
    if want["status"] != "n/a":
        assert want["status"] in text, (row_id, text)
    assert answer.evaluate("a => [...a.querySelectorAll('a')].map(l => l.href)") == want["hrefs"]
    return text


def rows_drawn(figure) -> list[str]:
    return figure.evaluate(
        """fig => { const svg = [...fig.querySelectorAll('.xchart__svg')].filter(s => s.getClientRects().length)[0];
                    return [...new Set([...svg.querySelectorAll('[data-row]')].map(m => m.dataset.row))]; }"""
    )


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_hovering_each_mark_answers_at_once_from_its_row(browser, served_site, kind):
    path, chart = KINDS[kind]
    page = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(served_site + path)
    figure = page.locator(f"#chart-{chart}")
    figure.scroll_into_view_if_needed()
    ids = rows_drawn(figure)
    assert ids
    for row_id in ids:
        figure.scroll_into_view_if_needed()
        x, y = mark_centre(figure, row_id)
        page.mouse.move(x - 30, y - 30)
        page.mouse.move(x, y, steps=3)
        check_answer(figure, row_id)
    page.mouse.move(2, 2, steps=3)  # off the chart: a hover answer goes
    assert figure.locator(".xchart__answer").is_hidden()
    assert page.watch.plotly_requests() == []
    assert page.watch.errors == []
    page.context.close()


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_a_tap_on_a_phone_answers_inside_the_screen(browser, served_site, kind):
    path, chart = KINDS[kind]
    page = watched_page(browser, viewport={"width": 320, "height": 640}, has_touch=True, is_mobile=True)
    page.goto(served_site + path)
    figure = page.locator(f"#chart-{chart}")
    for row_id in rows_drawn(figure):
        figure.locator(".xchart__plot").scroll_into_view_if_needed()
        x, y = mark_centre(figure, row_id)
        page.touchscreen.tap(x, y)
        check_answer(figure, row_id)
        box = figure.locator(".xchart__answer").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (row_id, box)
        fig_box = figure.bounding_box()
        assert box["x"] >= fig_box["x"] - 1 and box["x"] + box["width"] <= fig_box["x"] + fig_box["width"] + 1
        # A tap away from the marks puts the answer away (it may cover a neighbour's mark).
        title = figure.locator(".xchart__title").bounding_box()
        page.touchscreen.tap(title["x"] + 5, title["y"] + 5)
        assert figure.locator(".xchart__answer").is_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert page.watch.plotly_requests() == []
    assert page.watch.errors == []
    page.context.close()


@pytest.mark.browser
def test_a_row_with_several_sources_answers_with_each_linked(browser, served_site):
    """The answer copies the row's Source cell whole: a second source keeps its own link (the
    cell is given a second source here, as data/observations.csv may: 'a; b')."""
    path, chart = KINDS["bar"]
    page = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(served_site + path)
    figure = page.locator(f"#chart-{chart}")
    row_id = rows_drawn(figure)[0]
    figure.evaluate(
        """(fig, id) => {
            const roles = [...fig.querySelectorAll('details.xchart__data thead th')].map(th => th.dataset.k || '');
            const cell = fig.querySelector(`tbody tr[data-row="${id}"]`).cells[roles.indexOf('source')];
            const second = document.createElement('a');
            second.href = 'https://example.org/second';
            second.textContent = 'Second Outlet';
            cell.append('; also reported by ', second);
        }""",
        row_id,
    )
    figure.scroll_into_view_if_needed()
    x, y = mark_centre(figure, row_id)
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=3)
    text = check_answer(figure, row_id)
    assert "also reported by Second Outlet" in text
    links = figure.locator(".xchart__answer a")
    assert links.count() == 2 and links.nth(1).get_attribute("tabindex") == "-1"
    assert page.watch.errors == []
    page.context.close()


def step_keys(page, figure, keys: list[str]) -> list[tuple[str, str]]:
    """Press each key on the chart; return (row on screen, what the live region says)."""
    out = []
    for key in keys:
        page.keyboard.press(key)
        row = figure.evaluate(
            """fig => { const a = fig.querySelector('.xchart__answer');
                        return a && !a.hidden ? a.querySelector('strong').textContent : ''; }"""
        )
        out.append((row, figure.locator('[role="status"]').inner_text()))
    return out


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_the_keyboard_steps_through_every_row_in_order_and_the_live_region_says_each(browser, served_site, kind):
    path, chart = KINDS[kind]
    page = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(served_site + path)
    figure = page.locator(f"#chart-{chart}")
    plot = figure.locator(".xchart__plot")
    # One Tab stop: from the zoom button, Tab lands on the chart, and the next Tab leaves it.
    figure.locator(".xchart__explore").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('xchart__plot')")
    assert plot.get_attribute("role") == "application" and plot.get_attribute("tabindex") == "0"
    howto = figure.locator(".xchart__explain")
    assert plot.get_attribute("aria-describedby") == howto.get_attribute("id")
    assert "arrow keys" in howto.text_content()
    # The how-to comes before the picture in reading order, the live region inside the figure.
    assert figure.evaluate(
        "fig => fig.querySelector('.xchart__explain').compareDocumentPosition(fig.querySelector('.xchart__plot')) & 4"
    )
    ids = rows_drawn(figure)
    steps = step_keys(page, figure, ["ArrowRight"] * (len(ids) + 1))
    # Every drawn row once, then the last one stays.
    heads = [s[0] for s in steps]
    assert len(set(heads[: len(ids)])) == len(ids) and heads[-1] == heads[-2]
    for head, said in steps:
        assert said.startswith(head), (head, said)
    # The order: a map west to east; bars top to bottom; a time series line by line; a timeline by track.
    order = []
    page.keyboard.press("Home")
    for _ in ids:
        order.append(
            figure.evaluate(
                "fig => { const r = fig.querySelector('.xchart__ring').getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }"
            )
        )
        page.keyboard.press("ArrowRight")
    if kind == "map":
        assert [x for x, _ in order] == sorted(x for x, _ in order)
    elif kind == "bar":
        assert [y for _, y in order] == sorted(y for _, y in order)
    elif kind == "timeseries":
        # Within a line, dates go left to right: x only falls where a new line starts.
        falls = sum(1 for a, b in itertools.pairwise(order) if b[0] < a[0])
        lines = figure.evaluate(
            "fig => JSON.parse(fig.querySelector('.xchart__plot').dataset.figure).data.filter(t => t.ids).length"
        )
        assert falls < lines
    else:
        falls = sum(1 for a, b in itertools.pairwise(order) if b[0] < a[0])
        # The tracks, from the data table's track column (the picture names them in bands, not ticks).
        tracks = figure.evaluate(
            """fig => { const col = [...fig.querySelectorAll('thead th')].findIndex(th => th.dataset.k === 'track');
                        return new Set([...fig.querySelectorAll('tbody tr')].map(tr => tr.cells[col].textContent)).size; }"""
        )
        assert tracks >= 2
        assert falls < tracks
    # Home and End, ArrowLeft, and the ring drawn on the point.
    first = step_keys(page, figure, ["Home"])[0][0]
    last = step_keys(page, figure, ["End"])[0][0]
    assert first == heads[0] and last == heads[len(ids) - 1]
    assert step_keys(page, figure, ["ArrowLeft"])[0][0] == heads[len(ids) - 2] if len(ids) > 1 else True
    assert figure.locator(".xchart__ring").is_visible()
    # Escape leaves the chart: the answer goes and focus moves on.
    page.keyboard.press("Escape")
    assert figure.locator(".xchart__answer").is_hidden()
    assert not page.evaluate("document.activeElement.classList.contains('xchart__plot')")
    assert page.watch.plotly_requests() == []
    assert page.watch.errors == []
    page.context.close()


@pytest.mark.browser
def test_without_javascript_the_chart_offers_no_dead_controls(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "incursion/")
    assert page.locator(".xchart__explore").count() == 0
    assert page.locator(".xchart__explain").first.is_hidden()
    assert page.locator(".xchart__plot[tabindex]").count() == 0
    context.close()


@pytest.mark.browser
def test_the_live_chart_answers_the_same_way_once_the_reader_asks_to_zoom(browser, served_site):
    page = watched_page(browser, viewport={"width": 1280, "height": 900})
    page.goto(served_site + "incursion/")
    figure = page.locator("#chart-settlements-claims")
    plot = figure.locator(".xchart__plot")
    ask_to_explore(page, plot)
    page.wait_for_function("el => el.dataset.state === 'drawn'", arg=plot.element_handle(), timeout=20000)
    assert len(page.watch.plotly_requests()) == 1
    live = plot.locator(".xchart__live [data-row]")
    assert sorted(set(live.evaluate_all("els => els.map(e => e.dataset.row)"))) == sorted(
        figure.locator("tbody tr").evaluate_all("els => els.map(e => e.dataset.row)")
    )
    plot.focus()
    page.keyboard.press("End")
    assert figure.locator('[role="status"]').inner_text()
    shown = figure.locator(".xchart__answer").get_attribute("data-row")
    check_answer(figure, shown)
    # The answer sits on the live chart's mark for that row.
    ring = figure.locator(".xchart__ring").bounding_box()
    mark = plot.locator(f'.xchart__live [data-row="{shown}"]').first.bounding_box()
    assert abs(ring["x"] + ring["width"] / 2 - mark["x"] - mark["width"] / 2) < 2
    assert page.watch.errors == []
    page.context.close()


@pytest.mark.build
def test_a_maps_source_line_groups_place_positions_and_leads_with_reporting(built_site):
    import yaml

    kinds = {s["url"]: s.get("kind", "news") for s in yaml.safe_load((ROOT / "data" / "sources.yml").read_text())}
    seen = 0
    for _page, fig in figures(built_site):
        if fig["data-kind"] != "map":
            continue
        line = fig.select_one(".xchart__meta")
        group = line.select_one(".xchart__source-group")
        if group is None:
            continue
        seen += 1
        links = [a["href"] for a in line.select("a.xchart__source")]
        # Reporting sources (news, official, primary) come before data and reference works.
        order = [kinds[u] in ("news", "official", "primary") for u in links]
        assert order == sorted(order, reverse=True), fig["data-chart"]
        # The grouped positions are each linked in the table, and not repeated in the line.
        table = {a["href"] for a in fig.select("details.xchart__data tbody a")}
        grouped = {u for u in table if kinds[u] == "reference"} - set(links)
        count = int(group.get_text().split(": ", 1)[1].split()[0])
        assert count == len(grouped) >= 3, fig["data-chart"]
    assert seen >= 2


@pytest.mark.browser
def test_an_embed_answers_from_its_picture_as_the_site_does(browser, served_site):
    """Each kind's embed page (one browser page for all): a hover answers with the row's own words
    and source, the keyboard steps and announces, and no chart library is fetched for it."""
    page = watched_page(browser, viewport={"width": 700, "height": 900})
    for kind, (_, chart) in KINDS.items():
        page.goto(served_site + outputs.embed(chart, "en"))
        figure = page.locator(f"#chart-{chart}")
        assert figure.get_attribute("data-kind") == kind
        ids = rows_drawn(figure)
        assert ids, kind
        for row_id in (ids[0], ids[-1]):
            x, y = mark_centre(figure, row_id)
            page.mouse.move(x - 30, y - 30)
            page.mouse.move(x, y, steps=3)
            check_answer(figure, row_id)
        page.mouse.move(2, 2, steps=3)
        plot = figure.locator(".xchart__plot")
        assert plot.get_attribute("tabindex") == "0" and "arrow keys" in figure.locator(".xchart__explain").inner_text()
        plot.focus()
        head, said = step_keys(page, figure, ["Home"])[0]
        assert head and said.startswith(head), (kind, head, said)
    assert page.watch.plotly_requests() == []
    assert page.watch.errors == []
    page.context.close()
