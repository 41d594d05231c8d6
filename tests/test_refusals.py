"""Every bad input refused with a clear message at its file and line (issue 19): addresses a browser
would open elsewhere, invisible characters, YAML that crashes or explodes, values that cannot be
right, directive slips, broken pages; one message per mistake, consequences marked. In-process
through the engine; the build-level cases are in test_refusals_build.py."""

from __future__ import annotations

import pytest
from pages import render

from explainer.markdown.source import read_page
from explainer.model.problems import MAX_MESSAGE, Problems
from fixtures import CHARTS, CLAIMANTS, METRICS, OBSERVATIONS, SOURCES


def problems(engine) -> list[str]:
    return [str(p) for p in engine.errors]


def source_url(engine_for, url: str) -> list[str]:
    quoted = "'" + url.replace("'", "''") + "'"
    text = SOURCES.replace("url: https://censor.net/en/news/3504348/", f"url: {quoted}")
    return [p for p in problems(engine_for(sources_yml=text)) if p.startswith("data/sources.yml")]


# -- addresses -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url, why",
    [
        ("https:///en/news/3504348/", "names no host"),
        ("https://", "names no host"),
        ("https://reader@censor.net/en/", "is a user name, and a browser would open censor.net"),
        ("https://censor.net\\@evil.example/", "U+005C"),
        ("https://censor.net/en\x00/", "control character (U+0000)"),  # reported by the file check
        ("https://censor.net/en\x7f/", "control character (U+007F)"),
        ("https://censor.net/\u202eneila/", "bidirectional control character (U+202E"),
        ("https://cen sor.net/", "holds a space"),
        ("https://localhost/x", "is not a domain name"),
        ("https://10.0.0.1/x", "is not a domain name"),
        ("https://censor.net:99999/x", "bad port"),
        ("https://сensor.net/", "mixes letters of several scripts (cyrillic, latin)"),  # a Cyrillic "с"
        ("https://пример..рф/", "is not a domain name"),
        ("http://censor.net/", "is not an https:// address"),
        ("javascript:alert(1)", "is not an https:// address"),
    ],
)
def test_an_address_a_browser_would_open_elsewhere_is_refused(engine_for, url, why):
    found = source_url(engine_for, url)
    assert any(why in p for p in found), found
    assert all(p.startswith("data/sources.yml:9:") for p in found), found


def test_the_bibliography_shows_each_link_s_host(engine_for):
    engine = engine_for()
    html = render(engine, "::sources\n")
    assert '<span class="xbib__host">(censor.net)</span>' in html
    assert '<span class="xbib__host">(www.pravda.com.ua)</span>' in html


def test_an_international_domain_name_links_to_its_ascii_form_and_shows_both(engine_for):
    """The link opens the host it names: the browser's own ASCII (punycode) form of it; readers see
    the name in its letters and that form."""
    text = SOURCES.replace("url: https://censor.net/en/news/3504348/", "url: https://пример.рф/новости/3504348/")
    engine = engine_for(sources_yml=text)
    assert [p for p in problems(engine) if p.startswith("data/sources.yml")] == []
    html = render(engine, "::sources\n")
    assert 'href="https://xn--e1afmkfd.xn--p1ai/новости/3504348/"' in html
    assert '<span class="xbib__host">(пример.рф, xn--e1afmkfd.xn--p1ai)</span>' in html


# -- invisible characters ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "char, what",
    [
        ("\x07", "a control character (U+0007)"),
        ("\x1b", "a control character (U+001B)"),
        ("\x85", "a control character (U+0085)"),
        ("\ufdd0", "a Unicode non-character (U+FDD0)"),
        ("\uffff", "a Unicode non-character (U+FFFF)"),
        ("\u2067", "a bidirectional control character (U+2067"),
        ("\U000f0005", "a private-use character (U+F0005)"),
    ],
)
def test_invisible_characters_are_refused_in_every_file_at_their_line(engine_for, char, what):
    found = problems(engine_for(claimants_yml=CLAIMANTS.replace("role: Kremlin aide", f"role: Kremlin{char} aide")))
    assert len(found) == 1 and found[0].startswith(f"data/claimants.yml:11: {what}"), found
    assert "at column 16; delete it (it is invisible, or not text" in found[0]
    found = problems(engine_for(observations_csv=OBSERVATIONS.replace("about 1000", f"about{char}1000")))
    found = [p for p in found if p.startswith("data/observations.csv")]
    assert len(found) == 1 and found[0].startswith(f"data/observations.csv:2: {what}"), found


