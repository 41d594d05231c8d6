"""What readers have already seen: the data package as last published, kept in the project's
`published/` folder (its CSV tables, and publication.json: the day and the data version), and how
the data now differs from it.

`make publish` records it after a successful publishing build:

    python -m explainer.publish.published site/data published

A figure that readers could have seen and that is now changed, removed or re-dated needs a word to
readers (a correction or a dated update): Site.finish asks for one (see changed.py). New rows need nothing.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .. import outputs
from ..load import corrections
from ..model.dataset import Dataset
from ..model.problems import DataError, Problems

PUBLISHED_DIR = "published"
RECORD = "publication.json"
TABLES = ("observations.csv", "events.csv", "corrections.csv")

# What a reader sees of a row: a change to one of these is a change to what was published.
OBSERVATION_SHOWN = ("value", "qualifier", "high")
EVENT_SHOWN = ("date", "claimant", "status", "label")


@dataclass(frozen=True)
class Published:
    day: date  # when it was published
    version: str  # its data version
    observations: dict[tuple[str, str, str], dict[str, str]]  # (date, metric, claimant) -> row
    events: dict[str, dict[str, str]]  # id -> row
    corrections: set[tuple[str, str]]  # (date, summary) of the corrections already published
    updates: set[tuple[str, str]]  # (date, title) of the dated updates already published


@dataclass(frozen=True)
class Change:
    """One published figure that is no longer as readers saw it."""

    kind: str  # "observation" | "event"
    key: str  # the row's key: "date|metric|claimant", or the event id
    what: str  # "changed" | "removed" | "re-dated"
    field: str | None  # the column that changed, for the message
    before: dict[str, str]  # the published row
    after: dict[str, str] | None  # the row now (None when removed)

    @property
    def name(self) -> str:
        """The id a correction names it by: the metric of a figure, the id of an event."""
        return self.before["metric"] if self.kind == "observation" else self.before["id"]


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _obs_key(row: dict[str, str]) -> tuple[str, str, str]:
    return (row.get("date", ""), row.get("metric", ""), row.get("claimant", ""))


def read(folder: Path) -> Published | None:
    """The last publication, or None when there is none yet (the first publication compares nothing).
    A damaged record raises ValueError with what to do."""
    folder = Path(folder)
    record_path = folder / RECORD
    if not record_path.exists():
        return None
    try:
        record = json.loads(record_path.read_text(encoding="utf-8"))
        day = date.fromisoformat(record["published"])
        tables = {name: rows((folder / name).read_text(encoding="utf-8")) for name in TABLES}
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            f"cannot read the last publication ({exc}); restore the folder from git, or run 'make publish' again"
        ) from None
    return Published(
        day=day,
        version=str(record.get("version", "")),
        observations={_obs_key(r): r for r in tables["observations.csv"]},
        events={r.get("id", ""): r for r in tables["events.csv"]},
        corrections={(r.get("date", ""), r.get("summary", "")) for r in tables["corrections.csv"]},
        updates={(str(u[0]), str(u[1])) for u in record.get("updates", [])},
    )


def _shown(row: dict[str, str], fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row.get(f, "") for f in fields)


def changes(published: Published, observations_csv: str, events_csv: str) -> list[Change]:
    """Every published figure or event changed, removed or re-dated in the current package tables."""
    out: list[Change] = []
    now = {_obs_key(r): r for r in rows(observations_csv)}
    new = [r for key, r in now.items() if key not in published.observations]
    for key, before in published.observations.items():
        after = now.get(key)
        if after is not None:
            changed = [f for f in OBSERVATION_SHOWN if before.get(f, "") != after.get(f, "")]
            if changed:
                out.append(Change("observation", "|".join(key), "changed", changed[0], before, after))
            continue
        # Gone under its key: the same figure by the same claimant under another date is re-dated.
        moved = next(
            (
                r
                for r in new
                if (r["metric"], r["claimant"]) == key[1:]
                and _shown(r, OBSERVATION_SHOWN) == _shown(before, OBSERVATION_SHOWN)
            ),
            None,
        )
        if moved is not None:
            new.remove(moved)
            out.append(Change("observation", "|".join(key), "re-dated", "date", before, moved))
        else:
            out.append(Change("observation", "|".join(key), "removed", None, before, None))

    events_now = {r.get("id", ""): r for r in rows(events_csv)}
    new_events = [r for eid, r in events_now.items() if eid not in published.events]
    for eid, before in published.events.items():
        after = events_now.get(eid)
        if after is None:
            # A new id for the same event, as readers saw it, is no change to them.
            renamed = next((r for r in new_events if _shown(r, EVENT_SHOWN) == _shown(before, EVENT_SHOWN)), None)
            if renamed is not None:
                new_events.remove(renamed)
            else:
                out.append(Change("event", eid, "removed", None, before, None))
            continue
        changed = [f for f in EVENT_SHOWN if before.get(f, "") != after.get(f, "")]
        if changed:
            what = "re-dated" if changed[0] == "date" else "changed"
            out.append(Change("event", eid, what, changed[0], before, after))
    return out


def record(package_dir: Path, folder: Path, today: date | None = None, updates=()) -> list[Path]:
    """Keep the package just published (its tables, from the built site's data folder), its version,
    the day and the dated updates it carried (date, title), in folder: the next build compares against it."""
    package_dir, folder = Path(package_dir), Path(folder)
    descriptor = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.csv"):
        old.unlink()
    written = []
    for resource in descriptor["resources"]:
        target = folder / resource["path"]
        shutil.copyfile(package_dir / resource["path"], target)
        written.append(target)
    for name in TABLES:  # a table the package left out (an empty one) is kept as empty
        if not (folder / name).exists():
            (folder / name).write_text("", encoding="utf-8")
            written.append(folder / name)
    day = (today or date.today()).isoformat()
    (folder / RECORD).write_text(
        json.dumps(
            {"published": day, "version": descriptor["version"], "updates": [[str(d), str(t)] for d, t in updates]},
            indent=2,
            ensure_ascii=False,
        )
        + "\n",
        encoding="utf-8",
    )
    return [*written, folder / RECORD]


def main(argv: list[str] | None = None) -> int:
    """python -m explainer.publish.published SITE_DIR PUBLISHED_DIR [DATA_DIR]: the package is read
    from its folder in the built SITE_DIR (outputs.package()); DATA_DIR (default data) gives the
    dated updates the publication carried."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) not in (2, 3):
        print("usage: python -m explainer.publish.published SITE_DIR PUBLISHED_DIR [DATA_DIR]", file=sys.stderr)
        return 2
    data_dir = Path(args[2] if len(args) == 3 else "data")
    ds, problems = Dataset(), Problems()
    corrections.load_updates(data_dir, ds, problems, date.today())
    if problems.errors:
        print(DataError(problems.errors), file=sys.stderr)
        return 1
    written = record(
        Path(args[0]) / outputs.package(), Path(args[1]), updates=[(u.date.isoformat(), u.title) for u in ds.updates]
    )
    print(f"Recorded the published data in {args[1]}/ ({len(written)} files): commit it with this publication.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
