"""The non-figure classifier: numbers whose context makes them a name, a date, a label, a
citation marker, part of a URL or identifier, list numbering or page furniture.

Structural cases (citations, URLs, code, identifiers, list numbering) are decided here; the
lexical ones are the ``not_figures``, ``number_idioms`` and ``page_metadata`` patterns of
``rules/numbers.yaml``, so a desk adds a product-naming habit without Python.
"""

from __future__ import annotations

import re

from copydesk.checks.numbers.figures import QUANTITY_KINDS, Number
from copydesk.checks.numbers.lexicon import alternation, compile_any, compile_entry
from copydesk.checks.numbers.names import Names
from copydesk.model import LIST_ITEM, Block
from copydesk.readers.common import MONTHS, URL_RE

_NUMBER = r"(?<![\d.,])(?P<n>\d(?:[\d,.\u2009\u202f\u00a0]*\d)?)"
_NAME = r"(?<![\w’'&.-])(?P<name>[A-Z][\w&+.-]*|[a-z]+[A-Z][\w&+.-]*)"
_MONTH = rf"(?<![\w])(?:{alternation(m.capitalize() for m in MONTHS)})(?![a-z])"
_MAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
# Code in the source file: readers keep inline code as prose, so look where it came from.
_SOURCE_CODE = re.compile(r"`[^`\n]+`|<(code|kbd|samp|var)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_LIST_NUMBER = re.compile(r"\s*[(\[]?\d{1,3}[.):\]]\s")
_OPENERS = "([{\"'“‘~≈+−–-<>≥≤"
_CLOSERS = ")]}\"'”’.,;:!?…"
_SHORT_BLOCK_WORDS = 12
_WINDOW = 40  # characters around a number that its context patterns may span


class NonFigureClassifier:
    """Says why a number is not a figure, or nothing; built once per rule pack."""

    def __init__(self, packs) -> None:
        label = rf"(?<![\w’'])(?:{alternation(packs.section('label_words'))})"
        fill = {"n": _NUMBER, "name": _NAME, "month": _MONTH, "label": label}
        self._patterns = [(compile_entry(e, "not_figures", **fill), e.get("why", "not a figure"))
                          for e in packs.section("not_figures")]
        self._idioms = compile_any(packs.section("number_idioms"), "number_idioms", re.IGNORECASE)
        self._page = compile_any(packs.section("page_metadata"), "page_metadata", re.IGNORECASE)
        self._names = Names.from_packs(packs)

    def reasons(self, document, block: Block, start: int, end: int, numbers: list[Number]) -> dict[int, str]:
        """``{index into numbers: why it is not a figure}`` for numbers in ``text[start:end]``."""
        text = document.text
        out: dict[int, str] = {}
        spans = self._structural_spans(document, block, start, end)
        cores = self._pattern_cores(text, start, end, [n for n in numbers if n.kind not in QUANTITY_KINDS])
        for i, number in enumerate(numbers):
            why = next((w for s, e, w in spans if s < number.end and number.start < e), None)
            if why is None and _in_source_code(document, number):
                why = "code"
            if why is None and _in_identifier(text, number, start, end):
                why = "part of a name or identifier (GPT-5.4, A320neo, COVID-19)"
            if why is None and number.kind not in QUANTITY_KINDS:
                why = cores.get(number.core)
            if why is None and block.kind == LIST_ITEM and _is_list_number(text, block, number):
                why = "list numbering"
            if why is not None:
                out[i] = why
        return out

    def _structural_spans(self, document, block: Block, start: int, end: int) -> list[tuple[int, int, str]]:
        text = document.text
        spans = [(c.start, c.end, "a citation marker") for c in document.citations_in(start - 64, end)]
        spans += [(m.start(), m.end(), "part of a URL") for m in URL_RE.finditer(text, start, end)]
        if text.find("@", start, end) >= 0:  # the address pattern is slow to rule out
            spans += [(m.start(), m.end(), "an e-mail address") for m in _MAIL.finditer(text, start, end)]
        spans += [(m.start(), m.end(), "a set phrase") for m in self._idioms.finditer(text, start, end)]
        if len(text[block.start:block.end].split()) <= _SHORT_BLOCK_WORDS:
            spans += [(m.start(), m.end(), "page metadata") for m in self._page.finditer(text, start, end)]
        return spans

    def _pattern_cores(self, text: str, start: int, end: int, numbers: list[Number]) -> dict[int, str]:
        """Where a ``not_figures`` pattern puts one of ``numbers``: its offset -> why.

        Each pattern runs only in a window around each number, so the cost follows the numbers.
        """
        out: dict[int, str] = {}
        for number in numbers:
            lo, hi = max(start, number.core - _WINDOW), min(end, number.end + _WINDOW)
            for rx, why in self._patterns:
                for m in rx.finditer(text, lo, hi):
                    if m.start("n") != number.core:
                        continue
                    if "name" in rx.groupindex and m.group("name") is not None \
                            and not self._names.is_name(m.group("name")):
                        continue
                    out.setdefault(number.core, why)
        return out


def _in_identifier(text: str, number: Number, floor: int, ceil: int) -> bool:
    """Whether the number is glued to letters: "GPT-5.4", "Qwen3.6-Max", "A320neo", "H100".

    Money, percentages and multiples may carry a compound tail ("$5bn-a-year"); a bare
    number glued to letters on either side is a name or code.
    """
    s = number.start
    while s > floor and not text[s - 1].isspace():
        s -= 1
    e = number.end
    while e < ceil and not text[e].isspace():
        e += 1
    before = text[s:number.start].lstrip(_OPENERS)
    if any(c.isalnum() for c in before):
        return True
    if number.kind in QUANTITY_KINDS:
        return False
    after = text[number.end:e].rstrip(_CLOSERS)
    return bool(after) and any(c.isalnum() for c in after)


def _in_source_code(document, number: Number) -> bool:
    """Whether the number stands inside `code` or <code> in the source file."""
    source = document.source
    if "`" not in source and "<" not in source:
        return False
    pos = document.offsets.to_source(number.start)
    lo = source.rfind("\n", 0, pos) + 1
    hi = source.find("\n", pos)
    return any(m.start() < pos < m.end() for m in _SOURCE_CODE.finditer(source, lo, len(source) if hi < 0 else hi))


def _is_list_number(text: str, block: Block, number: Number) -> bool:
    lead = text[block.start:number.start]
    return not lead.strip(" \t•·*-") and bool(_LIST_NUMBER.match(text, number.start, block.end))
