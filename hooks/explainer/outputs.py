"""Where a build puts what it writes beside the pages, named once. Every path is relative to the
site's root (the folder the generator writes to), as links and files both use it; the published
addresses are a contract with readers and embedders, so changing one breaks their links.
Code and tests ask here (`outputs.download(...)`), never spell a path themselves."""

from __future__ import annotations

from .language import current, language

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
INDEX = "index.html"  # the file a folder address (embed/<chart>/, the package's folder) serves


# A translated edition has its own pictures, downloads, embeds, cards and feed under its prefix
# (uk/assets/data/...): they are drawn in its language. The data package and plotly.js are one.
# lang: the edition's language code; by default the current one (the build's).


def _prefix(lang: str | None) -> str:
    return (language(lang) if lang else current()).prefix


def download(chart_id: str, fmt: str, lang: str | None = None) -> str:
    """A chart's download: fmt is csv, png or svg."""
    return f"{_prefix(lang)}{DOWNLOADS}/{chart_id}.{fmt}"


def days(chart_id: str, lang: str | None = None) -> str:
    """A map's occupied area day by day, for its live chart's date control (fetched only then)."""
    return f"{_prefix(lang)}{DOWNLOADS}/{chart_id}.days.json"


def downloads(lang: str | None = None) -> str:
    """The folder of the edition's downloads."""
    return f"{_prefix(lang)}{DOWNLOADS}/"


def embed(chart_id: str, lang: str | None = None) -> str:
    """A chart's embed page (a folder url: the file is INDEX in it)."""
    return f"{_prefix(lang)}{EMBEDS}/{chart_id}/"


def embeds(lang: str | None = None) -> str:
    """The folder of the edition's embed pages."""
    return f"{_prefix(lang)}{EMBEDS}/"


def card(slug: str, key: str, lang: str | None = None) -> str:
    """A page's social card; key (from its content) changes the name when the card changes."""
    return f"{cards(lang)}{slug}.{key}.png"


def cards(lang: str | None = None) -> str:
    """The folder of the edition's social cards."""
    return f"{_prefix(lang)}{CARDS}/"


def feed(lang: str | None = None) -> str:
    """The edition's Atom feed: feed.xml, uk/feed.xml."""
    return f"{_prefix(lang)}{FEED_PATH}"


def package(name: str = "") -> str:
    """The data package's folder (name "") or a file in it."""
    return f"{PACKAGE_DIR}/{name}"


def from_package(path: str) -> str:
    """A site path as a link from the package's index page, in the package's folder."""
    return "../" * package().count("/") + path


def page_file(url: str) -> str:
    """The file of a page at a site url: why/ -> why/index.html, "" -> index.html, a.html -> a.html."""
    return url if url.endswith(".html") else f"{url}{INDEX}"
