"""Directives in Markdown: found outside code, parsed strictly, expanded from the data."""
from __future__ import annotations

from html.parser import HTMLParser

from explainer.directives import scan
from explainer.site import PageRef, relative

PAGE = PageRef(label="docs/a.md", url="a/", title="Page A")


def found(markdown: str) -> list:
    seen = []
    scan(markdown, lambda d: seen.append(d) or "X")
    return seen


def test_directives_in_code_stay_literal():
    md = "\n".join([
        "Inline `:fact[territory-km2]` and ``::chart[x]`` stay.",
        "```markdown",
        "::chart[territory]",
        ":fact[territory-km2]",
        "```",
        "~~~~",
        "```",
        "::sources",
        "~~~~",
        "    ```",
        "    ::chart[indented-fence]",
        "    ```",
        "Real :fact[settlements] here.",
    ])
    assert [(d.name, d.arg, d.line) for d in found(md)] == [("fact", "settlements", 13)]
    out = scan(md, lambda d: "TOKEN")
    assert "`:fact[territory-km2]`" in out and "::chart[territory]" in out and "Real TOKEN here." in out


def test_block_inline_and_attrs():
    ds = found("::chart[territory]\n  ::sources\ntext :fact[a-b]{date=2024-08-12 claimant=\"syrskyi\"} more")
    assert [(d.name, d.block, d.arg, d.attrs) for d in ds] == [
        ("chart", True, "territory", {}),
        ("sources", True, None, {}),
        ("fact", False, "a-b", {"date": "2024-08-12", "claimant": "syrskyi"}),
    ]
    assert ds[1].indent == "  "


def test_malformed_directives_explain_themselves():
    ds = found("::chrat[territory]\n:fact[Territory km2]\nsee ::chart[x] inline\n:figure[x]\n:fact[a]{date 2024}\n::chart\n")
    messages = [d.errors for d in ds]
    assert messages[0][0].startswith("unknown directive '::chrat' (directives: ::chart[id], ::sources, :fact[metric]")
    assert messages[1] == ["'Territory km2' is not a valid id in :fact[…] (use lowercase letters, digits and hyphens, e.g. territory-km2)"]
    assert messages[2] == ["'::chart' is a block directive: put it alone on its own line"]
    assert messages[3][0].startswith("unknown directive ':figure'")
    assert messages[4] == ["cannot read the options '{date 2024}' (write them as {date=2024-08-12 claimant=syrskyi})"]
    assert messages[5][0].startswith("'' is not a valid id in ::chart")


def test_text_that_only_looks_like_a_directive_is_left_alone():
    assert found("Ratio 3:[1] and https://x.org/a:b[c] and note:[x] and \\:fact[x]") == []


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
    out = engine.inject(engine.expand(":fact[territory-km2] / :fact[territory-km2]{date=2024-08-12 claimant=afp-isw}", PAGE), "a/")
    text = parse(out)
    body = "".join(text.chunks)
    assert body.startswith("1,263 km² (Oleksandr Syrskyi, Ukraine's commander-in-chief; claim, not independently verified; as of 20 August 2024; source: Ukrainska Pravda)")
    assert "800 km² (AFP analysis of ISW data, news agency analysis of think-tank maps; independent assessment; as of 12 August 2024; source: Vårt Land (AFP))" in body
    assert text.links == ["https://www.pravda.com.ua/eng/news/2024/08/20/7471164/", "https://www.vl.no/nyheter/2024/08/13/afp/"]
    assert text.ids == ["fact-1", "fact-2"] and engine.errors == []


def test_fact_problems(engine_for):
    engine = engine_for()
    md = "\n".join([
        "a :fact[territory-km2]{date=2024-08-13}",
        "b :fact[teritory-km2]",
        "c :fact[territory-km2]{date=2024-08-12}",
        "d :fact[territory-km2]{unit=none}",
        "e :fact[territory-km2]{claimant=putin}",
    ])
    out = engine.expand(md, PageRef("docs/a.md", "a/", "A", line_offset=3))
    assert [str(p) for p in engine.errors] == [
        "docs/a.md:4: no figure for 'territory-km2' as of 2024-08-13 (dates with figures: 2024-08-12, 2024-08-20)",
        "docs/a.md:5: unknown metric 'teritory-km2' in :fact (define it in data/metrics.yml; did you mean 'territory-km2'?)",
        "docs/a.md:6: 2 figures for 'territory-km2' as of 2024-08-12 (claimants: afp-isw, syrskyi); add claimant=… to choose, e.g. :fact[territory-km2]{claimant=afp-isw}",
        "docs/a.md:7: unknown option unit in :fact (options: date, claimant)",
        "docs/a.md:8: unknown claimant 'putin' in :fact (define it in data/claimants.yml)",
    ]
    html = engine.inject(out, "a/")
    assert html.count('class="xbroken"') == 5


