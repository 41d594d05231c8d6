"""Hostile text in the data renders as text everywhere: chart, table, CSV link, tooltip,
bibliography and the serve error panel. Checked in a real browser: no dialog, no script."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import pytest
import yaml
from bs4 import BeautifulSoup
from test_browser import draw_all

from explainer import outputs
from harness.net import build_and_serve
from harness.project import copy_project, edit, english_only

pytestmark = pytest.mark.browser

EVIL = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\"'&"
# What reaches the head: a page's description, a chart's summary (the card's alt text), a correction
# (the feed). Quotes close attributes, "</script>" and "<!--" change how a script element is read.
HEAD_EVIL = "\"><script>alert(7)</script><!-- '&amp; </title></head>"


def set_chart_field(path, chart_id: str, name: str, value: str) -> None:
    charts = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(c for c in charts if c["id"] == chart_id)[name] = value
    path.write_text(yaml.safe_dump(charts, sort_keys=False, allow_unicode=True), encoding="utf-8")


def set_description(path, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    quoted = value.replace("'", "''")
    path.write_text(re.sub(r"(?m)^description: .*$", lambda _: f"description: '{quoted}'", text, count=1), "utf-8")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    # The hostile strings go into the English; the Ukrainian edition would only report them stale.
    project = english_only(copy_project(tmp_path_factory.mktemp("hostile") / "p"))
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
    set_chart_field(data / "charts.yml", "map-bridges", "summary", f"Bridges {HEAD_EVIL}")
    set_description(project / "docs" / "bridges.md", f"Description {HEAD_EVIL}")
    # The footer's copyright line comes from mkdocs.yml, on every page.
    config = project / "mkdocs.yml"
    line = next(x for x in config.read_text(encoding="utf-8").splitlines() if x.startswith("copyright:"))
    edit(config, line, f"copyright: '{yaml_evil}'")
    with (data / "corrections.yml").open("a", encoding="utf-8") as f:
        # Digit-free: a correction may not quote a number (the build refuses it).
        f.write(yaml.safe_dump([{"date": "2024-09-01", "summary": f"Fixed {HEAD_EVIL}".replace("7", "x"),
                                  "reason": EVIL.replace("1", "x").replace("2", "x"),
                                  "pages": ["bridges.md"]}], allow_unicode=True))  # fmt: skip
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
    # Scripts that run (the JSON-LD may quote a hostile description: it is data, with no "<" in it).
    runs = "[...document.scripts].filter(s => !s.type || /javascript|module/.test(s.type))"
    assert page.evaluate(f"{runs}.filter(s => s.textContent.includes('alert(')).length") == 0
    text = page.locator("article").inner_text()
    assert "<script>alert(1)</script>" in text  # shown as text: every page here carries some
    assert page.watch.errors == []
    for href in page.locator("article a").evaluate_all("els => els.map(a => a.getAttribute('href'))"):
        assert not (href or "").lower().startswith("javascript:")


def test_hostile_text_in_csv_downloads_is_data(hostile_site):
    _, out = hostile_site
    csv_text = (out / outputs.download("territory-claims", "csv", "en")).read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" in csv_text  # CSV is data: kept verbatim, never HTML


def test_hostile_text_in_the_head_stays_in_its_attribute(page, hostile_site):
    """Description, card alt text, titles and JSON-LD: each value arrives whole, as text, and
    the head holds only what the template put there."""
    base, out = hostile_site
    raw = (out / "bridges" / "index.html").read_text(encoding="utf-8")
    head = BeautifulSoup(raw, "html.parser").head
    description, alt = f"Description {HEAD_EVIL}", f"Bridges {HEAD_EVIL}"
    assert head.find("meta", attrs={"name": "description"})["content"] == description
    for prop in ("og:description",):
        assert head.find("meta", property=prop)["content"] == description
    assert head.find("meta", attrs={"name": "twitter:description"})["content"] == description
    assert head.find("meta", property="og:image:alt")["content"] == alt
    assert head.find("meta", attrs={"name": "twitter:image:alt"})["content"] == alt
    ld = head.find("script", type="application/ld+json").string
    assert "<" not in ld and json.loads(ld)["@graph"][0]["description"] == description
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(base + "bridges/")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("document.querySelector('meta[property=\"og:image:alt\"]').content") == alt
    assert page.evaluate("document.querySelector('meta[name=description]').content") == description
    # Only the theme's own inline scripts, the JSON-LD and the runtime: nothing a value opened.
    scripts = page.evaluate("[...document.scripts].map(s => s.src ? 'file' : s.type || s.textContent.slice(0, 12))")
    assert not [s for s in scripts if "alert" in s]
    assert page.evaluate("document.head.querySelectorAll('img, svg, iframe, title').length") == 1
    assert page.evaluate("document.querySelectorAll('meta[name=description]').length") == 1
    assert page.watch.errors == []


def test_hostile_text_in_the_feed_and_image_downloads_is_escaped(hostile_site):
    _, out = hostile_site
    feed = ET.fromstring((out / outputs.feed("en")).read_bytes())  # well-formed XML
    texts = [el.text or "" for el in feed.iter()]
    wanted = f"Fixed {HEAD_EVIL} Why: {EVIL}".replace("7", "x").replace("1", "x").replace("2", "x")
    assert any(t == wanted for t in texts)
    svg = ET.fromstring((out / outputs.download("bridge-strikes", "svg", "en")).read_bytes())
    assert not [el for el in svg.iter() if el.tag.rsplit("}", 1)[-1] in ("script", "foreignObject")]
    drawn = " ".join(el.text or "" for el in svg.iter())
    assert "<script>alert(1)</script>" in drawn  # the hostile title, drawn as text
