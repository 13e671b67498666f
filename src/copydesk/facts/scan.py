"""Where a text states dates and figures, found fast.

The full time and amount grammars are large alternations that are slow to try at every
position, so a cheap scan finds *anchors* first (a year, a month name, "ago", a digit, a scale
word) and the grammar is tried only at the few word starts just before each anchor. The
earliest start whose match covers the anchor wins, so "less than a year ago" and "more than
$10bn" are read whole.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copydesk.facts import amounts, regexcache, timex

if TYPE_CHECKING:
    from copydesk.facts.phrasings import TitleFinder

# A number, or a word a date or a figure holds (numbers and these words never overlap). The
# lookahead lists the first characters of the alternatives, so that most positions fail one
# test rather than one per alternative: keep it in step with them.
_ANCHOR = regexcache.compile(r"(?=[\dJFMASONDYaymwtb])(?:\d+|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
                             r"|ago\b|years?\b|months?\b|weeks?\b|[Yy]esterday|thousand|million|billion|trillion)")
_WORD_START = regexcache.compile(r"(?<![\w.,$€£¥₹'’-])(?=\S)")
_SCALES = frozenset(("thousand", "million", "billion", "trillion"))
_DATE_REACH, _AMOUNT_REACH = 40, 24


def scan(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(date spans, amount spans) inside ``spans`` of ``text``; a span is never both."""
    dated, counted = [], []
    for m in (m for lo, hi in spans for m in _ANCHOR.finditer(text, lo, hi)):
        date, count = _kinds(text, m)
        if count:
            counted.append(m.start())
        if date:
            dated.append(m.start())
    dates = _expand(text, dated, timex.TIMEX_RE, _DATE_REACH)
    figures = [s for s in _expand(text, [a for a in counted if not _inside(a, dates)], amounts.AMOUNT_RE,
                                  _AMOUNT_REACH) if not any(_overlap(s, d) for d in dates)]
    return dates, figures


def may_hold(text: str, lo: int, hi: int, figure: bool = False) -> bool:
    """Whether ``text[lo:hi]`` may hold a date (or a figure): a date or figure :func:`scan` finds
    there holds one of its anchors."""
    return any(_kinds(text, m)[figure] for m in _ANCHOR.finditer(text, lo, hi))


def _kinds(text: str, anchor: re.Match) -> tuple[bool, bool]:
    """Whether an anchor may be part of a date, and of a figure."""
    token, start = anchor.group(0), anchor.start()
    if not token[0].isdigit():
        return token not in _SCALES, token in _SCALES
    if start and text[start - 1] == "[" and text[anchor.end():anchor.end() + 1] in ("]", ",", "–", "-"):
        return False, False  # a citation marker: [3]
    return (len(token) == 4 and token[:2] in ("18", "19", "20")) or bool(start and text[start - 1] in "QH"), True


def _expand(text: str, anchors: list[int], pattern: re.Pattern, reach: int) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    done = 0
    for anchor in anchors:
        if anchor < done:
            continue
        starts = [m.start() for m in _WORD_START.finditer(text, max(done, anchor - reach), anchor + 1)]
        for start in starts or [anchor]:
            m = pattern.match(text, start)
            if m and m.end() > anchor:
                out.append(m.span())
                done = m.end()
                break
    return out


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def find_titles(text: str, spans: list[tuple[int, int]], titles: TitleFinder) -> list[tuple[int, int]]:
    """Role titles ("chief AI scientist", "CEO") in the sentences that may hold one."""
    return [found for lo, hi in spans for found in titles.spans(text, lo, hi)]
