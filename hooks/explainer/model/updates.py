"""Dated updates of the site: new pages, new kinds of data, for the feed (corrections have their own file)."""

from __future__ import annotations

from pydantic import Field

from .fields import PastDate, Text
from .rows import Row


class Update(Row):
    date: PastDate
    title: Text  # the feed entry's title, e.g. "New page: What happened next"
    summary: Text  # what a reader finds new
    pages: list[Text] = Field(default_factory=list)  # Markdown files under docs/ it concerns
