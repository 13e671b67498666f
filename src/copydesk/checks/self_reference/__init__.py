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
        credits = {r.key: found for r in document.references if (found := identity.credit(r, data))}
        # the citation data judges references only: a draft without any need not build it
        cited = citation_data(context) if document.references else None
        support = Support(document, identity, data, cited, frozenset(credits))
        if context.rule_enabled(SELF_CITATION.id):
            for key, ((start, end), message) in credits.items():
                if support.rests_on_self(key):
                    yield Finding(SELF_CITATION.id, start, end, message)
        if context.rule_enabled(SELF_EVIDENCE.id):
            yield from self_evidence(document, data, support)


@hookimpl
def copydesk_register_checks(register):
    register(SelfReferenceCheck())
