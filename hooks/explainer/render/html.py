"""HTML for charts, facts, the bibliography and the error panel.

Jinja2 autoescaping escapes every value from the data wherever it lands (text or attribute).
"""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..kinds.base import ChartView
from ..model import formatting
from ..model.claims import status_text

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=False,
)


def _render(name: str, **context) -> str:
    return _env.get_template(name).render(**context)


def chart(view: ChartView, csv_url: str, plotly_url: str) -> str:
    figure_json = json.dumps(view.figure, separators=(",", ":"), ensure_ascii=False)
    return _render(
        "chart.html",
        c=view,
        figure_json=figure_json,
        csv_url=csv_url,
        plotly_url=plotly_url,
        as_of=formatting.long_date(view.as_of),
    )


def fact(obs, metric, claimant, source, tip_id: str) -> str:
    status = status_text(obs.status)
    return _render(
        "fact.html",
        text=formatting.quantity(obs.value, metric.unit),
        claimant=claimant,
        source=source,
        side=claimant.side,
        status=status,
        as_of=formatting.long_date(obs.date),
        tip_id=tip_id,
    )


def cite(source) -> str:
    return _render("cite.html", source=source)


def bibliography(entries: list[dict]) -> str:
    """entries: {"source": Source, "citations": [{"label", "url"}]}, in the order to list them."""
    dated = [{**e, "published": formatting.long_date(e["source"].published)} for e in entries]
    return _render("bibliography.html", entries=dated)


def problems(items) -> str:
    return _render("problems.html", problems=items)


def broken(text: str, message: str) -> str:
    return _render("broken.html", text=text, message=message)
