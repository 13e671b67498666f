"""Whether a reference leads anywhere: a specific URL, or at least a real title.

A label standing in for a title ("Original article") next to a real URL still leads to the
source, so it is not a placeholder; a placeholder URL ("#", example.com) always is, since it
shows the link was never filled in.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from copydesk.checks.citations.data import CitationData
from copydesk.checks.citations.describe import LETTERS
from copydesk.readers.common import domain_of

_FIELD_SEP = re.compile(r"\s+[—–|]\s+|\s+-\s+")
_BARE_NAME_WORDS = 3  # a lone field this short names a publisher, not a work


def _split_trailing_url(title: str | None, data: CitationData) -> tuple[str | None, str | None]:
    """``"Title — #"`` -> (``"Title"``, ``"#"``): readers leave a non-URL last field in the title."""
    if not title:
        return title, None
    fields = _FIELD_SEP.split(title)
    if len(fields) > 1 and data.placeholder_url.fullmatch(fields[-1].strip()):
        return " — ".join(fields[:-1]).strip() or None, fields[-1].strip()
    if data.placeholder_url.fullmatch(title.strip()) and not data.placeholder_title.fullmatch(title.strip()):
        return None, title.strip()
    return title, None


def _is_home_page(url: str) -> bool:
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    path = parts.path.strip("/")
    return not parts.query and (not path or _is_locale(path))


def _is_locale(path: str) -> bool:
    """A language path ("en", "en-gb", "pt_BR"): ``[a-z]{2}(?:[-_][a-z]{2})?`` in any case."""
    if len(path) not in (2, 5) or (len(path) == 5 and path[2] not in "-_"):
        return False
    return all(c in LETTERS for c in path[:2] + path[3:])


def real_title(ref, data: CitationData) -> str | None:
    """The title of the work a reference cites: not a label ("Source"), and not a lone short
    field, which names a publisher ("[4] Reuters", "[5] Air Quality News — https://...")."""
    title, _ = _split_trailing_url(ref.title, data)
    if not title or data.placeholder_title.fullmatch(title.strip(" .:;“”\"'")):
        return None
    if not re.search(r"[^\W\d_]", title):
        return None
    if not ref.publisher and len(title.split()) <= _BARE_NAME_WORDS:
        return None
    return title


def placeholder_problem(ref, data: CitationData) -> str | None:
    """Why a reference leads nowhere, as a message; None when it has a usable target."""
    title, stray_url = _split_trailing_url(ref.title, data)
    url = (ref.url or stray_url or "").strip()
    if url and data.placeholder_url.fullmatch(url):
        return f"[{ref.key}] has a placeholder URL (“{url}”): link the source it stands for"
    if (url and not _is_home_page(url)) or real_title(ref, data):
        return None
    if url:
        return (f"[{ref.key}] points at the home page of {domain_of(url) or url}, "
                "not at a source: link the page that supports the claim")
    label = (title or "").strip()
    if label and not data.placeholder_title.fullmatch(label.strip(" .:;“”\"'")):
        return f"[{ref.key}] (“{label}”) gives no title and no URL: name the work it cites and link it"
    if label:
        return f"[{ref.key}] names no source: “{label}” is a label, not a title, and there is no URL"
    return f"[{ref.key}] gives neither a title nor a URL: name the work it cites and link it"
