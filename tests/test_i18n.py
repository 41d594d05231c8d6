"""The Ukrainian edition, in-process: formats, the engine's catalogue, the data's translations and
their checks (missing, pending, stale, unknown), the stamp tool, and a page rendered in Ukrainian
through the real extension. The whole-site build and the browser are in test_i18n_build.py."""

from __future__ import annotations

import ast
import json
import re
from datetime import date
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from i18n_fixtures import PAGE_UK, TRANSLATED, TRANSLATED_FILES

from conftest import ROOT, TODAY
from explainer import PageRef, Site
from explainer.language import catalogue, current, set_current, use
from explainer.load import translations
from explainer.model import formatting
from explainer.model.formatting import Unit
from fixtures import write_dataset

NNBSP = "\u202f"
SETTLEMENTS = Unit(
    {"one": "населений пункт", "few": "населені пункти", "many": "населених пунктів", "other": "населеного пункту"}
)


@pytest.fixture(autouse=True)
def _english_afterwards():
    """A Ukrainian Site.load makes Ukrainian the current language: give the next test English."""
    yield
    set_current("en")


def _stamp(*argv: str) -> int:
    import importlib.util

    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "scripts" / "translations.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return tool.main(list(argv))


def uk_site(tmp_path: Path, stamp: bool = True, **overrides: str) -> Site:
    """The fixture dataset with its Ukrainian translation (stamped unless told), loaded as the uk build loads it."""
    data = write_dataset(tmp_path, **{**TRANSLATED, **overrides})
    if stamp:
        assert _stamp("stamp", *(str(data / name) for name in TRANSLATED_FILES)) == 0
    link = tmp_path / "node_modules"
    if not link.exists():
        link.symlink_to(ROOT / "node_modules")
    return Site.load(tmp_path, today=TODAY, lang="uk", pictures=False)


def render(site: Site, text: str, label: str = "docs/page.uk.md", url: str = "uk/page/") -> str:
    site.begin(PageRef(label=label, url=url, title="Сторінка"))
    md = markdown.Markdown(extensions=[site.extension(), "attr_list", "tables"])
    return md.convert(text)


# -- formats ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "high", "expected"),
    [
        (1294, "км²", "", None, f"1{NNBSP}294 км²"),
        (1263.5, "км²", "", None, f"1{NNBSP}263,5 км²"),
        (1000, "км²", "about", None, f"близько 1{NNBSP}000 км²"),
        (90, SETTLEMENTS, "more-than", None, "понад 90 населених пунктів"),
        (2, SETTLEMENTS, "at-least", None, "щонайменше 2 населені пункти"),
        (1, SETTLEMENTS, "", None, "1 населений пункт"),
        (21, SETTLEMENTS, "", None, "21 населений пункт"),
        (5, SETTLEMENTS, "", None, "5 населених пунктів"),
        (10, "км", "up-to", None, "до 10 км"),
        (8, "км", "less-than", None, "менш ніж 8 км"),
        (28, "км", "range", 35, "28–35 км"),
        (70, SETTLEMENTS, "range", 82, "70–82 населені пункти"),
        (30000, "", "about", None, f"близько 30{NNBSP}000"),
        (0.004, "", "", None, "0,004"),
    ],
)
def test_ukrainian_figures(value, unit, qualifier, high, expected):
    with use("uk"):
        assert formatting.figure(value, unit, qualifier, high) == expected


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2024, 8, 27), date(2024, 8, 27), f"27 серпня 2024{NNBSP}р."),
        (date(2024, 8, 6), date(2024, 8, 31), f"6–31 серпня 2024{NNBSP}р."),
        (date(2024, 7, 28), date(2024, 9, 4), f"28 липня – 4 вересня 2024{NNBSP}р."),
        (date(2023, 12, 30), date(2024, 1, 2), f"30 грудня 2023{NNBSP}р. – 2 січня 2024{NNBSP}р."),
    ],
)
def test_ukrainian_dates(start, end, expected):
    from explainer.model.dates import period

    with use("uk"):
        assert period(start, end) == expected


