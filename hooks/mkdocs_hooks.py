"""MkDocs wiring only: map MkDocs events onto the generator-neutral `explainer` engine.

MkDocs imports this module once per `mkdocs serve`; every build loads the data afresh.
The directives are a Python-Markdown extension, added to the Markdown extensions of each build.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urljoin

sys.path.insert(0, str(Path(__file__).resolve().parent))

from jinja2 import pass_context
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File

from explainer import DataError, PageRef
from explainer.build import Build
from explainer.language import t
from explainer.markdown.extension import DirectivesExtension
from explainer.outputs import DATA_PAGE
from explainer.publish.identity import SiteInfo
from explainer.render import html
from explainer.render.assets import hashed_path

log = get_plugin_logger("explainer")
_state = {"serving": False, "build": None}
PANEL_MARKER = html.PANEL  # where a preview's page shows its problems


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def site_info(config) -> SiteInfo:
    """The site's name, address and publisher from mkdocs.yml; EXPLAINER_PUBLISH=1 (`make publish`)
    marks a build for publishing."""
    return SiteInfo(
        name=config.site_name,
        url=config.site_url or SiteInfo.url,
        description=config.site_description or "",
        publisher=config.extra.get("publisher") or SiteInfo.publisher,
        contact=str(config.extra.get("contact") or ""),
        funding=str(config.extra.get("funding") or ""),
        config=Path(config.config_file_path).name,
        publish=os.environ.get("EXPLAINER_PUBLISH", "") not in ("", "0"),
        titles=(("site_name", config.site_name or ""), *_nav_titles(config.nav or []), *_edition_titles(config)),
    )


def _edition_titles(config) -> list[tuple[str, str]]:
    """The titles each edition of mkdocs-static-i18n prints, every build: its site_name, its own
    nav's titles and its nav_translations (the titles of the English nav in its language)."""
    plugin = config.plugins.get("i18n")
    out = []
    for lang in plugin.config.languages if plugin is not None else []:
        if lang.site_name:
            out.append(("site_name", str(lang.site_name)))
        out += _nav_titles(lang.nav or [])
        out += [("nav_translations", str(title)) for title in (lang.nav_translations or {}).values()]
    return out


def _nav_titles(items) -> list[tuple[str, str]]:
    """("nav", title) for every titled entry of mkdocs.yml's nav, sections included."""
    out = []
    for item in items:
        if isinstance(item, dict):
            for title, value in item.items():
                out.append(("nav", str(title)))
                if isinstance(value, list):
                    out += _nav_titles(value)
    return out


def edition(config) -> str:
    """The language of this build: mkdocs-static-i18n builds the English edition, then builds again
    for each other language with theme.language set to it (and page urls under /uk/)."""
    return str(config.theme.get("language") or "en") if config.plugins.get("i18n") else "en"


# After the i18n plugin's (-100): it sets the language of the build it is about to run.
@event_priority(-110)
def on_config(config):
    info = site_info(config)
    previous = _state["build"].site if _state["build"] else None
    lang = edition(config)
    # The data read afresh for every build (a `serve` rebuild too), never at import.
    build = _state["build"] = Build.load(Path(config.config_file_path).resolve().parent, info=info, lang=lang)
    site = build.site
    site.keep_templates()
    site.hold_chart_data()  # out of what Material's search parses; back in on_post_page
    if previous is not None and lang != "en":  # the host's header allows both editions' inline scripts
        site.script_hashes |= previous.script_hashes
    # One 404 page at the root, in both languages (a host serves it for any missing address): the
    # second edition's build would write its own over it.
    if lang == "en":
        config.theme.static_templates.add("404.html")
    else:
        config.theme.static_templates.discard("404.html")
    config.extra["site_dates"] = site.site_dates()  # covers, newest source, last revised: for the footer
    config.extra["reuse"] = site.reuse()  # data version, licence, package and feed, for the footer and head
    # One extension per build, bound to this build's data (a serve rebuild drops the last one).
    extensions = [e for e in config.markdown_extensions if not isinstance(e, DirectivesExtension)]
    config.markdown_extensions = [*extensions, site.extension()]
    return config


