"""Reading YAML and CSV files while keeping the line of every record and field.

Nothing here knows what the records mean; it only turns text into records or problems.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import yaml

from ..model.problems import Problem, Problems
from ..model.text import bad_characters, replace_bad

# No data file comes near this (100,000 observation rows are about 10 MB); a bigger one is a
# mistake, and reading it would only make every later step slow.
MAX_BYTES = 50_000_000
T = TypeVar("T")


@dataclass
class Record:
    """One list item of a YAML file or one row of a CSV file."""

    path: str
    line: int
    data: dict
    field_lines: dict[str, int] = field(default_factory=dict)
    # Reported already as unreadable: validation skips it, and its id counts as broken (no cascade).
    unreadable: bool = False
    # Its translation, kept apart from what the models validate (load/translations.py reads it):
    # a YAML item's `uk:` mapping, or a CSV row's `*_uk` and `uk_from` cells; with each key's line.
    translation: object = None
    translation_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, name: str | None) -> int:
        return self.field_lines.get(name, self.line) if name else self.line


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml is ~10x faster when present
    """SafeLoader that keeps dates as text (so a bad date is our error, not a crash)
    and reads only true/false as booleans (so a title "No" stays text)."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
SafeTextLoader = _Loader  # for other readers of YAML text (a page's front matter)


TRANSLATION_KEY = "uk"  # an entry's translation: `uk:` with the Ukrainian of its reader-facing fields
TRANSLATION_FROM = "uk_from"  # a CSV row's translation fingerprint column (beside label_uk, note_uk...)


def translation_columns(columns: list[str]) -> list[str]:
    """The columns a CSV may add for its translation: label -> label_uk, and uk_from."""
    return [f"{c}_{TRANSLATION_KEY}" for c in columns] + [TRANSLATION_FROM]


def _translation_lines(item: yaml.MappingNode, line: int) -> dict[str, int]:
    """The line of each key inside an item's `uk:` mapping ("" -> the `uk:` line itself)."""
    lines = {"": line}
    for key_node, value in item.value:
        if key_node.value == TRANSLATION_KEY and isinstance(value, yaml.MappingNode):
            for k, _ in value.value:
                if isinstance(k, yaml.ScalarNode):
                    lines[str(k.value)] = k.start_mark.line + 1
    return lines


def read_yaml_list(path: Path, label: str, what: str, problems: Problems) -> list[Record]:
    """A YAML file holding a list of mappings; `label` is the path shown to editors."""
    text = read_text(path, label, problems)
    if text is None:
        return []
    return _parsed(("yaml", label, what), text, problems, lambda found: _yaml_list(text, label, what, found))


