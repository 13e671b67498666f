"""Relation statements in a draft: phrasings matched over entity mentions, placed in time.

For each prose sentence that mentions a known entity, the mentions, dates and figures are
masked (see ``phrasings.py``) and the catalogue's phrasings are tried. A match becomes a
:class:`Statement` unless the sentence denies, questions, quotes or merely supposes it. Its
time is the one the sentence speaks of: a date in the phrasing, else the nearest date in the
sentence, else the draft's date; a past-tense statement ("former CEO", "was led by") speaks
of some time up to then.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import cached_property
from typing import NamedTuple

from copydesk.facts import amounts, regexcache, timex
from copydesk.facts.catalogue import Catalogue, Relation, Title
from copydesk.facts.matcher import Mention, find_mentions
from copydesk.facts.phrasings import (
    AMOUNT_MASK,
    DATE_MASK,
    FILLER,
    TITLE_MASK,
    Matcher,
    MatcherIndex,
    TitleFinder,
    mask_char,
    mask_index,
)
from copydesk.facts.scan import find_titles, may_hold, scan
from copydesk.facts.textform import name_form, prose_form

_CLAUSE_BREAK = regexcache.compile(r"[;:—–()]")
_QUOTED = regexcache.compile(r'"[^"]{1,400}"')
_LIST_MORE = regexcache.compile(r"(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)([\U000F0000-\U000FFFFD])\uE000*+")
_DATE_LEAD = regexcache.compile(r"\b(?:in|on|during|back in|around|circa)\s+$", re.IGNORECASE)
_PAST_MODIFIERS = {"former", "then", "ex", "outgoing"}


class Value(NamedTuple):
    kind: str  # entity | date | amount | text
    start: int
    end: int
    display: str
    entity: str | None = None
    interval: timex.Interval | None = None
    amount: amounts.Amount | None = None
    title: Title | None = None


class Statement(NamedTuple):
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


class Kit(NamedTuple):
    """What extraction needs, built once per process: catalogue, compiled phrasings, fact base."""

    catalogue: Catalogue
    matchers: MatcherIndex
    cues: dict[str, re.Pattern]
    titles: TitleFinder
    base: object  # FactBase


def extract(document, kit: Kit, publication_date: str | None) -> list[Statement]:
    """Every statement the draft makes about entities the packs know, in document order."""
    prose = prose_form(document.text)
    out: list[Statement] = []
    seen: set[tuple] = set()
    for reader in _readers(document, kit, prose, timex.parse_anchor(publication_date)):
        for statement in reader.statements():
            if statement.key not in seen:
                seen.add(statement.key)
                out.append(statement)
    regexcache.save()  # the phrasings this draft compiled, for the next process
    return out


def _readers(document, kit: Kit, prose: str, anchor: date | None) -> list[_SentenceReader]:
    """A reader for each sentence that names a known entity and holds the words of a phrasing.

    Finding mentions is one automaton pass; the gate (:meth:`MatcherIndex.may_match`) then
    drops most sentences before their dates, figures and titles are looked for.
    """
    regions = [(b.start, b.end) for _, b in document.prose_blocks()]
    mentions = find_mentions(name_form(prose), kit.base, regions)
    if not mentions:
        return []
    spans = [(s.start, s.end) for s in document.prose_sentences()]
    found = _per_span(spans, [(m.start, m.end) for m in mentions], mentions)
    kept = [(s, f) for s, f in zip(spans, found) if f and _worth_reading(kit, prose, s, f)]
    spans, found = [s for s, _ in kept], [f for _, f in kept]
    dates, figures = scan(prose, spans)
    titles = find_titles(prose, spans, kit.titles)
    by_sentence = zip(spans, found, _per_span(spans, dates), _per_span(spans, figures), _per_span(spans, titles))
    return [_SentenceReader(kit, prose, span, *spotted, anchor) for span, *spotted in by_sentence]


def _worth_reading(kit: Kit, prose: str, span: tuple[int, int], mentions: list[Mention]) -> bool:
    """The gate (:meth:`MatcherIndex.may_match`) for one sentence and the mentions in it."""
    types = [kit.base.entity(m.entity).type for m in mentions]
    return kit.matchers.may_match(prose[span[0]:span[1]], types, lambda mask: _held(kit, prose, span, mask))


def _held(kit: Kit, prose: str, span: tuple[int, int], mask: str) -> bool:
    """Whether a sentence may get a mask: a date, a figure or a role title."""
    if mask == TITLE_MASK:
        return kit.titles.any(prose, *span)
    return may_hold(prose, *span, figure=mask == AMOUNT_MASK)


def _per_span(spans: list[tuple[int, int]], items: list[tuple[int, int]], values: list | None = None) -> list[list]:
    """For each span (sorted), the items (sorted spans) that lie wholly inside it."""
    values = items if values is None else values
    starts = [s for s, _ in items]
    out = []
    for lo, hi in spans:
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        out.append([values[k] for k in range(i, j) if items[k][1] <= hi])
    return out


class _SentenceReader:
    def __init__(self, kit: Kit, prose: str, span: tuple[int, int], mentions: list[Mention],
                 dates: list[tuple[int, int]], figures: list[tuple[int, int]], titles: list[tuple[int, int]],
                 anchor: date | None):
        self.kit, self.start, self.mentions, self.anchor = kit, span[0], mentions, anchor
        self.text = prose[span[0]:span[1]]
        # a mention wins over a date or figure inside it ("Llama 4"), and all win over a title
        taken = [(m.start, m.end) for m in mentions]
        self.dates = [d for d in dates if not any(_overlap(d, t) for t in taken)]
        self.figures = [f for f in figures if not any(_overlap(f, t) for t in taken)]
        titles = [t for t in titles if not any(_overlap(t, o) for o in taken + self.dates + self.figures)]
        masks = [(m.start, m.end, mask_char(k)) for k, m in enumerate(mentions)]
        masks += [(s, e, DATE_MASK) for s, e in self.dates] + [(s, e, AMOUNT_MASK) for s, e in self.figures]
        masks += [(s, e, TITLE_MASK) for s, e in titles]
        self.masked = _masked(prose, span, masks)
        self.question = self.text.rstrip(' "\')]').endswith("?")
        self.quoted = [m.span() for m in _QUOTED.finditer(self.text)]
        self.given_dates: set[int] = set()  # where dates other statements state start

    @cached_property
    def times(self) -> list[tuple[int, int, timex.Interval]]:
        return timex.times_of(self.text, [(s - self.start, e - self.start) for s, e in self.dates], self.anchor)

    @cached_property
    def _anchors(self) -> dict[str, list[int]]:
        """Where a matcher may start: a mention, a date (or its "in"/"on"), a figure."""
        dates = []
        for s, _ in self.dates:
            s -= self.start
            lead = _DATE_LEAD.search(self.text, max(0, s - 12), s)
            dates += [lead.start(), s] if lead else [s]
        return {"entity": [m.start - self.start for m in self.mentions], "date": dates,
                "amount": [s - self.start for s, _ in self.figures]}

    def statements(self):
        if self.question:
            return
        types = {m.start - self.start: self._type(m) for m in self.mentions}
        for matcher in self.kit.matchers.candidates(self.masked.lower(), len(self.mentions)):
            if matcher.anchor:
                positions = self._anchors[matcher.anchor]
                if matcher.lead_types is not None:
                    positions = [p for p in positions if types.get(p) in matcher.lead_types]
                found = (matcher.regex.match(self.masked, p) for p in positions)
            else:
                found = matcher.regex.finditer(self.masked)
            for m in found:
                if m is not None:
                    yield from self._read(matcher, m)

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
        s, e = mention.start - self.start, mention.end - self.start
        return Value("entity", mention.start, mention.end, self.text[s:e], entity=mention.entity)

    def _read(self, matcher: Matcher, m: re.Match):
        relation = matcher.relation
        slot = m.groupdict()
        subject = self._mention(m, "subject")
        if self._type(subject) not in relation.subject_types or self._blocked(m):
            return
        value, qualifier, amount, objects = None, None, None, []
        if relation.object == "entity":
            objects = [self._mention(m, "object")]
            if relation.listable:
                objects += self._more_objects(m.end("object"))
            objects = [o for o in objects if not relation.object_types or self._type(o) in relation.object_types]
            if not objects or any(o.entity == subject.entity for o in objects):
                return
        elif relation.object == "date":
            span = m.span("date")
            interval = timex.resolve(self.text[span[0]:span[1]], self.anchor)
            if interval is None:
                return
            value = self._value("date", span, interval=interval)
        elif relation.object == "amount":
            value = self._amount(m)
            if value is None:
                return
        else:
            ts, te = m.span("title")
            title = self.kit.catalogue.title(self.text[ts:te])
            if title is None or (slot.get("title_mod") or "").lower() == "incoming":
                return
            value = self._value("text", (ts, te), title=title)
        if relation.qualifier == "org":
            org = self._mention(m, "org")
            if relation.qualifier_types and self._type(org) not in relation.qualifier_types:
                return
            qualifier = org.entity
        elif relation.qualifier and slot.get(relation.qualifier):
            qualifier = measure_key(slot[relation.qualifier])
        if relation.object != "amount" and slot.get("amount"):
            amount = self._amount(m)
        if relation.amount == "required" and amount is None:
            return
        past = matcher.tense == "past" or (slot.get("title_mod") or "").lower() in _PAST_MODIFIERS \
            or self._cue("past", m)
        value_span = (value.start, value.end) if value else (objects[0].start, objects[0].end)
        if self._in_quotes(value_span):
            return
        when, explicit = self._when(m, relation, past, value_span)
        common = dict(when=when, explicit=explicit, past=past, sentence=self.start, amount=amount,
                      subject_at=self._entity_value(subject))
        if value is not None and value.kind == "date":
            self.given_dates.add(value.start - self.start)
        for v in [value] if value else [self._entity_value(o) for o in objects]:
            statement = Statement(relation, subject.entity, v, qualifier=qualifier, **common)
            yield statement
            yield from self._implied(statement, subject)

    def _amount(self, m: re.Match) -> Value | None:
        span = m.span("amount")
        parsed = amounts.parse(self.text[span[0]:span[1]])
        return None if parsed is None else self._value("amount", span, amount=parsed)

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
        org = self.kit.base.entity(statement.qualifier)
        if org is None or org.type not in relation.subject_types:
            return
        yield statement._replace(relation=relation, subject=statement.qualifier, value=self._entity_value(person),
                                 qualifier=None, implied=True, subject_at=None)

    # --- the sentence around a match ------------------------------------------------------

    def _scope(self, m: re.Match) -> str:
        """The match and the words before it in its clause."""
        breaks = list(_CLAUSE_BREAK.finditer(self.masked, 0, m.start()))
        return self.masked[breaks[-1].end() if breaks else 0:m.end()]

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
        """The time the statement speaks of, and whether the sentence names it."""
        when, explicit = self._named_time(m, relation, value_span)
        if when is None and self.anchor:
            when = timex.Interval(self.anchor, self.anchor, "day")
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
        others = [t for t in times if (t[1] <= vs or t[0] >= ve) and t[0] not in self.given_dates]
        if not others:
            return None, False
        nearest = min(others, key=lambda t: min(abs(t[0] - m.end()), abs(t[1] - m.start())))
        return nearest[2], True


def _masked(prose: str, span: tuple[int, int], masks: list[tuple[int, int, str]]) -> str:
    """The sentence with each masked span replaced by its head character and filler."""
    pieces, pos = [], span[0]
    for s, e, head in sorted(masks):
        pieces += [prose[pos:s], head + FILLER * (e - s - 1)]
        pos = e
    pieces.append(prose[pos:span[1]])
    return "".join(pieces)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def measure_key(words: str) -> str:
    """Count units compare without case or plural: "Weekly Users" and "weekly user" agree."""
    w = " ".join(words.lower().split())
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w
