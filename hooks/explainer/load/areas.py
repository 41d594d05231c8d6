"""Reading data/geo/<series>/ (a map of control, one file per day, and the figures measured on it)."""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

from ..model.areas import AreaDay
from ..model.dataset import Dataset
from ..model.measures import Measure
from ..model.problems import Problems
from . import measure
from .checks import named, refs
from .files import Record, read_json_object, read_yaml_list
from .validate import validate

_DAY_FILE = re.compile(r"^\d{4}-\d{2}-\d{2}\.json$")


def load(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """Each folder of data/geo/ is one series (e.g. deepstate): its YYYY-MM-DD.json days go to
    ds.areas[series], and the rows its measures.yml asks for are added to ds.observations."""
    geo_dir = data_dir / "geo"
    for folder in sorted(p for p in geo_dir.iterdir() if p.is_dir()) if geo_dir.is_dir() else []:
        series = folder.name
        label = f"{root_label}/geo/{series}"
        days = _days(folder, label, series, ds, problems, today)
        measures_file = folder / "measures.yml"
        if not days:
            continue
        ds.areas[series] = days
        if measures_file.exists():
            records = read_yaml_list(measures_file, f"{label}/measures.yml", "measures", problems)
            for record, item in validate(records, Measure, problems, today):
                measure.add_rows(record, item, days, ds, problems)


def _days(folder: Path, label: str, series: str, ds: Dataset, problems: Problems, today: date) -> list[AreaDay]:
    days: list[AreaDay] = []
    if not any(_DAY_FILE.match(f.name) for f in folder.iterdir()):
        problems.add(label, None, None, "no day files (YYYY-MM-DD.json, made by scripts/make_deepstate.py)")
    for file in sorted(folder.iterdir()):
        if file.name == "measures.yml" or file.name.startswith("."):
            continue
        name = f"{label}/{file.name}"
        if not _DAY_FILE.match(file.name):
            problems.add(name, None, None, "a series folder holds only YYYY-MM-DD.json days and measures.yml")
            continue
        record = _read(file, name, problems)
        if record is None:
            continue
        valid = validate([record], AreaDay, problems, today)
        if not valid:
            continue
        day = valid[0][1]
        if day.date.isoformat() != file.name.removesuffix(".json"):
            problems.add(
                name, record.line_of("date"), "date", f"{day.date} is not the file's name; name it {day.date}.json"
            )
            continue
        if day.series != series:
            problems.add(name, record.line_of("id"), "id", f"must start with the folder's name: '{series}-{day.date}'")
            continue
        if refs(record, ds, problems, named(source=day.source, claimant=day.claimant)):
            days.append(day)
    # Gains add up day to day, so each day must count from the one before it: a gap in the chain
    # (a day deleted, or made from a different run) would silently drop or double an area.
    for before, after in itertools.pairwise(days):
        if after.since != before.date:
            problems.add(
                f"{label}/{after.date}.json",
                None,
                "since",
                f"is {after.since or 'missing'}, but the day before it in the folder is {before.date}; "
                "remake the folder with scripts/make_deepstate.py",
            )
            return []
    if days and days[0].since is not None:
        problems.add(
            f"{label}/{days[0].date}.json", None, "since", "the first day of a series counts from nothing: remove since"
        )
        return []
    return days


def _read(path: Path, label: str, problems: Problems) -> Record | None:
    read = read_json_object(path, label, problems, "id, kind, date, source, archive, area, …")
    if read is None:
        return None
    text, data = read
    # The line of each top-level key, so a bad field is reported where it is written.
    lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in re.finditer(r'^  "(\w+)":', text, re.M)}
    return Record(label, 1, data, lines)
