"""The package's README.md: what each file and column means, and what the statuses say.

Written from the same descriptor as datapackage.json, so the two always agree."""

from __future__ import annotations

from datetime import date
from typing import Any

from ..model.claims import GROUP_LABELS
from ..model.dates import COVERS, LAST_REVISED, NEWEST_SOURCE, period
from ..model.formatting import long_date
from ..model.statuses import EVENT_STATUS_TEXT, FIGURE_STATUS_TEXT
from . import licence
from .schema import LIST_SEPARATOR


def _md(text: object) -> str:
    """A table cell: a pipe would end the cell, a line break the row."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _dates(descriptor: dict[str, Any]) -> list[str]:
    """The site's dates, in the words every page and the footer use (model/dates.py)."""
    out = []
    if descriptor.get("covers"):
        start, end = (date.fromisoformat(d) for d in descriptor["covers"].split("/"))
        out.append(f"- {COVERS}: {period(start, end)} (`covers`: the first and last as-of dates of the rows)")
    if descriptor.get("newestSource"):
        day = long_date(date.fromisoformat(descriptor["newestSource"]))
        out.append(
            f"- {NEWEST_SOURCE}: {day} (`newestSource`: the newest news report, primary document or official statement)"
        )
    if descriptor.get("lastRevised"):
        day = long_date(date.fromisoformat(descriptor["lastRevised"]))
        out.append(f"- {LAST_REVISED}: {day} (`lastRevised`: the newest correction or dated update)")
    return out


def readme(descriptor: dict[str, Any], citation_line: str) -> str:
    out = [
        f"# {descriptor['title']}",
        "",
        descriptor["description"],
        "",
        f"- Data version: `{descriptor['version']}` (the date of the newest source, and a hash of the tables)",
        *_dates(descriptor),
        f"- Home: {descriptor['homepage']}",
        f"- Licence: {licence.LICENCE['title']} ({licence.LICENCE['path']}), for {licence.COVERS}.",
        f"  {licence.THIRD_PARTY}",
        "",
        "## How to cite",
        "",
        citation_line,
        "",
        "## Files",
        "",
        "`datapackage.json` describes every table for software (a Frictionless Data Package: types, "
        "keys between the files, the licence, the sources). Each CSV is UTF-8 with a header row; an empty "
        f"cell means no value; list cells hold ids separated by `{LIST_SEPARATOR}`. A text cell that would "
        "start with `=`, `+`, `-` or `@` starts with `'` so that spreadsheets do not run it as a formula.",
        "",
    ]
    for res in descriptor["resources"]:
        out += [f"### {res['path']}: {res['title']}", "", res["description"], ""]
        keys = res["schema"].get("primaryKey")
        if keys:
            out += [f"Each row is identified by {', '.join(f'`{k}`' for k in keys)}.", ""]
        out += ["| column | type | meaning | allowed values |", "| --- | --- | --- | --- |"]
        links = {
            fk["fields"]: fk["reference"]["resource"]
            for fk in res["schema"].get("foreignKeys", [])
            if isinstance(fk["fields"], str)
        }
        for f in res["schema"]["fields"]:
            c = f.get("constraints", {})
            allowed = ", ".join(c.get("enum", []))
            if f["name"] in links:
                allowed = f"an id in {links[f['name']]}.csv"
            required = " (required)" if c.get("required") else ""
            out.append(f"| `{f['name']}` | {f['type']}{required} | {_md(f['description'])} | {_md(allowed)} |")
        out.append("")
    out += ["## Statuses", "", "A figure's `status` in observations.csv:", ""]
    out += [f"- `{k}`: {v}." for k, v in FIGURE_STATUS_TEXT.items()]
    out += ["", "An event's or statement's `status` in events.csv (a statement on record is not a confirmed fact):", ""]
    out += [f"- `{k}`: {v}." for k, v in EVENT_STATUS_TEXT.items()]
    out += ["", "## Claimant groups", "", "The `group` in claimants.csv, which sets the colour on the site:", ""]
    out += [f"- `{k}`: {v}." for k, v in GROUP_LABELS.items()]
    out += [
        "",
        "## Sources",
        "",
        "Every row names its source; sources.csv lists each once, with the original outlet's address. "
        "Quote a figure with its claimant, its status and its as-of date.",
        "",
    ]
    return "\n".join(out)
