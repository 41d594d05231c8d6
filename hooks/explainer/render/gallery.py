"""What a build draws as images: each chart's inline pictures, its PNG/SVG downloads, each page's card.

Pictures are drawn at a few widths (phone, tablet, desktop column) and the chart's own height; the
stylesheet shows the one that suits its container, so the picture has the live chart's layout.
Downloads and cards are light-scheme images that carry their own credit (title, sources, site).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from markupsafe import Markup

from ..kinds.base import ChartView
from ..kinds.plot import lines, plot_text
from ..language import t
from ..model import formatting
from ..model.problems import Problems
from . import svg
from .pictures import Job, NoBrowser, Renderer, RenderFailed

# name -> width in CSS pixels; explainer.css picks one with container queries, so that the picture
# (scaled to fit its box, never past it) is drawn at no more than 1/0.83 of the size it is shown at,
# from a 288 px phone column (320 px screen) up; wider boxes show the wide picture at its own size.
WIDTHS = {"narrow": 320, "medium": 480, "wide": 700}
EXPORT_WIDTH = 800
EXPORT_HEADER = 96  # room above the plot for the title and the credit line
CARD_SIZE = (1200, 630)
WHITE = "#ffffff"


def picture_jobs(view: ChartView) -> list[Job]:
    figure = svg.themed(view.figure)
    return [Job(figure, "svg", width, view.height) for width in WIDTHS.values()]


# Inlined, checked pictures by chart id and drawn bytes: a preview server rebuilds after every save,
# and parsing the same SVGs again each time is most of what a warm rebuild spends on pictures.
_INLINED: dict[tuple, Markup] = {}


def picture_html(view: ChartView, drawn: list[bytes]) -> Markup:
    """The pictures for the page, one per width (already-safe markup: plotly escapes data text and
    svg.inline refuses anything executable)."""
    rows = repr(
        [t.get("ids") for t in view.figure["data"]] + [s.get("name") for s in view.figure["layout"].get("shapes", [])]
    )
    key = (view.spec.id, rows, *(hashlib.sha256(d).digest() for d in drawn))
    if key not in _INLINED:
        parts = [
            svg.inline(data, f"xpic-{view.spec.id}-{name}", f"xchart__svg xchart__svg--{name}", view.figure)
            for name, data in zip(WIDTHS, drawn, strict=True)
        ]
        if len(_INLINED) > 500:  # charts edited many times in one session: start afresh
            _INLINED.clear()
        _INLINED[key] = Markup('<div class="xchart__picture">' + "".join(parts) + "</div>")
    return _INLINED[key]


def credit(view: ChartView, site_name: str) -> str:
    names = "; ".join([label for _, label in view.lead_links] + view.group_texts)
    sources = t("Sources:") if len(view.sources) > 1 else t("Source:")
    return f"{sources} {names} · {t('As of')} {formatting.long_date(view.as_of)} · {site_name}"


def _light(figure: dict, background: str = WHITE) -> dict:
    out = svg.themed(figure, svg.LIGHT)
    out["layout"]["paper_bgcolor"] = background
    out["layout"]["plot_bgcolor"] = background
    return out


def _with_header(figure: dict, title: str, subtitle: str, height: int, top: int, size: int) -> dict:
    """figure with a title on top, changed in place: each caller's is its own copy (from _light),
    and copying every download's and card's figure again cost a warm build more than drawing nothing."""
    out = figure
    layout = out["layout"]
    layout["height"] = height
    margin = dict(layout.get("margin") or {})
    margin["t"] = top
    margin["l"] = max(int(margin.get("l", 8)), 16)
    margin["r"] = max(int(margin.get("r", 16)), 16)
    layout["margin"] = margin
    layout["title"] = dict(
        text=f"<b>{svg_text(title)}</b>",
        x=0,
        xref="paper",
        xanchor="left",
        y=1,
        yref="container",
        yanchor="top",
        pad=dict(t=16),
        font=dict(size=size + 5),
        subtitle=dict(text=subtitle, font=dict(size=size - 1)),
    )
    return out


def svg_text(text: str) -> str:
    """Plotly renders a little HTML in titles: data text must arrive as plain text."""
    return plot_text(text)


def export_figure(view: ChartView, site_name: str) -> dict:
    """The chart as a standalone image: its title on top, its sources and the site's name under it."""
    figure = _light(view.figure)
    height = view.height + EXPORT_HEADER
    return _with_header(figure, view.spec.title, lines(credit(view, site_name), 110), height, EXPORT_HEADER, 13)


