"""Phrasings compiled to regular expressions over a *masked* sentence.

Before matching, every entity mention in a sentence is replaced by a mask of the same length:
one private-use character that numbers the mention, then filler. A phrasing's ``{subject}``
matches one mask, so phrasings are written over mentions, not names, and their number does
not grow with the fact packs. See ``rules/relations.yaml`` for the slot language.

For speed, a sentence is read at all only when some phrasing could read a statement in it
(the gate of :class:`MatcherIndex`: its words, its mentions' types, then its dates, figures
and titles). A phrasing is then tried only in a sentence that holds every word it cannot
match without (:meth:`MatcherIndex.candidates`), is compiled only when first tried (and the
compiled form is kept on disk, see ``regexcache``), and is matched only where it can start: at
a mention of a fitting type, a date or a figure; phrasings that open with a word are searched,
behind a lookahead for the letters they can start with.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, lru_cache
from typing import NamedTuple

from copydesk.facts import diskcache, regexcache
from copydesk.facts.catalogue import Catalogue, Relation
from copydesk.yamlio import DataError

try:  # the pattern parser, for the first letters of a searched phrasing
    from re import _constants as _c
    from re import _parser
except ImportError:  # Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

MENTION_BASE = 0xF0000  # supplementary private use area A: never in real prose
FILLER = "\uE000"
# dates, figures and role titles are masked too
DATE_MASK, AMOUNT_MASK, TITLE_MASK = "\U00100000", "\U00100001", "\U00100002"
ENTITY = "[\U000F0000-\U000FFFFD]\uE000*+"  # possessive: a slot never ends inside a mask
_MASKS = "\U000F0000-\U000FFFFD\U00100000-\U00100002\uE000"

ENTITY_SLOTS = ("subject", "object", "org")
_CAPTURING = ("date", "amount", "title", "measure")
_SLOT = regexcache.compile(r"\{(\w+)\}")
_END_OF_ENTITY = r"(?!'s?\b)(?!-\w)"  # "Y leads X" must not stop at X of "X's push"
# "Meta's head of research" is not "Meta's head"; "chief AI scientist for over a decade" is
_END_OF_TITLE = (r"(?![\w-])(?!\s+(?:of|at|to|on)\b)"
                 r"(?!\s+for\s+(?!(?:over|more than|nearly|almost|about|some|a|an|\d+|two|three|four|five|six"
                 r"|seven|eight|nine|ten)\b))")
_WORD = regexcache.compile(r"[\w'-]+|[\U00100000-\U00100002]")  # a word, or a date, figure or title mask


class Matcher(NamedTuple):
    """One phrasing of a relation, ready to try on masked sentences."""

    relation: Relation
    source: str  # the phrasing as the pack writes it
    tense: str | None
    pack: str
    pattern: str  # the regular expression it stands for
    anchor: str | None  # entity | date | amount: tried only where one starts; None: searched
    lead_types: frozenset[str] | None  # for an entity anchor: the types that mention may have
    mentions: int  # entity mentions it needs
    words: tuple[tuple[str, ...], ...]  # for each word it needs, the forms any of which will do

    @property
    def regex(self) -> re.Pattern:
        """The pattern, compiled when first tried: most drafts try few phrasings."""
        try:
            return _phrasing(self.pattern)
        except re.error as exc:
            raise DataError(f"{self.pack or 'rule pack'}: relation {self.relation.id!r}: phrasing "
                            f"{self.source!r}: not a valid pattern: {exc}") from None


@cache
def _phrasing(pattern: str) -> re.Pattern:
    return regexcache.compile(pattern, re.IGNORECASE)


class MatcherIndex:
    """The matchers of a catalogue, found for a sentence from the words it holds.

    A matcher needs some words, each in one of several forms ("leads" or "heads"). Phrasings
    share most of their needs, so each distinct need gets a number. A sentence's words give,
    by one set lookup each, the needs they meet; a matcher is a candidate when its needs are a
    subset of those. Forms that are not whole words (a phrase such as "set up", a word start
    such as "organi*") are looked for in the text, and only for a matcher that lacks nothing else.

    Before a sentence is masked at all, :meth:`may_match` tells whether any matcher could read
    a statement in it (see :class:`_Gate`): most sentences that name an entity are dropped there.
    """

    def __init__(self, matchers: list[Matcher]):
        self.matchers = tuple(matchers)
        numbers: dict[tuple[str, ...], int] = {}
        needs = [{numbers.setdefault(forms, len(numbers)) for forms in m.words} for m in self.matchers]
        self._by_word: dict[str, list[int]] = {}  # a whole word -> the needs it meets
        self._texts: dict[int, tuple[str, ...]] = {}  # a need -> its phrases and word starts
        for forms, number in numbers.items():
            for form in forms:
                if form.endswith("*") or not _WORD.fullmatch(form):
                    self._texts[number] = (*self._texts.get(number, ()), form.removesuffix("*"))
                else:
                    self._by_word.setdefault(form, []).append(number)
        # per matcher: the needs only words meet, and those a text may meet
        self._entries = [(m, frozenset(n - self._texts.keys()), tuple(n & self._texts.keys()))
                         for m, n in zip(self.matchers, needs)]
        self._gate = _Gate(numbers, needs, [m.mentions for m in self.matchers],
                           [_slot_types(m.relation) for m in self.matchers])

    def __iter__(self):
        return iter(self.matchers)

    def validate(self) -> int:
        """Compile every phrasing now (they compile lazily): a broken one fails naming its pack."""
        return len([matcher.regex for matcher in self.matchers])

    def candidates(self, lowered: str, mentions: int) -> list[Matcher]:
        """The matchers whose words are all in the sentence (lower case, with this many entity
        mentions) and that need no more mentions than it has, in catalogue order."""
        met: set[int] = set()
        for word in self._by_word.keys() & _WORD.findall(lowered):
            met.update(self._by_word[word])
        return [m for m, words, texts in self._entries if m.mentions <= mentions and words <= met
                and all(n in met or self._in_text(n, lowered) for n in texts)]

    def _in_text(self, need: int, lowered: str) -> bool:
        return any(text in lowered for text in self._texts[need])

    def may_match(self, sentence: str, types: list[str], held: Callable[[str], bool]) -> bool:
        """Whether a matcher may read a statement in the sentence (not yet masked; ``types``:
        the entity types of its mentions) once it is masked: never False for a sentence in which
        one can. ``held(mask)`` says whether it may get a mask (``DATE_MASK``, ``AMOUNT_MASK``,
        ``TITLE_MASK``)."""
        return self._gate.open(sentence, types, held)


def _slot_types(relation: Relation) -> list[frozenset[str]]:
    """The entity types each entity slot of a relation's phrasings takes (``_read`` drops a
    match whose mention has another type); a slot that takes any type is left out."""
    slots = [relation.subject_types]
    if relation.object == "entity" and relation.object_types:
        slots.append(relation.object_types)
    if relation.qualifier == "org" and relation.qualifier_types:
        slots.append(relation.qualifier_types)
    return slots


class _Gate:
    """A quick test that lets through every sentence in which some matcher may read a statement.

    A word a masked sentence holds is part of the unmasked text, so the test looks for every
    form of every need as plain text (an Aho-Corasick automaton: one pass, all forms at once).
    A matcher also needs as many mentions as it has entity slots, and for each slot a mention
    of a type the slot takes: those are needs too, met from the sentence's mentions. Dates,
    figures and titles are not found yet: they are looked for only for a matcher that lacks
    nothing else, and dates and figures (cheap to look for) before titles.
    """

    def __init__(self, numbers: dict[tuple[str, ...], int], needs: list[set[int]], mentions: list[int],
                 slot_types: list[list[frozenset[str]]]):
        import ahocorasick

        looked_for = {number: forms for forms, number in numbers.items() if _looked_for(forms)}
        bits: dict[str, int] = {}  # a form -> the needs it meets, one bit each
        for number, forms in looked_for.items():
            for form in forms:
                form = form.removesuffix("*")
                bits[form] = bits.get(form, 0) | 1 << number
        self._automaton = ahocorasick.Automaton() if bits else None
        for form, value in bits.items():
            self._automaton.add_word(form, value)
        if bits:
            self._automaton.make_automaton()
        # a bit for each set of types a slot takes, after the bits of the needs
        self._types = {types: 1 << (len(numbers) + i)
                       for i, types in enumerate(dict.fromkeys(t for slots in slot_types for t in slots))}
        self._types_met: dict[frozenset[str], int] = {}  # the bits a sentence's types meet
        # matchers grouped by the masks they need, those needing none first, titles last
        masks_of = {numbers[(mask,)]: mask for mask in _MASK_CHARS if (mask,) in numbers}
        groups: dict[tuple[str, ...], list[tuple[int, int]]] = {}
        for count, need, slots in zip(mentions, needs, slot_types):
            masks = tuple(sorted((masks_of[n] for n in need if n in masks_of), key=_MASK_CHARS.index))
            words = sum(1 << n for n in need if n in looked_for) | sum(self._types[t] for t in set(slots))
            groups.setdefault(masks, []).append((count, words))
        order = sorted(groups, key=lambda masks: (TITLE_MASK in masks, len(masks)))
        most = max(mentions, default=0)
        self._by_mentions = [[(masks, _Needs([w for c, w in groups[masks] if c <= k])) for masks in order
                              if any(c <= k for c, _ in groups[masks])] for k in range(most + 1)]
        # the words of every matcher, masks aside: most sentences fail this one test
        self._any = [_Needs([w for entries in groups.values() for c, w in entries if c <= k]) for k in range(most + 1)]

    def open(self, sentence: str, types: list[str], held: Callable[[str], bool]) -> bool:
        if "\u03a3" in sentence:  # lower() of a capital sigma depends on what follows it
            return True
        met = self._met_by_types(frozenset(types))
        for _, value in self._automaton.iter(sentence.lower()) if self._automaton else ():
            met |= value
        k = min(len(types), len(self._by_mentions) - 1)
        if not self._any[k].met(met):
            return False
        found: dict[str, bool] = {}  # mask -> held, for masks looked for
        for masks, needs in self._by_mentions[k]:
            if needs.met(met) and all(_ask(held, found, mask) for mask in masks):
                return True
        return False

    def _met_by_types(self, types: frozenset[str]) -> int:
        if types not in self._types_met:
            self._types_met[types] = sum(bit for slot, bit in self._types.items() if slot & types)
        return self._types_met[types]


def _ask(held: Callable[[str], bool], found: dict[str, bool], mask: str) -> bool:
    if mask not in found:
        found[mask] = held(mask)
    return found[mask]


class _Needs:
    """The needs of some matchers, as bits: is every need of one of them met?

    Each matcher's bits are filed under its lowest bit (a word's, rarer than a type's), so a
    test looks only at the matchers whose lowest bit the sentence has."""

    def __init__(self, needs: list[int]):
        self.always = 0 in needs  # a matcher that needs nothing the gate looks for
        self.by_lowest: dict[int, list[int]] = {}
        for need in set(needs) - {0}:
            self.by_lowest.setdefault(need & -need, []).append(need)
        self.lowest = sum(self.by_lowest)

    def met(self, bits: int) -> bool:
        if self.always:
            return True
        common = bits & self.lowest
        while common:
            low = common & -common
            if any(not need & ~bits for need in self.by_lowest[low]):
                return True
            common ^= low
        return False


def _looked_for(forms: tuple[str, ...]) -> bool:
    """Whether the gate looks for a need's forms in the text: not for a date, figure or title
    mask (a date or figure is not found yet, a title is looked for apart), nor for a need that
    a one- or two-letter word meets ("in", "'s"): nearly every sentence does, and such words
    are most of the text."""
    return all(len(form.removesuffix("*")) > 2 for form in forms)


def mask_char(index: int) -> str:
    return chr(MENTION_BASE + index)


def mask_index(char: str) -> int:
    return ord(char) - MENTION_BASE


def _alternation(words) -> str:
    return _alternation_of(tuple(words))


@lru_cache(maxsize=256)
def _alternation_of(words: tuple[str, ...]) -> str:
    parts = sorted((w for w in words if w), key=len, reverse=True)
    return "(?:" + "|".join(re.sub(r" +", r"\\s+", w) for w in parts) + ")"


class TitleFinder(NamedTuple):
    """The role titles the catalogue knows ("chief AI scientist", "CEO"), found in sentences.

    Searching a pattern that ignores case is slow: ``re`` cannot skip an alternative on its
    first letter. So when every title is plain ASCII words, the pattern is also kept in lower
    case, grouped by first letter, and run over the lower-cased sentence. That finds the same
    titles: lower-casing keeps lengths, word and space characters, and ASCII letters match as
    when ignoring case, save for "İ", "ı" and "ſ", which ``re`` folds onto "i" and "s"; a
    sentence holding one is searched the slow way.
    """

    exact: re.Pattern  # ignoring case, over the text
    folded: re.Pattern | None  # over the lower-cased text; None when a title is not plain words
    hints: re.Pattern  # the first words of every title: a sentence without one holds no title

    def spans(self, text: str, lo: int, hi: int) -> list[tuple[int, int]]:
        """The titles in ``text[lo:hi]``, as spans of ``text``."""
        start = max(lo - 1, 0)  # the character before may not be part of a word (?<![\w-])
        piece = text[start:hi]
        lowered = piece.lower()
        if not self.hints.search(lowered, lo - start):
            return []
        if self.folded is None or _FOLDS_ONTO_ASCII.search(piece):
            return [m.span() for m in self.exact.finditer(text, lo, hi)]
        return [(m.start() + start, m.end() + start) for m in self.folded.finditer(lowered, lo - start)]

    def any(self, text: str, lo: int, hi: int) -> bool:
        """Whether ``text[lo:hi]`` may hold a title: true whenever :meth:`spans` finds one."""
        start = max(lo - 1, 0)
        piece = text[start:hi]
        if self.folded is None or _FOLDS_ONTO_ASCII.search(piece):
            return self.exact.search(text, lo, hi) is not None
        return self.folded.search(piece.lower(), lo - start) is not None


_FOLDS_ONTO_ASCII = regexcache.compile("[\u0130\u0131\u017f]")  # İ ı ſ: see TitleFinder
_PLAIN_TITLE = regexcache.compile(r"[a-z0-9][a-z0-9' -]*")


def title_finder(catalogue: Catalogue) -> TitleFinder:
    """Every role title the catalogue knows, longest first ("vice president" before "president")."""
    titles = [v for t in catalogue.titles for v in (t.name, *t.variants)]
    exact = regexcache.compile(rf"(?<![\w-]){_alternation(titles)}(?![\w-])", re.IGNORECASE)
    lowered = [v.lower() for v in titles if v]
    folded = None
    if all(v.isascii() and _PLAIN_TITLE.fullmatch(v) for v in lowered):
        by_letter: dict[str, list[str]] = {}
        for v in sorted(lowered, key=len, reverse=True):  # the order of the alternation above
            by_letter.setdefault(v[0], []).append(re.sub(r" +", r"\\s+", v[1:]))
        groups = "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in by_letter.items())
        # the lookahead lets most positions fail on one test (see _with_first_letters)
        folded = regexcache.compile(rf"(?=[{re.escape(''.join(by_letter))}])(?<![\w-])(?:{groups})(?![\w-])")
    first = {v.split()[0].split("-")[0].lower() for v in titles}
    hints = regexcache.compile("|".join(sorted(re.escape(w) for w in first)))
    return TitleFinder(exact, folded, hints)


def _slots(catalogue: Catalogue) -> dict[str, str]:
    """What each slot stands for in a phrasing's regular expression."""
    stop = catalogue.words.get("np_stop", ())
    return {
        "any": ENTITY,
        "date": rf"(?:(?:in|on|during|back in|around|circa)\s+)?(?P<date>{DATE_MASK}{FILLER}*+)",
        "amount": rf"(?P<amount>{AMOUNT_MASK}{FILLER}*+)",
        "title": rf"(?:(?P<title_mod>{_alternation(catalogue.words.get('title_modifier', ()))})[- ])?"
                 rf"(?P<title>{TITLE_MASK}{FILLER}*+)",
        # "weekly users" are not "users": a modifier stays part of the unit
        "measure": rf"(?P<measure>(?:[a-z][\w-]* )?{_alternation(catalogue.words.get('measure', ()))})",
        "np": rf"(?:(?!{_alternation(stop)}\b)[\w'-]+:?\s+){{0,4}}",
        "tail": rf"[^,;:.!?\n{_MASKS}]{{0,80}}?",
        # ", the Basel-based drugmaker," / ", which Ken Adeyemi founded in 2017,": skipped
        "apposition": (r"(?:,\s+(?:a|an|the|which|who|whose|its|now|once|formerly|long|founded|based|led|run"
                       r"|owned|headquartered|created|formed|launched|released|backed)\s[^,;:()\n]{1,100}?,)?"),
    }


