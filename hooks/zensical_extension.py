"""Zensical wiring, as far as Zensical 0.1 goes: it loads Python-Markdown extensions by name and
runs no hooks. List this module in its config's Markdown extensions, with `hooks/` on PYTHONPATH:

    PYTHONPATH=hooks zensical build     # markdown_extensions: - zensical_extension

Each page then takes its url and file from Zensical's rendering context (explainer/markdown/
context.py), and the build fails, with file:line messages, on any data or page problem and on any
directive that needs the build's other steps (README, "Moving to another generator").
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from explainer import DataError, Site
from explainer.markdown.extension import DirectivesExtension
from explainer.publish.identity import SiteInfo


def makeExtension(
    root: str = ".", site_url: str = SiteInfo.url, site_name: str = SiteInfo.name, language: str = "en"
) -> DirectivesExtension:
    """The directives over the data in root/data (the project folder Zensical runs in); language:
    the edition's (uk: Ukrainian words and formats, the data's uk: translations, checked)."""
    # No pictures: nothing would write them (and every page that places a chart fails anyway).
    info = SiteInfo(name=site_name, url=site_url)
    site = Site.load(Path(root).resolve(), info=info, pictures=False, lang=language)
    if site.errors:
        raise DataError(site.errors)
    return site.extension()
