"""The editing guide's recipes, followed as written: each test takes the README's own code blocks,
applies them to a scratch copy of the project, and checks the result with `make check`'s
in-process check (hooks/check.py) and, once for the page, chart and source recipes together, a
real `mkdocs build --strict`. A recipe that drifts from the engine fails here."""

from __future__ import annotations

import contextlib
import csv
import os
import re
import signal
import subprocess
import urllib.request
from datetime import date
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from test_published import PREFIX, PUBLISH_ENV, notices, record_publication

from explainer import outputs
from harness.net import free_port
from harness.project import ROOT, copy_project, edit, english_only, mkdocs, mkdocs_env
from harness.project import check as run_check
from harness.serve import wait_for_http

README = (ROOT / "README.md").read_text(encoding="utf-8")
UNN_URL = "https://unn.ua/en/news/ukrainian-armed-forces-control-1263-square-kilometers-in-kursk-region-and-93-settlements-in-syrsk"


def section(title: str) -> str:
    """The text of the README's `### title` section."""
    found = re.search(rf"^### {re.escape(title)}\n(.*?)(?=^##)", README, flags=re.M | re.S)
    assert found, f"the README has no section '### {title}'"
    return found.group(1)


def blocks(title: str, lang: str | None = None) -> list[str]:
    """The fenced code blocks of a README section (list indentation removed), optionally of one language."""
    out = []
    for match in re.finditer(r"^( *)```(\w*)\n(.*?)^\1```", section(title), flags=re.M | re.S):
        indent, language, body = match.groups()
        if lang is None or language == lang:
            out.append(re.sub(rf"(?m)^{indent}", "", body) if indent else body)
    return out


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + text, encoding="utf-8")


def source_dates(project: Path = ROOT) -> dict[str, tuple[str, date | None]]:
    """id -> (kind, published) from a project's data/sources.yml, read independently of the engine."""
    entries = yaml.safe_load((project / "data" / "sources.yml").read_text(encoding="utf-8"))
    return {e["id"]: (e.get("kind", "news"), e.get("published")) for e in entries}


def add_page_recipe(project: Path) -> str:
    """Follow "Add a page" and "Add a chart, step by step" and "Back a figure with a second source"
    (the chart and the second citation go on the new page); returns the page's Markdown."""
    page, nav, update = blocks("Add a page")
    assert page.startswith("---\ndescription:") and "\n# " in page
    (project / "docs" / "ceasefire.md").write_text(page, encoding="utf-8")
    before, new = nav.rstrip("\n").splitlines()
    edit(project / "mkdocs.yml", before + "\n", before + "\n" + new + "\n")
    append(project / "data" / "updates.yml", update)
    chart_yaml, chart_line = blocks("Add a chart, step by step")
    append(project / "data" / "charts.yml", chart_yaml)
    back_a_figure_with_a_second_source(project)
    [second] = blocks("Back a figure with a second source", "markdown")
    append(project / "docs" / "ceasefire.md", chart_line + "\n" + second)
    return (project / "docs" / "ceasefire.md").read_text(encoding="utf-8")


def back_a_figure_with_a_second_source(project: Path) -> tuple[dict, list[str]]:
    """Follow "Back a figure with a second source": the new source entry, then the existing row's
    `source` cell as the guide writes it (the row is found by its date, metric and claimant; the
    guide abridges its note). Returns the new source entry and the row's source ids."""
    [entry], [row] = (
        blocks("Back a figure with a second source", "yaml"),
        blocks("Back a figure with a second source", "csv"),
    )
    append(project / "data" / "sources.yml", entry)
    [source] = yaml.safe_load(entry)
    [cells] = list(csv.reader([row]))
    ids = [i.strip() for i in cells[7].split(";")]
    assert len(ids) == 2 and ids[1] == source["id"] and cells[7] == "; ".join(ids)
    path = project / "data" / "observations.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    key = lambda r: (r[0], r[1], r[5])  # noqa: E731 - date, metric, claimant
    [target] = [r for r in rows[1:] if key(r) == key(cells)]
    assert target[7] == ids[0], "the guide's row quotes the source the data quotes"
    target[7] = cells[7]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return source, ids


