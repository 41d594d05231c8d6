"""Who publishes the site and where: what every absolute URL, citation and feed entry is built from."""

from __future__ import annotations

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
    publish: bool = False  # a build for publishing (`make publish`): stricter than a preview or test build

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