def test_chart_directive_problems(engine_for):
    engine = engine_for()
    engine.expand("::chart[territory]\n\n::chart[nope]\n", PAGE)
    engine.expand("::chart[territory]\n", PageRef("docs/b.md", "b/", "B"))
    assert [str(p) for p in engine.errors] == [
        "docs/a.md:3: chart 'nope' is not defined in data/charts.yml",
        "docs/b.md:1: chart 'territory' is already placed on a/; a chart appears once",
    ]


def test_unplaced_chart_is_a_warning(engine_for):
    engine = engine_for()
    engine.expand("::chart[territory]\n::chart[talks]\n", PAGE)
    engine.check_placements()
    assert [str(w) for w in engine.warnings] == [
        "data/charts.yml:6: id: chart 'settlements-bar' is not placed on any page (add ::chart[settlements-bar] to a page, or remove it)",
    ]


def test_source_no_page_cites_is_a_warning(engine_for):
    engine = engine_for()
    engine.expand("::chart[talks]\n::chart[settlements-bar]\n:fact[territory-km2]{date=2024-08-12 claimant=afp-isw}\n", PAGE)
    engine.check_placements()
    assert [str(w) for w in engine.warnings if "source" in str(w)] == [
        "data/sources.yml:6: id: source 'censor-syrskyi' is not cited on any page (quote one of its rows with :fact, draw it in a chart, cite it with :cite, or remove it)",
    ]
    engine.expand("As :cite[censor-syrskyi] reported.", PageRef("docs/b.md", "b/", "B"))
    engine.problems.items.clear()
    engine.check_placements()
    assert [w for w in engine.warnings if "source" in str(w)] == []


def test_cite_names_and_links_a_source(engine_for):
    engine = engine_for()
    out = engine.inject(engine.expand("As :cite[moscow-times] reported, and :cite[nope].", PAGE), "a/")
    text = parse(out)
    assert "".join(text.chunks).startswith("As The Moscow Times reported, and [:cite[nope]: unknown source 'nope'")
    assert text.links[0] == "https://www.themoscowtimes.com/2024/08/19/a86070"
    assert [str(p) for p in engine.errors] == ["docs/a.md:1: unknown source 'nope' in :cite (define it in data/sources.yml)"]


def test_bibliography_backlinks(engine_for):
    engine = engine_for()
    engine.expand(":fact[territory-km2]\n\n::chart[talks]\n", PageRef("docs/a.md", "a/", "Page A"))
    html = engine.finish_page(engine.inject(engine.expand("::sources\n", PageRef("docs/s.md", "sources/", "Sources")), "sources/"), "sources/")
    text = parse(html)
    assert text.ids == ["source-censor-syrskyi", "source-moscow-times", "source-up-syrskyi", "source-afp-isw"]
    assert "../a/" in text.links and "../a/#chart-talks" in text.links
    body = "".join(text.chunks)
    assert "Cited on: Page A, chart “Talks”." in body and "Cited on: Page A." in body


def test_directives_refused_where_they_would_publish_raw_text():
    ds = found("## Area :fact[territory-km2]\n![map :fact[a]](m.png) [see :cite[b]](u)\n:fact[x]{claimant=a claimant=b}\n"
               "up :fact[settlements, and :fact(settlements) and ::sources here\n")
    errors = [(d.line, d.errors[0]) for d in ds if d.errors]
    assert errors == [
        (1, "a directive cannot go in a heading (the table of contents would show it as raw text); put the figure in the text below the heading"),
        (2, "a directive cannot go inside the text of a link or an image; put it outside the brackets"),
        (2, "a directive cannot go inside the text of a link or an image; put it outside the brackets"),
        (3, "the option 'claimant' is given twice in '{claimant=a claimant=b}'"),
        (4, "':fact' looks like a directive but cannot be read (write e.g. :fact[metric-id], :cite[source-id], or ::chart[id] / ::sources alone on a line)"),
        (4, "':fact' looks like a directive but cannot be read (write e.g. :fact[metric-id], :cite[source-id], or ::chart[id] / ::sources alone on a line)"),
        (4, "'::sources' looks like a directive but cannot be read (write e.g. :fact[metric-id], :cite[source-id], or ::chart[id] / ::sources alone on a line)"),
    ]
