"""The language a build speaks: its code, its Babel locale, and its words.

One place holds the current language for the whole engine (`current()`); a build sets it once
(`use(code)`), before it loads or renders anything, and every layer asks here: the formatting of
numbers and dates (model/formatting.py), the engine's own words (`t`, from the catalogue of the
language, `catalogue/<code>.yml`), the data's translations (load/translations.py) and where the
edition's outputs go (outputs.py). English is the default and the source language: its catalogue is
the identity, and a message is looked up by its English text.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from babel import Locale

CATALOGUES = Path(__file__).parent / "catalogue"


@dataclass(frozen=True)
class Language:
    code: str  # as in <html lang>, hreflang and the suffix of a translated page (name.uk.md)
    name: str  # the language's own name, for the language switch
    prefix: str = ""  # where its edition lives under the site's root: "" or "uk/"
    words: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def locale(self) -> Locale:
        return _locale(self.code)

    @property
    def tag(self) -> str:
        """The language as schema.org's inLanguage and Atom's xml:lang name it: en-GB (the house
        style's English), uk."""
        return "en-GB" if self.code == "en" else self.code

    @property
    def is_source(self) -> bool:
        """English: the language the data and pages are written in, and translated from."""
        return self.code == SOURCE

    def t(self, message: str, count: float | None = None, **values) -> str:
        """The engine's own words in this language (the English message when it is the source).
        A catalogue entry may give plural forms (one, few, many, other), chosen by `count` (or the
        value `n`); {name} placeholders are filled from `values`."""
        text = message if self.is_source else self.words.get(message, message)
        if isinstance(text, dict):
            n = count if count is not None else values.get("n", 0)
            category = self.locale.plural_form(abs(n)) if float(n).is_integer() else "other"
            text = text.get(category) or text.get("other") or message
        return str(text).format(**values) if values else str(text)


SOURCE = "en"
NAMES = {"en": "English", "uk": "Українська"}


@cache
def _locale(code: str) -> Locale:
    """Babel's locale, parsed once (every number and date of a translated edition asks for it)."""
    return Locale.parse(code)


@cache
def catalogue(code: str) -> dict[str, object]:
    """English message -> its words in `code` (catalogue/<code>.yml)."""
    path = CATALOGUES / f"{code}.yml"
    if code == SOURCE or not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle) or {}
    return {str(k): (v if isinstance(v, dict) else str(v)) for k, v in data.items()}


@cache
def language(code: str) -> Language:
    if code not in NAMES:
        raise ValueError(f"unknown language '{code}' (the site has: {', '.join(NAMES)})")
    return Language(code, NAMES[code], "" if code == SOURCE else f"{code}/", catalogue(code))


_current = [language(SOURCE)]


def current() -> Language:
    return _current[-1]


def set_current(code: str) -> Language:
    """Make `code` the language of everything rendered from now on (one build = one language). Its
    catalogue is read again when the file changed since the last build (a preview's rebuild shows an
    edited word, not the words the server started with)."""
    text = _catalogue_bytes(code)
    if _catalogue_read.setdefault(code, text) != text:
        catalogue.cache_clear()
        language.cache_clear()
        _catalogue_read[code] = text
    _current[:] = [language(code)]
    return _current[-1]


_catalogue_read: dict[str, bytes | None] = {}  # each catalogue's bytes, as the last build read them


def _catalogue_bytes(code: str) -> bytes | None:
    try:
        return (CATALOGUES / f"{code}.yml").read_bytes()
    except OSError:
        return None


@contextmanager
def use(code: str):
    """The language of the rendering inside the block (tests, a build's second edition)."""
    _current.append(language(code))
    try:
        yield _current[-1]
    finally:
        _current.pop()


def t(message: str, count: float | None = None, **values) -> str:
    """The engine's own words (chart furniture, statuses, table headers...) in the current language."""
    return current().t(message, count, **values)


def plural(count: float, forms: dict[str, str] | str) -> str:
    """The form of a unit for `count` in the current language: forms maps CLDR plural categories
    (one, few, many, other) to words; a plain string has one form."""
    if isinstance(forms, str):
        return forms
    category = current().locale.plural_form(abs(count)) if float(count).is_integer() else "other"
    return forms.get(category) or forms.get("other") or next(iter(forms.values()), "")


class Words(dict):
    """English words by key (a status, a group, a kind), read out in the current language: every
    `WORDS[key]` goes through the catalogue; iterating gives the keys, as with any dict."""

    def __getitem__(self, key):
        return t(dict.__getitem__(self, key))

    def get(self, key, default=None):
        return self[key] if key in self else default  # noqa: SIM401 (self.get would recurse)
