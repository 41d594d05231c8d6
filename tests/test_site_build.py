"""A real `mkdocs build --strict` of the real project, checked with a real HTML parser."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs
from harness.project import english_only

pytestmark = pytest.mark.build

SECTIONS = ["incursion", "why", "response", "pokrovsk", "bridges", "negotiations", "after"]
PAGES = ["", *SECTIONS, "methodology", "who", "sources", "corrections"]


def soup(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


def local(site: Path, page: str, href: str) -> Path:
    """The file a relative link on `page` points to."""
    url = urlparse(urljoin(f"http://x/{page}" + ("/" if page else ""), href))
    path = site / url.path.lstrip("/")
    return path / "index.html" if url.path.endswith("/") else path


def test_every_page_is_built(built_site):
    titles = [soup(built_site, p).title.string for p in PAGES]
    assert all(titles) and len(set(titles)) == len(PAGES)
    assert (built_site / "sitemap.xml").exists()


@pytest.mark.parametrize("page", SECTIONS)
def test_section_pages_carry_complete_charts(built_site, page):
    doc = soup(built_site, page)
    figures = doc.select("figure.xchart")
    assert figures, f"{page} has no chart"
    unverified = False
    for fig in figures:
        chart_id = fig["data-chart"]
        title = fig.select_one(".xchart__title").get_text(strip=True)
        summary = fig.select_one(".xchart__summary").get_text(strip=True)
        assert title and summary and fig["aria-labelledby"] == f"chart-{chart_id}-title"
        plot = fig.select_one(".xchart__plot")
        assert re.fullmatch(r"height: \d+px", plot["style"]) and plot["aria-hidden"] == "true"
        figure = json.loads(plot["data-figure"])
        assert figure["data"] and "template" not in figure["layout"]
        assert local(built_site, page, plot["data-plotly"]).is_file()
        sources = fig.select("a.xchart__source")
        assert sources and all(a["href"].startswith("https://") for a in sources)
        assert re.match(r"As of \d{1,2} \w+ \d{4}\.", " ".join(fig.select_one(".xchart__asof").get_text().split()))
        rows = fig.select("details.xchart__data tbody tr")
        link = fig.select_one(".xchart__download a")
        with local(built_site, page, link["href"]).open(encoding="utf-8") as fh:
            drawn = list(csv.DictReader(fh))
        assert len(rows) == len(drawn) > 0
        statuses = {r["status"] for r in drawn}
        unverified = unverified or bool(statuses & {"claimed", "disputed", "on-record", "reported"})
        linked = {a["href"] for a in sources}
        # Sources of one kind (a map's place positions) may be one grouped entry in the line; each
        # of them is linked in the table then.
        unlisted = {u for r in drawn if r.get("source_url") for u in r["source_url"].split("; ")} - linked
        if unlisted:
            assert fig.select_one(".xchart__source-group"), chart_id
            assert unlisted <= {a["href"] for a in fig.select("details.xchart__data tbody a")}, chart_id
    # How to read these charts: said once on the page, where its first chart is, and pointed to after.
    assert len(doc.select("#how-to-read")) == (1 if doc.select(".xchart__howto") else 0)
    howto = [" ".join(h.get_text().split()) for h in doc.select(".xchart__howto")]
    assert len(howto) == len(set(howto)) and len(doc.select(".xchart__claims")) <= 2
    assert unverified <= bool(doc.select(".xchart__claims"))
    for link in doc.select("a.xchart__howto-link"):
        assert link["href"] == "#how-to-read"


def test_no_inline_executable_script_in_content(built_site):
    for page in PAGES:
        article = soup(built_site, page).select_one("article")
        assert article.find("script") is None, page


def test_facts_link_their_source_and_say_who_and_when(built_site):
    facts = [f for p in PAGES for f in soup(built_site, p).select(".xfact")]
    assert facts
    for fact in facts:
        link = fact.select_one("a.xfact__value")
        tip = fact.select_one(".xfact__tip")
        assert link["href"].startswith("https://") and link["aria-describedby"] == tip["id"]
        assert re.search(r"as of \d{1,2} \w+ \d{4}; source: .+\)$", " ".join(tip.get_text().split()))


def test_bibliography_lists_every_source_with_working_backlinks(built_site):
    doc = soup(built_site, "sources")
    entries = doc.select("li.xbib__entry")
    import yaml

    ids = {s["id"] for s in yaml.safe_load((ROOT / "data/sources.yml").read_text())}
    assert {e["id"].removeprefix("source-") for e in entries} == ids
    for entry in entries:
        backlinks = entry.select(".xbib__cited a")
        assert backlinks, f"{entry['id']} is cited nowhere"
        for a in backlinks:
            target = local(built_site, "sources", a["href"])
            assert target.is_file(), a["href"]
            anchor = urlparse(a["href"]).fragment
            if anchor:
                assert BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser").find(id=anchor), a["href"]


def _tree_digest(*dirs: Path) -> str:
    h = hashlib.sha256()
    for d in dirs:
        for f in sorted(d.rglob("*")):
            h.update(str(f).encode())
            if f.is_file():
                h.update(f.read_bytes())
    return h.hexdigest()


def test_build_writes_nothing_into_docs_or_data(tmp_path):
    project = copy_project(tmp_path / "p")
    before = _tree_digest(project / "docs", project / "data")
    mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project, check=True)
    assert _tree_digest(project / "docs", project / "data") == before


def test_directives_in_code_stay_literal_in_the_site(tmp_path):
    project = english_only(copy_project(tmp_path / "p"))  # an English edit: its translation is another test's
    page = project / "docs" / "methodology.md"
    page.write_text(
        page.read_text() + "\n\nWrite `:fact[territory-km2]` inline.\n\n```markdown\n::chart[territory-claims]\n```\n"
    )
    mkdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project, check=True)
    doc = soup(tmp_path / "out", "methodology")
    codes = [c.get_text() for c in doc.select("article code")]
    assert ":fact[territory-km2]" in codes and any("::chart[territory-claims]" in c for c in codes)


def test_bad_data_fails_the_build_with_every_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    obs = project / "data" / "observations.csv"
    lines = obs.read_text().splitlines()
    lines.append('2024-08-21,territory-km2,"1,300",,,syrskyi,claimed,no-such-source,,,')  # note, note_uk, uk_from
    obs.write_text("\n".join(lines) + "\n")
    page = project / "docs" / "bridges.md"
    text = page.read_text()
    assert text.startswith("---\n")  # front matter: line numbers must still count from the file's top
    page.write_text(text.rstrip("\n") + "\n\n::chart[no-such-chart]\n")
    chart_line = text.rstrip("\n").count("\n") + 3
    proc = mkdocs("build", "--site-dir", str(tmp_path / "out"), cwd=project)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    n = len(lines)
    assert f"data/observations.csv:{n}: value: '1,300' has a thousands separator (write 1300)" in output
    assert f"data/observations.csv:{n}: source: unknown source 'no-such-source'" in output
    assert f"docs/bridges.md:{chart_line}: chart 'no-such-chart' is not defined in data/charts.yml" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "bridges" / "index.html").exists()


def test_the_weight_a_reader_loads_carries_no_duplicates(built_site):
    """Issue 24's read-through budget: the search index leaves out what it holds elsewhere (each
    source's address and where it is cited, each page's copy of its corrections), and a page's
    figures leave out plotly's hover text (the live chart answers from the table)."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = {d["location"]: d["text"] for d in index["docs"]}
    bibliography = " ".join(t for loc, t in texts.items() if loc.startswith("sources/"))
    assert "Cited on" not in bibliography and "https://www.themoscowtimes.com/2024/" not in bibliography
    assert "The Moscow Times" in bibliography  # the entries themselves are still found
    story = [loc for loc in texts if loc.endswith("#corrections-here")]
    assert story and all("Why:" not in texts[loc] for loc in story)
    assert any("Why:" in t for loc, t in texts.items() if loc.startswith("corrections/"))
    for page in ("incursion", "pokrovsk", "why"):
        for plot in soup(built_site, f"{page}/").select(".xchart__plot[data-figure]"):
            figure = json.loads(plot["data-figure"])
            assert figure["data"] and all("customdata" not in t and "hovertemplate" not in t for t in figure["data"])
            assert any(t.get("ids") for t in figure["data"])  # the live chart still ties marks to rows


