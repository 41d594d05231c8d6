"""Compiled Jinja templates, kept between builds: in memory for the life of the process (the
Ukrainian edition's theme, every `serve` rebuild) and on disk in the project's cache (the next
`mkdocs build`). Compiling the theme's ~40 templates cost about as much as the rest of a plain
Material build; the compiled code is the same each time the template text is.

A compiled template is found again only for the same template text (Jinja's checksum of the
source), the same file, the same Jinja and Python, and an environment with the same compile
settings: an edited template, an upgrade or another environment compiles afresh.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

import jinja2
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.utils import _PassArg

CACHE_FOLDER = Path(".cache") / "templates"  # under the project's root, beside the pictures' cache


def _foldable(functions: dict) -> list[str]:
    """The filters or tests Jinja may call while compiling (on constants): those not given the
    render's context. One that answers differently per build (a language's words) must take the
    context, or its answer is compiled in and served to the next build."""
    return sorted(name for name, f in functions.items() if _PassArg.from_obj(f) is not _PassArg.context)


def _settings(environment: jinja2.Environment, name: str) -> str:
    """What the compiled code of `name` depends on besides its text."""
    escape = environment.autoescape
    return repr(
        (
            jinja2.__version__,
            _foldable(environment.filters),
            _foldable(environment.tests),
            sorted(environment.extensions),
            escape(name) if callable(escape) else escape,
            environment.block_start_string,
            environment.block_end_string,
            environment.variable_start_string,
            environment.variable_end_string,
            environment.comment_start_string,
            environment.comment_end_string,
            environment.line_statement_prefix,
            environment.line_comment_prefix,
            environment.trim_blocks,
            environment.lstrip_blocks,
            environment.newline_sequence,
            environment.keep_trailing_newline,
            environment.optimized,
            environment.is_async,
        )
    )


class CompiledTemplates(BytecodeCache):
    """A Jinja bytecode cache for any number of environments (set `environment.bytecode_cache`)."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self._memory: dict[str, tuple[str, object]] = {}  # key -> (source checksum, code)

    def keep_in(self, directory: Path | None) -> None:
        """Also keep compiled templates on disk, in `directory` (None: in memory only)."""
        self.directory = Path(directory) if directory is not None else None

    def get_bucket(self, environment, name, filename, source) -> Bucket:
        key = hashlib.sha1(
            f"{_settings(environment, name)}\0{name}\0{filename or ''}".encode(), usedforsecurity=False
        ).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def _file(self, bucket: Bucket) -> Path | None:
        return self.directory / f"{bucket.key}.jinja" if self.directory is not None else None

    def load_bytecode(self, bucket: Bucket) -> None:
        checksum, code = self._memory.get(bucket.key, (None, None))
        if checksum == bucket.checksum:
            bucket.code = code
            return
        path = self._file(bucket)
        if path is None:
            return
        try:
            with path.open("rb") as handle:
                bucket.load_bytecode(handle)  # checks Jinja's magic and the source checksum
        except (OSError, EOFError, ValueError, TypeError):  # missing, or unreadable: compile again
            bucket.reset()
        if bucket.code is not None:
            self._memory[bucket.key] = (bucket.checksum, bucket.code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._memory[bucket.key] = (bucket.checksum, bucket.code)
        path = self._file(bucket)
        if path is None:
            return
        try:  # written whole, then renamed: a parallel build never reads half a file
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, name = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        except OSError:  # a read-only checkout still builds; it compiles each time
            return
        try:
            with os.fdopen(handle, "wb") as out:
                bucket.write_bytecode(out)
            os.replace(name, path)
        except OSError:
            Path(name).unlink(missing_ok=True)

    def clear(self) -> None:
        self._memory.clear()


TEMPLATES = CompiledTemplates()  # one for the process: the engine's templates and the theme's
