"""Whether a sentence names a source other than the outlet itself.

A claim that cites the outlet's own work *and* an independent source is sourced; one that
rests on the outlet alone is not. Independent: a citation of a real, non-self reference, a
link to another site, or a named source ("according to Eurostat", "Reuters reported").
"""

from __future__ import annotations

from copydesk.checks.citations.data import CitationData
from copydesk.checks.citations.keys import KEYED_KINDS, normalise_key
from copydesk.checks.citations.placeholders import placeholder_problem
from copydesk.checks.self_reference.data import SelfData
from copydesk.checks.self_reference.identity import Identity


class Support:
    """What backs each sentence of one draft: its independent references, links and cues."""

    def __init__(self, document, identity: Identity, data: SelfData, citation_data: CitationData | None,
                 self_keys: frozenset[str]):
        """``citation_data`` may be None for a draft without references."""
        self.document, self.identity, self.data = document, identity, data
        self.citation_data = citation_data
        self.self_keys = self_keys  # keys of the references that credit the outlet
        own = {normalise_key(k) for k in self.self_keys}
        self._independent_refs = {
            normalise_key(r.key) for r in self.document.references
            if normalise_key(r.key) not in own and not placeholder_problem(r, self.citation_data)
        }
        self._keyed = [c for c in self.document.citations if c.kind in KEYED_KINDS and c.key]

    def rests_on_self(self, key: str) -> bool:
        """Some claim cites the reference with no independent source beside it; or the draft
        cites nothing by marker, so its source list as a whole is what backs the piece."""
        if not self._keyed:
            return True
        wanted = normalise_key(key)
        for citation in self._keyed:
            if normalise_key(citation.key) == wanted:
                sentence = self.document.sentence_at(citation.start)
                span = (sentence.start, sentence.end) if sentence else (citation.start, citation.end)
                if not self.independent(*span):
                    return True
        return False

    def independent(self, start: int, end: int, exclude: tuple[int, int] | None = None) -> bool:
        """True when ``text[start:end]`` names an independent source outside ``exclude``."""
        def outside(s: int, e: int) -> bool:
            return exclude is None or e <= exclude[0] or s >= exclude[1]

        for c in self.document.citations_in(start, end):
            if c.kind in KEYED_KINDS and c.key and normalise_key(c.key) in self._independent_refs:
                return True
            if (c.kind == "link" and c.url and c.url.lower().startswith(("http", "www."))
                    and outside(c.start, c.end) and not self.identity.owns_url(c.url)):
                return True
        text = self.document.text
        if not self.data.may_cue(text[start:end]):
            return False
        for m in self.data.cues.finditer(text, start, end):
            if outside(m.start(), m.end()) and not self._names_self(m.group(0)):
                return True
        return False

    def _names_self(self, phrase: str) -> bool:
        lowered = phrase.lower()
        return any(name.lower() in lowered for name in self.identity.names)
