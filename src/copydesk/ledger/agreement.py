"""When two claims about the same (entity, relation) agree, and when they speak of the same time.

Values are the normalised strings of :class:`copydesk.model.Claim`. Two values agree when an
editor would not call them a contradiction:

* entities and text: equal;
* dates: one is a prefix of the other ("2025" agrees with "2025-06": only the precision differs);
* amounts: same unit and within each other's rounding, i.e. the ranges the two figures may
  stand for overlap ("$14bn", 13.5-14.5bn, agrees with "$14.3bn"; "$15 billion", 14.5-15.5bn,
  does not). A figure's rounding is the claim's ``tolerance`` or, failing that, half a unit of
  its last significant digit.

Relations differ in how they may be compared (``rules/ledger.yaml``): some never change
(``founded``), some change over time and are only compared within one period (``led-by``), some
hold several values at once (``founded-by``: co-founders) and are never compared.
"""

from __future__ import annotations

import calendar
from decimal import Decimal, InvalidOperation

ALWAYS = "always"  # one true value, whenever the draft speaks
SAME_PERIOD = "same-period"  # one true value at a time: compare claims about the same period
NEVER = "never"  # several values may hold at once
POLICIES = (ALWAYS, SAME_PERIOD, NEVER)


def parse_amount(value: str) -> tuple[float, str] | None:
    """``"14.3e9 USD"`` -> ``(14.3e9, "USD")``; None when it is not an amount."""
    number, _, unit = value.partition(" ")
    try:
        return float(number), unit.strip()
    except ValueError:
        return None


def rounding(value: float) -> float:
    """Relative half-unit of the last significant digit: 0.5/143 for 14.3e9, 0.5/15 for 15e9."""
    if value == 0:
        return 0.0
    try:
        digits = Decimal(repr(abs(value))).normalize()
    except InvalidOperation:
        return 0.0
    half_unit = Decimal(5).scaleb(digits.as_tuple().exponent - 1)
    return float(half_unit / digits)


def amounts_agree(a: str, a_tolerance: float | None, b: str, b_tolerance: float | None) -> bool:
    """Same unit and overlapping rounding ranges. Different units are not comparable."""
    pa, pb = parse_amount(a), parse_amount(b)
    if pa is None or pb is None:
        return a == b
    (va, ua), (vb, ub) = pa, pb
    if ua != ub:
        return True  # not comparable here: no conversion rates in the ledger
    ta = a_tolerance if a_tolerance is not None else rounding(va)
    tb = b_tolerance if b_tolerance is not None else rounding(vb)
    slack = ta * abs(va) + tb * abs(vb)  # the two rounding intervals overlap
    return abs(va - vb) <= slack * (1 + 1e-9)


def dates_agree(a: str, b: str) -> bool:
    """One date refines the other: only their precision differs."""
    return a.startswith(b) or b.startswith(a)


def values_agree(kind: str, a: str, a_tolerance: float | None, b: str, b_tolerance: float | None) -> bool:
    if a == b:
        return True
    if kind == "amount":
        return amounts_agree(a, a_tolerance, b, b_tolerance)
    if kind == "date":
        return dates_agree(a, b)
    return False


def period(when: str | None) -> tuple[str, str] | None:
    """The span of time a statement speaks of, as ISO bounds, at month grain at the finest.

    A day is widened to its month, so that two drafts a few days apart describe the same state
    of affairs; a year stays a year. None when the time is unknown.
    """
    if not when or len(when) < 4 or not when[:4].isdigit():
        return None
    year = int(when[:4])
    if len(when) >= 7 and when[5:7].isdigit() and 1 <= int(when[5:7]) <= 12:
        month = int(when[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def periods_overlap(a: tuple | None, b: tuple | None) -> bool:
    """Whether two (start, end) spans share a day; an unknown span overlaps nothing."""
    if not a or not b or a[0] is None or b[0] is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


def policies(packs) -> dict[str, str]:
    """relation -> how the ledger compares it, from the ``ledger_relations`` section of the packs.

    A relation that is not listed is not compared: better silent than wrong.
    """
    from copydesk.yamlio import DataError

    out: dict[str, str] = {}
    for item in packs.section("ledger_relations"):
        relation, compare = item.get("relation"), item.get("compare")
        if not isinstance(relation, str) or compare not in POLICIES:
            raise DataError(f"{item.get('_pack', 'rule pack')}: ledger_relations: each entry needs a "
                            f"relation and compare: one of {', '.join(POLICIES)}; got {item!r}")
        out[relation] = compare
    return out
