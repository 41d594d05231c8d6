"""Locator maps drawn with the basic bundle's scatter traces: x is longitude, y latitude.

No geo trace, no tiles, no request to a map service. The y axis is stretched by
1/cos(mean latitude) so a kilometre is as long north-south as east-west at the map's centre
(an equirectangular view, fine at this scale). Only places with a published position are
drawn; the others are listed in the notes and the table, never guessed.

    plan.py      the spec, and what one map draws and lists (worked out once)
    geometry.py  boxes, distances, sides and spots on the flat projection (pure)
    figure.py    the traces and layout
    text.py      table, CSV, key, notes and hover words
    days.py      the occupied area day by day, for the live chart's date control (a file of its own)
    checks.py    what a spec must get right
"""

from __future__ import annotations

from ...model.dataset import Dataset
from ...model.sources import NEWS_KINDS
from ..base import ChartView, RowMeta
from . import days
from .checks import check
from .figure import area_frame, figure
from .plan import AREA_DRAW_TOLERANCE, MapPlan, Spec, plan
from .text import csv_text, key, notes, table

__all__ = ["MapPlan", "Spec", "check", "plan", "view"]


def view(spec: Spec, ds: Dataset) -> ChartView:
    """A map's rows are its places (drawn or not); table and CSV list them with their sources."""
    p = plan(spec, ds)
    head, body = table(p, ds)
    # The source line: who reported what is drawn first, then the lines' data; the places'
    # positions (often one encyclopaedia article each) as one entry, each linked in the table.
    said = {e.source for evs in (*p.events.values(), *p.claims.values()) for e in evs}
    said |= {o.source for obs in p.distances.values() for o in obs}
    grouped = [
        s for s in dict.fromkeys(pl.source for pl in p.listed) if s not in said and ds.sources[s].kind == "reference"
    ]
    if len(grouped) < 3:
        grouped = []
    reporting = sorted(
        (s for s in p.source_ids if s not in grouped), key=lambda s: ds.sources[s].kind not in NEWS_KINDS
    )
    grouped = [ds.sources[s] for s in grouped]
    drawn = figure(p, ds).finish()  # first: it numbers the area layers the days file redraws
    return ChartView(
        spec=spec,
        rows=p.listed,
        figure=drawn,
        days=days.days_file(p, ds, area_frame(p.box), AREA_DRAW_TOLERANCE) if spec.area_period and p.areas else None,
        sources=[ds.sources[s] for s in reporting] + grouped,
        grouped=[("positions of places", grouped)] if grouped else [],
        as_of=p.as_of,
        has_claims=False,  # the key and notes say which figures are claims
        table_head=head,
        table_rows=body,
        csv_text=csv_text(p, ds),
        key=key(p, ds),
        notes=notes(p, ds),
        also_drawn=[
            *dict.fromkeys(e for evs in (*p.events.values(), *p.claims.values()) for e in evs),
            *(o for obs in p.distances.values() for o in obs),
        ],
        row_meta=[RowMeta(pl.id, url=ds.sources[pl.source].url) for pl in p.listed],
    )
