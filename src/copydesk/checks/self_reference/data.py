"""The self-reference rules' data (``rules/self_reference.yaml``), compiled once per pack set.

Phrasings are templates: ``{work}``, ``{verb}`` and the ``phrase_parts`` names are filled in
here; ``{self}`` is filled in per draft, from its identity (see ``identity.py``).

Compiling is the costly part (a filled phrasing takes a millisecond or more), and most drafts
need few of the regexes or none: a phrasing compiles on the first draft with a sentence
holding the words it needs (see ``checks/prefilter.py``), the other regexes on first use.
Loading still checks each phrasing's own text and its ``span`` group, so a broken desk pack
fails on the first draft it meets.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from copydesk.checks.citations.data import compile_alternation, word_list
from copydesk.checks.prefilter import Requirement, Word, needs_of, requirement
from copydesk.yamlio import DataError

SELF = "{self}"
_ANY = "(?:.)"  # a placeholder's stand-in when checking a phrasing's own text: one atom


class _Parts:
    """The placeholders' fills, and the words each one needs, read on first need."""

    def __init__(self, fills: dict[str, str]):
        self.fills = fills
        self._stand_ins: dict[str, str] = {}

    def stand_in(self, key: str) -> str:
        """What ``key`` becomes when reading what a phrasing needs: a group per word set its
        fill needs (``(analysis|report|...)``), or one atom when it needs no word."""
        if key not in self._stand_ins:
            try:
                sets = needs_of(_fill(self.fills[key], self.fills))
            except re.error:  # the phrasing fails to compile, naming itself
                sets = []
            self._stand_ins[key] = "".join(f"({'|'.join(map(_word_regex, sorted(words)))})" for words in sets) or _ANY
        return self._stand_ins[key]


def _word_regex(word: Word) -> str:
    """A needed word as a regex that needs it again: whole where the fill says so, and
    otherwise with an optional character on each side, so that what surrounds the
    placeholder does not make it look whole ("confirm" may go on as "confirms")."""
    text, lead, trail = word
    return ("(?<!\\w)" if lead else "(?:.)?") + re.escape(text) + ("(?!\\w)" if trail else "(?:.)?")


class Phrasing:
    """One ``self_evidence`` entry: its filled template, compiled when a draft first needs it."""

    def __init__(self, id: str, template: str, source: str, parts: _Parts, where: str):
        self.id = id
        self.template = template  # a regex, possibly still holding {self}
        self.source, self.where = source, where  # as written, and its pack file, for errors
        self._parts = parts

    def need(self, self_names: tuple[str, ...]) -> Requirement | None:
        """The words any match needs (see ``prefilter``), for a draft going by ``self_names``."""
        if SELF not in self.template:
            return self._need
        return _need_with_names(self._needs_text, self_names) if self_names else None

    def pattern(self, self_names: tuple[str, ...]) -> re.Pattern | None:
        """The regex for a draft whose publication goes by ``self_names`` (None: cannot apply)."""
        if SELF not in self.template:
            return self.compiled
        return _with_names(self.template, self_names) if self_names else None

    @cached_property
    def compiled(self) -> re.Pattern:
        try:
            return re.compile(self.template)
        except re.error as exc:
            raise DataError(f"{self.where}: section 'self_evidence': bad pattern {self.source!r}: {exc}") from None

    @cached_property
    def _needs_text(self) -> str:
        """The entry with each placeholder but {self} standing for the words its fill needs."""
        return _fill(self.source, {key: self._parts.stand_in(key) for key in self._parts.fills if key in self.source})

    @cached_property
    def _need(self) -> Requirement | None:
        return _requirement(self._needs_text)


def _names_regex(self_names: tuple[str, ...]) -> str:
    return "(?i:" + "|".join(_words_regex(n) for n in sorted(self_names, key=len, reverse=True)) + ")"


@lru_cache(maxsize=64)
def _with_names(template: str, self_names: tuple[str, ...]) -> re.Pattern:
    """Compiled per publication, not per draft: a desk lints many drafts of one outlet."""
    return re.compile(template.replace(SELF, _names_regex(self_names)))


@lru_cache(maxsize=64)
def _need_with_names(needs_text: str, self_names: tuple[str, ...]) -> Requirement | None:
    return _requirement(needs_text.replace(SELF, _names_regex(self_names)))


def _requirement(source: str) -> Requirement | None:
    try:
        return requirement(source)
    except re.error:  # the phrasing fails to compile, naming itself; no words to go by
        return None


class SelfData:
    """The compiled sections. Each regex compiles on first use; a bad entry then fails with
    its pack file named, as when everything compiled up front."""

    def __init__(self, packs, phrasings: tuple[Phrasing, ...]):
        self._packs = packs
        self.phrasings = phrasings
        # normalised words that may follow the outlet's name
        self.suffixes = tuple(" ".join(s.lower().split())
                              for s in word_list(packs.section("self_suffixes"), "self_suffixes"))
        # words that never stand between "our" and a piece of work
        self.not_modifiers = frozenset(w.lower() for w in word_list(packs.section("not_modifiers"), "not_modifiers"))

    @cached_property
    def labels(self) -> re.Pattern:
        """fullmatch against a normalised publisher field"""
        return compile_alternation(self._packs.section("self_labels"), "self_labels")

    @cached_property
    def cues(self) -> re.Pattern:
        """an independent source named in a sentence"""
        return compile_alternation(self._packs.section("independent_cues"), "independent_cues", flags=0)

    @cached_property
    def speech(self) -> re.Pattern:
        """a speech verb: what follows is a speaker's, not the outlet's"""
        return compile_alternation(self._packs.section("reported_speech"), "reported_speech")


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
        # a group, so that a part stands as one unit wherever a phrasing puts it
        fills["{" + part["name"] + "}"] = f"(?:{part['pattern']})"
    parts = _Parts(fills)
    phrasings = []
    for entry in packs.section("self_evidence"):
        if not isinstance(entry, dict) or not isinstance(entry.get("pattern"), str):
            raise DataError(f"{_where(entry)}: section 'self_evidence': expected {{id, pattern}}, got {entry!r}")
        template = _fill(entry["pattern"], fills)
        _check(entry, _fill(entry["pattern"], dict.fromkeys(fills, _ANY)), template)
        phrasings.append(Phrasing(str(entry.get("id", "self-evidence")), template, entry["pattern"],
                                  parts, _where(entry)))
    return SelfData(packs, tuple(phrasings))


def _check(entry: dict, skeleton: str, template: str) -> None:
    """Fail unless the phrasing compiles and holds a ``span`` group. Its own text (the
    skeleton) is enough to tell, nearly always; the filled phrasing compiles on first need,
    or here when the skeleton cannot tell (compiling every one here would cost ~10 ms)."""
    try:
        compiled = re.compile(skeleton.replace(SELF, "Name"))
    except re.error:
        compiled = None
    if compiled is None or "span" not in compiled.groupindex:
        try:
            compiled = re.compile(template.replace(SELF, "Name"))
        except re.error as exc:
            raise DataError(f"{_where(entry)}: section 'self_evidence': bad pattern {entry['pattern']!r}: {exc}") from None
    if "span" not in compiled.groupindex:
        raise DataError(f"{_where(entry)}: section 'self_evidence': pattern {entry['pattern']!r} has no (?P<span>...) group")


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
