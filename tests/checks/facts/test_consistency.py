"""draft-inconsistency: one draft, one fact, two values; flagged at the later statement.

The fixture pack knows Pellucid Labs but none of its facts, so only the draft can disagree
with itself there. Where the pack decides, fact-contradiction speaks instead.
"""

from __future__ import annotations

from factcases import flagged

RULE = "draft-inconsistency"


def test_two_founding_years(fmt):
    body = ("Pellucid Labs was founded in 2019 in Lyon. Its first chip shipped in 2023. "
            "Since Pellucid Labs was founded in 2021, it has filed forty patents.")
    assert flagged(body, fmt) == [(RULE, "2021")]


def test_message_names_the_earlier_line():
    from factcases import DESK_RULES, PACK

    from copydesk.testing import lint_text

    text = "Pellucid Labs was founded in 2019.\n\nMore text.\n\nPellucid Labs was set up in 2021.\n"
    [report] = lint_text(text, "d.txt", select=["draft-inconsistency"], facts=[PACK], rules=[DESK_RULES])
    assert report.line == 5 and "on line 1" in report.message and "2019" in report.message
    assert report.severity == "warning" and report.category == "factual-inconsistency"


def test_two_leaders_at_the_same_time(fmt):
    body = "Pellucid Labs, led by Priya Raman, is hiring. Pellucid Labs, now run by Marcus Feld, says so."
    assert flagged(body, fmt) == [(RULE, "Marcus Feld")]


def test_two_sizes_of_one_dated_investment(fmt):
    body = ("Novaterra's $50 million investment in Pellucid Labs in 2022 built a clean room. "
            "In 2022, Novaterra invested $80 million in Pellucid Labs.")
    assert flagged(body, fmt) == [(RULE, "$80 million")]


def test_values_that_agree_or_differ_in_time_are_fine(fmt):
    assert flagged("Pellucid Labs was founded in 2019. Pellucid Labs was founded in March 2019.", fmt) == []
    assert flagged("In 2020, Pellucid Labs was led by Priya Raman. In 2025, Pellucid Labs was led by "
                   "Marcus Feld.", fmt) == []
    # two undated investments may be two rounds
    assert flagged("Novaterra invested $50 million in Pellucid Labs. Novaterra invested $80 million in "
                   "Pellucid Labs.", fmt) == []


def test_where_the_pack_decides_it_is_a_fact_contradiction(fmt):
    body = "Voltaris Motors was founded in 2014. Voltaris Motors was founded in 2016."
    assert flagged(body, fmt) == [("fact-contradiction", "2016")]
