"""The directives editors write in pages, by name: the one table (FORMS) that the grammar
(markdown/syntax.py), the renderers (markdown/directives.py), the messages' list of directives and
a translation's check that it keeps every directive (load/translations.py) all read. Data only:
the Markdown machinery is in markdown/, a layer up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Form:
    """A directive as editors write it. FORMS is the one place a directive is named: the grammar,
    the messages' list of directives, the renderer (markdown/directives.py: a method `_<name>`),
    what a generator without the build's steps lacks (markdown/extension.py) and which directives a
    translated page must keep (load/translations.py) all come from it."""

    name: str
    block: bool  # alone on its line (::name), else inline in text (:name)
    arg: str | None = None  # what goes in [...], as the list of directives shows it; None: takes none
    options: tuple[tuple[str, str], ...] = ()  # (option, how its value is written) in {...}
    site_wide: bool = False  # a list over every page: filled in once its page's own directives are done
    needs: str = ""  # what it needs from the build beyond its page (a generator without hooks lacks it)

    @property
    def called(self) -> str:
        """Its name with its colons, as messages name it: "::chart", ":fact"."""
        return ("::" if self.block else ":") + self.name

    @property
    def written(self) -> str:
        """As the list of directives shows it: "::chart[id]", ":fact[metric]{date=YYYY-MM-DD claimant=id}"."""
        shown = self.called
        if self.arg is not None:
            shown += f"[{self.arg}]"
        if self.options:
            shown += "{" + " ".join(f"{option}={value}" for option, value in self.options) + "}"
        return shown


_AFTER_PAGES = "which the build writes after the pages (Site.write_outputs)"
_SECOND_PASS = "which a second pass after all pages gives (Site.pages_to_render_again)"
FORMS = (
    Form("chart", True, "id", needs=f"its picture, downloads and embed page, {_AFTER_PAGES}"),
    Form("sources", True, site_wide=True, needs=f"every page's citations, {_SECOND_PASS}"),
    Form("claimants", True, site_wide=True, needs=f"every page's figures, {_SECOND_PASS}"),
    Form("corrections", True, site_wide=True, needs=f"every page's corrections, {_SECOND_PASS}"),
    Form("relays", True, site_wide=True, needs=f"every page's figures, {_SECOND_PASS}"),
    # The site's "download all the data" and "how to cite" block.
    Form("reuse", True, needs=f"the data package, {_AFTER_PAGES}"),
    Form("publisher", True),
    Form("fact", False, "metric", options=(("date", "YYYY-MM-DD"), ("claimant", "id"))),
    Form("cite", False, "source-id"),
)
DIRECTIVES = {form.name: form for form in FORMS}
NAMES = "|".join(sorted(DIRECTIVES))  # a regex alternation of every name
