"""Time as closed day intervals: pack dates, and the time expressions drafts use.

A draft's "early 2026" or "less than a year ago" and a pack's ``2025-06`` all become an
:class:`Interval`; two statements about a date agree when their intervals overlap. Relative
expressions need the draft's date (its *anchor*); without one they resolve to nothing, and a
check that cannot place a statement in time says nothing about it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from copydesk.facts import regexcache

EARLIEST = date(1, 1, 1)
LATEST = date(9999, 12, 31)


class Interval(NamedTuple):
    """Days ``start``..``end`` inclusive. ``precision`` is day, month, year or "" (irregular)."""

    start: date
    end: date
    precision: str = ""

    def overlaps(self, other: Interval) -> bool:
        return self.start <= other.end and other.start <= self.end

    def covers(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end

    def clip(self, start: date | None = None, end: date | None = None) -> Interval:
        return Interval(max(self.start, start or EARLIEST), min(self.end, end or LATEST), "")

    @property
    def bounded(self) -> bool:
        return self.start > EARLIEST and self.end < LATEST

    def iso(self) -> str:
        """The smallest ISO date that holds the interval, or ``start/end`` when none does."""
        s, e = self.start, self.end
        if self.precision == "day" or s == e:
            return s.isoformat()
        if s.year == e.year:
            if s.month == e.month and s.day == 1 and e.day == _last_day(e.year, e.month):
                return f"{s.year:04d}-{s.month:02d}"
            if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) or self.precision == "year":
                return f"{s.year:04d}"
            if s.month == e.month:
                return f"{s.year:04d}-{s.month:02d}"
            return f"{s.year:04d}"
        lo = "" if s == EARLIEST else s.isoformat()
        hi = "" if e == LATEST else e.isoformat()
        return f"{lo}/{hi}"


def _last_day(year: int, month: int) -> int:
    """Days in a month (``calendar.monthrange`` without importing ``calendar`` and ``locale``)."""
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def month_interval(year: int, month: int) -> Interval:
    return Interval(date(year, month, 1), date(year, month, _last_day(year, month)), "month")


def year_interval(year: int) -> Interval:
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def months_of(year: int, first: int, last: int) -> Interval:
    return Interval(date(year, first, 1), date(year, last, _last_day(year, last)))


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(day.day, _last_day(year, month + 1)))


# --- pack dates ---------------------------------------------------------------------------

_ISO = regexcache.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


def parse_iso(value) -> Interval | None:
    """A pack date (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; YAML may hand us an int or a date)."""
    if isinstance(value, date):
        return Interval(value, value, "day")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    m = _ISO.fullmatch(value.strip())
    if not m:
        return None
    year = int(m.group(1))
    try:
        if m.group(3):
            day = date(year, int(m.group(2)), int(m.group(3)))
            return Interval(day, day, "day")
        if m.group(2):
            return month_interval(year, int(m.group(2)))
        return year_interval(year)
    except ValueError:
        return None


def iso_of(value) -> str | None:
    """A pack date as the ISO text it stands for (for messages), or None when invalid."""
    interval = parse_iso(value)
    return None if interval is None else interval.iso()


# --- draft expressions ----------------------------------------------------------------------

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: v for m, v in list(MONTHS.items())})
MONTHS["sept"] = 9

# Month names are matched case-sensitively: "may" is a verb, "May" is usually the month.
_MONTH = (r"(?-i:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?"
          r"|Aug(?:ust|\.)?|Sep(?:t(?:ember)?)?\.?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)")
_YEAR = r"(?:18|19|20)\d\d"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18,
    "twenty": 20, "thirty": 30, "a couple of": 2, "a few": 3, "several": 5,
}
_COUNT = r"(?:\d{1,3}|a couple of|a few|several|" + "|".join(
    sorted((w for w in _NUMBER_WORDS if " " not in w), key=len, reverse=True)) + ")"
_UNIT = r"(?:years?|months?|weeks?|days?|decades?)"
_SEASONED = (r"(?:early|mid|late|the (?:start|beginning|end|middle|first half|second half) of"
             r"|(?:the )?(?:spring|summer|autumn|fall|winter)(?: of)?"
             r"|the (?:first|second|third|fourth|last) quarter of)")
_REL_HEDGE = (r"(?:(?:less|fewer|more) than|under|over|just over|just under|nearly|almost|about|around"
              r"|roughly|some|approximately|barely|only)")

# The whole expression, without capturing groups, so that it can sit inside a phrasing.
TIMEX = (
    r"(?<![\w])(?=[\dA-Za-z])(?:"
    rf"{_MONTH} {_DAY},? {_YEAR}"  # April 8, 2026
    rf"|{_DAY} (?:of )?{_MONTH},? {_YEAR}"  # 8 April 2026
    rf"|{_YEAR}-[01]\d-[0-3]\d|{_YEAR}/[01]\d/[0-3]\d"  # 2026-04-08
    rf"|(?:early|mid|late)[- ]{_MONTH}(?:,? {_YEAR})?"  # mid-June 2025
    rf"|{_SEASONED}[- ]{_YEAR}"  # early 2026, the end of 2025
    rf"|(?:[QH][1-4]|the (?:first|second|third|fourth) quarter of) {_YEAR}|{_YEAR} [QH][1-4]"
    rf"|(?:early|late|earlier|later) (?:this|last) year|the (?:start|beginning|end) of (?:this|last) year"
    rf"|{_MONTH}(?: of)?,? {_YEAR}"  # June 2025
    rf"|{_MONTH} {_DAY}\b(?!,? {_YEAR})"  # April 8
    rf"|(?:{_REL_HEDGE} )?{_COUNT} {_UNIT} ago"  # nine months ago, less than a year ago
    r"|(?:last|this|next) (?:year|month|week)|the (?:previous|following) year|yesterday"
    rf"|(?:(?<=\bin )|(?<=\bIn )|(?<=\bduring )|(?<=\bsince )){_MONTH}\b(?! {_DAY})"  # in June
    rf"|(?<![\d.,$€£/-]){_YEAR}(?:\s?[-–]\s?(?:{_YEAR}|\d\d))?(?![\d%]|[.,]\d|-\d|\s?(?:bn|mn|m|k)\b)"
    r")"
)
TIMEX_RE = regexcache.compile(TIMEX, re.IGNORECASE)


def resolve(expression: str, anchor: date | None) -> Interval | None:
    """The interval a time expression stands for, ``anchor`` being the draft's date."""
    text = re.sub(r"\s+", " ", expression.strip()).replace("–", "-")
    for parse in (_absolute, _qualified, _relative):
        found = parse(text, anchor)
        if found is not False:
            return found
    return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTHS[key[:3]]


