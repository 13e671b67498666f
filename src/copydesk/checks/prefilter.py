"""A cheap first pass for costly regular expressions: the words a match cannot do without.

Python's ``re`` tries a pattern such as anonymous-source's at every position of a text, at
some 100 ns a character, so scanning a 15 KB draft costs milliseconds even when nothing
matches. Most rule patterns cannot match without some literal word ("sources", "our"), and
``str.find`` finds a word in a draft in microseconds. :func:`requirement` reads those words
off a pattern's syntax tree; :class:`SpanFinder` says which sentences hold them, so the
pattern itself runs only there (and is compiled only when some sentence may match).

The test errs only towards running the pattern: a sentence it rules out cannot match.
Words are compared in lower case, which is at least as lenient as the pattern (with or
without ``IGNORECASE``): runs stop at non-ASCII pattern characters, and a text holding one
of the few non-ASCII letters that ``re`` folds onto ASCII ones ("ſ", "ı", "İ") is not
filtered at all. Where the pattern puts a ``\\b``, ``\\s`` or ``(?<!\\w)`` next to a word,
the word must stand whole there too ("our" is not in "four"), except at a sentence's edge,
where the pattern may see past it.
"""

from __future__ import annotations

import bisect
import weakref
from functools import lru_cache

try:
    from re import _constants as _sre
    from re import _parser
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# A needed word: its lower-case text, and whether it must start and end at a word's edge.
Word = tuple[str, bool, bool]
# Alternatives (a match takes one) of conjunctions (it needs all) of word sets (any one will
# do), each conjunction's cheapest set first.
Requirement = tuple[tuple[frozenset[Word], ...], ...]

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre, name))
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)
_WORD_CLASS = [(_sre.IN, [(_sre.CATEGORY, _sre.CATEGORY_WORD)])]
_SPACE_CLASS = [(_sre.CATEGORY, _sre.CATEGORY_SPACE)]
_MAX_SETS = 3  # per alternative: the rarest few sets rule out nearly every sentence
_SHORT = {1: 32, 2: 16, 3: 8}  # what a short word costs, in scans of the draft (see _rarity)
_UNFOLDED = ("ſ", "ı")  # re.IGNORECASE matches them to "s" and "i"; str.lower() keeps them
# What stands next to a run of literal characters: nothing known, a \b, a non-word character
_OPEN, _BOUNDARY, _NON_WORD = 0, 1, 2


def requirement(source: str, flags: int = 0) -> Requirement | None:
    """What any match of ``source`` must contain (lower case), or None when some match may
    need no literal word at all. Raises ``re.error`` as compiling would, so it validates too."""
    return read(source, flags)[0]


def read(source: str, flags: int = 0, parts: dict[str, list | None] | None = None,
         ) -> tuple[Requirement | None, dict[str, int]]:
    """:func:`requirement`, and the pattern's named groups (for callers that check them).

    ``parts``: named empty groups that stand for pieces parsed apart (:func:`parse_part`),
    so that a piece many patterns share is parsed once; None reads a piece as unknown."""
    tree = _parser.parse(source, flags)
    groups = tree.state.groupdict
    by_group = {groups[name]: items for name, items in (parts or {}).items() if name in groups}
    items = tree.data
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
    reader = _Reader(bool(tree.state.flags & _sre.SRE_FLAG_ASCII), by_group)
    out = []
    for branch in branches:
        needs = sorted(set(reader.needs(_items(branch))), key=_rarity)[:_MAX_SETS]
        if not needs:
            return None, groups
        # the first set is looked for in the whole text; the others, sentence by sentence,
        # rarest first: a sentence of a cited draft holds "[" anyway
        out.append((needs[0], *sorted(needs[1:], key=_selectivity)))
    return tuple(out), groups


def parse_part(source: str) -> list:
    """A piece of pattern, parsed for :func:`read`'s ``parts``. Raises ``re.error``."""
    return _parser.parse(source).data


