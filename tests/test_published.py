"""Changed figures need a word to readers: against the data as last published (published/), a
figure or event readers could have seen that is changed, removed or re-dated is listed with the
pages and charts showing it, by `make check` and the build ("before publishing"; in the preview, in the
panel), and a publishing build refuses it until a correction or dated update made since names it.
New rows need nothing. Every case is a real edit of a scratch copy of the project."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from explainer import Site, outputs
from explainer.publish import published
from harness.project import check as run_check
from harness.project import copy_project, edit, english_only, mkdocs, mkdocs_env

PUBLISHED_ON = date(2026, 12, 2)
PREFIX = "BEFORE PUBLISHING  "
# A publishing build needs the real address, contact and funding statement (issues 18 and 25): any real-looking ones do.
PUBLISH_ENV = {
    "EXPLAINER_PUBLISH": "1",
    "SITE_URL": "https://kursk-pokrovsk.org/",
    "EXPLAINER_CONTACT": "mailto:desk@kursk-pokrovsk.org",
    "EXPLAINER_FUNDING": "Paid for by its publisher; no funder has a say in what it publishes.",
}


def record_publication(project: Path, day: date = PUBLISHED_ON) -> None:
    """What `make publish` leaves behind: the package as built, recorded in published/."""
    site = Site.load(project, pictures=False)
    package = project.parent / "package"
    package.mkdir(exist_ok=True)
    for name, data in site.package.files.items():
        (package / name).write_bytes(data)
    updates = [(u.date.isoformat(), u.title) for u in site.dataset.updates]
    published.record(package, project / "published", day, updates)


def notices(out: str) -> list[str]:
    """What `make check` lists to do before publishing."""
    return [line[len(PREFIX) :] for line in out.splitlines() if line.startswith(PREFIX)]


def latest_row(project: Path, metric: str, claimant: str) -> tuple[int, str, dict]:
    """(line, text, cells) of a claimant's newest figure for a metric in data/observations.csv."""
    lines = (project / "data" / "observations.csv").read_text(encoding="utf-8").splitlines()
    rows = [
        (n, line, next(csv.DictReader([lines[0], line])))
        for n, line in enumerate(lines[1:], 2)
        if line.split(",")[1:2] == [metric] and f",{claimant}," in line
    ]
    return max(rows, key=lambda r: r[2]["date"])


def add_correction(project: Path, day: date, **names: list[str]) -> None:
    concerns = "".join(f"  {key}: [{', '.join(values)}]\n" for key, values in names.items())
    path = project / "data" / "corrections.yml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"\n- date: {day.isoformat()}\n  summary: A figure was wrong.\n  reason: A typing slip.\n{concerns}",
        encoding="utf-8",
    )


@pytest.fixture
def project(tmp_path) -> Path:
    # The English edition: these edits have no translation (the Ukrainian build would ask for one).
    project = english_only(copy_project(tmp_path / "p"))
    record_publication(project)
    return project


def test_the_published_data_unchanged_needs_nothing(project):
    proc = run_check(project, **PUBLISH_ENV)
    assert proc.returncode == 0, proc.stdout
    assert notices(proc.stdout) == [] and proc.stdout.rstrip().endswith("no problems.")


