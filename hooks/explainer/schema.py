"""Validate records against pydantic models and turn pydantic's errors into editor messages."""
from __future__ import annotations

from datetime import date
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .files import Record
from .problems import Problems

M = TypeVar("M", bound=BaseModel)


class Row(BaseModel):
    """Base of every data model: unknown keys are mistakes, not silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def validate(records: list[Record], model: type[M], problems: Problems, today: date) -> list[tuple[Record, M]]:
    """Return (record, model) for each valid record; add one problem per bad field."""
    valid = []
    allowed = ", ".join(model.model_fields)
    context = {"today": today}
    for record in records:
        try:
            valid.append((record, model.model_validate(record.data, context=context)))
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                name = str(err["loc"][0]) if err["loc"] else None
                problems.add(record.path, record.line_of(name), name, _message(err, allowed))
    return valid


def _message(err: dict, allowed: str) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"unknown field (the fields are: {allowed})"
    if kind == "literal_error":
        return f"unknown value '{err.get('input')}' (allowed: {ctx.get('expected', '')})"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in ("list_type", "too_short"):
        return "must be a non-empty list, e.g. [a, b]"
    return err["msg"]