def either(needs: list[Requirement | None]) -> Requirement | None:
    """The requirement of ``(?:a)|(?:b)|...`` from those of ``a``, ``b``, ..."""
    if not needs or None in needs:
        return None
    return tuple(alternative for need in needs for alternative in need)


def _rarity(words: frozenset[Word]) -> tuple[int, int]:
    """Sort key, cheapest test first: each word costs a scan of the draft, and a word of up to
    three letters ("the", "it", "[") also turns up in most sentences, the shorter the likelier
    (whole or not: each occurrence is looked at), so it counts as several."""
    sizes = [len(text) for text, _, _ in words]
    return sum(_SHORT.get(n, 1) for n in sizes), -min(sizes)


def _selectivity(words: frozenset[Word]) -> tuple[int, int]:
    """Sort key, rarest in a sentence first: the longer its shortest word, the fewer words."""
    return -min(len(text) for text, _, _ in words), len(words)


class _Reader:
    """Reads off a parsed pattern the word sets any match needs."""

    def __init__(self, ascii: bool, parts: dict[int, list | None] | None = None):
        self.ascii = ascii  # \b and \w mean ASCII: what stands next to a word cannot be told
        self.parts = parts or {}  # group number -> the piece it stands for (None: unknown)
        self._ends: dict[tuple[int, int], int] = {}

    def needs(self, items: list, before: int = _OPEN, after: int = _OPEN) -> list[frozenset[Word]]:
        """The word sets a sequence needs, each set an alternative of words. ``before`` and
        ``after``: what stands next to the sequence (_OPEN, _BOUNDARY or _NON_WORD)."""
        needs: list[frozenset[Word]] = []
        run: list[str] = []  # literal characters matched back to back
        run_lead = False

        def close_run(k: int, open_end: bool = False) -> None:
            if run:
                following = _OPEN if open_end else self._following(items, k, after)
                trail = following == _NON_WORD or (following == _BOUNDARY and _wordy(run[-1]))
                needs.append(frozenset({("".join(run), run_lead, trail)}))
                run.clear()

        for k, (op, av) in enumerate(items):
            char = _char(op, av)
            if char is not None:
                if not run:
                    run_lead = before == _NON_WORD or (before == _BOUNDARY and _wordy(char))
                run.append(char)
                before = _OPEN if _wordy(char) else _NON_WORD
                continue
            if op in _REPEATS and av[0] >= 1:
                chars = [_char(o, a) for o, a in av[2]]
                if chars and None not in chars:  # "XX+", "TK(?:TK)+": the minimum extends the run
                    if not run:
                        run_lead = before == _NON_WORD or (before == _BOUNDARY and _wordy(chars[0]))
                    run.extend(chars * av[0])
                    if av[1] != av[0]:
                        close_run(k + 1, open_end=True)  # more repeats may follow
                    before = _OPEN if _wordy(chars[-1]) else _NON_WORD
                    continue
            close_run(k)
            inner = self._inner(op, av)
            if inner is not None:
                reader, body = inner
                needs += reader.needs(body, before, self._following(items, k + 1, after))
            elif op in _REPEATS and av[0] >= 1:
                needs += self.needs(_items(av[2]), before)
            elif op is _sre.BRANCH:
                following = self._following(items, k + 1, after)
                options = [self.needs(_items(branch), before, following) for branch in av[1]]
                if all(options):
                    needs.append(frozenset().union(*(min(o, key=_rarity) for o in options)))
            # anything else (classes, "any", anchors, look-arounds, back-references) needs no word
            before = self._after_item(op, av, before)
        close_run(len(items))
        return needs

    def _inner(self, op, av) -> tuple[_Reader, list] | None:
        """For a group: the reader for its body (ASCII-only inside ``(?a:...)``), and the body
        (for a group standing for a part, the part; an unknown part has no body to read)."""
        if op is _ATOMIC:
            return self, _items(av)
        if op is not _sre.SUBPATTERN:
            return None
        body = self.parts.get(av[0], _items(av[-1])) if av[0] is not None else _items(av[-1])
        if body is None:
            return None
        if self.ascii or not av[1] & _sre.SRE_FLAG_ASCII:
            return self, body
        return _Reader(True, self.parts), body

    def _after(self, items: list, before: int) -> int:
        """What stands before the item that follows ``items``, given what stood before them
        (memoised: a part's body is asked about at every level that holds it)."""
        key = (id(items), before)
        if key not in self._ends:
            state = before
            for op, av in items:
                char = _char(op, av)
                state = (_OPEN if _wordy(char) else _NON_WORD) if char is not None else self._after_item(op, av, state)
            self._ends[key] = state
        return self._ends[key]

    def _after_item(self, op, av, before: int) -> int:
        """What stands before the next item, once this (non-literal) one has matched."""
        if op is _sre.AT:
            return _BOUNDARY if av is _sre.AT_BOUNDARY and not self.ascii else before
        if op is _sre.ASSERT_NOT and av[0] == -1 and _items(av[1]) == _WORD_CLASS and not self.ascii:
            return _NON_WORD  # (?<!\w)
        if op in _ZERO_WIDTH:
            return before
        if _spaces(op, av):
            return _NON_WORD
        inner = self._inner(op, av)
        if inner is not None:
            return inner[0]._after(inner[1], before)
        if op is _sre.BRANCH:
            ends = {self._after(_items(branch), before) for branch in av[1]}
            return _NON_WORD if ends == {_NON_WORD} else _OPEN
        if op in _REPEATS:  # the last repeat ends it (whatever came before it), or, if none, what stood before
            repeated = self._after(_items(av[2]), _OPEN) == _NON_WORD
            return _NON_WORD if repeated and (av[0] >= 1 or before == _NON_WORD) else _OPEN
        if op is _sre.LITERAL:  # a non-ASCII one (ASCII ones make runs)
            return _OPEN if _wordy(chr(av)) else _NON_WORD
        return _OPEN

    def _following(self, items: list, k: int, after: int) -> int:
        """What stands after ``items[:k]``, read from ``items[k:]`` (``after`` past the end)."""
        for op, av in items[k:]:
            char = _char(op, av)
            if char is not None:
                return _OPEN if _wordy(char) else _NON_WORD
            if op is _sre.AT and av is _sre.AT_BOUNDARY:
                return _OPEN if self.ascii else _BOUNDARY
            if op is _sre.ASSERT_NOT and av[0] == 1 and _items(av[1]) == _WORD_CLASS:
                return _OPEN if self.ascii else _NON_WORD  # (?!\w)
            if op in _ZERO_WIDTH:
                continue
            if _spaces(op, av):
                return _NON_WORD
            if op is _sre.LITERAL:
                return _OPEN if _wordy(chr(av)) else _NON_WORD
            return _OPEN
        return after


