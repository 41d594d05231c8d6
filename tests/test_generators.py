"""A second generator, proven: ProperDocs (the maintained MkDocs 1.6 fork) builds this site unchanged.

The MkDocs build is the session's `built_site`; ProperDocs builds the same project, and every file
must come out byte for byte the same except what the README ("Moving to another generator") lists:
the `<meta name="generator">` tag, and the build date in the sitemap (`<lastmod>`, and the gzip
header's timestamp of sitemap.xml.gz), which differ between any two builds made on different days.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import copy_project, mkdocs

pytestmark = pytest.mark.build

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")


def normalised(path: Path) -> bytes:
    """The file's bytes with only the documented differences blanked out."""
    data = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod/>", data)
    if path.suffix == ".html":
        data = GENERATOR_TAG.sub(b'<meta name="generator">', data)
    return data


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def properdocs(*args: str, **kwargs):
    return mkdocs(*args, "--config-file", "mkdocs.yml", generator="properdocs", **kwargs)


def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    out = tmp_path / "properdocs"
    properdocs("build", "--strict", "--site-dir", str(out), check=True)
    assert files(out) == files(built_site)
    different = [str(p) for p in files(out) if normalised(out / p) != normalised(built_site / p)]
    assert different == [], f"ProperDocs and MkDocs built these differently: {different}"
    # It really was the other generator (the tag is the one difference the comparison allows).
    tags = GENERATOR_TAG.findall((out / "index.html").read_bytes())
    assert tags and all(b"ProperDocs" in t for t in tags)
    assert not any(b"ProperDocs" in t for t in GENERATOR_TAG.findall((built_site / "index.html").read_bytes()))


def test_properdocs_fails_a_bad_build_with_the_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "bridges.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\n::chart[no-such-chart]\n", encoding="utf-8")
    proc = properdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    line = text.count("\n") + 3
    assert f"docs/bridges.md:{line}: chart 'no-such-chart' is not defined in data/charts.yml" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "bridges" / "index.html").exists()
