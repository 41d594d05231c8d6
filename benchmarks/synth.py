"""A synthetic site for the scaling benchmark: the project's hooks, theme overrides and runtime,
with generated data (100,000 observation rows) and N generated pages of charts and facts.

Deterministic: the same arguments always write the same files.
"""

from __future__ import annotations

import csv
import random
import shutil
from datetime import date, timedelta
from pathlib import Path

from harness.project import copy_parts, drop_top_level, link_node_modules

METRICS = 100
CLAIMANTS = 40
DATES = 25  # METRICS * CLAIMANTS * DATES = 100,000 rows, unique (date, metric, claimant)
SOURCES = 200
TOPICS = 10
EVENTS = 500
CHARTS_PER_PAGE = 4  # two time series, one bar chart, one timeline
FACTS_PER_PAGE = 4
START = date(2024, 6, 1)
GROUPS = ("ukraine", "russia", "third-country", "analysts", "media", "partisan")
STATUSES = ("claimed", "assessed", "confirmed", "disputed")
EVENT_STATUSES = ("on-record", "reported", "confirmed", "disputed")
QUALIFIERS = ("", "", "about", "more-than", "up-to")
WORDS = [
    "the",
    "figure",
    "was",
    "reported",
    "by",
    "officials",
    "on",
    "the",
    "same",
    "day",
    "while",
    "independent",
    "analysts",
    "counted",
    "differently",
    "and",
    "gave",
    "a",
    "lower",
    "estimate",
    "based",
    "on",
    "geolocated",
    "footage",
    "and",
    "satellite",
    "imagery",
    "of",
    "the",
    "area",
    "near",
    "the",
    "border",
]


def replace_nav(config: str, nav: list[tuple[str, str]]) -> str:
    lines = "".join(f"  - {title!r}: {path}\n" for title, path in nav)
    return drop_top_level(config, "nav") + "nav:\n" + lines


def copy_runtime(root: Path, dest: Path) -> None:
    """hooks/, overrides/, docs/ assets (runtime JS, CSS, favicon) and node_modules (linked)."""
    assets = [f"docs/{name}" for name in ("javascripts", "stylesheets", "assets") if (root / "docs" / name).exists()]
    copy_parts(dest, ["hooks", "overrides", *assets], root)
    link_node_modules(dest, root)


def _letters(n: int) -> str:
    """n in letters (0 -> A, 26 -> BA): page text may carry no typed number (the build refuses one)."""
    out = ""
    while True:
        n, r = divmod(n, 26)
        out = chr(65 + r) + out
        if not n:
            return out


def _front(description: str) -> str:
    """Front matter with the description every page must have."""
    return f"---\ndescription: {description}\n---\n\n"


def _sentence(rng: random.Random, n: int = 18) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def write_data(data: Path) -> int:
    """The shared data: sources, claimants, metrics, 100,000 observations, events. Returns rows."""
    rng = random.Random(6)
    data.mkdir(parents=True, exist_ok=True)
    (data / "sources.yml").write_text(
        "".join(
            f"- id: src-{i}\n  publisher: Outlet {i % 37}\n  title: Report number {i} on the figures\n"
            f"  url: https://example.org/news/{i}/\n  published: {START + timedelta(days=i % 60)}\n"
            for i in range(SOURCES)
        ),
        encoding="utf-8",
    )
    (data / "claimants.yml").write_text(
        "".join(
            f"- id: claimant-{i}\n  name: Claimant {i}\n  role: Official number {i}\n  group: {GROUPS[i % len(GROUPS)]}\n"
            for i in range(CLAIMANTS)
        ),
        encoding="utf-8",
    )
    (data / "metrics.yml").write_text(
        "".join(
            f"- id: metric-{i}\n  label: Measured quantity {i}\n  unit: km\n  description: What quantity {i} measures.\n"
            for i in range(METRICS)
        ),
        encoding="utf-8",
    )
    rows = 0
    with (data / "observations.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["date", "metric", "value", "qualifier", "high", "claimant", "status", "source", "note"])
        for d in range(DATES):
            for m in range(METRICS):
                for c in range(CLAIMANTS):
                    note = _sentence(rng, 8) if rng.random() < 0.1 else ""
                    out.writerow(
                        [
                            START + timedelta(days=d),
                            f"metric-{m}",
                            round(rng.uniform(1, 5000), 1),
                            QUALIFIERS[(m + d) % len(QUALIFIERS)],
                            "",
                            f"claimant-{c}",
                            STATUSES[(m + c + d) % 4],
                            f"src-{(m * 7 + c * 3 + d) % SOURCES}",
                            note,
                        ]
                    )
                    rows += 1
    with (data / "events.csv").open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["id", "date", "topic", "track", "claimant", "status", "label", "short", "source", "note"])
        for i in range(EVENTS):
            out.writerow(
                [
                    f"event-{i}",
                    START + timedelta(days=i % 60),
                    f"topic-{i % TOPICS}",
                    f"Track {i % 4}",
                    f"claimant-{i % CLAIMANTS}",
                    EVENT_STATUSES[i % 4],
                    _sentence(rng, 10),
                    _sentence(rng, 2),
                    f"src-{i % SOURCES}",
                    "",
                ]
            )
    # One chart, so the data directory loads on its own (write_site replaces it with the pages' charts).
    (data / "charts.yml").write_text(
        "- id: chart-only\n  kind: timeseries\n  title: One chart\n  summary: One chart.\n"
        "  metrics: [metric-0]\n  claimants: [claimant-0]\n",
        encoding="utf-8",
    )
    return rows


