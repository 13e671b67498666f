"""Factual inconsistencies: statements that contradict the fact packs or each other.

The statements come from ``copydesk.facts`` (the same extraction the claim ledger stores);
this check judges them. Registered through the same hook a third-party plugin would use.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.checks.facts.rules import DRAFT_INCONSISTENCY, FACT_CONTRADICTION, RULES
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding


class FactCheck:
    name = "facts"
    rules = RULES

    def run(self, document, context) -> Iterator[Finding]:
        from copydesk.checks.facts.consistency import conflicts
        from copydesk.facts import kit_for
        from copydesk.facts.extract import extract
        from copydesk.facts.judge import judge

        kit = kit_for(context)
        if not len(kit.base):
            return
        statements = extract(document, kit, context.publication_date(document))
        verdicts = [v for v in (judge(s, kit.base) for s in statements) if v is not None]
        # "Scale AI CEO X" says two things, a role and who leads: one finding, on the leader
        leaders = {(v.span.start, v.span.end) for v in verdicts if v.statement.implied}
        flagged: set[tuple[int, int]] = set()
        for verdict in verdicts:
            person = verdict.statement.subject_at
            if verdict.statement.relation.object == "text" and person and (person.start, person.end) in leaders:
                continue
            if (verdict.span.start, verdict.span.end) in flagged:
                continue
            flagged.add((verdict.span.start, verdict.span.end))
            if context.rule_enabled(FACT_CONTRADICTION.id):
                yield Finding(FACT_CONTRADICTION.id, verdict.span.start, verdict.span.end, verdict.message,
                              source=verdict.source, data=_evidence(verdict.facts, kit.base))
        if context.rule_enabled(DRAFT_INCONSISTENCY.id):
            for later, value, earlier in conflicts(statements, kit.base, flagged):
                line = _line(document, earlier.value.start)
                yield Finding(DRAFT_INCONSISTENCY.id, value.start, value.end,
                              f"{kit.base.name(later.subject)} {later.relation.id}: {value.display} here, but "
                              f"{_shown(earlier, value)} on line {line}; make them agree or say why they differ")


def _shown(earlier, value) -> str:
    return earlier.amount.display if value.kind == "amount" and earlier.amount is not None else earlier.value.display


def _line(document, offset: int) -> int:
    return document.source.count("\n", 0, document.offsets.to_source(offset)) + 1


def _evidence(facts, base) -> dict:
    """The facts behind a finding, for hovers and reports: {"fact": {...}} or "fact 1", "fact 2"."""
    def one(f):
        return {"subject": base.name(f.subject), "relation": f.relation, "object": base.name(str(f.object)),
                "org": base.name(f.qualifier) if f.qualifier else None, "from": f.start, "until": f.until,
                "note": f.note, "source": f.source, "pack": f.pack}
    if len(facts) == 1:
        return {"fact": one(facts[0])}
    return {f"fact {i}": one(f) for i, f in enumerate(facts, 1)}


@hookimpl
def copydesk_register_checks(register):
    register(FactCheck())
