"""What every reader shares: page-furniture rules, reference entries, bylines, dates, titles."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import urlsplit

from copydesk.model import Citation, Reference

MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
MONTHS.update({m[:3]: v for m, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_MONTH_RE = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
DATE_RE = re.compile(
    rf"(?P<iso>(?P<y1>(?:19|20)\d\d)[-/](?P<m1>[01]?\d)[-/](?P<d1>[0-3]?\d))"
    rf"|(?P<mdy>(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d))"
    rf"|(?P<dmy>(?P<d3>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m3>{_MONTH_RE})\.?,?\s+(?P<y3>(?:19|20)\d\d))",
    re.IGNORECASE,
)
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'»”)\]]+[^\s<>\"'»”)\].,;:!?]", re.IGNORECASE)
MARKER_RE = re.compile(r"\[(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\]")
PLACEHOLDER_MARKER_RE = re.compile(r"\[(?:citation|source|reference)s? needed\]|\[(?:source|link|citation)\?\]", re.IGNORECASE)
REF_ENTRY_RE = re.compile(r"^\s*\[(?P<key>[\w.-]{1,12})\]\s*:?\s+(?P<body>\S.*?)\s*$")
_FIELD_SPLIT = re.compile(r"\s+[—–|]\s+|\s+-\s+(?=\S)")


def match_date(m: re.Match) -> str | None:
    """ISO date of a :data:`DATE_RE` match, or None when it is not a real date."""
    try:
        if m.group("iso"):
            y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        elif m.group("mdy"):
            y, mo, d = int(m.group("y2")), MONTHS[m.group("m2").lower()[:3]], int(m.group("d2"))
        else:
            y, mo, d = int(m.group("y3")), MONTHS[m.group("m3").lower()[:3]], int(m.group("d3"))
    except (KeyError, ValueError):
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def parse_date(text: str) -> str | None:
    """The first full date in ``text`` as ISO ``YYYY-MM-DD``."""
    for m in DATE_RE.finditer(text):
        iso = match_date(m)
        if iso:
            return iso
    return None


@lru_cache(maxsize=1)
def page_rules() -> dict[str, re.Pattern]:
    """Per section of ``rules/page.yaml``, one regex that fullmatches a line when any of the
    section's entries does (white space around it ignored, any case)."""
    from copydesk.packs import builtin_rules_dir
    from copydesk.yamlio import load_yaml

    path = builtin_rules_dir() / "page.yaml"
    data = load_yaml(path) if path.is_file() else {}
    return {key: _any_line([item["pattern"] for item in data.get(key, [])])
            for key in ("boilerplate", "article_end", "reference_headings")}


def _any_line(patterns: list[str]) -> re.Pattern:
    """One alternation of whole-line patterns: every line of a scraped page is tried against
    each section, and one regex is several times faster than a loop over its entries.
    (So an entry may not use a numbered back-reference; none needs one.)"""
    wrapped = [r"\s*(?:" + p + r")\s*" for p in patterns]
    try:
        return re.compile("|".join(f"(?:{w})" for w in wrapped) or "(?!)", re.IGNORECASE)
    except re.error:
        for w in wrapped:
            re.compile(w, re.IGNORECASE)  # raises for the bad entry, as before
        raise


_LEADING_SYMBOLS = re.compile(r"^[^\w\[(]+")  # "📑 Table of Contents"


def is_boilerplate_line(line: str) -> bool:
    if not line[:1].isalnum():  # the pattern only ever strips from a line starting with one
        line = _LEADING_SYMBOLS.sub("", line)
    return page_rules()["boilerplate"].fullmatch(line) is not None


def is_article_end(line: str) -> bool:
    return page_rules()["article_end"].fullmatch(line) is not None


def is_reference_heading(line: str) -> bool:
    return page_rules()["reference_headings"].fullmatch(line.strip("#*_ \t")) is not None


_GLUED = re.compile(r"[a-z][A-Z]|_")


def is_run_together_nav(line: str) -> bool:
    """Scraped navigation glued into one token, e.g. ``newsroomnewsAIeditorial_board``."""
    s = line.strip()
    return len(s) >= 12 and " " not in s and not URL_RE.match(s) and bool(_GLUED.search(s))


