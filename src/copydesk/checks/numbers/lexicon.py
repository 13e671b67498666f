"""Turning the check's YAML sections into compiled regular expressions, once per rule pack."""

from __future__ import annotations

import re
from collections.abc import Iterable

from copydesk.yamlio import DataError

# A word-ish token: letters, digits and the joiners that keep "Meta's", "U.S." and
# "co-founder" whole.
TOKEN = re.compile(r"[^\W_][\w’'&.-]*")
_TRAIL = ".-’'"
_BOUNDARY = r"\b"


def token_text(m: re.Match) -> str:
    """A token without the sentence punctuation it swallowed ("said." -> "said")."""
    return m.group(0).rstrip(_TRAIL)


def strings(section: list, key: str | None = None) -> list[str]:
    """The strings of a section: plain entries, or the ``key`` list of mapping entries."""
    out: list[str] = []
    for item in section:
        if isinstance(item, str) and key is None:
            out.append(item)
        elif isinstance(item, dict) and key is not None:
            value = item.get(key) or []
            out.extend(str(v) for v in ([value] if isinstance(value, str) else value))
    return out


def lower_set(items: Iterable) -> frozenset[str]:
    """A section's words in lower case (YAML may hand back non-strings: quote 'no', 'on')."""
    return frozenset(str(w).lower() for w in items)


def alternation(items: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, any white space between words."""
    phrases = sorted({" ".join(str(p).split()) for p in items if str(p).strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(w) for w in p.split()) for p in phrases) or "(?!)"


def words(items: Iterable[str], *, plural: bool = False) -> str:
    """Whole-word alternation; ``plural`` also accepts a trailing s/es ("month" -> "months")."""
    suffix = r"(?:e?s)?" if plural else ""
    return rf"(?<![\w’'])(?:{alternation(items)}){suffix}(?![\w’'])"


def compile_entry(item, where: str, flags: int = 0, **placeholders: str) -> re.Pattern:
    """Compile one ``pattern:`` entry, with ``{name}`` placeholders filled in; errors name the pack."""
    if not isinstance(item, dict) or not isinstance(item.get("pattern"), str):
        raise DataError(f"{_pack(item)}: {where}: each entry needs a 'pattern' string, got {item!r}")
    source = item["pattern"]
    for key, value in placeholders.items():
        source = source.replace("{" + key + "}", value)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise DataError(f"{_pack(item)}: {where}: bad pattern {item['pattern']!r}: {exc}") from None


def _starts_at_boundary(source: str) -> bool:
    """Whether every match of ``source`` begins with its leading ``\\b``: it has one, not
    repeated, and no ``|`` outside a group or class (``\\ba|c`` matches "c" anywhere)."""
    if not source.startswith(_BOUNDARY) or source[2:3] in ("*", "+", "?", "{"):
        return False
    depth, i, in_class = 0, 2, False
    while i < len(source):
        c = source[i]
        if c == "\\":
            i += 1  # the escaped character
        elif in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
            if source.startswith("^", i + 1):
                i += 1
            if source.startswith("]", i + 1):  # a "]" first in a class is a literal
                i += 1
        elif source.startswith("(?#", i):  # a comment runs to the next ")"
            i = source.find(")", i)
            if i < 0:
                return False
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            return False
        i += 1
    return True


def _pack(item) -> str:
    return item.get("_pack", "rule pack") if isinstance(item, dict) else "rule pack"


def compile_any(section: list, where: str, flags: int = 0) -> re.Pattern:
    """One regex matching any ``pattern:`` entry of a section (each checked on its own first)."""
    sources = [compile_entry(item, where, flags).pattern for item in section]
    lead = ""
    if sources and all(_starts_at_boundary(s) for s in sources):
        # "\b(?:a|b)", not "(?:\ba)|(?:\bb)": the same matches, and mid-word the engine
        # stops at one test instead of trying every entry (hedges run twice as fast).
        lead, sources = _BOUNDARY, [s[len(_BOUNDARY):] for s in sources]
    try:
        return re.compile(lead + "(?:" + "|".join(f"(?:{s})" for s in sources) + ")" if sources else "(?!)", flags)
    except re.error as exc:  # e.g. a global (?i) or a numbered back-reference in one entry
        packs = sorted({_pack(item) for item in section})
        raise DataError(f"{', '.join(packs)}: {where}: entries cannot be combined: {exc}") from None
