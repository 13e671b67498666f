"""The table of cases (cases.yaml): the recogniser's kinds, and the rule's findings."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from copydesk.checks.numbers.figures import FigureRecogniser
from copydesk.packs import builtin_pack_paths, load_packs
from copydesk.testing import lint_text, spans

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text(encoding="utf-8"))
RULE = "unattributed-number"


def _ids(section: str) -> list[str]:
    return [c["text"][:60] for c in CASES[section]]


@pytest.fixture(scope="module")
def recogniser() -> FigureRecogniser:
    return FigureRecogniser(load_packs(builtin_pack_paths()))


@pytest.mark.parametrize("case", CASES["kinds"], ids=_ids("kinds"))
def test_kind(recogniser, case):
    text = case["text"]
    found = {text[n.start:n.end]: n.kind for n in recogniser.scan(text, 0, len(text))}
    for shown, kind in case["kinds"].items():
        assert found.get(shown) == kind, found


@pytest.mark.parametrize("section", ["unattributed", "attributed", "not_figures"])
def test_enough_cases(section):
    assert len(CASES[section]) >= 40


def _check(case):
    reports = lint_text(case["text"], select=[RULE])
    assert spans(reports, case["text"]) == case["flag"], [r.message for r in reports]
    assert all(r.rule == RULE and r.category == RULE and r.severity == "warning" for r in reports)
    if case.get("hedged"):
        assert all("only hedged" in r.message for r in reports), [r.message for r in reports]
    return reports


@pytest.mark.parametrize("case", CASES["unattributed"], ids=_ids("unattributed"))
def test_unattributed(case):
    _check(case)


@pytest.mark.parametrize("case", CASES["attributed"], ids=_ids("attributed"))
def test_attributed(case):
    _check(case)


@pytest.mark.parametrize("case", CASES["not_figures"], ids=_ids("not_figures"))
def test_not_a_figure(case):
    _check(case)