def _value_slots(relation: Relation) -> tuple[str, ...]:
    if relation.object == "entity":
        return ("object", "amount") if relation.amount == "required" else ("object",)
    if relation.object == "date":
        return ("date",)
    if relation.object == "amount":
        return ("amount",)
    return ("title",)


def translate(entry, relation: Relation, catalogue: Catalogue, slots: dict[str, str]) -> Matcher:
    """A phrasing entry ``(pattern or {pattern, tense}, pack)`` as a matcher; bad ones name their pack."""
    entry, pack = entry
    source, tense = (entry.get("pattern"), entry.get("tense")) if isinstance(entry, dict) else (entry, None)
    where = f"{pack or 'rule pack'}: relation {relation.id!r}: phrasing {source!r}"
    if not isinstance(source, str) or not source.strip():
        raise DataError(f"{where}: a phrasing must be a pattern string")
    source = source.replace("’", "'")
    names = _SLOT.findall(source)
    unknown = [n for n in names if n not in ENTITY_SLOTS and n not in slots and n not in catalogue.words]
    if unknown:
        raise DataError(f"{where}: unknown slot or word list {{{unknown[0]}}}")
    twice = sorted({n for n in names if names.count(n) > 1 and n in (*ENTITY_SLOTS, *_CAPTURING)})
    if twice:
        raise DataError(f"{where}: uses {{{twice[0]}}} twice; write two phrasings instead")
    required = ("subject", *_value_slots(relation)) + ((relation.qualifier,) if relation.qualifier == "org" else ())
    missing = [s for s in required if s not in names]
    if missing:
        raise DataError(f"{where}: needs the slot {{{missing[0]}}}")
    out, pos, mentions = [], 0, 0
    for m in _SLOT.finditer(source):
        out.append(re.sub(r" +", r"\\s+", source[pos:m.start()]))
        name = m.group(1)
        if name in ENTITY_SLOTS:
            out.append(f"(?P<{name}>{ENTITY})")
            mentions += 1
        elif name in slots:
            out.append(slots[name])
            mentions += name == "any"
        else:
            out.append(_alternation(catalogue.words[name]))
        pos = m.end()
    out.append(re.sub(r" +", r"\\s+", source[pos:]))
    # a phrasing that ends on a name or a title must end where the name or title ends
    last = list(_tokens(source))[-1]
    if last in ("{subject}", "{object}", "{org}"):
        out.append(_END_OF_ENTITY)
    elif last == "{title}":
        out.append(_END_OF_TITLE)
    lead = _lead(source)
    anchor = "entity" if lead.strip("{}") in (*ENTITY_SLOTS, "any") else _SLOT_ANCHORS.get(lead)
    words = tuple(h for h in (_hints(t, catalogue) for t in _tokens(source)) if h)
    pattern = "".join(out)
    if anchor is None:  # searched: skip in one test the positions no match can start at
        pattern = _with_first_letters(pattern)
    return Matcher(relation, source, tense, pack, pattern, anchor, _lead_types(relation, lead), mentions, words)


