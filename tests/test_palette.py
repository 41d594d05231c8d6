"""The claimant palette keeps marks readable on both of Material's backgrounds (WCAG 1.4.11: 3:1)."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from explainer.model.palette import BACKGROUNDS, GROUP_COLOURS, contrast


def test_contrast_formula_matches_wcag_reference_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


@pytest.mark.browser
@pytest.mark.parametrize("scheme, material_scheme", [("light", "default"), ("dark", "slate")])
def test_backgrounds_are_the_ones_material_paints(browser, served_site, scheme, material_scheme):
    # The site follows the reader's system setting; ask the built site what Material paints.
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(served_site + "methodology/")
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == material_scheme
    rgb = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    match = re.fullmatch(r"rgb\((\d+), (\d+), (\d+)\)", rgb)
    assert match, rgb
    assert "#" + "".join(f"{int(c):02x}" for c in match.groups()) == BACKGROUNDS[scheme].lower()


def test_stylesheet_uses_the_same_colours():
    css = (ROOT / "docs/stylesheets/explainer.css").read_text()
    for group, colour in GROUP_COLOURS.items():
        assert re.search(rf"--xpl-{group}:\s*{colour};", css), group
