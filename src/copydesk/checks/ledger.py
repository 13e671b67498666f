"""``ledger-contradiction``: a claim that the archive's published drafts contradict.

Active only when a claim ledger is named (``check --ledger DB`` or the config's ``ledger:``).
Each claim the fact check extracts is looked up in the ledger (one indexed query per claim);
the draft's own earlier version is left out. A curated fact pack outranks the ledger: a claim
the pack already settles, either way, is the fact check's to judge. The archive can be wrong
too, so the finding is a warning, and only when the drafts that disagree outnumber those that
agree.
"""

from __future__ import annotations

import os

from copydesk.api import Rule
from copydesk.hookspecs import hookimpl
from copydesk.ledger.agreement import NEVER, is_deal_size, policy
from copydesk.model import Finding

RULE = Rule(
    id="ledger-contradiction",
    category="factual-inconsistency",
    severity="warning",
    summary="A claim contradicts what earlier published drafts in the claim ledger say",
    docs="""\
## What it does
Looks up every relation the draft states (who leads an organisation, when it was founded, how
much one company invested in another, ...) in the claim ledger, the archive of claims that
published drafts made (`copydesk ledger add`), and flags a claim that more of those drafts
contradict than support. The finding names the drafts that say otherwise and how many.

Only relations with one true value are compared (the relation catalogue marks them
`functional`), and the size of a deal: several founders or investments are no contradiction.
Amounts agree within each other's rounding ("$14bn" and "$14.3bn"); dates agree when one
refines the other ("2025" and "June 2025"); who leads what is compared only between drafts
that speak of the same month. A claim a fact pack settles is left to the fact check.

## Why is this bad?
A desk that prints two answers to the same question loses readers' trust, and the second
answer is often a slip: a figure from an early report, a name from before a reshuffle. Either
this draft or the archive is wrong; an editor should know before publishing.

## Example
With a ledger in which earlier drafts say Acme Robotics is led by Dana Whitfield:
```text
Acme Robotics, led by Marco Ferri, opened a second plant this spring.
```

## Use instead
Check the claim against a primary source; fix the draft, or correct the archive and re-run
`copydesk ledger add` on the corrected drafts.
```text
Acme Robotics, led by Dana Whitfield, opened a second plant this spring.
```
""",
    bad="Acme Robotics, led by Marco Ferri, opened a second plant this spring.",
    good="Acme Robotics, led by Dana Whitfield, opened a second plant this spring.",
    example_options={"skip": "needs a claim ledger recording earlier drafts"},
)


class LedgerCheck:
    name = "ledger"
    rules = (RULE,)

    def run(self, document, context):
        path = context.ledger_path or context.config.ledger
        if not path:
            return
        from copydesk.facts import kit_for
        from copydesk.ledger import ingest

        claims = ingest.extract(document, context)
        if not claims:
            return
        ledger = _open(path)
        kit = kit_for(context)
        speaks_of = context.publication_date(document)
        own_path = _normalise(document.path)
        own_hash = ingest.content_hash(document)
        for claim in claims:
            relation = kit.catalogue.relations.get(claim.relation)
            how = policy(relation, claim.kind)
            if how == NEVER or settled_by_facts(claim, kit.base, relation):
                continue
            verdict = ledger.lookup(ingest.entry(claim, speaks_of), how, exclude_path=own_path,
                                    exclude_hash=own_hash)
            if verdict is None or verdict.disagreeing <= verdict.agreeing:
                continue
            yield Finding(RULE.id, claim.start, claim.end, _message(claim, verdict, kit),
                          data={"ledger": path, "agreeing": verdict.agreeing,
                                "disagreeing": verdict.disagreeing, "others": verdict.others})


def settled_by_facts(claim, base, relation) -> bool:
    """Whether a fact pack speaks to the claim: then the fact check judges it, not the ledger.

    A deal's size is settled by a fact about that deal (same counterpart, with an amount); a
    qualified claim (a role at an organisation, a count of downloads) by a fact with the same
    qualifier; any other claim by any fact of its subject and relation.
    """
    facts = base.facts(claim.subject, claim.relation)
    if is_deal_size(relation, claim.kind):
        return any(f.object == claim.qualifier and f.amount is not None for f in facts)
    if claim.qualifier:
        return any(f.qualifier == claim.qualifier for f in facts)
    return bool(facts)


def _message(claim, verdict, kit) -> str:
    n = verdict.disagreeing
    where = ", ".join(f"{e.path}:{e.line}" for e in verdict.examples)
    more = n - len({e.path for e in verdict.examples})
    if more > 0:
        where += f" and {more} more"
    others = " or ".join(verdict.others[:3])
    support = f"; {verdict.agreeing} agree{'s' * (verdict.agreeing == 1)} with this draft" if verdict.agreeing else ""
    return (f"{_statement(claim, kit)} here, but {n} published draft{'s' * (n != 1)} in the claim ledger "
            f"say{'s' * (n == 1)} {others} ({where}){support}: check the claim against a primary source")


def _statement(claim, kit) -> str:
    """The claim in words, with the relation's own template ("{subject} is led by {value}")."""
    relation = kit.catalogue.relations.get(claim.relation)
    qualifier = kit.base.name(claim.qualifier) if claim.qualifier else ""
    slots = {"subject": claim.subject_name, "value": claim.display, "amount": claim.display,
             "object": qualifier, "org": qualifier, "measure": claim.qualifier or ""}
    if relation is not None and relation.says:
        try:
            return relation.says.format_map(slots)
        except (KeyError, IndexError, ValueError):  # a desk's template with a slot we lack
            pass
    return f"{claim.subject_name} {claim.relation} {claim.display}"


def _normalise(path: str) -> str:
    from copydesk.ledger.store import normalise_path

    return normalise_path(path) if path not in ("-", "") else path


def _open(path: str):
    """One read-only connection per ledger file and process (a connection must not cross a fork)."""
    from copydesk.context import Context
    from copydesk.ledger import Ledger, LedgerError
    from copydesk.yamlio import DataError

    def build():
        try:
            return Ledger(path, readonly=True)
        except LedgerError as exc:
            raise DataError(str(exc)) from None

    return Context.shared(("ledger", os.path.abspath(path), os.getpid()), build)


@hookimpl
def copydesk_register_checks(register):
    register(LedgerCheck())