def _yaml_list(text: str, label: str, what: str, problems: Problems) -> list[Record]:
    if not text.strip():
        problems.add(label, None, None, f"the file is empty (expected a list of {what})")
        return []
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None and _aliased(root, label, problems):
            return []
        if root is None:
            problems.add(label, None, None, f"the file has no data (expected a list of {what})")
            return []
        if not isinstance(root, yaml.SequenceNode):
            problems.add(
                label, root.start_mark.line + 1, None, f"expected a list of {what}, each starting with '- id: …'"
            )
            return []
        records = []
        for item in root.value:
            line = item.start_mark.line + 1
            if not isinstance(item, yaml.MappingNode):
                problems.add(
                    label,
                    line,
                    None,
                    f"each list item must be a set of 'key: value' lines describing one of the {what}",
                )
                continue
            field_lines: dict[str, int] = {}
            complex_key = next((k for k, _ in item.value if not isinstance(k, yaml.ScalarNode)), None)
            if complex_key is not None:
                problems.add(
                    label,
                    complex_key.start_mark.line + 1,
                    None,
                    "a key must be a plain name such as 'title' (this one is a list or a set of keys; "
                    "remove the '?' or brackets)",
                )
                # The rest of the item is read as if the line were not there, so nothing that cites
                # it gets a second message; the build fails on this one.
                item.value = [(k, v) for k, v in item.value if isinstance(k, yaml.ScalarNode)]
            for key_node, _value in item.value:
                key = key_node.value
                if key in field_lines:
                    problems.add(
                        label,
                        key_node.start_mark.line + 1,
                        str(key),
                        "this key appears twice in the same item (keep one)",
                    )
                field_lines[str(key)] = key_node.start_mark.line + 1
            try:
                data = loader.construct_document(item)
            except (TypeError, ValueError) as exc:  # e.g. a list used as a key deeper inside the item
                problems.add(label, line, None, f"this item cannot be read: {str(exc)[:200]} (write plain values)")
                item_id = next(
                    (v.value for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None
                )
                records.append(Record(label, line, {"id": item_id}, field_lines, unreadable=True))
                continue
            record = Record(label, line, data, field_lines)
            if isinstance(data, dict) and TRANSLATION_KEY in data:
                record.translation = data.pop(TRANSLATION_KEY)
                record.translation_lines = _translation_lines(item, field_lines[TRANSLATION_KEY])
            records.append(record)
        return records
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 1 if mark else None
        reason = getattr(exc, "problem", None) or str(exc)
        problems.add(label, line, None, f"malformed YAML: {reason} (check indentation, colons and quotes)")
        return []
    finally:
        loader.dispose()


def read_csv(
    path: Path, label: str, columns: list[str], problems: Problems, optional: tuple[str, ...] = ()
) -> list[Record]:
    """A CSV file with exactly `columns` as its header (in any order); the `optional` ones among
    them may be left out (files written before those columns existed keep loading).

    Accepts a UTF-8 byte-order mark, CRLF line ends and blank lines; reports ragged rows,
    bad quoting and header mistakes with their line.
    """
    text = read_text(path, label, problems)
    if text is None:
        return []
    return _parsed(
        ("csv", label, tuple(columns), tuple(optional)),
        text,
        problems,
        lambda found: _csv(text, label, columns, found, optional),
    )


def _csv(text: str, label: str, columns: list[str], problems: Problems, optional: tuple[str, ...]) -> list[Record]:
    if not text.strip():
        problems.add(label, None, None, f"the file is empty (expected a header line: {','.join(columns)})")
        return []
    header: list[str] | None = None
    extra: set[str] = set()
    records: list[Record] = []
    for line, row in _rows(text, label, problems):
        if not any(row):  # a blank line, or a spreadsheet's row of empty cells
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            extra = set(translation_columns(columns)) & set(header)
            if not _check_header(header, [*columns, *sorted(extra)], (*optional, *extra), label, line, problems):
                return []
            continue
        if len(row) != len(header):
            problems.add(
                label,
                line,
                None,
                f"this row has {len(row)} fields but the header has {len(header)} ({_why_ragged(row, header)})",
            )
            continue
        # Values are stripped by the field validators, not here: this loop runs for every row.
        record = Record(label, line, dict(zip(header, row, strict=True)))
        if extra:
            record.translation = {name: record.data.pop(name) for name in header if name in extra}
            record.translation_lines = dict.fromkeys(record.translation, line)
        records.append(record)
    if header is None:
        problems.add(label, None, None, f"the file has no header line (expected: {','.join(columns)})")
    return records


_GROUP_HEAD_RE = re.compile(r"^-?\d{1,3}$")
_GROUP_TAIL_RE = re.compile(r"^\d{3}(?:\.\d+)?$")


def _why_ragged(row: list[str], header: list[str]) -> str:
    """What most likely split the row: a number written with a thousands comma, else an unquoted comma."""
    if len(row) > len(header):
        for a, b in itertools.pairwise(row):
            if _GROUP_HEAD_RE.match(a.strip()) and _GROUP_TAIL_RE.match(b.strip()):
                return (
                    f"'{a.strip()},{b.strip()}' looks like a number with a thousands comma, which splits the row: "
                    f"write {a.strip()}{b.strip()}"
                )
    return "a value containing a comma must be in double quotes"


def _rows(text: str, label: str, problems: Problems):
    """(line, fields) for each row. A row the csv module cannot read (a quote left open reads on
    into the rows below) is reported at the line it starts on, and reading resumes on the next
    line, so one mistake is one message."""
    physical = list(io.StringIO(text, newline=""))
    start = 0  # index of the physical line the current reader began at
    while start < len(physical):
        reader = csv.reader(iter(physical[start:]), strict=True)
        consumed = 0  # physical lines taken by the rows read so far
        try:
            for row in reader:
                yield start + consumed + 1, row
                consumed = reader.line_num
            return
        except csv.Error as exc:
            bad = start + consumed + 1
            problems.add(
                label,
                bad,
                None,
                f"malformed CSV: {exc} (a field with a comma or quote must be in double "
                "quotes, with inner quotes doubled; check the quotes on this line)",
            )
            start = bad


def _check_header(
    header: list[str], columns: list[str], optional: tuple[str, ...], label: str, line: int, problems: Problems
) -> bool:
    ok = True
    for name in header:
        if name not in columns:
            problems.add(label, line, name or "(empty)", f"unknown column (the columns are: {', '.join(columns)})")
            ok = False
    missing = [c for c in columns if c not in header and c not in optional]
    optional_note = f"; {', '.join(optional)} may be left out" if optional else ""
    if missing:
        problems.add(
            label,
            line,
            None,
            f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)} "
            f"(the header must be: {','.join(columns)}{optional_note})",
        )
        ok = False
    dupes = sorted({h for h in header if header.count(h) > 1})
    for name in dupes:
        problems.add(label, line, name, "this column appears twice in the header")
        ok = False
    return ok


