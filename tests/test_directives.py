"""Directives in Markdown: expanded by the extension wherever Markdown says it is not code,
parsed strictly, reported with their file and line, and never published raw."""

from __future__ import annotations

from html.parser import HTMLParser

import markdown
import pytest
from bs4 import BeautifulSoup
from pages import PAGE, render

from explainer import PageRef
from explainer.markdown.record import relative

FACT = "xfact"  # the class of an expanded :fact


def expanded(site, text: str, page: PageRef = PAGE) -> tuple[BeautifulSoup, list[str]]:
    html = render(site, text, page)
    return BeautifulSoup(html, "html.parser"), [str(p) for p in site.errors]


def code_texts(soup) -> list[str]:
    """The page's own code (a chart's "how to cite" block is the engine's, not the author's)."""
    return [c.get_text() for c in soup.find_all("code") if c.find_parent("figure", class_="xchart") is None]


# -- the corpus: code stays literal, containers expand --------------------------------------

LITERAL = [
    ("backtick fence", "```markdown\n:fact[settlements]\n::chart[territory]\n```\n"),
    ("tilde fence", "~~~\n:fact[settlements]\n~~~\n"),
    ("long fence holding a short one", "````\n```\n:fact[settlements]\n```\n````\n"),
    ("tilde fence holding backticks", "~~~~~\n````\n::sources\n````\n~~~~~\n"),
    ("indented code", "Text.\n\n    :fact[settlements]\n    ::chart[territory]\n"),
    ("code span", "See `:fact[settlements]` here.\n"),
    ("double-backtick span", "See `` :fact[settlements] `` here.\n"),
    ("triple-backtick span", "See ``` ::chart[territory] ``` here.\n"),
    ("fence in a list item", "- item\n\n    ```\n    :fact[settlements]\n    ```\n"),
    ("fence in an admonition", "!!! note\n    ```\n    :fact[settlements]\n    ```\n"),
]


@pytest.mark.parametrize("name, text", LITERAL, ids=[n for n, _ in LITERAL])
def test_a_directive_inside_code_stays_literal(engine_for, name, text):
    site = engine_for()
    soup, errors = expanded(site, text)
    assert errors == []
    assert soup.find(class_=FACT) is None and soup.find("figure") is None
    shown = " ".join(code_texts(soup))
    assert ":fact[settlements]" in shown or "::chart[territory]" in shown or "::sources" in shown
    assert not any(0xF0000 <= ord(c) <= 0xFFFFD for c in str(soup)), "a line marker leaked into the page"


CONTAINERS = [
    ("paragraph", "Ukraine says :fact[settlements].\n"),
    ("list", "- first\n- Ukraine says :fact[settlements]\n"),
    ("ordered list", "1. Ukraine says :fact[settlements]\n"),
    ("nested list", "- outer\n    - Ukraine says :fact[settlements]\n"),
    ("blockquote", "> Ukraine says :fact[settlements]\n"),
    ("table", "| Who | What |\n| --- | --- |\n| Ukraine | :fact[settlements] |\n"),
    ("admonition", '!!! note "A note"\n    Ukraine says :fact[settlements]\n'),
    ("details", '??? info "More"\n    Ukraine says :fact[settlements]\n'),
    ("admonition in a list", "- item\n\n    !!! note\n        Ukraine says :fact[settlements]\n"),
    ("quote in an admonition", "!!! note\n    > Ukraine says :fact[settlements]\n"),
    ("emphasis", "*Ukraine says :fact[settlements]*\n"),
]


@pytest.mark.parametrize("name, text", CONTAINERS, ids=[n for n, _ in CONTAINERS])
def test_an_inline_directive_expands_in_every_container(engine_for, name, text):
    site = engine_for()
    soup, errors = expanded(site, text)
    assert errors == []
    facts = soup.find_all(class_=FACT)
    assert [f.a.get_text() for f in facts] == ["93 settlements"]


BLOCKS = [
    ("alone", "::chart[territory]\n"),
    ("between paragraphs", "Before.\n\n::chart[territory]\n\nAfter.\n"),
    ("inside a paragraph's lines", "Before.\n::chart[territory]\nAfter.\n"),
    ("in a list item", "- item\n\n    ::chart[territory]\n"),
    ("in an admonition", "!!! note\n    ::chart[territory]\n"),
    ("in details", '??? info "Data"\n    ::chart[territory]\n'),
    ("in a blockquote", "> ::chart[territory]\n"),
]


