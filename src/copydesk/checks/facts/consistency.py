"""Statements of one draft that disagree with each other (``draft-inconsistency``).

Two statements conflict when they give the same relation of the same entity (and, for an
amount, the same counterpart or unit) different values for the same time: both timeless, both
about the draft's own date, or both about one stated date. A relation the packs already
decide for that entity is left to ``fact-contradiction``, which knows which value is right.
"""

from __future__ import annotations

from collections.abc import Iterator

from copydesk.facts.extract import Statement, Value


def conflicts(statements: list[Statement], base, flagged: set[tuple[int, int]]) -> Iterator[tuple[Statement, Value, Statement]]:
    """(later statement, its conflicting value, the earlier statement it contradicts)."""
    earlier: dict[tuple, list[tuple[Statement, Value]]] = {}
    for st in statements:
        for key, value in _facets(st):
            if (value.start, value.end) in flagged or _decided(base, st, value):
                continue
            before = earlier.setdefault(key, [])
            clash = next((e for e, v in before if _same_time(e, st) and _differ(v, value)), None)
            if clash is not None:
                yield st, value, clash
                break
            before.append((st, value))


def _decided(base, st: Statement, value: Value) -> bool:
    """Whether the packs state this (an amount: for this counterpart), so they can judge it."""
    facts = base.facts(st.subject, st.relation.id)
    if value is st.amount:
        return any(f.object == st.value.entity and f.amount is not None for f in facts)
    return bool(facts)


def _facets(st: Statement) -> list[tuple[tuple, Value]]:
    """What a statement says that another could contradict, with the value saying it."""
    out = []
    if st.amount is not None:  # "$14.3bn investment in X": the size, per counterpart
        out.append(((st.relation.id, st.subject, st.value.entity, "amount"), st.amount))
    if st.relation.functional and st.value.kind != "text":
        out.append(((st.relation.id, st.subject, st.qualifier), st.value))
    return out


def _same_time(a: Statement, b: Statement) -> bool:
    if a.relation.time == "none":
        return True
    if a.amount is not None:
        if not a.relation.exhaustive:  # an investor may invest twice: only one dated round counts
            return a.explicit and b.explicit and a.when == b.when
        if not (a.explicit or b.explicit):
            return True  # one acquisition, told twice
    if a.past or b.past:
        return False
    return a.explicit == b.explicit and a.when == b.when


def _differ(a: Value, b: Value) -> bool:
    if a.kind != b.kind:
        return False
    if a.kind == "entity":
        return a.entity != b.entity
    if a.kind == "date":
        return not a.interval.overlaps(b.interval)
    if a.kind == "amount":
        return a.amount.unit == b.amount.unit and not a.amount.overlaps(b.amount)
    return False
