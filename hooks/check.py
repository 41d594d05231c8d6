"""`make check`: the site's data and pages checked the way `mkdocs build` reads them, in about a second.

    python hooks/check.py [-f mkdocs.yml]

MkDocs wiring only, like mkdocs_hooks.py: MkDocs' own config loader, file list and navigation say
which pages there are (docs_dir, nav, front matter, exclusions) and with which Markdown extensions;
the engine (explainer.check) does the checking. Nothing is drawn and nothing is written.
Exit status 1 when the build would fail (an error, or a warning under --strict), else 0: a hold
(it stops only `make publish`) and a note (a relay beside its original; it stops nothing) are
printed and counted, never an exit status.
With GITHUB_ACTIONS=true every problem is also printed as a workflow command, so it shows on its
file and line in the pull request.
"""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
import time
from pathlib import Path

START = time.perf_counter()
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.config import load_config  # noqa: E402
from mkdocs.exceptions import Abort, ConfigurationError  # noqa: E402
from mkdocs.structure.files import File, get_files  # noqa: E402
from mkdocs.structure.nav import get_navigation  # noqa: E402
from mkdocs.structure.pages import Page  # noqa: E402
from mkdocs_hooks import page_ref, site_info  # noqa: E402

from explainer.check import PageText, annotation, annotations, check, report  # noqa: E402
from explainer.markdown.source import read_page  # noqa: E402
from explainer.model.problems import Problem, Problems  # noqa: E402
from explainer.outputs import DATA_PAGE  # noqa: E402


class _Captured(logging.Handler):
    """MkDocs' own warnings while it reads the config and the nav: a strict build fails on them."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def _error_line(message: str) -> int | None:
    """The line a YAML error names ("line 86, column 1"), if any."""
    found = re.findall(r"line (\d+), column", message)
    return int(found[-1]) if found else None


def _one_line(message: str) -> str:
    return " ".join(message.split())


def _nav_line(config_text: str, target: str | None = None) -> int | None:
    """The line of `nav:` in mkdocs.yml, or of the nav entry naming target."""
    pattern = rf"^\s*-\s*(?:[^\n]*:\s*)?['\"]?{re.escape(target)}['\"]?\s*$" if target else r"^nav:"
    for number, line in enumerate(config_text.splitlines(), 1):
        if re.match(pattern, line):
            return number
    return None


def _nav_problems(config, files, records, config_label: str, config_text: str) -> list[Problem]:
    """The navigation's problems, as the build's warnings, in the editor's words."""
    docs = Path(config.docs_dir).name
    titles = {f.src_path: f.page.title for f in files.documentation_pages() if f.page is not None}
    problems = []
    nav_line = _nav_line(config_text)
    for record in records:
        message = record.getMessage()
        if message.startswith("The following pages exist in the docs directory"):
            for name in re.findall(r"^\s*- (.+)$", message, flags=re.M):
                problems.append(
                    Problem(
                        f"{docs}/{name}",
                        None,
                        None,
                        f"this page is not in the site's navigation: add a line '- {titles.get(name) or 'Its title'}: "
                        f"{name}' under "
                        f"nav: in {config_label}" + (f" (line {nav_line})" if nav_line else ""),
                        warning=True,
                    )
                )
            continue
        found = re.match(r"A reference to '(.+)' is included in the 'nav' configuration", message)
        if found:
            pages = ", ".join(sorted(f.src_uri for f in files.documentation_pages()))
            problems.append(
                Problem(
                    config_label,
                    _nav_line(config_text, found.group(1)),
                    "nav",
                    f"no page '{found.group(1)}' in {docs}/ (pages: {pages}); fix the file name, or add the page",
                    warning=True,
                )
            )
            continue
        problems.append(Problem(config_label, None, None, message.strip(), warning=True))
    return problems


def _config_failed(config_path: Path, exc: Exception, records: list[logging.LogRecord]) -> int:
    """mkdocs.yml cannot be read or has a wrong value: say where, as the build would, and stop."""
    text = config_path.read_text(encoding="utf-8", errors="replace")
    problems = []
    for record in records:
        message = record.getMessage()
        key = re.match(r"Config value '([\w.]+)': ", message)
        line = _nav_line(text) if key and key.group(1) == "nav" else None
        if key and line is None:
            line = next((n for n, t in enumerate(text.splitlines(), 1) if t.startswith(f"{key.group(1)}:")), None)
        problems.append(
            Problem(
                config_path.name, line, key.group(1) if key else None, _one_line(message[key.end() if key else 0 :])
            )
        )
    if not problems or isinstance(exc, ConfigurationError):
        problems.append(Problem(config_path.name, _error_line(str(exc)), None, _one_line(str(exc))))
    for problem in problems:
        print(problem)
    print(f"The build refuses this configuration: fix {config_path.name} first.")
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(annotation(problem))
    return 1


