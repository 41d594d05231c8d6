"""Load every data file, validate each row, then check that every reference resolves."""
from __future__ import annotations

import difflib
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import places as place_data
from .claims import OBSERVATION_COLUMNS, Claimant, Metric, Observation
from .events import EVENT_COLUMNS, Event
from .fields import ID_RE
from .files import Record, read_csv, read_yaml_list
from .problems import Problems
from .schema import validate
from .sources import Source
from .specs import KINDS, ChartSpec, MapSpec, TimelineSpec, kind_problem


@dataclass
class Located:
    """A validated item and where it was written, for messages and backlinks."""

    item: object
    path: str
    line: int


DEFINED_IN = {"metric": "data/metrics.yml", "claimant": "data/claimants.yml", "source": "data/sources.yml", "chart": "data/charts.yml"}


@dataclass
class Dataset:
    sources: dict[str, Source] = field(default_factory=dict)
    claimants: dict[str, Claimant] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    charts: dict[str, ChartSpec] = field(default_factory=dict)
    places: dict[str, place_data.Place] = field(default_factory=dict)  # data/places.csv (optional)
    geo: dict[str, place_data.GeoLine] = field(default_factory=dict)  # data/geo/*.json context lines (optional)
    lines: dict[tuple[str, str], Located] = field(default_factory=dict)  # (kind, id) -> where
    # Ids whose own definition has errors, and kinds whose whole file is unreadable: rows citing
    # them are dropped without a second message (one mistake, one message).
    broken: set[tuple[str, str]] = field(default_factory=set)
    broken_kinds: set[str] = field(default_factory=set)

    def unknown(self, kind: str, value: str, where: str = "") -> str | None:
        """The message for a reference to an undefined id; None if it is defined or already reported."""
        table = {"metric": self.metrics, "claimant": self.claimants, "source": self.sources, "chart": self.charts}[kind]
        if value in table or (kind, value) in self.broken or kind in self.broken_kinds:
            return None
        return f"unknown {kind} '{value}'{where} (define it in {DEFINED_IN[kind]}{suggest(value, table)})"

    def reported(self, kind: str, value: str) -> bool:
        """True when the id's own definition (or its whole file) already has a problem."""
        return (kind, value) in self.broken or kind in self.broken_kinds

    _by_metric: dict[str, list[Observation]] | None = None

    def by_metric(self, metric: str) -> list[Observation]:
        """A metric's rows by date (shared: do not modify). Indexed once: charts and facts ask often."""
        if self._by_metric is None:
            index: dict[str, list[Observation]] = {}
            for obs in self.observations:
                index.setdefault(obs.metric, []).append(obs)
            for rows in index.values():
                rows.sort(key=lambda o: (o.date, o.claimant))
            self._by_metric = index
        return self._by_metric.get(metric, [])