def test_every_page_runs_the_loader_before_material_and_no_chart_code(built_site):
    """The one script on every page (docs/javascripts/loader.js) runs before Material's bundle, so
    it can hold back search until first use; the chart runtime is not in any page's HTML: the loader
    fetches it where there are charts. Both under content-hashed names."""
    pages = [p.parent.relative_to(built_site).as_posix() for p in built_site.rglob("index.html")]
    pages = [p for p in pages if not p.startswith(("embed/", "uk/embed/")) and p != "."] + [""]
    for page in pages:
        scripts = soup(built_site, page).select("script[src]")
        srcs = [s["src"] for s in scripts]
        loader = [i for i, s in enumerate(srcs) if "/javascripts/loader." in "/" + s]
        bundle = [i for i, s in enumerate(srcs) if "assets/javascripts/bundle." in s]
        assert len(loader) == 1 and bundle and loader[0] < bundle[0], (page, srcs)
        assert not [s for s in srcs if "javascripts/charts." in s], page
        for src in (srcs[loader[0]], scripts[loader[0]]["data-charts"]):
            file = local(built_site, page, src)
            digest = re.search(r"\.([0-9a-f]{10})\.js$", file.name)
            assert digest and hashlib.sha256(file.read_bytes()).hexdigest()[:10] == digest.group(1), (page, src)
