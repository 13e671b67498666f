"""Relation statements in a draft: phrasings matched over entity mentions, placed in time.

For each prose sentence that mentions a known entity, the mentions are masked (see
``phrasings.py``) and every phrasing of the catalogue is tried. A match becomes a
:class:`Statement` unless the sentence denies, questions, quotes or merely supposes it. Its
time is the one the sentence speaks of: a date in the phrasing, else the nearest date in the
sentence, else (for a past-tense statement) any time up to the draft's date, else the draft's
date itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from datetime import date

from copydesk.facts import amounts, timex
from copydesk.facts.catalogue import Catalogue, Relation, Title
from copydesk.facts.matcher import Mention, find_mentions
from copydesk.facts.phrasings import FILLER, Phrasing, mask_char, mask_index
from copydesk.facts.textform import name_form, prose_form

_CLAUSE_BREAK = re.compile(r"[;:—–()]")
_QUOTED = re.compile(r'"[^"]{1,400}"')
_LIST_MORE = re.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)([\U000F0000-\U000FFFFD])\uE000*")
_PAST_MODIFIERS = {"former", "then", "ex", "outgoing"}
_DATE_LEAD = re.compile(r"\b(?:in|on|during|back in|around|circa)\s+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Value:
    kind: str  # entity | date | amount | text
    start: int
    end: int
    display: str
    entity: str | None = None
    interval: timex.Interval | None = None
    amount: amounts.Amount | None = None
    title: Title | None = None


@dataclass(frozen=True)
class Statement:
    """One relation a sentence asserts about a known entity, in text offsets."""

    relation: Relation
    subject: str  # entity id
    value: Value
    when: timex.Interval  # the time the sentence speaks of
    explicit: bool  # the sentence names that time
    past: bool
    sentence: int  # start offset of the sentence
    qualifier: str | None = None  # role: the organisation; quantity: the measure
    amount: Value | None = None  # an investment's or acquisition's size
    implied: bool = False  # follows from a title ("Scale AI CEO X" -> Scale AI led by X)
    subject_at: Value | None = None  # where the subject is named

    @property
    def key(self) -> tuple:
        return (self.relation.id, self.subject, self.qualifier, self.value.start, self.value.end)


@dataclass(frozen=True)
class Kit:
    """What extraction needs, built once per process: catalogue, compiled phrasings, fact base."""

    catalogue: Catalogue
    phrasings: tuple[Phrasing, ...]
    cues: dict[str, re.Pattern]
    base: object  # FactBase


def extract(document, kit: Kit, publication_date: str | None) -> list[Statement]:
    """Every statement the draft makes about entities the packs know, in document order."""
    prose = prose_form(document.text)
    regions = [(b.start, b.end) for _, b in document.prose_blocks()]
    mentions = find_mentions(name_form(prose), kit.base, regions)
    if not mentions:
        return []
    anchor = timex.parse_anchor(publication_date)
    out: list[Statement] = []
    seen: set[tuple] = set()
    i = 0
    for sentence in document.prose_sentences():
        while i < len(mentions) and mentions[i].start < sentence.start:
            i += 1
        j = i
        while j < len(mentions) and mentions[j].end <= sentence.end:
            j += 1
        if j == i:
            continue
        reader = _SentenceReader(kit, prose, sentence.start, sentence.end, mentions[i:j], anchor)
        for statement in reader.statements():
            if statement.key not in seen:
                seen.add(statement.key)
                out.append(statement)
    return out


class _SentenceReader:
    def __init__(self, kit: Kit, prose: str, start: int, end: int, mentions: list[Mention], anchor: date | None):
        self.kit, self.start, self.mentions, self.anchor = kit, start, mentions, anchor
        self.text = prose[start:end]
        pieces, pos = [], start
        for k, m in enumerate(mentions):
            pieces.append(prose[pos:m.start])
            pieces.append(mask_char(k) + FILLER * (m.end - m.start - 1))
            pos = m.end
        pieces.append(prose[pos:end])
        self.masked = "".join(pieces)
        self.question = self.text.rstrip(' "\')]').endswith("?")
        self.quoted = [m.span() for m in _QUOTED.finditer(self.text)]
        self._anchors: dict[str, list[int]] = {"entity": [m.start - start for m in mentions]}

    @cached_property
    def times(self) -> list[tuple[int, int, timex.Interval]]:
        return timex.sentence_times(self.text, self.anchor)

    def _anchored_at(self, kind: str) -> list[int]:
        """Where a date, an amount or a mention starts (a date with its "in"/"on" before it)."""
        found = self._anchors.get(kind)
        if found is None:
            if kind == "date":
                found = []
                for m in timex.TIMEX_RE.finditer(self.text):
                    lead = _DATE_LEAD.search(self.text, max(0, m.start() - 12), m.start())
                    found += [lead.start(), m.start()] if lead else [m.start()]
            else:
                found = [m.start() for m in amounts.AMOUNT_RE.finditer(self.masked)]
            self._anchors[kind] = found
        return found

    def statements(self):
        if self.question:
            return
        lowered = self.masked.lower()
        for phrasing in self.kit.phrasings:
            if phrasing.mentions > len(self.mentions) or not phrasing.applies(lowered):
                continue
            if phrasing.anchor:
                matches = (phrasing.regex.match(self.masked, pos) for pos in self._anchored_at(phrasing.anchor))
            else:
                matches = phrasing.regex.finditer(self.masked)
            for m in matches:
                if m is not None:
                    yield from self._read(phrasing, m)

    # --- one match -----------------------------------------------------------------------

    def _mention(self, m: re.Match, slot: str) -> Mention:
        return self.mentions[mask_index(m.group(slot)[0])]

    def _type(self, mention: Mention) -> str:
        entity = self.kit.base.entity(mention.entity)
        return entity.type if entity else "other"

    def _value(self, kind: str, span: tuple[int, int], **kw) -> Value:
        s, e = span
        return Value(kind, self.start + s, self.start + e, self.text[s:e], **kw)

    def _entity_value(self, mention: Mention) -> Value:
        return Value("entity", mention.start, mention.end, self.text[mention.start - self.start:mention.end - self.start],
                     entity=mention.entity)

    def _read(self, phrasing: Phrasing, m: re.Match):
        relation = phrasing.relation
        subject = self._mention(m, "subject")
        if self._type(subject) not in relation.subject_types:
            return
        if self._blocked(m):
            return
        groups = m.groupdict()
        value, qualifier, amount, objects = None, None, None, []
        if relation.object == "entity":
            objects = [self._mention(m, "object")]
            if relation.listable:
                objects += self._more_objects(m.end("object"))
            objects = [o for o in objects if not relation.object_types or self._type(o) in relation.object_types]
            if not objects or any(o.entity == subject.entity for o in objects):
                return
        elif relation.object == "date":
            interval = timex.resolve(m.group("date"), self.anchor)
            if interval is None:
                return
            value = self._value("date", m.span("date"), interval=interval)
        elif relation.object == "amount":
            parsed = amounts.parse(m.group("amount"))
            if parsed is None:
                return
            value = self._value("amount", m.span("amount"), amount=parsed)
        else:
            title = self.kit.catalogue.title(m.group("title"))
            if title is None or (groups.get("title_mod") or "").lower() == "incoming":
                return
            value = self._value("text", m.span("title"), title=title)
        if relation.qualifier == "org":
            org = self._mention(m, "org")
            if relation.qualifier_types and self._type(org) not in relation.qualifier_types:
                return
            qualifier = org.entity
        elif relation.qualifier and groups.get(relation.qualifier):
            qualifier = measure_key(m.group(relation.qualifier))
        if groups.get("amount") and relation.object != "amount":
            parsed = amounts.parse(m.group("amount"))
            if parsed is not None:
                amount = self._value("amount", m.span("amount"), amount=parsed)
        if relation.amount == "required" and amount is None:
            return
        past = phrasing.tense == "past" or (groups.get("title_mod") or "").lower() in _PAST_MODIFIERS \
            or self._cue("past", m)
        value_span = (value.start, value.end) if value else (objects[0].start, objects[0].end)
        if self._in_quotes(value_span):
            return
        when, explicit = self._when(m, relation, past, value_span)
        common = dict(when=when, explicit=explicit, past=past, sentence=self.start, amount=amount,
                      subject_at=self._entity_value(subject))
        values = [value] if value else [self._entity_value(o) for o in objects]
        for v in values:
            statement = Statement(relation, subject.entity, v, qualifier=qualifier, **common)
            yield statement
            yield from self._implied(statement, subject)

    def _more_objects(self, after: int) -> list[Mention]:
        """The rest of a list object: "founded by A, B and C"."""
        out, pos = [], after
        while (more := _LIST_MORE.match(self.masked, pos)) is not None:
            out.append(self.mentions[mask_index(more.group(1))])
            pos = more.end()
        return out

    def _implied(self, statement: Statement, person: Mention):
        """A title's relation: "Scale AI CEO X" also says that X leads Scale AI."""
        title = statement.value.title
        if title is None or not title.implies or statement.qualifier is None:
            return
        relation = self.kit.catalogue.relations[title.implies]
        org_type = self.kit.base.entity(statement.qualifier)
        if org_type is None or org_type.type not in relation.subject_types:
            return
        value = self._entity_value(person)
        yield replace(statement, relation=relation, subject=statement.qualifier, value=value,
                      qualifier=None, implied=True, subject_at=None)

    # --- judgement of the sentence around a match -----------------------------------------

    def _scope(self, m: re.Match) -> str:
        """The match and the words before it in its clause."""
        before = self.masked[:m.start()]
        breaks = list(_CLAUSE_BREAK.finditer(before))
        start = breaks[-1].end() if breaks else 0
        return self.masked[start:m.end()]

    def _cue(self, kind: str, m: re.Match) -> bool:
        pattern = self.kit.cues.get(kind)
        return bool(pattern and pattern.search(self._scope(m)))

    def _blocked(self, m: re.Match) -> bool:
        """Denied ("never led"), supposed ("if", "would"): the sentence does not assert it."""
        return self._cue("negation", m) or self._cue("hypothetical", m)

    def _in_quotes(self, span: tuple[int, int]) -> bool:
        s, e = span[0] - self.start, span[1] - self.start
        return any(qs < s and e < qe for qs, qe in self.quoted)

    def _when(self, m: re.Match, relation: Relation, past: bool, value_span) -> tuple[timex.Interval, bool]:
        """The time the statement speaks of, and whether the sentence names it.

        A past-tense statement ("former CEO", "was led by") speaks of some time up to then.
        """
        when, explicit = self._named_time(m, relation, value_span)
        if when is None:
            when = timex.Interval(self.anchor, self.anchor, "day") if self.anchor else None
        if past:
            return timex.Interval(timex.EARLIEST, when.end if when else timex.LATEST), explicit
        return when or timex.Interval(timex.EARLIEST, timex.LATEST), explicit

    def _named_time(self, m: re.Match, relation: Relation, value_span) -> tuple[timex.Interval | None, bool]:
        times = self.times
        if relation.object != "date" and m.groupdict().get("date"):
            own = [t for t in times if t[0] == m.start("date")]
            if own:
                return own[0][2], True
        vs, ve = value_span[0] - self.start, value_span[1] - self.start
        others = [t for t in times if t[1] <= vs or t[0] >= ve]
        if not others:
            return None, False
        nearest = min(others, key=lambda t: min(abs(t[0] - m.end()), abs(t[1] - m.start())))
        return nearest[2], True


def measure_key(word: str) -> str:
    """Count units compare without case or plural: "Downloads" and "download" agree."""
    w = word.lower().strip()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w
