"""When two claims agree: amounts within rounding, dates by precision, periods for who-leads-what."""

from __future__ import annotations

import pytest

from copydesk.ledger import agreement
from copydesk.packs import Packs
from copydesk.yamlio import DataError


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
])
def test_dates_agree_when_one_refines_the_other(a, b, agree):
    assert agreement.values_agree("date", a, None, b, None) is agree


def test_entities_and_text_agree_only_when_equal():
    assert agreement.values_agree("entity", "alexandr-wang", None, "alexandr-wang", None)
    assert not agreement.values_agree("entity", "alexandr-wang", None, "yann-lecun", None)


def test_periods_widen_a_day_to_its_month():
    assert agreement.period("2026-04-09") == ("2026-04-01", "2026-04-30")
    assert agreement.period("2024-02") == ("2024-02-01", "2024-02-29")
    assert agreement.period("2026") == ("2026-01-01", "2026-12-31")
    assert agreement.period(None) is None and agreement.period("soon") is None
    assert agreement.periods_overlap(agreement.period("2026-04-09"), agreement.period("2026-04-23"))
    assert agreement.periods_overlap(agreement.period("2026"), agreement.period("2026-04-23"))
    assert not agreement.periods_overlap(agreement.period("2025-12-30"), agreement.period("2026-01-02"))
    assert not agreement.periods_overlap(None, agreement.period("2026"))


def test_policies_come_from_the_rule_packs(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("ledger_relations:\n  - {relation: led-by, compare: same-period}\n"
                    "  - {relation: led-by, compare: never}\n")
    assert agreement.policies(Packs([pack])) == {"led-by": "never"}  # the last entry wins
    pack.write_text("ledger_relations:\n  - {relation: led-by, compare: sometimes}\n")
    with pytest.raises(DataError, match="p.yaml.*same-period"):
        agreement.policies(Packs([pack]))


def test_builtin_pack_compares_the_catalogue_relations():
    from copydesk.packs import builtin_pack_paths

    compare = agreement.policies(Packs(builtin_pack_paths()))
    assert compare["led-by"] == "same-period"
    assert compare["invested-in"] == "always"
    assert compare["founded-by"] == "never"  # co-founders