def _aliased(root: yaml.Node, label: str, problems: Problems) -> bool:
    """YAML anchors and aliases (&a, *a) are refused: the data files never need them, and a few
    lines of nested aliases expand to billions of values (an "alias bomb"). An alias is the same
    node met twice; the walk visits each node once, so it is as quick as the file is long."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            if isinstance(node, yaml.ScalarNode):
                continue  # an aliased scalar is one value: it cannot multiply
            problems.add(
                label,
                node.start_mark.line + 1,
                None,
                "YAML anchors and aliases (&name, *name) are not used in these files: write the values out",
            )
            return True
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    return False


# What each data file gave, by how it was read (its label and what it should hold): its bytes or
# text, what they gave (the text, the records or object) and the problems found. A build reads a
# file more than once (the Ukrainian edition, its translations, every `serve` rebuild): the same
# text is not parsed again; an edited file (any other text) is, on the next build. Callers never
# change what they get back (records are read, then validated into new objects), so the same
# records serve every reading.
_PARSED: dict[tuple, tuple[str | bytes, object, tuple[Problem, ...]]] = {}


def _parsed(how: tuple, text: str | bytes, problems: Problems, parse: Callable[[Problems], T]) -> T:
    """parse(problems) of this text (or bytes), or what it gave the same text last time, and its problems."""
    known = _PARSED.get(how)
    if known is not None and known[0] == text:
        problems.items.extend(known[2])
        return known[1]  # type: ignore[return-value]
    found = Problems()
    result = parse(found)
    _PARSED[how] = (text, result, tuple(found.items))
    problems.items.extend(found.items)
    return result


def read_bounded(path: Path, label: str, problems: Problems, max_bytes: int, noun: str) -> bytes | None:
    """A file's bytes, at most max_bytes of them, or None with the problem reported (missing,
    unreadable, too big): nothing larger than the bound is ever read into memory."""
    try:
        with Path(path).open("rb") as f:
            raw = f.read(max_bytes + 1)
    except FileNotFoundError:
        problems.add(label, None, None, f"the {noun} is missing")
        return None
    except OSError as exc:
        problems.add(label, None, None, f"the {noun} cannot be read: {exc.strerror}")
        return None
    if len(raw) > max_bytes:
        problems.add(label, None, None, f"the {noun} is larger than {max_bytes // 1_000_000} MB: is it the right file?")
        return None
    return raw


def read_text(path: Path, label: str, problems: Problems, max_bytes: int = MAX_BYTES) -> str | None:
    """A text file as str, or None with the problem reported: missing, too big, not UTF-8. Control
    characters and Unicode non-characters are reported at their line and replaced by U+FFFD, so
    nothing after this point meets them (the feed would be invalid XML)."""
    raw = read_bounded(path, label, problems, max_bytes, "file")
    if raw is None:
        return None
    return _parsed(("text", label), raw, problems, lambda found: _decoded(raw, label, found))


def _decoded(raw: bytes, label: str, problems: Problems) -> str | None:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(
            label,
            line,
            None,
            f"this is not UTF-8 text (byte 0x{raw[exc.start]:02x} on this line; save the file as UTF-8)",
        )
        return None
    return clean_text(text, label, problems)


def read_json_object(path: Path, label: str, problems: Problems, expected: str) -> tuple[str, dict] | None:
    """A JSON file holding one object, as (text, object), or None with the problem reported: read
    like every data file (bounded, UTF-8, invisible characters at their line), then parsed.
    expected: what the object holds, for the message when it is not one."""
    text = read_text(path, label, problems)
    if text is None:
        return None
    return _parsed(("json", label, expected), text, problems, lambda found: _json_object(text, label, expected, found))


def _json_object(text: str, label: str, expected: str, problems: Problems) -> tuple[str, dict] | None:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.add(label, exc.lineno, None, f"malformed JSON: {exc.msg}")
        return None
    if not isinstance(data, dict):
        problems.add(label, 1, None, f"expected one JSON object ({expected})")
        return None
    return text, data


def clean_text(text: str, label: str, problems: Problems, line_offset: int = 0) -> str:
    """text with every forbidden character reported (once per line) and replaced by U+FFFD."""
    found = bad_characters(text)
    if not found:
        return text
    for line, what in found:
        problems.add(label, line + line_offset, None, what)
    return replace_bad(text)
