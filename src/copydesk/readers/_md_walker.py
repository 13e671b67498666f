"""The Markdown reader's work: markdown-it tokens to prose blocks with exact source offsets.

markdown-it gives each block its source lines but not columns, so each inline token is
found again in the block's source lines, in order: the text between tokens is markup
(emphasis markers, link destinations, escapes, container prefixes like ``> ``) and is
skipped. Code, HTML blocks and front matter are not prose; HTML comments become
``Document.comments`` for suppression directives.
"""

from __future__ import annotations

import re

from copydesk.model import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    REFERENCE,
    TABLE_CELL,
    Citation,
    Comment,
    Document,
    Metadata,
    Reference,
)
from copydesk.readers import _front_matter as front_matter
from copydesk.readers._assemble import finish, is_citable
from copydesk.readers._mdsyntax import align, close_bracket, skip_link_tail
from copydesk.readers._prose import ProseBuilder, line_starts

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_NUMERIC_SHORTCUT = re.compile(r"\[(\d{1,3})\](?:\[\])?(?![(\[])")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_DEFINITION = re.compile(
    r"[ ]{0,3}\[(?P<label>(?:[^\]\\]|\\.)+)\]:[ \t]*(?:\r\n|\r|\n)?[ \t]*(?P<url><[^>\n]*>|\S+)"
    r"(?:[ \t]*(?:\r\n|\r|\n)?[ \t]*(?P<title>\"[^\"]*\"|'[^']*'|\([^)]*\)))?")

_parser = None


def _markdown():
    """The parser, built once: markdown-it is imported only when a Markdown draft is read."""
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt
        from mdit_py_plugins.footnote import footnote_plugin
        from mdit_py_plugins.front_matter import front_matter_plugin

        md = MarkdownIt("commonmark").enable("table").use(front_matter_plugin).use(footnote_plugin)
        md.disable("text_join")  # keep escapes and entities as tokens of their own, with their markup
        _parser = md
    return _parser


def read_markdown(path: str, source: str) -> Document:
    env: dict = {}
    tokens = _markdown().parse(source, env)
    walker = _Walker(source, env)
    walker.walk(tokens)
    return finish(path, source, "markdown", walker.prose, walker.citations, walker.meta, walker.comments)