@contextmanager
def _gc_paused():
    """Loading creates hundreds of thousands of small acyclic objects; pausing the cyclic
    collector meanwhile more than halves the time for 100,000 rows (benchmarks/)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(data_dir: Path, problems: Problems, today: date | None = None, root_label: str = "data") -> Dataset:
    """Read data_dir; every problem lands in `problems`, valid rows in the Dataset."""
    with _gc_paused():
        return _load(data_dir, problems, today or date.today(), root_label)


def _load(data_dir: Path, problems: Problems, today: date, root_label: str) -> Dataset:
    ds = Dataset()

    def label(name: str) -> str:
        return f"{root_label}/{name}"

    def yaml_items(name, model, kind):
        before = len(problems.items)
        records = read_yaml_list(data_dir / name, label(name), f"{kind}s", problems)
        if not records and len(problems.items) > before:
            ds.broken_kinds.add(kind)  # missing, empty or malformed: its ids are unknowable
        valid = validate(records, model, problems, today)
        _remember_broken(records, valid, kind, ds)
        return _unique(valid, kind, ds, problems)

    ds.sources = yaml_items("sources.yml", Source, "source")
    ds.claimants = yaml_items("claimants.yml", Claimant, "claimant")
    ds.metrics = yaml_items("metrics.yml", Metric, "metric")

    obs_records = read_csv(data_dir / "observations.csv", label("observations.csv"), OBSERVATION_COLUMNS, problems)
    obs_rows = validate(obs_records, Observation, problems, today)
    _refs_of_invalid(obs_records, obs_rows, ("metric", "claimant", "source"), ds, problems)
    seen: dict[tuple, int] = {}
    for record, obs in obs_rows:
        ok = _refs(record, problems, ds, metric=obs.metric, claimant=obs.claimant, source=obs.source)
        key = (obs.date, obs.metric, obs.claimant)
        if key in seen:
            problems.add(record.path, record.line, None,
                         f"a second figure for {obs.metric} by {obs.claimant} as of {obs.date} (first on line {seen[key]}); "
                         "keep one row, or correct the date")
            continue
        seen[key] = record.line
        if ok and _reported_before_it_happened(record, obs, ds, problems):
            ok = False
        if ok:
            ds.observations.append(obs)

    event_records = read_csv(data_dir / "events.csv", label("events.csv"), EVENT_COLUMNS, problems)
    event_rows = validate(event_records, Event, problems, today)
    _refs_of_invalid(event_records, event_rows, ("claimant", "source"), ds, problems)
    for record, event in _unique(event_rows, "event", ds, problems).values():
        if _refs(record, problems, ds, claimant=event.claimant, source=event.source) and \
                not _reported_before_it_happened(record, event, ds, problems):
            ds.events.append(event)
    ds.events.sort(key=lambda e: (e.date, e.id))

    place_data.load(data_dir, root_label, ds, problems, today)

    before = len(problems.items)
    chart_records = read_yaml_list(data_dir / "charts.yml", label("charts.yml"), "charts", problems)
    if not chart_records and len(problems.items) > before:
        ds.broken_kinds.add("chart")
    typed = []
    for record in chart_records:
        if isinstance(record.data.get("id"), str):
            ds.broken.add(("chart", record.data["id"]))
        why = kind_problem(record.data.get("kind"))
        if why:
            problems.add(record.path, record.line_of("kind"), "kind", why)
            continue
        typed.extend(validate([record], KINDS[record.data["kind"]], problems, today))
    for record, spec in _unique(typed, "chart", ds, problems).values():
        if _chart_refs(record, spec, ds, problems):
            ds.charts[spec.id] = spec
            ds.broken.discard(("chart", spec.id))
    return ds


def _remember_broken(records: list[Record], valid: list, kind: str, ds: Dataset) -> None:
    ok = {id(record) for record, _ in valid}
    for record in records:
        if id(record) not in ok and isinstance(record.data.get("id"), str):
            ds.broken.add((kind, record.data["id"]))


def _unique(rows: list[tuple[Record, object]], kind: str, ds: Dataset, problems: Problems) -> dict:
    """Index rows by id, reporting duplicates. Returns id -> model (or (record, model) for events/charts)."""
    out: dict = {}
    for record, item in rows:
        key = (kind, item.id)
        if key in ds.lines:
            first = ds.lines[key]
            problems.add(record.path, record.line_of("id"), "id", f"duplicate id '{item.id}' (first defined on line {first.line}); ids must be unique")
            continue
        ds.lines[key] = Located(item, record.path, record.line_of("id"))
        out[item.id] = (record, item) if kind in ("event", "chart") else item
    return out


def suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _refs(record: Record, problems: Problems, ds: Dataset, **refs: str) -> bool:
    ok = True
    for field_name, value in refs.items():
        message = ds.unknown(field_name, value)
        if message:
            problems.add(record.path, record.line_of(field_name), field_name, message)
        ok = ok and message is None and not ds.reported(field_name, value)
    return ok


def _reported_before_it_happened(record: Record, row, ds: Dataset, problems: Problems) -> bool:
    """A figure cannot be as of, nor an event happen on, a day after its source was published."""
    published = ds.sources[row.source].published
    if row.date <= published:
        return False
    problems.add(record.path, record.line_of("date"), "date",
                 f"{row.date.isoformat()} is after its source '{row.source}' was published ({published.isoformat()}); "
                 "the date is when the figure was true, which cannot be later than the report")
    return True


def _refs_of_invalid(records: list[Record], valid: list, fields: tuple[str, ...], ds: Dataset, problems: Problems) -> None:
    """A row with a bad value may also cite an unknown id: report that too, in the same run."""
    ok = {id(record) for record, _ in valid}
    for record in records:
        if id(record) in ok:
            continue
        refs = {f: record.data[f] for f in fields if isinstance(record.data.get(f), str) and ID_RE.match(record.data[f])}
        _refs(record, problems, ds, **refs)


def _chart_refs(record: Record, spec: ChartSpec, ds: Dataset, problems: Problems) -> bool:
    if isinstance(spec, MapSpec):
        return place_data.check_map(record, spec, ds, problems)
    refs = [(name, "metric", m) for name in ("metrics", "reference") for m in getattr(spec, name, None) or []]
    refs += [("claimants", "claimant", c) for c in getattr(spec, "claimants", None) or []]
    ok = True
    for name, kind, value in refs:
        message = ds.unknown(kind, value)
        if message:
            problems.add(record.path, record.line_of(name), name, message)
        ok = ok and message is None and not ds.reported(kind, value)
    for metric in (getattr(spec, "reference", None) or []) if ok else []:
        rows = ds.by_metric(metric)
        latest = [o for o in rows if rows and o.date == rows[-1].date]
        if len(latest) != 1:
            who = ", ".join(o.claimant for o in latest) or "none"
            problems.add(record.path, record.line_of("reference"), "reference",
                         f"a reference line needs exactly one latest figure for '{metric}' (found {len(latest)}: {who})")
            ok = False
    if isinstance(spec, TimelineSpec):
        topics = {e.topic for e in ds.events}
        if spec.topic not in topics:
            if not ds.broken_kinds & {"claimant", "source"}:
                problems.add(record.path, record.line_of("topic"), "topic", f"no event in data/events.csv has topic '{spec.topic}' (topics: {', '.join(sorted(topics)) or 'none'})")
            ok = False
        for event in ds.events:
            if spec.tracks and event.topic == spec.topic and event.track not in spec.tracks:
                where = ds.lines[("event", event.id)]
                problems.add(where.path, where.line, "track",
                             f"'{event.track}' is not a track of chart '{spec.id}', so this event would be drawn nowhere (tracks: {', '.join(spec.tracks)})")
    if ok and not selected_rows(spec, ds):
        # With a whole data file unreadable, an empty chart is a consequence, not a second mistake.
        if not ds.broken_kinds & {"metric", "claimant", "source"}:
            problems.add(record.path, record.line, None, f"chart '{spec.id}' draws no rows (check its metrics, claimants, statuses, start and end)")
        ok = False
    return ok


def selected_rows(spec: ChartSpec, ds: Dataset) -> list:
    """Exactly the rows a chart draws, in date order (a map's places in the spec's order)."""
    if isinstance(spec, MapSpec):
        return [ds.places[p] for p in spec.places if p in ds.places]
    if isinstance(spec, TimelineSpec):
        return [e for e in ds.events if spec.selects(e)]
    rows = [o for metric in dict.fromkeys(spec.metrics) for o in ds.by_metric(metric) if spec.selects(o)]
    return sorted(rows, key=lambda o: (o.date, spec.metrics.index(o.metric), o.claimant))
