"""Rules as data: Vale-style existence rules from the ``patterns:`` section of rule packs.

Each entry becomes a rule of its own (id, category, severity, docs) that flags a phrase or a
regular expression in prose, so a desk adds a house rule by editing YAML. ``unless`` lists
what excuses a match in its sentence: ``citation`` (a citation marker or link),
``named-source`` (a source named as "according to X", "X said", "told X") or
``{regex: ...}``. Matches inside quotation marks are skipped unless ``skip_quotes: false``:
the quoted speaker owns those words (proselint does the same).
"""

from __future__ import annotations

import re
from functools import cache

from copydesk.api import Rule
from copydesk.checks.prefilter import Requirement, SpanFinder, either, requirement
from copydesk.hookspecs import hookimpl
from copydesk.model import SEVERITIES, Finding
from copydesk.yamlio import DataError

SECTION = "patterns"
_ID = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*")
_REQUIRED = ("id", "category", "message", "summary")
_KNOWN = {"id", "category", "severity", "message", "summary", "why", "docs", "bad", "good",
          "phrases", "regex", "ignorecase", "unless", "skip_quotes", "aliases", "_pack"}
_CONDITIONS = ("citation", "named-source")

# A source named next to an attribution cue: "according to Reuters", "Gartner said", "said
# Jane Doe", "told the FT", "a report by Moody's". Vague groups do not count as names.
_VAGUE = ("sources?|experts?|critics?|analysts?|observers?|insiders?|officials?|commentators?|pundits?|"
          "watchers?|sceptics?|skeptics?|researchers?|scientists?|economists?|investors?|executives?|"
          "employees?|engineers?|developers?|users?|regulators?|lawmakers?|authorities|reports?|"
          "studies|study|people|someone|somebody|everyone|many|some|several|others?|most|all|both|"
          "they|he|she|we|it|one|the|a|an|this|that|these|those|but|and|yet|industry|company")
_NAME = rf"(?!(?i:{_VAGUE})\b)[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*"
_QUOTED = r"“[^”]*”|\"[^\"\n]*\""  # compiled by re on the first match it may excuse


@cache
def _named_source() -> re.Pattern:
    """Compiled on the first match that asks (a few ms): most drafts never need it."""
    return re.compile(
        rf"(?i:according to|said|says|told|reported by|cited by|(?:report|study|survey|analysis|paper|"
        rf"filing|statement|data) (?:by|from))\s+(?:[a-z][\w'’-]*\s+){{0,3}}{_NAME}"
        rf"|{_NAME}(?:'s|’s)?\s+(?i:said|says|told|reported|wrote|writes|estimated|estimates|found|finds)\b"
    )


class Pattern:
    """A compiled pattern rule, and the words any of its matches needs (see ``prefilter``)."""

    __slots__ = ("rule", "regex", "need", "message", "unless", "skip_quotes")

    def __init__(self, rule: Rule, regex: re.Pattern, need: Requirement | None, message: str,
                 unless: tuple, skip_quotes: bool):
        self.rule, self.regex, self.need, self.message = rule, regex, need, message
        self.unless = unless  # "citation", "named-source" or compiled regexes
        self.skip_quotes = skip_quotes


class _Entry:
    """Validates one YAML entry; every error names the pack file, the entry and the key."""

    def __init__(self, entry, where: str):
        self.entry, self.where = entry, where

    def fail(self, key: str, expected: str):
        got = self.entry.get(key) if isinstance(self.entry, dict) else self.entry
        raise DataError(f"{self.where}: key {key!r}: expected {expected}, got {got!r}")

    def text(self, key: str, default: str | None = None) -> str:
        value = self.entry.get(key, default)
        if not isinstance(value, str) or (not value.strip() and default is None):
            self.fail(key, "a non-empty string")
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.entry.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(key, "a list of non-empty strings")
        return tuple(value)

    def flag(self, key: str, default: bool) -> bool:
        value = self.entry.get(key, default)
        if not isinstance(value, bool):
            self.fail(key, "true or false")
        return value

    def compile(self, key: str, source: str, flags: int) -> re.Pattern:
        try:
            return re.compile(source, flags)
        except re.error as exc:
            raise self.invalid(key, source, exc) from None

    def need(self, key: str, source: str, flags: int) -> Requirement | None:
        """The words a match of ``source`` needs; reading them parses it, which validates it."""
        try:
            return requirement(source, flags)
        except re.error as exc:
            raise self.invalid(key, source, exc) from None

    def invalid(self, key: str, source: str, exc: re.error) -> DataError:
        return DataError(f"{self.where}: key {key!r}: invalid regular expression {source!r}: {exc}")


def parse_pattern(entry, where: str) -> Pattern:
    """Build a :class:`Pattern` from one ``patterns:`` entry, or raise a :class:`DataError`."""
    e = _Entry(entry, where)
    if not isinstance(entry, dict):
        raise DataError(f"{where}: expected a mapping with {', '.join(_REQUIRED)}, got {entry!r}")
    unknown = sorted(set(entry) - _KNOWN)
    if unknown:
        raise DataError(f"{where}: unknown key {unknown[0]!r}; expected some of: "
                        f"{', '.join(sorted(_KNOWN - {'_pack'}))}")
    for key in _REQUIRED:
        e.text(key)
    if not _ID.fullmatch(entry["id"]):
        e.fail("id", "lower-case words joined by '-' (like anonymous-source)")
    severity = entry.get("severity", "warning")
    if severity not in SEVERITIES:
        e.fail("severity", f"one of {', '.join(SEVERITIES)}")
    flags = re.IGNORECASE if e.flag("ignorecase", True) else 0
    rule = Rule(
        id=entry["id"], category=entry["category"], severity=severity, summary=entry["summary"].strip(),
        docs=_docs(e), bad=e.text("bad", ""), good=e.text("good", ""),
        aliases=e.strings("aliases"),
    )
    regex, need = _matcher(e, flags)
    return Pattern(rule, regex, need, entry["message"].strip(), _unless(e, flags), e.flag("skip_quotes", True))


