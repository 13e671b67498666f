"""The HTML reader: body, blocks, boilerplate, citations, references, metadata, broken markup."""

from __future__ import annotations

import pytest
from helpers import FIXTURES

from copydesk.model import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE, TABLE_CELL
from copydesk.readers.html import read_html

READERS = FIXTURES / "readers"





def test_finance_page_blocks(load, texts):
    doc = load("finance.html")
    assert doc.format == "html"
    assert texts(doc, QUOTE) == ["“We remain vigilant,” the governor said."]
    assert texts(doc, LIST_ITEM) == ["Bond yields rose 12 basis points.", "The pound fell.\nThen it recovered."]
    assert texts(doc, TABLE_CELL) == ["Year", "Rate", "2024", "5.25%"]
    assert texts(doc, HEADING) == ["References"]
    [first, links] = texts(doc, PARAGRAPH)
    # inline elements flow into their block; white space collapses; entities are decoded
    assert first.startswith("The central bank held its rate at 4.5%, as Reuters reported.[1] Inflation")
    assert "AT&T and other firms said — see [3] and the note [4]." in first
    assert first.endswith("The site covers 5 km^2.")  # a superscript that is no citation
    assert links == "More on bond markets and the desk."


def test_scripts_styles_and_head_are_not_prose(load):
    doc = load("finance.html")
    assert "99%" not in doc.text and "color: red" not in doc.text
    assert "Rates hold steady | The Ledger" not in doc.text  # <title> is metadata


def test_page_furniture_outside_the_article_is_boilerplate(load, texts):
    doc = load("finance.html")
    marked = texts(doc, boilerplate=True)
    assert marked[:2] == ["Home", "Markets"]  # <nav>
    assert "Rates hold steady at 4.5\u00a0%" in marked  # the article's <header>
    assert {"Share this article", "Related Articles", "Another story: 50% of savers worry",
            "© 2025 The Ledger"} <= set(marked)
    assert not any("50%" in doc.text[s.start:s.end] for s in doc.prose_sentences())


def test_without_article_or_main_the_whole_body_is_read(load, texts):
    doc = load("science.html")
    assert texts(doc, HEADING) == ["Perovskite solar cell", "References"]
    assert texts(doc, boilerplate=True) == ["Main page", "Text is available under a licence."]
    assert "Water is H2O and the band gap near 1.6\u2009eV." in texts(doc, PARAGRAPH)


def test_sup_and_footnote_link_citations(load, cited):
    doc = load("finance.html")
    assert cited(doc) == [
        ("link", None, "Reuters reported", "https://reuters.example/x"),
        ("sup", "1", "[1]", None),
        ("sup", "2", "[2]", None),
        ("footnote", "3", "[3]", None),
        ("bracket", "4", "[4]", None),
        ("link", None, "bond markets", "https://www.theledger.example/markets/bonds"),  # made absolute
    ]
    assert doc.citations[0].label == "Reuters reported"


def test_sup_citation_spans_the_marker_in_the_source():
    source = (READERS / "finance.html").read_text(encoding="utf-8")
    doc = read_html("finance.html", source)
    sup = next(c for c in doc.citations if c.kind == "sup")
    start, end = doc.offsets.to_source(sup.start), doc.offsets.to_source(sup.end, end=True)
    assert source[start:end] == "1" and source[start - 17:start] == '<a href="#ref-1">'
    bracketed = doc.citations[2]
    assert source[doc.offsets.to_source(bracketed.start):doc.offsets.to_source(bracketed.end, end=True)] == "[2]"


def test_wikipedia_style_citations_and_placeholder(load):
    doc = load("science.html")
    assert [(c.kind, c.key, doc.text[c.start:c.end]) for c in doc.citations] == [
        ("sup", "1", "[1]"), ("sup", "2", "[2]"), ("placeholder", None, "[citation needed]")]


def test_reference_list_under_heading_and_by_note_ids(load, texts):
    doc = load("finance.html")
    assert [(r.key, r.publisher, r.title, r.url) for r in doc.references] == [
        ("1", "Reuters", "Bank holds rates", "https://reuters.example/bank"),
        ("2", "ONS", "Inflation bulletin", "https://ons.example/cpi"),
        ("3", "Bloomberg", "Gilt yields climb", "https://bloomberg.example/y"),  # <li id="fn3">, no ↩
    ]
    ref = doc.references[0]
    assert doc.text[ref.url_span[0]:ref.url_span[1]] == "reuters.example/bank"
    assert len(texts(doc, REFERENCE)) == 3
    science = load("science.html")
    assert [(r.key, r.publisher, r.url) for r in science.references] == [
        ("1", "NREL", "https://www.nrel.example/pv/chart"),
        ("2", "Science", "https://www.science.example/doi/10.1126/x")]


def test_note_ids_with_names_and_years_give_the_entry_number():
    doc = read_html("d.html", '<p>Rain fell.<sup><a href="#cite_note-Smith2020-3">[3]</a></sup></p>'
                              '<ol><li id="cite_note-Smith2020-3">Smith — Rainfall — https://met.example/r</li></ol>')
    assert [r.key for r in doc.references] == ["3"] and [c.key for c in doc.citations] == ["3"]


def test_bracket_entries_in_paragraphs_under_a_sources_heading():
    doc = read_html("d.html", "<p>Gold rose [1].</p><h2>Sources</h2>"
                              "<p>[1] LBMA — Gold price — https://lbma.example/gold<br>"
                              "[2] Kitco — Daily wrap — https://kitco.example/wrap</p>")
    assert [(r.key, r.publisher, r.url) for r in doc.references] == [
        ("1", "LBMA", "https://lbma.example/gold"), ("2", "Kitco", "https://kitco.example/wrap")]