def _day_interval(year: int, month: int, day: int) -> Interval | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return Interval(d, d, "day")


_FULL_MDY = regexcache.compile(rf"({_MONTH}) ({_DAY}),? ({_YEAR})", re.IGNORECASE)
_FULL_DMY = regexcache.compile(rf"({_DAY}) (?:of )?({_MONTH}),? ({_YEAR})", re.IGNORECASE)
_FULL_ISO = regexcache.compile(rf"({_YEAR})[-/]([01]\d)[-/]([0-3]\d)")
_MONTH_YEAR = regexcache.compile(rf"({_MONTH})(?: of)?,? ({_YEAR})", re.IGNORECASE)
_MONTH_DAY = regexcache.compile(rf"({_MONTH}) ({_DAY})", re.IGNORECASE)
_MONTH_ONLY = regexcache.compile(_MONTH, re.IGNORECASE)
_YEAR_ONLY = regexcache.compile(rf"({_YEAR})(?: ?- ?({_YEAR}|\d\d))?")


def _absolute(text: str, anchor: date | None):
    """Dates that name their year or day: False when ``text`` is not one of them."""
    for pattern, order in ((_FULL_MDY, "mdy"), (_FULL_DMY, "dmy"), (_FULL_ISO, "iso")):
        m = pattern.fullmatch(text)
        if m:
            if order == "mdy":
                return _day_interval(int(m.group(3)), _month(m.group(1)), int(re.sub(r"\D", "", m.group(2))))
            if order == "dmy":
                return _day_interval(int(m.group(3)), _month(m.group(2)), int(re.sub(r"\D", "", m.group(1))))
            return _day_interval(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MONTH_YEAR.fullmatch(text)
    if m:
        return month_interval(int(m.group(2)), _month(m.group(1)))
    m = _YEAR_ONLY.fullmatch(text)
    if m:
        first = int(m.group(1))
        if not m.group(2):
            return year_interval(first)
        last = int(m.group(2)) if len(m.group(2)) == 4 else first // 100 * 100 + int(m.group(2))
        return Interval(date(first, 1, 1), date(last, 12, 31)) if last >= first else None
    m = _MONTH_DAY.fullmatch(text)
    if m:
        return _undated(anchor, _month(m.group(1)), int(re.sub(r"\D", "", m.group(2))))
    if _MONTH_ONLY.fullmatch(text):
        return _undated(anchor, _month(text), None)
    return False


def _undated(anchor: date | None, month: int, day: int | None) -> Interval | None:
    """A month (and day) without a year: the latest one not after the draft's date.

    Within two months after the draft's date it may be the coming one: unknown.
    """
    if anchor is None:
        return None
    year = anchor.year
    if (month, day or 1) > (anchor.month, anchor.day if day else 1):
        ahead = (month - anchor.month) % 12
        if ahead <= 2:
            return None
        year -= 1
    if day is None:
        return month_interval(year, month)
    return _day_interval(year, month, day)


_PART_OF_YEAR = {
    "early": (1, 4), "mid": (4, 9), "late": (9, 12),
    "the start of": (1, 3), "the beginning of": (1, 3), "the end of": (10, 12),
    "the middle of": (4, 9), "the first half of": (1, 6), "the second half of": (7, 12),
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (1, 12),
    "the first quarter of": (1, 3), "the second quarter of": (4, 6), "the third quarter of": (7, 9),
    "the fourth quarter of": (10, 12), "the last quarter of": (10, 12),
    "q1": (1, 3), "q2": (4, 6), "q3": (7, 9), "q4": (10, 12), "h1": (1, 6), "h2": (7, 12),
}
_QUALIFIED_YEAR = regexcache.compile(rf"(.+?)[- ]({_YEAR})", re.IGNORECASE)
_YEAR_QUARTER = regexcache.compile(rf"({_YEAR}) ([QH][1-4])", re.IGNORECASE)
_QUALIFIED_MONTH = regexcache.compile(rf"(early|mid|late)[- ]({_MONTH})(?:,? ({_YEAR}))?", re.IGNORECASE)
_QUALIFIED_RELATIVE = regexcache.compile(
    r"(early|late|earlier|later|the start of|the beginning of|the end of) (this|last) year", re.IGNORECASE)


def _qualified(text: str, anchor: date | None):
    """Parts of a year or month: "early 2026", "Q3 2025", "mid-June", "late last year"."""
    m = _QUALIFIED_MONTH.fullmatch(text)
    if m:
        month = _month(m.group(2))
        if m.group(3):
            whole = month_interval(int(m.group(3)), month)
        else:
            whole = _undated(anchor, month, None)
            if whole is None:
                return None
        last = whole.end.day
        first, final = {"early": (1, 15), "mid": (8, 23), "late": (15, last)}[m.group(1).lower()]
        return Interval(whole.start.replace(day=first), whole.start.replace(day=final))
    m = _YEAR_QUARTER.fullmatch(text)
    if m:
        first, last = _PART_OF_YEAR[m.group(2).lower()]
        return months_of(int(m.group(1)), first, last)
    m = _QUALIFIED_RELATIVE.fullmatch(text)
    if m:
        if anchor is None:
            return None
        part, which = m.group(1).lower(), m.group(2).lower()
        year = anchor.year - (which == "last")
        if which == "this" and part == "earlier":
            return Interval(date(year, 1, 1), anchor)
        if which == "this" and part == "later":
            return Interval(anchor, date(year, 12, 31))
        first, last = _PART_OF_YEAR.get(part, (1, 6) if part == "earlier" else (7, 12))
        return months_of(year, first, last)
    m = _QUALIFIED_YEAR.fullmatch(text)
    if m:
        part = m.group(1).lower()
        season = re.sub(r"^(?:the )?(spring|summer|autumn|fall|winter)(?: of)?$", r"\1", part)
        part = season if season in _PART_OF_YEAR else part
        if part in _PART_OF_YEAR:
            first, last = _PART_OF_YEAR[part]
            return months_of(int(m.group(2)), first, last)
    return False


_AGO = regexcache.compile(rf"(?:({_REL_HEDGE}) )?({_COUNT}) ({_UNIT}) ago", re.IGNORECASE)
_CALENDAR = regexcache.compile(r"(last|this|next) (year|month|week)|the (previous|following) year|yesterday", re.IGNORECASE)
_UNIT_MONTHS = {"year": 12, "month": 1, "decade": 120}
_UNIT_DAYS = {"week": 7, "day": 1}


def _relative(text: str, anchor: date | None):
    """Expressions counted back from the draft's date: "nine months ago", "last year"."""
    m = _CALENDAR.fullmatch(text)
    if m:
        if anchor is None:
            return None
        if text.lower() == "yesterday":
            d = anchor - timedelta(days=1)
            return Interval(d, d, "day")
        which = (m.group(1) or m.group(3)).lower()
        step = {"last": -1, "previous": -1, "this": 0, "next": 1, "following": 1}[which]
        unit = (m.group(2) or "year").lower()
        if unit == "year":
            return year_interval(anchor.year + step)
        if unit == "month":
            first = add_months(anchor.replace(day=1), step)
            return month_interval(first.year, first.month)
        start = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)
        return Interval(start, start + timedelta(days=6))
    m = _AGO.fullmatch(text)
    if not m:
        return False
    if anchor is None:
        return None
    hedge = (m.group(1) or "").lower()
    count = m.group(2).lower()
    low = high = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    if count == "a few":
        low, high = 2, 4
    elif count == "several":
        low, high = 3, 9
    unit = m.group(3).lower().rstrip("s")

    def back(n: float) -> date:
        if unit in _UNIT_DAYS:
            return anchor - timedelta(days=round(n * _UNIT_DAYS[unit]))
        return add_months(anchor, -round(n * _UNIT_MONTHS[unit]))

    if hedge in ("less than", "fewer than", "under", "just under", "barely", "only"):
        return Interval(back(high), anchor)
    if hedge in ("nearly", "almost"):
        return Interval(back(high), back(max(low - 1, 0)))
    if hedge in ("more than", "over", "just over"):
        return Interval(back(high + 1) if hedge == "just over" else EARLIEST, back(low))
    fuzz = 1.0 if hedge in ("about", "around", "roughly", "some", "approximately") else 0.5
    if unit in ("month", "week", "day"):
        fuzz *= 2  # "nine months ago" is rarely exact to the month
    return Interval(back(high + fuzz), back(max(low - fuzz, 0)))


