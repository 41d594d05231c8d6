"""Compiled templates kept between builds (render/compiled.py): found again only for the same text,
settings and foldable filters, never serving one edition's words to the other."""

from __future__ import annotations

from jinja2 import DictLoader, Environment, pass_context

from explainer.render.compiled import CompiledTemplates


def env(templates: dict, cache: CompiledTemplates, **filters) -> Environment:
    environment = Environment(loader=DictLoader(templates), bytecode_cache=cache)
    environment.filters.update(filters)
    return environment


def test_an_edited_template_is_compiled_again_and_the_disk_copy_serves_a_new_process(tmp_path):
    cache = CompiledTemplates()
    cache.keep_in(tmp_path / "templates")
    templates = {"page.html": "<p>{{ n + 1 }}</p>"}
    assert env(templates, cache).get_template("page.html").render(n=1) == "<p>2</p>"
    assert len(list((tmp_path / "templates").iterdir())) == 1
    templates["page.html"] = "<p>{{ n + 2 }}</p>"  # an edit under `serve`: a new environment per build
    assert env(templates, cache).get_template("page.html").render(n=1) == "<p>3</p>"
    fresh = CompiledTemplates()  # the next `mkdocs build`: only the disk
    fresh.keep_in(tmp_path / "templates")
    compiled = []
    environment = env(templates, fresh)
    environment.compile = lambda *a, **k: compiled.append(a) or Environment.compile(environment, *a, **k)
    assert environment.get_template("page.html").render(n=1) == "<p>3</p>"
    assert compiled == []  # loaded from disk, not compiled


def test_a_filter_jinja_would_fold_at_compile_time_is_part_of_the_key(tmp_path):
    """`'Language' | t` with a plain filter is compiled to a constant (the first edition's words):
    a template compiled so is never found by an environment whose `t` takes the context."""
    cache = CompiledTemplates()
    words = {"en": "Language", "uk": "Мова"}
    current = ["en"]
    templates = {"nav.html": "{{ 'Language' | t }}"}

    @pass_context
    def t(context, message):
        return words[current[0]]

    assert env(templates, cache, t=lambda message: words[current[0]]).get_template("nav.html").render() == "Language"
    current[0] = "uk"
    assert env(templates, cache, t=t).get_template("nav.html").render() == "Мова"
    current[0] = "en"
    assert env(templates, cache, t=t).get_template("nav.html").render() == "Language"


def test_an_unreadable_or_foreign_file_on_disk_is_compiled_afresh(tmp_path):
    folder = tmp_path / "templates"
    cache = CompiledTemplates()
    cache.keep_in(folder)
    templates = {"a.html": "{{ 6 * 7 }}"}
    env(templates, cache).get_template("a.html")
    for path in folder.iterdir():
        path.write_bytes(b"not a compiled template")
    fresh = CompiledTemplates()
    fresh.keep_in(folder)
    assert env(templates, fresh).get_template("a.html").render() == "42"
