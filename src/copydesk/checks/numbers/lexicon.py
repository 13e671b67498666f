"""Turning the check's YAML sections into compiled regular expressions, once per rule pack."""

from __future__ import annotations

import re
from collections.abc import Iterable

from copydesk.yamlio import DataError

# A word-ish token: letters, digits and the joiners that keep "Meta's", "U.S." and
# "co-founder" whole.
TOKEN = re.compile(r"[^\W_][\w’'&.-]*")
_TRAIL = ".-’'"


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


def _pack(item) -> str:
    return item.get("_pack", "rule pack") if isinstance(item, dict) else "rule pack"


def compile_any(section: list, where: str, flags: int = 0) -> re.Pattern:
    """One regex matching any ``pattern:`` entry of a section (each checked on its own first)."""
    sources = [compile_entry(item, where, flags).pattern for item in section]
    try:
        return re.compile("|".join(f"(?:{s})" for s in sources) or "(?!)", flags)
    except re.error as exc:  # e.g. a global (?i) or a numbered back-reference in one entry
        packs = sorted({_pack(item) for item in section})
        raise DataError(f"{', '.join(packs)}: {where}: entries cannot be combined: {exc}") from None
