"""The fact check's shortcuts give what the long way gives: the compiled-pattern and catalogue
caches, the lower-case title search, and the gate that skips sentences no phrasing can match."""

from __future__ import annotations

import re

import pytest
from helpers import SEEDS

from copydesk.engine import Engine, Options
from copydesk.facts import extract as extraction
from copydesk.facts import kit_for, phrasings, regexcache
from copydesk.facts.catalogue import catalogue_for


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache folder, and a regexcache that has read nothing yet."""
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    for name, value in (("_stored", None), ("_new", {}), ("_used", set()), ("_working", True)):
        monkeypatch.setattr(regexcache, name, value)
    return tmp_path / "cache"


PATTERNS = [(r"(?P<year>(?:18|19|20)\d\d)(?:-(\d\d))?", 0), (r"chief\s+(?:executive|exec)\b", re.IGNORECASE),
            (r"(?<![\w-])[\U000F0000-\U000FFFFD]\uE000*+(?!'s?\b)", re.IGNORECASE)]


def test_a_cached_pattern_is_the_pattern_re_compiles(fresh_cache, monkeypatch):
    for source, flags in PATTERNS:
        assert regexcache.compile(source, flags) == re.compile(source, flags)
    regexcache.save()
    monkeypatch.setattr(regexcache, "_stored", None)
    monkeypatch.setattr(regexcache, "_compile", lambda *a: pytest.fail("compiled again"))
    for source, flags in PATTERNS:
        pattern = regexcache.compile(source, flags)
        assert pattern == re.compile(source, flags)
        assert pattern.groupindex == re.compile(source, flags).groupindex


def test_a_damaged_cache_file_is_compiled_around(fresh_cache):
    regexcache.compile(*PATTERNS[0])
    regexcache.save()
    (path,) = (fresh_cache / "regex").iterdir()
    path.write_bytes(path.read_bytes()[:50])
    regexcache._stored = None
    assert regexcache.compile(*PATTERNS[0]).match("2025-06").group("year") == "2025"


def test_a_bad_pattern_is_still_an_error(fresh_cache):
    with pytest.raises(re.error):
        regexcache.compile("(unclosed")


def _context(path):
    engine = Engine(Options())
    return engine, engine.context(str(path), engine.config_for(str(path)))


def test_the_stored_catalogue_gives_the_same_matchers(fresh_cache):
    _, context = _context(SEEDS)
    catalogue = catalogue_for(context)
    first = phrasings.compile_catalogue(catalogue)  # translated, then stored
    again = phrasings.compile_catalogue(catalogue)  # read back
    assert list(first.matchers) == list(again.matchers)
    assert any((fresh_cache / "catalogue").iterdir())


@pytest.mark.parametrize("text", ["Meta CEO Mark Zuckerberg", "the chief  Executive of X", "VP-elect",
                                  "its co-founder's stake", "chİef executive", "preſident", "ceo_x", "x-ceo"])
def test_titles_in_lower_case_are_the_titles_ignoring_case(text):
    _, context = _context(SEEDS)
    titles = kit_for(context).titles
    assert titles.folded is not None
    expected = [m.span() for m in titles.exact.finditer(text)] if titles.hints.search(text.lower()) else []
    assert titles.spans(text, 0, len(text)) == expected
    assert titles.any(text, 0, len(text)) >= bool(expected)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_gate_skips_only_sentences_no_phrasing_matches(seed, monkeypatch):
    engine, context = _context(seed)
    document = engine.reader_for(str(seed)).read(str(seed), seed.read_text(encoding="utf-8"))
    kit = kit_for(context)
    gated = extraction.extract(document, kit, context.publication_date(document))
    monkeypatch.setattr(phrasings.MatcherIndex, "may_match", lambda *args: True)
    assert extraction.extract(document, kit, context.publication_date(document)) == gated
