"""Money figures and counts, with the precision they are written at.

A draft's "$14bn" means 13.5bn..14.5bn: its own rounding is its tolerance, so it agrees with
a pack's 14.3e9 while "$15bn" does not. Hedges widen or bound the figure ("about $15bn",
"more than $10bn"). Every amount is an interval of values in one unit; two amounts agree
when their intervals overlap and their units match.
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from copydesk.facts import regexcache

CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "euros": "EUR", "euro": "EUR", "pounds": "GBP",
                  "yen": "JPY", "rupees": "INR"}
CURRENCY_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR", "CAD", "AUD")
_SYMBOL_OF = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "INR": "₹"}
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}
_SCALE_WORDS = {1e12: "trillion", 1e9: "billion", 1e6: "million"}
_NUMBER_WORDS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "half a": 0.5}

_HEDGES = {
    "approx": ("about", "around", "roughly", "approximately", "some", "an estimated", "circa", "~", "almost",
               "nearly", "close to", "just under"),
    "lower": ("more than", "over", "above", "at least", "upwards of", "north of", "in excess of", "just over"),
    "upper": ("less than", "under", "below", "up to", "at most", "as much as"),
}
_HEDGE = "|".join(sorted((re.escape(h) for hs in _HEDGES.values() for h in hs), key=len, reverse=True))
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDNUM = r"(?:a|one|two|three|four|five|six|seven|eight|nine|ten|half a)"
_SYM = r"(?:US\$|\$|€|£|¥|₹)"
_CODE = r"(?:USD|EUR|GBP|JPY|CHF|CNY|INR|CAD|AUD)"
_BIG = r"(?:thousand|million|billion|trillion)"
_ABBR = r"(?:bn|mn|mln|tn|[kKmMbBtT])"
_WORDS = r"(?:dollars|euros|pounds|yen|rupees)"


def _one(tag: str) -> str:
    """One figure: $14.3bn, US$ 15 billion, 14.3 billion dollars, EUR 2m, 1.2 billion, 49%.

    A scale letter ("m", "bn") counts only after a currency ("5m" may be metres); the figure
    must end a word. ``tag`` names the currency group, so a range can hold two figures.
    """
    return (rf"(?:(?P<{tag}>{_SYM}|{_CODE})\s?)?(?:{_NUM}|{_WORDNUM}(?=\s{_BIG}))"
            rf"(?:\s?(?:{_BIG}|(?({tag}){_ABBR}|(?!))))?(?:\s?(?:%|per ?cent|{_WORDS}|{_CODE}))?\+?(?!\w)")


_ONE = _one("cur")
# A figure, a range of two ("$115bn to $135bn", "between 5% and 7%"), a hedge before it.
AMOUNT = (rf"(?<![\w.,])(?:(?:{_HEDGE})\s+)?(?:between\s+{_ONE}\s+(?:and|to)\s+{_one('cur2')}"
          rf"|{_one('cur3')}(?:\s?(?:to|-|–)\s?{_one('cur4')})?)")
AMOUNT_RE = regexcache.compile(AMOUNT, re.IGNORECASE)
_HEDGE_LEAD = regexcache.compile(rf"({_HEDGE})\s+", re.IGNORECASE)
_ONE_RE = regexcache.compile(_ONE, re.IGNORECASE)


class Amount(NamedTuple):
    """A figure as the interval of values it allows. ``value`` is the figure as written."""

    value: float
    low: float
    high: float
    unit: str  # ISO currency code, "%" or "" for a count
    rounding: float = 0.0  # relative: half a unit of the last digit written, over the value

    def overlaps(self, other: Amount) -> bool:
        return self.unit == other.unit and self.low <= other.high and other.low <= self.high

    @property
    def exact(self) -> bool:
        """A plain figure (no range, bound or hedge): one a ledger can compare as a value."""
        spread = self.value * self.rounding
        return math.isclose(self.low, self.value - spread) and math.isclose(self.high, self.value + spread)

    def canonical(self) -> str:
        return canonical(self.value, self.unit)


def canonical(value: float, unit: str) -> str:
    """``"14.3e9 USD"``: equal for equal amounts however they were written."""
    for exponent in (12, 9, 6, 3):
        if abs(value) >= 10 ** exponent:
            text = f"{round(value / 10 ** exponent, 6):g}e{exponent}"
            break
    else:
        text = f"{round(value, 6):g}"
    return f"{text} {unit}".strip()


def describe(value: float, unit: str) -> str:
    """A reader's rendering for messages: ``$14.3 billion``, ``49%``."""
    scale = next((s for s in (1e12, 1e9, 1e6) if abs(value) >= s), None)
    number = f"{round(value / scale, 3):g} {_SCALE_WORDS[scale]}" if scale else f"{value:,.6g}"
    if unit == "%":
        return f"{number}%"
    if unit in _SYMBOL_OF:
        return f"{_SYMBOL_OF[unit]}{number}"
    return f"{number} {unit}".strip()


