"""The golden outputs: each case of tests/golden/input renders byte for byte to its file in
tests/golden/output (see golden_render.py). A change to rendered HTML fails here until the outputs
are regenerated with `make golden` and the diff is reviewed."""

from __future__ import annotations

import pytest
from golden_render import OUTPUT, cases, render_all


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, str]:
    return render_all(tmp_path_factory.mktemp("golden"))


def test_every_case_has_its_golden_output_and_no_other():
    assert sorted(p.stem for p in OUTPUT.glob("*.html")) == sorted(p.stem for p in cases())


@pytest.mark.parametrize("name", [p.stem for p in cases()])
def test_the_html_is_the_golden_output(rendered, name):
    golden = (OUTPUT / f"{name}.html").read_text(encoding="utf-8")
    assert rendered[name] == golden, (
        f"tests/golden/output/{name}.html differs from what the engine renders now: if the change is "
        "intended, run `make golden` and review `git diff tests/golden/output`"
    )


def test_the_cases_cover_every_chart_kind_and_directive():
    from explainer import kinds

    names = {p.stem for p in cases()}
    assert set(kinds.KINDS) | {"fact", "cite", "sources"} <= names
    for kind in kinds.KINDS:
        assert "::chart[" in (OUTPUT.parent / "input" / f"{kind}.md").read_text(encoding="utf-8")