def test_metadata_from_head_tags(load):
    meta = load("finance.html").meta
    assert (meta.title, meta.publication, meta.date) == ("Rates hold steady at 4.5\u00a0%", "The Ledger", "2025-11-03")
    assert (meta.canonical_url, meta.domain) == ("https://www.theledger.example/markets/rates-hold",
                                                 "theledger.example")
    assert meta.byline == "By Jane Doe | 3 November 2025"
    seed = load("seedlike.html").meta
    assert (seed.title, seed.publication, seed.date, seed.domain) == (
        "Meta is reentering the AI race with a new model called Muse Spark", "Daily Neural Digest",
        "2026-04-09", "dailyneuraldigest.example")


def test_title_is_the_articles_h1_not_the_site_logo():
    doc = read_html("d.html", '<header><h1 class="logo">The Ledger</h1></header>'
                              '<main><p>Intro.</p><h1>Gilts rally</h1><p>Yields fell.</p></main>')
    assert doc.meta.title == "Gilts rally"


@pytest.mark.parametrize("head, expected", [
    ('<meta name="date" content="2024-05-06"><title>Quake | Geo Daily</title>'
     '<meta property="og:site_name" content="Geo Daily">', ("Quake", "2024-05-06")),
    ('<meta name="pubdate" content="20240506"><title>Quake</title>', ("Quake", "2024-05-06")),
    ('<meta itemprop="datePublished" content="May 6, 2024">', (None, "2024-05-06")),
    ('<title>Quake - Aftershocks | Geo Daily</title><meta property="og:site_name" content="Geo Daily">',
     ("Quake - Aftershocks", None)),
    ('<title>Quake</title></head><body><p><time datetime="2023-09-01T10:00">Sept 1</time></p>',
     ("Quake", "2023-09-01")),
])
def test_title_and_date_fallbacks(head, expected):
    doc = read_html("d.html", f"<html><head>{head}</head><body><p>Text.</p></body></html>")
    assert (doc.meta.title, doc.meta.date) == expected


def test_widgets_named_by_class_are_boilerplate(texts):
    doc = read_html("d.html", '<article><p>Real text.</p><div class="newsletter-signup"><p>Get 20% off</p></div>'
                              '<ul id="breadcrumbs"><li>Home</li></ul><section class="comments">'
                              '<p>Great read!</p></section></article>')
    assert texts(doc) == ["Real text."]
    assert texts(doc, boilerplate=True) == ["Get 20% off", "Home", "Great read!"]


@pytest.mark.parametrize("source", [
    "<p>Unclosed <b>bold <i>italic<p>Next para</div></span> stray</p></p></article>",
    "<p>Broken &amp entity &bogus; &#xZZ; &#99999999; &#xD800; &; & alone &#; a&b</p><p>After</p>",
    "<p>Comment <!-- never closed <p>more",
    "<![if !IE]><p>conditional</p><![endif]> <![CDATA[ data ]]> <?php echo 1 ?> <!doctype",
    "<p><a href=x<b>weird</a></b> </> <p <b>x</b> <sup>1<p>after an unclosed sup",
    "<html><head><title>T</title><body><p>No head end tag</p>",
    "<script>never closed <p>x</p>",
    "<table><tr><td>1<td>2<tr><td>3</table><ul><li>a<li>b</ul><ol start=x><li value=y>c</ol>",
    "<sup><a href='#fn1'>1</a>",
    "\x00 <p>x\r\ny\rz</p>",
    "<p>" * 3000,
    "",
])
def test_malformed_html_still_gives_a_document(sound_offsets, source):
    sound_offsets(read_html("d.html", source))


def test_malformed_html_keeps_the_text_a_browser_shows(texts):
    doc = read_html("d.html", "<p>Unclosed <b>bold <i>italic<p>Next para</div></span> stray</p></p>")
    assert texts(doc) == ["Unclosed bold italic", "Next para", "stray"]
    assert texts(read_html("d.html", "<p>inter&shy;national</p>")) == ["international"]
    broken = read_html("d.html", "<p>Costs &amp rose &#; a&b</p><p>After</p>")
    assert texts(broken) == ["Costs & rose &#; a&b", "After"]
    headless = read_html("d.html", "<html><head><title>T</title><body><p>No head end tag</p>")
    assert texts(headless) == ["No head end tag"]


def test_superscript_digits_are_citations_unless_they_are_powers():
    doc = read_html("d.html", "<p>Sales rose 40 percent<sup>3</sup> over 5 km<sup>2</sup> and 10<sup>6</sup> "
                              "cells, as two studies found<sup>1,2</sup>. It came 1<sup>st</sup>.</p>")
    assert doc.text == ("Sales rose 40 percent[3] over 5 km^2 and 10^6 cells, as two studies found[1,2]. "
                        "It came 1st.")
    assert [(c.kind, c.key) for c in doc.citations] == [("sup", "3"), ("sup", "1"), ("sup", "2")]


def test_inline_widgets_are_dropped_from_their_paragraph(texts):
    doc = read_html("d.html", '<p><span class="share-icon">Share</span> Profits doubled. '
                              '<a class="comments-link" href="#comments">12 comments</a></p>')
    assert texts(doc) == ["Profits doubled."]


def test_a_marker_inside_a_link_is_still_a_citation():
    doc = read_html("d.html", '<p>See <a href="https://stats.example/q3">the Q3 figures [2]</a>.</p>')
    assert [(c.kind, c.key, doc.text[c.start:c.end]) for c in doc.citations] == [
        ("link", None, "the Q3 figures [2]"), ("bracket", "2", "[2]")]
