"""The claimant palette keeps marks readable on both of Material's backgrounds (WCAG 1.4.11: 3:1)."""
from __future__ import annotations

import re

from conftest import ROOT
from explainer.palette import BACKGROUNDS, SIDE_COLOURS, contrast


def test_every_side_colour_has_3_to_1_on_light_and_dark():
    for side, colour in SIDE_COLOURS.items():
        for scheme, background in BACKGROUNDS.items():
            assert contrast(colour, background) >= 3.0, (side, scheme, round(contrast(colour, background), 2))


def test_contrast_formula_matches_wcag_reference_values():
    assert round(contrast("#000000", "#ffffff"), 1) == 21.0
    assert round(contrast("#777777", "#ffffff"), 2) == 4.48


def test_dark_background_is_materials_slate():
    # Material's slate: hsla(225, 15%, 14%) — keep BACKGROUNDS in step with the theme.
    assert BACKGROUNDS["dark"] == "#1e2129"


def test_stylesheet_uses_the_same_colours():
    css = (ROOT / "docs/stylesheets/explainer.css").read_text()
    for side, colour in SIDE_COLOURS.items():
        assert re.search(rf"--xpl-{side}:\s*{colour};", css), side
