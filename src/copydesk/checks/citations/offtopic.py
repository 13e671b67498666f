"""Citations whose source has nothing to do with the claim nor with the article.

Judged only from what the draft gives. A reference's evidence is its title and its URL's
slug words (its publisher and domain say who published it, not what about); a link's
evidence is its URL's slug. The claim's context is the citing paragraph (not the heading
above it: scraped sidebars pose as headings); the article's subjects are its title, the terms
its prose repeats and the names its sentences mention. Evidence that meets neither is off
topic. Too little evidence (no title, a bare domain, a title in another language) means
silence.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.checks.citations import topic
from copydesk.checks.citations.data import CitationData
from copydesk.checks.citations.describe import describe_reference, short_url
from copydesk.checks.citations.keys import normalise_key
from copydesk.checks.citations.locate import Locator
from copydesk.checks.citations.placeholders import placeholder_problem, real_title
from copydesk.model import Citation, Document, Finding

RULE = "citation-off-topic"
_LANGUAGE_SAMPLE = 3000  # characters of prose that tell the draft's language
MIN_LINK_TERMS = 2  # a link has no title: one slug word ("/newsletter", a handle) is too little
THIN_EVIDENCE = 3  # fewer subject words than this: a title too thin to outweigh its publisher


def reference_evidence(ref, data: CitationData) -> set[str]:
    """Subject terms of a reference: its title and its URL's slug (not its publisher)."""
    stop = data.topic_stopwords
    evidence = topic.term_set(real_title(ref, data) or "", stop)
    if ref.url:
        evidence |= topic.url_terms(ref.url, stop | data.url_stopwords)
    return evidence


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
            self._cache[index] = topic.term_set(self._prose(block.start, block.end), self.stopwords)
        return self._cache[index]

    def _prose(self, start: int, end: int) -> str:
        """The block's words without its markers: ``[^cheese]`` is a key, not a subject."""
        text = self.document.text
        parts, pos = [], start
        for c in self.document.citations_in(start, end):
            if c.kind != "link":
                parts.append(text[pos:c.start])
                pos = max(pos, c.end)
        parts.append(text[pos:end])
        return " ".join(parts)


class _Subjects:
    """The article's main subjects, read only when a source does not meet its title, and then
    only from the blocks that may hold a term meeting the source's (``topic.near``)."""

    def __init__(self, document: Document, data: CitationData, min_mentions: int):
        self.document, self.data, self.min_mentions = document, data, min_mentions
        self.title = frozenset(topic.term_set(document.meta.title or "", data.topic_stopwords))
        self._prose: list[str] | None = None
        self._plain: list[str] = []

    def meet(self, evidence: set[str]) -> bool:
        if topic.meets(evidence, self.title):
            return True
        if self._prose is None:
            self._prose = [self.document.text[b.start:b.end] for _, b in self.document.prose_blocks()]
            self._plain = [topic.plain_text(text) for text in self._prose]
        blocks = topic.near(evidence, self._prose, self._plain)
        subjects = topic.main_subjects(self.document.meta.title, blocks, self.data.topic_stopwords, self.min_mentions)
        return topic.meets(evidence, subjects)


def off_topic_citations(document: Document, locator: Locator, data: CitationData, in_text: list[Citation],
                        min_mentions: int = 2) -> Iterator[Finding]:
    """``in_text``: the draft's ``keys.in_text_citations``, found once per draft."""
    subjects = _Subjects(document, data, min_mentions)
    around = _Context(document, locator, data.topic_stopwords)
    yield from _references(document, in_text, data, subjects, around)
    yield from _links(document, data, subjects, around)


def _language_sample(document: Document) -> str:
    """The first ``_LANGUAGE_SAMPLE`` characters of the prose, blocks joined by spaces."""
    parts, size = [], 0
    for _, b in document.prose_blocks():
        if size > _LANGUAGE_SAMPLE:  # joined, the parts already fill the sample
            break
        parts.append(document.text[b.start:b.end])
        size += b.end - b.start + 1
    return " ".join(parts)[:_LANGUAGE_SAMPLE]


def _references(document, in_text, data, subjects, around) -> Iterator[Finding]:
    verdicts: dict[str, set[str]] = {}  # key -> evidence, for references off the article's subjects
    article_language = _other_language(_language_sample(document), data)
    for ref in document.references:
        if placeholder_problem(ref, data):
            continue
        if ref.title and _other_language(ref.title, data) != article_language:
            continue  # another language: words cannot be compared
        evidence = reference_evidence(ref, data)
        if evidence and not subjects.meet(evidence):
            verdicts[normalise_key(ref.key)] = evidence
    if not verdicts:
        return
    refs = {normalise_key(r.key): r for r in document.references}
    for citation in in_text:
        key = normalise_key(citation.key or "")
        evidence = verdicts.get(key)
        context = around.around(citation.start) if evidence else None
        if evidence and context is not None and not topic.meets(evidence, context) \
                and not _own_account(refs[key], evidence, context, data):
            yield Finding(RULE, citation.start, citation.end,
                          f"{describe_reference(refs[key])} shares no subject with this claim or the "
                          "article: cite a source about the claim, or cut the citation")


def _own_account(ref, evidence: set[str], context: set[str], data: CitationData) -> bool:
    """A publisher's page about itself, cited where the claim names that publisher ("Cerulean
    says ..." citing Cerulean's "C1 product brief"), with a title too thin to say otherwise.
    A title with words enough of its own ("GeForce Now adds 20 games") is judged on them: a
    publisher's name alone does not make a page on topic."""
    publisher = topic.term_set(ref.publisher or "", data.topic_stopwords)
    return len(evidence) < THIN_EVIDENCE and bool(publisher & context)


def _other_language(text: str, data: CitationData) -> bool:
    return topic.other_language(text, data.other_language_words)


def _links(document, data, subjects, around) -> Iterator[Finding]:
    stop = data.topic_stopwords | data.url_stopwords
    for citation in document.citations:
        if citation.kind != "link" or not citation.url or not citation.url.lower().startswith(("http", "www.")):
            continue
        evidence = topic.url_terms(citation.url, stop)
        if len(evidence) < MIN_LINK_TERMS or subjects.meet(evidence):
            continue
        context = around.around(citation.start)
        if context is not None and not topic.meets(evidence, context):
            yield Finding(RULE, citation.start, citation.end,
                          f"link to {short_url(citation.url)} shares no subject with its text, its "
                          "paragraph or the article: link a source about the claim")
