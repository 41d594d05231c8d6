"""Who stands behind the site: the editors' address is checked where it is configured, the About
page's ::publisher block shows it, and the structured data names the publisher and its contact."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from pages import render

from conftest import TODAY
from explainer import Site
from explainer.publish import jsonld
from explainer.publish.identity import SiteInfo, contact_placeholder, contact_problem
from fixtures import write_dataset

GOOD = "mailto:editors@news.org.ua"


@pytest.mark.parametrize(
    ("contact", "wrong"),
    [
        (GOOD, None),
        ("https://newsroom.org.ua/contact/", None),
        ("", "is missing"),
        ("mailto:editors", "is not an email address"),
        ("mailto:a b@x.org", "is not an email address"),
        ("http://newsroom.org.ua/contact", "neither mailto:name@domain nor an https:// address"),
        ("javascript:alert(1)", "neither mailto:name@domain nor an https:// address"),
        # A contact page must open at the host it names, like every source's address.
        ("https://newsroom.org.ua@elsewhere.com/contact", "a browser would open elsewhere.com"),
        ("https://newsroom.org.ua/contact us", "holds a space"),
    ],
)
def test_the_editors_address_must_be_one_a_reader_can_use(contact, wrong):
    found = contact_problem(contact)
    assert (found is None) if wrong is None else (wrong in found)


def test_an_example_address_may_be_previewed_but_not_published():
    assert contact_placeholder(GOOD) is None
    assert "reaches nobody" in contact_placeholder("mailto:editors@kursk-pokrovsk.example")
    assert "reaches nobody" in contact_placeholder("https://www.example.com/contact")


def _site(tmp_path, contact, publish=False, funding=None):
    tmp_path.mkdir(parents=True, exist_ok=True)
    write_dataset(tmp_path)
    (tmp_path / "node_modules").symlink_to(__import__("conftest").ROOT / "node_modules")
    config = f"site_name: x\nextra:\n  publisher: P\n  contact: {contact}\n  funding: !ENV [EXPLAINER_FUNDING, '']\n"
    (tmp_path / "mkdocs.yml").write_text(config, "utf-8")
    info = SiteInfo(
        url="https://news.org.ua/kursk/", publisher="The Desk", contact=contact, publish=publish, funding=funding
    )
    return Site.load(tmp_path, today=TODAY, info=info, pictures=False)


def test_a_bad_address_is_reported_at_its_line_in_the_configuration(tmp_path):
    site = _site(tmp_path, "mailto:nobody")
    assert [str(p) for p in site.errors] == [
        "mkdocs.yml:4: extra.contact: 'mailto:nobody' is not an email address (write mailto:name@domain)"
    ]


def test_an_example_address_may_be_previewed_but_blocks_publishing(tmp_path):
    preview = _site(tmp_path / "preview", "mailto:editors@kursk-pokrovsk.example")
    assert preview.errors == [] and preview.warnings == [] and preview.holds == []
    site = _site(tmp_path / "publish", "mailto:editors@kursk-pokrovsk.example", publish=True)
    assert [str(p) for p in site.errors] == [
        "mkdocs.yml:4: extra.contact: 'mailto:editors@kursk-pokrovsk.example' is an example address that "
        "reaches nobody: set the editors' real one (EXPLAINER_CONTACT)"
    ]


def test_the_publisher_block_and_the_structured_data_name_the_publisher_and_its_address(tmp_path):
    site = _site(tmp_path, GOOD)
    assert site.errors == []
    block = BeautifulSoup(render(site, "::publisher\n"), "html.parser")
    assert "Published by The Desk." in block.select_one(".xpublisher__name").get_text()
    link = block.select_one("a.xpublisher__address")
    assert link["href"] == GOOD and link.get_text() == "editors@news.org.ua"
    publisher = jsonld.publisher(site.info)
    assert publisher["name"] == "The Desk" and publisher["url"] == "https://news.org.ua/kursk/about/"
    assert publisher["contactPoint"]["email"] == "editors@news.org.ua"
    assert publisher["correctionsPolicy"] == "https://news.org.ua/kursk/about/#corrections"
    head = json.loads(site.structured_data("incursion/", "The incursion", "d"))
    article = next(n for n in head["@graph"] if n["@type"] in ("NewsArticle", "Article"))
    assert article["publisher"]["@id"] == "https://news.org.ua/kursk/about/#publisher"
    assert render(site, "::publisher{x=1}\n").count("takes no id or options") == 1


def test_how_the_site_is_funded_is_required_to_publish_and_never_made_up(tmp_path):
    # Nothing in the project says who funds it: a preview says so on the About page, publishing stops.
    preview = _site(tmp_path / "preview", GOOD, funding="")
    assert preview.errors == [] and preview.warnings == []
    block = BeautifulSoup(render(preview, "::publisher\n"), "html.parser").select_one("#funding")
    assert "How the site is funded is not stated yet" in block.get_text()
    site = _site(tmp_path / "publish", GOOD, publish=True, funding="  ")
    assert [str(p) for p in site.errors] == [
        "mkdocs.yml:5: extra.funding: is missing: a published site says how it is funded. Write it in one or two "
        "sentences (who pays for the work, and whether any funder has a say in what is published) in EXPLAINER_FUNDING"
    ]
    hostile = _site(tmp_path / "hostile", GOOD, funding="<script>alert(1)</script>")
    assert [str(p) for p in hostile.errors] == [
        "mkdocs.yml:5: extra.funding: holds '<' or '>': write plain text (it is shown as written, not as HTML)"
    ]
    long = _site(tmp_path / "long", GOOD, funding="word " * 200)
    assert "say it in at most 600" in str(long.errors[0])
    said = "Paid for by The Desk & its readers; no funder has a say in what it publishes."
    stated = _site(tmp_path / "stated", GOOD, publish=True, funding=said)
    assert stated.errors == []
    block = BeautifulSoup(render(stated, "::publisher\n"), "html.parser").select_one("#funding")
    assert block.get_text() == f"How the site is funded: {said}"
    assert jsonld.publisher(stated.info)["ownershipFundingInfo"] == "https://news.org.ua/kursk/about/#funding"
    assert "ownershipFundingInfo" not in jsonld.publisher(preview.info)