def test_add_a_page_forgetting_the_nav_is_caught_by_make_check(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))
    page, _, _ = blocks("Add a page")
    (project / "docs" / "ceasefire.md").write_text(page, encoding="utf-8")
    proc = run_check(project)
    assert proc.returncode == 1
    assert (
        "WARNING  docs/ceasefire.md: this page is not in the site's navigation: add a line '- Ceasefire proposals: ceasefire.md'"
        in proc.stdout
    )


@pytest.mark.build
def test_add_a_page_a_chart_and_a_second_source_as_the_guide_says(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))
    add_page_recipe(project)
    proc = run_check(project)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("no problems."), proc.stdout

    site = tmp_path / "site"
    mkdocs("build", "--strict", "--site-dir", str(site), cwd=project, check=True)
    html = BeautifulSoup((site / "ceasefire" / "index.html").read_text(encoding="utf-8"), "html.parser")
    # The page: its title, its description in the head, in the navigation of every other page.
    assert html.h1.get_text(strip=True).startswith("Ceasefire proposals")
    description = yaml.safe_load(blocks("Add a page")[0].split("---")[1])["description"]
    assert html.find("meta", attrs={"name": "description"})["content"] == description
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert any(a.get_text(strip=True) == "Ceasefire proposals" for a in index.select("nav a"))
    # The chart: drawn with its title, as of the newest row it draws.
    figure = html.find("figure", id="chart-settlements-syrskyi")
    assert figure is not None and "Settlements Ukraine's commander-in-chief said" in figure.get_text()
    with (project / "data" / "observations.csv").open(encoding="utf-8") as f:
        newest = max(r["date"] for r in csv.DictReader(f) if (r["metric"], r["claimant"]) == ("settlements", "syrskyi"))
    assert figure.select_one(".xchart__asof time")["datetime"] == newest
    # Its dates (model/dates.py): "Newest source" is the newest publication date of the news sources the
    # page cites (chart, :fact, :cite); "Last revised" the newest correction about what it shows (its
    # metrics, sources, chart, or the page by name) or dated update naming it.
    cited = {a["href"] for a in html.select("article a[href^='https://']")}
    known = source_dates(project)
    urls = {e["url"]: e["id"] for e in yaml.safe_load((project / "data" / "sources.yml").read_text(encoding="utf-8"))}
    ids = {urls[u] for u in cited if u in urls}
    dates = [known[i][1] for i in ids if known[i][0] in ("news", "primary", "official")]
    shown = {"metrics": {"settlements", "territory-km2"}, "sources": ids, "charts": {"settlements-syrskyi"}}
    revised = []
    for c in yaml.safe_load((project / "data" / "corrections.yml").read_text(encoding="utf-8")):
        if "ceasefire.md" in c.get("pages", []) or any(set(c.get(k, [])) & v for k, v in shown.items()):
            revised.append(c["date"])
    for u in yaml.safe_load((project / "data" / "updates.yml").read_text(encoding="utf-8")):
        if "ceasefire.md" in u.get("pages", []):
            revised.append(u["date"])
    line = {i.get_text().split(":")[0]: i.find("time") for i in html.select("h1 + p.xdates .xdates__item")}
    assert line["Newest source"]["datetime"] == max(dates).isoformat()
    assert revised and line["Last revised"]["datetime"] == max(revised).isoformat()
    # The second source: the figure still links to the quoted source, its pop-up names both, and the
    # second source's bibliography entry links back to the new page; the update is in the feed.
    [fact] = [f for f in html.select("article .xfact") if f.select_one(f'a[href="{UNN_URL}"]')]
    assert fact.select_one("a.xfact__value")["href"] == "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/"
    assert "Ukrainska Pravda; also reported by UNN" in " ".join(fact.select_one(".xfact__tip").get_text().split())
    sources = BeautifulSoup((site / "sources" / "index.html").read_text(encoding="utf-8"), "html.parser")
    entry = sources.select_one("#source-unn-2024-08-20-syrskyi-1263")
    assert "Ceasefire proposals" in [a.get_text(strip=True) for a in entry.select(".xbib__cited a")]
    assert "New page: ceasefire proposals" in (site / outputs.feed("en")).read_text(encoding="utf-8")


