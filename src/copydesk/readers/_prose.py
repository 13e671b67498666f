"""Prose gathering for readers that strip markup (Markdown, HTML).

A reader walks its markup and hands every run of visible text to :class:`ProseBuilder` with
the place it stands in the source. The builder collapses white space the way a browser
does (so checks see ``a b``, not ``a\\n    b``), keeps explicit line breaks, separates
blocks, and records each block with what the reader knows about it. Text offsets stay
mapped to the source through :class:`~copydesk.model.TextBuilder`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copydesk.model import PARAGRAPH, Reference, TextBuilder

_SPACE = re.compile(r"[ \t\n\r\f]+")
# White space a browser would show differently than the source holds it: runs, line breaks
# and tabs, and a space at either end of a piece (it may fall at a block's edge, or double up).
_COLLAPSE = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]|^ | $")
BLOCK_SEPARATOR = "\n\n"
_TAIL = 16


@dataclass(slots=True)
class DraftBlock:
    """A block as a reader saw it, before the shared pass decides boilerplate and references."""

    kind: str
    start: int
    end: int
    level: int = 0
    boilerplate: bool = False
    ordinal: str | None = None  # the number of an ordered-list item, as the list counts
    ref_key: str | None = None  # this block *is* the entry with this key (footnote, <li id=fn3>)
    reference: Reference | None = None  # a fully parsed entry (a link reference definition)
    in_body: bool = True  # HTML: inside <article>/<main> (or the page has neither)


class ProseBuilder:
    """Collects a document's prose block by block, with exact source positions."""

    def __init__(self) -> None:
        self.text = TextBuilder()
        self.blocks: list[DraftBlock] = []
        self._block_start: int | None = None
        # White space or a line break seen but not yet written: (text, source start, length).
        self._pending: tuple[str, int, int] | None = None
        self._span: list | None = None  # [start, end] of the visible text since begin_span()
        self.tail = ""  # the last characters of the current block, as the text will show them

    @property
    def in_block(self) -> bool:
        return self._block_start is not None

    @property
    def position(self) -> int:
        return self.text.position

    def add(self, text: str, source_start: int, source_len: int | None = None) -> tuple[int, int] | None:
        """Add visible text; return the text span of what was written (white space excluded).

        ``source_len`` differs from ``len(text)`` for decoded text (an entity, an escape):
        such a piece is kept whole. Verbatim text has its white-space runs collapsed.
        """
        if source_len is not None and source_len != len(text):
            if _SPACE.fullmatch(text):
                self._space(" ", source_start, source_len)
                return None
            return self._write(text, source_start, source_len)
        span = None
        pos = 0
        for m in _COLLAPSE.finditer(text):
            if m.start() > pos:
                span = _join(span, self._write(text[pos:m.start()], source_start + pos, m.start() - pos))
            self._space(" ", source_start + m.start(), m.end() - m.start())
            pos = m.end()
        if pos < len(text):
            span = _join(span, self._write(text[pos:], source_start + pos, len(text) - pos))
        return span

    def add_break(self, source_start: int, source_len: int) -> None:
        """An explicit line break (``<br>``, a Markdown line end): kept as ``\\n`` in the text."""
        if self._block_start is not None:
            self._pending = ("\n", source_start, source_len)

    def end_block(self, kind: str = PARAGRAPH, **info) -> DraftBlock | None:
        """Close the current block; nothing is recorded if it held no visible text."""
        self._pending = None
        self.tail = ""
        if self._block_start is None:
            return None
        block = DraftBlock(kind, self._block_start, self.text.position, **info)
        self.blocks.append(block)
        self._block_start = None
        return block

    def begin_span(self) -> None:
        """Start recording the text span of what is added next (a link's anchor text)."""
        self._span = [None, None]

    def end_span(self) -> tuple[int, int] | None:
        span, self._span = self._span, None
        return None if span is None or span[0] is None else (span[0], span[1])

    def _space(self, text: str, source_start: int, source_len: int) -> None:
        if self._block_start is not None and (self._pending is None or self._pending[0] != "\n"):
            self._pending = (text, source_start, source_len)
            self.tail = (self.tail + text)[-_TAIL:]

    def _write(self, text: str, source_start: int, source_len: int) -> tuple[int, int]:
        if self._block_start is None:
            if self.text.position:
                self.text.add_synthetic(BLOCK_SEPARATOR)
            self._block_start = self.text.position
        elif self._pending is not None:
            self.text.add(*self._pending)
        self._pending = None
        self.tail = (self.tail + text)[-_TAIL:]
        span = self.text.add(text, source_start, source_len)
        if self._span is not None:
            if self._span[0] is None:
                self._span[0] = span[0]
            self._span[1] = span[1]
        return span


def _join(a: tuple[int, int] | None, b: tuple[int, int]) -> tuple[int, int]:
    return b if a is None else (a[0], b[1])


def line_starts(source: str) -> list[int]:
    """Offset of every line's first character, with the line breaks CommonMark knows."""
    return [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", source)]
