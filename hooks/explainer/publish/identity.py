"""Who publishes the site and where: what every absolute URL, citation and feed entry is built from."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

# Named in explainer/outputs.py with every other output path; imported from here by older code.
from .. import outputs
from ..outputs import FEED_PATH, PACKAGE_DIR, PACKAGE_NAME, ZIP_NAME

__all__ = ["FEED_PATH", "PACKAGE_DIR", "PACKAGE_NAME", "ZIP_NAME", "SiteInfo"]


@dataclass(frozen=True)
class SiteInfo:
    name: str = "Kursk and Pokrovsk: August 2024"
    url: str = "http://127.0.0.1:8000/"  # the site's root, as the generator's site_url
    description: str = ""
    publisher: str = "The Kursk and Pokrovsk explainer team"
    # A build meant for publishing (`make publish`, EXPLAINER_PUBLISH=1): it needs the real address.
    publish: bool = False

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
        return self.absolute(outputs.package(ZIP_NAME))

    @property
    def feed_url(self) -> str:
        return self.absolute(FEED_PATH)


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
