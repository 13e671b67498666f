"""Where a piece of Markdown syntax ends in the source: brackets, link tails, escaped text.

markdown-it reports what a link or an image means, not where its syntax stands; the
Markdown reader calls these to step over it while it finds each inline token again.
"""

from __future__ import annotations


def close_bracket(src: str, start: int, limit: int) -> int:
    """Index of the ``]`` closing a bracket opened just before ``start`` (escapes, nesting)."""
    depth = 0
    i = start
    while i < limit:
        ch = src[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    return limit


def skip_link_tail(src: str, opener: int, close: int, limit: int) -> tuple[int, str | None]:
    """Skip ``](dest "title")``, ``][label]``, ``][]`` or ``]``: (end, reference label or None)."""
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    pos = close + 1
    if src.startswith("(", pos):
        p = _skip_space(src, pos + 1, limit)
        dest = parseLinkDestination(src, p, limit)
        if dest.ok:
            p = _skip_space(src, dest.pos, limit)
            title = parseLinkTitle(src, p, limit)
            if title.ok:
                p = _skip_space(src, title.pos, limit)
        end = src.find(")", p, limit)
        return (end + 1 if end >= 0 else pos), None
    if src.startswith("[", pos):
        end = close_bracket(src, pos + 1, limit)
        label = src[pos + 1:end].strip() or src[opener + 1:close].strip()
        return min(end + 1, limit), label
    return pos, src[opener + 1:close].strip()


def _skip_space(src: str, pos: int, limit: int) -> int:
    while pos < limit and src[pos] in " \t\r\n>":
        pos += 1
    return pos


def align(content: str, src: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Where ``content`` stands in ``src[pos:limit]`` when the source escapes some of it (``\\|``)."""
    if not content:
        return None
    start = src.find(content[0], pos, limit)
    tries = 0
    while 0 <= start and tries < 8:
        i, j = 0, start
        while i < len(content) and j < limit:
            if src[j] == content[i]:
                i, j = i + 1, j + 1
            elif src[j] == "\\" and j + 1 < limit and src[j + 1] == content[i]:
                j += 1
            else:
                break
        if i == len(content):
            return start, j
        start = src.find(content[0], start + 1, limit)
        tries += 1
    return None
