"""Relays beside their originals: a source that relays another outlet's story, when that outlet's
own report of the same story is among the sources too.

"The same story" is detected two ways: the relay's `relays.url` is the `url` of another source
(the original is in the bibliography), or one row cites both the relay and a source published by
the outlet it relays. Either is a note (it blocks no build): the editor should cite the original, but
the relay may still add something (a translation, a quote the original lacks)."""

from __future__ import annotations

import re

from ..model.dataset import Dataset
from ..model.problems import Problems
from .files import Record

_FILLER = re.compile(r"^the\s+|\s+news$|[^\w\s]")


def same_outlet(a: str, b: str) -> bool:
    """ "BBC News" is "the BBC"; "Kyiv Post" is not "Kyiv Independent"."""

    def norm(name: str) -> str:
        name = name.strip().lower()
        for _ in range(2):
            name = _FILLER.sub("", name).strip()
        return " ".join(name.split())

    return bool(norm(a)) and norm(a) == norm(b)


def _same_url(a: str, b: str) -> bool:
    def norm(url: str) -> str:
        return url.split("#", 1)[0].rstrip("/").lower()

    return norm(a) == norm(b)


def check_sources(ds: Dataset, problems: Problems) -> None:
    """A relay whose original page (by its address) is also in data/sources.yml."""
    for source in ds.sources.values():
        if source.relays is None or source.relays.url is None:
            continue
        for other in ds.sources.values():
            if other.id != source.id and _same_url(other.url, source.relays.url):
                where = ds.lines[("source", source.id)]
                problems.note(
                    where.path,
                    where.line,
                    "relays",
                    f"source '{source.id}' relays {source.relays.outlet}'s story, and the original is also a "
                    f"source ('{other.id}', same address): cite '{other.id}' and drop the relay, unless the relay "
                    "adds something the original lacks",
                )


def check_row(record: Record, row, ds: Dataset, problems: Problems) -> None:
    """A row that cites a relay and, beside it, a source from the outlet it relays."""
    for source_id in row.sources:
        relay = ds.sources[source_id].relays
        if relay is None:
            continue
        for other_id in row.sources:
            other = ds.sources[other_id]
            if other_id != source_id and other.relays is None and same_outlet(other.publisher, relay.outlet):
                problems.note(
                    record.path,
                    record.line_of("source"),
                    "source",
                    f"'{source_id}' relays {relay.outlet}, and the row also cites {other.publisher} itself "
                    f"('{other_id}'): quote the original first, and drop the relay unless it adds something",
                )
