"""The data package's index: a page of the site (the generator adds it to its pages, at
outputs.DATA_PAGE) or, for a generator without that hook, a standalone page in the package's folder."""

from __future__ import annotations

from datetime import date

from .. import outputs
from ..language import Language, t
from ..render import html
from . import citation, licence
from .identity import SiteInfo
from .package import Package


def page(package: Package, info: SiteInfo, revised: date | None, edition: Language) -> dict[str, str]:
    """The index as a page of the site: its source path (outputs.DATA_PAGE), title, description
    and HTML content (links relative to the package's folder, where its files are written after
    the pages). A translated edition's page says, in its language, where the one package is."""
    if not edition.is_source:
        # The package is the data as written, with English column names: a translated edition's
        # page says so in its language and links it (from uk/data/ to the package's folder).
        up = "../" * (1 + edition.prefix.count("/"))
        return {
            "path": outputs.DATA_PAGE,
            "title": t("The data"),
            "description": t("Every figure, event, place and source behind this site, as one data package."),
            "html": html.data_elsewhere(
                up + outputs.package(), up + outputs.package(outputs.ZIP_NAME), package.version
            ),
        }
    return {
        "path": outputs.DATA_PAGE,
        "title": package.descriptor["title"],
        "description": package.descriptor["description"],
        "html": render(package, info, revised, standalone=False),
    }


def render(package: Package, info: SiteInfo, revised: date | None, standalone: bool) -> str:
    """The index's HTML: standalone, a whole document for the package's folder; else the content
    of a page of the site, which the theme wraps."""
    listed = [
        {"name": r["path"], "description": r["description"], "bytes": r["bytes"]}
        for r in package.descriptor["resources"]
    ]
    listed += [
        {"name": name, "description": what, "bytes": len(package.files[name])}
        for name, what in (
            ("datapackage.json", "The package's description for software: schemas, keys, licence, sources."),
            ("README.md", "What every column and status means, and how to cite."),
        )
    ]
    return html.package_index(
        package.descriptor["title"],
        package.descriptor["description"],
        package.version,
        outputs.ZIP_NAME,
        len(package.files[outputs.ZIP_NAME]),
        listed,
        citation.site(info, package.version, revised),
        licence,
        outputs.from_package(outputs.FEED_PATH),
        standalone=standalone,
    )