@event_priority(-110)  # after the i18n plugin has chosen each page's language version
def on_files(files, config):
    # Each page is read by the engine first: a page that is not UTF-8 or has broken front matter is
    # a problem at its line, not MkDocs' decode traceback or a first paragraph of raw YAML.
    build = _state["build"]
    lang = edition(config)
    docs = Path(config.docs_dir)
    for file in files.documentation_pages():
        english = getattr(file, "norm_src_uri", file.src_uri)
        if lang != "en":  # every English page has its translation, made from the English as it is now
            build.check_translation(docs / english, f"{docs.name}/{english}")
        text = build.read(Path(file.abs_src_path), f"{Path(config.docs_dir).name}/{file.src_uri}")
        if text is not None:
            file.content_string = text
    _hash_assets(files, config)
    page = data_page(build.site, config)
    files.append(page)
    _data_page_alternates(page, config)
    return files


def _edition_search_index(config, lang: str) -> None:
    """Each edition searches its own pages, and loads only their index: mkdocs-static-i18n would
    merge both into the root's search_index.json, which every page of both editions fetches on
    load (about 170 KB gzip instead of 57 and 80). The translated build writes its own under uk/
    (locations from uk/, which its pages give Material as the base: on_post_page) and hands the
    plugin no entries to merge."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    entries = getattr(index, "entries", None)
    if entries is None:
        return
    prefix = f"{lang}/"
    for entry in entries:
        if entry["location"].startswith(prefix):
            entry["location"] = entry["location"][len(prefix) :]
    target = Path(config.site_dir) / lang / "search" / "search_index.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    # Material writes \u escapes: for Cyrillic, UTF-8 is less than half as heavy (112 -> 68 KB gzip).
    data = json.loads(index.generate_search_index(None))
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    entries.clear()


_BASE_RE = re.compile(r'("base":\s*")([^"]*)(")')


def _data_page_alternates(page: File, config) -> None:
    """The generated data page has a version in each edition, as the pages mkdocs-static-i18n
    pairs: give it the same alternates, and list it for the plugin's sitemap (overrides/sitemap.xml)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return
    lang = edition(config)
    page.alternates = {}
    for code in (lang_config.locale for lang_config in plugin.config.languages if lang_config.build):
        other = page
        if code != lang:
            other = File.generated(config, DATA_PAGE, content="")
            if code != "en":
                other.dest_uri = f"{code}/{other.dest_uri}"
        page.alternates[code] = other
    listed = plugin.i18n_files_per_language.setdefault(lang, [])
    if page not in listed:
        listed.append(page)


DATA_PAGE_SLOT = "<!--xpl-data-page-->"


def data_page(site, config) -> File:
    """The data package's index as a page of the site (theme, navigation, search, structured data,
    policy); the package's own files are written beside it after the build. Ranked with the lists
    in search, below the story's pages. Its body (file sizes, the version, the citation) is the
    engine's, not an editor's: it goes in after Markdown (on_page_content), past the prose checks."""
    page = site.data_page()
    front = (
        f"---\ntitle: {json.dumps(page['title'])}\ndescription: {json.dumps(page['description'])}\n"
        "search:\n  boost: 0.2\n---\n\n"
    )
    file = File.generated(config, page["path"], content=f"{front}# {page['title']}\n\n{DATA_PAGE_SLOT}\n")
    lang = edition(config)
    if lang != "en":  # the edition's own page under uk/ (the English one stays at data/)
        file.dest_uri = f"{lang}/{file.dest_uri}"
    return file


# The runtime files the theme does not list: loader.js runs before Material's bundle (overrides/
# main.html: it holds back Material's search until first use) and loads charts.js on pages with charts.
RUNTIME = {"loader": "javascripts/loader.js", "charts": "javascripts/charts.js"}


