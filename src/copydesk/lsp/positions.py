"""Position conversion between copydesk and the client's encoding.

Reports give 1-based lines and 1-based code-point columns; LSP positions are 0-based and count
UTF-16 code units unless ``utf-8`` or ``utf-32`` was negotiated. Lines end at ``\\r\\n``, ``\\r``
or ``\\n`` only, as in the LSP specification and :class:`copydesk.model.LineIndex`
(``str.splitlines`` would also split at U+2028 and form feeds and shift every later line).
"""

from __future__ import annotations

import re

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"
_BREAK = re.compile(r"\r\n|\r|\n")


def units(text: str, encoding: str) -> int:
    """Length of ``text`` in the code units of ``encoding``."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF8:
        return len(text.encode("utf-8", "surrogatepass"))
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


class PositionConverter:
    """Converts between (line, code-point column) and client positions for one text."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self._starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        self._ends = [m.start() for m in _BREAK.finditer(text)] + [len(text)]

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_text(self, line: int) -> str:
        """The 0-based ``line`` without its line break ('' past the end)."""
        if not 0 <= line < len(self._starts):
            return ""
        return self.text[self._starts[line]:self._ends[line]]

    def line_break(self) -> str:
        """The text's own line break, for edits that add a line."""
        m = _BREAK.search(self.text)
        return m.group(0) if m else "\n"

    def to_client(self, line: int, column: int) -> tuple[int, int]:
        """(0-based line, character in client units) for a 1-based line and code-point column."""
        row = min(max(line - 1, 0), len(self._starts) - 1)
        text = self.line_text(row)
        return row, units(text[:max(column - 1, 0)], self.encoding)

    def from_client(self, line: int, character: int) -> tuple[int, int]:
        """(1-based line, 1-based code-point column) for a client position; clamped to the line."""
        row = min(max(line, 0), len(self._starts) - 1)
        if self.encoding == UTF32:
            return row + 1, min(character, len(self.line_text(row))) + 1
        column = 0
        seen = 0
        for ch in self.line_text(row):
            width = units(ch, self.encoding)
            if seen + width > character:
                break
            seen += width
            column += 1
        return row + 1, column + 1