# -- YAML that crashed or exploded -----------------------------------------------------------------
def test_a_complex_key_is_one_clean_message(engine_for):
    text = CLAIMANTS.replace("  group: russia\n", "  group: russia\n  ? [a, b]\n  : c\n")
    assert problems(engine_for(claimants_yml=text)) == [
        "data/claimants.yml:13: a key must be a plain name such as 'title' (this one is a list or a set of keys; "
        "remove the '?' or brackets)"
    ]


def test_a_complex_key_inside_a_value_is_one_clean_message(engine_for):
    text = CHARTS.replace("  metrics: [settlements]\n", "  metrics: [settlements]\n  notes: {? [a]: b}\n")
    found = problems(engine_for(charts_yml=text))
    assert found == ["data/charts.yml:11: malformed YAML: found unhashable key (check indentation, colons and quotes)"]


def test_an_alias_bomb_is_refused_at_once_in_a_short_message(engine_for):
    bomb = ['  a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    bomb += [f"  a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 12)]
    text = METRICS.replace("  unit: km²\n", "  unit: km²\n" + "\n".join(bomb) + "\n", 1)
    # Expanded, the bomb would take minutes and gigabytes, and its message would be megabytes long:
    # the one short message is the proof it was never expanded (speed belongs to benchmarks/).
    found = problems(engine_for(metrics_yml=text))
    assert found == [
        "data/metrics.yml:4: YAML anchors and aliases (&name, *name) are not used in these files: write the values out"
    ]


def test_a_truncated_file_is_one_clean_message(engine_for):
    cut = CLAIMANTS[: CLAIMANTS.index("  role: Kremlin") + 4]
    found = problems(engine_for(claimants_yml=cut))
    assert found and found[0].startswith("data/claimants.yml:12: malformed YAML"), found
    assert not [p for p in found if "unknown claimant" in p]  # rows citing its claimants: consequences


def test_no_message_is_longer_than_its_bound(engine_for):
    long_title = "x" * 5000
    found = problems(engine_for(charts_yml=CHARTS.replace("kind: bar", f"kind: '{long_title}'")))
    assert found and all(len(p) < MAX_MESSAGE + 80 for p in found), [len(p) for p in found]
    found = problems(engine_for(charts_yml=CHARTS.replace("  title: Settlements", "  title: [" + "1, " * 9999 + "1]")))
    assert found and all(len(p) < MAX_MESSAGE + 80 for p in found), [len(p) for p in found]


# -- values that cannot be right -------------------------------------------------------------------
@pytest.mark.parametrize(
    "row, message",
    [
        ("2024-08-12,settlements,1234567890123456,syrskyi,claimed,censor-syrskyi,", "more than 15 significant digits"),
        ("2024-08-12,settlements,NaN,syrskyi,claimed,censor-syrskyi,", "is not a finite number"),
        ("2024-08-12,settlements,-inf,syrskyi,claimed,censor-syrskyi,", "is not a finite number"),
        ("2024-08-12,settlements,-5,syrskyi,claimed,censor-syrskyi,", "-5 is negative, and settlements cannot be"),
        ("1994-08-12,settlements,5,syrskyi,claimed,censor-syrskyi,", "is before 2014, the start of the period"),
        ("2099-08-12,settlements,5,syrskyi,claimed,censor-syrskyi,", "is in the future"),
        ("2024-08-12,settlements,1,263,syrskyi,claimed,censor-syrskyi,", "'1,263' looks like a number with a thousands comma"),
    ],
)  # fmt: skip
def test_values_that_cannot_be_right_are_refused_at_their_line(engine_for, row, message):
    found = problems(engine_for(observations_csv=OBSERVATIONS + row + "\n"))
    mine = [p for p in found if p.startswith("data/observations.csv:6:")]
    assert any(message in p for p in mine), found


def test_the_thousands_comma_advice_leads_to_a_valid_row(engine_for):
    found = problems(
        engine_for(observations_csv=OBSERVATIONS + "2024-08-12,settlements,1,300,syrskyi,claimed,censor-syrskyi,\n")
    )
    assert found == ["data/observations.csv:6: this row has 8 fields but the header has 7 ('1,300' looks like a "
                     "number with a thousands comma, which splits the row: write 1300)"]  # fmt: skip
    assert problems(engine_for(observations_csv=OBSERVATIONS + "2024-08-12,settlements,1300,syrskyi,claimed,censor-syrskyi,\n")) == []  # fmt: skip


def test_a_metric_may_say_it_can_be_negative(engine_for):
    metrics = METRICS.replace("  unit: km²\n", "  unit: km²\n  can_be_negative: true\n")
    rows = OBSERVATIONS + "2024-08-13,territory-km2,-5,afp-isw,assessed,afp-isw,\n"
    assert problems(engine_for(metrics_yml=metrics, observations_csv=rows)) == []


@pytest.mark.parametrize("unit", ["5", "1.5", ".nan", ".inf"])
def test_a_unit_yaml_reads_as_a_number_is_refused(engine_for, unit):
    found = problems(engine_for(metrics_yml=METRICS.replace("unit: km²", f"unit: {unit}")))
    assert any(p.startswith("data/metrics.yml:3: unit: YAML read") for p in found), found


@pytest.mark.parametrize("field, day, message", [("published", "2099-01-01", "is in the future"),
                                                  ("published", "2004-08-20", "is before 2014")])  # fmt: skip
def test_a_source_dated_outside_the_period_is_refused(engine_for, field, day, message):
    found = problems(engine_for(sources_yml=SOURCES.replace("published: 2024-08-12", f"{field}: {day}")))
    assert any(p.startswith(f"data/sources.yml:10: {field}: '{day}' {message}") for p in found), found
    assert not [p for p in found if "after its source" in p]  # the rows citing it are consequences


def test_a_place_outside_the_maps_region_is_refused(engine_for):
    places = "id,name,kind,lat,lon,status,source,note\nsudzha,Sudzha,town,35.2706,51.1914,n/a,up-syrskyi,\n"
    found = problems(engine_for(places_csv=places))
    assert [p for p in found if p.startswith("data/places.csv")] == [
        "data/places.csv:2: lon: 35.2706, 51.1914 is outside the region the maps cover (44–57° north, 22–41° east): "
        "check that lat and lon are not swapped, and their signs"
    ]


def test_a_correction_that_quotes_a_number_is_refused_by_the_build(engine_for):
    corrections = (
        "- date: 2025-01-10\n  summary: The area was 1,263 km², not 1,000.\n  reason: A misread report of 19 August.\n"
        "  metrics: [territory-km2]\n"
    )
    found = problems(engine_for(corrections_yml=corrections))
    assert found == [
        "data/corrections.yml:2: summary: quotes a number (1,263, 1,000.): a correction names what changed (e.g. "
        "'the distance from Pokrovsk claimed on 20 August') and the page shows the figure from its row; dates may stay"
    ]


def test_a_refused_row_makes_later_messages_say_why(engine_for):
    engine = engine_for(
        observations_csv=OBSERVATIONS.replace("2024-08-20,settlements,93", "2024-08-20,settlements,x93")
    )
    render(engine, "A :fact[settlements]{date=2024-08-20} here.\n")
    found = problems(engine)
    assert "data/observations.csv:5: value: 'x93' is not a number (write digits, e.g. 1263 or 7.5)" in found
    fact = [p for p in found if p.startswith("docs/a.md")]
    assert fact and "its row on line 5 of data/observations.csv was refused: fix it first" in fact[0], fact
    assert not [p for p in found if "draws no rows" in p]


def test_one_indentation_slip_in_charts_yml_is_not_a_cascade(engine_for):
    engine = engine_for(charts_yml=CHARTS.replace("  kind: bar", "   kind: bar"))
    render(engine, "::chart[territory]\n\n::chart[talks]\n")
    found = problems(engine)
    assert len(found) == 1 and found[0].startswith("data/charts.yml:"), found


# -- directives --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, message",
    [
        ("Held :fact[settlements]{date=2024-08-20 here.", "are never closed"),
        ("Held :fact[settlements] {date=2024-08-20}.", "remove the space between"),
        ("Held :fact[settlements]\n{date=2024-08-20}.", "on the same line"),
        ("Held controlled:fact[settlements] here.", "is glued to the word before it"),
        ("Held 12:fact[settlements] here.", "is glued to the word before it"),
        ("Held :\u200bfact[settlements] here.", "with a colon that only looks like ':'"),
        ("Held \uff1afact[settlements] here.", "with a colon that only looks like ':'"),
        ("::chart[territory]\n{width=3}", "a block directive's options go on its own line"),
    ],
)
def test_a_directive_slip_is_an_error_never_raw_text(engine_for, text, message):
    engine = engine_for()
    render(engine, "Intro.\n\n" + text + "\n")
    found = [p for p in problems(engine) if p.startswith("docs/a.md:3:")]
    assert any(message in p for p in found), problems(engine)


