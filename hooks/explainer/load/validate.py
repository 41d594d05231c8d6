"""Validate records against pydantic models and turn pydantic's errors into editor messages."""
from __future__ import annotations

from datetime import date
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, ValidationError

from .fields import Explain, NotFuture, future_message
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
    dated = [name for name, info in model.model_fields.items() if any(isinstance(m, NotFuture) for m in info.metadata)]
    for record in records:
        try:
            item = model.model_validate(record.data)
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                name = str(err["loc"][0]) if err["loc"] else None
                problems.add(record.path, record.line_of(name), name, _message(err, allowed, model))
            continue
        late = [name for name in dated if getattr(item, name) is not None and getattr(item, name) > today]
        for name in late:
            problems.add(record.path, record.line_of(name), name, future_message(getattr(item, name), today))
        if not late:
            valid.append((record, item))
    return valid


def _message(err: dict, allowed: str, model: type[BaseModel]) -> str:
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        return f"unknown field (the fields are: {allowed})"
    explained = _explain(model, err)
    if explained:
        return explained
    if kind == "literal_error":
        return f"unknown value '{err.get('input')}' (allowed: {ctx.get('expected', '')})"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in ("list_type", "too_short"):
        return "must be a non-empty list, e.g. [a, b]"
    if kind in ("string_type", "dict_type", "model_type"):
        wanted = {"string_type": "text (put it in quotes)", "dict_type": "a set of 'key: value' pairs"}.get(kind, "a set of 'key: value' pairs")
        return f"must be {wanted}, not {err.get('input')!r}"
    return err["msg"]


def _explain(model: type[BaseModel], err: dict) -> str | None:
    """Ask the field's Explain check why pydantic's native validation refused the value."""
    info = model.model_fields.get(str(err["loc"][0])) if err["loc"] else None
    for meta in info.metadata if info else ():
        if isinstance(meta, Explain):
            try:
                meta.check(err.get("input"))
            except ValueError as exc:
                return str(exc)
    return None
