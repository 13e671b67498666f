"""Time expressions as day intervals, relative ones resolved against the draft's date."""

from __future__ import annotations

from datetime import date

import pytest

from copydesk.facts.timex import Interval, parse_iso, resolve, times_of

ANCHOR = date(2026, 4, 9)


@pytest.mark.parametrize("expression, start, end", [
    ("April 8, 2026", "2026-04-08", "2026-04-08"),
    ("8 April 2026", "2026-04-08", "2026-04-08"),
    ("April 8th, 2026", "2026-04-08", "2026-04-08"),
    ("2026-04-08", "2026-04-08", "2026-04-08"),
    ("June 2025", "2025-06-01", "2025-06-30"),
    ("Sept. 2025", "2025-09-01", "2025-09-30"),
    ("2023", "2023-01-01", "2023-12-31"),
    ("2026-2027", "2026-01-01", "2027-12-31"),
    ("early 2026", "2026-01-01", "2026-04-30"),
    ("mid-2025", "2025-04-01", "2025-09-30"),
    ("late 2025", "2025-09-01", "2025-12-31"),
    ("the end of 2025", "2025-10-01", "2025-12-31"),
    ("Q3 2025", "2025-07-01", "2025-09-30"),
    ("the first half of 2025", "2025-01-01", "2025-06-30"),
    ("summer 2025", "2025-06-01", "2025-08-31"),
    ("last year", "2025-01-01", "2025-12-31"),
    ("this month", "2026-04-01", "2026-04-30"),
    ("earlier this year", "2026-01-01", "2026-04-09"),
    ("less than a year ago", "2025-04-09", "2026-04-09"),
    ("nine months ago", "2025-06-09", "2025-08-09"),
    ("more than two years ago", "0001-01-01", "2024-04-09"),
    ("April 8", "2026-04-08", "2026-04-08"),
    ("March", "2026-03-01", "2026-03-31"),
    ("November", "2025-11-01", "2025-11-30"),
])
def test_resolve(expression, start, end):
    interval = resolve(expression, ANCHOR)
    assert (interval.start.isoformat(), interval.end.isoformat()) == (start, end)


@pytest.mark.parametrize("expression", ["June", "May 20", "mid-June"])
def test_a_month_just_ahead_of_the_draft_may_be_the_coming_one(expression):
    assert resolve(expression, ANCHOR) is None


@pytest.mark.parametrize("expression", ["last year", "nine months ago", "in June", "April 8"])
def test_relative_expressions_need_an_anchor(expression):
    assert resolve(expression.removeprefix("in "), None) is None


def test_pack_dates_and_their_precision():
    assert parse_iso("2025-06").iso() == "2025-06"
    assert parse_iso(2016).iso() == "2016"
    assert parse_iso(date(2025, 6, 30)).iso() == "2025-06-30"
    assert parse_iso("2025-13") is None and parse_iso("June 2025") is None


def test_iso_of_irregular_intervals():
    assert resolve("early 2026", ANCHOR).iso() == "2026"
    assert resolve("less than a year ago", ANCHOR).iso() == "2025-04-09/2026-04-09"


def test_the_word_before_a_date_opens_it():
    text = "since 2019 and until 2024 and after 2020 and in 2021"
    spans = [(6, 10), (21, 25), (36, 40), (48, 52)]
    found = [t[2] for t in times_of(text, spans, ANCHOR)]
    assert found[0] == Interval(date(2019, 1, 1), ANCHOR)
    assert found[1].end == date(2024, 12, 31) and found[1].start.year == 1
    assert found[2].start == date(2021, 1, 1)
    assert found[3] == Interval(date(2021, 1, 1), date(2021, 12, 31), "year")
