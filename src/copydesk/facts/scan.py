"""Where a text states dates and figures, found fast.

The full time and amount grammars are large alternations that are slow to try at every
position, so a cheap scan finds *anchors* first (a year, a month name, "ago", a digit, a scale
word) and the grammar is tried only at the few word starts just before each anchor. The
earliest start whose match covers the anchor wins, so "less than a year ago" and "more than
$10bn" are read whole.
"""

from __future__ import annotations

import re

from copydesk.facts import amounts, regexcache, timex

_ANCHORS = (regexcache.compile(r"\d+"), regexcache.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|ago\b|years?\b"
                                           r"|months?\b|weeks?\b|[Yy]esterday|thousand|million|billion|trillion"))
_WORD_START = regexcache.compile(r"(?<![\w.,$€£¥₹'’-])(?=\S)")
_SCALES = frozenset(("thousand", "million", "billion", "trillion"))
_DATE_REACH, _AMOUNT_REACH = 40, 24


def scan(text: str, spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """(date spans, amount spans) inside ``spans`` of ``text``; a span is never both."""
    dated, counted = [], []
    hits = sorted((m for lo, hi in spans for pattern in _ANCHORS for m in pattern.finditer(text, lo, hi)),
                  key=lambda m: m.start())
    for m in hits:
        token, start = m.group(0), m.start()
        if token[0].isdigit():
            if start and text[start - 1] == "[" and text[m.end():m.end() + 1] in ("]", ",", "–", "-"):
                continue  # a citation marker: [3]
            counted.append(start)
            if (len(token) == 4 and token[:2] in ("18", "19", "20")) or (start and text[start - 1] in "QH"):
                dated.append(start)
        elif token in _SCALES:
            counted.append(start)
        else:
            dated.append(start)
    dates = _expand(text, dated, timex.TIMEX_RE, _DATE_REACH)
    figures = [s for s in _expand(text, [a for a in counted if not _inside(a, dates)], amounts.AMOUNT_RE,
                                  _AMOUNT_REACH) if not any(_overlap(s, d) for d in dates)]
    return dates, figures


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


def find_titles(text: str, spans: list[tuple[int, int]], titles: re.Pattern, hints: re.Pattern) -> list[tuple[int, int]]:
    """Role titles ("chief AI scientist", "CEO") in the sentences that may hold one."""
    out = []
    for lo, hi in spans:
        if hints.search(text[lo:hi].lower()):
            out.extend(m.span() for m in titles.finditer(text, lo, hi))
    return out