def _spaces(op, av) -> int | None:
    """How many characters at least an item of white space only (``\\s``, ``\\s+``, ``\\s*``)
    matches, or None for any other item. White space is a non-word character whatever the flags."""
    if op is _sre.IN and av == _SPACE_CLASS:
        return 1
    if op in _REPEATS and _items(av[2]) == [(_sre.IN, _SPACE_CLASS)]:
        return av[0]
    return None


def _items(subpattern) -> list:
    """A parsed sequence's items (the parser's own list: building a copy costs)."""
    return subpattern.data if hasattr(subpattern, "data") else list(subpattern)


def _wordy(char: str) -> bool:
    """Whether ``re`` counts the character as part of a word (``\\w``)."""
    return char.isalnum() or char == "_"


def _char(op, av) -> str | None:
    """The lower-case ASCII character an item matches (``a``, ``[Oo]``), or None."""
    if op is _sre.LITERAL:
        return chr(av).lower() if av < 128 else None
    if op is _sre.IN and all(o is _sre.LITERAL and a < 128 for o, a in av):
        chars = {chr(a).lower() for _, a in av}
        return chars.pop() if len(chars) == 1 else None
    return None


# The last draft lowered: a weak reference to it, its text, and the text in lower case.
_LAST: tuple = (None, None, "")


