"""reference-uncited: entries that nothing in the text cites."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, RULES_DIR, check_rule_fixture, of_file

from copydesk.testing import findings_of, lint_text

RULE = "reference-uncited"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


def test_a_bibliography_in_a_draft_without_markers_is_left_alone():
    assert of_file(RULES_DIR, "reference-uncited-bibliography.md") == []


def test_message_and_severity():
    text = ("Rents rose in March [1].\n\nReferences\n\n"
            "[1] ONS — Private rent index — https://ons.gov.uk/economy/private-rent-index\n\n"
            "[2] Reuters — Lenders tighten mortgage rules — https://reuters.com/markets/lenders-tighten\n")
    [report] = findings_of(lint_text(text), RULE)
    assert report.line == 7 and report.severity == "warning"
    assert report.message.startswith("[2] (reuters.com/markets/lenders-tighten) is listed but nothing")


def test_an_uncited_placeholder_is_reported_once():
    text = "Rents rose in March [1].\n\nReferences\n\n" \
           "[1] ONS — Private rent index — https://ons.gov.uk/economy/private-rent-index\n\n[2] Source\n"
    rules = [r.rule for r in lint_text(text, select=["unsupported-citation"])]
    assert rules == ["reference-uncited"]  # dropping the orphan fixes the placeholder too
