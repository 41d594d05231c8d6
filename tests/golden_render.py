"""Golden outputs, as Observable Framework keeps test/input -> test/output: the HTML that each chart
kind, `:fact`, `:cite` and the site-wide lists render from a small fixture dataset.

    tests/golden/input/data/     the dataset (a few sources, claimants, rows, events, places, charts)
    tests/golden/input/*.md      one page per case; pages with a site-wide list are rendered last
    tests/golden/output/*.html   what each page renders to, compared byte for byte (tests/test_golden.py)

After a change that alters rendered HTML, regenerate with `make golden` (this file run as a script)
and review `git diff tests/golden/output` before committing it. Pictures are left out (they need
Chromium and are checked in tests/test_pictures.py); everything else is the engine's real output.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

if __name__ == "__main__":  # as a script (make golden): the same import paths as pytest.ini gives
    here = Path(__file__).resolve().parent
    sys.path[:0] = [str(here), str(here.parent / "hooks"), str(here.parent)]

from pages import render

from explainer import PageRef, Site
from explainer.publish.identity import SiteInfo
from harness.project import ROOT

GOLDEN = Path(__file__).resolve().parent / "golden"
INPUT, OUTPUT = GOLDEN / "input", GOLDEN / "output"
LISTS = {"sources", "claimants", "corrections"}  # they list every other page's citations and figures
TODAY = date(2026, 1, 1)
INFO = SiteInfo(url="https://example.org/explainer/")


def cases() -> list[Path]:
    """The input pages, in the order they are rendered: pages with a site-wide list last."""
    return sorted(INPUT.glob("*.md"), key=lambda p: (p.stem in LISTS, p.stem))


def render_all(scratch: Path) -> dict[str, str]:
    """Every case's HTML, by name; raises if the fixture has a problem (a golden output is never an error)."""
    shutil.copytree(INPUT / "data", scratch / "data")
    (scratch / "node_modules").symlink_to(ROOT / "node_modules")
    site = Site.load(scratch, today=TODAY, info=INFO, pictures=False)
    out = {}
    for page in cases():
        ref = PageRef(f"docs/{page.name}", f"{page.stem}/", page.stem.capitalize())
        out[page.stem] = render(site, page.read_text(encoding="utf-8"), ref) + "\n"
    if site.errors:
        raise RuntimeError("the golden fixture has problems:\n" + "\n".join(map(str, site.errors)))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        rendered = render_all(Path(tmp))
    OUTPUT.mkdir(parents=True, exist_ok=True)
    for stale in OUTPUT.glob("*.html"):
        if stale.stem not in rendered:
            stale.unlink()
    for name, html in rendered.items():
        (OUTPUT / f"{name}.html").write_text(html, encoding="utf-8")
    print(
        f"wrote {len(rendered)} golden outputs to {OUTPUT.relative_to(ROOT)}; review: git diff {OUTPUT.relative_to(ROOT)}"
    )


if __name__ == "__main__":
    main()
