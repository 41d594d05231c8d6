"""The report writer: the console summary, benchmarks/out/ (report.md, results.json, the measurements'
files such as scaling.svg), the Markdown tables, a hand-drawn SVG chart, machine facts."""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

# The browser the benchmarks drive, as the build chooses it (EXPLAINER_CHROMIUM names another). Not
# the engine's own lookup: importing the engine here would skew the in-process import measurements.
CHROMIUM = os.environ.get("EXPLAINER_CHROMIUM") or "/usr/bin/chromium"


@dataclass
class Result:
    name: str  # the measurement (as given to --only)
    budget: str  # what is measured
    limit: str  # the budget, as text
    measured: str  # the value, as text
    ok: bool | None  # None: skipped (e.g. --quick skips Lighthouse)
    note: str = ""

    @property
    def verdict(self) -> str:
        return {True: "pass", False: "FAIL", None: "skipped"}[self.ok]


@dataclass
class Section:
    """A block of detail for the Markdown report (a small table, a chart, a note)."""

    title: str
    lines: list[str] = field(default_factory=list)


def table(results: list[Result]) -> str:
    """A plain-text table for the terminal."""
    rows = [("measurement", "budget", "limit", "measured", "result")]
    rows += [(r.name, r.budget, r.limit, r.measured, r.verdict) for r in results]
    widths = [max(len(row[i]) for row in rows) for i in range(5)]
    line = lambda row: "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()  # noqa: E731
    out = [line(rows[0]), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in rows[1:]]
    notes = [f"  {r.name}: {r.note}" for r in results if r.note]
    return "\n".join(out + (["", "notes:", *notes] if notes else []))


def markdown_table(results: list[Result]) -> list[str]:
    out = ["| Measurement | Budget | Limit | Measured | Result |", "| --- | --- | --- | --- | --- |"]
    out += [
        f"| {r.name} | {r.budget} | {r.limit} | {r.measured} | {'✅ pass' if r.ok else '❌ FAIL' if r.ok is False else '— skipped'} |"
        for r in results
    ]
    return out


def bar_chart(points: list[tuple[int, float]], unit: str = "s", width: int = 48) -> list[str]:
    """A horizontal ASCII bar chart of (pages, seconds)."""
    top = max(v for _, v in points) or 1
    return [f"{n:>5} pages | {'█' * max(1, round(v / top * width))} {v:.2f} {unit}" for n, v in points]