def test_a_changed_figure_is_listed_where_readers_saw_it_until_a_correction_names_it(project):
    line, text, row = latest_row(project, "territory-km2", "syrskyi")
    new_value = str(int(row["value"]) + 7)
    edit(project / "data" / "observations.csv", text, text.replace(f",{row['value']},", f",{new_value},", 1))

    proc = run_check(project)
    assert proc.returncode == 0, proc.stdout  # the preview and make check go on
    [notice] = notices(proc.stdout)
    assert notice.startswith(f"data/observations.csv:{line}: value: readers have seen the figure for territory-km2 ")
    assert f"by syrskyi as of {row['date']} as {row['value']} (published 2026-12-02" in notice
    assert f"it now reads {new_value}" in notice
    # Where: the home page and the incursion page quote it, the territory chart draws it.
    shown_on = notice.split("It is shown on ", 1)[1].split(" and in the data package")[0]
    assert "index.md" in shown_on and "incursion.md" in shown_on and "territory-claims" in shown_on
    assert "a correction dated 2026-12-02 or later naming it (metrics: [territory-km2])" in notice

    # In GitHub Actions it is a warning on the row's line; publishing refuses it, as an error.
    actions = run_check(project, GITHUB_ACTIONS="true")
    assert any(
        a.startswith(
            f"::warning file=data/observations.csv,line={line},title=make check%3A value%2C blocks publishing::"
        )
        for a in actions.stdout.splitlines()
    )
    publishing = run_check(project, **PUBLISH_ENV)
    assert publishing.returncode == 1
    assert f"  data/observations.csv:{line}: value: readers have seen the figure for territory-km2" in publishing.stdout

    # A correction from before that publication does not answer for it; one made since does.
    add_correction(project, PUBLISHED_ON - timedelta(days=1), metrics=["territory-km2"])
    assert len(notices(run_check(project).stdout)) == 1
    add_correction(project, PUBLISHED_ON, metrics=["territory-km2"])
    proc = run_check(project, **PUBLISH_ENV)
    assert proc.returncode == 0 and notices(proc.stdout) == [], proc.stdout


def test_removed_and_re_dated_figures_and_changed_events_each_need_a_word(project):
    obs = project / "data" / "observations.csv"
    # Removed: a figure no page pins (the home page quotes only the newest).
    _, gone, gone_row = latest_row(project, "territory-km2", "zelenskyy")
    edit(obs, gone + "\n", "")
    # Re-dated: the same figure, one day earlier (never later than its report).
    _, moved, moved_row = latest_row(project, "settlements", "syrskyi")
    earlier = (date.fromisoformat(moved_row["date"]) - timedelta(days=1)).isoformat()
    edit(obs, moved, moved.replace(moved_row["date"], earlier, 1))
    # New: a figure nobody has seen needs nothing (another claimant, a day with no figure of theirs).
    obs.write_text(
        obs.read_text(encoding="utf-8")
        + f"2024-08-24,settlements,95,,,zelenskyy,claimed,{moved_row['source']},,,\n",  # note, note_uk, uk_from
        encoding="utf-8",
    )
    # An event re-dated, another re-worded.
    events = list(csv.DictReader((project / "data" / "events.csv").open(encoding="utf-8")))
    first, second = events[0], events[1]
    ev = project / "data" / "events.csv"
    day_before = (date.fromisoformat(first["date"]) - timedelta(days=1)).isoformat()
    edit(ev, f"{first['id']},{first['date']},", f"{first['id']},{day_before},")
    edit(ev, second["label"], second["label"] + " again")

    out = run_check(project).stdout
    found = notices(out)
    assert len(found) == 4, out
    removed = next(n for n in found if "is no longer in the data" in n)
    assert removed.startswith("data/observations.csv: readers have seen the figure for territory-km2 by zelenskyy")
    assert f"as of {gone_row['date']}" in removed and "Figures for territory-km2 are shown on " in removed
    redated = next(n for n in found if "settlements by syrskyi" in n)
    assert f"as of {moved_row['date']} as {moved_row['value']}" in redated and f"it is now dated {earlier}" in redated
    assert ": date: " in redated  # on the row's new line, field date
    first_notice = next(n for n in found if f"'{first['id']}'" in n)
    assert f"it is now dated {day_before}" in first_notice and "(events: [" in first_notice
    second_notice = next(n for n in found if f"'{second['id']}'" in n)
    assert ": label: " in second_notice and "its label is now" in second_notice
    assert not any("2024-08-24" in n for n in found)

    # A dated update naming the pages that show an event answers for it, like a correction.
    shown_on = first_notice.split("It is shown on ", 1)[1].split(" (chart")[0].split(" and in")[0]
    pages = ", ".join(shown_on.split(", "))
    updates = project / "data" / "updates.yml"
    updates.write_text(
        updates.read_text(encoding="utf-8")
        + f"\n- date: {PUBLISHED_ON.isoformat()}\n  title: Bridge dates revised\n  summary: One strike is now dated a day earlier.\n"
        f"  pages: [{pages}]\n",
        encoding="utf-8",
    )
    assert not any(f"'{first['id']}'" in n for n in notices(run_check(project).stdout))