_TRANSLATED = re.compile(r"\.[a-z]{2}\.md$")


def _TRANSLATED_NAME(src_uri: str, lang: str) -> str:
    return re.sub(r"\.md$", f".{lang}.md", src_uri)


def _editions(config) -> list[str]:
    """The translated editions mkdocs-static-i18n builds (none without the plugin)."""
    plugin = config.plugins.get("i18n")
    if plugin is None:
        return []
    return [lang.locale for lang in plugin.config.languages if lang.build and not lang.default]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", help="the MkDocs config (default: mkdocs.yml)")
    args = parser.parse_args(argv)
    config_path = Path(args.config_file).resolve()
    root = config_path.parent

    captured = _Captured()
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(captured)
    try:
        try:
            config = load_config(str(config_path))
        except (ConfigurationError, Abort) as exc:  # the build stops on it too, before any page
            return _config_failed(config_path, exc, captured.records)
        files = get_files(config)
        translated = {f.src_uri: f for f in files.documentation_pages() if _TRANSLATED.search(f.src_uri)}
        for file in translated.values():  # each edition's nav is the English one (mkdocs-static-i18n)
            files.remove(file)
        # The build adds the data package's page (mkdocs_hooks.data_page), so the nav may name it;
        # its content is the engine's own, with nothing an editor wrote to check.
        generated = File(DATA_PAGE, None, config.site_dir, config.use_directory_urls)
        generated.content_string = ""
        files.append(generated)
        get_navigation(files, config)
        pages = []
        read = Problems()
        for file in files.documentation_pages():
            if file.src_uri == DATA_PAGE:
                continue
            # The engine reads each page first, as the build's hook does (not UTF-8, control
            # characters, broken front matter: a problem at its line, not a traceback).
            text = read_page(Path(file.abs_src_path), f"{Path(config.docs_dir).name}/{file.src_uri}", read)
            if text is not None:
                file.content_string = text
            file.page.read_source(config)  # front matter removed, exactly as the build does
            pages.append(PageText(page_ref(file.page, config), file.page.markdown or ""))
        config_text = config_path.read_text(encoding="utf-8")
        nav = _nav_problems(config, files, captured.records, config_path.name, config_text)
    finally:
        mkdocs_log.removeHandler(captured)

    site = check(
        root,
        pages,
        extensions=config.markdown_extensions,
        extension_configs=config.mdx_configs,
        info=site_info(config),
        problems=[*read.items, *nav],
    )
    # Each translated edition as its build reads it; as in the build, only once the English edition
    # has no error (an error stops the build before the second edition is built).
    for lang in [] if site.errors else _editions(config):
        docs = Path(config.docs_dir)
        edition_pages, english = [], []
        for file in files.documentation_pages():
            if file.src_uri == DATA_PAGE:  # the engine's own page, not an editor's
                continue
            english.append((docs / file.src_uri, f"{docs.name}/{file.src_uri}"))
            name = _TRANSLATED_NAME(file.src_uri, lang)
            own = translated.get(name)
            if own is None:
                edition_pages.append(next(p for p in pages if p.ref.label == f"{docs.name}/{file.src_uri}"))
                continue
            text = read_page(docs / own.src_uri, f"{docs.name}/{own.src_uri}", read)
            if text is not None:
                own.content_string = text
            page = Page(None, own, config)
            page.read_source(config)
            edition_pages.append(PageText(page_ref(page, config), page.markdown or ""))
        other = check(
            root,
            edition_pages,
            extensions=config.markdown_extensions,
            extension_configs=config.mdx_configs,
            info=site_info(config),
            lang=lang,
            english_pages=english,
        )
        site.problems.items.extend(other.problems.items)
    print(report(site, len(pages), time.perf_counter() - START))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in annotations(site):
            print(line)
    return 1 if site.errors or site.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
