"""The named cases of issue 19 through the real `mkdocs build` (and `mkdocs serve`): each a clean
message at its file and line, never a traceback, a hang or a page published with the mistake."""

from __future__ import annotations

import re
import urllib.request

import pytest

from harness.project import copy_project, edit, mkdocs

pytestmark = pytest.mark.build


def _line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def _prose_line(page) -> int:
    """A plain paragraph line of a page (after its title), for edits that must land in prose."""
    lines = page.read_text(encoding="utf-8").splitlines()
    title = next(i for i, line in enumerate(lines) if line.startswith("# "))
    return next(i for i in range(title + 1, len(lines)) if lines[i][:1].isalpha()) + 1


def _insert_in_line(path, number: int, what: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    lines[number - 1] = lines[number - 1].rstrip() + b" " + what
    path.write_bytes(b"\n".join(lines))


def _build(project, tmp_path, timeout: float = 300):
    proc = mkdocs("build", "--strict", "--site-dir", str(tmp_path / "site"), cwd=project, timeout=timeout)
    return proc, proc.stdout + proc.stderr


def test_the_named_mistakes_each_give_one_clean_message_at_their_line(tmp_path):
    """One build with every named case at once (each in its own file, so none hides another)."""
    project = copy_project(tmp_path / "p")
    data, docs = project / "data", project / "docs"
    expected = []

    # A complex key in charts.yml (was: TypeError: unhashable type: 'list').
    charts = data / "charts.yml"
    at = _line_of(charts, "  title: ")
    lines = charts.read_text(encoding="utf-8").splitlines()
    lines[at:at] = ["  ? [a, b]", "  : c"]
    charts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected.append(f"data/charts.yml:{at + 1}: a key must be a plain name")

    # A truncated claimants.yml, cut mid-key (it once ended in a JSON traceback from the renderer).
    claimants = data / "claimants.yml"
    text = claimants.read_text(encoding="utf-8")
    claimants.write_text(text[: text.index("\n  role:", len(text) // 2) + 5], encoding="utf-8")
    expected.append("data/claimants.yml:")  # the exact line is libyaml's; the message is checked below

    # An alias bomb in metrics.yml (it ran for minutes and printed a 92 MB message).
    metrics = data / "metrics.yml"
    bomb = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    lines = metrics.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("  unit:")) + 1
    lines[at:at] = bomb
    metrics.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected.append("data/metrics.yml:")
    expected.append("YAML anchors and aliases (&name, *name) are not used in these files")

    # A cp1252 apostrophe in a page (was: MkDocs' decode traceback).
    why = docs / "why.md"
    line = _prose_line(why)
    _insert_in_line(why, line, b"Ukraine\x92s")
    expected.append(f"docs/why.md:{line}: this page is not UTF-8 text (byte 0x92")

    # Front matter never closed (was: the page's first paragraph).
    methodology = docs / "methodology.md"
    text = methodology.read_text(encoding="utf-8")
    methodology.write_text(text.replace("\n---\n", "\n\n", 1), encoding="utf-8")
    expected.append("docs/methodology.md:1: the front matter opened on this line is never closed")

    # An address with an empty host, and a source dated in 2099.
    sources = data / "sources.yml"
    url_line = _line_of(sources, "  url: https://")
    old_url = sources.read_text(encoding="utf-8").splitlines()[url_line - 1]
    edit(sources, old_url, "  url: https:///en/news/")
    expected.append(
        f"data/sources.yml:{url_line}: url: 'https:///en/news/' is not a valid web address: it names no host"
    )
    published = _line_of(sources, "  published: 2024-08-2")
    old = sources.read_text(encoding="utf-8").splitlines()[published - 1]
    edit(sources, old, "  published: 2099-01-01")
    expected.append(f"data/sources.yml:{published}: published: '2099-01-01' is in the future")

    # A bell character in a note, and a figure with 16 significant digits.
    obs = data / "observations.csv"
    rows = obs.read_text(encoding="utf-8").splitlines()
    rows[1] = rows[1] + "\x07" if not rows[1].endswith('"') else rows[1][:-1] + '\x07"'
    cells = rows[1].split(",")
    cells[rows[0].split(",").index("value")] = "1234567890123456"
    rows.append(",".join(cells[: len(rows[0].split(","))]))
    obs.write_text("\n".join(rows) + "\n", encoding="utf-8")
    expected.append("data/observations.csv:2: a control character (U+0007)")
    expected.append(f"data/observations.csv:{len(rows)}: value: '1234567890123456' has more than 15 significant digits")

    # A directive glued to a word, and a misspelt one on a line past 65,533.
    incursion = docs / "incursion.md"
    line = _prose_line(incursion)
    _insert_in_line(incursion, line, b"controlled:fact[territory-km2]")
    expected.append(f"docs/incursion.md:{line}: ':fact[territory-km2]' is glued to the word before it")
    corrections = docs / "corrections.md"
    before = corrections.read_text(encoding="utf-8")
    corrections.write_text(before + "\n" * 70000 + "Then :fakt[no-such-metric].\n", encoding="utf-8")
    far = before.count("\n") + 70001
    expected.append(f"docs/corrections.md:{far}: unknown directive ':fakt'")

    # A number typed into a page, and a page with no description: rules only the tests enforced.
    pokrovsk = docs / "pokrovsk.md"
    line = _prose_line(pokrovsk)
    _insert_in_line(pokrovsk, line, b"About 53,000 people left.")
    expected.append(f"docs/pokrovsk.md:{line}: '53,000' is a number typed into the page")
    after = docs / "after.md"
    after.write_text(
        re.sub(r"(?m)^description: .*\n", "", after.read_text(encoding="utf-8"), count=1), encoding="utf-8"
    )
    expected.append("docs/after.md:1: description: this page has no description")

    # Titles the theme prints from mkdocs.yml without escaping: a hostile site name and nav title.
    config = project / "mkdocs.yml"
    nav_line = _line_of(config, ": why.md")
    old_nav = config.read_text(encoding="utf-8").splitlines()[nav_line - 1]
    edit(config, old_nav, old_nav.split("- ")[0] + "- 'Why <img src=x onerror=alert(1)> went in': why.md")
    expected.append(f"mkdocs.yml:{nav_line}: nav: 'Why <img src=x onerror=alert(1)> went in' holds '<' '>'")
    name_line = _line_of(config, "site_name:")
    edit(config, config.read_text(encoding="utf-8").splitlines()[name_line - 1], "site_name: 'Kursk\" onmouseover=\"x'")
    expected.append(f"mkdocs.yml:{name_line}: site_name: 'Kursk\" onmouseover=\"x' holds '\"'")

    proc, out = _build(project, tmp_path, timeout=240)
    assert proc.returncode != 0
    assert "Traceback" not in out and "JSON" not in out, out[-3000:]
    for message in expected:
        assert message in out, (message, [x for x in out.splitlines() if message.split(":")[0] in x][:5])
    assert re.search(r"data/claimants\.yml:\d+: malformed YAML", out), out[-3000:]
    # One broken file, one message: rows citing its claimants or metrics are consequences.
    assert "unknown claimant" not in out and "unknown metric" not in out
    assert len(out) < 60_000
    assert not (tmp_path / "site" / "incursion" / "index.html").exists()  # nothing published


@pytest.mark.browser
def test_serve_keeps_answering_with_a_complex_key_and_shows_it(page, tmp_path):
    from harness.serve import mkdocs_serve

    project = copy_project(tmp_path / "p")
    claimants = project / "data" / "claimants.yml"
    good = claimants.read_text(encoding="utf-8")
    with mkdocs_serve(project, tmp_path / "serve.log") as (base, proc):
        page.goto(base + "incursion/")
        at = _line_of(claimants, "  name: ")
        lines = good.splitlines()
        lines[at:at] = ["  ? [a, b]", "  : c"]
        claimants.write_text("\n".join(lines) + "\n", encoding="utf-8")
        panel = page.wait_for_selector(".xproblems", timeout=30000)
        assert f"data/claimants.yml:{at + 1}" in panel.inner_text()
        for path in ("", "bridges/", "sources/"):  # the server keeps answering every page
            with urllib.request.urlopen(base + path, timeout=20) as response:
                assert response.status == 200 and b"xproblems" in response.read()
        claimants.write_text(good, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('.xproblems')", timeout=30000)
        assert proc.poll() is None
