"""Table Schemas (Frictionless) derived from the data model, so the package cannot drift from it:
field names and order, types, required fields and the allowed values all come from the pydantic
models; only the descriptions are written here."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel

# Table Schema types for JSON Schema types; lists are written as ids separated by ";".
_TYPES = {"number": "number", "integer": "integer", "boolean": "boolean", "array": "string"}
LIST_SEPARATOR = ";"


def _plain(prop: dict[str, Any]) -> tuple[dict[str, Any], bool]:
    """The non-null branch of an optional field, and whether null is allowed."""
    options = prop.get("anyOf")
    if not options:
        return prop, False
    kept = [o for o in options if o.get("type") != "null"]
    return (kept[0] if len(kept) == 1 else {"type": "string"}), len(kept) < len(options)


def field_type(prop: dict[str, Any]) -> str:
    if prop.get("type") == "string" and prop.get("format") == "date":
        return "date"
    return _TYPES.get(prop.get("type", "string"), "string")


@cache
def _json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """The model's JSON Schema, made once per process (pydantic builds it anew on every call, and a
    preview server rebuilds the package on every save); read only, never changed."""
    return model.model_json_schema(mode="validation")


def table_schema(
    model: type[BaseModel],
    descriptions: dict[str, str],
    primary_key: list[str] | None = None,
    foreign_keys: dict[str, str] | None = None,
    enums: dict[str, tuple[str, ...]] | None = None,
    columns: dict[str, dict[str, Any]] | None = None,
    composite_keys: list[tuple[list[str], str]] | None = None,
) -> dict[str, Any]:
    """foreign_keys: field -> referenced resource (its `id`); enums: allowed values the model
    checks in code rather than with a Literal (an empty value is "no value", not an enum member);
    columns: fields the package writes differently from the model, by name -> the field (None
    drops the model's field; a name the model lacks is added after `after`); composite_keys:
    ([fields], resource) pairs whose fields reference the same fields there."""
    js = _json_schema(model)
    required = set(js.get("required", []))
    fields = []
    for name, raw in js["properties"].items():
        if name in (columns or {}) and (columns or {})[name] is None:
            continue  # a field the package writes as other columns
        prop, nullable = _plain(raw)
        ftype = field_type(prop)
        field: dict[str, Any] = {"name": name, "type": ftype, "description": descriptions[name]}
        if ftype == "date":
            field["format"] = "%Y-%m-%d"
        constraints: dict[str, Any] = {}
        if name in required and not nullable:
            constraints["required"] = True
        allowed = (enums or {}).get(name) or prop.get("enum")
        if allowed:
            constraints["enum"] = [v for v in allowed if v != ""]
        pattern = prop.get("pattern")
        if pattern and ftype == "string":
            # Table Schema patterns match the whole value: no anchors.
            constraints["pattern"] = pattern.removeprefix("^").removesuffix("$")
        if constraints:
            field["constraints"] = constraints
        fields.append(field)
    for name, spec in (columns or {}).items():
        if spec is None:
            continue
        at = next((i for i, f in enumerate(fields) if f["name"] == name), None)
        spec = dict(spec)
        after = spec.pop("after", None)
        field = {"name": name, **spec, "description": descriptions[name]}
        if at is not None:
            fields[at] = field
        else:
            where = next((i + 1 for i, f in enumerate(fields) if f["name"] == after), len(fields))
            fields.insert(where, field)
    missing = set(descriptions) - {f["name"] for f in fields}
    if missing:  # a description for a field the model no longer has: the docs are out of date
        raise ValueError(f"{model.__name__}: descriptions for unknown fields {sorted(missing)}")
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if primary_key:
        schema["primaryKey"] = primary_key
    if foreign_keys or composite_keys:
        schema["foreignKeys"] = [
            {"fields": name, "reference": {"resource": resource, "fields": "id"}}
            for name, resource in (foreign_keys or {}).items()
        ] + [
            {"fields": names, "reference": {"resource": resource, "fields": names}}
            for names, resource in composite_keys or []
        ]
    return schema
