"""The explainer engine: data files in, chart and fact HTML out, through a Python-Markdown extension.

Knows nothing of MkDocs; `hooks/mkdocs_hooks.py` maps MkDocs events onto `Site`. Layers, each
importing only those below it (pyproject.toml's import-linter contract checks this):

    build       the steps of one build, in order, for every caller (the hook, make check, tests)
    site        one build's façade: load, the extension, begin, finish, pictures, write outputs
    markdown    the directive grammar, what each directive becomes, the extension
    render      HTML templates and browser assets
    kinds       one module per chart kind: spec, checks, figure, table, CSV, key
    load        YAML/CSV files with line numbers, validated into a Dataset
    model       the data model and field types; no I/O
    outputs     where the build puts what it writes beside the pages (paths only)
"""

from .markdown.record import PageRef
from .model.problems import DataError, Problem
from .site import Site

__all__ = ["DataError", "PageRef", "Problem", "Site"]
