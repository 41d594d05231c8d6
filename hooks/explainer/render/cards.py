"""Each page's social card: which picture it gets (its first chart, else its first quoted figure,
else its title alone) and the name it is published under."""

from __future__ import annotations

from .. import outputs
from ..kinds import ChartView
from ..language import t
from ..model import formatting
from ..model.statuses import status_text
from .gallery import Card, chart_card, figure_card
from .pictures import Renderer


def choose(title: str, view: ChartView | None, key_fact: tuple | None, site_name: str) -> Card:
    """A page's card from its title, its first chart and its first :fact (obs, metric, claimant)."""
    title = title or site_name
    if view is not None:
        return chart_card(view, title, site_name)
    if key_fact is not None:
        obs, metric, claimant = key_fact
        value = formatting.observed(obs, metric.unit)  # with its qualifier ("more than", a range)
        # A card travels without its page: it says how far the figure is established.
        what = f"{metric.label}, {t('as of')} {formatting.long_date(obs.date)} ({claimant.name}; {status_text(obs.status)})"
        return figure_card(value, what, title, site_name, f"{metric.label}: {value}, {what}")
    return figure_card("", "", title, site_name, title)


def path(page_url: str, card: Card, renderer: Renderer) -> str:
    """The card's site path: named for its page, with a hash of what it shows (a share shows the new one)."""
    slug = page_url.strip("/").replace("/", "-") or "index"
    return outputs.card(slug, renderer.path_for(card.job()).stem[:10])
