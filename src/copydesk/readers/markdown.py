"""Markdown drafts: CommonMark (markdown-it-py) with YAML front matter, footnotes and tables.

Code, HTML blocks and front matter are not prose; HTML comments are kept for suppression
directives; footnotes, links and ``[n]`` markers are citations. Broken front matter is an
input error naming its line (see ``_front_matter``).

This module is imported on every run, so the reader's work (and markdown-it) loads only
when a Markdown draft is read: see ``_md_walker``.
"""

from __future__ import annotations

from copydesk.api import Reader
from copydesk.hookspecs import hookimpl
from copydesk.model import Document


def read_markdown(path: str, source: str) -> Document:
    from copydesk.readers._md_walker import read_markdown as read

    return read(path, source)


@hookimpl
def copydesk_register_readers(register):
    register(Reader(name="markdown", extensions=(".md", ".markdown", ".mdown", ".mkd"), read=read_markdown))
