"""The whole site checked in about a second: every data file and every page's directives, with the
build's own messages, without drawing a picture or writing a file (`make check`).

    site = check(root, pages, extensions, extension_configs, info)
    print(report(site, len(pages), seconds))   # the build's messages, then what to do
    print(*annotations(site), sep="\\n")        # in GitHub Actions: one workflow command each

The generator's wiring (hooks/check.py for MkDocs) says which pages there are, at which urls and
with which Markdown extensions, exactly as its build would.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from .build import Build, PageText
from .model.problems import DataError, Problem
from .publish.identity import SiteInfo
from .site import Site

__all__ = ["PageText", "annotation", "annotations", "check", "report"]


def check(
    root: Path,
    pages: Iterable[PageText],
    extensions: Sequence = (),
    extension_configs: dict | None = None,
    info: SiteInfo | None = None,
    today: date | None = None,
    problems: Iterable[Problem] = (),
    lang: str = "en",
    english_pages: Iterable[tuple[Path, str]] = (),
) -> Site:
    """Load and validate the data, render every page through the directives, and finish the build's
    checks, as a build does (explainer/build.py); nothing is drawn or written. problems: the
    generator's own (a page left out of the nav). lang: the edition (a translated one also checks
    the data's translations and, for each of english_pages (path, label), that its translation is
    there and up to date)."""
    build = Build.load(root, today=today, info=info, pictures=False, lang=lang, english_pages=english_pages)
    build.run(pages, extensions, extension_configs)
    build.site.problems.items.extend(problems)
    return build.site


def report(site: Site, pages: int, seconds: float) -> str:
    """What `make check` prints: the build's error text, each warning and what to do before publishing, and a verdict."""
    lines = []
    if site.errors:
        lines.append(str(DataError(site.errors)))
    lines += [f"WARNING  {p}" for p in site.warnings]
    lines += [f"BEFORE PUBLISHING  {p}" for p in site.holds]
    lines += [f"NOTE     {p}" for p in site.notes]
    counted = f"the data and {pages} page{'s' if pages != 1 else ''} checked in {seconds:.2f} s"
    # The four levels (README, "Error messages and their fixes"): an error fails every build, a
    # warning the strict one (`make build`, `make publish`, this check's exit status), a hold only
    # publishing, a note nothing; notes are counted so "no problems" is never said above them.
    noted = (
        f" and {_count(site.notes, 'note')}, which block{'s' if len(site.notes) == 1 else ''} nothing"
        if site.notes
        else ""
    )
    if site.errors or site.warnings:
        lines.append(
            f"{counted}: {_count(site.errors, 'error')}, {_count(site.warnings, 'warning')}{noted}. "
            "The build (and publishing) refuses until every one is fixed."
        )
    elif site.holds:
        lines.append(f"{counted}: no errors; {_count(site.holds, 'thing')} to settle before publishing{noted}.")
    elif site.notes:
        lines.append(
            f"{counted}: no errors or warnings; {_count(site.notes, 'note')} to look at, which block{'s' if len(site.notes) == 1 else ''} no build."
        )
    else:
        lines.append(f"{counted}: no problems.")
    return "\n".join(lines)


def _count(items, word: str) -> str:
    return f"{len(items)} {word}{'s' if len(items) != 1 else ''}"


# -- GitHub Actions ---------------------------------------------------------------------------
# Workflow commands (https://docs.github.com/actions/reference/workflow-commands-for-github-actions):
# `::error file=F,line=L,title=T::MESSAGE`. Escaping as GitHub's own toolkit does it
# (@actions/core, command.ts): in the message %, CR and LF; in a property also ':' and ','.


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """One problem as the workflow command that shows it on its file and line in a pull request:
    an error as an error; a warning (it fails the strict build) or a hold (it stops publishing)
    as a warning."""
    kind = "notice" if problem.note else ("warning" if problem.warning or problem.hold else "error")
    props = {"file": problem.path}
    if problem.line:
        props["line"] = str(problem.line)
    what = "blocks publishing" if problem.hold else ("fails the strict build" if problem.warning else "")
    what = "blocks nothing" if problem.note else what
    title = ", ".join(filter(None, (problem.field, what))) or "error"
    props["title"] = f"make check: {title}"
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in props.items())
    return f"::{kind} {joined}::{escape_data(problem.message)}"


def annotations(site: Site) -> list[str]:
    """Every problem of the check, errors first."""
    return [annotation(p) for p in (*site.errors, *site.warnings, *site.holds, *site.notes)]
