"""Problems an editor can fix: where (file, line), which field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass

MAX_MESSAGE = 600  # characters: a message quotes what the editor wrote, never a whole file


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """text cut to limit characters (a pasted paragraph or an expanded value stays readable)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, e.g. "data/observations.csv"
    line: int | None
    field: str | None
    message: str
    warning: bool = False  # warnings (unused chart or source) fail only under --strict
    hold: bool = False  # holds back only a publishing build (a figure readers have seen, changed without a word)
    note: bool = False  # notes (a relay beside its original) block nothing: the editor should look

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class Problems:
    """Collects every problem of a build so the editor sees them all in one run."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def add(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(path, line, field and bounded(field, 80), bounded(message)))

    def warn(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(path, line, field and bounded(field, 80), bounded(message), warning=True))

    def hold(self, path: str, line: int | None, field: str | None, message: str) -> None:
        """Shown in the preview and by make check; fails no build but a publishing one."""
        self.items.append(Problem(path, line, field and bounded(field, 80), bounded(message), hold=True))

    def note(self, path: str, line: int | None, field: str | None, message: str) -> None:
        """Worth an editor's look, but no build fails on it, publishing included."""
        self.items.append(Problem(path, line, field and bounded(field, 80), bounded(message), note=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not (p.warning or p.hold or p.note)]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    @property
    def holds(self) -> list[Problem]:
        return [p for p in self.items if p.hold]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.items if p.note]


class DataError(Exception):
    """Raised with every error of a build; its text is one line per problem."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] = ()) -> None:
        """warnings: those that also stop this build (a strict one), listed as warnings before
        this text: counted here, so the count is what the editor must fix."""
        self.problems = problems
        count = len(problems) + len(warnings)
        head = f"{count} problem{'s' if count != 1 else ''} in the site's data or pages"
        if warnings:
            head += (
                f" ({len(problems)} error{'s' if len(problems) != 1 else ''} below, and {len(warnings)} "
                f"warning{'s' if len(warnings) != 1 else ''} above that fail{'s' if len(warnings) == 1 else ''} "
                "a strict build)"
            )
        lines = [head + ":"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))
