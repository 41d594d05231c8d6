"""`make check` (hooks/check.py): the build's own messages for every data file and page, in about a
second, nothing drawn or written; in GitHub Actions each problem is also a workflow command that
GitHub shows on its file and line."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from explainer.check import annotation, escape_data, escape_property
from explainer.model.problems import Problem
from harness.project import ROOT, copy_project, edit, mkdocs
from harness.project import check as run_check


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """A scratch copy with typical mistakes: data, a page's directive under front matter, a page
    left out of the nav, a nav entry naming no file."""
    project = copy_project(tmp_path_factory.mktemp("broken") / "p")
    edit(
        project / "data" / "observations.csv",
        "2024-08-15,advance-depth-km,35,,",
        "2024-08-15,advance-depth-km,35%,,",
    )
    edit(project / "data" / "charts.yml", "kind: timeseries", "kind: timeserie")
    edit(project / "docs" / "pokrovsk.md", "::chart[pokrovsk-residents]", "::chart[pokrovsk-resident]")
    (project / "docs" / "extra.md").write_text(
        "---\ndescription: A page nobody linked.\n---\n\n# Extra\n\nUkraine said :fact[settlement].\n", encoding="utf-8"
    )
    edit(project / "mkdocs.yml", "  - Who's who: who.md", "  - Who's who: whos-who.md")
    return project


def test_the_real_site_checks_clean_and_nothing_is_written(tmp_path):
    project = copy_project(tmp_path / "p")
    before = {name: tree_digest(project / name) for name in ("docs", "data")}
    proc = run_check(project)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.fullmatch(r"the data and \d+ pages checked in [\d.]+ s: no problems\.\n", proc.stdout), proc.stdout
    assert "::" not in proc.stdout  # no annotations outside GitHub Actions
    assert {name: tree_digest(project / name) for name in ("docs", "data")} == before
    assert not (project / "site").exists()
    assert sorted(p.name for p in project.iterdir()) == sorted(
        ["data", "docs", "hooks", "mkdocs.yml", "node_modules", "overrides"]
    )


def test_check_reports_what_the_build_reports(broken, tmp_path):
    proc = run_check(broken)
    assert proc.returncode == 1
    out = proc.stdout
    # The build's own text: its error block, line for line, and its two nav warnings.
    build = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=broken)
    assert build.returncode != 0
    build_errors = re.findall(r"^  ((?:data|docs)/\S+: .*)$", build.stdout + build.stderr, flags=re.M)
    check_errors = re.findall(r"^  ((?:data|docs)/\S+: .*)$", out, flags=re.M)
    assert check_errors == build_errors and len(check_errors) >= 4
    assert "data/observations.csv:4: value: '35%' has a unit or sign typed in" in out
    assert re.search(r"data/charts\.yml:\d+: kind: unknown chart kind 'timeserie'", out)
    assert re.search(r"docs/pokrovsk\.md:\d+: chart 'pokrovsk-resident' is not defined in data/charts\.yml", out)
    # Front matter is counted as the build counts it: the :fact is on line 7 of the file.
    assert "docs/extra.md:7: unknown metric 'settlement' in :fact" in out
    assert re.search(
        r"WARNING  docs/extra\.md: this page is not in the site's navigation: add a line '- Extra: extra\.md' "
        r"under nav: in mkdocs\.yml \(line \d+\)",
        out,
    )
    nav_line = next(
        n for n, line in enumerate((broken / "mkdocs.yml").read_text().splitlines(), 1) if "whos-who.md" in line
    )
    assert f"WARNING  mkdocs.yml:{nav_line}: nav: no page 'whos-who.md' in docs/" in out
    assert 'not included in the "nav" configuration' in build.stdout + build.stderr
    assert out.rstrip().splitlines()[-1].endswith("The build (and publishing) refuses until every one is fixed.")


def test_in_github_actions_every_problem_is_an_annotation_on_its_line(broken):
    proc = run_check(broken, GITHUB_ACTIONS="true")
    assert proc.returncode == 1
    lines = [line for line in proc.stdout.splitlines() if line.startswith("::")]
    # '%' in a message and ':' and ',' in a property are escaped as GitHub's toolkit does.
    assert any(
        line.startswith("::error file=data/observations.csv,line=4,title=make check%3A value::'35%25' has a unit")
        for line in lines
    )
    assert (
        "::error file=docs/extra.md,line=7,title=make check%3A error::unknown metric 'settlement' in :fact"
        in "\n".join(lines)
    )
    assert any(
        line.startswith("::warning file=docs/extra.md,title=make check%3A fails the strict build::this page is not in")
        for line in lines
    )
    assert any(
        re.match(
            r"::warning file=mkdocs\.yml,line=\d+,title=make check%3A nav%2C fails the strict build::no page", line
        )
        for line in lines
    )
    # One annotation per problem printed above them, each a single line.
    printed = re.findall(r"^  (?:data|docs)/", proc.stdout, flags=re.M) + re.findall(
        r"^WARNING  ", proc.stdout, flags=re.M
    )
    assert len(lines) == len(printed)


def test_workflow_command_escaping():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    line = annotation(Problem("docs/a,b.md", 3, "pages", "no page 'x:y.md'\nsecond line, 5%"))
    assert line == "::error file=docs/a%2Cb.md,line=3,title=make check%3A pages::no page 'x:y.md'%0Asecond line, 5%25"
    assert annotation(Problem("data/charts.yml", None, None, "unused", warning=True)) == (
        "::warning file=data/charts.yml,title=make check%3A fails the strict build::unused"
    )


def test_the_pull_request_workflow_runs_make_check():
    workflow = (ROOT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert re.search(r"^\s+pull_request:", workflow, flags=re.M)
    assert re.search(r"^\s+run: make check$", workflow, flags=re.M)
    assert "check:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_pages_are_read_from_docs_dir_as_the_build_reads_them(tmp_path):
    project = copy_project(tmp_path / "p")
    (project / "docs").rename(project / "content")
    config = project / "mkdocs.yml"
    config.write_text("docs_dir: content\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    page = project / "content" / "why.md"
    lines = page.read_text(encoding="utf-8").count("\n")
    page.write_text(page.read_text(encoding="utf-8") + "\nBad :fact[nope].\n", encoding="utf-8")
    proc = run_check(project)
    assert proc.returncode == 1
    assert f"  content/why.md:{lines + 2}: unknown metric 'nope' in :fact" in proc.stdout
    assert "not in the site's navigation" not in proc.stdout  # every page is still in the nav


def test_a_relay_note_is_shown_counted_and_blocks_nothing(tmp_path):
    """Issue 18: a relay beside its original is a note (the build says so and goes ahead); a relay
    that names no outlet is an error. The verdict never says "no problems" under a note."""
    project = copy_project(tmp_path / "p")
    # A relay whose original (by its address) is also a source: a real relay given the address of
    # a real source of the same outlet's kind.
    edit(
        project / "data" / "sources.yml",
        '  relays: {outlet: "BBC News"}\n',
        '  relays: {outlet: "BBC News", url: "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/"}\n',
    )
    proc = run_check(project, GITHUB_ACTIONS="true")
    assert proc.returncode == 0, proc.stdout
    [note] = [line for line in proc.stdout.splitlines() if line.startswith("NOTE ")]
    assert "relays BBC News's story, and the original is also a source ('up-2024-08-20-syrskyi-1263'" in note
    assert re.search(r"no errors or warnings; 1 note to look at, which blocks no build\.\n::notice ", proc.stdout)
    assert "no problems" not in proc.stdout
    # A relay with no outlet fails, at its line.
    edit(project / "data" / "sources.yml", '  relays: {outlet: "BBC News", url:', "  relays: {url:")
    proc = run_check(project)
    assert proc.returncode == 1 and re.search(
        r"data/sources\.yml:\d+: relays: a relay must name the outlet whose reporting it relays", proc.stdout
    ), proc.stdout


def test_the_editions_titles_are_checked_as_the_english_ones(tmp_path):
    """mkdocs-static-i18n prints each edition's nav_translations and site_name as the theme prints the
    English nav and site_name, unescaped: the same characters are refused there, at their line."""
    project = copy_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    edit(config, "            Pokrovsk: Покровськ\n", "            Pokrovsk: Покровськ <b>місто</b>\n")
    edit(
        config,
        '          site_name: "Курськ і Покровськ: серпень 2024"',
        "          site_name: 'Курськ і \"Покровськ\"'",
    )
    lines = config.read_text(encoding="utf-8").splitlines()
    nav = next(n for n, line in enumerate(lines, 1) if "<b>місто</b>" in line)
    name = next(n for n, line in enumerate(lines, 1) if "site_name: 'Курськ" in line)
    proc = run_check(project)
    assert proc.returncode == 1, proc.stdout
    assert f"mkdocs.yml:{nav}: nav_translations: 'Покровськ <b>місто</b>' holds '<' '>'" in proc.stdout
    assert f"mkdocs.yml:{name}: site_name: 'Курськ і \"Покровськ\"' holds '\"'" in proc.stdout
