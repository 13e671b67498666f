"""Statements as :class:`copydesk.model.Claim` records: the form the claim ledger stores."""

from __future__ import annotations

from copydesk.facts.extract import Statement
from copydesk.model import Claim


def to_claims(statements: list[Statement], base) -> list[Claim]:
    out: list[Claim] = []
    for st in statements:
        common = dict(subject=st.subject, subject_name=base.name(st.subject), relation=st.relation.id,
                      when=st.when.iso() if st.when.bounded and st.relation.time != "none" else None)
        value = st.value
        if value.kind == "entity":
            out.append(Claim(value=value.entity, display=value.display, kind="entity", start=value.start,
                             end=value.end, qualifier=st.qualifier, **common))
        elif value.kind == "date":
            out.append(Claim(value=value.interval.iso(), display=value.display, kind="date", start=value.start,
                             end=value.end, **common))
        elif value.kind == "text":
            out.append(Claim(value=value.title.name, display=value.display, kind="text", start=value.start,
                             end=value.end, qualifier=st.qualifier, **common))
        elif value.amount.exact:
            out.append(_amount_claim(value, st.qualifier, common))
        if st.amount is not None and st.amount.amount.exact:
            out.append(_amount_claim(st.amount, value.entity, common))
    return out


def _amount_claim(value, qualifier: str | None, common: dict) -> Claim:
    amount = value.amount
    return Claim(value=amount.canonical(), display=value.display, kind="amount", start=value.start,
                 end=value.end, qualifier=qualifier, tolerance=round(amount.rounding, 6), **common)
