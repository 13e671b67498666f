"""Where a figure's source may stand besides its own sentence.

A list or a table is often sourced once, in the line that introduces it ("According to IDC,
the top vendors were:", a table caption) or in a source line under it ("Source: ONS"); a
quotation set apart as a block names its speaker in the line after it ("— Jane Doe").
"""

from __future__ import annotations

from copydesk.model import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, TABLE_CELL, Block, Document

_GROUPS = (LIST_ITEM, TABLE_CELL, QUOTE)
_CAPTION_WORDS = 15


def context_blocks(document: Document) -> dict[int, tuple[int | None, tuple[int, ...]]]:
    """Block index -> (the block introducing its list or table, blocks that may close the group
    with a source or speaker line: the last block of a quotation and the block after the group)."""
    out: dict[int, tuple[int | None, tuple[int, ...]]] = {}
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        kind = blocks[i].kind
        if kind not in _GROUPS:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].kind == kind:
            j += 1
        intro = i - 1 if i and kind != QUOTE and _introduces(document, blocks[i - 1], kind) else None
        closing = (j,) if kind == QUOTE and j > i else ()
        if j + 1 < len(blocks) and _prose(blocks[j + 1]):
            closing += (j + 1,)
        for k in range(i, j + 1):
            out[k] = (intro, closing)
        i = j + 1
    return out


def _prose(block: Block) -> bool:
    """A paragraph, or a short line a plain-text reader takes for a heading ("Source: ONS")."""
    return block.kind in (PARAGRAPH, HEADING) and not block.boilerplate


def _introduces(document: Document, block: Block, kind: str) -> bool:
    """A line ending in a colon introduces what follows; a short line before a table captions it."""
    if not _prose(block):
        return False
    text = document.text[block.start:block.end].rstrip()
    return text.endswith(":") or kind == TABLE_CELL and len(text.split()) <= _CAPTION_WORDS
