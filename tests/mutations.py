"""Generated mutations of the real data files and pages, each with what it must lead to.

A mutation is one edit of one file. `expect` is "error" (the build must refuse it with a problem
naming that file, at the mutated line where `line` is given) or "same" (a harmless edit: the
output must not change). Edits that would change the site validly (another valid number) are
never generated: a change without an error would be indistinguishable from publishing silently.
"""

from __future__ import annotations

import csv
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

CSV_FILES = ("observations.csv", "events.csv", "places.csv")
YAML_FILES = ("sources.yml", "claimants.yml", "metrics.yml", "charts.yml", "corrections.yml", "updates.yml")

# Values each kind of column must refuse.
BAD_DATES = ["2099-01-01", "1999-08-20", "2024-13-01", "20/08/2024", "2024-02-30", "yesterday"]
BAD_NUMBERS = ["-5", "1,263", "12 km", "nan", "inf", "-inf", "1234567890123456", "~5", "5e3", "twelve"]
BAD_IDS = ["Bad Id", "no-such-id", "x_y", "-lead"]
BAD_URLS = [
    "http://example.com/a",
    "https:///a",
    "https://a@example.com/",
    "https://example.com\\@evil.example/",
    "https://exa mple.com/",
    "https://localhost/x",
    "https://127.0.0.1/x",
    "https://example.com/\u202eabc",
    "javascript:alert(1)",
]
INVISIBLE = ["\x00", "\x07", "\x1b", "\x7f", "\x85", "\u202e", "\u2066", "\ufdd0", "\uffff", "\U0010fffe"]
# Directive slips an editor makes; {m} is a real metric id.
DIRECTIVE_SLIPS = [
    "controlled:fact[{m}]",
    ":fact[{m}] {{date=2024-08-20}}",
    ":fact[{m}]{{date=2024-08-20",
    ":\u200bfact[{m}]",
    "\uff1afact[{m}]",
    ":fakt[{m}]",
    ":fact[no-such-metric]",
    ":fact[{m}]{{date=1999-01-01}}",
    ":fact[{m}]{{dat=2024-08-20}}",
    "::chart[no-such-chart]",
    ":cite[no-such-source]",
    ":fact[{m}]{{claimant=nobody}}",
]


