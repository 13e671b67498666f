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

from copydesk.checks.self_reference.data import SelfData
from copydesk.checks.self_reference.support import Support
from copydesk.model import QUOTE, Document, Finding

RULE = "self-evidence"
_QUOTED = re.compile(r"“[^”]*(?:”|$)|\"[^\"\n]*(?:\"|$)", re.MULTILINE)
_MAX_SHOWN = 60


def _quoted_spans(text: str, offset: int) -> list[tuple[int, int]]:
    return [(offset + m.start(), offset + m.end()) for m in _QUOTED.finditer(text)]


def _other_sense(m: re.Match, data: SelfData) -> bool:
    """"our view the data shows": a word between "our" and the work that no work would take.
    Capitalised words are names ("May 2026", "State of AI") and always may."""
    mods = m.groupdict().get("mods") or ""
    return any(word in data.not_modifiers for word in mods.split() if word[0].islower())


def self_evidence(document: Document, data: SelfData, support: Support) -> Iterator[Finding]:
    patterns = [p for p in (ph.pattern(support.identity.names) for ph in data.phrasings) if p is not None]
    quotes: dict[int, list[tuple[int, int]]] = {}
    for sentence in document.prose_sentences():
        block = document.blocks[sentence.block]
        if block.kind == QUOTE:
            continue
        if sentence.block not in quotes:
            quotes[sentence.block] = _quoted_spans(document.text[block.start:block.end], block.start)
        taken: list[tuple[int, int]] = []
        for pattern in patterns:
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