def compile_catalogue(catalogue: Catalogue) -> MatcherIndex:
    """Every phrasing of the catalogue as a matcher; date relations first (a sentence's time
    is never the date another of its statements gives).

    Reading the phrasings takes longer than checking a draft, so the matchers are also kept
    on disk (``catalogue/`` under the cache folder), keyed by all that reading them depends
    on: the relations and word lists of the catalogue, and this module's file.
    """
    key = _catalogue_key(catalogue)
    fields = _stored_matchers(key)
    if fields is None:
        slots = _slots(catalogue)
        matchers = [translate(entry, relation, catalogue, slots)
                    for relation in catalogue.relations.values() for entry in relation.phrasings]
        matchers.sort(key=lambda m: m.relation.object != "date")
        if key:
            _store_matchers(key, [(m.relation.id, m.source, m.tense, m.pack, m.pattern, m.anchor, m.lead_types,
                                   m.mentions, m.words) for m in matchers])
    else:
        matchers = [Matcher(catalogue.relations[relation], *rest) for relation, *rest in fields]
    return MatcherIndex(matchers)


_CATALOGUE_FORMAT = 1


def _catalogue_key(catalogue: Catalogue) -> str | None:
    """A digest of what :func:`translate` reads; None when this module's file cannot be read."""
    import hashlib
    import json
    import os
    import sys

    from copydesk import __version__

    try:
        st = os.stat(__file__)
    except OSError:
        return None
    relations = [[r.id, r.object, r.amount, r.qualifier, sorted(r.subject_types), sorted(r.object_types),
                  sorted(r.qualifier_types), r.phrasings] for r in catalogue.relations.values()]
    blob = json.dumps([_CATALOGUE_FORMAT, __version__, sys.version, st.st_mtime_ns, st.st_size, relations,
                       catalogue.words], default=repr)  # repr: a malformed phrasing is reported by translate
    return hashlib.sha256(blob.encode()).hexdigest()