def _lower(document) -> str:
    """``document.text.lower()``, kept for the draft's next check: the pattern and
    self-reference checks both read it, and lowering a draft costs ~0.1 ms."""
    global _LAST
    ref, text, lowered = _LAST
    if ref is None or ref() is not document or text is not document.text:
        lowered = document.text.lower()
        _LAST = (weakref.ref(document), document.text, lowered)
    return lowered


def may_match(text: str, need: Requirement | None) -> bool:
    """Whether one text (a sentence) holds what a pattern with this requirement needs."""
    lowered = text.lower()
    if need is None or not _folds_exactly(text, lowered):
        return True
    return any(all(_holds(lowered, words) for words in sets) for sets in need)


def _folds_exactly(text: str, lowered: str) -> bool:
    """Whether ``lowered`` (``text.lower()``) holds the words a pattern matches in ``text``,
    at the same places (see the module's docstring)."""
    return text.isascii() or (len(lowered) == len(text) and not any(c in lowered for c in _UNFOLDED))


class SpanFinder:
    """Which of a draft's spans (sorted and disjoint: its sentences) hold which words."""

    def __init__(self, document, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]
        text, lowered = document.text, _lower(document)
        self._lowered = lowered if _folds_exactly(text, lowered) else None
        self._memo: dict[Word, set[int]] = {}  # word -> the spans holding it
        self._texts: list[str] | None = None  # each span's lower-case text, once needed

    def candidates(self, need: Requirement | None) -> set[int] | None:
        """Indices of the spans a pattern with this requirement may match in; None: any.
        The first set of words is looked for in the whole text, the others only in the spans
        that hold one of the first."""
        if need is None or self._lowered is None:
            return None
        out: set[int] = set()
        for sets in need:
            found = set().union(*map(self._holding, sets[0]))
            if found and len(sets) > 1:
                if self._texts is None:
                    self._texts = [self._lowered[s:e] for s, e in self.spans]
                for words in sets[1:]:
                    found = {i for i in found if _holds(self._texts[i], words)}
            out |= found
        return out

    def _holding(self, word: Word) -> set[int]:
        """The spans holding ``word``: one ``find`` per span that does, not per occurrence."""
        hits = self._memo.get(word)
        if hits is None:
            hits = self._memo[word] = set()
            text, spans, starts = self._lowered, self.spans, self._starts
            chars, whole = word[0], word[1] or word[2]
            i = text.find(chars)
            while i >= 0:
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0 and i + len(chars) <= spans[k][1] and (not whole or _stands(text, word, i, *spans[k])):
                    hits.add(k)
                    i = text.find(chars, spans[k][1])
                else:
                    i = text.find(chars, i + 1)
        return hits


def _holds(text: str, words: frozenset[Word]) -> bool:
    """Whether some word of the set stands in ``text`` (a span's): a plain ``in`` per word
    first, which settles nearly every case."""
    if not any(map(text.__contains__, _chars(words))):
        return False
    return any(_find(text, w) >= 0 for w in words if w[0] in text)


@lru_cache(maxsize=1024)
def _chars(words: frozenset[Word]) -> tuple[str, ...]:
    return tuple({w[0] for w in words})


def _find(text: str, word: Word) -> int:
    """Where ``word`` first stands in ``text`` (a span's), or -1."""
    i = text.find(word[0])
    if word[1] or word[2]:
        while i >= 0 and not _stands(text, word, i, 0, len(text)):
            i = text.find(word[0], i + 1)
    return i


def _stands(text: str, word: Word, i: int, start: int, end: int) -> bool:
    """Whether ``word``, found at ``i`` in the span ``text[start:end]``, stands whole where it
    must; the span's edges count as word edges (the pattern may see past them)."""
    chars, lead, trail = word
    j = i + len(chars)
    return (not lead or i == start or not _wordy(text[i - 1])) and (not trail or j == end or not _wordy(text[j]))
