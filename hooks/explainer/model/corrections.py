"""Corrections: what changed on the published site, when and why, and what it concerns."""

from __future__ import annotations

from pydantic import Field, model_validator

from .fields import Id, PastDate, Text
from .rows import Row


class Correction(Row):
    date: PastDate
    summary: Text  # what changed, for readers
    reason: Text  # why
    pages: list[Text] = Field(default_factory=list)  # Markdown files under docs/, e.g. incursion.md
    metrics: list[Id] = Field(default_factory=list)
    events: list[Id] = Field(default_factory=list)
    sources: list[Id] = Field(default_factory=list)
    charts: list[Id] = Field(default_factory=list)

    @model_validator(mode="after")
    def _concerns(self) -> Correction:
        if not (self.pages or self.metrics or self.events or self.sources or self.charts):
            raise ValueError(
                "a correction must say what it concerns: list at least one of pages, metrics, events, sources or charts"
            )
        return self

    def concerns(self) -> dict[str, list[str]]:
        return {"metric": self.metrics, "event": self.events, "source": self.sources, "chart": self.charts}


CORRECTION_FIELDS = ["date", "summary", "reason", "pages", "metrics", "events", "sources", "charts"]