def _stored_matchers(key: str | None) -> list[tuple] | None:
    import marshal

    if key is None:
        return None
    try:
        with open(diskcache.folder("catalogue", f"{key[:32]}.marshal"), "rb") as fh:
            stored_key, fields = marshal.loads(fh.read())  # loads(read()): load(fh) reads piecemeal
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or truncated or foreign
        return None
    return fields if stored_key == key else None


def _store_matchers(key: str, fields: list[tuple]) -> None:
    import marshal

    diskcache.write_atomically(diskcache.folder("catalogue", f"{key[:32]}.marshal"), marshal.dumps((key, fields)))


_SLOT_ANCHORS = {"{date}": "date", "{amount}": "amount"}
_REPEATS = tuple(getattr(_c, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_c, name))


def _with_first_letters(pattern: str) -> str:
    """``pattern`` behind a lookahead for the letters a match can start with, when they are known.

    ``re`` tries a searched pattern at every position, and when it ignores case it must enter
    each alternative of a word list to see that it fails; ``(?=[lrs])`` fails at once. The
    lookahead only restates what the pattern needs (ignoring case as it does), so the matches
    are the same. Unknown (a pattern that may start with any character, or match nothing): as is.
    """
    try:
        items = _parser.parse(pattern, re.IGNORECASE).data
        if items and items[0] in ((_c.AT, _c.AT_BEGINNING), (_c.AT, _c.AT_BEGINNING_STRING)):
            return pattern  # "^": re tries it at the start only
        first = _first_letters(items)
        if first is None or first[1]:
            return pattern
        prefixed = "(?=[" + "".join(re.escape(chr(c)) for c in sorted(first[0])) + "])" + pattern
        _parser.parse(prefixed, re.IGNORECASE)  # a pattern opening with global flags cannot be prefixed
    except re.error:
        return pattern  # a broken phrasing: reported when it is compiled
    return prefixed