def test_english_is_unchanged_and_the_language_is_restored():
    with use("uk"):
        assert current().code == "uk"
    assert formatting.figure(1294, "km²", "more-than") == "more than 1,294 km²"
    assert formatting.long_date(date(2024, 8, 27)) == "27 August 2024"
    assert formatting.quantity(2, "settlements") == "two settlements"


# -- the engine's own words --------------------------------------------------------------------


def _messages() -> dict[str, str]:
    """Every literal message the engine and the theme overrides pass to t() (and the Words tables)."""
    found: dict[str, str] = {}
    for py in (ROOT / "hooks" / "explainer").rglob("*.py"):
        for node in ast.walk(ast.parse(py.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if (
                name == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found[node.args[0].value] = py.name
            if name == "Words" and node.args and isinstance(node.args[0], ast.Dict):
                found.update({v.value: py.name for v in node.args[0].values})
    templates = [*(ROOT / "hooks/explainer/render/templates").glob("*.html"), *(ROOT / "overrides").rglob("*.html")]
    for tpl in templates:
        text = tpl.read_text(encoding="utf-8")
        found.update(dict.fromkeys(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', text), tpl.name))
        found.update(dict.fromkeys(re.findall(r"'([^']*)'\s*\|\s*t\b", text), tpl.name))
    return found


def test_every_message_of_the_engine_has_its_ukrainian():
    words = catalogue("uk")
    messages = _messages()
    assert len(messages) > 100  # the extraction works
    missing = sorted(f"{where}: {m!r}" for m, where in messages.items() if m not in words)
    assert missing == []


def test_the_catalogue_keeps_every_placeholder_and_has_no_stale_entry():
    words = catalogue("uk")
    for english, ukrainian in words.items():
        forms = ukrainian.values() if isinstance(ukrainian, dict) else [ukrainian]
        for form in forms:
            assert set(re.findall(r"\{(\w+)\}", form)) == set(re.findall(r"\{(\w+)\}", english)), english
    # Dynamic messages (table headers, place kinds and states) are looked up by value: listed here.
    dynamic = {"Measure", "Figure", "Who says so", "Status", "Source", "Note", "Date", "Track", "Place", "Kind",
               "Latitude", "Longitude", "On the map", "Said to be taken", "What happened or was said", "claimed",
               "assessed", "city", "town", "village", "bridge", "crossing", "plant", "cities", "towns", "villages",
               "bridges", "crossings", "plants", "destroyed", "damaged", "intact", "unknown", "state unknown", "n/a",
               "positions of places", "Language", "Town or city centre", "Site", "km", "Russia", "Ukraine", "Russia–Ukraine border", "Seym", "The whole site:", "see the", "sources", "and the", "corrections",
               "Covers", "Newest source", "Last revised", "[date]", "about", "more than", "at least", "up to", "less than",
               "The text, charts and data compilation of this site are published under Creative Commons Attribution 4.0 International (CC BY 4.0): reuse them freely, with credit to the site and a link.",
               }  # fmt: skip
    unused = sorted(set(words) - set(_messages()) - dynamic)
    # The map lines' own name and note (data/geo/*.json, written by scripts/make_geo.py) are in the
    # catalogue too: each must still be the note of a line there.
    geo = {json.loads(f.read_text(encoding="utf-8"))["note"] for f in (ROOT / "data" / "geo").glob("*.json")}
    unused = [u for u in unused if not u.startswith("Third-party material") and u not in geo]
    assert unused == []


# -- a page in Ukrainian --------------------------------------------------------------------------


def test_a_translated_dataset_loads_without_a_problem(tmp_path):
    site = uk_site(tmp_path)
    assert site.errors == [] and site.warnings == []


def test_facts_read_in_ukrainian_with_claimant_status_and_date(tmp_path):
    site = uk_site(tmp_path)
    html = render(site, PAGE_UK)
    soup = BeautifulSoup(html, "html.parser")
    values = [a.get_text() for a in soup.select(".xfact__value")]
    assert values == [f"1{NNBSP}263 км²", f"1{NNBSP}000 км²", "800 км²", "93 населені пункти"]
    tip = soup.select(".xfact__tip")[1].get_text()
    assert "Олександр Сирський, Головнокомандувач ЗСУ" in tip
    assert "заява, незалежно не перевірена" in tip
    assert f"станом на 12 серпня 2024{NNBSP}р." in tip
    assert soup.select(".xfact")[0]["data-open"] == "Відкрити джерело"
    # Nothing in English on the facts: no month names, no English qualifiers, no comma grouping.
    for text in [*values, *(t.get_text() for t in soup.select(".xfact__tip"))]:
        assert not re.search(r"\b(about|more than|at least|up to|less than|August|as of|claim)\b", text)
        assert not re.search(r"\d,\d{3}\b", text)


# Words in English allowed on a Ukrainian page: proper names and titles of sources, which stay in
# their own language, and technical names (the list the "no English left" checks use).
ENGLISH_ALLOWED = re.compile(
    r"^(?:Ukrainska Pravda|Censor\.NET|Vårt Land \(AFP\)|The Moscow Times|PNG|SVG|CSV|OSINT|README|"
    r"Home|End|Escape|Tab|Creative Commons Attribution 4\.0 International|CC BY 4\.0|Frictionless Data|zip|"
    r"[\w.-]+\.(?:com|ua|no|org|ru|net)|https?://\S+|.*“.*”.*|Vårt Land|AFP|The Kursk and Pokrovsk explainer team|"
    r"data version [\w+-]+|August 2024”)$"
)


def _english_left(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    for el in soup(["script", "style", "svg", "code", "pre"]):
        el.decompose()
    left = []
    for text in soup.find_all(string=True):
        for part in re.split(r"[;·()\[\]]|, |: ", str(text)):
            part = part.strip(" .,:")
            cyrillic = re.search(r"[А-Яа-яІіЇїЄєҐґ]", part)
            if re.search(r"[A-Za-z]{3,}", part) and not cyrillic and not ENGLISH_ALLOWED.match(part):
                left.append(part)
    return left


def test_chart_text_and_table_are_ukrainian(tmp_path):
    site = uk_site(tmp_path)
    html = render(site, PAGE_UK)
    soup = BeautifulSoup(html, "html.parser")
    figure = soup.select_one("figure.xchart")
    assert figure.select_one(".xchart__title").get_text() == "Територія, яку заявляє Україна"
    heads = [th.get_text() for th in figure.select("thead th")]
    assert heads == ["Станом на", "Цифра", "Хто це каже", "Статус", "Джерело", "Примітка"]
    assert f"12 серпня 2024{NNBSP}р." in figure.select_one("tbody").get_text()
    words = yaml.safe_load(figure["data-words"].replace("&#34;", '"'))
    assert words["zoom"] == "Масштабувати й рухати"
    assert _english_left(html) == []


def test_chart_axis_dates_and_csv(tmp_path):
    site = uk_site(tmp_path)
    render(site, PAGE_UK)
    view = site.views["territory"]
    axis = view.figure["layout"]["xaxis"]
    assert "tickformat" not in axis  # plotly.js would write English month names
    assert all(re.fullmatch(r"\d{1,2} серп\.", text) for text in axis["ticktext"])
    header, *rows = view.csv_text.splitlines()
    assert header.startswith("date,metric,metric_label,value")  # columns are the data package's names
    # The number as in English, in its own column; the figure and the note in Ukrainian.
    assert any(",1000,," in row and f"1{NNBSP}000 км²" in row and "близько 1000" in row for row in rows)


def test_english_build_reads_no_translation(tmp_path):
    write_dataset(
        tmp_path, **{**TRANSLATED, "metrics_yml": TRANSLATED["metrics_yml"].replace("label: Населені", "labl: x")}
    )
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    site = Site.load(tmp_path, today=TODAY, pictures=False)
    assert site.errors == [] and site.warnings == []  # an unknown key in uk: is the uk build's problem
    html = render(site, PAGE_UK, "docs/page.md", "page/")
    assert "1,263 km²" in html and "км²" not in html


# -- checks -----------------------------------------------------------------------------------------


def _messages_of(site: Site) -> list[str]:
    return [str(p) for p in site.errors + site.warnings]


def test_pending_translation_is_a_warning_with_the_fingerprint_to_write(tmp_path):
    site = uk_site(tmp_path, stamp=False)
    found = _messages_of(site)
    assert len(found) == 10  # 3 claimants, 2 metrics, 3 charts, 1 observation and 1 event
    first = next(m for m in found if m.startswith("data/claimants.yml"))
    assert re.match(
        r"data/claimants\.yml:\d+: translated_from: the translation of claimant 'syrskyi' is pending", first
    )
    assert "scripts/translations.py stamp data/claimants.yml" in first
    assert all(p.warning for p in site.warnings) and site.errors == []


def test_stale_translation_names_the_fields_that_changed(tmp_path):
    site = uk_site(tmp_path)
    charts = tmp_path / "data" / "charts.yml"
    charts.write_text(
        charts.read_text().replace("title: Territory Ukraine claims", "title: Territory Ukraine says it holds")
    )
    site = Site.load(tmp_path, today=TODAY, lang="uk", pictures=False)
    found = _messages_of(site)
    assert len(found) == 1
    line = (
        charts.read_text()
        .splitlines()
        .index(next(x for x in charts.read_text().splitlines() if "translated_from" in x))
        + 1
    )
    assert found[0].startswith(f"data/charts.yml:{line}: translated_from: the English of chart 'territory' changed")
    assert "(title)" in found[0] and "--stale territory" in found[0]


def test_missing_field_and_unknown_key(tmp_path):
    charts = TRANSLATED["charts_yml"].replace("    summary: Заяви", "    sumary: Заяви")
    site = uk_site(tmp_path, stamp=False, charts_yml=charts)
    found = _messages_of(site)
    assert any(re.match(r"data/charts\.yml:\d+: uk\.sumary: unknown field in the translation", m) for m in found)
    assert any("no Ukrainian for summary of chart 'territory'" in m for m in found)
    assert any(str(p).startswith("data/charts.yml") and not p.warning for p in site.errors)  # a typo is an error


def test_missing_csv_translation(tmp_path):
    events = TRANSLATED["events_csv"].replace(",Ушаков каже: переговорів на цьому етапі не буде,", ",,")
    site = uk_site(tmp_path, stamp=False, events_csv=events)
    assert any(
        m.startswith("data/events.csv:2: uk: no Ukrainian for label_uk of event 'ushakov-no-talks'")
        for m in _messages_of(site)
    )


def test_stamp_never_overwrites_a_stale_fingerprint_unless_told(tmp_path, capsys):
    uk_site(tmp_path)
    charts = tmp_path / "data" / "charts.yml"
    charts.write_text(
        charts.read_text().replace("summary: Russia ruled out talks.", "summary: Russia ruled out any talks.")
    )
    before = charts.read_text()
    assert _stamp("stamp", str(charts)) == 1
    assert charts.read_text() == before
    assert "chart 'talks' is stale (summary changed)" in capsys.readouterr().err
    assert _stamp("stamp", str(charts), "--stale", "talks") == 0
    assert Site.load(tmp_path, today=TODAY, lang="uk", pictures=False).warnings == []


def test_pages_missing_pending_and_stale(tmp_path):
    from explainer.model.problems import Problems

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text("# A\n")
    (docs / "b.md").write_text("# B\n")
    (docs / "b.uk.md").write_text("---\ndescription: Б\ntranslated_from: pending\n---\n\n# Б\n")
    problems = Problems()
    translations.check_page(docs / "a.md", "docs/a.md", "uk", problems)
    translations.check_page(docs / "b.md", "docs/b.md", "uk", problems)
    missing, pending = (str(p) for p in problems.items)
    assert missing.startswith("docs/a.uk.md: the page has no Ukrainian translation")
    assert pending.startswith("docs/b.uk.md:3: translated_from: the translation is pending")
    assert _stamp("stamp", str(docs / "b.uk.md")) == 0
    (docs / "b.md").write_text("# B, changed\n")
    problems = Problems()
    translations.check_page(docs / "b.md", "docs/b.md", "uk", problems)
    assert [str(p).split(" (fingerprint")[0] for p in problems.items] == [
        "docs/b.uk.md:3: translated_from: docs/b.md changed after it was translated"
    ]
    assert _stamp("stamp", str(docs / "b.uk.md")) == 1  # stale: refused
    assert _stamp("stamp", str(docs / "b.uk.md"), "--stale") == 0


def test_fingerprint_is_per_field():
    english = {"title": "A", "summary": "B  b"}
    mark = translations.fingerprint(english)
    assert re.fullmatch(r"summary:[0-9a-f]{4} title:[0-9a-f]{4}", mark)
    assert translations.fingerprint({"title": "A", "summary": "B b"}) == mark  # whitespace is not a change
    assert translations.changed_fields(mark, {"title": "A", "summary": "C"}) == ["summary"]
    assert translations.changed_fields(mark, {**english, "notes": "N"}) == ["notes"]


def test_zensical_extension_renders_a_ukrainian_page(tmp_path):
    from test_generators import ZensicalContext

    uk_site(tmp_path)
    (tmp_path / "docs").mkdir()
    md = markdown.Markdown(
        extensions=[ZensicalContext(tmp_path, "page.uk.md", "uk/page/"), "zensical_extension", "attr_list"],
        extension_configs={"zensical_extension": {"root": str(tmp_path), "language": "uk"}},
    )
    html = md.convert("# Територія\n\nНайновіша цифра: :fact[territory-km2].\n")
    assert f"1{NNBSP}263 км²" in html and "Олександр Сирський" in html


def test_a_translation_keeps_every_directive_of_its_page(tmp_path):
    from explainer.model.problems import Problems

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.md").write_text(
        "# A\n\nHeld :fact[territory-km2]{date=2024-08-12, claimant=syrskyi}.\n\n::chart[territory]\n"
    )
    (docs / "a.uk.md").write_text(
        "---\ntranslated_from: pending\n---\n\n# А\n\nУтримувала :fact[territory-km2]{claimant=syrskyi date=2024-08-12}, "
        ":cite[up-syrskyi].\n"
    )
    problems = Problems()
    translations.check_page(docs / "a.md", "docs/a.md", "uk", problems)
    parity = [str(p) for p in problems.items if "directive" in str(p)]
    assert parity == [
        "docs/a.uk.md: the translation must keep every directive of docs/a.md, with the same ids and options: "
        "missing ::chart[territory]; not in the English: :cite[up-syrskyi]"
    ]


def test_an_edited_catalogue_is_read_by_the_next_build(tmp_path, monkeypatch):
    """`mkdocs serve` rebuilds when language/catalogue/uk.yml changes (mkdocs.yml watches hooks/):
    the rebuild speaks the edited words, not those the server started with."""
    from explainer import language

    monkeypatch.setattr(language, "CATALOGUES", tmp_path)
    (tmp_path / "uk.yml").write_text("Play: Грати\n", encoding="utf-8")
    try:
        assert language.set_current("uk").t("Play") == "Грати"
        (tmp_path / "uk.yml").write_text("Play: Відтворити\n", encoding="utf-8")
        assert language.set_current("uk").t("Play") == "Відтворити"
        assert language.set_current("uk").t("Play") == "Відтворити"  # unchanged: read once
    finally:  # nothing of the test's catalogue is left for the next test
        language.set_current("en")
        language.catalogue.cache_clear()
        language.language.cache_clear()
        language._catalogue_read.clear()