def _matcher(e: _Entry, flags: int) -> tuple[re.Pattern, Requirement | None]:
    """One regular expression for the entry's ``phrases`` (whole words) and ``regex`` list,
    and the words any match needs. Reading those parses each regex, which validates it, so
    only the combined one is compiled (a culprit the parse misses is found by compiling)."""
    alternatives = [r"\s+".join(map(re.escape, p.split())) for p in e.strings("phrases")]
    alternatives = [rf"(?<!\w){a}(?!\w)" for a in alternatives]
    sources = e.strings("regex")
    alternatives += sources
    if not alternatives:
        raise DataError(f"{e.where}: needs 'phrases' or 'regex' (what to flag)")
    needs = [e.need("regex", source, flags) for source in alternatives]
    combined = "|".join(f"(?:{a})" for a in alternatives)
    try:
        return re.compile(combined, flags), either(needs)
    except re.error:
        for source in sources:  # name the culprit if it is one entry; else the combination
            e.compile("regex", source, flags)
        return e.compile("regex", combined, flags), None  # raises


def _unless(e: _Entry, flags: int) -> tuple:
    """The entry's excuses: condition names as they are, ``{regex: ...}`` compiled."""
    out = []
    raw = e.entry.get("unless", [])
    for i, cond in enumerate(raw if isinstance(raw, list) else [raw]):
        if cond in _CONDITIONS:
            out.append(cond)
        elif isinstance(cond, dict) and set(cond) == {"regex"} and isinstance(cond["regex"], str):
            out.append(e.compile(f"unless[{i}].regex", cond["regex"], flags))
        else:
            e.fail("unless", f"a list of {', '.join(_CONDITIONS)} or {{regex: ...}} entries")
    return tuple(out)


def _docs(e: _Entry) -> str:
    """``docs`` as written, or ruff's four sections built from summary, why and the examples."""
    if "docs" in e.entry:
        return e.text("docs")
    parts = [f"## What it does\n{e.entry['summary'].strip()}"]
    if "why" in e.entry:
        parts.append(f"## Why is this bad?\n{e.text('why').strip()}")
    if e.entry.get("bad"):
        parts.append("## Example\n```text\n" + e.text("bad").strip() + "\n```")
    if e.entry.get("good"):
        parts.append("## Use instead\n```text\n" + e.text("good").strip() + "\n```")
    return "\n\n".join(parts) + "\n"


def load_patterns(entries: list, origins: list[str]) -> tuple[Pattern, ...]:
    """Every entry of the merged ``patterns:`` sections (``origins``: the pack file of each);
    a repeated id names both packs."""
    out: dict[str, Pattern] = {}
    origin: dict[str, str] = {}
    index: dict[str, int] = {}
    for entry, pack in zip(entries, origins):
        i = index[pack] = index.get(pack, -1) + 1
        label = entry.get("id") if isinstance(entry, dict) else None
        where = f"{pack}: {SECTION}[{i}]" + (f" ({label})" if isinstance(label, str) else "")
        pattern = parse_pattern(entry, where)
        if pattern.rule.id in out:
            raise DataError(f"{where}: id {pattern.rule.id!r} is already defined in {origin[pattern.rule.id]}")
        out[pattern.rule.id], origin[pattern.rule.id] = pattern, pack
    return tuple(out.values())


class PatternCheck:
    """Runs every pattern rule over a draft's prose, sentence by sentence: only over the
    sentences holding the words the rule needs, so a draft that cannot match costs a few
    ``str.find`` calls rather than a regex scan per rule."""

    name = "pattern"

    def __init__(self, patterns: tuple[Pattern, ...]):
        self.patterns = patterns
        self.rules = tuple(p.rule for p in patterns)

    def run(self, document, context):
        active = [p for p in self.patterns if context.rule_enabled(p.rule.id)]
        if not active:
            return
        sentences = list(document.prose_sentences())
        finder = SpanFinder(document, [(s.start, s.end) for s in sentences])
        where = [finder.candidates(p.need) for p in active]
        indices = range(len(sentences)) if None in where else sorted(set().union(*where))
        for i in indices:
            sentence = sentences[i]
            text = document.text[sentence.start:sentence.end]
            quoted = None
            for p, candidates in zip(active, where):
                if candidates is not None and i not in candidates:
                    continue
                for m in p.regex.finditer(text):
                    if m.end() == m.start():
                        continue
                    if p.skip_quotes:
                        quoted = quoted if quoted is not None else [q.span() for q in re.finditer(_QUOTED, text)]
                        if any(qs < m.start() and m.end() <= qe for qs, qe in quoted):
                            continue
                    if self._excused(p, document, sentence, text, m):
                        continue
                    start, end = sentence.start + m.start(), sentence.start + m.end()
                    yield Finding(p.rule.id, start, end, p.message.replace("{match}", m.group(0)))

    @staticmethod
    def _excused(p: Pattern, document, sentence, text: str, m: re.Match) -> bool:
        for cond in p.unless:
            if cond == "citation":
                if any(c.kind != "placeholder" for c in document.citations_in(sentence.start, sentence.end)):
                    return True
            elif cond == "named-source":
                if any(not (n.start() <= m.start() < n.end()) for n in _named_source().finditer(text)):
                    return True
            elif cond.search(text):
                return True
        return False


@hookimpl
def copydesk_register_checks(register, packs):
    patterns = load_patterns(packs.section(SECTION), packs.origins(SECTION))
    if patterns:
        register(PatternCheck(patterns))
