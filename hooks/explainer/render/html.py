"""HTML for charts, facts, the bibliography and the error panel.

Jinja2 autoescaping escapes every value from the data wherever it lands (text or attribute).
"""

from __future__ import annotations

import json
import re
from html import escape
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ..kinds.base import ChartView
from ..language import current, t
from ..model import formatting
from ..model.claims import GROUP_LABELS, status_text
from ..model.palette import GROUP_GLYPHS
from .compiled import TEMPLATES

_env = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(default=True, default_for_string=True),
    undefined=StrictUndefined,
    keep_trailing_newline=False,
    bytecode_cache=TEMPLATES,
)
_env.globals["t"] = t  # the engine's own words, in the build's language (explainer.language)


def _render(name: str, **context) -> str:
    return _env.get_template(name).render(**context)


def explanations(view: ChartView) -> set[str]:
    """The parts of "how to read these charts" a chart relies on (maps explain their own marks)."""
    if view.key:
        return set()
    if view.events:
        return {"events"}
    return (
        {"figures"}
        | ({"claims"} if view.has_claims else set())
        | {name for name, drawn in (("bounds", view.bounds), ("ranges", view.ranges)) if drawn}
    )


def chart(
    view: ChartView,
    csv_url: str,
    plotly_url: str,
    cite=None,
    package_url: str = "",
    zip_url: str = "",
    picture: str = "",
    image_urls: dict | None = None,
    embed_url: str = "",
    explain: set[str] | None = None,
    how_to_read_here: bool = True,
    days_url: str = "",
) -> str:
    """cite: a publish.citation.Citation for the chart's "How to cite"; package_url: the data package;
    picture: safe markup (gallery.picture_html); explain: the parts of "how to read these charts"
    this chart says (default: all it needs; the page says each part once), how_to_read_here: this
    chart's key is where the page's explanation starts; everything else is escaped here."""
    return _render(
        "chart.html",
        **_chart_context(view),
        explain=explanations(view) if explain is None else explain,
        how_to_read_here=how_to_read_here,
        csv_url=csv_url,
        plotly_url=plotly_url,
        cite=cite,
        package_url=package_url,
        zip_url=zip_url,
        glyphs=GROUP_GLYPHS,
        group_labels=GROUP_LABELS,
        picture=picture,
        image_urls=image_urls or {},
        embed_url=embed_url,
        days_url=days_url,
        snippet=embed_snippet(view, embed_url) if embed_url else "",
    )


def embed_snippet(view: ChartView, embed_url: str) -> str:
    """The iframe code a reader copies: plain text (escaped again where the page shows it)."""
    return (
        f'<iframe src="{escape(embed_url)}" title="{escape(view.spec.title)}" width="100%" '
        f'height="{view.height + EMBED_EXTRA}" style="border:0" loading="lazy"></iframe>'
    )


# The embed page's title, source line and link under the plot, in CSS pixels (its script then
# posts its real height to the host page).
EMBED_EXTRA = 180


def embed_page(view: ChartView, picture: str, page_url: str, assets: dict, site_name: str) -> str:
    """A standalone page with one chart: picture, lazy live chart, source line, link back."""
    return _render(
        "embed.html",
        **_chart_context(view),
        picture=picture,
        page_url=page_url,
        assets=assets,
        site_name=site_name,
        lang=current().code,
    )


# The live chart answers through the runtime, from the table (plotly's own hover is off), so the
# page's figure leaves out plotly's hover text: a third of a figure's weight on some charts.
LIVE_UNUSED = frozenset({"customdata", "hovertemplate"})


def _chart_context(view: ChartView) -> dict:
    """What the chart block and the embed page both show: the view, its figure as JSON (escaped
    into an attribute by the template), its as-of date."""
    live = {
        "data": [{k: v for k, v in t.items() if k not in LIVE_UNUSED} for t in view.figure["data"]],
        "layout": view.figure["layout"],
    }
    return {
        "c": view,
        "figure_json": json.dumps(live, separators=(",", ":"), ensure_ascii=False),
        "as_of": formatting.long_date(view.as_of),
        "words_json": json.dumps(runtime_words(view), separators=(",", ":"), ensure_ascii=False),
    }


def runtime_words(view: ChartView) -> dict[str, str]:
    """The words the browser runtime (docs/javascripts/charts.js) says about this chart, in the
    page's language: it takes them from the figure's data-words, never its own English."""
    return {
        "asOf": t("As of {date}", date="{date}"),
        "saidTaken": t("Said to be taken:"),
        "source": t("Position:") if view.spec.kind == "map" else t("Source:"),
        "failed": t("This chart could not be drawn."),
        "failedTable": t("This chart could not be drawn. Its data is in the table below."),
        "explore": t("{title}: explore its points", title="{title}"),
        "hint": t("Tap or hover a place for details")
        if view.spec.kind == "map"
        else t("Tap or hover a mark for details"),
        # A map with days to step through says so on its button: the date control comes with the live chart.
        "zoom": t("Day by day, zoom and pan") if view.days else t("Zoom and pan"),
        "zoomLabel": t("Day by day, zoom and pan: {title}", title="{title}")
        if view.days
        else t("Zoom and pan: {title}", title="{title}"),
    }


