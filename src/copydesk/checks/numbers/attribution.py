"""The attribution detector: does a stretch of prose say where its figures come from?

A figure is attributed when its sentence carries a citation (marker, footnote, link) or names
who says it: "according to X", "per X", "X said/estimates/claims", "X data show", "X's
figures", "in a filing", "on the X Index"; a figure in a direct quotation belongs to the
quote's named speaker. A hedge ("reportedly", "it is estimated", "sources say") names no one.
"Reached 8,712,721 from HuggingFace" says where, not who: not attributed. The cues are the
data of ``rules/attribution.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.checks.numbers.lexicon import (
    TOKEN,
    compile_any,
    lower_set,
    strings,
    token_text,
    words,
)
from copydesk.checks.numbers.names import Names

_DETERMINERS = frozenset("the a an its their his her this that these those our".split())
_DEFINITE = frozenset("the its their his her this that these those".split())
_PRONOUNS = frozenset("he she they it who which him her them".split())
# Words that keep a source phrase going: "analysts at Jefferies", "a study by Stanford".
_CONNECTORS = frozenset("the a an its their his her of at from by for in and & with".split())
# Common words that modify a noun rather than end its phrase: "in its last annual report".
_MODIFIERS = frozenset("last next first second third new own latest most recent other same previous final".split())
# Prepositions that tie a group to a named body: "analysts at Jefferies" (not "reports in France").
_AFFILIATION = frozenset("at from of with by for".split())
_PHRASE_TOKENS = 7
_DOC_PREPOSITION = re.compile(r"(?<![\w’'])(?:in|on|during|from|under)\s+", re.IGNORECASE)
_QUOTE = re.compile(r"“[^”]{1,2000}”|\"[^\"\n]{1,2000}\"")
_QUOTE_WINDOW = 120
_APPOSITION = 100  # longest clause set off by commas between a subject and its verb
_SPEAKER_LINE = re.compile(r"\s*[—–―-]+\s*([^\W\d_][\w’'.-]*)")
_NAME = r"(?=[A-Za-z])(?<![\w’'])(?P<name>[A-Z][\w&.-]*|[a-z]+[A-Z][\w&.-]*)"
_AUTHOR_AFTER = re.compile(r"\s+(?:by|from|of|at|in|published\s+(?:by|in))\s+")
_CLAUSE_END = re.compile(r"(?<=[.!?;])\s")


@dataclass(frozen=True, slots=True)
class Attribution:
    how: str  # citation | cue | document | quote
    text: str


class AttributionDetector:
    """Finds the source of a sentence's figures; built once per rule pack."""

    def __init__(self, packs) -> None:
        self._names = Names.from_packs(packs)
        self._stop = lower_set(packs.section("function_words"))
        self._phrases = re.compile(words(packs.section("source_phrases")) + r"\s*:?", re.IGNORECASE)
        verbs = [{"pattern": words(packs.section("reporting_verbs"))}] + packs.section("reporting_patterns")
        self._verbs = compile_any(verbs, "reporting_verbs")
        self._skip = lower_set(packs.section("subject_skip"))
        self._speakers = lower_set(packs.section("speakers"))
        self._generic = lower_set(packs.section("generic_sources"))
        self._anonymous = re.compile(words(packs.section("anonymous_sources")), re.IGNORECASE)
        docs = packs.section("source_documents")
        self._own_docs = re.compile(words(strings(docs, "own")), re.IGNORECASE)
        all_docs = strings(docs, "own") + strings(docs, "named") + strings(docs, "cited")
        self._docs = re.compile(words(all_docs), re.IGNORECASE)
        self._possessive_doc = re.compile(rf"{_NAME}[’']s\s+(?:[\w-]+\s+){{0,3}}?(?i:{words(all_docs)})")
        self._named_doc = re.compile(rf"{_NAME}\s+(?i:{words(strings(docs, 'named'))})")
        self._hedges = compile_any(packs.section("hedges"), "hedges", re.IGNORECASE)
        self._last_hedges: tuple[str | None, list] = (None, [])  # see _hedge_spans

    # --- what the check asks ---------------------------------------------------------------

    def source(self, document, start: int, end: int) -> Attribution | None:
        """A citation or a named source for ``text[start:end]``."""
        return self.citation(document, start, end) or self.cue(document.text[start:end])

    def citation(self, document, start: int, end: int) -> Attribution | None:
        """A citation in ``text[start:end]`` or right after it ("… 9%. [3]")."""
        for c in document.citations_in(start, end + 16):
            if c.kind == "placeholder":
                continue
            if c.start < end or not document.text[end:c.start].strip(" \t.,;:)\"”’"):
                return Attribution("citation", document.text[c.start:c.end])
        return None

    def hedge(self, text: str) -> str | None:
        """The first hedge in ``text`` ("reportedly"), for the finding's message."""
        spans = self._hedge_spans(text)
        return text[spans[0][0]:spans[0][1]] if spans else None

    def cue(self, text: str) -> Attribution | None:
        """A named source in ``text`` (one sentence, or a clause): hedges do not count."""
        text = self._mask_hedges(text)
        for m in self._phrases.finditer(text):
            if self._names_source(text, m.end()):
                return Attribution("cue", m.group(0).strip())
        verb = self._speaking_verb(text)
        if verb:
            return verb
        for m in _DOC_PREPOSITION.finditer(text):
            if self._document_phrase(text, m.end()):
                return Attribution("document", m.group(0).strip())
        for m in self._possessive_doc.finditer(text):  # "Nvidia's own figures", "Meta's filing"
            if self._names.is_name(m.group("name")):
                return Attribution("document", m.group(0))
        for m in self._named_doc.finditer(text):  # "the LMSYS leaderboard", "ONS figures"
            if self._names.is_proper(text, m.start("name"), m.end("name"), 0):
                return Attribution("document", m.group(0))
        return None

    def trailer(self, text: str) -> Attribution | None:
        """A source line ("Source: ONS") or a speaker line ("— Jane Doe, CEO") under a group."""
        speaker = _SPEAKER_LINE.match(text)
        if speaker and self._names.is_name(speaker.group(1)):
            return Attribution("quote", speaker.group(0))
        label = self._phrases.match(text.lstrip())
        if label and label.group(0).rstrip().endswith(":"):
            return self.cue(text)
        return None

    def quote_speaker(self, text: str, block_start: int, block_end: int, offset: int) -> Attribution | None:
        """The named speaker of the direct quotation around ``offset``, if any."""
        for q in _QUOTE.finditer(text, block_start, block_end):
            if q.start() < offset < q.end():
                before = text[max(block_start, q.start() - _QUOTE_WINDOW):q.start()]
                after = _CLAUSE_END.split(text[q.end():min(block_end, q.end() + _QUOTE_WINDOW)])[0]
                for window in (before, after):
                    found = self._speaking_verb(self._mask_hedges(window))
                    if found:
                        return Attribution("quote", found.text)
                return None
        return None

    # --- cues ------------------------------------------------------------------------------

    def _mask_hedges(self, text: str) -> str:
        spans = self._hedge_spans(text)
        if not spans:
            return text
        parts, pos = [], 0
        for s, e in spans:
            parts += (text[pos:s], " " * (e - s))
            pos = e
        parts.append(text[pos:])
        return "".join(parts)

    def _hedge_spans(self, text: str) -> list[tuple[int, int]]:
        """Where the hedges are in ``text``. The hedge patterns are slow to run and the check
        asks twice about an unsourced sentence (to mask them, then to quote one), so the
        last answer is kept."""
        last = self._last_hedges
        if last[0] == text:
            return last[1]
        spans = [m.span() for m in self._hedges.finditer(text)]
        self._last_hedges = (text, spans)
        return spans

    def _speaking_verb(self, text: str) -> Attribution | None:
        for m in self._verbs.finditer(text):
            before = text[:m.start()].rstrip()
            if not before or before[-1] in ",”\"’:":
                # "…,” said Wang" / ", said the company": the speaker follows the verb.
                if self._names_source(text, m.end(), after_verb=True):
                    return Attribution("cue", m.group(0))
            if self._credits_subject(text, m.start()):
                return Attribution("cue", m.group(0))
            if before.endswith(","):
                # "TSMC, which makes most of the world's chips, said": the subject stands
                # before the clause set off by commas.
                opening = before.rfind(",", max(0, len(before) - _APPOSITION), len(before) - 1)
                if opening > 0 and self._credits_subject(text, opening):
                    return Attribution("cue", m.group(0))
        return None

    def _credits_subject(self, text: str, verb: int) -> bool:
        """Whether the noun phrase before the verb at ``verb`` names who speaks."""
        tokens = list(TOKEN.finditer(text, max(0, verb - 100), verb))
        while tokens and token_text(tokens[-1]).lower() in self._skip:
            tokens.pop()
        if not tokens:
            return False
        nearest = token_text(tokens[-1]).lower()
        if nearest in _PRONOUNS:
            return True  # "he said", "it reported", "…, which estimates"
        phrase = self._subject(text, tokens)
        if not phrase:
            return False  # "declined to say", "as expected"
        words_ = [token_text(t) for t in phrase]
        lowers = [w.lower() for w in words_]
        if any(self._anonymous.fullmatch(w) for w in lowers):
            return False  # "sources at the bank said"
        for k, w in enumerate(lowers):
            if w in self._generic:
                # "Goldman Sachs analysts", "government figures"; "analysts at Jefferies", not
                # "analysts" or "reports in France".
                if k and (self._names.is_name(words_[k - 1]) or lowers[k - 1] in self._speakers):
                    return True
                return k + 1 < len(lowers) and lowers[k + 1] in _AFFILIATION \
                    and any(self._names.is_name(x) for x in words_[k + 2:])
        doc = self._docs.search(text, phrase[0].start(), phrase[-1].end())
        if doc:  # "the survey found", "its filing shows", "a study in Nature found"
            return bool(self._own_docs.fullmatch(doc.group(0))) or any(w in _DEFINITE for w in lowers) \
                or any(self._names.is_name(w) for w in words_)
        return lowers[-1] in self._speakers or self._names.is_name(words_[-1])

    def _subject(self, text: str, tokens: list[re.Match]) -> list[re.Match]:
        """The noun phrase that ends with ``tokens[-1]``, read backwards to punctuation or a verb."""
        out: list[re.Match] = []
        for t in reversed(tokens):
            lower = token_text(t).lower()
            if out and text[t.end():out[0].start()].strip():
                break
            if lower in self._stop and lower not in _CONNECTORS:
                break
            out.insert(0, t)
            if len(out) == _PHRASE_TOKENS:
                break
        while out and token_text(out[0]).lower() in _CONNECTORS - _DETERMINERS:
            out.pop(0)
        return out

    def _phrase(self, text: str, pos: int) -> list[re.Match]:
        """The words of the noun phrase starting at ``pos``, up to punctuation or a verb-like word."""
        out: list[re.Match] = []
        last = pos
        for t in TOKEN.finditer(text, pos, min(len(text), pos + 120)):
            if out and text[last:t.start()].strip():
                break
            lower = token_text(t).lower()
            if out and lower in self._stop and lower not in _CONNECTORS and lower not in _MODIFIERS:
                break
            out.append(t)
            last = t.end()
            if len(out) == _PHRASE_TOKENS:
                break
        return out

    def _names_source(self, text: str, pos: int, after_verb: bool = False) -> bool:
        """Whether the phrase at ``pos`` names a source ("Reuters", "the company", "its filing")."""
        tokens = self._phrase(text, pos)
        if not tokens:
            return False
        first = token_text(tokens[0]).lower()
        if after_verb and first in _CONNECTORS - _DETERMINERS:
            return False  # ", reports in France suggest": no speaker after the verb
        det = first if first in _DETERMINERS else None
        content = tokens[1:] if det else tokens
        if not content or self._anonymous.match(text, content[0].start()):
            return False
        head = token_text(content[0]).lower()
        if any(self._names.is_name(token_text(t)) for t in content):
            return True
        if head in _PRONOUNS and (after_verb or head not in ("it", "which", "who")):
            return True
        if head in self._speakers and (det is not None or head.endswith("s")):
            return True  # "per the company", "a spokesperson", "police"; not "per user"
        span_end = tokens[-1].end()
        doc = self._docs.search(text, content[0].start(), span_end)
        return bool(doc) and (det in _DEFINITE or bool(self._own_docs.fullmatch(doc.group(0))))

    def _document_phrase(self, text: str, pos: int) -> bool:
        """ "in a filing", "on its earnings call", "on the Artificial Analysis Intelligence Index",
        "in a survey by Gallup"; not "in a study" or "on Humanity's Last Exam"."""
        tokens = self._phrase(text, pos)
        if not tokens:
            return False
        doc = self._docs.search(text, tokens[0].start(), tokens[-1].end())
        if not doc:
            return False
        if self._own_docs.fullmatch(doc.group(0)):
            return True
        lead = [t for t in tokens if t.start() < doc.start()]
        if any(token_text(t).lower() in _DEFINITE for t in lead[:1]):
            return True
        if any(self._names.is_name(token_text(t)) for t in lead):
            return True
        tail = _AUTHOR_AFTER.match(text, doc.end())
        return bool(tail) and self._names_source(text, tail.end())
