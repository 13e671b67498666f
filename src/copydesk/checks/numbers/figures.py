"""The figure recogniser: every number in a stretch of prose, and what kind of quantity its own
form makes it (a currency, a suffix, a unit, the noun it counts).

What the context makes of a number (a version, a date, a citation marker) is
:mod:`.nonfigures`' job; who reports a figure is :mod:`.attribution`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.checks.numbers.lexicon import alternation, lower_set, strings, words

# Kinds of figure a reader wants sourced. Any other kind (duration, year, ordinal, label,
# modifier, small, base, vague) is not reported as a figure.
FIGURE_KINDS = frozenset({"money", "percent", "multiple", "measure", "magnitude", "count",
                          "score", "rate", "ratio"})
# Kinds whose own form says "quantity" (a unit, "million"): no version or label pattern applies.
QUANTITY_KINDS = frozenset({"money", "percent", "multiple", "magnitude"})

_UNITS = {n: i for i, n in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = {n: 10 * (i + 2) for i, n in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}


def _by_first_letter(alternatives: list[str]) -> str:
    """A case-insensitive alternation of words, grouped by first letter: ``[Tt](?i:wenty|en)``.

    The regex engine tries every branch of a case-insensitive alternation at each word start;
    a case-sensitive first-letter class lets it skip a whole group at once. Order within a
    group is kept, and groups exclude each other, so what matches is unchanged.
    """
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        groups.setdefault(alt[0], []).append(alt[1:])
    return "|".join(f"[{c.upper()}{c}](?i:{'|'.join(rest)})" for c, rest in groups.items())


# Spelled numbers: tens with an optional unit ("twenty-one"), then the units, longest first.
_SPELLED = _by_first_letter(
    [rf"{t}(?:[-\s](?:{'|'.join(list(_UNITS)[1:10])}))?" for t in _TENS]
    + sorted(_UNITS, key=len, reverse=True))
_SPELLED_FIRST = "aefhnostzAEFHNOSTZ"  # first letters of spelled numbers, "a" and "half a"
# Digits with thousands separators (, . thin space, narrow no-break space, no-break space)
# and decimals. A single dot group is a decimal ("1.234"); two or more are thousands.
_DIGITS = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
           r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?"
           r"|\d{1,3}(?:[\u2009\u202f\u00a0]\d{3})+(?:[.,]\d+)?"
           r"|\d+(?:\.\d+)?")
_WORD_SPLIT = re.compile(r"[-\s]+")
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_][\w’'-]*)")
_COMPOUND = re.compile(r"-([^\W\d_]+)")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*|\s+and\s+")
_DIMENSION = re.compile(r"\s?\d")
_BETWEEN = re.compile(r"between\s+\S*$", re.IGNORECASE)
_YEAR = re.compile(r"1[5-9]\d\d|20\d\d")
_YEAR_BEFORE = re.compile(
    r"(?<![\w])(?:in|since|by|until|till|from|during|before|after|early|late|mid|of|through|"
    r"circa|around|throughout|between|and|to|fiscal|FY|the)[\s-]+$", re.IGNORECASE)
# (unit found after the number, kind it makes), in order of precedence.
_UNIT_TO_KIND = (("currency", "money"), ("percent", "percent"), ("multiple", "multiple"),
               ("times", "multiple"), ("measure", "measure"))


@dataclass(slots=True)
class Number:
    """A number in the text. ``start``/``end`` span it as shown, currency symbol to suffix."""

    start: int
    end: int
    core: int  # where its digits (or spelled words) begin
    kind: str
    value: float | None = None
    noun: str | None = None  # the counted noun or unit that follows, if any

    @property
    def is_figure(self) -> bool:
        return self.kind in FIGURE_KINDS


def parse_value(core: str) -> float | None:
    """The value of digits ("8,712,721", "1.234.567,5", "1 988") or spelled words ("twenty-one")."""
    s = core.replace("\u2009", "").replace("\u202f", "").replace("\u00a0", "")
    if s[:1].isdigit():
        if s.count(".") > 1:
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
        try:
            return float(s)
        except ValueError:
            return None
    s = s.lower()
    if s in ("a", "half a"):
        return 1.0 if s == "a" else 0.5
    total = 0
    for part in _WORD_SPLIT.split(s):
        total += _UNITS.get(part, _TENS.get(part, 0))
    return float(total)


class FigureRecogniser:
    """Finds numbers and reads their kind from their own form; built once per rule pack."""

    def __init__(self, packs) -> None:
        mags = packs.section("magnitudes")
        self._mag_words = {w.lower(): float(m["value"]) for m in mags if isinstance(m, dict)
                           for w in strings([m], "words")}
        self._mag_suffixes = {s: float(m["value"]) for m in mags if isinstance(m, dict)
                              for s in strings([m], "suffixes")}
        cur = packs.section("currencies")
        units = {e.get("kind"): e for e in packs.section("figure_units") if isinstance(e, dict)}
        unit_kinds = ("percent", "multiple", "measure")
        unit_groups = "|".join(
            rf"(?P<{k}>\s?(?:{alternation(strings([units.get(k, {})], 'glued'))})(?![^\W_])"
            rf"|\s+{words(strings([units.get(k, {})], 'words'))})" for k in unit_kinds)
        atom = (rf"(?=\d)(?<![\d.,])(?P<digits>{_DIGITS})(?![\d])"
                rf"|(?=[{_SPELLED_FIRST}])(?<![\w-])(?i:(?P<words>{_SPELLED})(?![\w])"
                rf"|(?P<article>a|half\s+a)(?=\s+(?:{alternation(self._mag_words)})\b))")
        self._atom = re.compile(atom)
        # Where an atom starts. Leading with a character class lets the regex engine skip
        # through the text in a tight loop (a look-ahead first, as in the atom, does not);
        # mid-word letters are dropped by one look-behind, and the look-behind holding a
        # look-ahead then checks that the whole atom matches from that character.
        self._atom_start = re.compile(rf"[\d{_SPELLED_FIRST}](?<![\w-][a-zA-Z])(?<=(?={atom})[\s\S])")
        currency = (rf"(?:(?<![^\W\d_])(?:{alternation(strings(cur, 'symbols'))})"
                    rf"|(?<![\w])(?:{alternation(strings(cur, 'codes'))}))\s?")
        self._currency_before = re.compile(currency + "$")
        self._currency_lead = re.compile(currency)
        self._after = re.compile(
            rf"(?:(?P<mag>(?:\s+(?i:{alternation(self._mag_words)})(?![\w]))+)"
            rf"|(?P<magsuf>{alternation(self._mag_suffixes)})(?![^\W_]))?"
            rf"\+?"
            rf"(?:{unit_groups}"
            rf"|(?P<currency>\s+(?i:{words(strings(cur, 'words') + strings(cur, 'codes'), plural=True)}))"
            rf"|(?P<times>\s+times(?=\s+(?i:{words(packs.section('multiple_comparatives'))})))"
            rf"|(?P<ordinal>(?:st|nd|rd|th)(?![^\W_]))"
            rf"|(?P<decade>[’']?s(?![^\W_])))?"
            rf"\+?")
        self._time_unit = re.compile(words(packs.section("time_units"), plural=True) + "$", re.IGNORECASE)
        self._counted = lower_set(packs.section("counted_nouns"))
        self._model_size = lower_set(packs.section("model_size_nouns"))
        self._stop = lower_set(packs.section("function_words"))
        self._value_cue = re.compile(
            rf"(?i:{words(packs.section('value_cues'))})\s+(?:(?:about|around|nearly|almost|over|just|only|roughly)\s+)?$")
        self._ratio = re.compile(rf"\s+(?:in|out\s+of)\s+(?:(?:[1-9]\d{{0,2}}|1000)(?![\d,.])|(?i:{_SPELLED})\b)")
        self._rate = re.compile(rf"\s+(?:[^\W\d_][\w-]*\s+)?per\s+(?:{_DIGITS})")
        self._vague = [re.compile(e["pattern"], re.IGNORECASE) for e in packs.section("vague_figures")
                       if isinstance(e, dict) and "pattern" in e]

    # --- scanning ------------------------------------------------------------------------

    def scan(self, text: str, start: int, end: int) -> list[Number]:
        """Every number in ``text[start:end]``, ranges ("$115bn to $135bn") as one."""
        out: list[Number] = []
        taken = pos = start
        # What ``self._atom.finditer`` yields, found faster (see ``_atom_start``).
        while (hit := self._atom_start.search(text, pos, end)) is not None:
            m = self._atom.match(text, hit.start(), end)
            pos = m.end()
            if m.start() < taken:
                continue
            number = self._read(text, m, start, end)
            out.append(number)
            taken = number.end
        return out

    def vague(self, text: str, start: int, end: int) -> list[Number]:
        """Vague magnitudes ("hundreds of millions", "thousands of developers"), longest first."""
        found = sorted((m.span() for rx in self._vague for m in rx.finditer(text, start, end)),
                       key=lambda span: (span[0], -span[1]))
        out: list[Number] = []
        for s, e in found:
            if not out or s >= out[-1].end:
                out.append(Number(s, e, s, "vague"))
        return out

    def _read(self, text: str, m: re.Match, floor: int, end: int) -> Number:
        value = parse_value(m.group(0))
        cur = self._currency_before.search(text, max(floor, m.start() - 4), m.start())
        after = self._after.match(text, m.end(), end)
        units = _units(after, bool(cur))
        span_end = after.end()
        # A range shares the unit of either end: "$115bn to $135bn", "5-7%", "12–18 months".
        second = self._range_end(text, m, span_end, floor, end, units)
        if second is not None:
            span_end, second_units = second
            units = units or second_units
        kind, noun = self._kind(text, m, value, units, after, span_end, floor, end)
        if kind in ("rate", "ratio"):  # the base is part of the figure: "3 per 100,000", "one in five"
            span_end = (self._rate if kind == "rate" else self._ratio).match(text, span_end, end).end()
        return Number(cur.start() if cur else m.start(), span_end, m.start(), kind, value, noun)

    def _range_end(self, text, first: re.Match, pos, floor, end, units):
        """(end, units) of the second number when a range follows at ``pos``, else None."""
        join = _RANGE_JOIN.match(text, pos, end)
        if not join:
            return None
        if join.group(0).strip() == "and" and not _BETWEEN.search(text, max(floor, first.start() - 12), first.start()):
            return None
        cur = self._currency_lead.match(text, join.end(), end)
        nxt = self._atom.match(text, cur.end() if cur else join.end(), end)
        if not nxt or nxt.group("article") or bool(nxt.group("digits")) != bool(first.group("digits")):
            return None
        after = self._after.match(text, nxt.end(), end)
        second_units = _units(after, bool(cur))
        if units and second_units and units != second_units:
            return None
        return after.end(), second_units

    def _kind(self, text, m, value, units, after, span_end, floor, end) -> tuple[str, str | None]:
        """The kind of quantity, in order of precedence: a unit decides, then the noun, then size."""
        noun, duration, compound, capital_after = self._follows(text, span_end, end)
        for unit, kind in _UNIT_TO_KIND:
            if unit in units:
                if kind == "multiple" and _DIMENSION.match(text, span_end, end):
                    return "dimension", None
                return kind, noun
        if "ordinal" in units:
            return "ordinal", None
        digits = m.group("digits") or ""
        if "decade" in units and core_is_decade(digits):
            return "year", None
        year_like = bool(_YEAR.fullmatch(digits))
        if duration:
            return ("year" if year_like else "duration"), noun  # "the 2026-2027 season"
        if after.group("mag"):
            value = (value or 0) * _product(self._mag_words, after.group("mag"))
            if value >= 1000:
                return "magnitude", noun
        elif after.group("magsuf"):
            # "2.5bn" is a magnitude and "3B users" a count; a lone letter is ambiguous: "17B"
            # or "70B parameters" names a model size, "4K" a resolution, "100m" a distance.
            if len(after.group("magsuf")) > 1:
                return "magnitude", noun
            counts = noun is not None and noun.lower() not in self._model_size
            return ("count" if counts else "label"), noun
        if compound:
            return "modifier", None
        if year_like and _YEAR_BEFORE.search(text, max(floor, m.start() - 12), m.start()):
            return "year", None
        if noun and value is not None and (value >= 10 or value != int(value)):
            return "count", noun
        if self._value_cue.search(text, max(floor, m.start() - 40), m.start()):
            return "score", noun
        if self._rate.match(text, span_end, end):
            return "rate", noun
        if self._ratio.match(text, span_end, end):
            return "ratio", noun
        if year_like:
            return "year", None
        if digits and value is not None and value >= 1000:
            # "1600 Pennsylvania Avenue" is an address; "8,712,721" a count.
            return ("label" if capital_after and digits.isdigit() else "count"), noun
        return "small", noun

    def _follows(self, text: str, pos: int, end: int) -> tuple[str | None, bool, bool, bool]:
        """(counted noun, is a duration, is a hyphen compound, a capitalised word follows).

        Up to two modifiers may stand between the number and its noun ("1,000 medical
        professionals"); a function word ends the search ("8,712,721 from HuggingFace").
        """
        compound = _COMPOUND.match(text, pos, end)
        if compound:
            word = compound.group(1)
            return None, bool(self._time_unit.match(word)), True, False
        capital_after = False
        for i in range(3):
            w = _NEXT_WORD.match(text, pos, end)
            if not w:
                break
            word = w.group(1).rstrip("’'-")
            lower = word.lower()
            if lower in self._stop:
                break
            if self._time_unit.match(word):
                return None, True, False, False
            if lower in self._counted or _plural(word):
                return word, False, False, False
            if i == 0 and word[0].isupper():
                capital_after = True
            pos = w.end()
        return None, False, False, capital_after


def _units(after: re.Match, currency: bool) -> frozenset[str]:
    found = {k for k in ("percent", "multiple", "measure", "currency", "times", "ordinal", "decade") if after.group(k)}
    if currency:
        found.add("currency")
    return frozenset(found)


def _product(mag_words: dict[str, float], text: str) -> float:
    total = 1.0
    for w in text.split():
        total *= mag_words.get(w.lower(), 1.0)
    return total


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "’s", "'s"))


def core_is_decade(core: str) -> bool:
    """ "1990s", "90s", "2020s": a decade is written with a final zero."""
    return core.endswith("0") and len(core) in (2, 4)