def download_jobs(view: ChartView, site_name: str) -> list[Job]:
    figure = export_figure(view, site_name)
    height = view.height + EXPORT_HEADER
    return [Job(figure, "png", EXPORT_WIDTH, height, 2), Job(figure, "svg", EXPORT_WIDTH, height)]


@dataclass(frozen=True)
class Card:
    """A page's social card: what it shows and its text alternative."""

    page_title: str
    alt: str
    figure: dict

    def job(self) -> Job:
        return Job(self.figure, "png", *CARD_SIZE)


def chart_card(view: ChartView, page_title: str, site_name: str) -> Card:
    figure = _light(view.figure)
    figure["layout"].setdefault("font", {})["size"] = 18
    subtitle = lines(f"{view.spec.title} · {site_name}", 90)
    figure = _with_header(figure, page_title, subtitle, CARD_SIZE[1], 120, 22)
    return Card(page_title, view.spec.summary, figure)


def figure_card(value: str, what: str, page_title: str, site_name: str, alt: str) -> Card:
    """A card with one key figure (or, with no value, the page title alone) drawn as plotly text."""
    hidden = dict(visible=False, fixedrange=True)
    annotations = []
    if value:
        annotations = [
            dict(text=f"<b>{svg_text(value)}</b>", x=0, y=0.62, xanchor="left", font=dict(size=96)),
            dict(text=lines(what, 60), x=0, y=0.3, xanchor="left", yanchor="top", font=dict(size=28), align="left"),
        ]
    for a in annotations:
        a.update(xref="paper", yref="paper", showarrow=False)
    figure = {
        "data": [],
        "layout": dict(
            xaxis=hidden, yaxis=hidden, showlegend=False, annotations=annotations, margin=dict(l=64, r=64, b=48)
        ),
    }
    figure = _with_header(_light(figure), page_title, svg_text(site_name), CARD_SIZE[1], 150, 40)
    figure["layout"]["title"]["x"] = 0
    figure["layout"]["title"]["pad"] = dict(t=48, l=0)
    return Card(page_title, alt, figure)


class Gallery:
    """One build's images, drawn through the cache; a missing browser is one problem, once."""

    def __init__(self, renderer: Renderer | None, problems: Problems):
        self.renderer = renderer
        self.problems = problems
        self.failed = False

    def _render(self, jobs: list[Job]) -> list[bytes] | None:
        if self.renderer is None or self.failed or not jobs:
            return None
        try:
            return self.renderer.render(jobs)
        except (NoBrowser, RenderFailed) as exc:
            self.failed = True
            self.problems.add("chart images", None, None, str(exc))
            return None

    def pictures(self, views: dict[str, ChartView]) -> dict[str, Markup]:
        """Every chart's inline picture, all drawn in one go (one browser session for the misses)."""
        jobs = {cid: picture_jobs(v) for cid, v in views.items()}
        drawn = self._render([j for js in jobs.values() for j in js])
        if drawn is None:
            return {}
        out, i = {}, 0
        for cid, js in jobs.items():
            try:
                out[cid] = picture_html(views[cid], drawn[i : i + len(js)])
            except (svg.UnsafeSvg, svg.MarksMismatch) as exc:
                self.problems.add("chart images", None, None, f"chart '{cid}': {exc}")
            i += len(js)
        return out

    def images(self, jobs: list[Job]) -> list[bytes] | None:
        return self._render(jobs)