def _first_letters(items) -> tuple[set[int], bool] | None:
    """(the characters a match of a parsed sequence can start with, whether it can be empty);
    None when it can start with characters not listed one by one (``\\w``, ``.``, ``[^a]``)."""
    out: set[int] = set()
    for op, av in items:
        if op is _c.LITERAL:
            return out | {av}, False
        if op is _c.IN:
            letters = _class_letters(av)
            return None if letters is None else (out | letters, False)
        if op is _c.AT or op is _c.ASSERT or op is _c.ASSERT_NOT:
            continue  # zero-width: the next item starts the match
        if op is _c.BRANCH:
            parts = [_first_letters(branch) for branch in av[1]]
        elif op is _c.SUBPATTERN:
            parts = [_first_letters(av[-1])]
        elif op in _REPEATS:
            parts = [_first_letters(av[-1]), (set(), True) if av[0] == 0 else (set(), False)]
        else:
            return None
        if None in parts:
            return None
        out |= set().union(*(letters for letters, _ in parts))
        if not any(empty for _, empty in parts):
            return out, False
    return out, True


def _class_letters(items) -> set[int] | None:
    """The characters of a character class, when it lists them (single ones or small ranges)."""
    out: set[int] = set()
    for op, av in items:
        if op is _c.LITERAL:
            out.add(av)
        elif op is _c.RANGE and av[1] - av[0] < 256:
            out.update(range(av[0], av[1] + 1))
        else:
            return None
    return out


