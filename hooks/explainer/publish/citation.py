"""How to cite the site or one chart: a line for prose and a BibTeX entry for reference managers.

The date accessed is the reader's, not the build's: a static page cannot know it without
JavaScript, and a build date would be wrong for anyone reading later. So the line says
"accessed [date]" and the BibTeX entry's urldate reads YYYY-MM-DD, both for the reader to fill
in. The data version pins what was read."""

from __future__ import annotations

from dataclasses import dataclass

from ..outputs import PACKAGE_NAME
from . import licence
from .identity import SiteInfo

ACCESSED = "[date]"
URLDATE = "YYYY-MM-DD"

_BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex_text(text: str) -> str:
    """Text from the data, safe inside a BibTeX value (no brace or command can be injected)."""
    return "".join(_BIBTEX_SPECIAL.get(ch, ch) for ch in " ".join(str(text).split()))


def _bibtex_url(url: str) -> str:
    return "".join(ch for ch in url if ch not in "{}\\ ")


@dataclass(frozen=True)
class Citation:
    line: str
    bibtex: str


def _year(version: str) -> str:
    head = version.split("+", 1)[0]
    return head[:4] if head[:4].isdigit() else ""


def _entry(key: str, title: str, container: str | None, url: str, info: SiteInfo, version: str) -> str:
    fields = [
        ("author", "{" + bibtex_text(info.publisher) + "}"),
        ("title", "{" + bibtex_text(title) + "}"),
    ]
    if container:
        fields.append(("howpublished", r"Chart in \emph{" + bibtex_text(container) + "}"))
    year = _year(version)
    if year:
        fields.append(("year", year))
    fields += [
        ("url", _bibtex_url(url)),
        ("urldate", URLDATE),
        ("version", bibtex_text(version)),
        ("note", f"Data version {bibtex_text(version)}; licence {licence.SHORT}"),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"% Set urldate to the day you read it.\n@misc{{{key},\n{body},\n}}"


def site_line(info: SiteInfo, version: str) -> str:
    return f"{info.publisher}, “{info.name}”, {info.root}, data version {version}, accessed {ACCESSED}."


def site(info: SiteInfo, version: str) -> Citation:
    return Citation(site_line(info, version), _entry(PACKAGE_NAME, info.name, None, info.root, info, version))


def chart(info: SiteInfo, version: str, chart_id: str, title: str, url: str) -> Citation:
    """url: the chart's absolute address (its page with #chart-id)."""
    line = f"{info.publisher}, “{title}”, chart in “{info.name}”, {url}, data version {version}, accessed {ACCESSED}."
    return Citation(line, _entry(f"{PACKAGE_NAME}-{chart_id}", title, info.name, url, info, version))
