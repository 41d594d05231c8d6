"""One build's valid rows, indexed, with where each id was defined."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .areas import AreaDay
from .claims import Claimant, Metric, Observation
from .corrections import Correction
from .events import Event
from .measures import Measure
from .places import GeoLine, Place
from .sources import Source, credits
from .updates import Update


@dataclass(frozen=True)
class Located:
    """Where an id was written, for messages and backlinks."""

    path: str
    line: int


# What an editor does to define an id of each kind ({id}: the id), for "unknown ..." messages.
DEFINE = {
    "metric": "define it in data/metrics.yml",
    "claimant": "define it in data/claimants.yml",
    "source": "define it in data/sources.yml",
    "chart": "define it in data/charts.yml",
    "event": "define it in data/events.csv",
    "place": "define it in data/places.csv",
    "line": "add data/geo/{id}.json, e.g. with scripts/make_geo.py",
}


@dataclass(frozen=True)
class Figures:
    """The figures a quoted figure (:fact) may stand for: those of the day chosen (one is the
    answer; more need a claimant to choose), and every day with figures, for a message."""

    rows: list[Observation]
    dates: list[str]  # ISO dates with figures for the metric (and claimant), in order


def suggest(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class Dataset:
    sources: dict[str, Source] = field(default_factory=dict)
    claimants: dict[str, Claimant] = field(default_factory=dict)
    metrics: dict[str, Metric] = field(default_factory=dict)
    observations: list[Observation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    charts: dict[str, object] = field(default_factory=dict)  # chart id -> spec (explainer.kinds)
    places: dict[str, Place] = field(default_factory=dict)  # data/places.csv (optional)
    geo: dict[str, GeoLine] = field(default_factory=dict)  # data/geo/*.json context lines (optional)
    areas: dict[str, list[AreaDay]] = field(default_factory=dict)  # data/geo/<series>/ days, by date
    measured: dict[str, Measure] = field(default_factory=dict)  # metric -> how the build measures it
    corrections: list[Correction] = field(default_factory=list)  # data/corrections.yml, newest first
    updates: list[Update] = field(default_factory=list)  # data/updates.yml, newest first
    correction_lines: dict[int, Located] = field(default_factory=dict)  # id(correction or update) -> where
    lines: dict[tuple[str, str], Located] = field(default_factory=dict)  # (kind, id) -> where
    # Ids whose own definition has errors, and kinds whose whole file is unreadable: rows citing
    # them are dropped without a second message (one mistake, one message).
    broken: set[tuple[str, str]] = field(default_factory=set)
    broken_kinds: set[str] = field(default_factory=set)
    # Observation rows refused (reported at their own line), by the metric they name: a :fact or a
    # chart that then finds no figure is a consequence, and says so.
    refused: dict[str, list[int]] = field(default_factory=dict)
    # Built on first use: charts and facts ask for a metric's rows often. Not part of the data.
    _by_metric: dict[str, list[Observation]] | None = field(default=None, init=False, repr=False, compare=False)

    def unknown(self, kind: str, value: str, where: str = "") -> str | None:
        """The message for a reference to an undefined id; None if it is defined or already reported."""
        table = self._defined(kind)
        if value in table or (kind, value) in self.broken or kind in self.broken_kinds:
            return None
        how = DEFINE[kind].format(id=value)
        return f"unknown {kind} '{value}'{where} ({how}{suggest(value, table)})"

    def _defined(self, kind: str):
        """The ids defined for a kind (events are a list, so their ids are gathered on demand)."""
        if kind == "event":
            return {e.id for e in self.events}
        return {
            "metric": self.metrics,
            "claimant": self.claimants,
            "source": self.sources,
            "chart": self.charts,
            "place": self.places,
            "line": self.geo,
        }[kind]

    def refused_note(self, metric: str) -> str:
        """'' or why a metric may lack a figure: its rows refused on these lines of data/observations.csv."""
        lines = self.refused.get(metric)
        if not lines:
            return ""
        shown = ", ".join(str(n) for n in lines[:5]) + (" …" if len(lines) > 5 else "")
        return f"; its row{'s' if len(lines) > 1 else ''} on line{'s' if len(lines) > 1 else ''} {shown} of data/observations.csv {'were' if len(lines) > 1 else 'was'} refused: fix {'them' if len(lines) > 1 else 'it'} first"

    def reported(self, kind: str, value: str) -> bool:
        """True when the id's own definition (or its whole file) already has a problem."""
        return (kind, value) in self.broken or kind in self.broken_kinds

    def row_sources(self, row) -> list[Source]:
        """A figure's or event's sources, the quoted one first."""
        return [self.sources[s] for s in getattr(row, "sources", None) or (row.source,)]

    def credit(self, row) -> str:
        """A row's sources as readers see them: "Reuters; also reported by Kyiv Post"."""
        return credits(self.row_sources(row))

    def by_metric(self, metric: str) -> list[Observation]:
        """A metric's rows by date (shared: do not modify)."""
        if self._by_metric is None:
            index: dict[str, list[Observation]] = {}
            for obs in self.observations:
                index.setdefault(obs.metric, []).append(obs)
            for rows in index.values():
                rows.sort(key=lambda o: (o.date, o.claimant))
            self._by_metric = index
        return self._by_metric.get(metric, [])

    def figures(self, metric: str, claimant: str | None = None, on: str | None = None) -> Figures:
        """A metric's figures on one day: the day `on` (ISO) if given, else the latest with figures;
        by one claimant if given."""
        rows = self.by_metric(metric)
        if claimant is not None:
            rows = [o for o in rows if o.claimant == claimant]
        dates = sorted({o.date.isoformat() for o in rows})
        if on is not None:
            rows = [o for o in rows if o.date.isoformat() == on]
        if rows:
            latest = max(o.date for o in rows)
            rows = [o for o in rows if o.date == latest]
        return Figures(rows, dates)
