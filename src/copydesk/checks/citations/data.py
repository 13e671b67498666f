"""The unsupported-citation rules' data (``rules/citations.yaml``), compiled once per pack set.

Desks extend the sections in their own packs; see the pack file for what each one means.
"""

from __future__ import annotations

import re

from copydesk.yamlio import DataError

SECTION_TITLES = "placeholder_titles"
SECTION_URLS = "placeholder_urls"
SECTION_TOPIC_STOP = "topic_stopwords"
SECTION_URL_STOP = "url_stopwords"
SECTION_OTHER_LANGUAGE = "other_language_words"


class CitationData:
    """The compiled sections. (A plain class: a dataclass costs ~1 ms to define at start-up.)"""

    __slots__ = ("placeholder_title", "placeholder_url", "topic_stopwords", "url_stopwords",
                 "other_language_words")

    def __init__(self, placeholder_title: re.Pattern, placeholder_url: re.Pattern,
                 topic_stopwords: frozenset[str], url_stopwords: frozenset[str],
                 other_language_words: frozenset[str]):
        self.placeholder_title = placeholder_title  # fullmatch: a title that is only a label
        self.placeholder_url = placeholder_url  # fullmatch: a URL that leads nowhere
        self.topic_stopwords = topic_stopwords  # stemmed; never evidence of a subject
        self.url_stopwords = url_stopwords  # stemmed; URL path words that name site furniture
        self.other_language_words = other_language_words  # lower-case function words of other languages


def compile_alternation(entries: list, section: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """One regex matching any ``pattern`` of a section's entries (``{pattern, why}`` or str).

    A bad entry fails with the pack file and section named, as every data error should.
    """
    patterns = _patterns(entries, section)
    try:
        return re.compile(alternation(patterns), flags)
    except re.error:
        for entry, pattern in zip(entries, patterns):  # name the culprit; compiling each costs more
            try:
                re.compile(pattern, flags)
            except re.error as exc:
                raise DataError(f"{_where(entry)}: section {section!r}: bad pattern {pattern!r}: {exc}") from None
        raise


def alternation_source(entries: list, section: str) -> str:
    """The source of :func:`compile_alternation`'s regex, for reading it without compiling."""
    return alternation(_patterns(entries, section))


def alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or r"(?!)"


def _patterns(entries: list, section: str) -> list[str]:
    patterns = []
    for entry in entries:
        pattern = entry.get("pattern") if isinstance(entry, dict) else entry
        if not isinstance(pattern, str) or not pattern:
            raise DataError(f"{_where(entry)}: section {section!r}: entry {entry!r} has no 'pattern' string")
        patterns.append(pattern)
    return patterns


def _where(entry) -> str:
    return entry.get("_pack", "rule pack") if isinstance(entry, dict) else "rule pack"


def word_list(entries: list, section: str) -> list[str]:
    """A section that lists words; entries may be strings or lists of strings."""
    words: list[str] = []
    for entry in entries:
        items = entry if isinstance(entry, list) else [entry]
        for item in items:
            if not isinstance(item, str):
                raise DataError(f"rule pack: section {section!r}: expected words, got {item!r}")
            words.append(item)
    return words


def citation_data(context) -> CitationData:
    packs = context.packs
    return context.shared(("citations", packs.paths), lambda: _build(packs))


def _build(packs) -> CitationData:
    from copydesk.checks.citations.topic import stem

    return CitationData(
        placeholder_title=compile_alternation(packs.section(SECTION_TITLES), SECTION_TITLES),
        placeholder_url=compile_alternation(packs.section(SECTION_URLS), SECTION_URLS),
        topic_stopwords=frozenset(stem(w) for w in word_list(packs.section(SECTION_TOPIC_STOP),
                                                              SECTION_TOPIC_STOP)),
        url_stopwords=frozenset(stem(w) for w in word_list(packs.section(SECTION_URL_STOP),
                                                            SECTION_URL_STOP)),
        other_language_words=frozenset(w.lower() for w in word_list(packs.section(SECTION_OTHER_LANGUAGE),
                                                                    SECTION_OTHER_LANGUAGE)),
    )
