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
filtered at all.
"""

from __future__ import annotations

import bisect

try:
    from re import _constants as _sre, _parser
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Alternatives (a match takes one) of conjunctions (it needs all) of word sets (any one will
# do), each conjunction rarest set first: ``((frozenset({"sources", "experts"}), ...), ...)``.
Requirement = tuple[tuple[frozenset[str], ...], ...]

_REPEATS = tuple(getattr(_sre, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre, name))
_ATOMIC = getattr(_sre, "ATOMIC_GROUP", None)
_MAX_SETS = 3  # per alternative: the rarest few sets rule out nearly every sentence
_SHORT = 8  # what a word of up to three letters costs, in scans of the draft (see _rarity)
_UNFOLDED = ("ſ", "ı")  # re.IGNORECASE matches them to "s" and "i"; str.lower() keeps them


def requirement(source: str, flags: int = 0) -> Requirement | None:
    """What any match of ``source`` must contain (lower case), or None when some match may
    need no literal word at all. Raises ``re.error`` as compiling would, so it validates too."""
    items = list(_parser.parse(source, flags))
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _sre.BRANCH else [items]
    out = []
    for branch in branches:
        needs = sorted(set(_needs(branch)), key=_rarity)[:_MAX_SETS]
        if not needs:
            return None
        out.append(tuple(needs))
    return tuple(out)


def either(needs: list[Requirement | None]) -> Requirement | None:
    """The requirement of ``(?:a)|(?:b)|...`` from those of ``a``, ``b``, ..."""
    if not needs or None in needs:
        return None
    return tuple(alternative for need in needs for alternative in need)


def _rarity(words: frozenset[str]) -> tuple[int, int]:
    """Sort key, cheapest test first: each word costs a scan of the draft, and a word of up to
    three letters ("the", "it", "[") also turns up in most sentences, so it counts as several."""
    return sum(1 if len(w) > 3 else _SHORT for w in words), -min(map(len, words))


def _needs(items) -> list[frozenset[str]]:
    """The word sets a sequence of parsed items needs, each set an alternative of words."""
    needs: list[frozenset[str]] = []
    run: list[str] = []  # literal characters matched back to back

    def close_run():
        if run:
            needs.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:
        char = _char(op, av)
        if char is not None:
            run.append(char)
            continue
        if op in _REPEATS and av[0] >= 1:
            chars = [_char(o, a) for o, a in av[2]]
            if chars and None not in chars:  # "XX+", "TK(?:TK)+": the minimum extends the run
                run.extend(chars * av[0])
                if av[1] == av[0]:
                    continue
                close_run()
                continue
            close_run()
            needs += _needs(av[2])
            continue
        close_run()
        if op is _sre.SUBPATTERN:
            needs += _needs(av[-1])
        elif op is _ATOMIC:
            needs += _needs(av)
        elif op is _sre.BRANCH:
            options = [_needs(branch) for branch in av[1]]
            if all(options):
                needs.append(frozenset().union(*(min(o, key=_rarity) for o in options)))
        # anything else (classes, "any", anchors, look-arounds, back-references) needs no word
    close_run()
    return needs


def _char(op, av) -> str | None:
    """The lower-case ASCII character an item matches (``a``, ``[Oo]``), or None."""
    if op is _sre.LITERAL:
        return chr(av).lower() if av < 128 else None
    if op is _sre.IN and all(o is _sre.LITERAL and a < 128 for o, a in av):
        chars = {chr(a).lower() for _, a in av}
        return chars.pop() if len(chars) == 1 else None
    return None


class SpanFinder:
    """Which of a text's spans (sorted and disjoint: its sentences) hold which words."""

    def __init__(self, text: str, spans: list[tuple[int, int]]):
        self.spans = spans
        self._starts = [s for s, _ in spans]
        lowered = text.lower()
        exact = text.isascii() or (len(lowered) == len(text) and not any(c in lowered for c in _UNFOLDED))
        self._lowered = lowered if exact else None
        self._memo: dict[str, set[int]] = {}  # word -> the spans holding it
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
                    found = {i for i in found if any(map(self._texts[i].__contains__, words))}
            out |= found
        return out

    def _holding(self, word: str) -> set[int]:
        """The spans holding ``word``: one ``find`` per span that does, not per occurrence."""
        hits = self._memo.get(word)
        if hits is None:
            hits = self._memo[word] = set()
            text, spans, starts = self._lowered, self.spans, self._starts
            i = text.find(word)
            while i >= 0:
                k = bisect.bisect_right(starts, i) - 1
                if k >= 0 and i + len(word) <= spans[k][1]:
                    hits.add(k)
                    i = text.find(word, spans[k][1])
                else:
                    i = text.find(word, i + 1)
        return hits
