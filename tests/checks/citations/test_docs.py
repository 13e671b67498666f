"""Every rule of both checks explains itself, and its examples do what the docs say."""

from __future__ import annotations

import pytest
from helpers import run_cli

from copydesk.checks.citations.rules import RULES as CITATION_RULES
from copydesk.checks.self_reference.rules import RULES as SELF_RULES
from copydesk.testing import findings_of, lint_text

RULES = CITATION_RULES + SELF_RULES


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_explain_shows_the_ruff_layout(rule):
    proc = run_cli("explain", rule.id)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in out
    assert f"category: {rule.category}" in out and f"default severity: {rule.severity}" in out


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_bad_example_is_flagged_and_good_example_is_not(rule):
    assert findings_of(lint_text(rule.bad), rule.id), rule.bad
    assert not findings_of(lint_text(rule.good), rule.id), rule.good
    assert not [r for r in lint_text(rule.good) if r.category == rule.category]
