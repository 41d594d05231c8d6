"""What a map says in words: its table and CSV (one row per place), its key, its notes, and the
words of its hover boxes and its occupied area's days."""

from __future__ import annotations

from ...language import t
from ...model import formatting
from ...model.areas import AreaDay
from ...model.claims import GROUP_LABELS, GROUPS, UNVERIFIED, status_text
from ...model.dataset import Dataset
from ...model.palette import GROUP_GLYPHS
from ...model.places import Place
from ...model.statuses import EVENT_STATUS_SHORT
from .. import tables
from ..plot import plot_text
from .geometry import KM_PER_DEGREE, scale_km
from .plan import AREA_DRAW_TOLERANCE, MapPlan

# A structure's reported state, in words (figure.py gives each its colour and shape).
STATE_WORDS = {"destroyed": "destroyed", "damaged": "damaged", "intact": "intact", "unknown": "state unknown"}
CSV_COLUMNS = [
    "id",
    "name",
    "kind",
    "lat",
    "lon",
    "status",
    "shown",
    "first_reported",
    "claims",
    "claimant_groups",
    "source",
    "source_publisher",
    "source_credit",
    "source_url",
    "note",
]


def _coords(place: Place) -> str:
    ns = "N" if place.lat >= 0 else "S"
    ew = "E" if place.lon >= 0 else "W"
    return f"{abs(place.lat)}° {ns}, {abs(place.lon)}° {ew}"


def place_hover(place: Place, p: MapPlan, ds) -> str:
    """A place's hover box: its name, kind, position and its source, and the distances reported to it."""
    source = ds.sources[place.source]
    lines = [
        f"<b>{plot_text(place.name)}</b>",
        plot_text(f"{t(place.kind)} · {_coords(place)}"),
        plot_text(f"{t('position:')} {source.credit}"),
    ]
    for obs in p.distances.get(place.id, []):
        if obs is p.distances[place.id][0]:
            lines.append(plot_text(t("{label}, as reported:", label=ds.metrics[obs.metric].label)))
        lines.append(plot_text(distance_text(obs, ds, short=True)))
    return "<br>".join(lines)


def structure_hover(structure: Place, settlement: Place, p: MapPlan, ds) -> str:
    """A structure's hover box: its state, where it is marked, and each report of a hit."""
    lines = [
        f"<b>{plot_text(structure.name)}</b>",
        plot_text(
            f"{t(STATE_WORDS[structure.status])} · "
            + t("marked at {place}: its own position is not published", place=settlement.name)
        ),
    ]
    for e in p.events.get(structure.id, []):
        status = status_text(e.status, event=True)
        lines.append(plot_text(f"{formatting.short_date(e.date)}: {ds.claimants[e.claimant].name} ({status})"))
    return "<br>".join(lines)


def distance_text(obs, ds, short: bool = False) -> str:
    """A distance figure in words: the figure, who gave it, when, and its status."""
    metric = ds.metrics[obs.metric]
    status = status_text(obs.status)
    when = formatting.short_date(obs.date) if short else formatting.long_date(obs.date)
    return f"{formatting.observed(obs, metric.unit)}: {ds.claimants[obs.claimant].name}, {when} ({status})"


def _shown(place: Place, p: MapPlan) -> str:
    if place.positioned:
        return t("drawn")
    if place.id in p.marked:
        return t("marked at {place}: own position not published", place=p.marked[place.id].name)
    return t("not drawn: position not published")


def _status(place: Place, p: MapPlan) -> str:
    first = p.first_event(place.id)
    if first is None:
        return t(place.status)
    return t("{state} (first reported hit {day})", state=t(place.status), day=formatting.long_date(first.date))


