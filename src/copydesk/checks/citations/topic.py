"""What a piece of text is about, as a set of normalised terms, and whether two sets meet.

Deliberately light: words are folded to ASCII, lower-cased, stripped of possessives and
plurals, split on hyphens and camel case (``OxCaml`` gives ``oxcaml``, ``ox``, ``caml``), and
generic news words are dropped. Two terms match when equal or when both are long enough to
mean something and differ only at the end (``superintelligence``/``superintelligent``).
Leaning towards a match is the point: a reference is off topic only when nothing meets.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from urllib.parse import unquote, urlsplit

# Word runs joined by apostrophes and hyphens ("[^\W_]+(?:['’-][^\W_]+)*"): spelt so that no
# class mixes "’" with two other characters, which makes re build a 64K table (~0.2 ms).
_RUN = re.compile(r"[^\W_]+(?:[-'][^\W_]+|’[^\W_]+)*")
_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|\d+")
_POSSESSIVE = re.compile(r"['’]s?$")
_CLITIC = re.compile(r"(?:n['’]t|['’](?:s|re|ve|ll|d|m))$", re.IGNORECASE)  # Meta's, don't
_SIBILANT_PLURAL = re.compile(r"(?:x|ch|sh|zz)es$")  # boxes, churches, wishes, buzzes
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php\d?|aspx?|jsp|cfm|pdf)$", re.IGNORECASE)
_PATH_SEPARATORS = re.compile(r"[/._+~,;=]")
_PREFIX_MIN = 5  # shortest term that may match another by prefix
# English function words: grammar, never a subject (generic *news* words are pack data)
FUNCTION_WORDS = frozenset("""
a about above across after again against all almost along already also although always am
among an and another any anyone anything are around as at be because been before being
below between both but by can cannot could did do does doing done down during each either
else enough ever every few for from further had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less let may me might
more most much must my myself neither no nor not of off often on once one only onto or other
others otherwise our ours ourselves out over own per quite rather same several shall she
should since so some such than that the their theirs them themselves then there these they
this those though through thus to too toward towards under until up upon us very was we were
what whatever when where whether which while who whom whose why will with within without
would yet you your yours yourself
""".split())


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """Lower-case, ASCII-fold, drop a possessive, a plural or -ing/-ed ending and a final e.

    Not a real stemmer, only a key both sides share: ``buses``, ``bus`` -> ``bus``;
    ``pricing``, ``prices`` -> ``pric``; ``companies`` -> ``company``. Memoised: drafts
    repeat their words, and so do drafts of one desk.
    """
    w = word if word.isascii() else _ascii_fold(word)
    w = w.lower()
    if "'" in w or "’" in w:
        w = _POSSESSIVE.sub("", w)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses") or _SIBILANT_PLURAL.search(w):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 6 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 5 and w.endswith("ed"):
        w = w[:-2]
    return w[:-1] if len(w) > 3 and w.endswith("e") else w


def _ascii_fold(word: str) -> str:
    """``Nestlé`` -> ``Nestle``. (unicodedata is imported here: most drafts' words never
    need it, and loading it costs a draft's start-up ~0.3 ms.)"""
    import unicodedata

    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()


_FUNCTION_STEMS = frozenset(stem(w) for w in FUNCTION_WORDS)


def _looks_like_id(word: str) -> bool:
    """Ids and hashes from URLs ("a1b2c3d4", "idUSKBN2X3Y4Z") are not words, nor are their parts."""
    return len(word) >= 6 and any(c.isdigit() for c in word)


def _variants(run: str, join: bool) -> Iterator[str]:
    """The words of one token run: its hyphen parts, their camel-case pieces, the compound."""
    run = _CLITIC.sub("", run).replace("'", "").replace("’", "")
    parts = [p for p in run.split("-") if p]
    if join and 1 < len(parts) <= 3:
        yield "".join(parts)
    for part in parts:
        if _looks_like_id(part):
            continue
        yield part
        pieces = _CAMEL.findall(part)
        if len(pieces) > 1:
            yield from pieces


def _is_word(term: str) -> bool:
    if len(term) == 2:  # a model code ("C1", "M4") names a subject; other two-letter words do not
        return term[0].isalpha() != term[1].isalpha()
    return len(term) >= 3 and term not in _FUNCTION_STEMS and any(c.isalpha() for c in term)


def _run_terms(run: str, join: bool) -> tuple[str, ...]:
    return tuple(t for t in map(stem, _variants(run, join)) if _is_word(t))


@lru_cache(maxsize=1 << 16)
def _prose_terms(run: str) -> tuple[str, ...]:
    """The terms of one token run of prose, memoised: a draft repeats its words, and so do
    drafts. (One argument, so that the cache is keyed by the run itself.)"""
    return _run_terms(run, True)


@lru_cache(maxsize=1 << 14)
def _slug_terms(run: str) -> tuple[str, ...]:
    """The terms of one token run of a URL's path: no compound of its hyphen parts."""
    return _run_terms(run, False)


def terms(text: str, stopwords: frozenset[str] = frozenset()) -> list[str]:
    """Every normalised term of a prose text, repeated as often as it occurs."""
    return [t for run in _RUN.findall(text) for t in _prose_terms(run) if t not in stopwords]


def term_set(text: str, stopwords: frozenset[str] = frozenset()) -> set[str]:
    """The distinct normalised terms of a prose text (``set(terms(...))``, each run read once)."""
    return _terms_of(set(_RUN.findall(text)), stopwords)


def _terms_of(runs: Iterable[str], stopwords: frozenset[str]) -> set[str]:
    found: set[str] = set()
    for run in runs:
        found.update(_prose_terms(run))
    return found - stopwords


def url_terms(url: str, stopwords: frozenset[str]) -> set[str]:
    """Terms of a URL's path (slug words): the domain names the publisher, not a subject."""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    path = _PAGE_SUFFIX.sub("", path)
    return {t for segment in _PATH_SEPARATORS.split(path) for run in _RUN.findall(segment.replace("-", " "))
            for t in _slug_terms(run) if t not in stopwords}


def other_language(text: str, other_words: frozenset[str]) -> bool:
    """True when ``text`` reads as another language than English: more of its function words
    come from ``other_words`` than from English, and at least two do."""
    words = list(map(str.lower, _RUN.findall(text)))
    foreign = sum(map(other_words.__contains__, words))
    return foreign >= 2 and foreign > sum(map(FUNCTION_WORDS.__contains__, words))


def meets(evidence: Iterable[str], context: Iterable[str] | frozenset[str]) -> bool:
    """True when some evidence term matches some context term: equal, or both long and
    differing only in their last two letters (``superintelligenc``/``superintelligent``,
    ``launch``/``launcher``)."""
    context = context if isinstance(context, (set, frozenset)) else set(context)
    evidence = set(evidence)
    if evidence & context:
        return True
    by_head: dict[str, list[str]] = {}
    for c in context:
        if len(c) >= _PREFIX_MIN:
            by_head.setdefault(c[:4], []).append(c)
    return any(_close(e, c) for e in evidence if len(e) >= _PREFIX_MIN for c in by_head.get(e[:4], ()))


def _close(a: str, b: str) -> bool:
    shared = len(os.path.commonprefix((a, b)))
    return shared >= min(len(a), len(b)) - 2


def names(text: str, stopwords: frozenset[str]) -> set[str]:
    """Terms of the capitalised words of a text: the names it mentions (Kestrel, Thwaites)."""
    return _terms_of({run for run in _RUN.findall(text) if run[0].isupper()}, stopwords)


def main_subjects(title: str | None, prose: Iterable[str], stopwords: frozenset[str],
                  min_mentions: int = 2, sentence_words: int = 12) -> frozenset[str]:
    """What an article is about: its title's terms, every term its prose repeats, and the
    names it mentions in real sentences.

    A word mentioned once in a heading or a short line is not a subject: scraped page
    furniture (a sidebar's "OxCaml Labs" above the headline) must not make an unrelated
    reference look on topic. A name mentioned once in a paragraph of running prose (the
    rocket "Kestrel" in a launch story) is.
    """
    runs: Counter[str] = Counter()  # each distinct word run is normalised once, not per mention
    in_sentences: set[str] = set()
    for text in prose:
        found = _RUN.findall(text)
        runs.update(found)
        if len(text.split()) >= sentence_words:
            in_sentences.update(found)
    counts: dict[str, int] = {}
    for found_terms, n in zip(map(_prose_terms, runs), runs.values()):
        for t in found_terms:
            counts[t] = counts.get(t, 0) + n
    repeated = {t for t, n in counts.items() if n >= min_mentions} - stopwords
    named = _terms_of([run for run in in_sentences if run[0].isupper()], stopwords)
    return frozenset(repeated | named | term_set(title or "", stopwords))


def near(evidence: Iterable[str], prose: list[str], plain: list[str]) -> list[str]:
    """The prose blocks that may hold a term meeting some evidence term: ``main_subjects`` of
    those alone meets the evidence exactly when that of the whole article does.

    A term keeps the start of the word it comes from (a stem only trims or, for "-ies",
    rewrites the last letter), so a block holds the first four letters of each long term it
    gives (all but the last of a short one) in its ``plain_text``. An off-topic source's words
    are seldom in the article, so most of it need not be read for them. ``plain``: each
    block's ``plain_text``.
    """
    heads = {e[:4] if len(e) >= _PREFIX_MIN else e[:-1] for e in evidence}
    return [text for text, flat in zip(prose, plain) if any(h in flat for h in heads)]


def plain_text(text: str) -> str:
    """Lower case, ASCII-folded, without apostrophes and hyphens (terms join across them)."""
    folded = text if text.isascii() else _ascii_fold(text)
    return folded.lower().replace("-", "").replace("'", "")

