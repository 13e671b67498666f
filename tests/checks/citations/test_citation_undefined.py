"""citation-undefined: markers that point at no reference."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, check_rule_fixture

from copydesk.testing import findings_of, lint_text, spans

RULE = "citation-undefined"
REFS = "\n\nReferences\n\n[1] Reuters — Ferry fares rise — https://reuters.com/uk/ferry-fares-rise\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


def test_span_is_the_marker_and_message_lists_the_references():
    text = "Ferry fares rise in April [1]. Fuel costs more [4]." + REFS
    [report] = findings_of(lint_text(text), RULE)
    assert spans([report], text) == ["[4]"]
    assert report.severity == "error" and report.category == "unsupported-citation"
    assert report.message == ("[4] points at no reference (the references are [1]): "
                              "add the entry or fix the number")


def test_only_the_missing_key_of_a_group_is_flagged():
    text = "Ferry fares rise in April [1, 7]." + REFS
    reports = findings_of(lint_text(text), RULE)
    assert spans(reports, text) == ["7"]


def test_draft_without_a_reference_list():
    [report] = findings_of(lint_text("Ferry fares rise in April [2].\n"), RULE)
    assert "the draft has no reference list" in report.message


def test_citation_needed_is_a_placeholder():
    text = "Ferry fares rise in April [citation needed]." + REFS
    [report] = findings_of(lint_text(text), RULE)
    assert spans([report], text) == ["[citation needed]"]
    assert "placeholder" in report.message


def test_a_list_numbered_in_brackets_is_not_a_citation():
    text = "Two changes:\n\n[2] Season tickets go monthly.\n\nFerry fares rise [1]." + REFS
    assert findings_of(lint_text(text), RULE) == []