@pytest.mark.parametrize("name, text", BLOCKS, ids=[n for n, _ in BLOCKS])
def test_a_block_directive_expands_in_containers(engine_for, name, text):
    site = engine_for()
    soup, errors = expanded(site, text)
    assert errors == []
    figures = soup.find_all("figure", class_="xchart")
    assert len(figures) == 1 and figures[0]["id"] == "chart-territory"
    assert figures[0].parent.name != "p", "block HTML must not sit inside a paragraph"
    text_around = soup.get_text()
    assert ("Before." in text_around) == ("Before." in text) and ("After." in text_around) == ("After." in text)


def test_a_line_opening_with_a_triple_backtick_span_is_not_a_fence(engine_for):
    # The old scanner took ```x``` at the start of a line for a fence and published every
    # directive after it raw, with no error.
    site = engine_for()
    soup, errors = expanded(site, "```x``` is code.\n\nUkraine says :fact[settlements].\n\n::chart[territory]\n")
    assert errors == []
    assert code_texts(soup) == ["x"]
    assert len(soup.find_all(class_=FACT)) == 1 and soup.find("figure") is not None


def test_a_four_backtick_fence_holding_a_three_backtick_line_stays_code(engine_for):
    site = engine_for()
    soup, errors = expanded(site, "````markdown\n```\n:fact[settlements]\n```\n````\n\nAfter :fact[settlements].\n")
    assert errors == []
    assert ":fact[settlements]" in code_texts(soup)[0]
    assert len(soup.find_all(class_=FACT)) == 1


def test_problems_keep_their_exact_line(engine_for):
    site = engine_for()
    text = "\n".join(
        [
            "```",
            ":fact[nope-in-code]",
            "```",
            "",
            "    :fact[nope-indented]",
            "",
            "- a :fact[nope-one]",
            "",
            "!!! note",
            "    b :fact[nope-two]",
            "",
            "| x |",
            "| - |",
            "| :fact[nope-three] |",
            "",
            "::chart[nope-four]",
        ]
    )
    _, errors = expanded(site, text, PageRef("docs/a.md", "a/", "A", line_offset=2))
    assert errors == [
        "docs/a.md:9: unknown metric 'nope-one' in :fact (define it in data/metrics.yml)",
        "docs/a.md:12: unknown metric 'nope-two' in :fact (define it in data/metrics.yml)",
        "docs/a.md:16: unknown metric 'nope-three' in :fact (define it in data/metrics.yml)",
        "docs/a.md:18: chart 'nope-four' is not defined in data/charts.yml",
    ]


def test_block_inline_and_attrs(engine_for):
    site = engine_for()
    soup, errors = expanded(
        site, '::chart[talks]\n\nAs of then :fact[territory-km2]{date=2024-08-12 claimant="afp-isw"}.\n'
    )
    assert errors == []
    assert soup.find("figure")["id"] == "chart-talks"
    assert soup.find(class_=FACT).a.get_text() == "800 km²"


def test_malformed_directives_explain_themselves(engine_for):
    site = engine_for()
    _, errors = expanded(
        site,
        "::chrat[territory]\n\n:fact[Territory km2]\n\nsee ::chart[x] inline\n\n:figure[x]\n\n"
        ":fact[settlements]{date 2024}\n\n::chart\n",
    )
    assert errors[0].startswith(
        "docs/a.md:1: unknown directive '::chrat' (directives: ::chart[id], ::sources, ::claimants, ::corrections, ::relays, ::reuse, ::publisher, :fact[metric]"
    )
    assert errors[1:] == [
        "docs/a.md:3: 'Territory km2' is not a valid id in :fact[…] (use lowercase letters, digits and hyphens, e.g. territory-km2)",
        "docs/a.md:5: '::chart' is a block directive: put it alone on its own line",
        errors[3],
        "docs/a.md:9: cannot read the options '{date 2024}' (write them as {date=2024-08-12 claimant=syrskyi})",
        "docs/a.md:11: '' is not a valid id in ::chart[…] (use lowercase letters, digits and hyphens, e.g. territory-km2)",
    ]
    assert errors[3].startswith("docs/a.md:7: unknown directive ':figure'")