def _hash_assets(files, config):
    # The runtime scripts and stylesheet get content-hashed names, so a host can cache them
    # for a year and a changed file is fetched under its new name.
    runtime = {}
    for name, path in RUNTIME.items():
        original = files.get_file_from_path(path)
        content = original.content_bytes if original else (Path(config.docs_dir) / path).read_bytes()
        runtime[name] = hashed_path(path, content)
        if original is not None:
            files.remove(original)
            files.append(File.generated(config, runtime[name], content=content))
    config.extra["runtime"] = runtime  # for overrides/main.html, and the embed pages
    for option in ("extra_javascript", "extra_css"):
        for i, item in enumerate(config[option]):
            path = str(getattr(item, "path", item))
            original = files.get_file_from_path(path)
            if original is None:
                continue
            content = original.content_bytes
            renamed = hashed_path(path, content)
            files.remove(original)
            files.append(File.generated(config, renamed, content=content))
            if isinstance(item, str):
                config[option][i] = renamed
            else:
                item.path = renamed


def page_ref(page, config) -> PageRef:
    raw = page.file.content_string
    markdown = page.markdown or ""
    offset = raw[: len(raw) - len(markdown)].count("\n") if raw.endswith(markdown) else 0
    return PageRef(
        label=f"{Path(config.docs_dir).name}/{page.file.src_uri}",
        url=page.url,
        title=page.title or "",
        line_offset=offset,
    )


def on_page_markdown(markdown, page, config, files):
    _state["build"].begin(page_ref(page, config))
    return markdown


def on_page_content(html, page, config, files):
    if page.file.src_uri == DATA_PAGE:
        html = html.replace(DATA_PAGE_SLOT, _state["build"].site.data_page()["html"], 1)
    return PANEL_MARKER + html if _state["serving"] else html


def on_env(env, config, files):
    build = _state["build"]
    site = build.site
    env.filters["t"] = _words  # the theme overrides' own words, in the edition's language
    env.bytecode_cache = site.templates  # the theme compiled once, not once per edition and rebuild
    # The bibliography lists every page's citations: render its pages again, now that all are known.
    again = set(site.pages_to_render_again())
    pages = (f.page for f in files.documentation_pages() if f.page is not None and f.page.url in again)
    build.render_again(
        {page.url: (page_ref(page, config), functools.partial(_render, page, config, files)) for page in pages}
    )
    build.finish()
    for warning in site.warnings:
        log.warning(str(warning))
    for hold in site.holds:  # they stop only a publishing build, where they are errors
        log.info(f"before publishing: {hold}")
    for note in site.notes:  # a relay beside its original: for the editor; no build fails on it
        log.info(f"note: {note}")
    # A build stops here, before any page is written; `serve` shows the problems in the page. The
    # count includes the warnings a strict build also stops on.
    if stop := build.stop(config.strict):
        if not _state["serving"]:
            raise PluginError(str(stop))
        log.error(str(stop))
    return env


@pass_context
def _words(context, message: str, *args, **values) -> str:
    """The `t` filter. pass_context keeps Jinja from calling it while it compiles a template (it
    folds `'Language' | t` into a constant otherwise): a compiled theme serves both editions."""
    return t(message, *args, **values)


def _render(page, config, files) -> str:
    """A page rendered again by MkDocs (after build.begin), with the preview's panel place."""
    page.render(config, files)
    if _state["serving"]:
        page.content = PANEL_MARKER + page.content
    return page.content


