"""The self-reference rules' data (``rules/self_reference.yaml``), compiled once per pack set.

Phrasings are templates: ``{work}``, ``{verb}`` and the ``phrase_parts`` names are filled in
here; ``{self}`` is filled in per draft, from its identity (see ``identity.py``).

Compiling is the costly part (a filled phrasing takes a millisecond or more), and most drafts
need few of the regexes or none: a phrasing compiles on the first draft with a sentence
holding the words it needs (see ``checks/prefilter.py``), the other regexes on first use.
Loading still checks each phrasing's own text and its ``span`` group; a broken part or
section fails, naming its pack, on the first draft that needs it.
"""

from __future__ import annotations

import re
from functools import cached_property, lru_cache

from copydesk.checks.citations.data import alternation_source, compile_alternation, word_list
from copydesk.checks.prefilter import Requirement, may_match, parse_part, read, requirement
from copydesk.yamlio import DataError

SELF = "{self}"
_ANY = "(?:.)"  # {self}'s stand-in when checking a phrasing: one atom, no words


class _Parts:
    """The placeholders' fills, each parsed once, on first need (see ``Phrasing.full_need``)."""

    def __init__(self, fills: dict[str, str]):
        self.fills = fills
        self._trees: dict[str, list | None] = {}

    def tree(self, key: str) -> list | None:
        if key not in self._trees:
            try:
                self._trees[key] = parse_part(_fill(self.fills[key], self.fills))
            except re.error:  # the phrasing fails to compile, naming itself
                self._trees[key] = None
        return self._trees[key]


class Phrasing:
    """One ``self_evidence`` entry: its filled template, compiled when a draft first needs it.

    What a match needs is read off the entry as written (its skeleton: each placeholder but
    ``{self}`` an empty group standing for its fill), in two steps: the entry's own words
    ("our", "according to") and the publication's name, which costs next to nothing; then,
    for a draft with sentences holding those, the words its fills add, which costs parsing
    the fills (a fraction of compiling), so that "our" in a quote does not compile it."""

    def __init__(self, id: str, template: str, skeleton: str, parts: _Parts, markers: dict[str, str],
                 need: Requirement | None, source: str, where: str):
        self.id = id
        self.template = template  # a regex, possibly still holding {self}
        self.skeleton, self._parts, self._markers = skeleton, parts, markers
        self._need = need
        self._full_needs: dict[tuple[str, ...], Requirement | None] = {}
        self.source, self.where = source, where  # as written, and its pack file, for errors

    def need(self, self_names: tuple[str, ...]) -> Requirement | None:
        """The words any match needs (see ``prefilter``), for a draft going by ``self_names``:
        the entry's own words only."""
        if SELF not in self.skeleton:
            return self._need
        return _need_with_names(self.skeleton, tuple(self._markers), self_names) if self_names else None

    def full_need(self, self_names: tuple[str, ...]) -> Requirement | None:
        """:meth:`need`, with the words the fills need too."""
        key = self_names if SELF in self.skeleton else ()
        if key not in self._full_needs:
            parts = {name: self._parts.tree(placeholder) for name, placeholder in self._markers.items()}
            self._full_needs[key] = _read(self.skeleton.replace(SELF, _names_regex(key) if key else _ANY), parts)
        return self._full_needs[key]

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


def _names_regex(self_names: tuple[str, ...]) -> str:
    return "(?i:" + "|".join(_words_regex(n) for n in sorted(self_names, key=len, reverse=True)) + ")"


@lru_cache(maxsize=64)
def _with_names(template: str, self_names: tuple[str, ...]) -> re.Pattern:
    """Compiled per publication, not per draft: a desk lints many drafts of one outlet."""
    return re.compile(template.replace(SELF, _names_regex(self_names)))


@lru_cache(maxsize=64)
def _need_with_names(skeleton: str, markers: tuple[str, ...], self_names: tuple[str, ...]) -> Requirement | None:
    return _read(skeleton.replace(SELF, _names_regex(self_names)), dict.fromkeys(markers))


def _read(skeleton: str, parts: dict[str, list | None]) -> Requirement | None:
    try:
        return read(skeleton, parts=parts)[0]
    except re.error:  # the filled phrasing fails to compile, naming itself
        return None


def _skeleton(pattern: str, fills: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The entry with each placeholder but {self} an empty named group, and the placeholder
    each group stands for."""
    markers: dict[str, str] = {}
    for key in fills:
        while key in pattern:
            name = f"_part{len(markers)}"
            markers[name] = key
            pattern = pattern.replace(key, f"(?P<{name}>)", 1)
    return pattern, markers


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

    def may_cue(self, sentence: str) -> bool:
        """Whether a sentence holds the words some cue needs: most that are asked about hold
        none, and then the cues need not be compiled (~1 ms) to tell."""
        return may_match(sentence, self._cue_need)

    @cached_property
    def _cue_need(self) -> Requirement | None:
        try:
            return requirement(alternation_source(self._packs.section("independent_cues"), "independent_cues"))
        except re.error:  # compiling the cues names the culprit
            return None

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
        skeleton, markers = _skeleton(entry["pattern"], fills)
        need = _check(entry, skeleton, markers, template)
        phrasings.append(Phrasing(str(entry.get("id", "self-evidence")), template, skeleton, parts, markers,
                                  need, entry["pattern"], _where(entry)))
    return SelfData(packs, tuple(phrasings))


def _check(entry: dict, skeleton: str, markers: dict[str, str], template: str) -> Requirement | None:
    """Fail unless the phrasing is a valid pattern with a ``span`` group; return what its own
    words need.

    Parsing the skeleton tells both, nearly always, for a fraction of what compiling every
    filled phrasing here would cost (~10 ms); the filled one compiles on first need, or here
    when the skeleton cannot tell (it does not parse, or its ``span`` is in a part)."""
    try:
        need, groups = read(skeleton.replace(SELF, _ANY), parts=dict.fromkeys(markers))
    except re.error:
        need, groups = None, {}
    if "span" not in groups:
        try:
            groups = re.compile(template.replace(SELF, "Name")).groupindex
        except re.error as exc:
            raise DataError(f"{_where(entry)}: section 'self_evidence': bad pattern {entry['pattern']!r}: {exc}") from None
    if "span" not in groups:
        raise DataError(f"{_where(entry)}: section 'self_evidence': pattern {entry['pattern']!r} has no (?P<span>...) group")
    return need


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
