"""Problems an editor can fix: where (file, line), which field, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project root, e.g. "data/observations.csv"
    line: int | None
    field: str | None
    message: str
    warning: bool = False  # warnings (unused chart or source) fail only under --strict
    notice: bool = False  # notices (a published figure changed) block only a publishing build
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
        self.items.append(Problem(path, line, field, message))

    def warn(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(path, line, field, message, warning=True))

    def notice(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.items.append(Problem(path, line, field, message, notice=True))

    def note(self, path: str, line: int | None, field: str | None, message: str) -> None:
        """Worth an editor's look, but no build fails on it, publishing included."""
        self.items.append(Problem(path, line, field, message, note=True))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if not (p.warning or p.notice or p.note)]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.warning]

    @property
    def notices(self) -> list[Problem]:
        return [p for p in self.items if p.notice]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.items if p.note]


class DataError(Exception):
    """Raised with every error of a build; its text is one line per problem."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the site's data or pages:"]
        lines += [f"  {p}" for p in problems]
        super().__init__("\n".join(lines))
