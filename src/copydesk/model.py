"""The document model every reader produces and every check reads.

A reader turns a file into a :class:`Document`. Checks never see markup: they read
``Document.text`` (the prose, with markup removed) and report spans in *text offsets*.
``Document.offsets`` maps any text offset back to the original file, so the engine can give
every finding an exact line and column in the file the user opened, whatever the format.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

# Block kinds a reader may emit. Checks look at prose kinds; boilerplate is kept (so offsets
# stay true) but flagged so checks skip it.
PARAGRAPH = "paragraph"
HEADING = "heading"
LIST_ITEM = "list_item"
QUOTE = "quote"
REFERENCE = "reference"  # an entry of the reference list
TABLE_CELL = "table_cell"
PROSE_KINDS = frozenset({PARAGRAPH, HEADING, LIST_ITEM, QUOTE, TABLE_CELL})

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    """Order severities so that ``--fail-on`` can compare them."""
    return SEVERITIES.index(severity)


class OffsetMap:
    """Maps offsets in the prose text to offsets in the original source.

    Built from *segments*: runs of prose copied from the source. A run whose prose length
    equals its source length maps character for character; any other run (an HTML entity
    such as ``&amp;``, a collapsed whitespace run) maps its start to the source start and its
    end to the source end.
    """

    __slots__ = ("_text_starts", "_segments")

    def __init__(self, segments: Iterable[tuple[int, int, int, int]] = ()):
        # (text_start, text_len, source_start, source_len), sorted by text_start
        self._segments = sorted(segments)
        self._text_starts = [s[0] for s in self._segments]

    @classmethod
    def identity(cls, length: int) -> OffsetMap:
        return cls([(0, length, 0, length)])

    def to_source(self, offset: int, *, end: bool = False) -> int:
        """Source offset for a text offset. ``end=True`` maps an exclusive end offset."""
        if not self._segments:
            return offset
        probe = offset - 1 if end and offset > 0 else offset
        i = bisect.bisect_right(self._text_starts, probe) - 1
        if i < 0:
            return self._segments[0][2]
        t_start, t_len, s_start, s_len = self._segments[i]
        delta = offset - t_start
        if t_len == s_len:
            return s_start + min(delta, s_len)
        if end:
            return s_start + s_len if delta >= 1 else s_start
        return s_start if delta < t_len else s_start + s_len


class TextBuilder:
    """Accumulates prose text while recording where each piece came from in the source.

    Readers call :meth:`add` for text copied from the source, :meth:`add_synthetic` for
    separators that exist only in the prose (a newline between blocks), and read
    :attr:`position` to know the text offset of what they add next.
    """

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._segments: list[tuple[int, int, int, int]] = []
        self.position = 0

    def add(self, text: str, source_start: int, source_len: int | None = None) -> tuple[int, int]:
        """Append ``text`` that stands at ``source_start`` in the source; return its text span."""
        if not text:
            return (self.position, self.position)
        start = self.position
        self._parts.append(text)
        self._segments.append((start, len(text), source_start,
                               len(text) if source_len is None else source_len))
        self.position += len(text)
        return (start, self.position)

    def add_synthetic(self, text: str) -> None:
        """Append text that has no place in the source (block separators)."""
        if not text:
            return
        if self._segments:
            # Anchor it at the end of the previous run so positions stay monotonic.
            t_start, t_len, s_start, s_len = self._segments[-1]
            self._segments.append((self.position, len(text), s_start + s_len, 0))
        self._parts.append(text)
        self.position += len(text)

    def build(self) -> tuple[str, OffsetMap]:
        return "".join(self._parts), OffsetMap(self._segments)


@dataclass(slots=True)
class Block:
    """A paragraph, heading, list item, quote or reference entry, in text offsets."""

    kind: str
    start: int
    end: int
    boilerplate: bool = False
    level: int = 0  # heading level where known


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: int  # index into Document.blocks


@dataclass(slots=True)
class Citation:
    """An in-text citation: ``[3]``, ``[^3]``, ``<sup><a href="#ref-3">``, or an inline link.

    ``key`` names the reference it points at (``None`` for an inline link, whose ``url``
    and anchor ``label`` stand in for a reference).
    """

    start: int
    end: int
    key: str | None
    kind: str  # bracket | footnote | sup | link
    url: str | None = None
    label: str | None = None


@dataclass(slots=True)
class Reference:
    """An entry of the draft's reference list (``[n] Publisher — Title — URL``)."""

    key: str
    start: int
    end: int
    publisher: str | None = None
    title: str | None = None
    url: str | None = None
    # Text spans of the parts, for findings that point at exactly one of them.
    publisher_span: tuple[int, int] | None = None
    title_span: tuple[int, int] | None = None
    url_span: tuple[int, int] | None = None


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    publication: str | None = None
    canonical_url: str | None = None
    domain: str | None = None
    date: str | None = None  # ISO YYYY-MM-DD (or YYYY-MM / YYYY) when known
    byline: str | None = None
    extra: dict = field(default_factory=dict)


@dataclass(slots=True)
class Comment:
    """A comment in the source (HTML/Markdown ``<!-- -->``), in *source* offsets.

    The engine reads suppression directives from these.
    """

    start: int
    end: int
    body: str


