"""Other generators: ProperDocs (the maintained MkDocs 1.6 fork) builds this site unchanged, and the
directive extension works for a generator that runs no hooks (Zensical 0.1).

The MkDocs build is the session's `built_site`; ProperDocs builds the same project, and every file
must come out byte for byte the same except what the README ("Moving to another generator") lists:
the `<meta name="generator">` tag, and the build date in the sitemap (`<lastmod>`, and the gzip
header's timestamp of sitemap.xml.gz), which differ between any two builds made on different days.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, copy_project, mkdocs
from explainer import DataError, PageRef, outputs
from explainer.markdown.extension import NoPage
from fixtures import write_dataset

GENERATOR_TAG = re.compile(rb'<meta name="generator" content="[^"]*">')
LASTMOD = re.compile(rb"<lastmod>\d{4}-\d{2}-\d{2}</lastmod>")


def normalised(path: Path) -> bytes:
    """The file's bytes with only the documented differences blanked out."""
    data = path.read_bytes()
    if path.name == "sitemap.xml.gz":
        data = gzip.decompress(data)
    if path.name.startswith("sitemap.xml"):
        data = LASTMOD.sub(b"<lastmod/>", data)
    if path.suffix == ".html":
        data = GENERATOR_TAG.sub(b'<meta name="generator">', data)
    return data


def files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def properdocs(*args: str, **kwargs):
    return mkdocs(*args, "--config-file", "mkdocs.yml", generator="properdocs", **kwargs)


@pytest.mark.build
def test_properdocs_builds_the_same_site_as_mkdocs(built_site, tmp_path):
    out = tmp_path / "properdocs"
    properdocs("build", "--strict", "--site-dir", str(out), check=True)
    assert files(out) == files(built_site)
    different = [str(p) for p in files(out) if normalised(out / p) != normalised(built_site / p)]
    assert different == [], f"ProperDocs and MkDocs built these differently: {different}"
    # It really was the other generator (the tag is the one difference the comparison allows).
    tags = GENERATOR_TAG.findall((out / "index.html").read_bytes())
    assert tags and all(b"ProperDocs" in t for t in tags)
    assert not any(b"ProperDocs" in t for t in GENERATOR_TAG.findall((built_site / "index.html").read_bytes()))


@pytest.mark.build
def test_properdocs_fails_a_bad_build_with_the_problem_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "p")
    page = project / "docs" / "bridges.md"
    text = page.read_text(encoding="utf-8").rstrip("\n")
    page.write_text(text + "\n\n::chart[no-such-chart]\n", encoding="utf-8")
    proc = properdocs("build", "--strict", "--site-dir", str(tmp_path / "out"), cwd=project)
    output = proc.stdout + proc.stderr
    assert proc.returncode != 0
    line = text.count("\n") + 3
    assert f"docs/bridges.md:{line}: chart 'no-such-chart' is not defined in data/charts.yml" in output
    assert "Traceback" not in output
    assert not (tmp_path / "out" / "bridges" / "index.html").exists()


# -- Zensical: the extension without begin(page) -------------------------------------------------
# Zensical 0.1 runs Python-Markdown extensions but no hooks. Before each page it registers a
# preprocessor named `rendering_context` whose `page` has url, path, title and meta and whose
# `config` has root_dir and docs_dir (zensical/extensions/context.py; Zensical itself cannot be
# installed from this machine's registry, see the README). This stand-in has the same shape.


class _Context(markdown.preprocessors.Preprocessor):
    def __init__(self, md, page, config):
        super().__init__(md)
        self.page, self.config = page, config

    def run(self, lines):
        return lines


class ZensicalContext(markdown.Extension):
    def __init__(self, root: Path, path: str, url: str, title: str = "A page"):
        super().__init__()
        self.page = SimpleNamespace(url=url, path=path, title=title, meta={})
        self.config_ = {"root_dir": str(root), "docs_dir": "docs"}

    def extendMarkdown(self, md):
        md.preprocessors.register(_Context(md, self.page, self.config_), "rendering_context", 0)


@pytest.fixture
def zensical_project(tmp_path) -> Path:
    write_dataset(tmp_path)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    (tmp_path / "docs").mkdir()
    return tmp_path


def zensical_convert(root: Path, name: str, text: str, extension=None, write: bytes | None = None) -> str:
    """One page as Zensical converts it: the front matter already removed, a fresh Markdown
    instance with the context first, and the directives loaded by name (as its config names them).
    write: the file's bytes on disk, when they are not text's UTF-8."""
    (root / "docs" / name).write_bytes(text.encode("utf-8") if write is None else write)
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.DOTALL)
    context = ZensicalContext(root, name, name.removesuffix(".md") + "/")
    extensions = [context, extension or "zensical_extension", "attr_list"]
    md = markdown.Markdown(extensions=extensions, extension_configs={"zensical_extension": {"root": str(root)}})
    return md.convert(body)


