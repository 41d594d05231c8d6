"""The project on disk: scratch copies of it, edits to its files, `mkdocs` run in it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("docs", "data", "hooks", "overrides")  # with mkdocs.yml and node_modules (linked): a buildable project
IGNORE = shutil.ignore_patterns("__pycache__")


def outputs():
    """The engine's explainer/outputs.py, the one place that names where a build writes its
    downloads, cards, embeds, plotly.js, the data package and the feed (benchmarks import the engine
    only through here)."""
    hooks = str(ROOT / "hooks")
    if hooks not in sys.path:
        # Last, not first: hooks/check.py would shadow benchmarks/check.py for benchmarks/run.py.
        sys.path.append(hooks)
    from explainer import outputs as named

    return named


def mkdocs_env(extra: dict | None = None) -> dict:
    """The environment for a `mkdocs` subprocess."""
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra or {})}


def drop_top_level(config: str, key: str) -> str:
    """Remove a top-level YAML key and its indented block from mkdocs.yml text."""
    return re.sub(rf"(?m)^{key}:.*\n(?:(?:[ \t]+.*|)\n)*?(?=^\S|\Z)", "", config)


def copy_parts(dest: Path, names, root: Path = ROOT) -> None:
    """Copy these folders of root (paths relative to it) into dest, without bytecode."""
    for name in names:
        shutil.copytree(root / name, dest / name, ignore=IGNORE)


def link_node_modules(dest: Path, root: Path = ROOT) -> None:
    (dest / "node_modules").symlink_to(root / "node_modules")


def copy_project(dest: Path, hooks: bool = True) -> Path:
    """A scratch copy of the project (docs, data, hooks, overrides, mkdocs.yml), sharing node_modules.
    Without hooks, mkdocs.yml loses its `hooks:`, `watch:` and the theme's `custom_dir` (plain
    Material: the overrides use the hook's `t` filter, so they cannot render without it)."""
    copy_parts(dest, PARTS)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if not hooks:
        config = drop_top_level(drop_top_level(config, "hooks"), "watch")
        config = re.sub(r"\n[ \t]+custom_dir: overrides\n", "\n", config, count=1)
        # The keys, not the words: a comment in mkdocs.yml may name the hook module.
        assert not re.search(r"(?m)^(hooks|watch):", config) and not re.search(r"(?m)^[ \t]+custom_dir:", config)
    (dest / "mkdocs.yml").write_text(config, encoding="utf-8")
    link_node_modules(dest)
    return dest


def english_only(project: Path) -> Path:
    """The README's one-line switch: the Ukrainian edition off (`build: false` on uk in mkdocs.yml).
    For tests and benchmarks of the English edition's own steps, whose edits have no translation."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    switched = re.sub(r"(- locale: uk\n(?:[ \t]+[^\n]*\n)*?[ \t]+build: )true", r"\1false", text, count=1)
    assert switched != text, "mkdocs.yml: no `build: true` under the uk language"
    config.write_text(switched, encoding="utf-8")
    return project


def replaced(path: Path, old: str, new: str) -> str:
    """The text of path with the first `old` replaced by `new` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    return text.replace(old, new, 1)


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(replaced(path, old, new), encoding="utf-8")


def mkdocs(
    *args: str,
    cwd: Path = ROOT,
    env: dict | None = None,
    check: bool = False,
    timeout: float = 300,
    generator: str = "mkdocs",
) -> subprocess.CompletedProcess:
    """`python -m mkdocs ARGS` in cwd (or another generator with the same command line, such as
    properdocs); with check, a failure raises with its output."""
    proc = subprocess.run(
        [sys.executable, "-m", generator, *args],
        cwd=cwd,
        env=mkdocs_env(env),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"{generator} {' '.join(args)} failed in {cwd}:\n{proc.stdout}\n{proc.stderr}")
    return proc


def check(project: Path, **env: str) -> subprocess.CompletedProcess:
    """`make check` (hooks/check.py) in project, outside GitHub Actions unless env says otherwise."""
    return subprocess.run(
        [sys.executable, str(project / "hooks" / "check.py")],
        cwd=project,
        env=mkdocs_env({"GITHUB_ACTIONS": "", **env}),
        capture_output=True,
        text=True,
        timeout=120,
    )


def build(project: Path, site_dir: Path, env: dict | None = None, strict: bool = False, timeout: float = 900) -> float:
    """`mkdocs build` of project into site_dir (raises if it fails); wall-clock seconds, Python start-up included."""
    start = time.perf_counter()
    mkdocs(
        "build",
        *(["--strict"] if strict else []),
        "--site-dir",
        str(site_dir),
        cwd=project,
        env=env,
        check=True,
        timeout=timeout,
    )
    return time.perf_counter() - start
