"""The plain-text reader on a draft outside the seeds' domain: a markets story."""

from __future__ import annotations

import pytest

from copydesk.model import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE
from copydesk.readers.plaintext import read_text

DRAFT = """Markets

Copper hits a two-year high as Chinese demand returns

The Metals Team2025-06-12

Copper rose 3.1% to $9,950 a tonne on Thursday, its highest since 2023 [1]. Traders said
inventories at LME warehouses fell for a sixth week [2].

Why it matters

• Smelters in Chile cut output by 4% [1].
2) Demand from grid projects is rising.

> “We are short of metal,” said one trader.

<!-- copydesk-disable-next-line unattributed-number -->
Prices could reach $11,000 by December.

References

[1] Reuters — Copper climbs to two-year high — https://www.reuters.example/markets/copper
[2] LME — Warehouse stocks report — https://www.lme.example/stocks

Share this article

Related Articles
"""


@pytest.fixture(scope="module")
def doc():
    return read_text("copper.txt", DRAFT)


def texts(doc, kind, boilerplate=False):
    return [doc.text[b.start:b.end] for b in doc.blocks if b.kind == kind and b.boilerplate == boilerplate]


def test_text_is_the_source(doc):
    assert doc.format == "text" and doc.text == DRAFT
    assert doc.offsets.to_source(DRAFT.index("Traders")) == DRAFT.index("Traders")


def test_blocks(doc):
    assert texts(doc, HEADING) == ["Markets", "Copper hits a two-year high as Chinese demand returns",
                                   "Why it matters", "References"]
    assert texts(doc, LIST_ITEM) == ["Smelters in Chile cut output by 4% [1].", "Demand from grid projects is rising."]
    assert texts(doc, QUOTE) == ["“We are short of metal,” said one trader."]
    assert texts(doc, PARAGRAPH)[0].startswith("Copper rose 3.1%") and texts(doc, PARAGRAPH)[0].endswith("week [2].")


def test_boilerplate(doc):
    assert texts(doc, PARAGRAPH, boilerplate=True) == [
        "The Metals Team2025-06-12", "<!-- copydesk-disable-next-line unattributed-number -->",
        "Share this article", "Related Articles"]


def test_citations_and_references(doc):
    assert [(c.key, doc.text[c.start:c.end]) for c in doc.citations] == [("1", "[1]"), ("2", "[2]"), ("1", "[1]")]
    assert [(r.key, r.publisher, r.title, r.url) for r in doc.references] == [
        ("1", "Reuters", "Copper climbs to two-year high", "https://www.reuters.example/markets/copper"),
        ("2", "LME", "Warehouse stocks report", "https://www.lme.example/stocks")]
    assert len(texts(doc, REFERENCE)) == 2


def test_metadata_and_comments(doc):
    assert (doc.meta.title, doc.meta.publication, doc.meta.date) == (
        "Copper hits a two-year high as Chinese demand returns", "The Metals", "2025-06-12")
    [comment] = doc.comments
    assert comment.body == "copydesk-disable-next-line unattributed-number"
    assert DRAFT[comment.start:comment.end].startswith("<!--")