_READ_WORDS = re.compile(r"\d+\s*min(?:ute)?s?\s*read|\d[\d  ,.]*\s*words", re.IGNORECASE)


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """(publication or author, ISO date) when ``line`` looks like a byline, else None.

    Scraped bylines run together: ``Daily Neural Digest TeamApril 9, 202610 min read1 988 words``.
    """
    s = line.strip()
    if len(s) > 200:
        return None
    m = DATE_RE.search(s)
    if not m:
        return None
    before = s[:m.start()].strip(" |·•,-—–")
    after = s[m.end():]
    bylineish = bool(_READ_WORDS.search(after)) or re.search(
        r"(?:Team|Staff|Desk|Newsroom|Editors)$|^By\s|^Published|^Updated|^Posted", before) is not None
    if not bylineish and (before or after.strip()):
        # A bare "Publisher2026-04-23" line also counts, as does a lone date line.
        if not re.fullmatch(r"[A-Za-z][\w ]{0,40}", before) or after.strip():
            return None
    who = re.sub(r"^(?:By|Published|Updated|Posted)(?: by| on)?\s*", "", before)
    who = re.sub(r"\s*(?:Team|Staff|Desk|Newsroom|Editors)$", "", who).strip() or None
    if who and " " not in who and len(who) > 16:
        # scraped nav glued to the name ("VentureBeatLaunchVentureBeat"): keep the repeated name
        repeated = re.search(r"([A-Z]\w{4,}).*\1", who)
        who = repeated.group(1) if repeated else None
    return who, match_date(m)


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def parse_reference_body(body: str, offset: int) -> dict:
    """Split ``Publisher — Title — URL`` (any order, any of — – | -) into fields with text spans."""
    out: dict = {}
    url_m = URL_RE.search(body)
    if url_m:
        out["url"] = url_m.group(0)
        out["url_span"] = (offset + url_m.start(), offset + url_m.end())
    rest = body[:url_m.start()] if url_m else body
    pieces = []
    pos = 0
    for m in _FIELD_SPLIT.finditer(rest):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(rest)))
    pieces = [(s, e) for s, e in pieces if rest[s:e].strip(" —–|-.,")]
    def field(s, e):
        text = rest[s:e].strip()
        lead = len(rest[s:e]) - len(rest[s:e].lstrip())
        return text.strip(" —–|-,"), (offset + s + lead, offset + s + lead + len(text))
    if len(pieces) >= 2:
        out["publisher"], out["publisher_span"] = field(*pieces[0])
        s, _ = pieces[1]
        out["title"], out["title_span"] = field(s, pieces[-1][1])
    elif len(pieces) == 1:
        out["title"], out["title_span"] = field(*pieces[0])
    return out


def make_reference(key: str, start: int, end: int, body: str, body_offset: int) -> Reference:
    return Reference(key=key, start=start, end=end, **parse_reference_body(body, body_offset))


def bracket_citations(text: str, start: int, end: int) -> list[Citation]:
    """``[3]``, ``[1, 4]``, ``[2–5]`` markers and ``[citation needed]`` in ``text[start:end]``."""
    out: list[Citation] = []
    if text.find("[", start, end) < 0:  # both kinds of marker open with one; most blocks have none
        return out
    chunk = text[start:end]
    for m in MARKER_RE.finditer(chunk):
        inner = m.group(1)
        keys = _expand_keys(inner)
        if len(keys) == 1:
            out.append(Citation(start + m.start(), start + m.end(), keys[0], "bracket"))
        else:
            for key in keys:
                km = re.search(rf"(?<!\d){key}(?!\d)", inner)
                s = start + m.start(1) + (km.start() if km else 0)
                e = s + (len(key) if km else len(inner))
                out.append(Citation(s, e, key, "bracket"))
    for m in PLACEHOLDER_MARKER_RE.finditer(chunk):
        out.append(Citation(start + m.start(), start + m.end(), None, "placeholder", label=m.group(0)))
    return out


def _expand_keys(inner: str) -> list[str]:
    keys: list[str] = []
    for part in re.split(r"\s*,\s*", inner):
        rng = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", part)
        if rng and int(rng.group(2)) >= int(rng.group(1)) and int(rng.group(2)) - int(rng.group(1)) < 20:
            keys.extend(str(i) for i in range(int(rng.group(1)), int(rng.group(2)) + 1))
        elif part.isdigit():
            keys.append(part)
    return keys


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
_STOP = frozenset("""the and for with that this from are was were has have its into over what when will
not but you your our their his her they them than then been about after before which while would could
should there here more most some such also just only other these those being does did can may might
new how why who whom where all any each""".split())


def content_words(text: str) -> set[str]:
    return {w.lower().strip("'’-") for w in _WORD.findall(text)} - _STOP


def choose_title(candidates: list[str], body: str) -> str | None:
    """Of several heading-like lines, the one that best matches what the body talks about.

    Scraped pages put section names and image captions above the headline; the headline is
    the candidate whose words recur most in the body.
    """
    if not candidates:
        return None
    freq = Counter(w.lower().strip("'’-") for w in _WORD.findall(body))
    def score(c: str) -> tuple[float, int]:
        words = content_words(c)
        if not words:
            return (0.0, 0)
        return (sum(min(freq[w], 5) for w in words) / (len(words) ** 0.5), -candidates.index(c))
    return max(candidates, key=score)