def _lead_types(relation: Relation, lead: str) -> frozenset[str] | None:
    slot = lead.strip("{}")
    types = {"subject": relation.subject_types, "object": relation.object_types,
             "org": relation.qualifier_types}.get(slot)
    return types or None


def compile_cues(catalogue: Catalogue) -> dict[str, re.Pattern]:
    """Each kind of claim cue (negation, hypothetical, past) as one pattern, searched in clauses."""
    out = {}
    for kind, patterns in catalogue.cues.items():
        try:
            out[kind] = regexcache.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as exc:
            raise DataError(f"rule pack: section 'claim_cues': kind {kind!r}: bad pattern: {exc}") from None
    return out


# --- reading a phrasing's tokens -----------------------------------------------------------

_TOKEN = regexcache.compile(r"\{\w+\}|\\.|\[(?:\\.|[^\]])*\]|[^(){}\[\\]")
_QUANTIFIER = regexcache.compile(r"[?*+]|\{\d*,?\d*\}")


def _structure(pattern: str):
    """(index, character, group depth before it) for each character outside escapes and classes."""
    depth, i = 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.index("]", i + 1) + 1
            continue
        yield i, c, depth
        depth += (c == "(") - (c == ")")
        i += 1


def _group_end(pattern: str, start: int) -> int:
    """Where the group opening at ``start`` ends."""
    for i, c, depth in _structure(pattern[start:]):
        if c == ")" and depth == 1:
            return start + i + 1
    return len(pattern)


