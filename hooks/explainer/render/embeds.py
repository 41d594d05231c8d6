"""Each placed chart's embed page (outputs.embed: embed/<chart>/), the standalone page another site
frames: the chart's picture, the live chart when a reader asks, its source line and a link back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import outputs
from ..kinds import ChartView
from . import html
from .assets import Bundle


def write(
    site_dir: Path,
    charts: dict[str, tuple[ChartView, str]],
    picture: Callable[[str], str],
    assets: dict[str, str],
    bundle: Bundle | None,
    site_name: str,
    secure: Callable[[str], str],
) -> list[Path]:
    """One embed page per chart that has a picture. charts: chart id -> (its view, the url of the
    page that places it); assets: site paths of the runtime script ("script"), the embed page's
    stylesheet and script ("style", "embed") and its icon ("icon"); secure: the page with its
    Content-Security-Policy (or as it is, for a preview)."""
    written = []
    for chart_id, (view, page_url) in charts.items():
        shown = picture(chart_id)
        if not shown:
            continue
        prefix = "../" * outputs.embed(chart_id).count("/")  # from the embed page to the root
        here = {name: prefix + path for name, path in assets.items()}
        here["plotly"] = prefix + bundle.site_path if bundle else ""
        here["days"] = prefix + outputs.days(chart_id) if view.days else ""  # a map's days (publish/files.py)
        page = secure(html.embed_page(view, shown, f"{prefix}{page_url}#chart-{chart_id}", here, site_name))
        target = site_dir / outputs.embed(chart_id) / outputs.INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page, encoding="utf-8")
        written.append(target)
    return written