def table(p: MapPlan, ds) -> tuple[list[str], list[list[str]]]:
    """The map's table: one row per place, drawn or not, with its source."""
    head = ["Place", "Kind", "Latitude", "Longitude", "Status", "On the map", "Source", "Note"]
    if p.spec.claims:
        head.insert(6, "Said to be taken")
    body = []
    for place in p.listed:
        body.append(
            [
                place.name,
                t(place.kind),
                _num(place.lat) or t("not published"),
                _num(place.lon) or t("not published"),
                _status(place, p),
                _shown(place, p),
                ds.sources[place.source].credit,
                place.note,
            ]
        )
        if p.spec.claims:
            body[-1].insert(6, _claims_text(place, p, ds))
    return head, body


def _claims_text(place: Place, p: MapPlan, ds: Dataset) -> str:
    """Each claim about a place: when, by whom, its status and its source."""
    return "; ".join(
        f"{formatting.long_date(e.date)}: {e.label} ({EVENT_STATUS_SHORT[e.status]}; {ds.credit(e)})"
        for e in p.claims.get(place.id, [])
    )


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def csv_text(p: MapPlan, ds: Dataset) -> str:
    """The map's CSV download: one row per place (CSV_COLUMNS)."""
    rows = []
    for place in p.listed:
        source = ds.sources[place.source]
        first = p.first_event(place.id)
        rows.append(
            dict(
                id=place.id,
                name=place.name,
                kind=place.kind,
                lat=_num(place.lat),
                lon=_num(place.lon),
                status=place.status,
                shown=_shown(place, p),
                first_reported=first.date.isoformat() if first else "",
                claims=_claims_text(place, p, ds),
                # The groups of those who said they took the place, in the claims' order.
                claimant_groups=";".join(ds.claimants[e.claimant].group for e in p.claims.get(place.id, [])),
                source=place.source,
                source_publisher=source.publisher,
                source_credit=source.credit,
                source_url=source.url,
                note=place.note,
            )
        )
    return tables.csv_text(CSV_COLUMNS, rows)


def key(p: MapPlan, ds: Dataset) -> str:
    """The map's key: what its dots, marks, area, lines and scale bar mean."""
    parts = [
        t(
            "Dots mark the centre point of each town or city as published in the source named in the table; "
            "they do not show a place's extent."
        )
    ]
    if p.marked:
        kinds = sorted({ds.places[structure_id].kind for structure_id in p.marked})
        if len(p.marked) == 1:
            parts.append(
                t(
                    "The {kind}'s own position was not published, so its symbol sits on the point of the "
                    "settlement it is named after; its colour and shape give its reported state.",
                    kind=t(kinds[0]),
                )
            )
        else:
            things = f" {t('and')} ".join(t(f"{k}s") for k in kinds)
            parts.append(
                t(
                    "The {things}' own positions were not published, so each symbol sits on the point of the "
                    "settlement it is named after; its colour and shape give its reported state.",
                    things=things,
                )
            )
    if any(p.claims.get(pl.id) for pl in p.drawn):
        groups = [
            g for g in GROUPS if any(ds.claimants[e.claimant].group == g for evs in p.claims.values() for e in evs)
        ]
        parts.append(
            t(
                "Marks above a place show who said it was taken, and when (hover or see the table): colour and "
                "shape give the speaker's group ({groups}); a filled mark is confirmed independently, an open mark "
                "with a dot is a statement on record, an open mark a media report, a crossed mark disputed.",
                groups=", ".join(f"{GROUP_GLYPHS[g]} {GROUP_LABELS[g]}" for g in groups),
            )
            + ("" if p.areas else " " + t("No area of control is drawn: none was sourced."))
        )
    if p.areas:
        names = [formatting.day_month(d.date) for d in p.areas]
        who = ds.claimants[p.areas[0].claimant].name
        parts.append(
            t(
                "The shaded area is the Russian-occupied area on {who}'s map as of {days}, each day with its own "
                "edge (solid, dashed, dotted in that order): ground shown as occupied since {first} is darkest, "
                "each later addition lighter. {who} is a volunteer project, not an official source; its edge is a "
                "line drawn through a zone of fighting.",
                who=who,
                days=(", ".join(names[:-1]) + f" {t('and')} " + names[-1] if len(names) > 1 else names[0]),
                first=names[0],
            )
        )
    if p.lines:
        parts.append(t("Lines are generalised from public-domain Natural Earth data and are only approximate."))
    if p.areas:
        parts.append(
            t(
                "Occupied area: DeepState's map, as archived daily by cyterat/deepstate-map-data, drawn simplified "
                "to {degrees}° (about {metres} m).",
                degrees=formatting.number(AREA_DRAW_TOLERANCE),
                metres=f"{AREA_DRAW_TOLERANCE * KM_PER_DEGREE * 1000:.0f}",
            )
        )
    parts.append(t("The scale bar ({km} km) is measured at the map's middle latitude.", km=scale_km(p.box)))
    return " ".join(parts)


