"""A chart's figure and data table are held out of the page while a search indexer reads it (which
skips them), and put back, byte for byte, once the page is finished (Site.fill_pictures)."""

from __future__ import annotations

from pages import render

from explainer.markdown.directives import Held

TEXT = "# Page\n\n::chart[territory]\n\nText.\n"


def test_the_finished_page_is_the_same_with_the_bulk_held_out(engine_for):
    whole_site = engine_for()
    whole = render(whole_site, TEXT)
    site = engine_for()
    site.hold_chart_data()
    held = render(site, TEXT)
    assert "<table" in whole and 'data-figure="{&#34;' in whole
    assert "<table" not in held and 'data-figure="{' not in held and len(held) < len(whole) / 2
    assert site.fill_pictures(held) == whole_site.fill_pictures(whole)
    assert site.errors == whole_site.errors == []


def test_a_part_holding_a_search_attribute_stays_in_the_page():
    """Material's search takes data-search-* attributes out of what it reads: a part that held one
    would come back with it, so it is left in place."""
    chart = (
        '<figure><div class="xchart__plot" data-search-exclude="true" data-figure="{}"></div>'
        '<details class="xchart__data" data-search-exclude="true"><p data-search-x="y">a</p></details></figure>'
    )
    held = Held()
    assert held.hold("c", chart) == chart and held.parts == {}
    plain = chart.replace(' data-search-x="y"', "")
    out = held.hold("c", plain)
    assert out != plain and held.fill(out) == plain