def test_change_a_figure_readers_have_seen_then_record_the_correction(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))
    record_publication(project)
    # The guide's example: Syrskyi's 27 August area figure changed.
    obs = project / "data" / "observations.csv"
    line = next(
        n for n, text in enumerate(obs.read_text().splitlines(), 1) if text.startswith("2024-08-27,territory-km2,")
    )
    old = obs.read_text().splitlines()[line - 1]
    edit(obs, old, re.sub(r"^(2024-08-27,territory-km2,)\d+", r"\g<1>1300", old))
    [notice] = notices(run_check(project).stdout)
    # The README shows the notice as it is (wrapped, with … for what depends on the day).
    [example] = blocks("Change a figure readers have seen", "text")
    example = re.sub(r"csv:\d+:", f"csv:{line}:", example)  # the row's line moves as rows are added
    pattern = r"\s+".join(re.escape(part).replace("…", ".*?") for part in example.split())
    assert re.fullmatch(pattern, PREFIX + notice, flags=re.S), (example, notice)
    assert run_check(project, **PUBLISH_ENV).returncode == 1
    # The guide's correction, dated today (on or after the publication), settles it.
    [correction] = blocks("Change a figure readers have seen", "yaml")
    correction = re.sub(r"date: \S+", f"date: {date.today().isoformat()}", correction, count=1)
    append(project / "data" / "corrections.yml", correction)
    proc = run_check(project, **PUBLISH_ENV)
    assert proc.returncode == 0 and notices(proc.stdout) == [], proc.stdout


def test_record_a_correction_as_the_guide_says(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))
    [example] = blocks("Record a correction", "yaml")
    append(project / "data" / "corrections.yml", example)
    proc = run_check(project)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("no problems."), proc.stdout
    # A correction that names nothing is refused, with what to write.
    append(project / "data" / "corrections.yml", "- date: 2026-12-01\n  summary: Something.\n  reason: Why.\n")
    proc = run_check(project)
    assert proc.returncode == 1 and "a correction must say what it concerns" in proc.stdout


def test_preview_on_another_port(tmp_path):
    assert "`make serve PORT=8001`" in section("Preview on another port")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        # The Makefile's own serve recipe, with setup and browser taken as done (-o): a test must never
        # run `npm ci`, pip or apt in the checkout (with node_modules linked to another checkout's,
        # `npm ci` here empties that one; the environment is the test runner's to provide).
        proc = subprocess.Popen(
            ["make", "-o", "setup", "-o", "browser", "serve", f"PORT={port}"],
            cwd=ROOT,
            env=mkdocs_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # make and the mkdocs it starts stop together
        )
    try:
        base = f"http://127.0.0.1:{port}/"
        wait_for_http(base, proc, log, timeout=300)
        page = urllib.request.urlopen(base + "incursion/", timeout=30).read().decode("utf-8")
        # The preview's own links follow the port (instant navigation needs them under site_url).
        assert f'href="http://127.0.0.1:{port}/incursion/"' in page or f"127.0.0.1:{port}" in page
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)


def test_cite_a_relay_as_the_guide_says(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))
    relays = blocks("Add a source", "yaml")[-1]
    append(project / "data" / "sources.yml", relays)
    entries = yaml.safe_load(relays)
    assert [e["relays"].get("wire", False) for e in entries] == [False, True]
    # Each cited from a page, as any source must be.
    append(project / "docs" / "bridges.md", " ".join(f"Reported, :cite[{e['id']}] said." for e in entries))
    proc = run_check(project)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("no problems."), proc.stdout
    # A relay that does not name whom it relays is refused, with the guide's message.
    edit(project / "data" / "sources.yml", "relays: {outlet: AP, wire: true}", "relays: {wire: true}")
    proc = run_check(project)
    assert proc.returncode == 1 and "a relay must name the outlet whose reporting it relays" in proc.stdout, proc.stdout
