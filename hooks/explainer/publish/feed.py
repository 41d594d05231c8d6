"""The Atom feed of updates and corrections.

Entries: every correction in data/corrections.yml, every update in data/updates.yml, and one
for the current data version (dated
by its newest source, model/dates.py), so a feed reader sees each update of the figures. The
XML is built with ElementTree, which escapes every value."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree as ET

from ..language import current, t
from ..model.formatting import long_date
from . import licence
from .identity import SiteInfo

ATOM = "http://www.w3.org/2005/Atom"


@dataclass(frozen=True)
class Entry:
    key: str  # stable within the site: the same correction keeps its id in every build
    day: date
    title: str
    content: str
    links: list[tuple[str, str]]  # (title, root-relative url), the first is the main link


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def tag(info: SiteInfo, day: date, key: str) -> str:
    """An Atom id (RFC 4151 tag URI): the site's host, the entry's date, and its key."""
    return f"tag:{info.host},{day.isoformat()}:{key}"


_TITLE_LENGTH = 110
_SENTENCE_RE = re.compile(r"^(.+?[.!?])(?:\s|$)")


def headline(summary: str) -> str:
    """A feed reader's title: the summary's first sentence, cut at a word if long; the whole
    summary is the entry's text."""
    text = " ".join(summary.split())
    m = _SENTENCE_RE.match(text)
    first = m.group(1) if m else text
    if len(first) <= _TITLE_LENGTH:
        return first
    return first[:_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def correction_key(day: date, summary: str) -> str:
    return f"correction-{hashlib.sha256(f'{day.isoformat()}|{summary}'.encode()).hexdigest()[:10]}"


def update_key(day: date, title: str) -> str:
    return f"update-{hashlib.sha256(f'{day.isoformat()}|{title}'.encode()).hexdigest()[:10]}"


def atom(info: SiteInfo, entries: list[Entry]) -> bytes:
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": current().tag})

    def sub(parent, name, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{name}", attrs)
        if text is not None:
            el.text = text
        return el

    entries = sorted(entries, key=lambda e: (e.day, e.key), reverse=True)
    sub(feed, "id", info.feed_url)
    sub(feed, "title", f"{info.name}: {t('updates and corrections')}")
    sub(feed, "subtitle", t("New figures and corrections to the explainer, newest first."))
    sub(feed, "updated", _stamp(entries[0].day) if entries else "1970-01-01T00:00:00Z")
    sub(feed, "link", rel="self", type="application/atom+xml", href=info.feed_url)
    sub(feed, "link", rel="alternate", type="text/html", href=info.absolute(current().prefix))
    author = sub(feed, "author")
    sub(author, "name", info.publisher)
    sub(author, "uri", info.root)
    sub(feed, "rights", f"{licence.SHORT}: {t(licence.STATEMENT)}")
    for e in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", tag(info, e.day, e.key))
        sub(entry, "title", e.title)
        sub(entry, "updated", _stamp(e.day))
        sub(entry, "published", _stamp(e.day))
        for i, (title, url) in enumerate(e.links or [("", "")]):
            sub(entry, "link", rel="alternate" if i == 0 else "related", type="text/html", href=info.absolute(url),
                **({"title": title} if title else {}))  # fmt: skip
        sub(entry, "content", e.content, type="text")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def entries(ds, version: str, changed: date | None, pages_concerned) -> list[Entry]:
    """Every correction and dated update, and the current data version. pages_concerned(entry)
    gives [(title, root url)] of the pages it concerns; one of no page links to the home page."""
    out = [
        Entry(
            correction_key(c.date, c.summary),
            c.date,
            t("Correction: {headline}", headline=headline(c.summary)),
            f"{c.summary} {t('Why:')} {c.reason}",
            pages_concerned(c) or [("", "")],
        )
        for c in ds.corrections
    ]
    out += [
        Entry(update_key(u.date, u.title), u.date, u.title, u.summary, pages_concerned(u) or [("", "")])
        for u in ds.updates
    ]
    if changed:
        out.append(
            Entry(
                f"data-{version}",
                changed,
                t("Figures updated: data version {version}", version=version),
                t(
                    "Newest source: {day} (the newest report, document or statement behind the explainer's figures "
                    "and events). Every row, with its source, is in the data package, version {version}.",
                    day=long_date(changed),
                    version=version,
                ),
                [(t("Methodology"), f"{current().prefix}methodology/"), (t("Download all the data"), "data/")],
            )
        )
    return out