def _rounding(number: str) -> float:
    """Half a unit of the last significant digit written: 14.3 -> 0.05, 150 -> 5, 100 -> 50."""
    digits = number.replace(",", "")
    if "." in digits:
        return 0.5 * 10 ** -len(digits.split(".")[1])
    stripped = digits.rstrip("0")
    if len(digits) < 3 or not stripped:  # "10" and "20" are exact; "100" and "150" may be round
        return 0.5
    return 0.5 * 10 ** (len(digits) - len(stripped))


_PARTS = regexcache.compile(
    rf"(?P<sym>{_SYM})?\s?(?P<code>{_CODE})?\s?(?P<num>{_NUM}|{_WORDNUM})\s?"
    rf"(?P<scale>{_BIG}|{_ABBR}(?![a-z]))?\s?(?P<unit>%|per ?cent|{_WORDS}|{_CODE})?\+?",
    re.IGNORECASE)


class _Figure(NamedTuple):
    number: float  # as written, before its scale word
    rounding: float  # absolute, before scaling
    scale: float | None
    unit: str


def _figure(text: str) -> _Figure | None:
    m = _PARTS.fullmatch(text.strip())
    if not m:
        return None
    word = m.group("num").lower()
    if word in _NUMBER_WORDS:
        number, rounding = _NUMBER_WORDS[word], 0.5
    else:
        number, rounding = float(word.replace(",", "")), _rounding(word)
    unit = ""
    if m.group("sym"):
        unit = CURRENCY_SYMBOLS[m.group("sym").lower()]
    elif m.group("code"):
        unit = m.group("code").upper()
    suffix = (m.group("unit") or "").lower()
    if suffix in CURRENCY_WORDS:
        unit = CURRENCY_WORDS[suffix]
    elif suffix.startswith("per") or suffix == "%":
        unit = "%"
    elif suffix:
        unit = suffix.upper()
    scale = SCALES[m.group("scale").lower()] if m.group("scale") else None
    return _Figure(number, rounding, scale, unit)


def parse(text: str) -> Amount | None:
    """The amount a draft's figure stands for, hedges and ranges included."""
    s = re.sub(r"\s+", " ", text.strip())
    kind = "exact"
    hedge = _HEDGE_LEAD.match(s)
    if hedge:
        word = hedge.group(1).lower()
        kind = next(k for k, words in _HEDGES.items() if word in words)
        s = s[hedge.end():]
    s = re.sub(r"^between\s+", "", s, flags=re.IGNORECASE)
    if s.endswith("+"):
        kind = "lower"
    figures = [_figure(m.group(0)) for m in _ONE_RE.finditer(s)][:2]
    if not figures or None in figures:
        return None
    first = figures[-1] if len(figures) == 2 else figures[0]
    scale, unit = first.scale or 1.0, first.unit
    lead = figures[0]
    value = lead.number * (lead.scale or scale)
    rounding = lead.rounding * (lead.scale or scale)
    unit = lead.unit or unit
    if len(figures) == 2:  # a range: "$115bn to $135bn", "$115 to $135 billion", "10-12%"
        top = figures[1]
        high = top.number * (top.scale or 1.0) + top.rounding * (top.scale or 1.0)
        return Amount(value, value - rounding, high, unit, 0.0)
    relative = rounding / value if value else 0.0
    if kind == "approx":
        spread = max(rounding, 0.1 * value)
        return Amount(value, value - spread, value + spread, unit, relative)
    if kind == "lower":
        return Amount(value, value - rounding, math.inf, unit, relative)
    if kind == "upper":
        return Amount(value, 0.0, value + rounding, unit, relative)
    return Amount(value, value - rounding, value + rounding, unit, relative)


# --- pack amounts -------------------------------------------------------------------------

_PACK_AMOUNT = regexcache.compile(r"\s*([-+]?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s*([A-Z]{3}|%)?\s*")


def parse_pack_amount(value) -> tuple[float, str] | None:
    """A pack's ``amount:`` (``14.3e9 USD``, ``49 %``, a bare number): (value, unit)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value), ""
    if not isinstance(value, str):
        return None
    m = _PACK_AMOUNT.fullmatch(value)
    if not m:
        return None
    return float(m.group(1)), m.group(2) or ""


def pack_interval(value: float, unit: str, tolerance: float | None) -> Amount:
    """A pack amount with its tolerance (relative), as an interval."""
    spread = abs(value) * (tolerance or 0.0)
    return Amount(value, value - spread, value + spread, unit, tolerance or 0.0)
