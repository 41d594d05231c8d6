"""The browser's plotly.js is exactly the version plotly.py was built against."""

from __future__ import annotations

import json

from conftest import ROOT
from explainer import outputs
from explainer.render import assets


def test_npm_bundle_matches_plotly_py():
    pinned = json.loads((ROOT / "package.json").read_text())["dependencies"][assets.NPM_PACKAGE]
    installed = assets.find_bundle(ROOT).version
    assert pinned == installed == assets.python_plotly_js_version()


def test_bundle_name_carries_its_content_hash():
    bundle = assets.find_bundle(ROOT)
    assert bundle.site_path.startswith(
        f"{outputs.VENDOR}/plotly-basic.{bundle.version}."
    ) and bundle.site_path.endswith(".min.js")
    assert len(bundle.site_path.split(".")[-3]) == 10
