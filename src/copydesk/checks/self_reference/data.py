"""The self-reference rules' data (``rules/self_reference.yaml``), compiled once per pack set.

Phrasings are templates: ``{work}``, ``{verb}`` and the ``phrase_parts`` names are filled in
here; ``{self}`` is filled in per draft, from its identity (see ``identity.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from copydesk.checks.citations.data import compile_alternation, word_list
from copydesk.yamlio import DataError

SELF = "{self}"


@dataclass(frozen=True)
class Phrasing:
    id: str
    template: str  # a regex, possibly still holding {self}
    compiled: re.Pattern | None = None  # compiled once when the template needs no {self}

    def pattern(self, self_names: tuple[str, ...]) -> re.Pattern | None:
        """The regex for a draft whose publication goes by ``self_names`` (None: cannot apply)."""
        if self.compiled is not None:
            return self.compiled
        return _with_names(self.template, self_names) if self_names else None


@lru_cache(maxsize=64)
def _with_names(template: str, self_names: tuple[str, ...]) -> re.Pattern:
    """Compiled per publication, not per draft: a desk lints many drafts of one outlet."""
    names = "(?i:" + "|".join(_words_regex(n) for n in sorted(self_names, key=len, reverse=True)) + ")"
    return re.compile(template.replace(SELF, names))


@dataclass(frozen=True)
class SelfData:
    labels: re.Pattern  # fullmatch against a normalised publisher field
    suffixes: tuple[str, ...]  # normalised words that may follow the outlet's name
    phrasings: tuple[Phrasing, ...]
    not_modifiers: frozenset[str]  # words that never stand between "our" and a piece of work
    cues: re.Pattern  # an independent source named in a sentence
    speech: re.Pattern  # a speech verb: what follows is a speaker's, not the outlet's


def _words_regex(phrase: str) -> str:
    return r"\s+".join(re.escape(w) for w in phrase.split())


def _alternation(words: list[str], escape: bool) -> str:
    items = sorted(set(words), key=len, reverse=True)
    return "(?:" + "|".join(_words_regex(w) if escape else w.replace(" ", r"\s+") for w in items) + ")"


def self_data(context) -> SelfData:
    packs = context.packs
    return context.shared(("self_reference", packs.paths), lambda: _build(packs))


def _build(packs) -> SelfData:
    fills = {
        "{work}": "(?i:" + _alternation(word_list(packs.section("own_work"), "own_work"), escape=True) + ")",
        "{verb}": _alternation(word_list(packs.section("evidence_verbs"), "evidence_verbs"), escape=False),
    }
    for part in packs.section("phrase_parts"):
        if not isinstance(part, dict) or not part.get("name") or not isinstance(part.get("pattern"), str):
            raise DataError(f"{_where(part)}: section 'phrase_parts': expected {{name, pattern}}, got {part!r}")
        fills["{" + part["name"] + "}"] = part["pattern"]
    phrasings = []
    for entry in packs.section("self_evidence"):
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
            raise DataError(f"{_where(entry)}: section 'self_evidence': expected {{id, pattern}}, got {entry!r}")
        template = _fill(entry["pattern"], fills)
        try:
            compiled = re.compile(template.replace(SELF, "Name"))
        except re.error as exc:
            raise DataError(f"{_where(entry)}: section 'self_evidence': bad pattern {entry['pattern']!r}: {exc}") from None
        if "span" not in compiled.groupindex:
            raise DataError(f"{_where(entry)}: section 'self_evidence': pattern {entry['pattern']!r} has no (?P<span>...) group")
        phrasings.append(Phrasing(str(entry.get("id", "self-evidence")), template,
                                  None if SELF in template else compiled))
    return SelfData(
        labels=compile_alternation(packs.section("self_labels"), "self_labels"),
        suffixes=tuple(" ".join(s.lower().split()) for s in word_list(packs.section("self_suffixes"), "self_suffixes")),
        phrasings=tuple(phrasings),
        not_modifiers=frozenset(w.lower() for w in word_list(packs.section("not_modifiers"), "not_modifiers")),
        cues=compile_alternation(packs.section("independent_cues"), "independent_cues", flags=0),
        speech=compile_alternation(packs.section("reported_speech"), "reported_speech"),
    )


def _fill(template: str, fills: dict[str, str]) -> str:
    """Replace placeholders; a part may use another part (``{modifiers}`` uses ``{plain}``)."""
    for _ in range(len(fills) + 1):
        before = template
        for key, value in fills.items():
            template = template.replace(key, value)
        if template == before:
            break
    return template


def _where(entry) -> str:
    return entry.get("_pack", "rule pack") if isinstance(entry, dict) else "rule pack"