def _claims_share(observations: list) -> str:
    """How many of the figures are claims, in words: none, some or all."""
    claims = sum(o.status in UNVERIFIED for o in observations)
    if not claims:
        return ""
    if claims == len(observations):
        return (
            t(" (all claims, not independently verified)")
            if claims > 1
            else t(" (a claim, not independently verified)")
        )
    if claims == 1:
        return t(" ({n} of the {total} is a claim, not independently verified)", n=claims, total=len(observations))
    return t(" ({n} of the {total} are claims, not independently verified)", n=claims, total=len(observations))


def notes(p: MapPlan, ds: Dataset) -> list[str]:
    """The map's notes: what is not drawn and why, the distances as reported, the lines' and area's origins."""
    out = []
    if p.unplaced:
        items = []
        for place in p.unplaced:
            first = p.first_event(place.id)
            state = (
                ", "
                + t("{state}, first reported hit {day}", state=t(place.status), day=formatting.long_date(first.date))
                if first
                else ""
            )
            items.append(f"{place.name} ({t(place.kind)}{state})")
        out.append(
            t("Not on the map, for want of a published position: {items}. The table says more.", items="; ".join(items))
        )
    hidden = [(pl, e) for pl in p.listed if not pl.positioned for e in p.claims.get(pl.id, [])]
    if hidden:
        out.append(
            t(
                "Said to be taken, but not on the map for want of a published position: {items}.",
                items="; ".join(
                    t(
                        "{place}, {day}, by {who} ({status})",
                        place=pl.name,
                        day=formatting.long_date(e.date),
                        who=ds.claimants[e.claimant].name,
                        status=EVENT_STATUS_SHORT[e.status],
                    )
                    for pl, e in hidden
                ),
            )
        )
    for observations in p.distances.values():
        if not observations:
            continue
        metric = ds.metrics[observations[0].metric]
        out.append(
            t(
                "{label}, as reported{share}: {figures}. Sources measured from different points, so the figures are "
                "not drawn as rings on the map.",
                label=metric.label,
                share=_claims_share(observations),
                figures="; ".join(distance_text(o, ds) for o in observations),
            )
        )
    for line in p.lines:
        out.append(f"{t(line.name)}: {t(line.note)}")  # data/geo's words: the catalogue has them
    if p.areas:
        first = p.areas[0]
        out.append(
            t(
                "The occupied area is DeepState's map as the cyterat/deepstate-map-data archive saved it at about "
                "03:00 UTC on each day shown ({files}, archive commit {commit}), cut to the map's frame and stored "
                "simplified to {stored}° (distances are measured on that), drawn at {drawn}°; pockets of under "
                "2 km² inside it that the map did not show as occupied are filled over. The table lists the "
                "places, not the area.",
                files=", ".join(d.archive.file.rsplit("/", 1)[-1] for d in p.areas),
                commit=first.archive.commit[:7],
                stored=formatting.number(first.tolerance),
                drawn=formatting.number(AREA_DRAW_TOLERANCE),
            )
        )
    return out


def area_label(day: AreaDay, ds: Dataset) -> str:
    """A day of occupied area as the key names it: whose map, as of which day."""
    return t("{who}'s map as of {day}", who=ds.claimants[day.claimant].name, day=formatting.day_month(day.date))
