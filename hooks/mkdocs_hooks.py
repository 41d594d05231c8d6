"""MkDocs wiring only: map MkDocs events onto the generator-neutral `explainer` engine.

MkDocs imports this module once per `mkdocs serve`; all state lives in the Engine,
which re-reads the data at every build.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.plugins import get_plugin_logger  # noqa: E402

from explainer import DataError, Engine  # noqa: E402
from explainer.assets import hashed_path  # noqa: E402
from explainer.site import PageRef  # noqa: E402

log = get_plugin_logger("explainer")
_state = {"serving": False, "engine": None}
PANEL_MARKER = "<!--xpl-problems-->"


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_config(config):
    root = Path(config.config_file_path).resolve().parent
    _state["engine"] = Engine(root, serving=_state["serving"])
    return config


def on_pre_build(config):
    engine = _state["engine"]
    engine.start_build()
    config.extra["last_updated"] = engine.last_updated()


def on_files(files, config):
    # The runtime script and stylesheet get content-hashed names, so a host can cache them
    # for a year and a changed file is fetched under its new name.
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
    return files


def on_page_markdown(markdown, page, config, files):
    raw = page.file.content_string
    offset = raw[: len(raw) - len(markdown)].count("\n") if raw.endswith(markdown) else 0
    ref = PageRef(label=f"{Path(config.docs_dir).name}/{page.file.src_uri}", url=page.url, title=page.title or "", line_offset=offset)
    return _state["engine"].expand(markdown, ref)


def on_page_content(html, page, config, files):
    html = _state["engine"].inject(html, page.url)
    return PANEL_MARKER + html if _state["serving"] else html


def on_env(env, config, files):
    engine = _state["engine"]
    engine.check_placements()
    for page in (f.page for f in files.documentation_pages() if f.page is not None):
        if page.content:
            page.content = engine.finish_page(page.content, page.url)
    for warning in engine.warnings:
        log.warning(str(warning))
    if engine.errors:
        # A build stops here, before any page is written; `serve` shows the problems in the page.
        message = str(DataError(engine.errors))
        if not _state["serving"]:
            raise PluginError(message)
        log.error(message)
    return env


def on_post_page(output, page, config):
    # During `serve` the problems are shown where the editor is looking: on every page.
    if not _state["serving"]:
        return output
    return output.replace(PANEL_MARKER, _state["engine"].error_panel(), 1)


def on_post_build(config):
    _state["engine"].write_outputs(Path(config.site_dir))

