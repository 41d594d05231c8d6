"""The rows every chart and page quotes: definitions (sources, claimants, metrics), figures and events
(with places); each row validated, then every reference it makes checked."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..model.claims import OBSERVATION_COLUMNS, OBSERVATION_OPTIONAL, Claimant, Metric, Observation
from ..model.dataset import Dataset, Located
from ..model.events import EVENT_COLUMNS, EVENT_OPTIONAL, Event
from ..model.problems import Problems
from ..model.sources import Source
from . import places, relays
from .checks import cell, named, refs, refs_of_invalid, remember_broken, reported_before_it_happened, unique
from .files import read_csv, read_yaml_list
from .validate import validate


def _negative(record, obs: Observation, ds: Dataset, problems: Problems) -> bool:
    """A negative figure for a metric that cannot be negative (an area, a count) is a typo."""
    metric = ds.metrics[obs.metric]
    if metric.can_be_negative or (obs.value >= 0 and (obs.high is None or obs.high >= 0)):
        return False
    name = "value" if obs.value < 0 else "high"
    problems.add(
        record.path,
        record.line_of(name),
        name,
        f"{getattr(obs, name):g} is negative, and {metric.id} cannot be (write the figure without a minus sign; "
        f"if this measure can go below zero, add can_be_negative: true to it in data/metrics.yml)",
    )
    return True


def definitions(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """data/sources.yml, claimants.yml and metrics.yml: what every row names."""

    def yaml_items(name, model, kind):
        before = len(problems.items)
        records = read_yaml_list(data_dir / name, f"{root_label}/{name}", f"{kind}s", problems)
        if not records and len(problems.items) > before:
            ds.broken_kinds.add(kind)  # missing, empty or malformed: its ids are unknowable
        valid = validate(records, model, problems, today)
        remember_broken(records, valid, kind, ds)
        return {key: item for key, (_, item) in unique(valid, kind, ds, problems).items()}

    ds.sources = yaml_items("sources.yml", Source, "source")
    ds.claimants = yaml_items("claimants.yml", Claimant, "claimant")
    ds.metrics = yaml_items("metrics.yml", Metric, "metric")
    relays.check_sources(ds, problems)


def observations(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """data/observations.csv: each figure with its metric, claimant and sources defined."""
    obs_records = read_csv(
        data_dir / "observations.csv",
        f"{root_label}/observations.csv",
        OBSERVATION_COLUMNS,
        problems,
        OBSERVATION_OPTIONAL,
    )
    obs_rows = validate(obs_records, Observation, problems, today)
    refs_of_invalid(obs_records, obs_rows, ("metric", "claimant", "source"), ds, problems)
    accepted: set[int] = set()
    seen: dict[tuple, int] = {}
    for record, obs in obs_rows:
        ok = refs(
            record,
            ds,
            problems,
            [*named(metric=obs.metric, claimant=obs.claimant), *cell("source", "source", obs.sources)],
        )
        key = (obs.date, obs.metric, obs.claimant)
        if key in seen:
            problems.add(
                record.path,
                record.line,
                None,
                f"a second figure for {obs.metric} by {obs.claimant} as of {obs.date} (first on line {seen[key]}); "
                "if another outlet reports the same claim, add its source id to the first row's source cell, "
                "separated by '; ' (the one quoted first); otherwise keep one row, or correct the date",
            )
            continue
        seen[key] = record.line
        if ok and _negative(record, obs, ds, problems):
            continue
        ds.lines[("observation", f"{obs.date.isoformat()}|{obs.metric}|{obs.claimant}")] = Located(
            record.path, record.line
        )
        if ok:
            relays.check_row(record, obs, ds, problems)
        if ok and not reported_before_it_happened(record, obs, ds, problems):
            ds.observations.append(obs)
            accepted.add(id(record))
    # Rows refused, by the metric they name: a :fact or chart that finds no figure says why.
    for record in obs_records:
        metric = record.data.get("metric")
        if id(record) not in accepted and isinstance(metric, str):
            ds.refused.setdefault(metric.strip(), []).append(record.line)


def events(data_dir: Path, ds: Dataset, problems: Problems, today: date, root_label: str = "data") -> None:
    """data/events.csv, and data/places.csv and data/geo/*.json with it: an event may name a place
    (checked once the places are read, after the event's own checks)."""
    event_records = read_csv(
        data_dir / "events.csv", f"{root_label}/events.csv", EVENT_COLUMNS, problems, EVENT_OPTIONAL
    )
    event_rows = validate(event_records, Event, problems, today)
    refs_of_invalid(event_records, event_rows, ("claimant", "source"), ds, problems)
    said: dict[tuple, int] = {}
    for record, event in unique(event_rows, "event", ds, problems).values():
        claim = (event.date, event.topic, event.track, event.claimant, " ".join(event.label.lower().split()))
        if claim in said:
            problems.add(
                record.path,
                record.line,
                None,
                f"the same event or statement as line {said[claim]} (same date, track, claimant and label); if "
                "another outlet reports it, add its source id to that row's source cell, separated by '; ' "
                "(the one quoted first), and remove this row",
            )
            continue
        said[claim] = record.line
        ok = refs(record, ds, problems, [*named(claimant=event.claimant), *cell("source", "source", event.sources)])
        if ok:
            relays.check_row(record, event, ds, problems)
        if ok and not reported_before_it_happened(record, event, ds, problems):
            ds.events.append(event)
    ds.events.sort(key=lambda e: (e.date, e.id))

    places.load(data_dir, ds, problems, today, root_label)
    placed = [(r, e) for r, e in event_rows if e.place]
    unplaced = {e.id for r, e in placed if not refs(r, ds, problems, named(place=e.place))}
    ds.events = [e for e in ds.events if e.id not in unplaced]
    # Events refused (reported at their own line): a correction or chart naming one is a consequence.
    kept = {e.id for e in ds.events}
    for record in event_records:
        event_id = record.data.get("id")
        if isinstance(event_id, str) and event_id.strip() not in kept:
            ds.broken.add(("event", event_id.strip()))
