"""schema.org JSON-LD for a page's <head>: the page as a NewsArticle (or an Article for pages
without figures) and the site's Dataset, whose distribution is the data package.

It goes in the head, never the content: Material's instant navigation re-creates the content's
inline scripts without their type, which would make this data executable script."""

from __future__ import annotations

import json

from .. import outputs
from ..language import current
from ..model.dates import Dates
from . import licence
from .identity import SiteInfo


def publisher(info: SiteInfo) -> dict:
    """Who publishes the site: its About page, how to reach the editors, its corrections policy."""
    data = {
        "@type": "Organization",
        "@id": info.about_url + "#publisher",
        "name": info.publisher,
        "url": info.about_url,
        "correctionsPolicy": info.about_url + "#corrections",
        "publishingPrinciples": info.absolute("methodology/"),
    }
    if info.contact:
        point = {"@type": "ContactPoint", "contactType": "editorial"}
        if info.contact.startswith("mailto:"):
            point["email"] = info.contact[len("mailto:") :]
        else:
            point["url"] = info.contact
        data["contactPoint"] = point
    if info.funding and info.funding.strip():  # the Trust Project's ownership and funding statement
        data["ownershipFundingInfo"] = info.about_url + "#funding"
    return data


def _dated(node: dict, dates: Dates, fallback: Dates | None = None) -> dict:
    """dateModified is "last revised", temporalCoverage is "covers" (model/dates.py): the same
    meanings as the dates readers see. A page never revised takes the site's last revision."""
    revised = dates.last_revised or (fallback.last_revised if fallback else None)
    if revised:
        node["dateModified"] = revised.isoformat()
    if dates.covers:
        node["temporalCoverage"] = dates.covers_iso
    return node


def dataset(info: SiteInfo, version: str, dates: Dates) -> dict:
    data = {
        "@type": "Dataset",
        "@id": info.package_url + "#dataset",
        "name": f"{info.name}: the data",
        "description": (
            "Every figure, event, place, source, claimant, measure and correction behind the explainer, with who "
            "claims what, as of when, how far it is verified, and its source."
        ),
        "url": info.package_url,
        "license": licence.LICENCE["path"],
        "version": version,
        "isAccessibleForFree": True,
        "creator": publisher(info),
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "application/zip", "contentUrl": info.zip_url},
            {
                "@type": "DataDownload",
                "encodingFormat": "application/json",
                "contentUrl": info.absolute(outputs.package("datapackage.json")),
            },
        ],
    }
    return _dated(data, dates)


def page(
    info: SiteInfo,
    version: str,
    site: Dates,
    url: str,
    headline: str,
    description: str,
    dates: Dates,
    news: bool,
) -> dict:
    """url: the page's root-relative url; site, dates: the site's and the page's dates."""
    article = {
        "@type": "NewsArticle" if news else "Article",
        "@id": info.absolute(url) + "#article",
        "url": info.absolute(url),
        "headline": headline,
        "description": description,
        "inLanguage": current().tag,
        "license": licence.LICENCE["path"],
        "publisher": publisher(info),
        "isBasedOn": {"@id": info.package_url + "#dataset"},
    }
    return {"@context": "https://schema.org", "@graph": [_dated(article, dates, site), dataset(info, version, site)]}


_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def script_text(data: dict) -> str:
    """JSON safe inside <script>: ASCII only, and no "<", ">" or "&" at all, so neither "</script>"
    nor "<!--" (which would change how the browser reads the rest of the element) can appear."""
    return json.dumps(data, ensure_ascii=True, separators=(",", ":")).translate(_SCRIPT_SAFE)