def test_text_that_only_looks_like_a_directive_is_left_alone(engine_for):
    site = engine_for()
    soup, errors = expanded(site, "Ratio 3:[1] and https://x.org/a:b[c] and note:[x] and time 10:30.\n")
    # Only the digits are wrong here: a page may not type them (test_refusals.py has that rule).
    assert [e for e in errors if "is a number typed into the page" not in e] == []
    assert "https://x.org/a:b[c]" in soup.get_text()


def test_directive_text_left_outside_code_is_an_error(engine_for):
    site = engine_for()
    text = "\n".join(
        [
            "## Area :fact[territory-km2]",
            "",
            "![map :fact[settlements]](m.png) [see :cite[moscow-times]](https://example.org/)",
            "",
            "<div>raw :fact[settlements]</div>",
            "",
            "up :fact settlements, :fact(settlements) and ::sources here",
        ]
    )
    soup, errors = expanded(site, text)
    assert errors == [
        "docs/a.md:1: ':fact…' cannot go in a heading (the table of contents would show it as raw text); put it in the text below",
        "docs/a.md:3: ':fact…' cannot go in an image's text; put it in the text outside",
        "docs/a.md:3: ':cite…' cannot go in the text of a link; put it in the text outside",
        "docs/a.md:5: ':fact…' looks like a directive but is not one here (write e.g. :fact[metric-id], :cite[source-id], "
        "or ::chart[id] / ::sources alone on a line; raw HTML is not read for directives)",
        "docs/a.md:7: ':fact…' looks like a directive but is not one here (write e.g. :fact[metric-id], :cite[source-id], "
        "or ::chart[id] / ::sources alone on a line; raw HTML is not read for directives)",
        "docs/a.md:7: '::sources…' looks like a directive but is not one here (write e.g. :fact[metric-id], "
        ":cite[source-id], or ::chart[id] / ::sources alone on a line; raw HTML is not read for directives)",
    ]
    assert soup.find(class_=FACT) is None and soup.find("a", class_="xcite") is None
    assert not any(0xF0000 <= ord(c) <= 0xFFFFD for c in str(soup))


