"""The explainer engine: data files in, chart and fact HTML out.

Knows nothing of MkDocs; `hooks/mkdocs_hooks.py` maps MkDocs events onto `Engine`.
"""
from .problems import DataError, Problem
from .site import Engine

__all__ = ["DataError", "Engine", "Problem"]