_SENTENCE_END = re.compile(
    r"""(?<=[.!?…])["'”’)\]]*\s+(?=["'“‘(\[]?[A-Z0-9])"""
)
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc inc ltd co corp no fig al e.g i.e u.s u.k gov sen rep "
    "gen col lt sgt jan feb mar apr jun jul aug sep sept oct nov dec approx est dept univ".split()
)


def split_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Split ``text[start:end]`` into sentence spans, skipping abbreviations and initials."""
    pos = start
    chunk = text[start:end]
    for m in _SENTENCE_END.finditer(chunk):
        cut = start + m.start()
        before = text[pos:cut].rstrip()
        if before:
            # its last word (a regex anchored at the end would retry from every position)
            word = before.rsplit(None, 1)[-1].rstrip(".").lower().lstrip("(\"'“‘")
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue
            # Decimal-looking or version-looking tail such as "v2." followed by digits.
        sent_end = cut
        while sent_end > pos and text[sent_end - 1].isspace():
            sent_end -= 1
        if sent_end > pos:
            yield (pos, sent_end)
        pos = start + m.end()
    tail_end = end
    while tail_end > pos and text[tail_end - 1].isspace():
        tail_end -= 1
    if tail_end > pos:
        yield (pos, tail_end)


@dataclass
class Document:
    """One draft, parsed. Everything a check needs, in text offsets (see module docstring)."""

    path: str
    source: str
    text: str
    offsets: OffsetMap
    format: str
    blocks: list[Block] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    meta: Metadata = field(default_factory=Metadata)
    comments: list[Comment] = field(default_factory=list)

    @cached_property
    def sentences(self) -> list[Sentence]:
        out: list[Sentence] = []
        for i, block in enumerate(self.blocks):
            if block.kind == REFERENCE:
                continue
            for s, e in split_sentences(self.text, block.start, block.end):
                out.append(Sentence(s, e, i))
        return out

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def prose_blocks(self) -> Iterator[tuple[int, Block]]:
        """Blocks a check should read: prose kinds, boilerplate excluded."""
        for i, block in enumerate(self.blocks):
            if block.kind in PROSE_KINDS and not block.boilerplate:
                yield i, block

    def prose_sentences(self) -> Iterator[Sentence]:
        for sentence in self.sentences:
            block = self.blocks[sentence.block]
            if block.kind in PROSE_KINDS and not block.boilerplate:
                yield sentence

    def sentence_at(self, offset: int) -> Sentence | None:
        i = bisect.bisect_right(self._sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < max(self.sentences[i].end, self.sentences[i].start + 1):
            return self.sentences[i]
        return None

    def block_at(self, offset: int) -> Block | None:
        for block in self.blocks:
            if block.start <= offset < block.end:
                return block
        return None

    def citations_in(self, start: int, end: int) -> list[Citation]:
        return [c for c in self.citations if start <= c.start < end]

    def reference(self, key: str) -> Reference | None:
        return self.references_by_key.get(key)

    @cached_property
    def references_by_key(self) -> dict[str, Reference]:
        return {r.key: r for r in self.references}

    def snippet(self, start: int, end: int) -> str:
        return self.text[start:end]


@dataclass(slots=True)
class Finding:
    """What a check reports. ``start``/``end`` are *text* offsets into ``Document.text``.

    The engine fills the rest (category, default severity, line/column in the source).
    """

    rule: str
    start: int
    end: int
    message: str
    severity: str | None = None  # None: the rule's configured severity
    source: str | None = None  # where the fact or evidence comes from
    data: dict | None = None  # extra machine-readable detail (e.g. the fact), for hover/HTML
    in_source: bool = False  # start/end are source offsets (a comment, front matter), not text


@dataclass(slots=True)
class Report:
    """A finding resolved against the original file: what formatters print."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    source: str | None = None
    start: int = 0  # source offsets, for excerpts and editors
    end: int = 0
    data: dict | None = None

    def as_json(self) -> dict:
        out = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
        }
        if self.source:
            out["source"] = self.source
        return out


class LineIndex:
    """Converts source offsets to 1-based line and code-point column, per INTERFACES.md."""

    __slots__ = ("_starts",)

    def __init__(self, source: str):
        starts = [0]
        for m in re.finditer(r"\r\n|\r|\n", source):
            starts.append(m.end())
        self._starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1

    def offset(self, line: int, column: int) -> int:
        return self._starts[line - 1] + column - 1

    def line_span(self, line: int) -> tuple[int, int]:
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else None
        return start, end if end is not None else -1


@dataclass(slots=True)
class Claim:
    """A relation statement a draft makes, normalised: what the fact check compares and the
    claim ledger stores.

    ``value`` is canonical so that two drafts agree exactly when their values are equal:
    an entity id, a date as ``YYYY``/``YYYY-MM``/``YYYY-MM-DD`` (its precision is its length),
    an amount as ``"<float> <UNIT>"`` (``"14.3e9 USD"``), or lower-cased text.
    """

    subject: str  # entity id
    subject_name: str  # as the pack names it
    relation: str  # from the relation catalogue (led-by, founded, ...)
    value: str
    display: str  # the value as the draft wrote it
    kind: str  # entity | date | amount | text
    start: int  # text offsets of the value in the draft
    end: int
    when: str | None = None  # the time the sentence speaks of, ISO, when known
    qualifier: str | None = None  # e.g. the organisation of a ``role``
    tolerance: float | None = None  # an amount's own rounding, relative (0.035 for "$14bn")
