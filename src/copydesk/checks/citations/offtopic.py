"""Citations whose source has nothing to do with the claim nor with the article.

Judged only from what the draft gives. A reference's evidence is its title and its URL's
slug words (its publisher and domain say who published it, not what about); a link's
evidence is its URL's slug. The claim's context is the citing block and the heading above
it; the article's subjects are its title and the terms its prose repeats. Evidence that
meets neither is off topic. Too little evidence (no title, a bare domain) means silence.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.checks.citations import topic
from copydesk.checks.citations.data import CitationData
from copydesk.checks.citations.describe import describe_reference, short_url
from copydesk.checks.citations.keys import in_text_citations, normalise_key
from copydesk.checks.citations.locate import Locator
from copydesk.checks.citations.placeholders import placeholder_problem, real_title
from copydesk.model import Document, Finding

RULE = "citation-off-topic"
MIN_LINK_TERMS = 2  # a link has no title: one slug word ("/newsletter", a handle) is too little


def reference_evidence(ref, data: CitationData) -> set[str]:
    """Subject terms of a reference: title and URL slug, minus its publisher's own words."""
    stop = data.topic_stopwords
    evidence = set(topic.terms(real_title(ref, data) or "", stop))
    if ref.url:
        evidence |= topic.url_terms(ref.url, stop | data.url_stopwords)
    return evidence - set(topic.terms(ref.publisher or "", stop))


class _Context:
    """The terms around a claim, computed once per block."""

    def __init__(self, document: Document, locator: Locator, stopwords: frozenset[str]):
        self.document, self.locator, self.stopwords = document, locator, stopwords
        self._cache: dict[int, set[str]] = {}

    def around(self, offset: int) -> set[str] | None:
        place = self.locator.prose_block(offset)
        if place is None:
            return None
        index, block = place
        if index not in self._cache:
            text = self.document.text[block.start:block.end]
            heading = self.locator.heading_before(index)
            if heading is not None:
                text += "\n" + self.document.text[heading.start:heading.end]
            self._cache[index] = set(topic.terms(text, self.stopwords))
        return self._cache[index]


def article_subjects(document: Document, data: CitationData, min_mentions: int) -> frozenset[str]:
    prose = (document.text[b.start:b.end] for _, b in document.prose_blocks())
    return topic.main_subjects(document.meta.title, prose, data.topic_stopwords, min_mentions)


def off_topic_citations(document: Document, locator: Locator, data: CitationData,
                        min_mentions: int = 2) -> Iterator[Finding]:
    subjects = article_subjects(document, data, min_mentions)
    around = _Context(document, locator, data.topic_stopwords)
    yield from _references(document, locator, data, subjects, around)
    yield from _links(document, data, subjects, around)


def _references(document, locator, data, subjects, around) -> Iterator[Finding]:
    verdicts: dict[str, set[str] | None] = {}  # key -> evidence when off the article's subjects
    for ref in document.references:
        if placeholder_problem(ref, data):
            continue
        evidence = reference_evidence(ref, data)
        if evidence and not topic.meets(evidence, subjects):
            verdicts[normalise_key(ref.key)] = evidence
    if not verdicts:
        return
    refs = {normalise_key(r.key): r for r in document.references}
    for citation in in_text_citations(document, locator):
        key = normalise_key(citation.key or "")
        evidence = verdicts.get(key)
        context = around.around(citation.start) if evidence else None
        if evidence and context is not None and not topic.meets(evidence, context):
            yield Finding(RULE, citation.start, citation.end,
                          f"{describe_reference(refs[key])} shares no subject with this claim or the "
                          "article: cite a source about the claim, or cut the citation")


def _links(document, data, subjects, around) -> Iterator[Finding]:
    stop = data.topic_stopwords | data.url_stopwords
    for citation in document.citations:
        if citation.kind != "link" or not citation.url or not citation.url.lower().startswith(("http", "www.")):
            continue
        evidence = topic.url_terms(citation.url, stop)
        if len(evidence) < MIN_LINK_TERMS or topic.meets(evidence, subjects):
            continue
        context = around.around(citation.start)
        if context is not None and not topic.meets(evidence, context):
            yield Finding(RULE, citation.start, citation.end,
                          f"link to {short_url(citation.url)} shares no subject with its text, this "
                          "sentence or the article: link a source about the claim")
