"""The pass Markdown and HTML share once their markup is gone: from blocks to a Document.

It applies the page-furniture rules the plain-text reader applies (bylines, boilerplate
lines, the end of the article), finds the reference list (entries the reader marked, list
items and ``[n] ...`` lines under a References heading), picks up ``[n]`` markers in the
prose, and fills the metadata the markup did not give.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from datetime import date
from urllib.parse import urljoin

from copydesk.model import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    REFERENCE,
    Block,
    Citation,
    Comment,
    Document,
    Metadata,
    Reference,
)
from copydesk.readers import common
from copydesk.readers._prose import DraftBlock, ProseBuilder

_BYLINE_WINDOW = 30  # prose blocks in which a byline may stand


def finish(path: str, source: str, fmt: str, prose: ProseBuilder, citations: list[Citation],
           meta: Metadata, comments: list[Comment], *, article_end: bool = True) -> Document:
    """Build the Document. ``article_end``: a "Share this article" line ends the prose."""
    text, offsets = prose.text.build()
    blocks: list[Block] = []
    references: list[Reference] = []
    _Sections(text, meta, article_end).walk(prose.blocks, blocks, references)
    citations = _citations(text, blocks, citations, references)
    if meta.title is None:
        meta.title = _title(text, prose.blocks, blocks)
    if meta.canonical_url and meta.domain is None:
        meta.domain = common.domain_of(meta.canonical_url)
    _resolve_links(citations, references, meta.canonical_url)
    return Document(path=path, source=source, text=text, offsets=offsets, format=fmt, blocks=blocks,
                    citations=citations, references=references, meta=meta, comments=comments)


class _Sections:
    """Walks the blocks in order, tracking the reference section, the byline and the article end."""

    def __init__(self, text: str, meta: Metadata, article_end: bool):
        self.text = text
        self.meta = meta
        self.article_end = article_end
        self.ended = False
        self.ref_level: int | None = None  # heading level of the open reference section
        self.ref_count = 0
        self.prose_seen = 0

    def walk(self, drafts: list[DraftBlock], blocks: list[Block], references: list[Reference]) -> None:
        for draft in drafts:
            line = self.text[draft.start:draft.end]
            if draft.reference is not None or draft.ref_key is not None:
                self._marked_entry(draft, line, blocks, references)
                continue
            self._byline(draft, line)
            if draft.kind == HEADING:
                self._heading(draft, line)
            if self._boilerplate(draft, line):
                blocks.append(Block(draft.kind, draft.start, draft.end, boilerplate=True, level=draft.level))
            elif self.ref_level is not None and draft.kind == LIST_ITEM:
                self._list_entry(draft, line, blocks, references)
            elif not (draft.kind == PARAGRAPH and self._entry_lines(draft, line, blocks, references)):
                blocks.append(Block(draft.kind, draft.start, draft.end, level=draft.level))

    def _marked_entry(self, draft: DraftBlock, line: str, blocks: list[Block],
                      references: list[Reference]) -> None:
        """An entry the reader knows (a footnote, ``<li id="fn3">``, a link definition).

        A link definition is an entry when it is numbered or under a References heading;
        otherwise it only gives reference-style links their URL, and no check reads it.
        """
        ref = draft.reference
        if ref is not None and self.ref_level is None and not ref.key.isdigit():
            blocks.append(Block(PARAGRAPH, draft.start, draft.end, boilerplate=True))
            return
        references.append(ref or common.make_reference(draft.ref_key, draft.start, draft.end, line, draft.start))
        blocks.append(Block(REFERENCE, draft.start, draft.end))

    def _boilerplate(self, draft: DraftBlock, line: str) -> bool:
        furniture = draft.boilerplate or self.ended or _furniture(line, draft.kind)
        if self.article_end and not draft.boilerplate and common.is_article_end(line):
            self.ended = True
        return furniture

    def _list_entry(self, draft: DraftBlock, line: str, blocks: list[Block],
                    references: list[Reference]) -> None:
        """An item of a list under a References heading: keyed by its number (or ``[n]``)."""
        self.ref_count += 1
        key, body, offset = draft.ordinal or str(self.ref_count), line, draft.start
        if entry := common.REF_ENTRY_RE.match(line):
            key, body, offset = entry.group("key"), entry.group("body"), draft.start + entry.start("body")
        references.append(common.make_reference(key, draft.start, draft.end, body, offset))
        blocks.append(Block(REFERENCE, draft.start, draft.end))

    def _byline(self, draft: DraftBlock, line: str) -> None:
        if self.prose_seen >= _BYLINE_WINDOW or self.meta.byline is not None:
            return
        if not draft.boilerplate:
            self.prose_seen += 1
        if draft.kind != PARAGRAPH or not (parsed := common.parse_byline(line)):  # a heading is no byline
            return
        who, day = parsed
        draft.boilerplate = True
        self.meta.byline = line
        self.meta.date = self.meta.date or day
        if self.meta.publication is None and who and not re.match(r"by\s", line, re.IGNORECASE):
            self.meta.publication = who  # "Daily Digest Team ..." names the outlet; "By Jane Doe" a person

    def _heading(self, draft: DraftBlock, line: str) -> None:
        if common.is_reference_heading(line):
            self.ref_level, self.ref_count = draft.level, 0
        elif self.ref_level is not None and (not draft.level or draft.level <= self.ref_level):
            self.ref_level = None

    def _entry_lines(self, draft: DraftBlock, line: str, blocks: list[Block],
                     references: list[Reference]) -> bool:
        """``[n] Publisher — Title — URL`` lines: in a reference section, or all of a block with URLs."""
        lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", line)]
        entries = [common.REF_ENTRY_RE.match(s) for _, s in lines]
        if not any(entries):
            return False
        if self.ref_level is None and not all(e and common.URL_RE.search(s) for e, (_, s) in zip(entries, lines)):
            return False
        for (offset, s), entry in zip(lines, entries):
            start, end = draft.start + offset, draft.start + offset + len(s)
            if entry:
                body_offset = start + entry.start("body")
                references.append(common.make_reference(entry.group("key"), start, end,
                                                        entry.group("body"), body_offset))
                blocks.append(Block(REFERENCE, start, end))
            else:
                blocks.append(Block(PARAGRAPH, start, end))
        return True


def _furniture(block: str, kind: str) -> bool:
    """Page furniture: every line a boilerplate line (or, in a paragraph, glued navigation)."""
    return all(common.is_boilerplate_line(line) or (kind == PARAGRAPH and common.is_run_together_nav(line))
               for line in block.split("\n"))


def _citations(text: str, blocks: list[Block], found: list[Citation],
               references: list[Reference]) -> list[Citation]:
    """Reader citations in prose, plus ``[n]`` markers the markup left as text, in text order."""
    prose = [b for b in blocks if b.kind != REFERENCE and not b.boilerplate]
    starts = [b.start for b in prose]
    in_entries = {id(c) for c in _reference_links(text, blocks, found, references)}
    keys = {r.key.lower(): r.key for r in references}
    out: list[Citation] = []
    for c in found:
        if id(c) in in_entries or not _inside(starts, prose, c.start):
            continue
        if c.kind == "link":
            c.label = text[c.start:c.end]
            if c.key is not None:  # a reference-style link counts only if it names an entry
                c.key = keys.get(c.key.lower())
        out.append(c)
    # markers the reader wrote as "[3]" itself (<sup>3</sup>) are already in; links are not markers
    markers = sorted((c.start, c.end) for c in out if c.kind != "link")
    marker_starts = [m[0] for m in markers]
    for b in prose:
        for c in common.bracket_citations(text, b.start, b.end):
            i = bisect.bisect_left(marker_starts, c.end)
            if not (i and markers[i - 1][1] > c.start):
                out.append(c)
    out.sort(key=lambda c: (c.start, c.end))
    return out


def _reference_links(text: str, blocks: list[Block], found: list[Citation],
                     references: list[Reference]) -> list[Citation]:
    """Links inside reference entries give the entry its URL; they are not in-text citations.

    A link whose anchor is a bare address (``reuters.com/markets``) closing the entry is the
    URL as displayed, not part of the title.
    """
    entries = [b for b in blocks if b.kind == REFERENCE]
    starts = [b.start for b in entries]
    links: dict[int, list[Citation]] = {}
    for c in found:
        if c.kind == "link" and c.url and _inside(starts, entries, c.start):
            links.setdefault(entries[bisect.bisect_right(starts, c.start) - 1].start, []).append(c)
    for i, ref in enumerate(references):
        if ref.start not in links:
            continue
        link = links[ref.start][0]
        anchor = text[link.start:link.end]
        if ref.url_span is None and "." in anchor and not re.search(r"\s", anchor) \
                and not text[link.end:ref.end].strip(" .,;"):
            first = (ref.publisher_span or ref.title_span or (link.start,))[0]
            ref = common.make_reference(ref.key, ref.start, ref.end, text[first:link.start], first)
        references[i] = replace(ref, url=link.url, url_span=ref.url_span or (link.start, link.end))
    return [c for group in links.values() for c in group]


def _inside(starts: list[int], blocks: list[Block], offset: int) -> bool:
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and blocks[i].start <= offset < blocks[i].end


def _title(text: str, drafts: list[DraftBlock], blocks: list[Block]) -> str | None:
    """The article's h1 (a site-logo h1 outside the article loses); else the heading the body
    talks most about, as the plain-text reader does."""
    h1 = sorted((d for d in drafts if d.kind == HEADING and d.level == 1),
                key=lambda d: (not d.in_body, d.boilerplate))
    if h1:
        return text[h1[0].start:h1[0].end]
    headings = [text[b.start:b.end] for b in blocks if b.kind == HEADING and not b.boilerplate]
    body = " ".join(text[b.start:b.end] for b in blocks if b.kind == PARAGRAPH and not b.boilerplate)
    return common.choose_title(headings[:6], body)


_ISO = re.compile(r"\s*((?:19|20)\d\d)(?:-?(0[1-9]|1[0-2])(?:-?(0[1-9]|[12]\d|3[01]))?)?(?!\d)")


def iso_date(value) -> str | None:
    """A metadata date as ISO, to the precision given: ``2025-11-03T08:00Z``, ``20251103``,
    ``2025-11``, a YAML date, or a written date (``March 3, 2025``)."""
    if isinstance(value, date):
        return value.isoformat()[:10]
    m = _ISO.match(str(value))
    if m:
        return "-".join(g for g in m.groups() if g)
    return common.parse_date(str(value))


def is_citable(href: str | None) -> bool:
    """A link that can stand for a source: not an e-mail address, a phone number or a script."""
    return bool(href) and not re.match(r"\s*(?:mailto|tel|javascript|data):", href, re.IGNORECASE)


def _resolve_links(citations: list[Citation], references: list[Reference], base: str | None) -> None:
    """Relative links (``/2026/04/story``) made absolute against the canonical URL."""
    if not base:
        return
    for c in citations:
        if c.url and not re.match(r"[a-z][a-z0-9+.-]*:", c.url, re.IGNORECASE):
            c.url = _join(base, c.url)
    for i, r in enumerate(references):
        if r.url and not re.match(r"[a-z][a-z0-9+.-]*:|www\.", r.url, re.IGNORECASE):
            references[i] = replace(r, url=_join(base, r.url))


def _join(base: str, url: str) -> str:
    try:
        return urljoin(base, url)
    except ValueError:  # a malformed base or link ("http://[oops/"): keep the link as written
        return url
