"""The HTML reader's work: html.parser events to prose blocks with exact source offsets.

White space collapses as a browser shows it and every character keeps its place in the
source (``&amp;`` maps to its five characters). Page furniture is flagged from the
structure (``<nav>``, ``<aside>``, widget classes); citations come from ``<sup>``, note
links and ``[n]`` text; metadata from the head's tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

from copydesk.model import (
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_CELL,
    Citation,
    Comment,
    Document,
    Metadata,
)
from copydesk.readers import common
from copydesk.readers._assemble import finish, is_citable, iso_date
from copydesk.readers._prose import ProseBuilder

DROPPED = frozenset("script style noscript template svg math canvas iframe object select option "
                    "textarea button pre head".split())
CHROME = frozenset("nav footer aside form".split())  # page furniture, never the article
BOILERPLATE = CHROME | {"header"}
BODY = frozenset({"article", "main"})
BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote td th tr table thead tbody "
                   "tfoot caption figure figcaption section article main aside nav header footer form "
                   "body html hr address details summary fieldset legend center title head pre".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_KINDS = {"li": LIST_ITEM, "td": TABLE_CELL, "th": TABLE_CELL, "blockquote": QUOTE,
          **{f"h{n}": HEADING for n in range(1, 7)}}
# Words in a class or id that mark a widget rather than the article.
_WIDGET_WORDS = frozenset("share sharing social related comment comments newsletter breadcrumb "
                          "breadcrumbs subscribe subscription promo advert advertisement sidebar".split())
_WORD_SPLIT = re.compile(r"[\s_-]+")
_REFERENCE_WORDS = frozenset("references footnotes endnotes reflist citations bibliography sources".split())
_NOTE_ID = re.compile(r"(?:ref|fn|cite|note|footnote|endnote|source|bib)[\w:.-]*?(\d{1,4})$", re.IGNORECASE)
_MARKER = re.compile(r"(\[)?\s*\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\s*(?(1)\])")
_UNIT_BEFORE = re.compile(r"(?:\d|(?<![^\W\d_])[^\W\d_]{1,3})$")  # 10<sup>6</sup>, km<sup>2</sup>
# An element the next one of these closes, unless one of the scope elements stands between.
_SIBLINGS = {"li": ({"li"}, {"ol", "ul"}), "td": ({"td", "th"}, {"tr", "table"}),
             "th": ({"td", "th"}, {"tr", "table"}), "tr": ({"tr"}, {"table"}),
             "dt": ({"dt", "dd"}, {"dl"}), "dd": ({"dt", "dd"}, {"dl"})}
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+")  # "Headline | Site"
_INVISIBLE = frozenset("\u00ad\u200b")  # soft hyphen, zero-width space
_HEAD_TAGS = frozenset("html head title meta link style script base noscript template".split())
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "date", "pubdate",
              "publish-date", "publish_date", "dc.date", "dc.date.issued", "citation_publication_date",
              "sailthru.date", "parsely-pub-date")


@dataclass
class _Element:
    tag: str
    kind: str = PARAGRAPH
    level: int = 0
    dropped: bool = False
    boilerplate: bool = False
    chrome: bool = False
    in_body: bool = False
    references: bool = False  # a reference-list container (class="footnotes" ...)
    next_number: int = 1  # ol/ul: the number of the next item
    ordinal: str | None = None  # li: its number in the list
    ref_key: str | None = None  # li: the entry key it stands for (id="fn3", or a references list)


@dataclass
class _Capture:
    """Text of a ``<sup>`` or an ``<a href="#...">`` held back until we know if it is a citation."""

    depth: int  # stack depth of the element that opened it
    pieces: list = field(default_factory=list)  # (text, source start, source length); text None: a break
    href: str | None = None
    in_sup: bool = False
    before: str = ""  # the text written just before it


def read_html(path: str, source: str) -> Document:
    parser = _Parser(source)
    try:
        parser.feed(source)
        left = None
        while parser.rawdata and len(parser.rawdata) != left:
            left = len(parser.rawdata)  # html.parser stops early at some broken references ("&#;")
            parser.feed("")
        parser.close()
    except AssertionError:  # html.parser gives up on some broken declarations: keep what we have
        pass
    parser.flush_block()
    if any(b.in_body for b in parser.prose.blocks):
        for b in parser.prose.blocks:
            if not b.in_body and b.ref_key is None:
                b.boilerplate = True
    meta = parser.metadata()
    return finish(path, source, "html", parser.prose, parser.citations, meta, parser.comments,
                  article_end=False)


class _Parser(HTMLParser):
    """Keeps a stack of open elements (closing what a browser would) and feeds the prose."""

    def __init__(self, source: str):
        super().__init__(convert_charrefs=False)
        self.src = source
        self._nl = [0] + [m.end() for m in re.finditer("\n", source)]  # html.parser counts "\n" only
        self.prose = ProseBuilder()
        self.citations: list[Citation] = []
        self.comments: list[Comment] = []
        self.stack: list[_Element] = [_Element("#root", in_body=not re.search(
            r"<(?:article|main)\b", source, re.IGNORECASE))]
        self.capture: _Capture | None = None
        self.link: tuple[int, str] | None = None  # (stack depth, href) of the open <a href>
        self.block: _Element | None = None  # the element the current block's text stands in
        self.head: dict[str, str] = {}
        self.title: list[str] | None = None  # the <title> text, while inside it
        self.saw_h1 = False
        self.time: str | None = None

    def _here(self) -> int:
        line, col = self.getpos()
        return self._nl[line - 1] + col

    # --- elements -------------------------------------------------------------------------

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag in ("meta", "link"):
            self._head_tag(tag, attrs)
        if tag == "time" and attrs.get("datetime") and self.time is None and not self.stack[-1].chrome:
            self.time = attrs["datetime"]
        if tag == "br":
            self._break(self._here(), len(self.get_starttag_text() or "<br>"))
            return
        if tag in BLOCKS:
            self.flush_block()
        self._close_implied(tag)
        if tag in VOID:
            return
        if tag == "title":
            self.title = []
        self.stack.append(self._element(tag, attrs, self.stack[-1]))
        href = attrs.get("href", "").strip() if tag == "a" else None
        if self.capture is not None and tag in ("a", "sup"):  # <sup><a href="#ref-3">: one capture
            self.capture.href = self.capture.href or href
            self.capture.in_sup = self.capture.in_sup or tag == "sup"
        elif tag == "sup" or (href or "").startswith("#"):
            self._begin_capture(href, tag == "sup")
        elif tag == "a" and self.link is None and is_citable(href):
            self.link = (len(self.stack) - 1, href)
            self.prose.begin_span()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        depth = next((i for i in range(len(self.stack) - 1, 0, -1) if self.stack[i].tag == tag), None)
        if depth is None:  # a stray end tag: nothing to close
            if tag in BLOCKS:
                self.flush_block()
            return
        if tag in BLOCKS or any(el.tag in BLOCKS for el in self.stack[depth + 1:]):
            self.flush_block()
        self._pop_to(depth)
        if tag == "title" and self.title is not None:
            self.head.setdefault("title", " ".join("".join(self.title).split()))
            self.title = None

    def _element(self, tag: str, attrs: dict, parent: _Element) -> _Element:
        names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
        words = set(_WORD_SPLIT.split(names.lower())) if names != " " else set()
        widget = bool(words & _WIDGET_WORDS)
        el = _Element(
            tag, kind=_KINDS.get(tag, parent.kind), level=int(tag[1]) if _KINDS.get(tag) == HEADING else parent.level,
            # an inline widget (a share icon, a comment count) is dropped; a block one is boilerplate
            dropped=parent.dropped or tag in DROPPED or "hidden" in attrs or (widget and tag not in BLOCKS),
            boilerplate=parent.boilerplate or tag in BOILERPLATE or widget,
            chrome=parent.chrome or tag in CHROME or widget,
            in_body=parent.in_body or tag in BODY,
            references=parent.references or bool(words & _REFERENCE_WORDS),
        )
        if tag in ("ol", "ul"):
            el.next_number = _int(attrs.get("start"), 1)
        elif tag == "li":
            lst = next((e for e in reversed(self.stack) if e.tag in ("ol", "ul")), None)
            number = _int(attrs.get("value"), lst.next_number if lst else 1)
            if lst:
                lst.next_number = number + 1
            el.ordinal = str(number)
            note = _NOTE_ID.match(attrs.get("id", ""))
            if note or el.references:
                el.ref_key = note.group(1) if note else el.ordinal
        return el

    def _close_implied(self, tag: str) -> None:
        """What a browser closes for us: <head> at the body, <p> at a block, <li> at the next <li>."""
        if tag not in _HEAD_TAGS:
            head = next((i for i, el in enumerate(self.stack) if el.tag == "head"), None)
            if head is not None:
                self._pop_to(head)
        if tag in BLOCKS and self.stack[-1].tag == "p":
            self._pop_to(len(self.stack) - 1)
        if tag in _SIBLINGS:
            same, scopes = _SIBLINGS[tag]
            for i in range(len(self.stack) - 1, 0, -1):
                if self.stack[i].tag in scopes:
                    break
                if self.stack[i].tag in same:
                    self._pop_to(i)
                    break

    def _pop_to(self, depth: int) -> None:
        if self.capture is not None and self.capture.depth >= depth:
            self._end_capture()
        if self.link is not None and self.link[0] >= depth:
            self._end_link()
        del self.stack[depth:]

    # --- text -----------------------------------------------------------------------------

    def handle_data(self, data):
        if data.startswith("<!--"):  # a comment never closed runs to the end, as in a browser
            self.comments.append(Comment(self._here(), self._here() + len(data), data[4:].strip()))
            return
        if self.title is not None:
            self.title.append(data)
        self._text(data, self._here(), len(data))

    def handle_entityref(self, name):
        self._reference(f"&{name}")

    def handle_charref(self, name):
        self._reference(f"&#{name}")

    def _reference(self, raw: str) -> None:
        start = self._here()
        if self.src.startswith(";", start + len(raw)):
            raw += ";"
        decoded = unescape(raw)
        if decoded in _INVISIBLE:  # &shy; inside a word must not split it for the checks
            return
        if self.title is not None:
            self.title.append(decoded)
        self._text(decoded, start, len(raw))

    def handle_comment(self, data):
        start = self._here()
        end = self.src.find("-->", start + 4)
        end = end + 3 if end >= 0 else start + 4 + len(data)
        self.comments.append(Comment(start, end, data.strip()))

    def _text(self, text: str, start: int, length: int) -> None:
        top = self.stack[-1]
        if top.dropped or not text:
            return
        if self.capture is not None:
            self.capture.pieces.append((text, start, length))
            return
        if self.block is None and not text.isspace():
            self.block = self._block_element()
        self.prose.add(text, start, length)

    def _block_element(self) -> _Element:
        """The block element text stands in: its kind and flags are the block's."""
        return next((el for el in reversed(self.stack) if el.tag in BLOCKS), self.stack[0])

    def _break(self, start: int, length: int) -> None:
        if self.capture is not None:
            self.capture.pieces.append((None, start, length))
        elif not self.stack[-1].dropped:
            self.prose.add_break(start, length)

    def flush_block(self) -> None:
        if self.capture is not None:
            self._end_capture()
        if self.link is not None:
            self._end_link()
        el, self.block = self.block, None
        if el is None:
            self.prose.end_block()
            return
        block = self.prose.end_block(el.kind, level=el.level if el.kind == HEADING else 0,
                                     boilerplate=el.boilerplate, in_body=el.in_body)
        if block is None:
            return
        self.saw_h1 = self.saw_h1 or el.kind == HEADING and el.level == 1
        li = next((e for e in reversed(self.stack) if e.tag == "li"), None) if el.kind == LIST_ITEM else None
        if li is not None and not el.chrome:
            block.ordinal, li.ordinal = li.ordinal, None  # the item's first block only
            block.ref_key, li.ref_key = li.ref_key, None

    # --- citations and links --------------------------------------------------------------

    def _begin_capture(self, href: str | None, sup: bool) -> None:
        if self.stack[-1].dropped:
            return
        self.capture = _Capture(len(self.stack) - 1, href=href, in_sup=sup, before=self.prose.tail)

    def _end_capture(self) -> None:
        cap, self.capture = self.capture, None
        if not cap.pieces:
            return
        text = "".join(p[0] or "\n" for p in cap.pieces).strip()
        marker = _MARKER.fullmatch(text)
        if marker and (cap.href or marker.group(1) or not text.isdigit() or not _UNIT_BEFORE.search(cap.before)):
            self._marker(cap, text if marker.group(1) else f"[{text}]")
        elif cap.href and cap.href.startswith("#") and not re.search(r"\w", text):
            return  # a back-link arrow (↩) of a footnote
        else:
            if marker:  # a power: km<sup>2</sup> reads km^2, not km2
                self._text("^", cap.pieces[0][1], 0)
            for piece in cap.pieces:
                if piece[0] is None:
                    self._break(piece[1], piece[2])
                else:
                    self._text(*piece)

    def _marker(self, cap: _Capture, marker: str) -> None:
        """A citation marker: written as ``[3]`` in the text, mapped to the marker in the source."""
        visible = [_trimmed(*p) for p in cap.pieces if p[0] and not p[0].isspace()]
        start, end = visible[0][0], visible[-1][1]
        if self.block is None:
            self.block = self._block_element()
        span = self.prose.add(marker, start, end - start)
        if not span:
            return
        kind = "sup" if cap.in_sup else "footnote"
        url = cap.href if cap.href and not cap.href.startswith("#") and is_citable(cap.href) else None
        for c in common.bracket_citations(marker, 0, len(marker)):
            self.citations.append(Citation(span[0] + c.start, span[0] + c.end, c.key, kind, url=url))

    def _end_link(self) -> None:
        _, href = self.link
        self.link = None
        span = self.prose.end_span()
        if span:
            self.citations.append(Citation(span[0], span[1], None, "link", url=href))

    # --- metadata -------------------------------------------------------------------------

    def _head_tag(self, tag: str, attrs: dict) -> None:
        if tag == "link":
            if "canonical" in attrs.get("rel", "").lower().split() and attrs.get("href"):
                self.head.setdefault("canonical", attrs["href"].strip())
            return
        name = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        content = (attrs.get("content") or "").strip()
        if name and content:
            self.head.setdefault(name, content)

    def metadata(self) -> Metadata:
        head = self.head
        meta = Metadata()
        meta.publication = head.get("og:site_name") or head.get("application-name")
        meta.canonical_url = head.get("canonical") or head.get("og:url")
        meta.domain = common.domain_of(meta.canonical_url)
        # og:title, else the first <h1> (the shared pass picks it), else <title> without the site name
        meta.title = head.get("og:title") or (None if self.saw_h1 else _strip_site(head.get("title"),
                                                                                  meta.publication))
        published = next((head[k] for k in _DATE_META if head.get(k)), None) or self.time
        meta.date = iso_date(published) if published else None
        if head.get("author"):
            meta.extra["author"] = head["author"]
        return meta


def _trimmed(text: str, start: int, length: int) -> tuple[int, int]:
    """Source span of a piece without its surrounding white space (verbatim pieces only)."""
    if length != len(text):
        return start, start + length
    lead = len(text) - len(text.lstrip())
    return start + lead, start + len(text.rstrip())


def _strip_site(title: str | None, publication: str | None) -> str | None:
    """``Story headline | The Site`` without the site's name."""
    if not title:
        return None
    cut = next(reversed(list(_TITLE_SEPARATOR.finditer(title))), None)
    if cut and publication and title[cut.end():].strip().lower() == publication.lower():
        return title[:cut.start()]
    return title


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default