@pytest.mark.build
def test_a_publishing_build_refuses_then_publishes_and_records_what_readers_now_see(project, tmp_path):
    line, text, row = latest_row(project, "territory-km2", "syrskyi")
    edit(project / "data" / "observations.csv", text, text.replace(f",{row['value']},", ",1999,", 1))
    site = tmp_path / "site"

    refused = mkdocs("build", "--strict", "--site-dir", str(site), cwd=project, env=PUBLISH_ENV)
    assert refused.returncode != 0
    assert f"data/observations.csv:{line}: value: readers have seen the figure for territory-km2" in refused.stderr

    add_correction(project, date.today(), metrics=["territory-km2"])
    mkdocs("build", "--strict", "--site-dir", str(site), cwd=project, env=PUBLISH_ENV, check=True)
    # The Makefile's `make publish` records the publication from the built site.
    subprocess.run(
        [sys.executable, "-m", "explainer.publish.published", str(site), "published"],
        cwd=project,
        env=mkdocs_env({"PYTHONPATH": str(project / "hooks")}),
        check=True,
    )
    record = json.loads((project / "published" / "publication.json").read_text())
    assert record["published"] == date.today().isoformat()
    assert record["version"] == json.loads((site / outputs.package("datapackage.json")).read_text())["version"]
    assert (project / "published" / "observations.csv").read_bytes() == (
        site / outputs.package("observations.csv")
    ).read_bytes()
    assert ",1999," in (project / "published" / "observations.csv").read_text()


def test_the_preview_panel_shows_a_changed_figure_to_settle_before_publishing(project):
    _, text, row = latest_row(project, "territory-km2", "syrskyi")
    edit(project / "data" / "observations.csv", text, text.replace(f",{row['value']},", ",1999,", 1))
    site = Site.load(project, pictures=False)
    site.finish()  # (no page rendered here: only the data's notice matters)
    [notice] = site.holds
    assert notice not in site.errors and notice not in site.warnings  # neither fails a preview or strict build
    panel = site.error_panel()
    assert "readers have seen the figure for territory-km2" in panel
    assert "before publishing: it stops a publishing build, not the preview" in panel


def test_a_data_error_is_fixed_first_without_a_flood_of_changed_figures(project):
    _, text, row = latest_row(project, "territory-km2", "syrskyi")
    edit(project / "data" / "observations.csv", text, text.replace(f",{row['value']},", f",{row['value']} km2,", 1))
    proc = run_check(project)
    assert proc.returncode == 1 and "has a unit or sign typed in" in proc.stdout
    assert notices(proc.stdout) == []  # the row is not gone, only unreadable for now


def test_a_changed_figure_on_no_page_asks_only_for_a_correction(engine_for, tmp_path):
    """A figure readers could only see in the data package: no page shows it, so no dated update
    can name its page; the message asks for the one word that answers it, a correction."""
    from fixtures import OBSERVATIONS

    site = engine_for()
    package = tmp_path / "package"
    package.mkdir()
    for name, data in site.package.files.items():
        (package / name).write_bytes(data)
    published.record(package, tmp_path / published.PUBLISHED_DIR, date(2025, 1, 1), [])
    site = engine_for(observations_csv=OBSERVATIONS.replace("2024-08-20,settlements,93,", "2024-08-20,settlements,94,"))
    site.finish()
    (hold,) = [str(p) for p in site.holds]
    assert "It is in the data package only" in hold and "metrics: [settlements]" in hold
    assert "updates.yml" not in hold, hold
