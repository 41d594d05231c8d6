"""Validate records against pydantic models and turn pydantic's errors into editor messages."""

from __future__ import annotations

import reprlib
import typing
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TypeVar, get_args

from pydantic import BaseModel, TypeAdapter, ValidationError

from ..model.dataset import suggest
from ..model.fields import Explain, NotFuture, date_out_of_period
from ..model.problems import Problems, bounded
from .files import Record

M = TypeVar("M", bound=BaseModel)

# What a message quotes of a value: short, whatever the value is (a list of a million items, a
# pasted page); repr of the whole would cost more than the build.
_short = reprlib.Repr()
_short.maxstring = _short.maxother = 80
_short.maxlist = _short.maxdict = _short.maxset = _short.maxtuple = 6
_short.maxlevel = 3


@dataclass(frozen=True)
class Tagged:
    """A union of models told apart by one field (chart specs by `kind`): pydantic validates
    the union; messages come from the model the tag names."""

    tag: str
    models: dict[str, type[BaseModel]]
    adapter: TypeAdapter

    @classmethod
    def of(cls, tag: str, union) -> Tagged:
        models = {
            typing.get_args(m.model_fields[tag].annotation)[0]: m for m in typing.get_args(typing.get_args(union)[0])
        }
        return cls(tag, models, TypeAdapter(union))


def validate(records: list[Record], model: type[M] | Tagged, problems: Problems, today: date) -> list[tuple[Record, M]]:
    """Return (record, model) for each valid record; add one problem per bad field.

    With a Tagged union, each record's tag must already be one of its models (check it first,
    with a message that lists them)."""
    valid = []
    for record in records:
        if record.unreadable:
            continue
        item = _checked(record, model, today, problems)
        if item is not None:
            valid.append((record, item))
    return valid


# Each record's validation, kept while its data is the same object: load/files.py hands back the
# same records for a file whose text did not change, so the Ukrainian edition and every `serve`
# rebuild validate (thousands of map points, hundreds of rows) only what was edited. The models
# are frozen and their validators copy what they change, so one validated row serves every build.
_CHECKED: dict[int, tuple] = {}
_KEEP = 100_000  # records: far more than the data holds; past it (a long session of edits) start afresh


def _checked(record: Record, model: type[M] | Tagged, today: date, problems: Problems) -> M | None:
    """The record validated (None if it is not valid), its problems added to `problems`."""
    where = (record.path, record.line, record.field_lines)
    known = _CHECKED.get(id(record.data))
    if known is not None and known[0] is record.data and known[1] is model and known[2:4] == (today, where):
        problems.items.extend(known[5])
        return known[4]
    found = Problems()
    item = _check(record, model, today, found)
    if len(_CHECKED) > _KEEP:
        _CHECKED.clear()
    _CHECKED[id(record.data)] = (record.data, model, today, where, item, tuple(found.items))
    problems.items.extend(found.items)
    return item


def _check(record: Record, model: type[M] | Tagged, today: date, problems: Problems) -> M | None:
    chosen = model.models[record.data[model.tag]] if isinstance(model, Tagged) else model
    try:
        item = (
            model.adapter.validate_python(record.data)
            if isinstance(model, Tagged)
            else model.model_validate(record.data)
        )
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = err["loc"][1:] if isinstance(model, Tagged) else err["loc"]
            name = str(loc[0]) if loc else None
            problems.add(record.path, record.line_of(name), name, _message({**err, "loc": loc}, chosen))
        return None
    wrong = False
    for name in _dated(chosen):
        day = getattr(item, name)
        message = None if day is None else date_out_of_period(day, today)
        if message:
            problems.add(record.path, record.line_of(name), name, message)
            wrong = True
    return None if wrong else item


@lru_cache(maxsize=64)
def _dated(model: type[BaseModel]) -> tuple[str, ...]:
    """The model's fields that may not lie in the future (optional ones too: `PastDate | None`)."""
    return tuple(name for name, info in model.model_fields.items() if _not_future(info.annotation, info.metadata))


def _not_future(annotation, metadata) -> bool:
    if any(isinstance(m, NotFuture) for m in metadata):
        return True
    return any(_not_future(arg, getattr(arg, "__metadata__", ())) for arg in typing.get_args(annotation))


def _inner_model(model: type[BaseModel], name: str) -> type[BaseModel] | None:
    """The model of the records a field holds (annotations: a list of Annotation), if any."""
    info = model.model_fields.get(name)
    todo = [info.annotation] if info else []
    while todo:
        kind = todo.pop()
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
        todo += list(get_args(kind))
    return None


def _message(err: dict, model: type[BaseModel]) -> str:
    loc = err["loc"]
    inner = _inner_model(model, str(loc[0])) if len(loc) > 1 else None
    if inner is not None:  # inside an item of a list of records: say which item and which key
        item = next((f"item {i + 1}" for i in loc[1:] if isinstance(i, int)), "")
        key = next((str(k) for k in reversed(loc[1:]) if isinstance(k, str)), "")
        where = ", ".join(w for w in (item, f"'{key}'" if key else "") if w)
        if err["type"] == "extra_forbidden":
            return f"{where}: unknown key (the keys are: {', '.join(inner.model_fields)})"
        return f"{where}: {_message({**err, 'loc': (key,) if key else ()}, inner)}"
    kind = err["type"]
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return "is required but missing"
    if kind == "extra_forbidden":
        inner = _nested(model, err["loc"])
        names = [f.alias or n for n, f in inner.model_fields.items()]
        name = str(err["loc"][-1]) if err["loc"] else ""
        return f"unknown field (the fields are: {', '.join(names)}{suggest(name, names)})"
    explained = _explain(model, err)
    if explained:
        return explained
    if kind == "literal_error":
        return f"unknown value {_quoted(err.get('input'))} (allowed: {ctx.get('expected', '')})"
    if kind == "value_error":
        return str(ctx.get("error", err["msg"]))
    if kind in ("list_type", "too_short"):
        return "must be a non-empty list, e.g. [a, b]"
    if kind in ("string_type", "dict_type", "model_type"):
        wanted = {"string_type": "text (put it in quotes)", "dict_type": "a set of 'key: value' pairs"}.get(
            kind, "a set of 'key: value' pairs"
        )
        return f"must be {wanted}, not {_short.repr(err.get('input'))}"
    return bounded(err["msg"])


def _quoted(value: object) -> str:
    return f"'{value}'" if isinstance(value, str) and len(value) <= 80 else _short.repr(value)


def _nested(model: type[BaseModel], loc: tuple) -> type[BaseModel]:
    """The model a nested key belongs to: relays.wyre is a mistake in a Relay, not in a Source."""
    for name in loc[:-1]:
        info = model.model_fields.get(str(name))
        options = (info.annotation, *typing.get_args(info.annotation)) if info else ()
        inner = [a for a in options if isinstance(a, type) and issubclass(a, BaseModel)]
        if not inner:
            break
        model = inner[0]
    return model


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
