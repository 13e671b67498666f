"""Comparing a statement with the fact base: contradiction, or nothing.

Only a statement the packs decide is a contradiction: a relation the packs do not cover, a
time no fact covers, or a unit that differs gives no verdict. For relations that change over
time (``time: window``), another value contradicts the statement only when its fact covers the
whole time the sentence speaks of, and no fact of the stated value overlaps it.
"""

from __future__ import annotations

from datetime import timedelta
from typing import NamedTuple

from copydesk.facts import amounts, timex
from copydesk.facts.base import Fact, FactBase
from copydesk.facts.catalogue import normalise_title
from copydesk.facts.extract import Statement, Value, measure_key

ALWAYS = timex.Interval(timex.EARLIEST, timex.LATEST)


class Verdict(NamedTuple):
    statement: Statement
    span: Value  # the contradicting value in the draft
    message: str
    facts: tuple[Fact, ...]

    @property
    def source(self) -> str | None:
        return next((f.source for f in self.facts if f.source), None)


def judge(statement: Statement, base: FactBase) -> Verdict | None:
    relation = statement.relation
    if relation.object == "date":
        return _date(statement, base)
    if relation.object == "text":
        return _role(statement, base)
    if relation.object == "amount":
        return _quantity(statement, base)
    if statement.amount is not None:
        verdict = _amount(statement, base)
        if verdict or relation.amount == "required":
            return verdict
    return _entity(statement, base)


def _facts(statement: Statement, base: FactBase) -> list[Fact]:
    facts = base.facts(statement.subject, statement.relation.id)
    if statement.relation.time == "event" and statement.explicit:
        facts = [f for f in facts if not f.timed or f.window.overlaps(statement.when)]
    return facts


def _window(statement: Statement, base: FactBase) -> timex.Interval:
    """The time to judge at: the sentence's, but never before the subject existed."""
    if statement.relation.time != "window":
        return ALWAYS
    founded = base.founded(statement.subject)
    when = statement.when
    if founded and when.start < founded.start <= when.end:
        when = when.clip(start=founded.start)
    return when


def _entity(statement: Statement, base: FactBase) -> Verdict | None:
    relation = statement.relation
    facts = _facts(statement, base)
    if not facts or not relation.exhaustive:
        return None
    when = _window(statement, base)
    claimed = statement.value.entity
    if relation.time != "window":
        if any(f.object == claimed for f in facts):
            return None
        others = facts
    else:
        if any(f.object == claimed and f.window.overlaps(when) for f in facts):
            return None
        others = [f for f in facts if f.object != claimed and f.window.overlaps(when)]
        if not _cover(others, when):
            return None  # a time no fact speaks for: the packs cannot say
    subject = base.name(statement.subject)
    periods = {f.period() for f in others}
    if relation.time == "window" and len(periods) > 1:
        names = _join([f"{base.name(f.object)} ({f.period()})" for f in others])
        said = _says(relation.says, subject=subject, value=names) + _basis(others[0], "none")
    else:
        said = _says(relation.says, subject=subject, value=_join([base.name(f.object) for f in others]))
        said += _basis(others[0], relation.time)
    return Verdict(statement, statement.value, f"{said}, not {statement.value.display}", tuple(others))


def _cover(facts: list[Fact], when: timex.Interval) -> bool:
    """Whether the facts' windows together cover every day of ``when``."""
    reached = when.start
    for window in sorted((f.window for f in facts), key=lambda w: w.start):
        if window.start > reached:
            return False
        if window.end >= reached:
            if window.end >= when.end:
                return True
            reached = window.end + timedelta(days=1)
    return False


def _date(statement: Statement, base: FactBase) -> Verdict | None:
    facts = _facts(statement, base)
    dated = [(f, timex.parse_iso(f.object)) for f in facts]
    dated = [(f, d) for f, d in dated if d is not None]
    if not dated or any(d.overlaps(statement.value.interval) for _, d in dated):
        return None
    fact, day = dated[0]
    on = f"on {fact.object}" if day.precision == "day" else f"in {fact.object}"
    said = _says(statement.relation.says, subject=base.name(statement.subject), value=on)
    return Verdict(statement, statement.value, f"{said}{_basis(fact, 'none')}, not {statement.value.display}",
                   (fact,))


