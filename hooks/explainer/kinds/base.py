"""What every chart kind shares: the spec fields, the view a reader gets, and the kind's interface."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from ..language import t
from ..load.charts import ChartKind
from ..load.checks import Ref, Where, refs
from ..model.claims import BOUND_DIRECTION, GROUP_LABELS, GROUPS, Status
from ..model.dataset import Dataset
from ..model.fields import Id, IdList, OptionalText, PastDate, Text
from ..model.problems import Problems
from ..model.rows import Row
from ..model.sources import Source, credit_parts
from ..model.statuses import UNCONFIRMED
from . import tables
from .plot import Figure, row_id

# What each table column is to the browser runtime, which reads a mark's answer from its table row
# (docs/javascripts/charts.js): the headline, who says so, when, status, source.
COLUMN_ROLES = {
    "Figure": "value",
    "What happened or was said": "value",
    "Place": "value",
    "Measure": "measure",
    "Track": "track",
    "Kind": "kind",
    "Who says so": "who",
    "As of": "date",
    "Date": "date",
    "Status": "status",
    "Said to be taken": "claims",
    "Source": "source",
}


@dataclass(frozen=True)
class RowMeta:
    """What a table row carries besides its cells: its id (the marks that draw it carry the same),
    the claimant's group and the source's address (the Source cell links to it). A claim's Source
    cell is its credit in pieces (model/sources.credit_parts): each source linked where it is named."""

    id: str
    group: str = ""
    group_label: str = ""
    url: str = ""
    credit: tuple[tuple[str, str], ...] = ()  # (text, url or "") pieces, in place of the cell's text


class ChartSpec(Row):
    """The fields of every entry in data/charts.yml; each kind adds its own."""

    id: Id
    kind: str
    title: Text
    summary: Text
    notes: OptionalText = ""


class Selection(ChartSpec):
    """Observations chosen by metric, and optionally by claimant, status and date range."""

    metrics: IdList
    claimants: IdList | None = None
    statuses: list[Status] | None = None
    start: PastDate | None = None
    end: PastDate | None = None

    def selects(self, obs) -> bool:
        """True when the chart draws this observation."""
        return (
            obs.metric in self.metrics
            and (self.claimants is None or obs.claimant in self.claimants)
            and (self.statuses is None or obs.status in self.statuses)
            and (self.start is None or obs.date >= self.start)
            and (self.end is None or obs.date <= self.end)
        )

    def rows(self, ds: Dataset) -> list:
        """Exactly the observations drawn, by date, then in the spec's metric order."""
        rows = [o for metric in dict.fromkeys(self.metrics) for o in ds.by_metric(metric) if self.selects(o)]
        return sorted(rows, key=lambda o: (o.date, self.metrics.index(o.metric), o.claimant))


ANNOTATION_CHARS = 40  # "a few words": an annotation longer than this belongs in the notes


class Annotation(Row):
    """A dated event written on the chart itself (the day an operation began, a meeting): its date
    comes from the event's row in data/events.csv, its text from `text` or else the event's label."""

    event: Id
    text: OptionalText = ""


class Annotated(ChartSpec):
    """A chart with a date axis may carry annotations."""

    annotations: list[Annotation] | None = None

    def annotated(self, ds: Dataset) -> list[tuple]:
        """(event, text) for each annotation whose event is defined."""
        events = {e.id: e for e in ds.events}
        return [(events[a.event], a.text or events[a.event].label) for a in self.annotations or [] if a.event in events]


def check_annotations(where: Where, spec: Annotated, ds: Dataset, problems: Problems) -> bool:
    """Every annotation names a defined event and says it in a few words."""
    ok = refs(where, ds, problems, [Ref("annotations", "event", a.event) for a in spec.annotations or []])
    for event, text in spec.annotated(ds):
        if len(text) > ANNOTATION_CHARS:
            problems.add(
                where.path,
                where.line_of("annotations"),
                "annotations",
                f"the annotation for '{event.id}' is {len(text)} characters long; write its `text` in a few "
                f"words (at most {ANNOTATION_CHARS} characters; the date is added from the event's row)",
            )
            ok = False
    return ok


def with_annotation_sources(view: ChartView, spec: Annotated, ds: Dataset) -> ChartView:
    """The source line names the sources of the annotated events too."""
    have = {s.id for s in view.sources}
    extra = dict.fromkeys(s for e, _ in spec.annotated(ds) for s in e.sources if s not in have)
    view.sources += [ds.sources[s] for s in extra]
    return view


