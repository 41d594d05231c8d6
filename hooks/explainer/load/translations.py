"""The data's translations: each entry's `uk:` mapping (YAML) or `*_uk` cells (CSV), checked, and
the one accessor the engine reads them through (`localize`).

Rules (README, "Translations"):
- A translated edition reads each reader-facing field from the translation; a field the
  translation lacks falls back to the English, and the build says so (a warning: a strict build
  fails, a preview shows it). A source's publisher, note and title are optional: they fall back
  silently (a page's title stays as published).
- `translated_from` (`uk_from` in a CSV) is the fingerprint of the English the translation was made
  from: one short hash per translated field, so a stale fingerprint names the fields that changed.
  `pending` (a new translation, not yet checked) and a stale fingerprint are warnings too;
  `scripts/translations.py stamp` writes the current fingerprint in place of `pending`.
- An unknown key in a translation is a typo: refused, whatever the edition.
Problems are reported only when a translated edition is built (and by `make check`), never by the
English build, so an English preview is never held up by a translation.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..model.directives import NAMES
from ..model.events import short_problem
from ..model.formatting import Unit
from ..model.problems import Problems
from .files import TRANSLATION_FROM, TRANSLATION_KEY, Record, read_csv, read_yaml_list

PENDING = "pending"
FINGERPRINT_KEY = "translated_from"
STAMP = "scripts/translations.py stamp"


@dataclass(frozen=True)
class Fields:
    """What a file's entries translate: `required` when the English has them, `optional` never
    required; `lists`: lists of strings in the English order (a chart's tracks and annotations)."""

    kind: str
    key: Callable[[dict], str | None]
    required: tuple[str, ...]
    optional: tuple[str, ...] = ()
    csv: bool = False


def _id(data: dict) -> str | None:
    value = data.get("id")
    return str(value).strip() if value is not None else None


def _dated(data: dict) -> str | None:
    return f"{data.get('date')}|{' '.join(str(data.get('summary') or data.get('title') or '').split())}"


def _observation(data: dict) -> str | None:
    return f"{str(data.get('date', '')).strip()}|{str(data.get('metric', '')).strip()}|{str(data.get('claimant', '')).strip()}"


FILES = {
    "charts.yml": Fields("chart", _id, ("title", "summary", "notes", "y_title", "tracks", "annotations")),
    "claimants.yml": Fields("claimant", _id, ("name", "role")),
    "metrics.yml": Fields("metric", _id, ("label", "description", "unit")),
    "corrections.yml": Fields("correction", _dated, ("summary", "reason")),
    "updates.yml": Fields("update", _dated, ("title", "summary")),
    "sources.yml": Fields("source", _id, (), ("publisher", "note", "title")),
    "events.csv": Fields("event", _id, ("label", "note", "short"), csv=True),
    "places.csv": Fields("place", _id, ("name", "note"), csv=True),
    "observations.csv": Fields("observation", _observation, ("note",), csv=True),
}


@dataclass
class Entry:
    """One entry's translation, as written, with the English it translates."""

    path: str
    line: int
    kind: str
    key: str
    english: dict[str, object]
    uk: dict[str, object]
    fingerprint: str | None
    lines: dict[str, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """How messages name the entry: chart 'territory-claims', the correction of 2026-12-01."""
        if self.kind in ("correction", "update"):
            return f"the {self.kind} of {self.key.split('|')[0]}"
        if self.kind == "observation":
            day, metric, claimant = ([*self.key.split("|"), "", ""])[:3]
            return f"the figure for {metric} by {claimant} as of {day}"
        return f"{self.kind} '{self.key}'"

    def line_of(self, name: str) -> int:
        return self.lines.get(name) or self.lines.get("") or self.line


def _text(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "\n".join(f"{k}={_text(v)}" for k, v in sorted(value.items()))
    return " ".join(str(value).split()) if value is not None else ""


def _english(data: dict, spec: Fields) -> dict[str, object]:
    """The English of the fields a translation covers, as the entry has them."""
    out: dict[str, object] = {}
    for name in (*spec.required, *spec.optional):
        value = data.get(name)
        if name == "annotations" and isinstance(value, list):
            value = [a.get("text") for a in value if isinstance(a, dict) and a.get("text")]
        if name == "title" and spec.kind == "source" and data.get("title_by") != "site":
            continue  # a page's title stays as published
        if value not in (None, "", []):
            out[name] = value
    return out


def fingerprint(english: dict[str, object]) -> str:
    """One 4-hex hash per translated English field, in field-name order: 'title:1a2b summary:3c4d'.
    A short hash each is enough to notice an edit and to name the fields it touched."""
    return " ".join(
        f"{name}:{hashlib.sha256(_text(english[name]).encode('utf-8')).hexdigest()[:4]}" for name in sorted(english)
    )


def changed_fields(old: str, english: dict[str, object]) -> list[str]:
    """The English fields whose hash differs from the fingerprint `old` (new fields included)."""
    was = dict(part.split(":", 1) for part in str(old).split() if ":" in part)
    now = dict(part.split(":", 1) for part in fingerprint(english).split())
    return sorted(name for name in set(was) | set(now) if was.get(name) != now.get(name))


def read(data_dir: Path, problems: Problems, root_label: str = "data") -> list[Entry]:
    """Every entry's translation in data_dir (file format problems go to the loaders' own messages;
    a file they cannot read has no translations here)."""
    entries: list[Entry] = []
    scratch = Problems()  # the loaders report format problems already
    for name, spec in FILES.items():
        path = Path(data_dir) / name
        if not path.is_file():
            continue
        label = f"{root_label}/{name}"
        if spec.csv:
            records = read_csv(path, label, _columns(path), scratch)
        else:
            records = read_yaml_list(path, label, name, scratch)
        for record in records:
            entries.append(_entry(record, spec, problems))
    return entries


def _columns(path: Path) -> list[str]:
    """A CSV's own header minus its translation columns (the loader checks the header itself)."""
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        first = next((line for line in handle if line.strip()), "")
    names = [c.strip() for c in first.strip().split(",")]
    return [n for n in names if not n.endswith(f"_{TRANSLATION_KEY}") and n != TRANSLATION_FROM]


def _entry(record: Record, spec: Fields, problems: Problems) -> Entry:
    data = record.data if isinstance(record.data, dict) else {}
    english = _english(data, spec)
    key = spec.key(data) or ""
    if spec.csv:
        cells = record.translation or {}
        uk = {k.removesuffix(f"_{TRANSLATION_KEY}"): v for k, v in cells.items() if k != TRANSLATION_FROM}
        uk = {k: v for k, v in uk.items() if str(v).strip()}
        mark = cells.get(TRANSLATION_FROM)
        lines = dict.fromkeys(["", *uk], record.line)
        return Entry(
            record.path, record.line, spec.kind, key, english, uk, str(mark).strip() or None if mark else None, lines
        )
    raw = record.translation
    uk: dict[str, object] = {}
    mark = None
    if raw is not None and not isinstance(raw, dict):
        problems.add(
            record.path,
            record.translation_lines.get("") or record.line,
            TRANSLATION_KEY,
            "a translation is a set of 'field: text' lines under uk: (for example  uk: {title: …, "
            f"{FINGERPRINT_KEY}: pending}})",
        )
    elif raw:
        mark = raw.get(FINGERPRINT_KEY)
        known = set(spec.required) | set(spec.optional)
        for name, value in raw.items():
            if name == FINGERPRINT_KEY:
                continue
            if name not in known:
                problems.add(
                    record.path,
                    record.translation_lines.get(str(name)) or record.line,
                    f"{TRANSLATION_KEY}.{name}",
                    f"unknown field in the translation (a {spec.kind} translates: {', '.join(sorted(known))}, "
                    f"and {FINGERPRINT_KEY})",
                )
                continue
            uk[str(name)] = value
    return Entry(
        record.path,
        record.line,
        spec.kind,
        key,
        english,
        uk,
        str(mark).strip() if mark is not None else None,
        dict(record.translation_lines),
    )


def check(entries: list[Entry], problems: Problems) -> None:
    """Missing fields, a `pending` or stale fingerprint: each at its line, with what to do.
    problems: a translated edition's (they are warnings: a strict build fails, a preview shows them)."""
    for e in entries:
        spec = next(s for s in FILES.values() if s.kind == e.kind)
        needed = [n for n in spec.required if n in e.english]
        if not needed and not e.uk:
            continue
        where = "a uk_from column" if spec.csv else f"uk: {FINGERPRINT_KEY}:"
        missing = [n for n in needed if n not in e.uk]
        if missing:
            cols = ", ".join(f"{n}_{TRANSLATION_KEY}" for n in missing) if spec.csv else ", ".join(missing)
            problems.warn(
                e.path,
                e.line_of(""),
                TRANSLATION_KEY,
                f"no Ukrainian for {cols} of {e.name} (the Ukrainian edition shows the English "
                f"meanwhile): add {'the cells' if spec.csv else 'them under uk:'}, with {where} pending",
            )
        if e.kind == "event" and str(e.uk.get("short") or ""):
            problem = short_problem(str(e.uk["short"]))
            if problem:  # the picture holds the Ukrainian to the English's room
                problems.warn(e.path, e.line_of("short"), "short_uk", f"the Ukrainian short label {problem}")
        for name in ("tracks", "annotations"):
            if name in e.uk and name in e.english:
                got, want = e.uk[name], e.english[name]
                if not isinstance(got, list) or len(got) != len(want):
                    problems.warn(
                        e.path,
                        e.line_of(name),
                        f"{TRANSLATION_KEY}.{name}",
                        f"write {len(want)} Ukrainian {name}, one per English one, in the same order",
                    )
        now = fingerprint(e.english)
        label = e.name
        if not e.fingerprint:
            if e.uk:
                problems.warn(
                    e.path,
                    e.line_of(FINGERPRINT_KEY),
                    FINGERPRINT_KEY,
                    f"the translation of {label} has no fingerprint: write {FINGERPRINT_KEY}: pending, "
                    f"then run {STAMP} {e.path} once it is checked",
                )
        elif e.fingerprint == PENDING:
            problems.warn(
                e.path,
                e.line_of(FINGERPRINT_KEY),
                FINGERPRINT_KEY,
                f"the translation of {label} is pending: once it is checked against the English, run "
                f"{STAMP} {e.path} (it writes the fingerprint '{now}')",
            )
        elif e.fingerprint != now:
            changed = changed_fields(e.fingerprint, e.english) or ["(the fingerprint is malformed)"]
            problems.warn(
                e.path,
                e.line_of(FINGERPRINT_KEY),
                FINGERPRINT_KEY,
                f"the English of {label} changed after it was translated ({', '.join(changed)}): update the "
                f"Ukrainian, then set {FINGERPRINT_KEY}: '{now}' (or run {STAMP} {e.path} --stale {e.key})",
            )


# -- the one accessor: a dataset in the edition's language ---------------------------------------


def _value(uk: dict, name: str, english):
    value = uk.get(name)
    if value is None or value == "" or value == []:
        return english
    if name == "unit" and isinstance(value, dict):
        return Unit({str(k): str(v) for k, v in value.items()})
    return str(value) if not isinstance(value, list) else [str(v) for v in value]


def localize(ds, entries: list[Entry]) -> None:
    """Put each translated field in place of the English in ds (the English edition never calls
    this): the rest of the engine renders whatever text the dataset holds. Fallback: the English."""
    by = {(e.kind, e.key): e.uk for e in entries if e.uk}

    def swap(obj, kind: str, key: str, names: tuple[str, ...]):
        uk = by.get((kind, key))
        if not uk:
            return obj
        update = {n: _value(uk, n, getattr(obj, n)) for n in names if n in uk and hasattr(obj, n)}
        return obj.model_copy(update=update) if update else obj

    ds.claimants = {k: swap(v, "claimant", k, ("name", "role")) for k, v in ds.claimants.items()}
    ds.metrics = {k: swap(v, "metric", k, ("label", "description", "unit")) for k, v in ds.metrics.items()}
    ds.sources = {
        k: swap(v, "source", k, ("publisher", "note", "title") if v.title_by == "site" else ("publisher", "note"))
        for k, v in ds.sources.items()
    }
    ds.places = {k: swap(v, "place", k, ("name", "note")) for k, v in ds.places.items()}
    ds.observations = [
        swap(o, "observation", f"{o.date.isoformat()}|{o.metric}|{o.claimant}", ("note",)) for o in ds.observations
    ]
    ds._by_metric = None  # an index of the English rows, built while the charts were checked
    tracks: dict[str, str] = {}
    charts = {}
    for chart_id, spec in ds.charts.items():
        uk = by.get(("chart", chart_id)) or {}
        update = {
            n: _value(uk, n, getattr(spec, n))
            for n in ("title", "summary", "notes", "y_title")
            if n in uk and hasattr(spec, n)
        }
        english_tracks = getattr(spec, "tracks", None)
        if english_tracks and isinstance(uk.get("tracks"), list) and len(uk["tracks"]) == len(english_tracks):
            tracks.update(zip(english_tracks, map(str, uk["tracks"]), strict=True))
            update["tracks"] = [str(t) for t in uk["tracks"]]
        notes = getattr(spec, "annotations", None)
        texts = uk.get("annotations")
        if notes and isinstance(texts, list):
            with_text = [a for a in notes if a.text]
            if len(with_text) == len(texts):
                words = dict(zip(map(id, with_text), map(str, texts), strict=True))
                update["annotations"] = [
                    a.model_copy(update={"text": words[id(a)]}) if id(a) in words else a for a in notes
                ]
        charts[chart_id] = spec.model_copy(update=update) if update else spec
    ds.charts = charts
    ds.events = [
        e.model_copy(update={"track": tracks.get(e.track, e.track)}) if e.track in tracks else e
        for e in (swap(e, "event", e.id, ("label", "note", "short")) for e in ds.events)
    ]
    # Corrections and updates are found by identity (where each was written): keep that link.
    for name, kind in (("corrections", "correction"), ("updates", "update")):
        swapped = []
        for item in getattr(ds, name):
            key = f"{item.date}|{' '.join(item.summary.split())}"
            new = swap(item, kind, key, ("summary", "reason") if kind == "correction" else ("title", "summary"))
            if new is not item and id(item) in ds.correction_lines:
                ds.correction_lines[id(new)] = ds.correction_lines[id(item)]
            swapped.append(new)
        setattr(ds, name, swapped)


# -- pages ---------------------------------------------------------------------------------------


def page_fingerprint(english: bytes) -> str:
    """A page's: a short hash of its English Markdown file as it is."""
    return hashlib.sha256(english).hexdigest()[:10]


def translated_page_path(english: Path, code: str) -> Path:
    """docs/why.md -> docs/why.uk.md"""
    return english.with_name(f"{english.stem}.{code}{english.suffix}")


def page_mark(text: str) -> tuple[int | None, str | None]:
    """(line, value) of the front matter's translated_from."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for n, line in enumerate(lines[1:], 2):
            if line.strip() == "---":
                break
            if line.startswith(f"{FINGERPRINT_KEY}:"):
                return n, line.split(":", 1)[1].strip().strip("'\"")
    return None, None


_DIRECTIVE_RE = re.compile(r"(?<![\w`:]):{1,2}[a-z]+(?:\[[^\]\n]*\])?(?:\{[^}\n]*\})?")
_KNOWN_RE = re.compile(rf":{{1,2}}(?:{NAMES})\b")  # a directive's head, by the one table of names


def _directives(text: str) -> Counter:
    """Each directive of a page, its options in a canonical order (`{claimant=a date=b}`)."""
    found: Counter = Counter()
    for m in _DIRECTIVE_RE.finditer(text):
        head, _, options = m.group(0).partition("{")
        if not _KNOWN_RE.match(head):
            continue
        opts = " ".join(sorted(o for o in re.split(r"[\s,]+", options.rstrip("}")) if o))
        found[head + ("{" + opts + "}" if opts else "")] += 1
    return found


def _same_directives(english: str, translated: str, label: str, tlabel: str, problems: Problems) -> None:
    """A translation keeps every directive of its English page (same ids and options): a figure or
    chart left out, or one the English does not have, is a translation out of step."""
    en, uk = _directives(english), _directives(translated)
    missing, extra = sorted((en - uk).elements()), sorted((uk - en).elements())
    if missing or extra:
        parts = ([f"missing {', '.join(missing)}"] if missing else []) + (
            [f"not in the English: {', '.join(extra)}"] if extra else []
        )
        problems.warn(
            tlabel,
            None,
            None,
            f"the translation must keep every directive of {label}, with the same ids and options: {'; '.join(parts)}",
        )


def check_page(english: Path, label: str, code: str, problems: Problems) -> None:
    """A translated page beside its English one, made from the English as it is now."""
    translated = translated_page_path(english, code)
    tlabel = label[: -len(english.name)] + translated.name
    try:
        source = english.read_bytes()
    except OSError:
        return
    now = page_fingerprint(source)
    if not translated.is_file():
        problems.warn(
            tlabel,
            None,
            None,
            f"the page has no Ukrainian translation (the Ukrainian edition shows the English {label} meanwhile): "
            f'write {tlabel} (front matter: description and {FINGERPRINT_KEY}: pending; README, "Translations")',
        )
        return
    text = translated.read_text(encoding="utf-8", errors="replace")
    _same_directives(source.decode("utf-8", errors="replace"), text, label, tlabel, problems)
    line_no, mark = page_mark(text)
    if mark is None:
        problems.warn(
            tlabel,
            1,
            FINGERPRINT_KEY,
            f"the front matter has no {FINGERPRINT_KEY}: write {FINGERPRINT_KEY}: pending, then run {STAMP} {tlabel} "
            "once the translation is checked",
        )
    elif mark == PENDING:
        problems.warn(
            tlabel,
            line_no,
            FINGERPRINT_KEY,
            f"the translation is pending: once it is checked against {label}, run {STAMP} {tlabel} "
            f"(it writes {FINGERPRINT_KEY}: {now})",
        )
    elif mark != now:
        problems.warn(
            tlabel,
            line_no,
            FINGERPRINT_KEY,
            f"{label} changed after it was translated (fingerprint {mark}, now {now}): see what changed with "
            f"`git log -p {label}`, update the Ukrainian, then set {FINGERPRINT_KEY}: {now} "
            f"(or run {STAMP} {tlabel} --stale)",
        )
