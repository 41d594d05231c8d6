"""Reading data/places.csv and data/geo/*.json into the Dataset."""

from __future__ import annotations

from pathlib import Path

from ..model.dataset import Dataset
from ..model.places import PLACE_COLUMNS, GeoLine, Place
from ..model.problems import Problems
from .checks import first_definition, named, refs, remember_broken
from .files import Record, read_csv, read_json_object
from .validate import validate


def load(data_dir: Path, ds: Dataset, problems: Problems, today, root_label: str = "data") -> None:
    """Read data/places.csv and data/geo/*.json into ds.places and ds.geo.

    Both are optional: a site without maps has neither.
    """
    path = data_dir / "places.csv"
    if path.exists():
        records = read_csv(path, f"{root_label}/places.csv", PLACE_COLUMNS, problems)
        valid = validate(records, Place, problems, today)
        remember_broken(records, valid, "place", ds)
        for record, place in valid:
            if not first_definition(record, place.id, "place", ds, problems):
                continue
            if refs(record, ds, problems, named(source=place.source)):
                ds.places[place.id] = place
            else:
                ds.broken.add(("place", place.id))

    geo_dir = data_dir / "geo"
    for file in sorted(geo_dir.glob("*.json")) if geo_dir.is_dir() else []:
        label = f"{root_label}/geo/{file.name}"
        read = read_json_object(file, label, problems, "id, name, kind, source, note and lines")
        if read is None:
            continue
        record = Record(label, 1, read[1])
        valid = validate([record], GeoLine, problems, today)
        if not valid:
            if isinstance(record.data.get("id"), str):
                ds.broken.add(("line", record.data["id"]))
            continue
        line = valid[0][1]
        if first_definition(record, line.id, "line", ds, problems) and refs(
            record, ds, problems, named(source=line.source)
        ):
            ds.geo[line.id] = line
        else:
            ds.broken.add(("line", line.id))
