"""Which words are names: capitalised or camel-case, and not a common word, month or weekday.

A capitalised word at the start of a sentence may be a common word ("Survey data show");
callers that need certainty ask :meth:`Names.is_proper`, which only trusts such a word when
its shape says name (an acronym, camel case).
"""

from __future__ import annotations

import re

from copydesk.checks.numbers.lexicon import lower_set
from copydesk.readers.common import MONTHS

_INNER_CAPITAL = re.compile(r".[A-Z]|\d|&")
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
# After these a capital letter starts a sentence, a clause or a quotation.
_OPENERS = frozenset(".!?:;•·“\"‘")
_TRAILING = ".’'-"


def is_initial(text: str, pos: int, floor: int) -> bool:
    """Whether the word at ``pos`` starts its sentence, clause, list item or quotation."""
    i = pos - 1
    while i >= floor and text[i] in " \t\u00a0":
        i -= 1
    return i < floor or text[i] in _OPENERS


class Names:
    """Tells names from common words; ``function_words`` come from the rule packs."""

    def __init__(self, function_words: frozenset[str]):
        self._stop = function_words

    @classmethod
    def from_packs(cls, packs) -> Names:
        return cls(lower_set(packs.section("function_words") + packs.section("common_words")))

    def is_name(self, word: str) -> bool:
        """ "Meta", "GPT", "iPhone", "Moody's" are names; "About", "May", "the" are not."""
        word = word.rstrip(_TRAILING)
        if not word or not word[0].isalpha():
            return False
        lower = word.lower()
        if lower in self._stop or lower.rstrip(".") in MONTHS or lower in _WEEKDAYS:
            return False
        return word[0].isupper() or bool(_INNER_CAPITAL.search(word))

    def is_proper(self, text: str, start: int, end: int, floor: int) -> bool:
        """A name even where a sentence starts: there only acronyms and camel case count."""
        word = text[start:end].rstrip(_TRAILING)
        if not self.is_name(word):
            return False
        return not is_initial(text, start, floor) or bool(_INNER_CAPITAL.search(word))
