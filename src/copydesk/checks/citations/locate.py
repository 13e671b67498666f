"""Where a citation stands: its block, the heading above it, whether it is in the prose."""

from __future__ import annotations

import bisect

from copydesk.model import HEADING, PROSE_KINDS, Block, Document


class Locator:
    """Finds the block of a text offset by bisection (drafts have hundreds of citations)."""

    def __init__(self, document: Document):
        self.document = document
        self._starts = [b.start for b in document.blocks]

    def block_index(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < max(self.document.blocks[i].end, self.document.blocks[i].start + 1):
            return i
        return None

    def prose_block(self, offset: int) -> tuple[int, Block] | None:
        """The block holding ``offset`` when a check should read it (prose, not boilerplate)."""
        i = self.block_index(offset)
        if i is None:
            return None
        block = self.document.blocks[i]
        if block.kind not in PROSE_KINDS or block.boilerplate:
            return None
        return i, block

    def heading_before(self, index: int) -> Block | None:
        for block in reversed(self.document.blocks[:index]):
            if block.kind == HEADING and not block.boilerplate:
                return block
        return None

    def opens_block(self, offset: int, index: int) -> bool:
        """True when only white space or bullets precede ``offset`` in its block: a list
        numbered ``[1] ...`` is not a citation."""
        block = self.document.blocks[index]
        return not self.document.text[block.start:offset].strip(" \t•*-–—")
