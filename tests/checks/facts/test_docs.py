"""Each rule documents itself (``copydesk explain``), and its examples do what they say."""

from __future__ import annotations

import pytest
from helpers import run_cli

from copydesk.checks.facts.rules import DRAFT_INCONSISTENCY, FACT_CONTRADICTION, RULES
from copydesk.testing import lint_text


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_explain_prints_the_ruff_sections(rule):
    proc = run_cli("explain", rule.id)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in out
    assert rule.category == "factual-inconsistency" and "factual-inconsistency" in out


def test_fact_contradiction_examples_with_the_builtin_pack():
    bad = lint_text(FACT_CONTRADICTION.bad, select=[FACT_CONTRADICTION.id])
    assert [r.rule for r in bad] == [FACT_CONTRADICTION.id, FACT_CONTRADICTION.id]
    assert lint_text(FACT_CONTRADICTION.good, select=[FACT_CONTRADICTION.id]) == []


def test_draft_inconsistency_examples():
    bad = lint_text(DRAFT_INCONSISTENCY.bad, select=[DRAFT_INCONSISTENCY.id])
    assert [(r.rule, r.line) for r in bad] == [(DRAFT_INCONSISTENCY.id, 3)]
    assert lint_text(DRAFT_INCONSISTENCY.good, select=[DRAFT_INCONSISTENCY.id]) == []
