"""Reuse (issue 14): the data package, citations, structured data, the feed and the licence.

The package is validated with `frictionless` and the feed parsed with `feedparser`, on a real
`mkdocs build --strict` of the real site and on engines over the fixture data."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from pathlib import Path

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from frictionless import validate
from pages import render

from conftest import ROOT, TODAY
from explainer import PageRef, Site, outputs
from explainer.publish.identity import SiteInfo
from fixtures import write_dataset

SECTIONS = ["incursion", "pokrovsk", "bridges", "negotiations"]
# Every page of the site, so a new page is checked too.
# The English pages (the Ukrainian ones, docs/*.uk.md, are tested in test_i18n_build.py).
PAGES = sorted("" if p.stem == "index" else p.stem for p in (ROOT / "docs").glob("*.md") if p.stem.count(".") == 0)
SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default site_url (SITE_URL unset in tests)
TABLES = {"observations", "events", "places", "sources", "claimants", "metrics", "corrections",
          "observation-sources", "event-sources"}  # fmt: skip
ZIP = outputs.ZIP_NAME
VERSION_RE = r"\d{4}-\d{2}-\d{2}\+[0-9a-f]{7}"


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def descriptor(site: Path) -> dict:
    return json.loads((site / outputs.package("datapackage.json")).read_text(encoding="utf-8"))


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


# -- the data package ---------------------------------------------------------------------------


@pytest.mark.build
def test_the_package_is_a_valid_frictionless_data_package(built_site):
    report = validate(str(built_site / outputs.package("datapackage.json")))
    assert report.valid, report.flatten(["type", "message"])[:10]
    pkg = descriptor(built_site)
    assert {r["name"] for r in pkg["resources"]} == TABLES
    assert re.fullmatch(VERSION_RE, pkg["version"])
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0"
    source_urls = {s["path"] for s in pkg["sources"]}
    declared = yaml.safe_load((ROOT / "data" / "sources.yml").read_text(encoding="utf-8"))
    assert source_urls == {s["url"] for s in declared}
    obs = next(r for r in pkg["resources"] if r["name"] == "observations")["schema"]
    types = {f["name"]: f["type"] for f in obs["fields"]}
    assert types["date"] == "date" and types["value"] == types["high"] == "number" and types["note"] == "string"
    status = next(f for f in obs["fields"] if f["name"] == "status")
    assert status["constraints"]["enum"] == ["claimed", "assessed", "confirmed", "disputed"]
    assert {(k["fields"], k["reference"]["resource"]) for k in obs["foreignKeys"]} == {
        ("metric", "metrics"),
        ("claimant", "claimants"),
        ("source", "sources"),
    }
    events = next(r for r in pkg["resources"] if r["name"] == "events")["schema"]
    assert ("place", "places") in {(k["fields"], k["reference"]["resource"]) for k in events["foreignKeys"]}


@pytest.mark.build
def test_the_package_holds_every_row_of_the_data_files(built_site):
    data = built_site / outputs.package()
    # Besides the typed rows, one row per day per figure the build measures on a map of control
    # (data/geo/<series>/measures.yml): a distance every day, a gain every day after the first.
    measured = 0
    for measures in (ROOT / "data" / "geo").glob("*/measures.yml"):
        days = len(list(measures.parent.glob("????-??-??.json")))
        for item in yaml.safe_load(measures.read_text(encoding="utf-8")):
            measured += days if item["measure"] == "distance" else days - 1
    assert measured > 0
    extra = {"observations": measured}
    for name in ("observations", "events", "places"):
        typed = len(rows(ROOT / "data" / f"{name}.csv"))
        assert len(rows(data / f"{name}.csv")) == typed + extra.get(name, 0), name
    for name in ("sources", "claimants", "metrics"):
        declared = yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))
        assert sorted(r["id"] for r in rows(data / f"{name}.csv")) == sorted(d["id"] for d in declared), name
    corrections = ROOT / "data" / "corrections.yml"
    declared = yaml.safe_load(corrections.read_text(encoding="utf-8")) if corrections.exists() else None
    assert len(rows(data / "corrections.csv")) == len(declared or [])


@pytest.mark.build
def test_a_broken_reference_fails_validation(built_site, tmp_path):
    """The foreign keys are real: an observation naming an unknown metric is an error."""
    copy = tmp_path / "pkg"
    shutil.copytree(built_site / outputs.package(), copy)
    path = copy / "observations.csv"
    table = rows(path)
    table[0]["metric"] = "no-such-metric"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(table)
    path.write_text(out.getvalue(), encoding="utf-8")
    pkg = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for r in pkg["resources"]:  # the integrity fields would fail first; the keys are what is tested
        r.pop("bytes", None)
        r.pop("hash", None)
    (copy / "datapackage.json").write_text(json.dumps(pkg), encoding="utf-8")
    report = validate(str(copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {e[0] for e in report.flatten(["type"])}


@pytest.mark.build
def test_the_zip_holds_the_same_files_and_the_readme_explains_columns_and_statuses(built_site):
    data = built_site / outputs.package()
    with zipfile.ZipFile(data / ZIP) as z:
        names = {n.split("/", 1)[1]: n for n in z.namelist()}
        assert set(names) == {f"{t}.csv" for t in TABLES} | {"datapackage.json", "README.md"}
        for name, entry in names.items():
            assert z.read(entry) == (data / name).read_bytes(), name
    readme = (data / "README.md").read_text(encoding="utf-8")
    for column in ("qualifier", "claimant", "status", "group", "title_by"):
        assert f"`{column}`" in readme
    for status in ("claimed", "assessed", "confirmed", "disputed", "on-record", "reported"):
        assert f"- `{status}`:" in readme
    assert descriptor(built_site)["version"] in readme and "Natural Earth" in readme
    index = BeautifulSoup((data / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = {a["href"] for a in index.select("td a")}
    assert listed == {f"{t}.csv" for t in TABLES} | {"datapackage.json", "README.md"}


def _engine(tmp_path: Path, **overrides) -> Site:
    write_dataset(tmp_path, **overrides)
    link = tmp_path / "node_modules"
    if not link.exists():
        link.symlink_to(ROOT / "node_modules")
    return Site.load(tmp_path, today=TODAY, info=SiteInfo(url="https://example.org/explainer/"))


def test_the_version_and_the_zip_are_deterministic_and_follow_the_data(tmp_path):
    first = _engine(tmp_path / "a").package
    again = _engine(tmp_path / "b").package
    assert first.files == again.files and first.version == again.version
    assert re.fullmatch(VERSION_RE, first.version) and first.version.startswith("2024-08-20+")
    from fixtures import OBSERVATIONS

    edited = _engine(tmp_path / "c", observations_csv=OBSERVATIONS.replace(",800,", ",801,")).package
    assert edited.version != first.version and edited.version.split("+")[0] == first.version.split("+")[0]
    assert edited.files["kursk-pokrovsk-data.zip"] != first.files["kursk-pokrovsk-data.zip"]


def test_text_is_written_safe_for_spreadsheets_and_round_trips(tmp_path):
    from fixtures import OBSERVATIONS

    hostile = OBSERVATIONS.replace("about 1000", '"=HYPERLINK(""x"")"')
    pkg = _engine(tmp_path, observations_csv=hostile).package
    table = list(csv.DictReader(io.StringIO(pkg.files["observations.csv"].decode())))
    assert [r["note"] for r in table if r["note"].startswith("'=")] == ['\'=HYPERLINK("x")']


# -- each chart: its own rows, with qualifier and group; how to cite ----------------------------


@pytest.mark.build
@pytest.mark.parametrize("page", SECTIONS)
def test_each_chart_links_the_package_and_says_how_to_cite_it(built_site, page):
    version = descriptor(built_site)["version"]
    claimants = {c["id"]: c["group"] for c in yaml.safe_load((ROOT / "data" / "claimants.yml").read_text())}
    for fig in soup(built_site, page).select("figure.xchart"):
        chart_id, title = fig["data-chart"], fig.select_one(".xchart__title").get_text(strip=True)
        details = fig.select_one("details.xchart__data")
        package = details.select_one(".xchart__package a[download]")
        assert (built_site / page / package["href"]).resolve() == (built_site / outputs.package(ZIP)).resolve()
        line = details.select_one(".xchart__cite-line").get_text()
        assert f"“{title}”" in line and "Kursk and Pokrovsk: August 2024" in line
        assert f"{SITE_URL}{page}/#chart-{chart_id}" in line
        assert "accessed [date]" in line and f"data version {version}" in line
        bibtex = details.select_one("pre.xchart__bibtex code").get_text()
        assert bibtex.count("@misc{") == 1 and f"version      = {{{version}}}" in bibtex
        assert f"url          = {{{SITE_URL}{page}/#chart-{chart_id}}}" in bibtex
        csv_link = details.select_one(".xchart__download a")
        drawn = rows((built_site / page / csv_link["href"]).resolve())
        if drawn and "metric" in drawn[0]:
            assert {"qualifier", "high", "claimant_group"} <= set(drawn[0])
            assert all(r["claimant_group"] == claimants[r["claimant"]] for r in drawn)


@pytest.mark.build
def test_methodology_offers_the_package_the_licence_and_a_site_citation(built_site):
    doc = soup(built_site, "methodology")
    block = doc.select_one("article .xreuse")
    assert (built_site / "methodology" / block.select_one("a[download]")["href"]).resolve() == (
        built_site / outputs.package(ZIP)
    ).resolve()
    assert block.select_one('a[rel="license"]')["href"] == "https://creativecommons.org/licenses/by/4.0/"
    assert "Natural Earth" in block.get_text() and "public domain" in block.get_text()
    line = block.select_one(".xreuse__cite-line").get_text()
    assert SITE_URL in line and descriptor(built_site)["version"] in line and "accessed [date]" in line


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_every_footer_shows_the_licence_and_the_data_version(built_site, page):
    footer = soup(built_site, page).select_one("footer .xpl-reuse")
    assert footer.select_one(".xpl-version").get_text() == descriptor(built_site)["version"]
    assert footer.select_one('a[rel="license"]')["href"].startswith("https://creativecommons.org/licenses/by/4.0")


# -- structured data ----------------------------------------------------------------------------


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_every_page_head_has_valid_json_ld_and_the_content_none(built_site, page):
    doc = soup(built_site, page)
    scripts = doc.find_all("script", type="application/ld+json")
    assert len(scripts) == 1 and scripts[0].find_parent("head") is not None
    assert doc.select_one("article").find("script") is None
    graph = json.loads(scripts[0].string)["@graph"]
    article = next(n for n in graph if n["@type"] in ("NewsArticle", "Article"))
    dataset = next(n for n in graph if n["@type"] == "Dataset")
    # A page that shows figures (a chart or a quoted fact) is news; the lists and notes are articles.
    shows_figures = doc.select_one("article figure.xchart, article .xfact") is not None
    assert article["@type"] == ("NewsArticle" if shows_figures else "Article")
    assert shows_figures or page not in SECTIONS
    description = doc.find("meta", attrs={"name": "description"})["content"]
    assert article["headline"] and article["description"] == description
    assert article["url"] == SITE_URL + (f"{page}/" if page else "")
    assert article["publisher"]["@type"] == "Organization" and article["publisher"]["name"]
    revised = [i.time for i in doc.select("article .xdates .xdates__item") if i.get_text().startswith("Last revised")]
    if revised:
        assert article["dateModified"] == revised[0]["datetime"]
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article["dateModified"])
    assert dataset["version"] == descriptor(built_site)["version"]
    assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
    urls = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert urls["application/zip"] == SITE_URL + outputs.package(ZIP)
    assert (built_site / urls["application/zip"].removeprefix(SITE_URL)).is_file()


def test_json_ld_escapes_what_could_close_the_script(tmp_path):
    site = _engine(tmp_path)
    text = site.structured_data("a/", "</script><script>alert(1)</script>", "Über & <b>")
    assert "</" not in text and text.isascii()
    graph = json.loads(text)["@graph"]
    assert graph[0]["headline"] == "</script><script>alert(1)</script>" and graph[0]["description"] == "Über & <b>"


# -- the feed -----------------------------------------------------------------------------------


@pytest.mark.build
def test_the_feed_parses_and_every_page_links_it(built_site):
    parsed = feedparser.parse((built_site / outputs.feed("en")).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and parsed.entries
    version = descriptor(built_site)["version"]
    assert any(version in e.title for e in parsed.entries)
    corrections = ROOT / "data" / "corrections.yml"
    declared = (yaml.safe_load(corrections.read_text(encoding="utf-8")) if corrections.exists() else None) or []
    texts = {e.summary for e in parsed.entries if e.title.startswith("Correction: ")}
    assert len(texts) == len(declared)
    for c in declared:
        assert any(t.startswith(" ".join(str(c["summary"]).split())) for t in texts)
    assert all(link.href.startswith(SITE_URL) for e in parsed.entries for link in e.links)
    for page in PAGES:
        link = soup(built_site, page).find("link", rel="alternate", type="application/atom+xml")
        assert (built_site / page / link["href"]).resolve() == (built_site / outputs.feed("en")).resolve()


CORRECTIONS = """\
- date: 2024-08-21
  summary: The settlements count was misread <script>alert()</script> & ]]>
  reason: A typing error.
  metrics: [settlements]
