"""Self-referencing sources: references that credit the outlet itself, and sentences that
offer the outlet's own earlier work as evidence.

Registered through the same hook a third-party plugin would use.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.checks.self_reference.rules import RULES, SELF_CITATION, SELF_EVIDENCE
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding


class SelfReferenceCheck:
    name = "self-reference"
    rules = RULES

    def run(self, document, context) -> Iterator[Finding]:
        from copydesk.checks.citations.data import citation_data
        from copydesk.checks.self_reference.data import self_data
        from copydesk.checks.self_reference.evidence import self_evidence
        from copydesk.checks.self_reference.identity import Identity
        from copydesk.checks.self_reference.support import Support

        data = self_data(context)
        identity = Identity.of(document, context, data)
        credits = {r.key: identity.credit(r, data) for r in document.references}
        credits = {key: found for key, found in credits.items() if found}
        support = Support(document, identity, data, citation_data(context),
                          frozenset(_norm(k) for k in credits))
        if context.rule_enabled(SELF_CITATION.id):
            for ref in document.references:
                if ref.key in credits and _rests_on_self(document, ref.key, support):
                    (start, end), message = credits[ref.key]
                    yield Finding(SELF_CITATION.id, start, end, message)
        if context.rule_enabled(SELF_EVIDENCE.id):
            yield from self_evidence(document, data, support)


def _norm(key: str) -> str:
    from copydesk.checks.citations.keys import normalise_key

    return normalise_key(key)


def _rests_on_self(document, key: str, support) -> bool:
    """Some claim cites the reference with no independent source beside it; or the draft
    cites nothing by marker, so its source list as a whole is what backs the piece."""
    from copydesk.checks.citations.keys import KEYED_KINDS

    keyed = [c for c in document.citations if c.kind in KEYED_KINDS and c.key]
    if not keyed:
        return True
    for citation in keyed:
        if _norm(citation.key) != _norm(key):
            continue
        sentence = document.sentence_at(citation.start)
        start, end = (sentence.start, sentence.end) if sentence else (citation.start, citation.end)
        if not support.independent(start, end):
            return True
    return False


@hookimpl
def copydesk_register_checks(register):
    register(SelfReferenceCheck())