QUALIFIED = (
    OBSERVATIONS.replace(
        "date,metric,value,claimant,status,source,note\n", "date,metric,value,qualifier,claimant,status,source,note\n"
    )
    .replace(",syrskyi,", ",,syrskyi,")
    .replace(",afp-isw,assessed", ",,afp-isw,assessed")
)
QUALIFIED = QUALIFIED.replace("2024-08-20,settlements,93,,", "2024-08-20,settlements,93,more-than,")


@pytest.mark.parametrize("typed", ["about", "More than", "at least", "some", "nearly"])
def test_a_qualifier_typed_before_a_figure_that_has_one_is_an_error(engine_for, typed):
    """The figure reads 'more than 93 settlements' from its row: a hedge typed before it reads twice."""
    engine = engine_for(observations_csv=QUALIFIED)
    assert problems(engine) == []
    render(engine, f"Intro.\n\nKyiv held {typed} :fact[settlements] then.\n")
    found = [p for p in problems(engine) if p.startswith("docs/a.md:3:")]
    assert len(found) == 1 and f"'{typed}' is typed before" in found[0] and "more than 93" in found[0], problems(engine)


def test_a_word_before_a_figure_without_a_qualifier_is_the_writers(engine_for):
    engine = engine_for(observations_csv=QUALIFIED)
    html = render(engine, "Syrskyi claimed about :fact[territory-km2]{date=2024-08-20}.\n")
    assert problems(engine) == [] and "about <span" in html and "1,263" in html


