"""reference-placeholder: entries with no usable target."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, check_rule_fixture

from copydesk.testing import findings_of, lint_text

RULE = "reference-placeholder"


def entry(line: str) -> str:
    return f"Chipmaker profits doubled [1].\n\nReferences\n\n{line}\n"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


@pytest.mark.parametrize("line, says", [
    ("[1] Reuters — Source — #", "placeholder URL (“#”)"),
    ("[1] Reuters — Chipmaker profits double — https://example.com/chipmaker", "placeholder URL"),
    ("[1] Link", "“Link” is a label"),
    ("[1] Reuters", "gives no title and no URL"),
    ("[1] Reuters — https://www.reuters.com/", "home page of reuters.com"),
])
def test_entries_that_lead_nowhere(line, says):
    [report] = findings_of(lint_text(entry(line)), RULE)
    assert says in report.message and report.severity == "error"
    assert (report.line, report.column) == (5, 1)  # the entry


@pytest.mark.parametrize("line", [
    "[1] Editorial_board — Original article — https://www.theverge.com/tech/chipmaker-profits",
    "[1] The Atlantic — Source Code: a chipmaker's memoir — https://www.theatlantic.com/books/source-code",
    "[1] Company filings — Chipmaker annual report 2025",
    "[1] Reuters — Chipmaker profits double — https://www.reuters.com/",
])
def test_entries_with_a_usable_target(line):
    assert findings_of(lint_text(entry(line)), RULE) == []


def test_a_desk_adds_a_placeholder_label(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text("placeholder_titles:\n  - {pattern: 'see attached', why: desk shorthand}\n")
    text = entry("[1] Finance desk — See attached")
    assert findings_of(lint_text(text), RULE) == []
    assert findings_of(lint_text(text, rules=[pack]), RULE)
