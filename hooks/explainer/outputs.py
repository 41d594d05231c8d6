"""Where a build puts what it writes beside the pages, named once. Every path is relative to the
site's root (the folder the generator writes to), as links and files both use it; the published
addresses are a contract with readers and embedders, so changing one breaks their links."""

from __future__ import annotations

from .language import current

DOWNLOADS = "assets/data"  # each placed chart's CSV, PNG and SVG
CARDS = "assets/cards"  # each page's social card
EMBEDS = "embed"  # each chart's embed page, embed/<chart>/
VENDOR = "assets/vendor"  # plotly.js, under a content-hashed name
PACKAGE_NAME = "kursk-pokrovsk-data"
PACKAGE_DIR = "data"  # the data package's folder: its files, README, datapackage.json, index page
ZIP_NAME = f"{PACKAGE_NAME}.zip"  # the whole package as one zip, in PACKAGE_DIR
DATA_PAGE = f"{PACKAGE_DIR}/index.md"  # the package's index as a page the generator adds (Site.data_page)
FEED_PATH = "feed.xml"  # the Atom feed of updates and corrections
HEADERS = "_headers"  # the Content-Security-Policy header line, for hosts that read it (render/csp.py)


# A translated edition has its own pictures, downloads, embeds, cards and feed under its prefix
# (uk/assets/data/...): they are drawn in its language. The data package and plotly.js are one.


def download(chart_id: str, fmt: str) -> str:
    """A chart's download: fmt is csv, png or svg."""
    return f"{current().prefix}{DOWNLOADS}/{chart_id}.{fmt}"


def days(chart_id: str) -> str:
    """A map's occupied area day by day, for its live chart's date control (fetched only then)."""
    return f"{current().prefix}{DOWNLOADS}/{chart_id}.days.json"


def embed(chart_id: str) -> str:
    """A chart's embed page (a folder url: the file is index.html in it)."""
    return f"{current().prefix}{EMBEDS}/{chart_id}/"


def card(slug: str, key: str) -> str:
    """A page's social card; key (from its content) changes the name when the card changes."""
    return f"{current().prefix}{CARDS}/{slug}.{key}.png"


def feed() -> str:
    """The edition's Atom feed: feed.xml, uk/feed.xml."""
    return f"{current().prefix}{FEED_PATH}"


def package(name: str = "") -> str:
    """The data package's folder (name "") or a file in it."""
    return f"{PACKAGE_DIR}/{name}"
