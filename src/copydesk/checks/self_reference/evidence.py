"""Sentences that offer the outlet's own work as the evidence for a claim.

"Our May roundup confirms this trend", "as we reported last week", "our own analysis shows":
flagged when the sentence names no independent source. Quoted words belong to their speaker,
as do words after a speech verb ("the union said our survey ...") and block quotes, so none
is read; "our" in other senses ("our readers", "in our view") never matches a phrasing,
since each needs a piece of work or a report verb.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from copydesk.checks.prefilter import SpanFinder
from copydesk.checks.self_reference.data import SELF, SelfData
from copydesk.checks.self_reference.support import Support
from copydesk.model import QUOTE, Document, Finding

RULE = "self-evidence"
_QUOTED = r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)"  # compiled by re for the first candidate sentence
_MAX_SHOWN = 60


def _quoted_spans(text: str, offset: int) -> list[tuple[int, int]]:
    return [(offset + m.start(), offset + m.end()) for m in re.finditer(_QUOTED, text, re.MULTILINE)]


def _other_sense(m: re.Match, data: SelfData) -> bool:
    """"our view the data shows": a word between "our" and the work that no work would take.
    Capitalised words are names ("May 2026", "State of AI") and always may."""
    mods = m.groupdict().get("mods") or ""
    return any(word in data.not_modifiers for word in mods.split() if word[0].islower())


def self_evidence(document: Document, data: SelfData, support: Support) -> Iterator[Finding]:
    sentences = [s for s in document.prose_sentences() if document.blocks[s.block].kind != QUOTE]
    phrasings = _phrasings(document, data, support.identity.names, sentences)
    quotes: dict[int, list[tuple[int, int]]] = {}
    for i in sorted(set().union(*(where for _, where in phrasings))):
        sentence = sentences[i]
        if sentence.block not in quotes:
            block = document.blocks[sentence.block]
            quotes[sentence.block] = _quoted_spans(document.text[block.start:block.end], block.start)
        taken: list[tuple[int, int]] = []
        for pattern, where in phrasings:
            if i not in where:
                continue
            for m in pattern.finditer(document.text, sentence.start, sentence.end):
                s, e = m.span("span")
                if any(qs <= s < qe for qs, qe in quotes[sentence.block]) \
                        or data.speech.search(document.text, sentence.start, s) \
                        or _other_sense(m, data):
                    continue
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                if support.independent(sentence.start, sentence.end, exclude=(s, e)):
                    continue
                phrase = " ".join(document.text[s:e].split())
                if len(phrase) > _MAX_SHOWN:
                    phrase = phrase[:_MAX_SHOWN - 1] + "…"
                yield Finding(RULE, s, e,
                              f"“{phrase}” offers the outlet's own work as evidence: cite the independent "
                              "source behind the claim")


def _phrasings(document: Document, data: SelfData, names: tuple[str, ...],
               sentences: list) -> list[tuple[re.Pattern, set[int] | range]]:
    """Each phrasing that may match, with the sentences (indices) it may match in: those
    holding the words it needs, so most sentences, and most phrasings, are never tried."""
    finder = SpanFinder(document, [(s.start, s.end) for s in sentences])
    out = []
    for phrasing in data.phrasings:
        if SELF in phrasing.template and not names:
            continue  # the draft's own name is unknown
        where = finder.candidates(phrasing.need(names))
        if where is None or where:  # some sentence holds the phrasing's own words: its parts' too?
            fuller = finder.candidates(phrasing.full_need(names))
            where = fuller if where is None else where if fuller is None else where & fuller
        if where is None:
            where = range(len(sentences))
        if where:
            out.append((phrasing.pattern(names), where))
    return out