def svg_chart(points: list[tuple[int, float]], title: str) -> str:
    """Build time (y) against page count (x), with a dashed line for 'linear from the smallest site'."""
    w, h, left, right, top, bottom = 640, 400, 70, 30, 50, 60
    xmax = max(n for n, _ in points) * 1.05
    n0, t0 = points[0]
    ymax = max(max(t for _, t in points), t0 * points[-1][0] / n0) * 1.1  # room for the proportional line
    x = lambda n: left + n / xmax * (w - left - right)  # noqa: E731
    y = lambda t: h - bottom - t / ymax * (h - top - bottom)  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="sans-serif" font-size="12">',
        f'<rect width="{w}" height="{h}" fill="#fff"/>',
        f'<text x="{w / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">{title}</text>',
        f'<line x1="{left}" y1="{h - bottom}" x2="{w - right}" y2="{h - bottom}" stroke="#333"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{h - bottom}" stroke="#333"/>',
        f'<text x="{(left + w - right) / 2}" y="{h - 15}" text-anchor="middle">pages (each with 4 charts and 4 facts; 100,000 observation rows)</text>',
        f'<text x="18" y="{(top + h - bottom) / 2}" text-anchor="middle" transform="rotate(-90 18 {(top + h - bottom) / 2})">mkdocs build, wall clock (s)</text>',
    ]
    for i in range(6):
        t = ymax * i / 5
        parts.append(f'<line x1="{left - 4}" y1="{y(t):.1f}" x2="{w - right}" y2="{y(t):.1f}" stroke="#ddd"/>')
        parts.append(f'<text x="{left - 8}" y="{y(t) + 4:.1f}" text-anchor="end">{t:.1f}</text>')
    for n, _ in points:
        parts.append(f'<text x="{x(n):.1f}" y="{h - bottom + 18}" text-anchor="middle">{n}</text>')
    ideal = " ".join(f"{x(n):.1f},{y(t0 * n / n0):.1f}" for n, _ in points)
    parts.append(f'<polyline points="{ideal}" fill="none" stroke="#999" stroke-dasharray="5,4"/>')
    parts.append(
        f'<text x="{x(points[-1][0]) - 4:.1f}" y="{y(t0 * points[-1][0] / n0) - 8:.1f}" text-anchor="end" fill="#777">proportional to pages, from {n0}</text>'
    )
    measured = " ".join(f"{x(n):.1f},{y(t):.1f}" for n, t in points)
    parts.append(f'<polyline points="{measured}" fill="none" stroke="#2f7ad6" stroke-width="2"/>')
    for n, t in points:
        parts.append(f'<circle cx="{x(n):.1f}" cy="{y(t):.1f}" r="4" fill="#2f7ad6"/>')
        parts.append(f'<text x="{x(n) + 6:.1f}" y="{y(t) + 16:.1f}">{t:.2f} s</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _version(cmd: list[str]) -> str:
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip()
        return out.splitlines()[0] if out else "?"
    except (OSError, subprocess.SubprocessError):
        return "not found"


def machine(lighthouse: Path | None = None) -> dict[str, str]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    mem = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    from importlib.metadata import version

    import mkdocs

    facts = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": str(os.cpu_count()),
        "CPU": model.group(1).strip() if model else platform.processor() or "?",
        "memory": f"{int(mem.group(1)) / 1024 / 1024:.1f} GiB" if mem else "?",
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "Node": _version(["node", "--version"]),
        "Chromium": _version([CHROMIUM, "--version"]),
        "MkDocs / Material": f"{mkdocs.__version__} / {version('mkdocs-material')}",
        "Playwright": version("playwright"),
    }
    if lighthouse and lighthouse.exists():
        facts["Lighthouse"] = _version([str(lighthouse), "--version"])
    return facts


def write_markdown(
    path: Path, facts: dict[str, str], results: list[Result], sections: list[Section], quick: bool
) -> None:
    out = [
        "# Benchmark report",
        "",
        f"Mode: {'quick (--quick: no Lighthouse, fewer repeats)' if quick else 'full'}.",
        "",
        "## Machine",
        "",
    ]
    out += [f"- {k}: {v}" for k, v in facts.items()]
    out += ["", "## Budgets", "", *markdown_table(results)]
    notes = [f"- **{r.name}**: {r.note}" for r in results if r.note]
    if notes:
        out += ["", "Notes:", "", *notes]
    for s in sections:
        out += ["", f"## {s.title}", "", *s.lines]
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write(
    out: Path,
    facts: dict[str, str],
    results: list[Result],
    sections: list[Section],
    details: dict,
    files: dict[str, str],
    quick: bool,
) -> list[Path]:
    """Everything into out/: report.md, results.json and the measurements' files; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    write_markdown(out / "report.md", facts, results, sections, quick)
    (out / "results.json").write_text(
        json.dumps(
            {"machine": facts, "quick": quick, "results": [asdict(r) for r in results], "details": details},
            indent=1,
            default=str,
        ),
        encoding="utf-8",
    )
    for name, text in files.items():
        (out / name).write_text(text, encoding="utf-8")
    return [out / "report.md", out / "results.json", *(out / name for name in files)]


def summary(facts: dict[str, str], results: list[Result], written: list[Path], root: Path) -> str:
    """What the terminal shows at the end: machine, the table, where the details are, the verdict."""
    failed = [r for r in results if r.ok is False]
    verdict = (
        f"{len(failed)} of {len(results)} budget lines failed."
        if failed
        else f"All {sum(r.ok is True for r in results)} budget lines pass."
    )
    return "\n".join(
        [
            "",
            "Machine: " + "; ".join(f"{k} {v}" for k, v in facts.items()),
            "",
            table(results),
            "",
            "Details: " + ", ".join(str(p.relative_to(root)) for p in written),
            "",
            verdict,
        ]
    )