def test_without_begin_the_page_comes_from_the_generators_context(zensical_project):
    text = (
        "---\ntitle: Facts\n---\n# Facts\n\nUkraine said it held :fact[territory-km2], :cite[moscow-times] reported.\n"
    )
    page = BeautifulSoup(zensical_convert(zensical_project, "facts.md", text), "html.parser")
    fact = page.select_one(".xfact")
    assert fact.select_one("a.xfact__value").get_text() == "1,263 km²"
    assert page.select_one("a.xcite")["href"] == "https://www.themoscowtimes.com/2024/08/19/a86070"
    assert ":fact[" not in str(page) and ":cite[" not in str(page)


def test_without_begin_a_problem_fails_the_conversion_at_its_file_and_line(zensical_project):
    text = "---\ntitle: Facts\n---\n# Facts\n\nSee :fact[no-such-metric] and :cite[nobody].\n"
    with pytest.raises(DataError) as failed:
        zensical_convert(zensical_project, "facts.md", text)
    message = str(failed.value)
    assert "docs/facts.md:6: unknown metric 'no-such-metric'" in message
    assert "docs/facts.md:6: unknown source 'nobody' in :cite" in message


def test_without_begin_a_page_file_that_is_not_utf8_still_gives_its_lines(zensical_project):
    """The generator passes the page as text; the file it came from may hold a byte that is not
    UTF-8 (an old editor's curly quote): counting the front matter must not raise on it."""
    text = "---\ntitle: Facts\n---\n# Facts\n\nSee :fact[no-such-metric].\n"
    with pytest.raises(DataError, match=r"docs/facts\.md:6: unknown metric 'no-such-metric'"):
        zensical_convert(
            zensical_project, "facts.md", text, write=text.encode("utf-8").replace(b"# Facts", b"# Fact\x92s")
        )


def test_without_begin_each_page_is_its_own_page(zensical_project):
    good = "# One\n\n:fact[territory-km2]\n"
    bad = "# Two\n\n\n:fact[nope]\n"
    from zensical_extension import makeExtension

    extension = makeExtension(root=str(zensical_project))
    zensical_convert(zensical_project, "one.md", good, extension)
    with pytest.raises(DataError, match=r"docs/two\.md:4: unknown metric 'nope'"):
        zensical_convert(zensical_project, "two.md", bad, extension)
    assert "docs/one.md" not in str(extension.directives.problems.items)


def test_without_begin_what_needs_the_build_steps_fails_with_what_is_missing(zensical_project):
    text = "# Charts\n\n::chart[territory]\n\n::sources\n\n::relays\n"
    with pytest.raises(DataError) as failed:
        zensical_convert(zensical_project, "charts.md", text)
    message = str(failed.value)
    assert "docs/charts.md:3: '::chart[territory]' needs its picture, downloads and embed page" in message
    assert "docs/charts.md:5: '::sources' needs every page's citations" in message
    # Every site-wide list (the relays list names the pages showing each row) needs the second pass.
    assert "docs/charts.md:7: '::relays' needs every page's figures" in message
    assert "build with mkdocs or properdocs" in message


def test_without_begin_or_a_context_the_error_says_what_to_do(engine_for):
    md = markdown.Markdown(extensions=[engine_for().extension()])
    with pytest.raises(NoPage, match=r"call site\.begin\(PageRef\(\.\.\.\)\).*rendering_context"):
        md.convert(":fact[territory-km2]\n")


def test_rooted_links_start_at_the_sites_path_and_relative_ones_at_the_page(zensical_project):
    """A generator that rewrites page-relative links gets links from the site's root path, which
    no rewriting touches; MkDocs keeps page-relative ones (they work at any root and offline)."""
    from explainer import Site
    from explainer.publish.identity import SiteInfo

    info = SiteInfo(url="https://example.org/explainer/")
    site = Site.load(zensical_project, info=info, pictures=False)

    def links(rooted: bool) -> set[str]:
        md = markdown.Markdown(extensions=[site.extension()])
        site.begin(PageRef("docs/deep/page.md", "deep/page/", "Deep", rooted=rooted))
        page = BeautifulSoup(md.convert("::chart[territory]\n\n::reuse\n"), "html.parser")
        return {a["href"] for a in page.select(".xchart__download a, .xchart__package a, .xreuse a:not([rel])")}

    files = (outputs.download("territory", "csv", "en"), outputs.package(outputs.ZIP_NAME), outputs.package())
    assert links(rooted=False) == {"../../" + path for path in files}
    assert links(rooted=True) == {"/explainer/" + path for path in files}
