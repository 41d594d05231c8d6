"""The bibliography: every source once, with what kind of document it is."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ..language import Words, t
from .fields import HttpsUrl, Id, OptionalText, PastDate, Text, reader_host
from .rows import Row

SourceKind = Literal["primary", "official", "news", "dataset", "reference"]
# In the order the bibliography lists them: primary documents first.
KIND_LABELS = Words(
    {
        "primary": "Primary documents and transcripts",
        "official": "Official statements",
        "news": "News reports",
        "dataset": "Datasets",
        "reference": "Reference works",
    }
)
# Kinds whose publication dates say when the site's information last changed; a dataset's or an
# encyclopaedia's version date does not (a map-data package's release is not news).
NEWS_KINDS = frozenset({"primary", "official", "news"})


_RELAY_HOW = (
    'write relays: {outlet: "BBC News"} with the outlet whose reporting this page relays (optionally its '
    "url: https://..., and wire: true for an agency's licensed copy, such as AP's story in a newspaper)"
)


class Relay(Row):
    """Whose reporting a source relays: the page read is a copy or a report of another outlet's work.

    wire: the page is an agency's licensed copy (AP's story in a newspaper), shown as the agency's."""

    outlet: Text
    url: HttpsUrl | None = None
    wire: bool = False

    @model_validator(mode="before")
    @classmethod
    def _needs_outlet(cls, data: object) -> object:
        if not isinstance(data, dict):
            raise ValueError(f"a relay must name the original outlet: {_RELAY_HOW}")
        outlet = data.get("outlet")
        if outlet is None or (isinstance(outlet, str) and not outlet.strip()):
            raise ValueError(f"a relay must name the outlet whose reporting it relays: {_RELAY_HOW}")
        return data


def relay_words(outlet: str, publisher: str, wire: bool) -> str:
    """How readers see a relay everywhere: the original first, then the page actually read."""
    if wire:
        return t("{outlet}, via {publisher}", outlet=outlet, publisher=publisher)
    return t("{outlet}, as reported by {publisher}", outlet=outlet, publisher=publisher)


class Source(Row):
    id: Id
    kind: SourceKind = "news"
    publisher: Text
    title: Text
    # "site" when no headline could be read and the title describes the page in the site's words.
    title_by: Literal["outlet", "site"] = "outlet"
    url: HttpsUrl
    published: PastDate | None = Field(default=None, validate_default=True)
    accessed: PastDate | None = Field(default=None, validate_default=True)
    relays: Relay | None = None
    note: OptionalText = ""

    @field_validator("relays", mode="before")
    @classmethod
    def _relays(cls, value: object) -> object:
        if value is None or value is True or (isinstance(value, str) and not value.strip()):
            raise ValueError(f"a relay must name the outlet whose reporting it relays: {_RELAY_HOW}")
        if isinstance(value, str):
            raise ValueError(f"'{value}' is not how a relay is written: {_RELAY_HOW}")
        return value

    @field_validator("accessed")
    @classmethod
    def _accessed(cls, value: date | None, info: ValidationInfo) -> date | None:
        # Checked here, after published and kind, so that one message can say which date to give.
        if value is None and "published" in info.data and info.data["published"] is None:
            kind = info.data.get("kind")
            if kind in NEWS_KINDS:
                raise ValueError(
                    f"is needed when a {kind} source has no published date: give published, the date shown on the "
                    "page (YYYY-MM-DD), and never estimate it; only a page that shows no date gives accessed, "
                    "the date it was read (YYYY-MM-DD)"
                )
            raise ValueError("is needed when a source has no publication date: the date it was read (YYYY-MM-DD)")
        return value

    @property
    def host(self) -> str:
        """Where the link goes, shown beside it in the bibliography (an international domain name
        in its own letters and in the ASCII form the link opens)."""
        return reader_host(self.url)

    @property
    def dated(self) -> date:
        """The date a reader can check: published, else accessed."""
        return self.published or self.accessed  # type: ignore[return-value]

    @property
    def credit(self) -> str:
        """The source as readers see it named: "Reuters"; a relay as "BBC News, as reported by
        Euromaidan Press", an agency's licensed copy as "AP, via Express & Star"."""
        if self.relays is None:
            return self.publisher
        return relay_words(self.relays.outlet, self.publisher, self.relays.wire)


def credit_parts(sources: list[Source] | tuple[Source, ...]) -> list[tuple[str, Source | None]]:
    """credits() in pieces, each source's credit with its source and the words between with None,
    for a surface that links each source where it is named (a chart's data table)."""
    parts: list[tuple[str, Source | None]] = []
    for n, source in enumerate(sources):
        if n:
            words = f"; {t('also reported by')} " if n == 1 else f" {t('and')} " if n == len(sources) - 1 else ", "
            parts.append((words, None))
        parts.append((source.credit, source))
    return parts


def credits(sources: list[Source] | tuple[Source, ...]) -> str:
    """A row's sources in one phrase: the quoted one first, then the others that report the same
    claim: "Reuters; also reported by Kyiv Post and BBC News, as reported by Euromaidan Press"."""
    return "".join(text for text, _ in credit_parts(sources))
