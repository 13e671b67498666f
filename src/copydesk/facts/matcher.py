"""Entity mentions: every pack name and alias in a draft, found in one automaton pass.

The Aho-Corasick automaton (``base.build_automaton``) finds all names at once, so matching
costs the same for a pack of ten entities as for one of fifty thousand. Matches are then held
to word boundaries ("Meta" not in "Metaflow", "Llama 4" not in "Llama 4.1"; a possessive or a
hyphenated compound such as "Meta-owned" still counts), the longest leftmost match wins, and
a bare surname counts only once the full name has been mentioned.
"""

from __future__ import annotations

from typing import NamedTuple


class Mention(NamedTuple):
    start: int
    end: int
    entity: str


def find_mentions(names: str, base, regions: list[tuple[int, int]]) -> list[Mention]:
    """Mentions in ``names`` (the name form of the text) inside the given prose regions."""
    if not base.keys or not regions:
        return []
    keys = base.keys
    size = len(names)
    candidates = []
    for last, key in base.automaton.iter(names):
        entity, conditional, length = keys[key]
        start, end = last - length + 1, last + 1
        if start > 0 and (names[start - 1].isalnum() or names[start - 1] == "_"):
            continue
        if end < size:
            after = names[end]
            if after.isalnum() or after == "_":
                continue
            if after in ".," and end + 1 < size and names[end + 1].isdigit():
                continue  # "Llama 4.1" is not "Llama 4"
        candidates.append((start, -length, end, entity, conditional))
    candidates.sort()
    out: list[Mention] = []
    named: set[str] = set()
    reached = -1
    region = iter(sorted(regions))
    current = next(region, None)
    for start, _, end, entity, conditional in candidates:
        if start < reached:
            continue
        while current is not None and current[1] <= start:
            current = next(region, None)
        if current is None:
            break
        if not (current[0] <= start and end <= current[1]):
            continue
        reached = end
        if conditional and entity not in named:
            continue  # "Wang" before "Alexandr Wang": could be anyone
        if not conditional:
            named.add(entity)
        out.append(Mention(start, end, entity))
    return out