def on_page_context(context, page, config, nav):
    # JSON-LD for the head (overrides/partials/reuse_head.html): after every page is rendered, so a
    # page's "updated" date is final even for pages rendered twice.
    description = page.meta.get("description") or config.site_description or ""
    headline = config.site_name if page.is_homepage else (page.title or config.site_name)
    context["explainer_jsonld"] = _state["build"].site.structured_data(page.url, headline, description)
    # The page's social card (its lead chart or key figure), for overrides/main.html.
    page.meta["xpl_card"] = _state["build"].site.card(page.url)
    context["xpl_alternates"] = alternates(page, config)
    return context


def alternates(page, config) -> list[dict]:
    """The page in each language (mkdocs-static-i18n's alternates), for hreflang and the switch:
    [{"lang", "name", "url" (from the site's root), "href" (absolute, from site_url, as in
    sitemap.xml), "current"}]; empty for a one-language build."""
    plugin = config.plugins.get("i18n")
    found = getattr(page.file, "alternates", None)
    if plugin is None or not found:
        return []
    names = {lang.locale: lang.name for lang in plugin.config.languages if lang.build}
    current = edition(config)
    out = []
    for lang, name in names.items():
        other = found.get(lang)
        if other is None:
            continue
        href = urljoin(config.site_url or "/", other.url)
        out.append({"lang": lang, "name": name, "url": other.url, "href": href, "current": lang == current})
    return out


def on_post_page(output, page, config):
    lang = edition(config)
    if lang != "en":
        # Material's base for a translated page is its edition's root (uk/): its search index and
        # sitemap are looked for there, and instant navigation stays within the edition.
        output = _BASE_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}/{lang}/{m.group(3)}", output, count=1)
    # The charts' pictures go in last, after the search plugin has read the page.
    output = _state["build"].site.fill_pictures(output)
    # During `serve` the problems are shown where the editor is looking: on every page. A built
    # page gets its Content-Security-Policy; a preview goes without (MkDocs adds an inline reload script).
    if not _state["serving"]:
        return _state["build"].site.secure(output)
    return _state["build"].site.with_panel(output)


def on_post_template(output, template_name, config):
    # The theme's 404 page is a page too; sitemap.xml is not HTML.
    if template_name.endswith(".html") and not _state["serving"]:
        return _state["build"].site.secure(output)
    return output


def _drawn_later(problems) -> None:
    """A preview's background drawing is over (the engine has put its problems in the pages' panel)."""
    for problem in problems:
        log.error(f"{problem} (the preview's pages show it; reload the page)")
    if not problems:
        log.info("the downloads and cards that could not be drawn are drawn now")


def on_post_build(config):
    runtime = (getattr(config, "extra", None) or {}).get("runtime", {}).get("charts", "")  # set in on_files
    embed_assets = {"script": runtime, "style": "stylesheets/embed.css", "embed": "javascripts/embed.js"}
    favicon = getattr(config, "theme", None) and config.theme.get("favicon")
    if favicon:  # or the browser asks for /favicon.ico, a 404 on every embed
        embed_assets["icon"] = str(favicon)
    # A preview shows its pages first and draws the downloads and cards just after.
    serving = _state["serving"]
    _, late = _state["build"].write(
        Path(config.site_dir),
        embed_assets=embed_assets,
        defer_images=serving,
        policy=not serving,
        package_page=False,
        report=_drawn_later,
    )
    # Every error before this point stopped the build in on_env: one now is new (the downloads or
    # cards could not be drawn), and a build must not end green without them; a preview shows it
    # in its pages' panel (the engine puts it there) and in the log.
    if late and not serving:
        raise PluginError(str(DataError(late)))
    for problem in late:
        log.error(str(problem))
    lang = edition(config)
    if lang != "en":
        _edition_search_index(config, lang)
    sitemap = Path(config.site_dir) / "sitemap.xml"
    if lang != "en" and sitemap.is_file():
        # Material looks for a sitemap.xml beside the head's feed link (uk/feed.xml): the one
        # sitemap (both editions, hreflang alternates) is there too, so it is found, not a 404.
        (Path(config.site_dir) / lang / "sitemap.xml").write_bytes(sitemap.read_bytes())
