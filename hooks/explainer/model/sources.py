"""The bibliography: every source once, with what kind of document it is."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator

from .fields import HttpsUrl, Id, OptionalText, PastDate, Text, url_host
from .rows import Row

SourceKind = Literal["primary", "official", "news", "dataset", "reference"]
# In the order the bibliography lists them: primary documents first.
KIND_LABELS = {
    "primary": "Primary documents and transcripts",
    "official": "Official statements",
    "news": "News reports",
    "dataset": "Datasets",
    "reference": "Reference works",
}
# Kinds whose publication dates say when the site's information last changed; a dataset's or an
# encyclopaedia's version date does not (a map-data package's release is not news).
NEWS_KINDS = frozenset({"primary", "official", "news"})


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
    note: OptionalText = ""

    @field_validator("published")
    @classmethod
    def _published(cls, value: date | None, info: ValidationInfo) -> date | None:
        kind = info.data.get("kind")
        if value is None and kind in NEWS_KINDS:
            raise ValueError(
                f"is empty or missing: a {kind} source needs the date shown on the page (YYYY-MM-DD); never "
                "estimate one (a dataset or reference work with no date gives accessed: YYYY-MM-DD instead)"
            )
        return value

    @field_validator("accessed")
    @classmethod
    def _accessed(cls, value: date | None, info: ValidationInfo) -> date | None:
        if value is None and "published" in info.data and info.data["published"] is None:
            raise ValueError("is needed when a source has no publication date: the date it was read (YYYY-MM-DD)")
        return value

    @property
    def host(self) -> str:
        """Where the link goes, shown beside it in the bibliography."""
        return url_host(self.url)

    @property
    def dated(self) -> date:
        """The date a reader can check: published, else accessed."""
        return self.published or self.accessed  # type: ignore[return-value]
