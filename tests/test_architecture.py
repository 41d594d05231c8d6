"""The engine's import structure: no import cycles, and the import-linter contracts (layers, no
generator imported, independent chart kinds, no test-only library in the build).

Uses grimp (import-linter's graph builder), which reads every import statement in the package,
function-level (lazy) and TYPE_CHECKING ones included, so a cycle can't hide behind a late import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "explainer"


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(PACKAGE, include_external_packages=True, cache_dir=None)


def _canonical(cycle: tuple[str, ...]) -> tuple[str, ...]:
    """The same cycle whichever module it starts from: rotate so the smallest module comes first."""
    start = cycle.index(min(cycle))
    return cycle[start:] + cycle[:start]


def find_cycles(graph: grimp.ImportGraph) -> list[tuple[str, ...]]:
    """One shortest cycle through each direct import A -> B that B imports back (B -> ... -> A)."""
    internal = {m for m in graph.modules if m == PACKAGE or m.startswith(PACKAGE + ".")}
    cycles: set[tuple[str, ...]] = set()
    for importer in sorted(internal):
        for imported in sorted(graph.find_modules_directly_imported_by(importer) & internal):
            if imported == importer:
                continue  # grimp maps `from . import name` (not a submodule) onto the package itself
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                # back runs imported -> ... -> importer; the cycle is importer -> imported -> ... (-> importer)
                cycles.add(_canonical((importer, *back[:-1])))
    return sorted(cycles, key=lambda c: (len(c), c))


def describe(graph: grimp.ImportGraph, cycle: tuple[str, ...]) -> str:
    """The cycle as `a -> b -> a`, then where each of its imports is (function-level ones included)."""
    lines = ["  " + " -> ".join((*cycle, cycle[0]))]
    for importer, imported in zip(cycle, (*cycle[1:], cycle[0]), strict=True):
        for detail in graph.get_import_details(importer=importer, imported=imported)[:1]:
            lines.append(f"      {importer}:{detail['line_number']}: {detail['line_contents']}")
    return "\n".join(lines)


def test_the_engine_has_no_import_cycles(graph):
    cycles = find_cycles(graph)
    report = "\n".join(describe(graph, cycle) for cycle in cycles)
    assert not cycles, f"{len(cycles)} import cycle(s) in {PACKAGE}:\n{report}"


def test_the_import_linter_contracts_are_kept():
    """`pytest` alone enforces pyproject.toml's [tool.importlinter] contracts, as `make lint` does."""
    exe = Path(sys.executable).parent / "lint-imports"
    command = [str(exe)] if exe.exists() else [shutil.which("lint-imports") or "lint-imports"]
    hooks = os.pathsep.join(filter(None, [str(ROOT / "hooks"), os.environ.get("PYTHONPATH")]))
    result = subprocess.run(
        [*command, "--no-cache", "--no-logo"],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": hooks},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"lint-imports failed:\n{result.stdout}\n{result.stderr}"


def test_every_chart_kind_is_in_the_independence_contract():
    """A kind is registered once, in kinds.KINDS; the contract that keeps kinds apart must name each."""
    import tomllib

    from explainer import kinds

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"][
        "contracts"
    ]
    (independent,) = [c for c in contracts if c["type"] == "independence"]
    assert sorted(independent["modules"]) == sorted(module.__name__ for module in kinds.KINDS.values())