def test_options_separated_by_a_comma_work(engine_for):
    engine = engine_for()
    html = render(engine, "Held :fact[territory-km2]{date=2024-08-12, claimant=syrskyi}.\n")
    assert problems(engine) == [] and "1,000" in html


def test_did_you_mean_for_a_chart_id(engine_for):
    engine = engine_for()
    render(engine, "::chart[territori]\n")
    assert problems(engine) == [
        "docs/a.md:1: chart 'territori' is not defined in data/charts.yml; did you mean 'territory'?"
    ]


def test_line_numbers_past_65533_are_reported_right(engine_for):
    engine = engine_for()
    render(engine, "\n" * 70000 + "Then :fact[no-such-metric].\n")
    assert [p.split(": ", 1)[0] for p in problems(engine)] == ["docs/a.md:70001"]


# -- pages --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"---\ndescription: One.\n---\n\n# T\n\nIt\x92s here.\n", "docs/x.md:7: this page is not UTF-8 text (byte 0x92"),
        (b"---\ndescription: One.\n\n# T\n\nText.\n", "docs/x.md:1: the front matter opened on this line is never closed"),
        (b"---\ndescription: [One.\n---\n\n# T\n", "docs/x.md:3: malformed front matter"),
        (b"---\n? [a]\n: b\n---\n# T\n", "docs/x.md:2: malformed front matter"),
        (b"---\n- a\n---\n# T\n", "docs/x.md:2: the front matter must be 'key: value' lines"),
        (b"---\ndescription: [a, b]\n---\n# T\n", "docs/x.md:2: description: must be text"),
        (b"# T\n\nA bell\x07 here.\n", "docs/x.md:3: a control character (U+0007)"),
        (b"# T\n\nNo front matter.\n", "docs/x.md:1: description: this page has no description"),
        (b"---\ndescription: One.\ntitle: 'A <b>\"T\"</b>'\n---\n# T\n", "docs/x.md:3: title: 'A <b>\"T\"</b>' holds '\"' '<' '>'"),
        (b"---\ntitle: T\n---\n# T\n", "docs/x.md:1: description: this page has no description"),
        (b"---\ndescription: '  '\n---\n# T\n", "docs/x.md:1: description: this page has no description"),
    ],
)  # fmt: skip
def test_a_broken_page_is_a_message_at_its_line(tmp_path, raw, expected):
    path = tmp_path / "x.md"
    path.write_bytes(raw)
    found = Problems()
    text = read_page(path, "docs/x.md", found)
    assert text is not None
    assert any(str(p).startswith(expected) for p in found.items), [str(p) for p in found.items]


