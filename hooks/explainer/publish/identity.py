"""Who publishes the site and where: what every absolute URL, citation and feed entry is built from."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

from .. import outputs
from ..model.fields import web_address

NOT_IN_ADDRESS = frozenset(" <>\"'?&\\")  # would break out of, or add to, a mailto: link
ABOUT_PATH = "about/"  # who publishes the site, how to reach the editors, corrections, licence


@dataclass(frozen=True)
class SiteInfo:
    name: str = "Kursk and Pokrovsk: August 2024"
    url: str = "http://127.0.0.1:8000/"  # the site's root, as the generator's site_url
    description: str = ""
    publisher: str = "The Kursk and Pokrovsk explainer team"
    # How readers reach the editors: a mailto: or https address (mkdocs.yml extra.contact); None
    # when the generator gives none to check (tests of the engine alone).
    contact: str | None = None
    # How the site is funded, in the publisher's own words (mkdocs.yml extra.funding); None when the
    # generator gives none to check. A publishing build refuses it empty: nothing here may invent it.
    funding: str | None = None
    config: str = "mkdocs.yml"  # the file the generator reads these from, for messages
    publish: bool = False  # a build for publishing (`make publish`): stricter than a preview or test build
    # The titles the theme prints from the config (the site's name, each navigation title): (key, title).
    titles: tuple[tuple[str, str], ...] = ()

    def publishing_problem(self) -> str | None:
        """Why this address cannot be published under, or None: every citation, embed code, feed
        entry, card and the structured data are built from it."""
        if not self.publish:
            return None
        parts = urlsplit(self.url)
        why = ""
        if parts.scheme != "https" or not parts.hostname:
            why = "it is not an https:// address"
        elif is_loopback(parts.hostname):
            why = "it is this computer's own (loopback) address"
        if not why:
            return None
        return (
            f"a publishing build needs the site's public address, and '{self.url}' cannot be one: {why}. Set "
            "SITE_URL to the https address readers will use (e.g. SITE_URL=https://example.org/kursk/ make "
            "publish); every citation, embed code, feed entry, social card and the structured data are built from it"
        )

    @property
    def root(self) -> str:
        return self.url if self.url.endswith("/") else self.url + "/"

    def absolute(self, path: str) -> str:
        """A root-relative path ("incursion/", "data/x.zip") as an absolute URL."""
        return self.root + path.lstrip("/")

    @property
    def host(self) -> str:
        return urlsplit(self.root).hostname or "localhost"

    @property
    def package_url(self) -> str:
        return self.absolute(outputs.package())

    @property
    def zip_url(self) -> str:
        return self.absolute(outputs.package(outputs.ZIP_NAME))

    @property
    def feed_url(self) -> str:
        return self.absolute(outputs.feed())  # each edition's own: feed.xml, uk/feed.xml

    @property
    def about_url(self) -> str:
        return self.absolute(ABOUT_PATH)


# Material prints the site's name and the navigation titles from mkdocs.yml as HTML, unescaped (in
# an attribute, aria-label="…", and in text): a title holding one of these would break out of it.
NOT_IN_TITLE = '<>"'


def title_problem(title: str, config: str) -> str | None:
    """Why a title from the config cannot be printed by the theme, or None."""
    found = sorted({c for c in title if c in NOT_IN_TITLE})
    if not found:
        return None
    shown = " ".join(f"'{c}'" for c in found)
    return (
        f"'{title}' holds {shown}: the theme prints the titles in {config} as HTML, unescaped, so these "
        "characters are refused there (write quotation marks as “ ” and leave tags out)"
    )


def contact_problem(contact: str) -> str | None:
    """What is wrong with the editors' address, if anything: it must be one a reader can use."""
    if not contact:
        return (
            "is missing: give the editors' address as mailto:name@domain or an https:// contact page "
            "(EXPLAINER_CONTACT when publishing)"
        )
    if contact.startswith("mailto:"):
        address = contact[len("mailto:") :]
        local, _, domain = address.partition("@")
        if not local or "." not in domain or any(c in NOT_IN_ADDRESS for c in address):
            return f"'{contact}' is not an email address (write mailto:name@domain)"
    elif not contact.startswith("https://") or not urlsplit(contact).hostname:
        return f"'{contact}' is neither mailto:name@domain nor an https:// address"
    else:
        try:  # the same rule as every source's address: it opens at the host it names
            web_address(contact)
        except ValueError as exc:
            return str(exc)
    return None


FUNDING_MAX = 600  # characters: a statement of one or two sentences, not a page


def funding_problem(funding: str, publish: bool) -> str | None:
    """What is wrong with the funding statement, if anything: a reader is told who pays for the
    work (the Trust Project's "who is behind the site"); a preview may go without it."""
    text = funding.strip()
    if not text:
        if not publish:
            return None
        return (
            "is missing: a published site says how it is funded. Write it in one or two sentences (who pays "
            "for the work, and whether any funder has a say in what is published) in EXPLAINER_FUNDING"
        )
    if len(text) > FUNDING_MAX:
        return f"is {len(text)} characters long: say it in at most {FUNDING_MAX} (one or two sentences)"
    if "<" in text or ">" in text:
        return "holds '<' or '>': write plain text (it is shown as written, not as HTML)"
    return None


def contact_placeholder(contact: str) -> str | None:
    """A reserved example address reaches nobody: fine for a preview, not for publishing."""
    host = (contact.partition("@")[2] if contact.startswith("mailto:") else urlsplit(contact).hostname or "").lower()
    labels = host.split(".")
    if labels[-1] in ("example", "invalid", "test", "localhost") or "example" in labels:
        return f"'{contact}' is an example address that reaches nobody: set the editors' real one (EXPLAINER_CONTACT)"
    return None


def is_loopback(host: str) -> bool:
    """localhost, *.localhost, 127.0.0.0/8, ::1 and the unspecified 0.0.0.0 / ::."""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified
