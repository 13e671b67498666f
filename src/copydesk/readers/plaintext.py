"""Plain-text drafts, including pages scraped to text.

Paragraphs are separated by blank lines (a scraped page often has one paragraph per line);
list items start with a bullet or a number; a short line without final punctuation that
stands alone is a heading. A ``References`` heading opens the reference list of
``[n] Publisher — Title — URL`` lines. Navigation, share widgets, bylines and comment forms
are kept as boilerplate blocks so that offsets stay exact while no check reads them.

Suppression in plain text uses the same directives as Markdown, on a line of their own:
``<!-- copydesk-disable-next-line RULE -->`` or ``# copydesk: disable-next-line RULE``.
"""

from __future__ import annotations

import re

from copydesk.api import Reader
from copydesk.hookspecs import hookimpl
from copydesk.model import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    REFERENCE,
    Block,
    Comment,
    Document,
    Metadata,
    OffsetMap,
)
from copydesk.readers import common

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_BULLET = re.compile(r"^\s*(?:[•·▪‣◦*+-]|\d{1,2}[.)])\s+")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_COMMENT = re.compile(r"<!--(.*?)-->|^[ \t]*#[ \t]*(copydesk:[^\r\n]*)", re.MULTILINE | re.DOTALL)
_ENDS_SENTENCE = re.compile(r"[.!:;,…\"”’)]\s*$")
_DIRECTIVE = re.compile(r"#\s*copydesk:")
_AS_OF = re.compile(r"(?:current|accurate|correct) as of\s+(.{6,30})", re.IGNORECASE)


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, end excluding the line break."""
    if "\r" not in text:  # the usual case, at C speed: the same lines as the loop below
        out, pos = [], 0
        for line in text.split("\n"):
            out.append((pos, pos + len(line)))
            pos += len(line) + 1
        if len(out) > 1 and out[-1][0] == len(text):  # a final line break ends the last line
            out.pop()
        return out
    out = []
    for m in _LINE.finditer(text):
        if m.start() == len(text) and out:
            break
        s = m.group(0)
        out.append((m.start(), m.start() + len(s.rstrip("\r\n"))))
        if m.end() == len(text):
            break
    return out


def _is_heading(line: str, alone: bool) -> bool:
    s = line.strip()
    if _MD_HEADING.match(line):
        return True
    if not alone or not s or len(s) > 120 or len(s.split()) > 16:
        return False
    if s.endswith("?"):
        return len(s.split()) <= 12 and s[0].isupper()
    return not _ENDS_SENTENCE.search(s) and s[0].isupper() or s[0].isdigit() and not _ENDS_SENTENCE.search(s)


def read_text(path: str, source: str) -> Document:
    lines = _lines(source)
    blocks: list[Block] = []
    references = []
    citations = []
    byline = None
    in_references = False
    ended = False
    headings: list[str] = []
    para: list[tuple[int, int]] = []  # lines of the paragraph being gathered

    def flush_para():
        if para:
            blocks.append(Block(PARAGRAPH, para[0][0], para[-1][1]))
            para.clear()

    texts = [source[start:end] for start, end in lines]
    blank = [not line.strip() for line in texts]
    for i, (start, line) in enumerate(zip((span[0] for span in lines), texts)):
        if blank[i]:
            flush_para()
            continue
        stripped = line.strip()
        lead = len(line) - len(line.lstrip())
        s, e = start + lead, start + lead + len(stripped)
        prev_blank = i == 0 or blank[i - 1]
        next_blank = i + 1 >= len(lines) or blank[i + 1]
        if byline is None and not ended and len(blocks) < 30 and (parsed := common.parse_byline(stripped)):
            flush_para()
            byline = (parsed, stripped)
            blocks.append(Block(PARAGRAPH, s, e, boilerplate=True))
            continue
        if ended or common.is_boilerplate_line(stripped) or common.is_run_together_nav(stripped) \
                or stripped.startswith("<!--") or stripped[:1] == "#" and _DIRECTIVE.match(stripped):
            flush_para()
            if common.is_article_end(stripped):
                ended = True
            blocks.append(Block(PARAGRAPH, s, e, boilerplate=True))
            continue
        if common.is_reference_heading(stripped) and (next_blank or common.REF_ENTRY_RE.match(
                texts[i + 1] if i + 1 < len(lines) else "")):
            flush_para()
            in_references = True
            blocks.append(Block(HEADING, s, e))
            continue
        entry = common.REF_ENTRY_RE.match(line)
        if entry and (in_references or common.URL_RE.search(line)) and prev_blank | in_references:
            flush_para()
            body_off = start + entry.start("body")
            references.append(common.make_reference(entry.group("key"), s, e, entry.group("body"), body_off))
            blocks.append(Block(REFERENCE, s, e))
            continue
        if in_references and not entry:
            in_references = False
        if bullet := _BULLET.match(line):
            flush_para()
            blocks.append(Block(LIST_ITEM, start + bullet.end(), e))  # the item's text, not its bullet
            continue
        if stripped.startswith(">"):
            flush_para()
            q = len(line) - len(line.lstrip().lstrip(">").lstrip())
            blocks.append(Block(QUOTE, start + q, e))
            continue
        if prev_blank and _is_heading(line, next_blank):
            flush_para()
            level = len(line.lstrip()) - len(line.lstrip().lstrip("#"))
            hs = start + (len(line) - len(line.lstrip().lstrip("#").lstrip())) if level else s
            blocks.append(Block(HEADING, hs, e, level=level))
            headings.append(source[hs:e])
            continue
        para.append((s, e))
    flush_para()

    for block in blocks:
        if block.kind != REFERENCE and not block.boilerplate:
            citations.extend(common.bracket_citations(source, block.start, block.end))

    body = " ".join(source[b.start:b.end] for b in blocks if b.kind == PARAGRAPH and not b.boilerplate)
    meta = Metadata()
    meta.title = common.choose_title(headings[:6], body)
    if byline:
        (who, date), line = byline
        meta.byline = line
        meta.publication = who
        meta.date = date
    if meta.date is None:
        m = _AS_OF.search(source)
        if m:
            meta.date = common.parse_date(m.group(1))
    comments = []
    if "<!--" in source or "copydesk:" in source:  # what a comment needs: skip the scan without
        comments = [Comment(m.start(), m.end(), (m.group(1) or m.group(2)).strip()) for m in _COMMENT.finditer(source)]
    return Document(
        path=path,
        source=source,
        text=source,
        offsets=OffsetMap.identity(len(source)),
        format="text",
        blocks=blocks,
        citations=citations,
        references=references,
        meta=meta,
        comments=comments,
    )


@hookimpl
def copydesk_register_readers(register):
    register(Reader(name="text", extensions=(".txt", ".text", ""), read=read_text))