def _alternatives(inner: str) -> list[str]:
    """The top-level alternatives of a group's inside ("a|(?:b|c)" -> "a", "(?:b|c)")."""
    cuts = [i for i, c, depth in _structure(inner) if c == "|" and depth == 0]
    return [inner[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(inner)])]


def _tokens(pattern: str):
    """The tokens every match of ``pattern`` contains, in order (optional ones skipped)."""
    i = 0
    while i < len(pattern):
        if pattern[i] in "^ ":
            i += 1
            continue
        if pattern[i] == "(":
            end = _group_end(pattern, i)
        else:
            m = _TOKEN.match(pattern, i)
            end = m.end() if m else i + 1
        q = _QUANTIFIER.match(pattern, end)
        if q and (q.group(0) in ("?", "*") or q.group(0).startswith("{0")):
            i = q.end()
            continue
        token = pattern[i:end]
        if re.fullmatch(r"[\w'-]", token):  # a literal word: take all of it
            token = re.match(r"[\w'-]+", pattern[i:]).group(0)
            end = i + len(token)
        yield token
        i = q.end() if q else end


def _lead(pattern: str) -> str:
    """The first token every match starts with."""
    return next(_tokens(pattern), "")


_MASK_HINTS = {"{date}": (DATE_MASK,), "{amount}": (AMOUNT_MASK,), "{title}": (TITLE_MASK,)}
_MASK_CHARS = (DATE_MASK, AMOUNT_MASK, TITLE_MASK)


def _hints(token: str, catalogue: Catalogue) -> tuple[str, ...]:
    """Lower-case text a sentence holds wherever ``token`` matches; () when it cannot say."""
    if token in _MASK_HINTS:
        return _MASK_HINTS[token]
    name = token[1:-1] if token.startswith("{") else None
    if name in catalogue.words:
        words = catalogue.words[name]
    elif token.startswith("(?:") and token.endswith(")"):
        words = []
        for part in _alternatives(token[3:-1]):
            sub = _hints(_lead(part), catalogue)
            if not sub:
                return ()
            words.extend(sub)
    elif re.fullmatch(r"[\w'-]+", token) and len(token) > 1:
        words = [token]
    else:
        return ()
    hints = []
    for word in words:  # a word list entry may be a pattern ("models?"): keep what is certain
        head = re.split(r"[\\(\[?*+{.|]", word, maxsplit=1)[0].lower()
        if not head:
            return ()
        hints.append(head if head == word.lower() else head + "*")  # "*": look for it as a part
    return tuple(sorted(set(hints)))
