"""Generated mutations of the real data and pages (tests/mutations.py), each run through the engine
in-process as the hook drives it: a clean error naming the mutated file (and line, where certain),
or, for a harmless edit, exactly the same output. Never a traceback, a hang or a write into docs/
or data/. A few dozen cases run by default; `-m slow` runs a few hundred more."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import signal
from datetime import date
from pathlib import Path

import engine_run
import pytest
import yaml
from mutations import generate

from harness.project import ROOT

SEED = 19
FAST, SLOW = 35, 350
SECONDS = 30  # per case; a normal run takes about one


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("mutations") / "p"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


@pytest.fixture(scope="module")
def baseline(project, tmp_path_factory):
    run = engine_run.run(project, date.today(), tmp_path_factory.mktemp("baseline"))
    assert run.errors == [] and run.warnings == []
    return run


def _metrics(root: Path) -> list[str]:
    return [m["id"] for m in yaml.safe_load((root / "data" / "metrics.yml").read_text(encoding="utf-8"))]


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for folder in ("docs", "data")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


class Hung(Exception):
    pass


@contextlib.contextmanager
def time_limit(seconds: float):
    def stop(*_):
        raise Hung(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def check(mutation, project: Path, baseline, out: Path) -> None:
    target = project / mutation.file
    original = target.read_bytes()
    target.write_bytes(mutation.text)
    try:
        before = _snapshot(project)
        with time_limit(SECONDS):
            run = engine_run.run(project, date.today(), out)
        assert _snapshot(project) == before, f"{mutation}: the build wrote into docs/ or data/"
    finally:
        target.write_bytes(original)
    problems = run.errors + run.warnings
    assert all(len(p) < 1000 and "Traceback" not in p for p in problems), (str(mutation), problems)
    if mutation.expect == "same":
        assert run.errors == [] and run.warnings == [], (str(mutation), problems)
        assert run.pages == baseline.pages, f"{mutation}: a harmless edit changed a page"
        assert run.outputs == baseline.outputs, f"{mutation}: a harmless edit changed a download"
        return
    here = [p for p in run.errors if p.startswith(f"{mutation.file}:") or p.startswith(f"{mutation.file} ")]
    assert here, f"{mutation}: published without an error naming {mutation.file} (problems: {problems[:5]})"
    if mutation.line is not None:
        assert any(p.startswith(f"{mutation.file}:{mutation.line}:") for p in here), (str(mutation), here)


def cases(count: int, skip: int = 0):
    return [pytest.param(i, id=f"m{i:03d}") for i in range(skip, count)]


@pytest.fixture(scope="module")
def mutations(project):
    return generate(project, SLOW, SEED, _metrics(project))


@pytest.mark.parametrize("index", cases(FAST))
def test_a_mutation_is_refused_clearly_or_changes_nothing(index, mutations, project, baseline, tmp_path):
    check(mutations[index], project, baseline, tmp_path)


@pytest.mark.slow
@pytest.mark.parametrize("index", cases(SLOW, skip=FAST))
def test_many_more_mutations(index, mutations, project, baseline, tmp_path):
    check(mutations[index], project, baseline, tmp_path)
