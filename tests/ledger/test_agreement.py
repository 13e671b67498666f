"""When two claims agree: amounts within rounding, dates by precision, periods for who-leads-what."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from copydesk.ledger import agreement
from copydesk.packs import Packs


@pytest.mark.parametrize("a, ta, b, tb, agree", [
    ("14.3e9 USD", None, "14e9 USD", None, True),  # "$14bn" is "$14.3bn" rounded
    ("14.3e9 USD", None, "15e9 USD", None, False),  # "$15bn" is not
    ("14.6e9 USD", None, "15e9 USD", None, True),
    ("14.3e9 USD", None, "14.6e9 USD", None, False),
    ("14e9 USD", None, "15e9 USD", None, True),  # both may stand for 14.5bn
    ("14.3e9 USD", 0.1, "15e9 USD", None, True),  # a fact's own tolerance widens it
    ("14.3e9 USD", None, "14.3e9 EUR", None, True),  # other unit: not comparable, not a conflict
    ("1.2e9 USD", None, "1.2e9 USD", None, True),
    ("0 USD", None, "5 USD", None, False),
])
def test_amounts_agree_when_their_rounding_ranges_overlap(a, ta, b, tb, agree):
    assert agreement.values_agree("amount", a, ta, b, tb) is agree
    assert agreement.values_agree("amount", b, tb, a, ta) is agree  # symmetric


def test_rounding_is_half_a_unit_of_the_last_significant_digit():
    assert agreement.rounding(14.3e9) == pytest.approx(0.05 / 14.3)
    assert agreement.rounding(15e9) == pytest.approx(0.5 / 15)
    assert agreement.rounding(0) == 0


@pytest.mark.parametrize("a, b, agree", [
    ("2025", "2025-06", True),
    ("2025-06", "2025-06-14", True),
    ("2025-06", "2025-07", False),
    ("2024", "2025-06", False),
    ("2025-05-01/2025-08-31", "2025-06", True),  # "mid-2025"
    ("2025-05-01/2025-08-31", "2025-09", False),
    ("/2024-12-31", "2025", False),  # open start
    ("2024-06-01/", "2031", True),  # open end
])
def test_dates_agree_when_their_spans_overlap(a, b, agree):
    assert agreement.values_agree("date", a, None, b, None) is agree


def test_entities_and_text_agree_only_when_equal():
    assert agreement.values_agree("entity", "alexandr-wang", None, "alexandr-wang", None)
    assert not agreement.values_agree("entity", "alexandr-wang", None, "yann-lecun", None)


def test_periods_widen_a_day_to_its_month():
    assert agreement.period("2026-04-09") == ("2026-04-01", "2026-04-30")
    assert agreement.period("2024-02") == ("2024-02-01", "2024-02-29")
    assert agreement.period("2026") == ("2026-01-01", "2026-12-31")
    assert agreement.period(None) is None and agreement.period("soon") is None
    assert agreement.period("2025-05-14/2025-08-02") == ("2025-05-01", "2025-08-31")
    assert agreement.periods_overlap(agreement.period("2026-04-09"), agreement.period("2026-04-23"))
    assert agreement.periods_overlap(agreement.period("2026"), agreement.period("2026-04-23"))
    assert not agreement.periods_overlap(agreement.period("2025-12-30"), agreement.period("2026-01-02"))
    assert not agreement.periods_overlap(None, agreement.period("2026"))


def relation(**kw):
    return SimpleNamespace(**{"object": "entity", "functional": False, "time": "none", **kw})


def test_policy_follows_the_relation_catalogue():
    leads = relation(functional=True, time="window")
    assert agreement.policy(leads, "entity") == agreement.SAME_PERIOD  # who leads: one at a time
    assert agreement.policy(relation(object="date", functional=True), "date") == agreement.ALWAYS
    assert agreement.policy(relation(), "entity") == agreement.NEVER  # co-founders, investments
    assert agreement.policy(relation(time="event"), "amount") == agreement.ALWAYS  # one deal, one size
    counts = relation(object="amount", functional=True, time="window")
    assert agreement.policy(counts, "amount") == agreement.SAME_PERIOD  # a count changes over time
    assert agreement.policy(None, "entity") == agreement.NEVER  # a relation nobody defined


def test_builtin_catalogue_compares_leaders_by_period_and_deals_always():
    from copydesk.facts.catalogue import build_catalogue
    from copydesk.packs import builtin_pack_paths

    relations = build_catalogue(Packs(builtin_pack_paths())).relations
    assert agreement.policy(relations["led-by"], "entity") == agreement.SAME_PERIOD
    assert agreement.policy(relations["invested-in"], "amount") == agreement.ALWAYS
    assert agreement.policy(relations["invested-in"], "entity") == agreement.NEVER
    assert agreement.policy(relations["founded-by"], "entity") == agreement.NEVER