def test_a_good_page_reads_as_it_is(tmp_path):
    path = tmp_path / "x.md"
    path.write_bytes("---\ndescription: One.\n---\n\n# T\n\nIt’s here.\n".encode())
    found = Problems()
    assert read_page(path, "docs/x.md", found) == path.read_text(encoding="utf-8") and found.items == []


# -- numbers typed into a page (issue 19: a rule the tests alone enforced) -------------------------
def test_a_number_typed_into_a_page_is_an_error_at_its_line(engine_for):
    engine = engine_for()
    page = (
        "# Area 51 bridges\n"  # a heading is reader text
        "\n"
        "Ukraine said :fact[territory-km2]{date=2024-08-20} on 20 August 2024, from 6 to 31 August.\n"
        "\n"
        "Officials said 53,000 people had left, `10 km` in code.\n"
        "\n"
        "| Place | Distance |\n| --- | --- |\n| Sudzha | 12 km |\n"
        "\n"
        '<div class="box" data-n="5">Raw 7 km</div>\n'
        "\n"
        "See [the 2nd part](b.md#part-2), the 80th Air Assault Brigade, 80-та окрема бригада, 27 серпня 2024.\n"
        "\n"
        "```\n99 in a block\n```\n"
    )
    render(engine, page)
    found = [p for p in problems(engine) if p.startswith("docs/a.md")]
    assert [p.split(" is a number")[0] for p in found] == [
        "docs/a.md:1: '51'",
        "docs/a.md:5: '53,000'",
        "docs/a.md:9: '12'",
        "docs/a.md:11: '7'",
        "docs/a.md:13: '2nd'",
    ], found
    assert "quote it from its data row with :fact[metric]" in found[0]


def test_the_allowed_digits_are_dates_years_and_a_units_ordinal(engine_for):
    engine = engine_for()
    render(
        engine,
        "# Title\n\nOn 19 August 2024, from 6 to 31 August, in August 2024 and on August 19, 2024; in 2024; "
        "the 22nd Mechanised Brigade; 27 серпня 2024 року; 6–31 серпня; у серпні 2024; 88-ма бригада.\n",
    )
    assert [p for p in problems(engine) if p.startswith("docs/a.md")] == []
