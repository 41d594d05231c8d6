"""Hostile text in the data renders as text everywhere: chart, table, CSV link, tooltip,
bibliography and the serve error panel. Checked in a real browser: no dialog, no script."""

from __future__ import annotations

import pytest
from test_browser import draw_all

from harness.net import build_and_serve
from harness.project import copy_project, edit

pytestmark = pytest.mark.browser

EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "p")
    data = project / "data"
    yaml_evil = EVIL.replace("'", "''")
    edit(data / "claimants.yml", "name: Oleksandr Syrskyi", f"name: 'Oleksandr Syrskyi {yaml_evil}'")
    edit(data / "charts.yml", "title: Strikes on the Seym bridges, by whose account", f"title: 'Strikes {yaml_evil}'")
    edit(data / "sources.yml", "publisher: Ukrainska Pravda", f"publisher: 'Ukrainska Pravda {yaml_evil}'")
    edit(
        data / "sources.yml",
        'title: "DeepState updates map, analysing battles in Russia\'s Kursk Oblast"',
        f"title: 'javascript:alert(3) {yaml_evil}'",
    )
    csv_evil = EVIL.replace('"', '""')
    obs = data / "observations.csv"
    lines = obs.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if ",territory-km2," in line and ",syrskyi," in line:
            head = line.rsplit(",", 1)[0] if not line.endswith('"') else line[: line.index(',"')]
            lines[i] = f'{head},"{csv_evil}"'
            break
    obs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("hostile-site")
    with build_and_serve(project, out, gzip=False, strict=True, timeout=300) as base:
        yield base, out


@pytest.mark.parametrize("path", ["", "incursion/", "bridges/", "sources/"])
def test_hostile_text_is_inert(page, hostile_site, path):
    base, _ = hostile_site
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + path)
    draw_all(page)
    page.locator("details.xchart__data").evaluate_all("els => els.forEach(el => el.open = true)")
    for fact in page.locator(".xfact__value").all()[:5]:
        fact.hover()
    plots = page.locator(".xchart__plot .main-svg")
    for i in range(plots.count()):  # hover every chart so plotly renders its labels
        box = plots.nth(i).bounding_box()
        if box:
            page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.locator("img[src=x]").count() == 0
    assert page.evaluate("[...document.scripts].filter(s => s.textContent.includes('alert(')).length") == 0
    text = page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text: every page here carries some
    assert page.watch.errors == []
    for href in page.locator("article a").evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        assert not (href or "").lower().startswith("javascript:")


def test_hostile_text_in_csv_downloads_is_data(hostile_site):
    _, out = hostile_site
    csv_text = (out / "assets" / "data" / "territory-claims.csv").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in csv_text  # CSV is data: kept verbatim, never HTML
