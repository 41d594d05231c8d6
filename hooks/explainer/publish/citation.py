"""How to cite the site or one chart: a line for prose and a BibTeX entry for reference managers.

The date accessed is the reader's, not the build's: a static page cannot know it without
JavaScript, and a build date would be wrong for anyone reading later. So the line says
"accessed [date]" and the BibTeX entry's urldate reads YYYY-MM-DD, both for the reader to fill
in. The data version pins what was read; "last revised" is the site's (model/dates.py), and gives
the entry's year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..language import current, t
from ..model.dates import LAST_REVISED
from ..model.formatting import long_date
from ..outputs import PACKAGE_NAME
from . import licence
from .identity import SiteInfo

ACCESSED = "[date]"  # the reader's to fill in, in any language
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


def _year(version: str, revised: date | None) -> str:
    """The year the cited site was last revised; without a revision, the data version's (newest source)."""
    if revised:
        return str(revised.year)
    head = version.split("+", 1)[0]
    return head[:4] if head[:4].isdigit() else ""


def _revised(revised: date | None) -> str:
    return f"{t(LAST_REVISED).lower()} {long_date(revised)}, " if revised else ""


def _entry(
    key: str, title: str, container: str | None, url: str, info: SiteInfo, version: str, revised: date | None
) -> str:
    fields = [
        ("author", "{" + bibtex_text(info.publisher) + "}"),
        ("title", "{" + bibtex_text(title) + "}"),
    ]
    if container:
        fields.append(("howpublished", r"Chart in \emph{" + bibtex_text(container) + "}"))
    year = _year(version, revised)
    if year:
        fields.append(("year", year))
    if revised:
        fields.append(("date", revised.isoformat()))
    fields += [
        ("url", _bibtex_url(url)),
        ("urldate", URLDATE),
        ("version", bibtex_text(version)),
        ("note", f"Data version {bibtex_text(version)}; licence {licence.SHORT}"),
    ]
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"% Set urldate to the day you read it.\n@misc{{{key},\n{body},\n}}"


def site_line(info: SiteInfo, version: str, revised: date | None = None) -> str:
    return (
        f"{info.publisher}, “{info.name}”, {_revised(revised)}{info.absolute(current().prefix)}, "
        f"{t('data version')} {version}, {t('accessed')} {t(ACCESSED)}."
    )


def site(info: SiteInfo, version: str, revised: date | None = None) -> Citation:
    return Citation(
        site_line(info, version, revised), _entry(PACKAGE_NAME, info.name, None, info.root, info, version, revised)
    )


def chart(info: SiteInfo, version: str, chart_id: str, title: str, url: str, revised: date | None = None) -> Citation:
    """url: the chart's absolute address (its page with #chart-id)."""
    line = (
        f"{info.publisher}, “{title}”, {t('chart in')} “{info.name}”, {_revised(revised)}{url}, "
        f"{t('data version')} {version}, {t('accessed')} {t(ACCESSED)}."
    )
    return Citation(line, _entry(f"{PACKAGE_NAME}-{chart_id}", title, info.name, url, info, version, revised))
