#!/usr/bin/env python3
"""The translations' state, and the stamp that marks a checked translation (README, "Translations").

    .venv/bin/python scripts/translations.py status                      # what is pending, stale, missing
    .venv/bin/python scripts/translations.py stamp docs/why.uk.md        # pending -> the English's fingerprint
    .venv/bin/python scripts/translations.py stamp data/charts.yml       # every pending entry in the file
    .venv/bin/python scripts/translations.py stamp data/charts.yml --stale territory-claims
    .venv/bin/python scripts/translations.py stamp docs/why.uk.md --stale

`stamp` replaces `pending` (translated_from in a page's front matter or an entry's uk:, the uk_from
cell of a CSV row) with the fingerprint of the English as it is now: run it once you have checked
the translation against the English. It never overwrites a stale fingerprint (the English changed
after the translation) unless told so entry by entry with --stale ID (a data entry's id; for a
CSV observation, date|metric|claimant) or, for a page, --stale: update the Ukrainian first.
It changes only the fingerprint, on its own line or cell.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from explainer.load import translations as tr  # noqa: E402
from explainer.load.files import TRANSLATION_FROM  # noqa: E402
from explainer.model.problems import Problems  # noqa: E402

LANG = "uk"


def _english_page(path: Path) -> Path:
    return path.with_name(path.name.replace(f".{LANG}.md", ".md"))


def stamp_page(path: Path, stale: bool) -> list[str]:
    english = _english_page(path)
    now = tr.page_fingerprint(english.read_bytes())
    text = path.read_text(encoding="utf-8")
    line_no, mark = tr.page_mark(text)
    if line_no is None:
        return [f"{path}: no {tr.FINGERPRINT_KEY} line in the front matter (write {tr.FINGERPRINT_KEY}: pending)"]
    if mark == now:
        return []
    if mark != tr.PENDING and not stale:
        return [f"{path}:{line_no}: stale ({mark}, now {now}): update the Ukrainian, then stamp again with --stale"]
    lines = text.splitlines(keepends=True)
    ending = "\n" if lines[line_no - 1].endswith("\n") else ""
    lines[line_no - 1] = f"{tr.FINGERPRINT_KEY}: {now}{ending}"
    path.write_text("".join(lines), encoding="utf-8")
    print(f"{path}:{line_no}: {tr.FINGERPRINT_KEY}: {now}")
    return []


def stamp_data(path: Path, stale: set[str]) -> list[str]:
    problems = Problems()
    entries = [e for e in tr.read(path.parent, problems) if Path(e.path).name == path.name]
    refused = []
    if path.suffix == ".csv":
        return _stamp_csv(path, entries, stale)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    for e in entries:
        if not e.uk or e.fingerprint is None:
            continue
        now = tr.fingerprint(e.english)
        if e.fingerprint == now:
            continue
        if e.fingerprint != tr.PENDING and e.key not in stale:
            refused.append(
                f"{path}:{e.line_of(tr.FINGERPRINT_KEY)}: {e.name} is stale "
                f"({', '.join(tr.changed_fields(e.fingerprint, e.english))} changed): update the Ukrainian, then "
                f"stamp with --stale {e.key}"
            )
            continue
        n = e.lines.get(tr.FINGERPRINT_KEY)
        if not n:
            continue
        old = lines[n - 1]
        indent = old[: len(old) - len(old.lstrip())]
        ending = "\n" if old.endswith("\n") else ""
        lines[n - 1] = f"{indent}{tr.FINGERPRINT_KEY}: '{now}'{ending}"
        print(f"{path}:{n}: {e.name}: {now}")
    path.write_text("".join(lines), encoding="utf-8")
    return refused


def _stamp_csv(path: Path, entries: list, stale: set[str]) -> list[str]:
    """The uk_from cell is the row's last (CONTRACTS): only its text changes, at the end of the
    row's last line; every other byte of the file stays as written."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = next(csv.reader(io.StringIO(lines[0]))) if lines else []
    if not header or header[-1] != TRANSLATION_FROM:
        return [f"{path}: {TRANSLATION_FROM} must be the last column"]
    refused = []
    for e in entries:
        if not e.uk or not e.fingerprint:
            continue
        now = tr.fingerprint(e.english)
        if e.fingerprint == now:
            continue
        if e.fingerprint != tr.PENDING and e.key not in stale:
            refused.append(f"{path}:{e.line}: {e.name} is stale: update the Ukrainian, then --stale {e.key}")
            continue
        # The row's last line: the first from its start that ends with the old value.
        for n in range(e.line - 1, len(lines)):
            body = lines[n].rstrip("\r\n")
            for old in (e.fingerprint, f'"{e.fingerprint}"'):
                if body.endswith("," + old):
                    lines[n] = body[: len(body) - len(old)] + now + lines[n][len(body) :]
                    print(f"{path}:{e.line}: {e.name}: {now}")
                    break
            else:
                continue
            break
    path.write_text("".join(lines), encoding="utf-8")
    return refused


def status() -> int:
    problems = Problems()
    entries = tr.read(ROOT / "data", problems)
    tr.check(entries, problems)
    for english in sorted((ROOT / "docs").glob("*.md")):
        if english.name.count(".") == 1:
            tr.check_page(english, f"docs/{english.name}", LANG, problems)
    for p in problems.items:
        print(p)
    return 1 if problems.items else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("status", help="list what is pending, stale or missing")
    stamp = sub.add_parser("stamp", help="replace pending with the current fingerprint")
    stamp.add_argument("files", nargs="+", type=Path)
    stamp.add_argument(
        "--stale",
        nargs="*",
        default=None,
        help="also re-stamp these stale entries (data: ids; a page: no value), after updating them",
    )
    args = parser.parse_args(argv)
    if args.command == "status":
        return status()
    refused = []
    for path in args.files:
        path = path if path.is_absolute() else Path.cwd() / path
        if path.suffix == ".md":
            refused += stamp_page(path, args.stale is not None)
        else:
            refused += stamp_data(path, set(args.stale or ()))
    for message in refused:
        print(message, file=sys.stderr)
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
