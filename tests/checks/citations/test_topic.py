"""The light term matching behind citation-off-topic."""

from __future__ import annotations

import pytest

from copydesk.checks.citations import topic


@pytest.mark.parametrize("a, b", [
    ("buses", "bus"), ("companies", "company"), ("Meta's", "meta"), ("pricing", "prices"),
    ("launched", "launches"), ("Leeds", "leeds"),
])
def test_stem_folds_plurals_possessives_and_endings(a, b):
    assert topic.stem(a) == topic.stem(b)


def test_terms_split_hyphens_and_camel_case_and_drop_function_words():
    assert set(topic.terms("The open-source OxCaml compiler's")) == {
        topic.stem(w) for w in ("opensource", "open", "source", "oxcaml", "caml", "compiler")}


def test_model_codes_count_but_other_short_words_do_not():
    assert topic.terms("the C1 chip, an M4 and a 5G modem, on TV") == ["c1", "chip", "m4", "5g", "modem"]


def test_url_terms_are_slug_words_without_ids_or_furniture():
    stop = frozenset({topic.stem("news"), topic.stem("article")})
    assert topic.url_terms("https://www.reuters.com/news/article/idUSKBN2X3Y4Z", stop) == set()
    assert topic.url_terms("https://anil.recoil.org/projects/oxcaml", stop) == {"project", "oxcaml"}
    assert topic.url_terms("https://x.com/2026/04/08/meta-debuts-muse-spark.html", stop) == {
        topic.stem(w) for w in ("meta", "debut", "muse", "spark")}


def test_meets_on_equal_terms_or_long_prefixes():
    assert topic.meets({topic.stem("superintelligence")}, {topic.stem("superintelligent")})
    assert topic.meets({"launch"}, {"launcher"})
    assert topic.meets({"lab"}, {"lab", "meta"})
    assert not topic.meets({"meta"}, {"metadata"})  # too short to match by prefix


def test_main_subjects_skip_a_name_seen_once_in_a_heading():
    prose = ["OxCaml Labs", "Meta released Muse Spark, a closed model, from its new lab in the spring.",
             "Muse Spark is Meta's first closed model since Llama, and Kestrel is its code name."]
    subjects = topic.main_subjects("Meta's Muse Spark", prose, frozenset())
    assert {topic.stem(w) for w in ("meta", "muse", "spark", "kestrel", "llama")} <= subjects
    assert "oxcaml" not in subjects


def test_other_language():
    words = frozenset({"les", "dans", "de", "la"})
    assert topic.other_language("Vendanges : les rendements chutent dans le Bordelais", words)
    assert not topic.other_language("La Liga title race goes to the last day", words)
