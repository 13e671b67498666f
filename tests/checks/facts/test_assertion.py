"""A sentence that denies, questions, quotes or supposes a relation does not assert it."""

from __future__ import annotations

import pytest
from factcases import flagged


@pytest.mark.parametrize("sentence", [
    # denied
    "Priya Raman, who never led Voltaris Motors after 2023, stayed on the board.",
    "Voltaris Motors was not founded in 2016, whatever its ads say.",
    "Contrary to reports, Cellwright was not acquired by Orion Pharma.",
    "It is a myth that Voltaris Motors is headquartered in Basel.",
    "Priya Raman no longer runs Voltaris Motors.",
    # questioned
    "Did Priya Raman lead Voltaris Motors?",
    "Was Voltaris Motors founded in 2016?",
    # supposed
    "If Priya Raman still ran Voltaris Motors, the company would be bolder.",
    "Orion Pharma could acquire Cellwright next year.",
    "Voltaris Motors may be headquartered in Basel by 2030.",
    "Analysts expect Orion Pharma to acquire Cellwright.",
    "Orion Pharma is in talks to acquire Cellwright.",
    # quoted: someone else's words, not the draft's claim
    '"Voltaris Motors was founded in 2016," the old brochure said.',
])
def test_not_asserted(sentence, fmt):
    assert flagged(sentence, fmt) == []


def test_only_the_clause_of_the_statement_counts(fmt):
    # "may" belongs to the main clause, not to the apposition stating who leads Voltaris
    assert flagged("Voltaris Motors, now under Priya Raman's leadership, may benefit.", fmt) == [
        ("fact-contradiction", "Priya Raman")]
    # "not only" is no denial
    assert flagged("Not only was Voltaris Motors founded in 2016, it was profitable.", fmt) == [
        ("fact-contradiction", "2016")]