@dataclass
class ChartView:
    """A chart as the reader gets it: rows drawn, figure, sources, as-of date, key, table, CSV."""

    spec: ChartSpec
    rows: list
    figure: dict
    sources: list[Source]
    as_of: date
    has_claims: bool  # some rows are claims or disputed: the key says how they are drawn
    table_head: list[str]
    table_rows: list[list[str]]
    csv_text: str
    key: str = ""  # replaces the claimant-group key (maps explain their own marks)
    notes: list[str] = field(default_factory=list)  # generated notes, after the spec's own
    groups: list[str] = field(default_factory=list)  # claimant groups drawn, in the key's order
    events: bool = False  # rows are events and statements, not figures
    bounds: bool = False  # some figure is a bound (more than, up to...)
    ranges: bool = False  # some figure is a range
    # Figures and events drawn beside the rows, when the rows are something else (a map's rows are
    # its places; the claims and distances on it are these): for who's who, relays and dates.
    also_drawn: list = field(default_factory=list)
    # A map's occupied area day by day for the live chart's date control (kinds/map/days.py): written
    # to a file of its own (outputs.days), fetched only when a reader opens the live chart.
    days: dict | None = None

    @property
    def claims_drawn(self) -> list:
        """Every figure and event the chart draws."""
        return [r for r in (*self.rows, *self.also_drawn) if hasattr(r, "claimant")]

    row_meta: list[RowMeta] = field(default_factory=list)  # one per table row
    # Sources of one kind shown as one entry in the source line (e.g. a map's place positions), each
    # still linked in the table and the bibliography: (what they give, their sources).
    grouped: list[tuple[str, list[Source]]] = field(default_factory=list)

    @property
    def column_roles(self) -> list[str]:
        """Each table column's role for the browser runtime (COLUMN_ROLES), '' for none."""
        return [COLUMN_ROLES.get(h, "") for h in self.table_head]

    @property
    def height(self) -> int:
        """The figure's height in px."""
        return int(self.figure["layout"]["height"])

    @property
    def source_links(self) -> list[tuple[Source, str]]:
        """Each source with its link text: its credit (a relay names the original first), plus the
        title where a credit repeats."""
        counts = Counter(s.credit for s in self.sources)
        return [(s, s.credit if counts[s.credit] == 1 else f"{s.credit}, “{s.title}”") for s in self.sources]

    @property
    def lead_links(self) -> list[tuple[Source, str]]:
        """The source line's links: every source not shown in a group, reporting sources first."""
        grouped = {s.id for _, group in self.grouped for s in group}
        return [(s, label) for s, label in self.source_links if s.id not in grouped]

    @property
    def group_texts(self) -> list[str]:
        """Each group as the source line names it: what, how many, from which publishers."""
        out = []
        for what, group in self.grouped:
            publishers = ", ".join(dict.fromkeys(s.publisher.split(" (")[0] for s in group))
            count = t("{n} article", n=len(group)) if len(group) == 1 else t("{n} articles", n=len(group))
            out.append(f"{t(what)}: {count} ({publishers})")
        return out


class Kind(ChartKind, Protocol):
    """A chart kind's module: its spec model and its checks (what loading needs), and its view."""

    Spec: type[ChartSpec]

    def view(self, spec, ds: Dataset) -> ChartView:
        """The chart: rows, figure (may raise plot.UnsupportedTrace), table, CSV and key."""


def claim_meta(row, ds: Dataset) -> RowMeta:
    """What a figure's or event's table row carries: its id, claimant group and sources' links."""
    group = ds.claimants[row.claimant].group
    parts = tuple((text, s.url if s else "") for text, s in credit_parts(ds.row_sources(row)))
    return RowMeta(row_id(row), group, GROUP_LABELS[group], ds.sources[row.source].url, parts)


def sources_of(rows, ds: Dataset) -> list[Source]:
    """Every source of the rows, each once, in the rows' order (a row's quoted source first)."""
    return [ds.sources[s] for s in dict.fromkeys(s for r in rows for s in r.sources)]


def topic_problem(topic: str, ds: Dataset) -> str | None:
    """The message for an events topic no event has (a timeline's or a map's); None when some event has it."""
    topics = {e.topic for e in ds.events}
    if topic in topics:
        return None
    return f"no event in data/events.csv has topic '{topic}' (topics: {', '.join(sorted(topics)) or 'none'})"


def selection_refs(where: Where, spec: Selection, ds: Dataset, problems: Problems, metric_fields=("metrics",)) -> bool:
    """The metrics and claimants a selection names are all defined."""
    found = [Ref(name, "metric", m) for name in metric_fields for m in getattr(spec, name) or []]
    found += [Ref("claimants", "claimant", c) for c in spec.claimants or []]
    return refs(where, ds, problems, found)


def draws_rows(where: Where, spec: ChartSpec, rows: list, ds: Dataset, problems: Problems) -> bool:
    """A chart with no rows is a mistake, unless a whole data file is unreadable (then it is a consequence)."""
    if rows:
        return True
    refused = any(ds.refused.get(m) for m in getattr(spec, "metrics", None) or ())
    if not ds.broken_kinds & {"metric", "claimant", "source"} and not refused:
        problems.add(
            where.path,
            where.line,
            None,
            f"chart '{spec.id}' draws no rows (check its metrics, claimants, statuses, start and end)",
        )
    return False


def claims_view(spec: ChartSpec, drawn: list, figure: Figure, ds: Dataset, dated: list | None = None) -> ChartView:
    """The view of a chart of observations or events: its table and CSV hold exactly the rows drawn.
    `dated`: the rows whose newest date is the chart's "as of" (default: all drawn)."""
    events = bool(drawn) and hasattr(drawn[0], "topic")
    drawn_groups = {ds.claimants[r.claimant].group for r in drawn}
    head, body = (tables.event_table if events else tables.observation_table)(drawn, ds)
    return ChartView(
        spec=spec,
        rows=drawn,
        figure=figure.finish(),
        sources=sources_of(drawn, ds),
        as_of=max(r.date for r in (dated or drawn)),
        has_claims=any(r.status in UNCONFIRMED for r in drawn),
        table_head=head,
        table_rows=body,
        csv_text=(tables.events_csv if events else tables.observations_csv)(drawn, ds),
        groups=[g for g in GROUPS if g in drawn_groups],
        row_meta=[claim_meta(r, ds) for r in drawn],
        events=events,
        bounds=not events and any(r.qualifier in BOUND_DIRECTION for r in drawn),
        ranges=not events and any(r.qualifier == "range" for r in drawn),
    )