class _Walker:
    """Turns the token stream into prose blocks, citations, comments and metadata."""

    def __init__(self, source: str, env: dict):
        self.src = source
        self.lines = line_starts(source)
        self.prose = ProseBuilder()
        self.citations: list[Citation] = []
        self.comments: list[Comment] = []
        self.meta = Metadata()
        self.pos = 0
        self.limit = len(source)
        self._last_map: list[int] | None = None
        # Link reference definitions leave no token: emit them where they stand, by line.
        self.definitions = sorted((d["map"][0], d["map"][1]) for d in env.get("references", {}).values()
                                  if d.get("map"))

    def line(self, n: int) -> int:
        return self.lines[n] if n < len(self.lines) else len(self.src)

    # --- blocks ---------------------------------------------------------------------------

    def walk(self, tokens) -> None:
        stack: list = []  # open container tokens
        numbers: list[list] = []  # per open list: [next number, ordered?]
        for tok in tokens:
            if tok.map and not stack:
                self._definitions(before=tok.map[0])
            if tok.nesting == 1:
                stack.append(tok)
                if tok.type in ("ordered_list_open", "bullet_list_open"):
                    numbers.append([int(tok.attrGet("start") or 1), tok.type == "ordered_list_open"])
                elif tok.type == "list_item_open" and numbers:
                    # the list counts its items whatever numbers the source wrote ("1." each time)
                    tok.meta["ordinal"] = str(numbers[-1][0]) if numbers[-1][1] else None
                    numbers[-1][0] += 1
                elif tok.type == "footnote_open":
                    tok.meta["entry"] = tok.meta.get("label")
            elif tok.nesting == -1:
                if stack:
                    stack.pop()
                if tok.type in ("ordered_list_close", "bullet_list_close") and numbers:
                    numbers.pop()
            elif tok.type == "inline" and tok.map:
                self._inline(tok, **_context(stack))
            elif tok.type == "front_matter":
                self._front_matter(tok)
            elif tok.type == "html_block" and tok.map:
                start, end = self.line(tok.map[0]), self.line(tok.map[1])
                self._comments(start, self.src[start:end])
        self._definitions(before=len(self.lines) + 1)

    def _definitions(self, before: int) -> None:
        """``[label]: url "title"`` lines, as blocks the shared pass keeps as entries or skips."""
        while self.definitions and self.definitions[0][0] < before:
            first, last = self.definitions.pop(0)  # a handful at most
            m = _DEFINITION.match(self.src, self.line(first), self.line(last))
            if m:
                self._definition(m)

    def _definition(self, m: re.Match) -> None:
        url_start, url_end = m.span("url")
        if m.group("url").startswith("<"):
            url_start, url_end = url_start + 1, url_end - 1
        has_title = m.group("title") is not None
        title_start, title_end = (m.start("title") + 1, m.end("title") - 1) if has_title else (m.end(), m.end())
        spans = []
        cut = m.start("label") - 1
        for s, e in ((url_start, url_end), (title_start, title_end)):
            self.prose.add(self.src[cut:s], cut)
            self.prose.begin_span()
            self.prose.add(self.src[s:e], s)
            spans.append(self.prose.end_span())
            cut = e
        self.prose.add(self.src[cut:m.end()], cut)
        block = self.prose.end_block(PARAGRAPH)
        if block is not None:
            block.reference = Reference(
                key=m.group("label").strip(), start=block.start, end=block.end,
                url=self.src[url_start:url_end], url_span=spans[0],
                title=self.src[title_start:title_end] if has_title else None, title_span=spans[1])

    def _front_matter(self, tok) -> None:
        data = front_matter.parse(tok.content, tok.map[1])
        if data is not None:
            front_matter.apply(data, self.meta)

    def _comments(self, start: int, chunk: str) -> None:
        for m in _COMMENT.finditer(chunk):
            self.comments.append(Comment(start + m.start(), start + m.end(), m.group(1).strip()))

    # --- inline ---------------------------------------------------------------------------

    def _inline(self, tok, kind: str, level: int = 0, ordinal: str | None = None,
                ref_key: str | None = None) -> None:
        if tok.map != self._last_map or self.pos < self.line(tok.map[0]):
            self.pos = self.line(tok.map[0])  # a new block; table cells of one row share lines
        self._last_map = tok.map
        self.limit = self.line(tok.map[1])
        children = tok.children or []
        i = 0
        while i < len(children):
            i = self._child(children, i)
        self.prose.end_block(kind, level=level, ordinal=ordinal, ref_key=ref_key)

    def _child(self, children, i: int) -> int:
        """Handle ``children[i]``; return the index of the next child to handle."""
        c = children[i]
        t = c.type
        if t == "text":
            self._text(c.content)
        elif t == "text_special":  # an escape or an entity: the markup is what the source holds
            at = self._find(c.markup)
            if at is None:
                self.prose.add(c.content, self.pos, 0)
            else:
                self.prose.add(c.content, at, len(c.markup))
                self.pos = at + len(c.markup)
        elif t in ("softbreak", "hardbreak"):
            m = _LINE_BREAK.search(self.src, self.pos, self.limit)
            if m:
                self.prose.add_break(m.start(), m.end() - m.start())
                self.pos = m.end()
        elif t == "code_inline":
            self._code(c)
        elif t == "link_open":
            return self._link(children, i)
        elif t == "image":  # alt text is not prose
            at = self.src.find("![", self.pos, self.limit)
            if at >= 0:
                close = close_bracket(self.src, at + 2, self.limit)
                self.pos = skip_link_tail(self.src, at + 1, close, self.limit)[0]
        elif t == "html_inline":
            at = self._find(c.content)
            if at is not None:
                self._comments(at, c.content)
                if _BR.fullmatch(c.content):
                    self.prose.add_break(at, len(c.content))
                self.pos = at + len(c.content)
        elif t == "footnote_ref":
            self._footnote_ref(c.meta.get("label"))
        return i + 1

    def _footnote_ref(self, label: str | None) -> None:
        """``[^3]`` stays in the prose as the citation; an inline note ``^[...]`` is skipped."""
        if label is None:
            at = self.src.find("^[", self.pos, self.limit)
            if at >= 0:
                self.pos = close_bracket(self.src, at + 2, self.limit) + 1
            return
        marker = f"[^{label}]"
        at = self._find(marker)
        if at is not None:
            span = self.prose.add(marker, at)
            self.pos = at + len(marker)
            if span:
                self.citations.append(Citation(span[0], span[1], label, "footnote"))

    def _find(self, needle: str) -> int | None:
        at = self.src.find(needle, self.pos, self.limit)
        return at if at >= 0 else None

    def _text(self, content: str) -> tuple[int, int] | None:
        at = self._find(content)
        if at is not None:
            self.pos = at + len(content)
            return self.prose.add(content, at)
        found = align(content, self.src, self.pos, self.limit)
        if found is None:  # not where markdown-it says: keep the text, anchored at the cursor
            return self.prose.add(content, self.pos, 0)
        self.pos = found[1]
        return self.prose.add(content, found[0], found[1] - found[0])

    def _code(self, c) -> None:
        opening = self._find(c.markup)
        if opening is None:
            self.prose.add(c.content, self.pos, 0)
            return
        start = opening + len(c.markup)
        close = self.src.find(c.markup, start, self.limit)
        end = close if close >= 0 else start
        self.prose.add(self.src[start:end], start)  # as written: line ends and padding collapse
        self.pos = end + len(c.markup) if close >= 0 else start

    def _link(self, children, i: int) -> int:
        """A link: its anchor text is prose and the citation; a ``[3]`` link is a bracket marker."""
        opener = children[i]
        close = next((j for j in range(i + 1, len(children)) if children[j].type == "link_close"), len(children))
        href = opener.attrGet("href")
        anchor = "".join(ch.content for ch in children[i + 1:close])
        if opener.markup == "autolink":
            lt = self.src.find("<", self.pos, self.limit)
            gt = self.src.find(">", lt + 1, self.limit) if lt >= 0 else -1
            if gt < 0:
                return i + 1  # not where expected: the children are read as plain text
            self._cite(self.prose.add(anchor, lt + 1, gt - lt - 1), href, None)
            self.pos = gt + 1
            return close + 1
        at = self.src.find("[", self.pos, self.limit)
        if at < 0:
            return i + 1
        numeric = _NUMERIC_SHORTCUT.match(self.src, at)
        if numeric and anchor == numeric.group(1):
            self.prose.add(self.src[at:at + len(anchor) + 2], at)  # "[3]": a bracket marker
            self.pos = numeric.end()
            return close + 1
        self.pos = at + 1
        self.prose.begin_span()
        j = i + 1
        while j < close:
            j = self._child(children, j)
        span = self.prose.end_span()
        self.pos, label = skip_link_tail(self.src, at, close_bracket(self.src, self.pos, self.limit), self.limit)
        self._cite(span, href, label)
        return close + 1

    def _cite(self, span: tuple[int, int] | None, href: str | None, label: str | None) -> None:
        if span and is_citable(href):
            self.citations.append(Citation(span[0], span[1], label, "link", url=href))


def _context(stack) -> dict:
    """Block kind and what else the enclosing containers say about the next block.

    A list item's number and a footnote's label go to its first block only.
    """
    note = next((tok for tok in stack if tok.type == "footnote_open"), None)
    if note is not None:  # everything in a footnote definition belongs to the entry
        return {"kind": REFERENCE, "ref_key": note.meta.pop("entry", None)}
    for tok in reversed(stack):
        t = tok.type
        if t == "heading_open":
            return {"kind": HEADING, "level": int(tok.tag[1:])}
        if t in ("td_open", "th_open"):
            return {"kind": TABLE_CELL}
        if t == "blockquote_open":
            return {"kind": QUOTE}
        if t == "list_item_open":
            return {"kind": LIST_ITEM, "ordinal": tok.meta.pop("ordinal", None)}
    return {"kind": PARAGRAPH}
