"""HTML drafts and saved article pages, read with the standard library's forgiving parser.

The article body is ``<article>`` or ``<main>`` when the page has one; prose elsewhere is
kept as boilerplate. Scripts, styles and templates are dropped; navigation, headers,
footers, asides, forms and share/related/comment widgets are boilerplate. Malformed
markup (unclosed or stray tags, broken entities) still gives a document.

This module is imported on every run, so the parser loads only when an HTML draft is
read: see ``_html_walker``.
"""

from __future__ import annotations

from copydesk.api import Reader
from copydesk.hookspecs import hookimpl
from copydesk.model import Document


def read_html(path: str, source: str) -> Document:
    from copydesk.readers._html_walker import read_html as read

    return read(path, source)


@hookimpl
def copydesk_register_readers(register):
    register(Reader(name="html", extensions=(".html", ".htm", ".xhtml"), read=read_html))
