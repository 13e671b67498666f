"""Who "we" are for a draft, and whether a reference credits us.

Config (``publication: {name, domains, self_labels}``) says it best. When config names no
publication, the draft does: front matter ``publication``, ``og:site_name``, the byline's
outlet ("Daily Neural Digest Team"). The draft's own canonical URL always counts.
"""

from __future__ import annotations

import re

from copydesk.checks.citations.describe import short_url
from copydesk.checks.self_reference.data import SelfData
from copydesk.readers.common import domain_of

_MIN_NAME = 3
_POSSESSIVE = re.compile(r"['’]s\b")
# Punctuation that separates words in a name, read as a space. (A table, not a regex class:
# a class holding "–—“”" makes re build a 64K table, ~0.2 ms of start-up.)
_PUNCTUATION = str.maketrans(dict.fromkeys("_-–—.,:;|()[]\"“”", " "))


def normalise_name(text: str | None) -> str:
    """``The Daily_Neural-Digest's`` -> ``daily neural digest``: how labels and names compare."""
    s = _POSSESSIVE.sub("", (text or "").lower())
    s = " ".join(s.translate(_PUNCTUATION).split())
    return s[4:] if s.startswith("the ") else s


def normalise_url(url: str) -> str:
    return short_url(url).lower()


def _core_name(name: str, data: SelfData) -> str:
    """``Lakeshore Ledger Editorial`` -> ``Lakeshore Ledger``: a byline's desk word is not the name."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in data.suffixes:
        words.pop()
    return " ".join(words)


class Identity:
    """Who the draft's publication is. (A plain class: a dataclass costs ~1 ms to define.)"""

    __slots__ = ("names", "domains", "labels", "canonical")

    def __init__(self, names: tuple[str, ...], domains: tuple[str, ...], labels: tuple[str, ...],
                 canonical: str | None):
        self.names = names  # as written (for matching prose)
        self.domains = domains
        self.labels = labels  # normalised extra self labels from config
        self.canonical = canonical

    @classmethod
    def of(cls, document, context, data: SelfData) -> Identity:
        pub = context.config.publication
        meta = document.meta
        names = [pub.name] if pub.name else [meta.publication, meta.extra.get("site_name")]
        names = [_core_name(n, data) for n in names if isinstance(n, str)]
        names = [n for n in names if len(normalise_name(n)) >= _MIN_NAME]
        domains = {d.lower().removeprefix("www.") for d in pub.domains}
        if not pub.domains:
            domains |= {d for d in (meta.domain, domain_of(meta.canonical_url)) if d}
        return cls(
            names=tuple(dict.fromkeys(names)),
            domains=tuple(sorted(domains)),
            labels=tuple(normalise_name(label) for label in pub.self_labels),
            canonical=normalise_url(meta.canonical_url) if meta.canonical_url else None,
        )

    def owns_url(self, url: str | None) -> bool:
        domain = domain_of(url)
        if not domain:
            return False
        domain = domain.lower()
        return any(domain == d or domain.endswith("." + d) for d in self.domains) or (
            self.canonical is not None and normalise_url(url) == self.canonical)

    def is_name(self, text: str, data: SelfData) -> bool:
        """``text`` is the outlet's name, alone or with a suffix such as "Team"."""
        field = normalise_name(text)
        for name in map(normalise_name, self.names):
            if field == name or any(field == f"{name} {suffix}" for suffix in data.suffixes):
                return True
        return False

    def is_label(self, text: str, data: SelfData) -> bool:
        field = normalise_name(text)
        return bool(field) and (field in self.labels or data.labels.fullmatch(field) is not None)

    def credit(self, ref, data: SelfData) -> tuple[tuple[int, int], str] | None:
        """(span, message) when a reference credits the outlet itself; None otherwise."""
        whole = (ref.start, ref.end)
        if ref.url and self.canonical and normalise_url(ref.url) == self.canonical:
            return ref.url_span or whole, (f"[{ref.key}] points at this draft's own URL: "
                                           "cite the source behind the claim")
        credited, span = (ref.publisher, ref.publisher_span) if ref.publisher else (ref.title, ref.title_span)
        if credited and self.is_label(credited, data):
            where = f" (the link goes to {domain_of(ref.url)})" if ref.url and not self.owns_url(ref.url) else ""
            return span or whole, (f"[{ref.key}] is credited to “{credited}”, a label for this outlet itself, "
                                   f"not an independent source: credit the original publisher{where}")
        if credited and self.is_name(credited, data):
            return span or whole, (f"[{ref.key}] is credited to {credited}, this draft's own publication: "
                                   "cite the independent source behind the claim")
        if ref.url and self.owns_url(ref.url):
            return ref.url_span or whole, (f"[{ref.key}] points at {domain_of(ref.url)}, this draft's own "
                                           "site: cite the independent source behind the claim")
        return None