def _charts_and_page(p: int, rng: random.Random) -> tuple[str, str]:
    """charts.yml entries and the Markdown of page p."""
    charts, body = (
        [],
        [
            _front(f"Generated page {_letters(p)} for the build benchmarks.") + f"# Synthetic page {_letters(p)}\n",
            _sentence(rng, 40) + "\n",
        ],
    )
    for k in range(CHARTS_PER_PAGE):
        cid = f"chart-{p}-{k}"
        metric = f"metric-{(p * CHARTS_PER_PAGE + k) % METRICS}"
        claimants = ", ".join(f"claimant-{(p + k + j * 7) % CLAIMANTS}" for j in range(3))
        head = f"- id: {cid}\n  title: Chart {k} of page {p}\n  summary: {_sentence(rng, 12)}\n"
        if k < 2:
            charts.append(head + f"  kind: timeseries\n  metrics: [{metric}]\n  claimants: [{claimants}]\n")
        elif k == 2:
            day = START + timedelta(days=p % DATES)
            charts.append(
                head + f"  kind: bar\n  metrics: [{metric}]\n  claimants: [{claimants}]\n  start: {day}\n  end: {day}\n"
            )
        else:
            charts.append(head + f"  kind: timeline\n  topic: topic-{p % TOPICS}\n")
        body += [f"## Section {_letters(k)}\n", _sentence(rng, 30) + "\n", f"::chart[{cid}]\n"]
    facts = " ".join(
        f"One claimant put it at :fact[metric-{(p + j) % METRICS}]{{claimant=claimant-{(p + j) % CLAIMANTS}}}."
        for j in range(FACTS_PER_PAGE)
    )
    body += ["## Figures\n", facts + "\n", _sentence(rng, 30) + "\n"]
    return "".join(charts), "\n".join(body)


def write_site(root: Path, dest: Path, pages: int, data_dir: Path | None = None) -> Path:
    """A buildable project in dest with `pages` generated pages; data copied from data_dir or generated."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    copy_runtime(root, dest)
    if data_dir:
        shutil.copytree(data_dir, dest / "data")
    else:
        write_data(dest / "data")
    rng = random.Random(pages)
    charts, nav = [], [("Home", "index.md")]
    index = _front("A generated explainer for the build benchmarks.") + "# Synthetic explainer\n\n"
    (dest / "docs" / "index.md").write_text(index + _sentence(rng, 40) + "\n", encoding="utf-8")
    for p in range(pages):
        chart_yaml, markdown = _charts_and_page(p, rng)
        charts.append(chart_yaml)
        (dest / "docs" / f"page-{p}.md").write_text(markdown, encoding="utf-8")
        nav.append((f"Page {p}", f"page-{p}.md"))
    (dest / "data" / "charts.yml").write_text("".join(charts), encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (dest / "mkdocs.yml").write_text(replace_nav(config, nav), encoding="utf-8")
    return dest
