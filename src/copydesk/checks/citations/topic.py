"""What a piece of text is about, as a set of normalised terms, and whether two sets meet.

Deliberately light: words are folded to ASCII, lower-cased, stripped of possessives and
plurals, split on hyphens and camel case (``OxCaml`` gives ``oxcaml``, ``ox``, ``caml``), and
generic news words are dropped. Two terms match when equal or when one is a prefix of the
other and both are long enough to mean something (``superintelligence``/``superintelligent``).
Leaning towards a match is the point: a reference is off topic only when nothing meets.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from urllib.parse import unquote, urlsplit

_RUN = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_POSSESSIVE = re.compile(r"['’]s?$")
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))$", re.IGNORECASE)  # Meta's, don't
_PREFIX_MIN = 5  # shortest term that may match another by prefix
# English function words: grammar, never a subject (generic *news* words are pack data)
FUNCTION_WORDS = frozenset("""
a about above across after again against all almost along already also although always am
among an and another any anyone anything are around as at be because been before being
below between both but by can cannot could did do does doing done down during each either
else enough ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less let may me might mine
more most much must my myself neither no nor not of off often on once one only onto or other
others otherwise our ours ourselves out over own per quite rather same several shall she
should since so some such than that the their theirs them themselves then there these they
this those though through thus to too toward towards under until up upon us very was we were
what whatever when where whether which while who whom whose why will with within without
would yet you your yours yourself
""".split())


def stem(word: str) -> str:
    """Lower-case, ASCII-fold, drop a possessive and a plural ending."""
    w = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
    w = _POSSESSIVE.sub("", w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith("sses") or re.search(r"(?:x|ch|sh|zz)es$", w):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _variants(run: str, join: bool) -> Iterator[str]:
    """The words of one token run: its hyphen parts, their camel-case pieces, the compound."""
    run = _CLITIC.sub("", run).replace("'", "").replace("’", "")
    parts = [p for p in run.split("-") if p]
    if join and 1 < len(parts) <= 3:
        yield "".join(parts)
    for part in parts:
        yield part
        pieces = _CAMEL.findall(part)
        if len(pieces) > 1:
            yield from pieces


def _keep(term: str, stopwords: frozenset[str]) -> bool:
    if len(term) < 3 or term in stopwords or term in FUNCTION_WORDS or not any(c.isalpha() for c in term):
        return False
    # ids and hashes from URLs ("a1b2c3d4", "908769x") are not words
    return not (len(term) >= 6 and any(c.isdigit() for c in term))


def terms(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Every normalised term of a prose text, repeated as often as it occurs."""
    out = []
    for m in _RUN.finditer(text):
        for word in _variants(m.group(0), join=True):
            term = stem(word)
            if _keep(term, stopwords):
                out.append(term)
    return out


def url_terms(url: str, stopwords: frozenset[str]) -> set[str]:
    """Terms of a URL's path (slug words): the domain names the publisher, not a subject."""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    path = re.sub(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf)$", "", path, flags=re.IGNORECASE)
    out = set()
    for segment in re.split(r"[/._+~,;=]", path):
        for m in _RUN.finditer(segment.replace("-", " ")):
            for word in _variants(m.group(0), join=False):
                term = stem(word)
                if _keep(term, stopwords):
                    out.add(term)
    return out


def meets(evidence: Iterable[str], context: Iterable[str] | frozenset[str]) -> bool:
    """True when some evidence term matches some context term (equal, or a long prefix)."""
    context = context if isinstance(context, (set, frozenset)) else set(context)
    evidence = set(evidence)
    if evidence & context:
        return True
    longs = [c for c in context if len(c) >= _PREFIX_MIN]
    return any(len(e) >= _PREFIX_MIN and (c.startswith(e) or e.startswith(c)) for e in evidence for c in longs)


def main_subjects(title: str | None, prose: Iterable[str], stopwords: frozenset[str],
                  min_mentions: int = 2) -> frozenset[str]:
    """What an article is about: its title's terms and every term its prose repeats.

    A term mentioned once is not a subject: scraped page furniture (a stray heading such as
    a sidebar's "OxCaml Labs") must not make an unrelated reference look on topic.
    """
    counts: Counter[str] = Counter()
    for text in prose:
        counts.update(terms(text, stopwords))
    repeated = {t for t, n in counts.items() if n >= min_mentions}
    return frozenset(repeated | set(terms(title or "", stopwords)))
