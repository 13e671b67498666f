"""Who "we" are: config first, else the draft's front matter, og:site_name, canonical URL, byline."""

from __future__ import annotations

from copydesk.checks.self_reference.data import self_data
from copydesk.checks.self_reference.identity import Identity, normalise_name
from copydesk.config import Config, Publication
from copydesk.engine import Engine


def identity_of(name: str, text: str, config: Config | None = None) -> Identity:
    engine = Engine()
    config = config or Config()
    document = engine.reader_for(name).read(name, text)
    context = engine.context(name, config)
    return Identity.of(document, context, self_data(context))


def test_markdown_front_matter():
    ident = identity_of("d.md", "---\npublication: The Civic Ledger\n"
                        "canonical_url: https://civicledger.org/a/b\n---\n\n# Title\n\nText.\n")
    assert ident.names == ("The Civic Ledger",) and ident.domains == ("civicledger.org",)
    assert ident.owns_url("https://www.civicledger.org/other") and not ident.owns_url("https://ledger.org/x")


def test_html_site_name_and_canonical():
    ident = identity_of("d.html", '<html><head><meta property="og:site_name" content="Pixel Ledger">'
                        '<link rel="canonical" href="https://pixelledger.gg/news/a"></head>'
                        "<body><h1>Title</h1><p>Text.</p></body></html>")
    assert ident.names == ("Pixel Ledger",) and ident.canonical == "pixelledger.gg/news/a"


def test_byline_desk_words_are_not_part_of_the_name():
    ident = identity_of("d.txt", "Lakeshore Ledger Editorial Team — 5 November 2025\n\nTitle\n\nText here.\n")
    assert ident.names == ("Lakeshore Ledger",)


def test_config_outranks_the_draft():
    config = Config(publication=Publication(name="The Quay", domains=("quay.news",), self_labels=("Quay desk",)))
    ident = identity_of("d.md", "---\npublication: The Civic Ledger\n---\n\nText.\n", config)
    assert ident.names == ("The Quay",) and ident.domains == ("quay.news",)
    assert ident.labels == ("quay desk",)


def test_names_compare_without_case_articles_or_underscores():
    assert normalise_name("The Daily_Neural-Digest's") == "daily neural digest"
    assert normalise_name("Editorial_board") == "editorial board"
