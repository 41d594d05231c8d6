"""data/corrections.yml and data/updates.yml: read after the chart specs, since a correction may
name a chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.corrections import Correction
from ..model.dataset import Dataset, Located
from ..model.problems import Problems
from ..model.text import typed_numbers
from ..model.updates import Update
from .files import read_yaml_list
from .validate import validate


def load(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """Valid corrections into ds.corrections, newest first. The file is optional (a new site has
    none); the pages a correction names are checked once every page is rendered (Site.finish)."""
    path = Path(data_dir) / "corrections.yml"
    if not path.exists():
        return
    records = read_yaml_list(path, f"{root_label}/corrections.yml", "corrections", problems)
    for record, correction in validate(records, Correction, problems, today):
        ok = _no_typed_numbers(record, correction, problems)
        for kind, ids in correction.concerns().items():
            for value in ids:
                message = ds.unknown(kind, value, " in this correction")
                if message:
                    problems.add(record.path, record.line_of(f"{kind}s"), f"{kind}s", message)
                    ok = False
        if ok:
            ds.corrections.append(correction)
            ds.correction_lines[id(correction)] = Located(record.path, record.line_of("pages"))
    ds.corrections.sort(key=lambda c: c.date, reverse=True)


def _no_typed_numbers(record, correction: Correction, problems: Problems) -> bool:
    """A correction is shown on the pages it concerns: like a page, it may not quote a figure by
    hand (the page shows the corrected figure from its row, with the source)."""
    ok = True
    for name in ("summary", "reason"):
        found = typed_numbers(getattr(correction, name))
        if found:
            problems.add(
                record.path,
                record.line_of(name),
                name,
                f"quotes a number ({', '.join(found[:3])}): a correction names what changed (e.g. 'the distance "
                "from Pokrovsk claimed on 20 August') and the page shows the figure from its row; dates may stay",
            )
            ok = False
    return ok


def load_updates(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """Valid dated updates into ds.updates, newest first. Optional, like corrections; the pages an
    update names are checked with the corrections' once every page is rendered."""
    path = Path(data_dir) / "updates.yml"
    if not path.exists():
        return
    records = read_yaml_list(path, f"{root_label}/updates.yml", "updates", problems)
    for record, update in validate(records, Update, problems, today):
        ds.updates.append(update)
        ds.correction_lines[id(update)] = Located(record.path, record.line_of("pages"))
    ds.updates.sort(key=lambda u: u.date, reverse=True)
