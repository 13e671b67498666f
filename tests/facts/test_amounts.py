"""Figures with the rounding they are written at, hedges and ranges, and pack amounts."""

from __future__ import annotations

import pytest

from copydesk.facts.amounts import canonical, describe, pack_interval, parse, parse_pack_amount

FACT = pack_interval(14.3e9, "USD", None)


@pytest.mark.parametrize("figure, agrees", [
    ("$14.3bn", True), ("$14.3 billion", True), ("14.3 billion dollars", True), ("US$14.3 billion", True),
    ("$14bn", True),  # its own rounding: 13.5bn to 14.5bn
    ("$15bn", False), ("$15 billion", False),
    ("about $15bn", True),  # a hedge widens the figure
    ("more than $10 billion", True), ("$10B+", True), ("less than $10 billion", False),
    ("$14,300 million", True), ("€14.3bn", False),  # another currency never agrees
])
def test_draft_figures_against_a_pack_amount(figure, agrees):
    assert parse(figure).overlaps(FACT) is agrees


def test_a_pack_tolerance_widens_the_fact():
    assert not parse("$15bn").overlaps(FACT)
    assert parse("$15bn").overlaps(pack_interval(14.3e9, "USD", 0.05))


@pytest.mark.parametrize("figure, value, unit, rounding", [
    ("$14bn", 14e9, "USD", 0.5 / 14), ("$14.3bn", 14.3e9, "USD", 0.05 / 14.3), ("49%", 49, "%", 0.5 / 49),
    ("1.2 billion", 1.2e9, "", 0.05 / 1.2), ("€2.5m", 2.5e6, "EUR", 0.02), ("£300 million", 300e6, "GBP", 50 / 300),  # round hundreds: ±50
])
def test_value_unit_and_own_rounding(figure, value, unit, rounding):
    amount = parse(figure)
    assert (amount.value, amount.unit) == (value, unit)
    assert amount.rounding == pytest.approx(rounding)


def test_ranges_and_bounds():
    r = parse("$115bn to $135bn")
    assert (r.low, r.high, r.exact) == (114.5e9, 135.5e9, False)
    assert parse("$115 to $135 billion").high == 135.5e9
    assert parse("more than $10bn").high == float("inf")
    assert parse("$14.3bn").exact and not parse("about $14bn").exact


def test_canonical_and_described_values():
    assert canonical(14.3e9, "USD") == "14.3e9 USD" == parse("$14,300 million").canonical()
    assert canonical(49, "%") == "49 %" and canonical(1200, "") == "1.2e3"
    assert describe(14.3e9, "USD") == "$14.3 billion" and describe(300e6, "GBP") == "£300 million"


def test_pack_amounts():
    assert parse_pack_amount("14.3e9 USD") == (14.3e9, "USD")
    assert parse_pack_amount(1200) == (1200.0, "")
    assert parse_pack_amount("fourteen billion") is None and parse_pack_amount(True) is None