# --- the time a sentence speaks of ------------------------------------------------------------

_BEFORE = regexcache.compile(r"\b(since|from|until|till|through|before|prior to|after|by|as of)\s+$", re.IGNORECASE)


def times_of(text: str, spans: list[tuple[int, int]], anchor: date | None) -> list[tuple[int, int, Interval]]:
    """The time expressions at ``spans`` of ``text`` with what they mean there.

    The word before one counts: "since 2025" runs to the draft's date, "until 2024" from
    any time before.
    """
    out = []
    for start, end in spans:
        interval = resolve(text[start:end], anchor)
        if interval is None:
            continue
        lead = _BEFORE.search(text, max(0, start - 12), start)
        word = lead.group(1).lower() if lead else ""
        if word in ("since", "from"):
            interval = Interval(interval.start, anchor or LATEST)
        elif word in ("until", "till", "through", "by"):
            interval = Interval(EARLIEST, interval.end)
        elif word in ("before", "prior to"):
            interval = Interval(EARLIEST, interval.start - timedelta(days=1))
        elif word == "after":
            interval = Interval(interval.end + timedelta(days=1), LATEST)
        out.append((start, end, interval))
    return out


def parse_anchor(iso: str | None) -> date | None:
    """The draft's date as a day (a month or year date is taken at its last day)."""
    interval = parse_iso(iso) if iso else None
    return interval.end if interval else None