@pytest.mark.build
def test_the_same_html_with_plain_markdown_as_in_the_built_site(real_site, built_site):
    """The engine renders through plain Python-Markdown, without MkDocs: the published page's
    chart and facts are what `markdown.Markdown(extensions=[...])` gives."""
    from harness.project import ROOT

    site = real_site  # loaded as the hook loads it: the embed snippets use its address
    text = (ROOT / "docs" / "pokrovsk.md").read_text(encoding="utf-8")
    md = markdown.Markdown(
        extensions=[
            site.extension(),
            "attr_list",
            "md_in_html",
            "tables",
            "admonition",
            "pymdownx.details",
            "pymdownx.superfences",
        ]
    )
    site.begin(PageRef("docs/pokrovsk.md", "pokrovsk/", "Pokrovsk"))
    # The generator-neutral API: pictures go into a page once it is finished (Site.fill_pictures).
    plain = BeautifulSoup(site.fill_pictures(md.convert(text)), "html.parser")
    assert site.errors == []
    published = BeautifulSoup((built_site / "pokrovsk" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for tag in plain.select("[data-search-exclude]"):  # MkDocs' search plugin takes these out
        del tag["data-search-exclude"]
    ours = [str(x) for x in plain.select("figure.xchart, .xfact")]
    theirs = [str(x) for x in published.select("article figure.xchart, article .xfact")]
    assert ours and ours == theirs


def test_relative_urls():
    assert relative("assets/x.csv", "") == "assets/x.csv"
    assert relative("assets/x.csv", "incursion/") == "../assets/x.csv"
    assert relative("a/", "deep/er/") == "../../a/"
    assert relative("a/", "page.html") == "a/"


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.chunks, self.links, self.ids = [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a":
            self.links.append(attrs.get("href"))
        if "id" in attrs:
            self.ids.append(attrs["id"])

    def handle_data(self, data):
        self.chunks.append(data)


def parse(html: str) -> _Text:
    p = _Text()
    p.feed(html)
    return p


def test_fact_latest_pinned_and_by_claimant(engine_for):
    engine = engine_for()
    out = render(engine, ":fact[territory-km2] / :fact[territory-km2]{date=2024-08-12 claimant=afp-isw}")
    text = parse(out)
    body = "".join(text.chunks)
    assert body.startswith(
        "1,263 km² (Oleksandr Syrskyi, Ukraine's commander-in-chief; claim, not independently verified; as of 20 August 2024; source: Ukrainska Pravda)"
    )
    assert (
        "800 km² (AFP analysis of ISW data, news agency analysis of think-tank maps; independent assessment; as of 12 August 2024; source: Vårt Land (AFP))"
        in body
    )
    assert text.links == [
        "https://www.pravda.com.ua/eng/news/2024/08/20/7471164/",
        "https://www.vl.no/nyheter/2024/08/13/afp/",
    ]
    assert text.ids == ["fact-1", "fact-2"] and engine.errors == []


def test_fact_problems(engine_for):
    engine = engine_for()
    md = "\n".join(
        [
            "a :fact[territory-km2]{date=2024-08-13}",
            "b :fact[teritory-km2]",
            "c :fact[territory-km2]{date=2024-08-12}",
            "d :fact[territory-km2]{unit=none}",
            "e :fact[territory-km2]{claimant=putin}",
        ]
    )
    html = render(engine, md, PageRef("docs/a.md", "a/", "A", line_offset=3))
    assert [str(p) for p in engine.errors] == [
        "docs/a.md:4: no figure for 'territory-km2' as of 2024-08-13 (dates with figures: 2024-08-12, 2024-08-20)",
        "docs/a.md:5: unknown metric 'teritory-km2' in :fact (define it in data/metrics.yml; did you mean 'territory-km2'?)",
        "docs/a.md:6: 2 figures for 'territory-km2' as of 2024-08-12 (claimants: afp-isw, syrskyi); add claimant=… to choose, e.g. :fact[territory-km2]{claimant=afp-isw}",
        "docs/a.md:7: unknown option unit in :fact (options: date, claimant)",
        "docs/a.md:8: unknown claimant 'putin' in :fact (define it in data/claimants.yml)",
    ]
    assert html.count('class="xbroken"') == 5


def test_chart_directive_problems(engine_for):
    engine = engine_for()
    render(engine, "::chart[territory]\n\n::chart[nope]\n", PAGE)
    render(engine, "::chart[territory]\n", PageRef("docs/b.md", "b/", "B"))
    assert [str(p) for p in engine.errors] == [
        "docs/a.md:3: chart 'nope' is not defined in data/charts.yml",
        "docs/b.md:1: chart 'territory' is already placed on a/; a chart appears once",
    ]


def test_rendering_a_page_again_forgets_what_it_placed_before(engine_for):
    engine = engine_for()
    render(engine, "::chart[territory]\n", PAGE)
    render(engine, "::chart[territory]\n", PAGE)
    assert engine.errors == []


def test_unplaced_chart_is_a_warning(engine_for):
    engine = engine_for()
    render(engine, "::chart[territory]\n\n::chart[talks]\n", PAGE)
    engine.finish()
    assert [str(w) for w in engine.warnings] == [
        "data/charts.yml:6: id: chart 'settlements-bar' is not placed on any page (add ::chart[settlements-bar] to a page, or remove it)",
    ]


def test_source_no_page_cites_is_a_warning(engine_for):
    engine = engine_for()
    render(
        engine,
        "::chart[talks]\n\n::chart[settlements-bar]\n\n:fact[territory-km2]{date=2024-08-12 claimant=afp-isw}\n",
        PAGE,
    )
    engine.finish()
    assert [str(w) for w in engine.warnings if "source" in str(w)] == [
        "data/sources.yml:6: id: source 'censor-syrskyi' is not cited on any page (quote one of its rows with :fact, draw it in a chart, cite it with :cite, or remove it)",
    ]
    render(engine, "As :cite[censor-syrskyi] reported.", PageRef("docs/b.md", "b/", "B"))
    engine.problems.items.clear()
    engine.finish()
    assert [w for w in engine.warnings if "source" in str(w)] == []


def test_cite_names_and_links_a_source(engine_for):
    engine = engine_for()
    out = render(engine, "As :cite[moscow-times] reported, and :cite[nope].")
    text = parse(out)
    assert "".join(text.chunks).startswith("As The Moscow Times reported, and [:cite[nope]: unknown source 'nope'")
    assert text.links[0] == "https://www.themoscowtimes.com/2024/08/19/a86070"
    assert [str(p) for p in engine.errors] == [
        "docs/a.md:1: unknown source 'nope' in :cite (define it in data/sources.yml)"
    ]


def test_bibliography_backlinks(engine_for):
    engine = engine_for()
    sources_page = PageRef("docs/s.md", "sources/", "Sources")
    render(engine, "::sources\n", sources_page)  # first, as a generator may: its list is not complete yet
    render(engine, ":fact[territory-km2]\n\n::chart[talks]\n", PageRef("docs/a.md", "a/", "Page A"))
    assert engine.pages_to_render_again() == ["sources/"]
    text = parse(render(engine, "::sources\n", sources_page))
    assert [i for i in text.ids if i.startswith("source-")] == [
        "source-censor-syrskyi",
        "source-moscow-times",
        "source-up-syrskyi",
        "source-afp-isw",
    ]
    assert "sources-news" in text.ids  # one heading per kind of source
    assert "../a/" in text.links and "../a/#chart-talks" in text.links
    body = "".join(text.chunks)
    assert "Cited on: Page A, chart “Talks”." in body and "Cited on: Page A." in body


def test_the_sources_page_lists_its_own_citations_and_those_of_pages_after_it(engine_for):
    engine = engine_for()
    sources_page = PageRef("docs/s.md", "sources/", "Sources")
    text = "Before :cite[censor-syrskyi].\n\n::sources\n\nAfter :cite[moscow-times].\n\n::chart[talks]\n"
    first = parse(render(engine, text, sources_page))
    assert "../sources/" in first.links and "../sources/#chart-talks" in first.links
    render(engine, "x :cite[up-syrskyi]", PageRef("docs/a.md", "a/", "Page A"))
    assert engine.pages_to_render_again() == ["sources/"]
    again = "".join(parse(render(engine, text, sources_page)).chunks)
    cited = [line.strip() for line in again.splitlines() if line.strip().startswith("Cited on:")]
    assert cited == ["Cited on: Sources.", "Cited on: Sources; Sources, chart “Talks”.", "Cited on: Page A."]
    assert engine.pages_to_render_again() == []


def test_a_pages_citations_are_listed_in_reading_order(engine_for):
    engine = engine_for()
    render(engine, "- :cite[moscow-times] first\n\n::chart[talks]\n", PageRef("docs/a.md", "a/", "A"))
    cites = engine.record.citations()["moscow-times"]
    assert cites == [("A", "a/"), ("A, chart “Talks”", "a/#chart-talks")]


@pytest.mark.parametrize(
    "text, line",
    [
        ("a `x`:fact[nope]\n", "docs/a.md:1: unknown metric 'nope'"),
        ("## H `x`:fact[settlements]\n", "docs/a.md:1: ':fact…' cannot go in a heading"),
        ("[`x`:cite[up-syrskyi]](https://x.org)\n", "docs/a.md:1: ':cite…' cannot go in the text of a link"),
        ("a :::fact[settlements] b\n", "docs/a.md:1: ':::fact…' looks like a directive but is not one here"),
        ('a <span title=":fact[settlements]">x</span>\n', "docs/a.md:1: ':fact…' cannot go in an attribute"),
    ],
)
def test_directive_text_next_to_code_or_colons_is_still_caught(engine_for, text, line):
    site = engine_for()
    soup, errors = expanded(site, text)
    assert len(errors) == 1 and errors[0].startswith(line), errors
    assert soup.find(class_=FACT) is None


def test_a_chart_line_right_after_a_table_is_a_chart(engine_for):
    site = engine_for()
    soup, errors = expanded(site, "| a | b |\n|---|---|\n| c | d |\n::chart[territory]\n")
    assert errors == [] and soup.find("table") is not None and soup.find("figure", id="chart-territory")


def test_markers_leave_no_trace_in_highlighted_code(engine_for):
    # The highlighter may split a token around a marker; what the reader sees is unchanged.
    site = engine_for()
    text = '```python\nd = {"k":fact[0]}\ny[:cite[1]]\n```\n'
    ours = BeautifulSoup(render(site, text), "html.parser")
    plain = BeautifulSoup(markdown.Markdown(extensions=["pymdownx.superfences"]).convert(text), "html.parser")
    assert site.errors == [] and ours.get_text() == plain.get_text()
    assert not [s for s in ours.find_all("span") if s.get("class") and not s.get_text()]
