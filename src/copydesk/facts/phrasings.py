"""Phrasings compiled to regular expressions over a *masked* sentence.

Before matching, every entity mention in a sentence is replaced by a mask of the same length:
one private-use character that numbers the mention, then filler. A phrasing's ``{subject}``
matches one mask, so phrasings are written over mentions, not names, and their number does
not grow with the fact packs. See ``rules/relations.yaml`` for the slot language.

For speed, phrasings are tried only where they can start: those that open with a mention are
joined per relation and lead slot into one :class:`Matcher` tried at each mention of a
fitting type; those that open with a date or an amount are tried where one starts; the rest
only in sentences holding one of their opening words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from copydesk.facts.catalogue import Catalogue, Relation
from copydesk.yamlio import DataError

MENTION_BASE = 0xF0000  # supplementary private use area A: never in real prose
FILLER = "\uE000"
# dates, figures and role titles are masked too
DATE_MASK, AMOUNT_MASK, TITLE_MASK = "\U00100000", "\U00100001", "\U00100002"
ENTITY = "[\U000F0000-\U000FFFFD]\uE000*+"  # possessive: a slot never ends inside a mask
_MASKS = "\U000F0000-\U000FFFFD\U00100000-\U00100002\uE000"

ENTITY_SLOTS = ("subject", "object", "org")
_CAPTURING = ("date", "amount", "title", "measure")
_SLOT = re.compile(r"\{(\w+)\}")
_END_OF_ENTITY = r"(?!'s?\b)(?!-\w)"  # "Y leads X" must not stop at X of "X's push"
# "Meta's head of research" is not "Meta's head"; "chief AI scientist for over a decade" is
_END_OF_TITLE = (r"(?![\w-])(?!\s+(?:of|at|to|on)\b)"
                 r"(?!\s+for\s+(?!(?:over|more than|nearly|almost|about|some|a|an|\d+|two|three|four|five|six"
                 r"|seven|eight|nine|ten)\b))")
@dataclass(frozen=True)
class Phrasing:
    relation: Relation
    source: str
    tense: str | None
    pack: str = ""


class Slots:
    """The slots one phrasing of a :class:`Matcher` filled, by their plain names."""

    __slots__ = ("match", "suffix", "phrasing")

    def __init__(self, match: re.Match, index: int, phrasing: Phrasing):
        self.match, self.suffix, self.phrasing = match, f"_{index}", phrasing

    def get(self, name: str) -> str | None:
        try:
            return self.match.group(name + self.suffix)
        except IndexError:
            return None

    def span(self, name: str = "") -> tuple[int, int]:
        return self.match.span(name + self.suffix)

    def start(self, name: str = "") -> int:
        return self.match.start(name + self.suffix)

    def end(self, name: str = "") -> int:
        return self.match.end(name + self.suffix)


@dataclass(frozen=True)
class Matcher:
    """One regex trying some phrasings: the first that matches at a position wins.

    It is compiled on first use: a draft with no title never pays for the role phrasings.
    """

    source: str
    parts: tuple
    phrasings: tuple[Phrasing, ...]
    anchor: str | None  # entity | date | amount: tried only where one starts
    lead_types: frozenset[str] | None  # for an entity anchor: the types the mention may have
    hints: re.Pattern | None  # else one of these words (lower case) must be in the sentence
    mentions: int  # the fewest entity mentions any of its phrasings needs
    needs: str  # masks a sentence must hold: its relation's value (a date, a figure, a title)

    @cached_property
    def regex(self) -> re.Pattern:
        return _compile(self.source, self.parts)

    def slots(self, m: re.Match) -> Slots:
        for i, phrasing in enumerate(self.phrasings):
            if m.start(f"_{i}") >= 0:
                return Slots(m, i, phrasing)
        raise AssertionError("a match of no phrasing")


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


def title_pattern(catalogue: Catalogue) -> re.Pattern:
    """Every role title the catalogue knows, longest first ("vice president" before "president")."""
    titles = [v for t in catalogue.titles for v in (t.name, *t.variants)]
    return re.compile(rf"(?<![\w-]){_alternation(titles)}(?![\w-])", re.IGNORECASE)


def title_hints(catalogue: Catalogue) -> re.Pattern:
    """The first words of every title, lower case: a sentence without one holds no title."""
    first = {v.split()[0].split("-")[0].lower() for t in catalogue.titles for v in (t.name, *t.variants)}
    return re.compile("|".join(sorted(re.escape(w) for w in first)))


def _slots(catalogue: Catalogue, k: int) -> dict[str, str]:
    """What each slot stands for in phrasing number ``k`` of a matcher (groups get ``_k``)."""
    stop = catalogue.words.get("np_stop", ())
    return {
        "any": ENTITY,
        "date": rf"(?:(?:in|on|during|back in|around|circa)\s+)?(?P<date_{k}>{DATE_MASK}{FILLER}*+)",
        "amount": rf"(?P<amount_{k}>{AMOUNT_MASK}{FILLER}*+)",
        "title": rf"(?:(?P<title_mod_{k}>{_alternation(catalogue.words.get('title_modifier', ()))})[- ])?"
                 rf"(?P<title_{k}>{TITLE_MASK}{FILLER}*+)",
        "measure": rf"(?P<measure_{k}>{_alternation(catalogue.words.get('measure', ()))})",
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


def translate(entry, relation: Relation, catalogue: Catalogue, k: int = 0) -> tuple[Phrasing, str, str, int]:
    """(phrasing, its regex source with groups suffixed ``_k``, its lead token, mentions needed)."""
    entry, pack = entry
    pattern, tense = (entry.get("pattern"), entry.get("tense")) if isinstance(entry, dict) else (entry, None)
    where = f"{pack or 'rule pack'}: relation {relation.id!r}: phrasing {pattern!r}"
    if not isinstance(pattern, str) or not pattern.strip():
        raise DataError(f"{where}: a phrasing must be a pattern string")
    pattern = pattern.replace("’", "'")
    names = _SLOT.findall(pattern)
    slots = _slots(catalogue, k)
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
    for m in _SLOT.finditer(pattern):
        out.append(re.sub(r" +", r"\\s+", pattern[pos:m.start()]))
        name = m.group(1)
        at_end = not pattern[m.end():].strip("$)?")
        if name in ENTITY_SLOTS:
            out.append(f"(?P<{name}_{k}>{ENTITY})" + (_END_OF_ENTITY if at_end else ""))
            mentions += 1
        elif name in slots:
            out.append(slots[name] + (_END_OF_TITLE if name == "title" and at_end else ""))
            mentions += name == "any"
        elif name in catalogue.words:
            out.append(_alternation(catalogue.words[name]))
        else:
            raise DataError(f"{where}: unknown slot or word list {{{name}}}")
        pos = m.end()
    out.append(re.sub(r" +", r"\\s+", pattern[pos:]))
    return Phrasing(relation, pattern, tense, pack), "".join(out), _lead(pattern), mentions


def compile_catalogue(catalogue: Catalogue) -> tuple[Matcher, ...]:
    """Every phrasing of the catalogue, grouped into matchers by relation and opening slot."""
    groups: dict[tuple, list] = {}
    for relation in catalogue.relations.values():
        for entry in relation.phrasings:
            raw = entry[0]
            lead = _lead(raw.get("pattern", "") if isinstance(raw, dict) else str(raw))
            joinable = lead.strip("{}") in (*ENTITY_SLOTS, "any")
            key = (relation.id, lead) if joinable else (relation.id, lead, len(groups))
            groups.setdefault(key, []).append(entry)
    matchers = []
    for (relation_id, lead, *_), entries in groups.items():
        relation = catalogue.relations[relation_id]
        parts = tuple(translate(entry, relation, catalogue, k) for k, entry in enumerate(entries))
        source = "|".join(f"(?P<_{k}>{source})" for k, (_, source, _, _) in enumerate(parts))
        anchor = "entity" if lead.strip("{}") in (*ENTITY_SLOTS, "any") else _SLOT_ANCHORS.get(lead)
        matchers.append(Matcher(source, parts, tuple(p for p, _, _, _ in parts), anchor,
                                _lead_types(relation, lead), None if anchor else _hint_pattern(lead, catalogue),
                                min(n for _, _, _, n in parts), _NEEDS.get(_value_slots(relation)[-1], "")))
    # date statements first: a sentence's time is not the date another statement gives
    return tuple(sorted(matchers, key=lambda m: m.phrasings[0].relation.object != "date"))


_SLOT_ANCHORS = {"{date}": "date", "{amount}": "amount"}
_NEEDS = {"date": DATE_MASK, "amount": AMOUNT_MASK, "title": TITLE_MASK}


def _compile(source: str, parts: list) -> re.Pattern:
    """Compile a matcher; when it fails, name the phrasing at fault."""
    try:
        return re.compile(source, re.IGNORECASE)
    except re.error:
        for phrasing, part, _, _ in parts:
            try:
                re.compile(part, re.IGNORECASE)
            except re.error as exc:
                raise DataError(f"{phrasing.pack or 'rule pack'}: relation {phrasing.relation.id!r}: phrasing "
                                f"{phrasing.source!r}: not a valid pattern: {exc}") from None
        raise


def _lead_types(relation: Relation, lead: str) -> frozenset[str] | None:
    slot = lead.strip("{}")
    types = {"subject": relation.subject_types, "object": relation.object_types,
             "org": relation.qualifier_types}.get(slot)
    return types or None


def compile_cues(catalogue: Catalogue) -> dict[str, re.Pattern]:
    out = {}
    for kind, patterns in catalogue.cues.items():
        try:
            out[kind] = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
        except re.error as exc:
            raise DataError(f"rule pack: section 'claim_cues': kind {kind!r}: bad pattern: {exc}") from None
    return out


# --- where a phrasing can start -------------------------------------------------------------

_TOKEN = re.compile(r"\{\w+\}|\\.|\[(?:\\.|[^\]])*\]|[^(){}\[\\]")
_QUANTIFIER = re.compile(r"[?*+]|\{\d*,?\d*\}")


def _group_end(pattern: str, start: int) -> int:
    depth, i = 0, start
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = pattern.index("]", i + 1) + 1
            continue
        depth += c == "("
        depth -= c == ")"
        i += 1
        if depth == 0:
            return i
    return i


def _lead(pattern: str) -> str:
    """The first token every match starts with (optional tokens before it skipped)."""
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
        return token
    return ""


def _hint_pattern(lead: str, catalogue: Catalogue) -> re.Pattern | None:
    hints = _hints(lead, catalogue)
    return re.compile("|".join(re.escape(h) for h in hints)) if hints else None


def _hints(lead: str, catalogue: Catalogue) -> tuple[str, ...]:
    """Lower-case text a sentence must contain for a match to start with ``lead``.

    Only plain words give hints; a lead that cannot be read so gives none, and the phrasing
    is tried on every sentence.
    """
    name = lead[1:-1] if lead.startswith("{") else None
    if name in catalogue.words:
        words = catalogue.words[name]
    elif lead.startswith("(?:") and lead.endswith(")"):
        words = []
        for part in lead[3:-1].split("|"):
            sub = _hints(_lead(part), catalogue)
            if not sub:
                return ()
            words.extend(sub)
    elif re.fullmatch(r"[\w'-]+", lead):
        words = [lead]
    else:
        return ()
    hints = [re.split(r"[\\(\[?*+{.|]", w, maxsplit=1)[0].lower() for w in words]
    return () if any(not h for h in hints) else tuple(sorted(set(hints)))
