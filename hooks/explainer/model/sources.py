"""The bibliography: every source once."""

from __future__ import annotations

from .fields import HttpsUrl, Id, OptionalText, PastDate, Text
from .rows import Row


class Source(Row):
    id: Id
    publisher: Text
    title: Text
    url: HttpsUrl
    published: PastDate
    note: OptionalText = ""
