"""Unsupported citations: markers that lead nowhere, entries nothing cites, placeholder
entries, and sources that have nothing to do with the claim citing them.

Registered through the same hook a third-party plugin would use.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.checks.citations.rules import (
    CITATION_OFF_TOPIC,
    CITATION_UNDEFINED,
    REFERENCE_PLACEHOLDER,
    REFERENCE_UNCITED,
    RULES,
)
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding


class CitationCheck:
    name = "citations"
    rules = RULES

    def run(self, document, context) -> Iterator[Finding]:
        if not document.citations and not document.references:
            return  # before the imports: a draft without sources never loads them
        from copydesk.checks.citations.data import citation_data
        from copydesk.checks.citations.keys import in_text_citations, uncited_references, undefined_citations
        from copydesk.checks.citations.locate import Locator
        from copydesk.checks.citations.offtopic import off_topic_citations
        from copydesk.checks.citations.placeholders import placeholder_problem

        data = citation_data(context)
        locator = Locator(document)
        in_text = in_text_citations(document, locator)
        if context.rule_enabled(CITATION_UNDEFINED.id):
            yield from undefined_citations(document, in_text)
        uncited = list(uncited_references(document, in_text))
        if context.rule_enabled(REFERENCE_UNCITED.id):
            yield from uncited
        if context.rule_enabled(REFERENCE_PLACEHOLDER.id):
            orphans = {(f.start, f.end) for f in uncited}  # dropping an orphan fixes both
            for ref in document.references:
                problem = placeholder_problem(ref, data)
                if problem and (ref.start, ref.end) not in orphans:
                    yield Finding(REFERENCE_PLACEHOLDER.id, ref.start, ref.end, problem)
        if context.rule_enabled(CITATION_OFF_TOPIC.id):
            options = context.rule_options(CITATION_OFF_TOPIC.id)
            yield from off_topic_citations(document, locator, data, in_text,
                                           min_mentions=int(options.get("min_mentions", 2)))


@hookimpl
def copydesk_register_checks(register):
    register(CitationCheck())