@dataclass
class Mutation:
    kind: str  # the class, for the counts
    file: str  # relative to the project, e.g. data/observations.csv
    text: bytes  # the file's new content
    expect: str  # "error" or "same"
    line: int | None = None  # the line a message must name, where one is certain
    what: str = ""

    def __str__(self) -> str:
        return f"{self.kind} {self.file}:{self.line or ''} {self.what!r}"


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line, cells) of each data row of a CSV without quoted line breaks."""
    out = []
    for number, line in enumerate(_lines(text), start=1):
        if number == 1 or not line.strip():
            continue
        out.append((number, next(csv.reader([line]))))
    return out


def _csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()


def _bad_cell(column: str, rng: random.Random, ids: list[str]) -> str | None:
    if column in ("date",):
        return rng.choice(BAD_DATES)
    if column in ("value", "high", "lat", "lon"):
        return rng.choice([*BAD_NUMBERS, "151.2", "35,27"] if column in ("lat", "lon") else BAD_NUMBERS)
    if column == "id":  # a renamed id is a valid edit: only malformed or repeated ids
        return rng.choice(["Bad Id", "x_y", "-lead", *(ids[:1] * 2)])
    if column in ("metric", "claimant", "source"):
        return rng.choice([*BAD_IDS, "zz-no-such-" + column])
    if column == "status":
        return rng.choice(["maybe", "Claimed!", ""])
    if column == "qualifier":
        return rng.choice(["approx", "more than about"])
    return None


def csv_cell(root: Path, rng: random.Random) -> Mutation:
    name = rng.choice([f for f in CSV_FILES if (root / "data" / f).exists()])
    text = (root / "data" / name).read_text(encoding="utf-8")
    header = next(csv.reader([_lines(text)[0]]))
    rows = _csv_rows(text)
    ids = [cells[header.index("id")] for _, cells in rows if "id" in header]
    for _ in range(50):
        line, cells = rng.choice(rows)
        column = rng.choice(header)
        bad = _bad_cell(column, rng, ids)
        if bad is None or len(cells) != len(header):
            continue
        if column in ("value", "high") and bad == "-5" and cells[header.index("value")] == "":
            continue
        if column == "high" and not cells[header.index("high")]:
            continue  # a high end added to a non-range is an error too, but keep to edits of set cells
        if column in ("lat", "lon") and not cells[header.index(column)]:
            continue
        cells = list(cells)
        if cells[header.index(column)] == bad:
            continue
        cells[header.index(column)] = bad
        lines = _lines(text)
        lines[line - 1] = _csv_line(cells)
        # An emptied or typo'd reference names the row's line; a bad date may be reported at the
        # line of the row that cites it too: the file is certain, the line is the row's.
        return Mutation("csv-cell", f"data/{name}", "\n".join(lines).encode(), "error", line, f"{column}={bad}")
    raise RuntimeError("no cell to mutate")


def _yaml_items(text: str) -> list[tuple[int, str, str]]:
    """(line, key, value text) of each '  key: value' line of a list of mappings."""
    out = []
    for number, line in enumerate(_lines(text), start=1):
        m = re.match(r"^(?:- |  )([a-z_]+): (\S.*)$", line)
        if m:
            out.append((number, m.group(1), m.group(2)))
    return out


YAML_BAD = {
    "url": BAD_URLS,
    "published": BAD_DATES,
    "accessed": BAD_DATES,
    "date": BAD_DATES,
    "group": ["side-x", "ukrainian"],
    "kind": ["pie-chart", "3d"],
    "unit": ["5", "1.5", ".nan", ".inf"],
    "id": ["Bad Id", "x_y"],
    "status": ["maybe"],
}


def yaml_field(root: Path, rng: random.Random) -> Mutation:
    for _ in range(50):
        name = rng.choice([f for f in YAML_FILES if (root / "data" / f).exists()])
        text = (root / "data" / name).read_text(encoding="utf-8")
        items = [(n, k, v) for n, k, v in _yaml_items(text) if k in YAML_BAD]
        if name == "charts.yml":
            items = [(n, k, v) for n, k, v in items if k != "kind" or v in ("timeseries", "bar", "timeline", "map")]
        if not items:
            continue
        line, key, _value = rng.choice(items)
        bad = rng.choice(YAML_BAD[key])
        if key == "kind" and name == "sources.yml":
            bad = rng.choice(["blog", "pamphlet"])
        lines = _lines(text)
        prefix = lines[line - 1][: lines[line - 1].index(f"{key}:")]
        quoted = "'" + bad.replace("'", "''") + "'" if key != "unit" else bad
        lines[line - 1] = f"{prefix}{key}: {quoted}"
        return Mutation("yaml-field", f"data/{name}", "\n".join(lines).encode(), "error", line, f"{key}={bad}")
    raise RuntimeError("no field to mutate")


def yaml_structure(root: Path, rng: random.Random) -> Mutation:
    name = rng.choice([f for f in YAML_FILES if (root / "data" / f).exists()])
    text = (root / "data" / name).read_text(encoding="utf-8")
    lines = _lines(text)
    keyed = [i for i, line in enumerate(lines) if re.match(r"^  [a-z_]+: ", line)]
    i = rng.choice(keyed)
    how = rng.choice(["tab", "complex-key", "alias-bomb", "truncate-key", "duplicate-key", "unquoted-colon"])
    if how == "tab":
        lines[i] = "\t" + lines[i].lstrip(" ")
    elif how == "complex-key":
        lines.insert(i + 1, "  ? [a, b]")
        lines.insert(i + 2, "  : c")
    elif how == "alias-bomb":
        bomb = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
        bomb += [f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
        lines[i + 1 : i + 1] = bomb
    elif how == "truncate-key":
        key = lines[i].strip().split(":")[0]
        lines = [*lines[:i], "  " + key[: max(1, len(key) - 2)]]
    elif how == "duplicate-key":
        lines.insert(i + 1, lines[i])
    elif how == "unquoted-colon":
        lines.insert(i + 1, "  - : : [")
    return Mutation("yaml-structure", f"data/{name}", "\n".join(lines).encode(), "error", None, how)


def _pages(root: Path) -> list[Path]:
    # The English pages: the engine's check of a mutation renders the English edition.
    return sorted(p for p in (root / "docs").glob("*.md") if p.stem.count(".") == 0)


def _prose_lines(text: str) -> list[int]:
    """0-based indexes of plain paragraph lines (outside front matter, code and lists' edges)."""
    lines = _lines(text)
    out, fenced, front = [], False, lines[0].strip() == "---"
    for i, line in enumerate(lines):
        if front:
            if i > 0 and line.strip() == "---":
                front = False
            continue
        if line.startswith(("```", "~~~")):
            fenced = not fenced
            continue
        if fenced or not line.strip() or line.startswith(("#", " ", "\t", "|", ">", "-", "*", "!", "<", ":")):
            continue
        if re.match(r"^\d+\.", line):
            continue
        out.append(i)
    return out


def page_directive(root: Path, rng: random.Random, metrics: list[str]) -> Mutation:
    page = rng.choice(_pages(root))
    text = page.read_text(encoding="utf-8")
    i = rng.choice(_prose_lines(text))
    slip = rng.choice(DIRECTIVE_SLIPS).format(m=rng.choice(metrics))
    lines = _lines(text)
    lines[i] = lines[i].rstrip() + " " + slip
    return Mutation("page-directive", f"docs/{page.name}", "\n".join(lines).encode(), "error", i + 1, slip)


def page_bytes(root: Path, rng: random.Random) -> Mutation:
    page = rng.choice(_pages(root))
    raw = page.read_bytes()
    text = raw.decode("utf-8")
    lines = _lines(text)
    how = rng.choice(["cp1252", "unclosed-front-matter", "broken-front-matter", "invisible"])
    if how == "cp1252":
        i = rng.choice(_prose_lines(text))
        line = lines[i].encode("utf-8")
        cut = rng.randrange(len(line) + 1)
        while cut and cut < len(line) and (line[cut] & 0xC0) == 0x80:
            cut -= 1  # between characters
        lines_b = [x.encode("utf-8") for x in lines]
        lines_b[i] = line[:cut] + b"\x92" + line[cut:]
        return Mutation("page-bytes", f"docs/{page.name}", b"\n".join(lines_b), "error", i + 1, how)
    if how == "unclosed-front-matter" and lines[0] == "---":
        close = lines.index("---", 1)
        del lines[close]
        return Mutation("page-bytes", f"docs/{page.name}", "\n".join(lines).encode(), "error", 1, how)
    if how == "broken-front-matter" and lines[0] == "---":
        lines.insert(1, "title: [unclosed")
        return Mutation("page-bytes", f"docs/{page.name}", "\n".join(lines).encode(), "error", None, how)
    i = rng.choice(_prose_lines(text))
    at = rng.randrange(len(lines[i]) + 1)
    char = rng.choice(INVISIBLE)
    lines[i] = lines[i][:at] + char + lines[i][at:]
    return Mutation("page-bytes", f"docs/{page.name}", "\n".join(lines).encode(), "error", i + 1, f"U+{ord(char):04X}")


def invisible_in_data(root: Path, rng: random.Random) -> Mutation:
    name = rng.choice([*CSV_FILES, *YAML_FILES])
    text = (root / "data" / name).read_text(encoding="utf-8")
    lines = _lines(text)
    candidates = [i for i, line in enumerate(lines) if line.strip() and not line.lstrip().startswith("#")]
    i = rng.choice(candidates[1:] if name.endswith(".csv") else candidates)
    at = rng.randrange(len(lines[i]) + 1)
    char = rng.choice(INVISIBLE)
    lines[i] = lines[i][:at] + char + lines[i][at:]
    return Mutation("data-invisible", f"data/{name}", "\n".join(lines).encode(), "error", i + 1, f"U+{ord(char):04X}")


def harmless(root: Path, rng: random.Random) -> Mutation:
    how = rng.choice(["crlf-csv", "blank-lines", "yaml-comment", "quoted-cell", "page-blank-end"])
    if how == "crlf-csv":
        name = rng.choice(CSV_FILES)
        text = (root / "data" / name).read_text(encoding="utf-8")
        return Mutation("harmless", f"data/{name}", text.replace("\n", "\r\n").encode(), "same", None, how)
    if how == "blank-lines":
        name = rng.choice([*CSV_FILES, *YAML_FILES])
        text = (root / "data" / name).read_text(encoding="utf-8")
        return Mutation("harmless", f"data/{name}", (text + "\n\n").encode(), "same", None, how)
    if how == "yaml-comment":
        name = rng.choice(YAML_FILES)
        lines = _lines((root / "data" / name).read_text(encoding="utf-8"))
        starts = [i for i, line in enumerate(lines) if line.startswith("- ")]
        i = rng.choice(starts)
        lines.insert(i, "# a comment an editor left")
        return Mutation("harmless", f"data/{name}", "\n".join(lines).encode(), "same", None, how)
    if how == "quoted-cell":
        name = rng.choice(CSV_FILES)
        text = (root / "data" / name).read_text(encoding="utf-8")
        lines = _lines(text)
        rows = [(n, c) for n, c in _csv_rows(text) if c and c[0] and "," not in c[0] and '"' not in c[0]]
        line, cells = rng.choice(rows)
        lines[line - 1] = f'"{cells[0]}"' + lines[line - 1][len(cells[0]) :]
        return Mutation("harmless", f"data/{name}", "\n".join(lines).encode(), "same", None, how)
    page = rng.choice(_pages(root))
    return Mutation("harmless", f"docs/{page.name}", page.read_bytes() + b"\n\n", "same", None, how)


GENERATORS = {
    "csv-cell": csv_cell,
    "yaml-field": yaml_field,
    "yaml-structure": yaml_structure,
    "page-directive": page_directive,
    "page-bytes": page_bytes,
    "data-invisible": invisible_in_data,
    "harmless": harmless,
}


def generate(root: Path, count: int, seed: int, metrics: list[str]) -> list[Mutation]:
    """count mutations, the classes taken in turn, from a fixed seed."""
    rng = random.Random(seed)
    names = list(GENERATORS)
    out = []
    for n in range(count):
        kind = names[n % len(names)]
        make = GENERATORS[kind]
        out.append(make(root, rng, metrics) if kind == "page-directive" else make(root, rng))
    return out