def _amount(statement: Statement, base: FactBase) -> Verdict | None:
    if not statement.relation.exhaustive and not statement.explicit:
        return None  # "$25m from Novaterra" may be another round than the one the pack knows
    counterpart = statement.value.entity
    facts = [f for f in _facts(statement, base) if f.object == counterpart and f.amount is not None]
    claimed = statement.amount.amount
    facts = [f for f in facts if f.unit == claimed.unit]
    if not facts:
        return None
    if any(amounts.pack_interval(f.amount, f.unit, f.tolerance).overlaps(claimed) for f in facts):
        return None
    fact = facts[0]
    figure = amounts.describe(fact.amount, fact.unit)
    template = statement.relation.says
    if "{amount}" not in template:
        template += " for {amount}"
    said = _says(template, subject=base.name(statement.subject), value=base.name(counterpart), amount=figure)
    return Verdict(statement, statement.amount,
                   f"{said}{_basis(fact, statement.relation.time)}, not {statement.amount.display}", (fact,))


def _quantity(statement: Statement, base: FactBase) -> Verdict | None:
    when = _window(statement, base)
    claimed = statement.value.amount
    facts = [f for f in base.facts(statement.subject, statement.relation.id)
             if measure_key(f.qualifier or "") == statement.qualifier and f.window.covers(when)]
    facts = [f for f in facts if f.unit == claimed.unit]
    if not facts or any(amounts.pack_interval(f.amount, f.unit, f.tolerance).overlaps(claimed) for f in facts):
        return None
    fact = facts[0]
    said = _says(statement.relation.says, subject=base.name(statement.subject),
                 value=amounts.describe(fact.amount, fact.unit), measure=fact.qualifier or "")
    return Verdict(statement, statement.value, f"{said}{_basis(fact, 'window')}, not {statement.value.display}",
                   (fact,))


def _role(statement: Statement, base: FactBase) -> Verdict | None:
    title = statement.value.title
    org = statement.qualifier
    when = ALWAYS if title.timeless else statement.when
    person = base.name(statement.subject)
    held = [f for f in base.facts(statement.subject, "role")
            if f.qualifier == org and _same_title(f.object, title)]
    if held:
        if any(f.window.overlaps(when) for f in held):
            return None
        fact = held[0]
        at = statement.when.iso() or "the time it speaks of"
        message = (f"{person} was {_possessive(base.name(org))} {fact.object} {fact.period()}{_basis(fact, 'none')}, "
                   f"not in {at}")
        return Verdict(statement, statement.value, message, tuple(held))
    if not title.exclusive:
        return None
    holders = [f for f in base.qualified("role", org)
               if f.subject != statement.subject and _same_title(f.object, title) and f.window.covers(when)]
    if not holders:
        return None
    fact = holders[0]
    message = (f"{_possessive(base.name(org))} {fact.object} is {base.name(fact.subject)}{_basis(fact, 'window')}, "
               f"not {person}")
    return Verdict(statement, statement.subject_at or statement.value, message, tuple(holders))


def _same_title(written: str, title) -> bool:
    key = normalise_title(written)
    return key == title.name or key in (normalise_title(v) for v in title.variants)


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _join(names: list[str]) -> str:
    names = list(dict.fromkeys(names))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _says(template: str, **values: str) -> str:
    """A relation's ``says`` template filled in; a placeholder with no value is left empty."""
    values.setdefault("object", values.get("value", ""))
    return template.format_map({"org": "", "amount": "", "measure": "", **values})


def _basis(fact: Fact, time: str) -> str:
    """" (since 2025-06, https://...)": when the fact holds (or happened) and its source."""
    when = {"window": fact.period(), "event": fact.start or ""}.get(time, "")
    parts = [p for p in (when, fact.source) if p]
    return f" ({', '.join(parts)})" if parts else ""