def fact(obs, metric, claimant, sources, tip_id: str) -> str:
    """sources: the row's sources, the quoted one first (the figure links to it; the others are
    linked in its hover and focus text)."""
    status = status_text(obs.status)
    return _render(
        "fact.html",
        text=formatting.observed(obs, metric.unit),
        claimant=claimant,
        sources=list(sources),
        group=claimant.group,
        status=status,
        as_of=formatting.long_date(obs.date),
        tip_id=tip_id,
    )


def cite(source) -> str:
    return _render("cite.html", source=source)


def bibliography(groups: dict[str, list[dict]], kind_labels: dict[str, str]) -> str:
    """groups: source kind -> entries {"source": Source, "citations": [{"label", "url"}]}."""
    return _render("bibliography.html", groups=groups, kind_labels=kind_labels, long_date=formatting.long_date)


def whos_who(groups: dict[str, list[dict]], group_labels: dict[str, str]) -> str:
    """groups: claimant group -> entries {"claimant": Claimant, "shown": [{"label", "url"}]}."""
    return _render("whos_who.html", groups=groups, group_labels=group_labels, glyphs=GROUP_GLYPHS)


def relays(entries: list[dict], rows: int) -> str:
    """entries: {"date", "what", "credit", "shown": [{"label", "url"}]}; rows: figures and events in all."""
    return _render("relays.html", entries=entries, rows=rows, long_date=formatting.long_date)


def corrections(entries: list[dict], heading: bool) -> str:
    """entries: {"correction": Correction, "pages": [{"label", "url"}]}; `heading` for a page's foot."""
    return _render("corrections.html", entries=entries, heading=heading, long_date=formatting.long_date)


def reuse(cite, version: str, package_url: str, zip_url: str, licence) -> str:
    """The site's "download all the data", licence and "how to cite" block."""
    return _render("reuse.html", cite=cite, version=version, package_url=package_url, zip_url=zip_url, licence=licence)


def publisher(name: str, contact: str, funding: str | None = None) -> str:
    """Who publishes the site, the editors' address (mailto: or https, checked when loaded) and how
    the site is funded (None: the generator gives no statement to show)."""
    shown = contact[len("mailto:") :] if contact.startswith("mailto:") else contact
    funding = None if funding is None else funding.strip()
    return _render("publisher.html", publisher=name, contact=contact, shown=shown, funding=funding)


def page_dates(dates) -> str:
    """A page's (or the site's) dates line: model.dates.Dates."""
    return _render("dates.html", items=dates.items())


def problems(items) -> str:
    return _render("problems.html", problems=items)


# Where a preview's page holds its problems panel (the generator puts PANEL where it goes): kept
# between two markers, so the panel can be redrawn in a page already written.
PANEL = "<!--xpl-problems-->"
_PANEL_END = "<!--/xpl-problems-->"
_PANEL_RE = re.compile(re.escape(PANEL) + ".*?" + re.escape(_PANEL_END), re.S)


def with_panel(page_html: str, panel: str) -> str:
    """The page with panel in its place (PANEL, or the panel put there before)."""
    slot = PANEL + panel + _PANEL_END
    if _PANEL_RE.search(page_html):
        return _PANEL_RE.sub(lambda _: slot, page_html, count=1)
    return page_html.replace(PANEL, slot, 1)


def broken(text: str, message: str) -> str:
    return _render("broken.html", text=text, message=message)


def package_index(
    title: str,
    description: str,
    version: str,
    zip_name: str,
    zip_bytes: int,
    files,
    cite,
    licence,
    feed_path: str,
    standalone: bool = True,
):
    """The data package folder's index; files: [{"name", "description", "bytes"}]. standalone: a
    whole HTML document; else the content for a page of the site, which the theme wraps."""
    return _render(
        "package_index.html" if standalone else "package_page.html",
        feed_path=feed_path,
        title=title,
        description=description,
        version=version,
        zip_name=zip_name,
        zip_bytes=zip_bytes,
        files=files,
        cite=cite,
        licence=licence,
    )


def data_elsewhere(package_url: str, zip_url: str, version: str) -> str:
    """A translated edition's data page: where the one data package is, and in which language."""
    return _render("data_elsewhere.html", package_url=package_url, zip_url=zip_url, version=version)
