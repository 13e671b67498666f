"""Markers and entries that do not meet: a citation with no reference, a reference no one cites."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from copydesk.checks.citations.describe import describe_reference
from copydesk.checks.citations.locate import Locator
from copydesk.model import Citation, Document, Finding

KEYED_KINDS = frozenset({"bracket", "footnote", "sup"})
_FOOTNOTE_TEXT = re.compile(r"\[\^([^\]\s]{1,20})\]")  # a footnote marker no reader resolved
_KEY_PREFIX = re.compile(r"^[\^#]*(?:(?:cite[-_]?)?(?:ref|note|fn|footnote|endnote)[-_:]?)?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def normalise_key(key: str) -> str:
    """``^3``, ``#ref-3``, ``fn3`` and ``3`` name the same note."""
    return _KEY_PREFIX.sub("", key.strip()).lower() or key.strip().lower()


def in_text_citations(document: Document, locator: Locator) -> list[Citation]:
    """Keyed and placeholder citations that stand in prose (not a list's ``[1]`` numbering),
    with ``[^n]`` markers left as text (a footnote whose definition is missing)."""
    out = []
    for citation in document.citations:
        if citation.kind not in KEYED_KINDS and citation.kind != "placeholder":
            continue
        place = locator.prose_block(citation.start)
        if place is None or (citation.kind == "bracket" and locator.opens_block(citation.start, place[0])):
            continue
        out.append(citation)
    taken = [(c.start, c.end) for c in document.citations]
    for _, block in document.prose_blocks():
        for m in _FOOTNOTE_TEXT.finditer(document.text, block.start, block.end):
            if not any(s < m.end() and m.start() < e for s, e in taken):
                out.append(Citation(m.start(), m.end(), m.group(1), "footnote"))
    return out


def undefined_citations(document: Document, in_text: list[Citation]) -> Iterator[Finding]:
    """``in_text``: the draft's :func:`in_text_citations`, found once per draft."""
    known = {normalise_key(r.key) for r in document.references}
    listed = _listing(document)
    for citation in in_text:
        if citation.kind == "placeholder":
            yield Finding("citation-undefined", citation.start, citation.end,
                          f"{citation.label or 'this marker'} is a placeholder, not a citation: "
                          "cite the source or cut the claim")
        elif normalise_key(citation.key or "") not in known:
            yield Finding("citation-undefined", citation.start, citation.end,
                          f"{_marker(document, citation)} points at no reference ({listed}): "
                          "add the entry or fix the number")


def _marker(document: Document, citation: Citation) -> str:
    """The marker as written (``[^4]``, ``[7]``), or ``[key]`` for part of ``[1, 7]``."""
    written = document.text[citation.start:citation.end]
    return written if written.startswith("[") and written.endswith("]") else f"[{citation.key}]"


def _listing(document: Document) -> str:
    keys = [r.key for r in document.references]
    if not keys:
        return "the draft has no reference list"
    if len(keys) <= 6:
        return "the references are " + ", ".join(f"[{k}]" for k in keys)
    return f"the references run [{keys[0]}]–[{keys[-1]}]"


def uncited_references(document: Document, in_text: list[Citation]) -> Iterator[Finding]:
    """Only for drafts that cite by marker: a plain source list is a bibliography."""
    cited = {normalise_key(c.key) for c in in_text if c.key}
    if not cited:
        return
    for ref in document.references:
        if normalise_key(ref.key) not in cited:
            yield Finding("reference-uncited", ref.start, ref.end,
                          f"{describe_reference(ref)} is listed but nothing in the text cites it: "
                          "cite it where it supports a claim, or drop it")