- date: 2024-08-22
  summary: A source's title was corrected.
  reason: The outlet changed its headline.
  sources: [moscow-times]
"""


def test_corrections_feed_the_feed_with_links_to_the_pages_they_concern(tmp_path):
    data = write_dataset(tmp_path)
    (data / "corrections.yml").write_text(CORRECTIONS, encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    site = Site.load(tmp_path, today=TODAY, info=SiteInfo(url="https://example.org/explainer/"))
    assert not site.errors, site.errors
    render(site, "# A\n\n::chart[settlements-bar]\n", PageRef("docs/a.md", "a/", "Page A"))
    render(site, "# B\n\n:cite[moscow-times] said so.\n", PageRef("docs/b.md", "b/", "Page B"))
    parsed = feedparser.parse(site.feed())
    assert not parsed.bozo, parsed.get("bozo_exception")
    by_title = {e.title: e for e in parsed.entries}
    first = by_title["Correction: The settlements count was misread <script>alert()</script> & ]]>"]
    assert first.link == "https://example.org/explainer/a/"
    assert first.updated.startswith("2024-08-21") and "A typing error." in first.summary
    assert first.id.startswith("tag:example.org,2024-08-21:correction-")
    second = by_title["Correction: A source's title was corrected."]
    assert second.link == "https://example.org/explainer/b/"
    assert parsed.feed.updated.startswith("2024-08-22")
    assert [e.updated[:10] for e in parsed.entries] == sorted((e.updated[:10] for e in parsed.entries), reverse=True)
    # The corrections are in the package too, lists joined with ";".
    table = list(csv.DictReader(io.StringIO(site.package.files["corrections.csv"].decode())))
    assert [r["metrics"] for r in table] == ["", "settlements"] and [r["sources"] for r in table] == [
        "moscow-times",
        "",
    ]
    # An id is stable: the same correction keeps it in the next build.
    again = Site.load(tmp_path, today=TODAY, info=SiteInfo(url="https://example.org/explainer/"))
    assert {e.id for e in feedparser.parse(again.feed()).entries} == {e.id for e in parsed.entries}


def test_a_long_correction_gets_its_first_sentence_as_title(tmp_path):
    from explainer.publish.feed import headline

    assert headline("Short. Then more.") == "Short."
    long = "word " * 40 + "end."
    title = headline(long)
    assert title.endswith("…") and len(title) <= 111 and long.startswith(title[:-1])


def test_bibtex_cannot_be_broken_by_a_title(tmp_path):
    from fixtures import CHARTS

    site = _engine(tmp_path, charts_yml=CHARTS.replace("title: Settlements", "title: 'Settlements} @misc{x, 100% {'"))
    html = render(site, "::chart[settlements-bar]\n")
    bibtex = BeautifulSoup(html, "html.parser").select_one("pre.xchart__bibtex code").get_text()
    assert bibtex.count("@misc{") == 1 and r"Settlements\} @misc\{x, 100\% \{" in bibtex
    assert bibtex.count("{") - bibtex.count(r"\{") == bibtex.count("}") - bibtex.count(r"\}")


def test_reuse_takes_no_id(tmp_path):
    site = _engine(tmp_path)
    render(site, "::reuse[x]\n")
    assert [str(p) for p in site.errors] == ["docs/a.md:1: '::reuse' takes no id or options"]


UPDATES = """\
- date: 2024-08-23
  title: "New page: the <b>bridges</b>"
  summary: A page on the Seym bridges.
  pages: [a.md]
