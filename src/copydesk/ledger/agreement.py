"""When two claims about the same (entity, relation) agree, and when they may be compared at all.

Values are the normalised strings of :class:`copydesk.model.Claim`. Two values agree when an
editor would not call them a contradiction:

* entities and text: equal;
* dates: the spans they stand for overlap ("2025" agrees with "2025-06": only the precision
  differs; "2025-06" and "2025-07" do not);
* amounts: same unit and within each other's rounding, i.e. the ranges the two figures may
  stand for overlap ("$14bn", 13.5-14.5bn, agrees with "$14.3bn"; "$15 billion", 14.5-15.5bn,
  does not). A figure's rounding is the claim's ``tolerance`` or, failing that, half a unit of
  its last significant digit.

Whether a relation may be compared at all comes from the relation catalogue
(``rules/relations.yaml``), the one home of what a relation means: see :func:`policy`.
"""

from __future__ import annotations

ALWAYS = "always"  # one true value, whenever the draft speaks
SAME_PERIOD = "same-period"  # one true value at a time: compare claims about the same period
NEVER = "never"  # several values may hold at once


def policy(relation, kind: str) -> str:
    """How claims of a catalogue relation (``facts.catalogue.Relation``) and value kind compare.

    * the size of a deal (an amount qualified by the counterpart, of a relation whose object is
      not itself an amount): one deal has one size, whenever a draft mentions it;
    * a relation that is not functional (founders, investments, roles): several values hold
      at once, so a different value is no contradiction;
    * a functional relation that holds over a window (who leads what, where a company is
      based, a user count): one value at a time, so only claims about the same period compare;
    * any other functional relation (a founding date): one value, always.
    """
    if relation is None:
        return NEVER
    if is_deal_size(relation, kind):
        return ALWAYS
    if not relation.functional:
        return NEVER
    return SAME_PERIOD if relation.time == "window" else ALWAYS


def is_deal_size(relation, kind: str) -> bool:
    """An amount claimed for a relation between two entities: an investment's or a price's size."""
    return kind == "amount" and relation is not None and relation.object != "amount"


def parse_amount(value: str) -> tuple[float, str] | None:
    """``"14.3e9 USD"`` -> ``(14.3e9, "USD")``; None when it is not an amount."""
    number, _, unit = value.partition(" ")
    try:
        return float(number), unit.strip()
    except ValueError:
        return None


def rounding(value: float) -> float:
    """Relative half-unit of the last significant digit: 0.5/143 for 14.3e9, 0.5/15 for 15e9."""
    from decimal import Decimal, InvalidOperation  # lazily: most runs never compare amounts

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
    slack = ta * abs(va) + tb * abs(vb)  # the two rounding ranges overlap
    return abs(va - vb) <= slack * (1 + 1e-9)


def dates_agree(a: str, b: str) -> bool:
    """The spans two dates stand for overlap: one refines the other, or both could be true."""
    sa, sb = span(a), span(b)
    if sa is None or sb is None:
        return a == b
    return periods_overlap(sa, sb)


def values_agree(kind: str, a: str, a_tolerance: float | None, b: str, b_tolerance: float | None) -> bool:
    if a == b:
        return True
    if kind == "amount":
        return amounts_agree(a, a_tolerance, b, b_tolerance)
    if kind == "date":
        return dates_agree(a, b)
    return False


def span(value: str | None) -> tuple[str, str] | None:
    """The days an ISO date stands for, as ISO bounds: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or
    ``start/end`` (either end may be open). None when it is not a date."""
    if not value:
        return None
    if "/" in value:
        lo, _, hi = value.partition("/")
        first = span(lo) if lo else ("0001-01-01", "0001-01-01")
        last = span(hi) if hi else ("9999-12-31", "9999-12-31")
        return (first[0], last[1]) if first and last else None
    parts = value.split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4 or len(parts) > 3:
        return None
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-01-01", f"{year:04d}-12-31"
    month = int(parts[1])
    if not 1 <= month <= 12:
        return None
    if len(parts) == 2:
        return f"{year:04d}-{month:02d}-01", f"{year:04d}-{month:02d}-{_last_day(year, month):02d}"
    return value, value


def period(when: str | None) -> tuple[str, str] | None:
    """The span of time a statement speaks of, at month grain at the finest.

    A day is widened to its month, so that two drafts a few days apart describe the same state
    of affairs; a year stays a year. None when the time is unknown.
    """
    bounds = span(when)
    if bounds is None:
        return None
    start, end = bounds
    year, month = int(end[:4]), int(end[5:7])
    return f"{start[:7]}-01", f"{end[:7]}-{_last_day(year, month):02d}"


def periods_overlap(a: tuple | None, b: tuple | None) -> bool:
    """Whether two (start, end) spans share a day; an unknown span overlaps nothing."""
    if not a or not b or a[0] is None or b[0] is None:
        return False
    return a[0] <= b[1] and b[0] <= a[1]


def _last_day(year: int, month: int) -> int:
    import calendar  # lazily: most runs never compare dates

    return calendar.monthrange(year, month)[1]
