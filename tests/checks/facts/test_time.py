"""Statements are judged at the time they speak of: a date in the sentence, else the draft's.

Pack: Priya Raman ran Voltaris Motors from March 2014 to September 2023, Marcus Feld since;
Lena Brandt was Helix Biogen's chief scientist 2016 to June 2024; the Voltaris Arc came out
on 18 May 2021; Voltaris was founded in March 2014.
"""

from __future__ import annotations

import pytest
from factcases import flagged

HIT = "fact-contradiction"


@pytest.mark.parametrize("sentence, value", [
    ("In 2021, Voltaris was led by Marcus Feld.", "Marcus Feld"),
    ("In 2019, Marcus Feld, Voltaris's chief executive, opened a plant.", "Marcus Feld"),
    ("Lena Brandt, Helix's chief scientist, announced her departure in September 2024.", "chief scientist"),
])
def test_a_date_in_the_sentence_sets_the_time(sentence, value, fmt):
    assert flagged(sentence, fmt) == [(HIT, value)]


@pytest.mark.parametrize("sentence", [
    "In 2021, Voltaris was led by Priya Raman.",
    "In 2019, Priya Raman, Voltaris's chief executive, opened a plant.",
    # the role ended in June 2024: stated for that month, it holds
    "Lena Brandt, Helix's chief scientist, announced her departure in June 2024.",
    "Priya Raman has led Voltaris Motors since 2014.",
])
def test_statements_true_at_their_time(sentence, fmt):
    assert flagged(sentence, fmt) == []


def test_the_drafts_own_date_when_the_sentence_has_none(fmt):
    sentence = "Voltaris Motors, led by Priya Raman, unveiled a sedan."
    assert flagged(sentence, fmt, date="2022-06-01") == []
    assert flagged(sentence, fmt, date="2024-06-01") == [(HIT, "Priya Raman")]


def test_an_undated_draft_is_judged_only_where_every_time_agrees(fmt):
    # Raman led Voltaris once: with no date, the packs cannot say the draft is wrong
    assert flagged("Voltaris Motors, led by Priya Raman, unveiled a sedan.", fmt, date=None) == []
    # Lind never did, at any time since the company was founded
    assert flagged("Voltaris Motors, led by Tomas Lind, unveiled a sedan.", fmt, date=None) == [(HIT, "Tomas Lind")]
    # a founding date needs no time to be judged
    assert flagged("Voltaris Motors was founded in 2016.", fmt, date=None) == [(HIT, "2016")]


@pytest.mark.parametrize("sentence, date, expected", [
    ("The Voltaris Arc was released in mid-2021.", "2026-03-01", []),
    ("The Voltaris Arc was released in early 2021.", "2026-03-01", [(HIT, "early 2021")]),
    ("The Voltaris Arc was released in late 2020.", "2026-03-01", [(HIT, "late 2020")]),
    ("The Voltaris Arc was released less than a year ago.", "2022-03-01", []),
    ("The Voltaris Arc was released less than a year ago.", "2023-03-01", [(HIT, "less than a year ago")]),
    ("The Voltaris Arc was released nine months ago.", "2022-02-15", []),
    ("The Voltaris Arc was released nine months ago.", "2022-09-15", [(HIT, "nine months ago")]),
    ("The Voltaris Arc was released last year.", "2022-01-10", []),
    ("The Voltaris Arc was released last year.", "2023-01-10", [(HIT, "last year")]),
    ("The Voltaris Arc was released in May.", "2021-11-01", []),
    ("The Voltaris Arc was released in March.", "2021-11-01", [(HIT, "March")]),
    # a month just after the draft's date may be the coming one: no verdict
    ("The Voltaris Arc was released in June.", "2022-05-01", []),
    ("Voltaris Motors was founded two years ago.", "2016-03-01", []),
    ("Voltaris Motors was founded in the first half of 2014.", "2026-03-01", []),
    ("Voltaris Motors was founded in Q3 2014.", "2026-03-01", [(HIT, "Q3 2014")]),
])
def test_relative_and_partial_dates(sentence, date, expected, fmt):
    assert flagged(sentence, fmt, date=date) == expected


def test_relative_dates_need_the_drafts_date(fmt):
    assert flagged("The Voltaris Arc was released last year.", fmt, date=None) == []


def test_past_tense_speaks_of_any_earlier_time(fmt):
    assert flagged("Priya Raman, who was Voltaris's chief executive, spoke.", fmt) == []
    assert flagged("Former Voltaris CEO Priya Raman spoke.", fmt) == []
    # ... but not of a time before the company existed
    assert flagged("Voltaris Motors was once led by Tomas Lind.", fmt) == [(HIT, "Tomas Lind")]