- date: 2024-08-24
  title: No page named
  summary: Nothing else.
  pages: [nowhere.md]
"""


def test_dated_updates_feed_the_feed_and_a_page_they_name_must_exist(tmp_path):
    data = write_dataset(tmp_path)
    (data / "updates.yml").write_text(UPDATES, encoding="utf-8")
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    site = Site.load(tmp_path, today=TODAY, info=SiteInfo(url="https://example.org/explainer/"))
    render(site, "# A\n\nText.\n", PageRef("docs/a.md", "a/", "Page A"))
    site.finish()
    assert [str(p) for p in site.errors] == [
        "data/updates.yml:8: pages: no page 'nowhere.md' (pages: docs/a.md; write the file name, e.g. incursion.md)"
    ]
    parsed = feedparser.parse(site.feed())
    assert not parsed.bozo, parsed.get("bozo_exception")
    update = {e.title: e for e in parsed.entries}["New page: the <b>bridges</b>"]
    assert update.link == "https://example.org/explainer/a/" and update.summary == "A page on the Seym bridges."
    assert update.id.startswith("tag:example.org,2024-08-23:update-")
    bad = tmp_path / "data" / "updates.yml"
    bad.write_text("- date: 2024-08-40\n  title: x\n  summary: y\n", encoding="utf-8")
    broken = Site.load(tmp_path, today=TODAY)
    assert [str(p) for p in broken.errors] == ["data/updates.yml:1: date: '2024-08-40' is not a real calendar date"]
