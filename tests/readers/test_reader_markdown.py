"""The Markdown reader: blocks, boilerplate, citations, references, metadata and comments."""

from __future__ import annotations

import re

import pytest
from helpers import FIXTURES

from copydesk.model import HEADING, LIST_ITEM, PARAGRAPH, QUOTE, REFERENCE, TABLE_CELL
from copydesk.readers._front_matter import FrontMatterError
from copydesk.readers.markdown import read_markdown

READERS = FIXTURES / "readers"





def test_sports_report_blocks(load, texts):
    doc = load("sports.md")
    assert doc.format == "markdown"
    assert texts(doc, HEADING) == ["How it went"]
    assert texts(doc, QUOTE) == ["“We never stopped running,” said captain Álvaro Núñez after the match.[^2]"]
    assert texts(doc, LIST_ITEM) == ["City led through an early penalty.", "Rovers equalised before half-time."]
    assert texts(doc, TABLE_CELL)[:3] == ["Team", "Shots", "Possession"]
    assert "52%" in texts(doc, TABLE_CELL)
    first = texts(doc, PARAGRAPH)[0]
    # emphasis markers, the hard break's backslash and the link syntax are gone; lines are kept
    assert first.startswith("Rovers beat City 2–1 at Ewood Park on Saturday")
    assert "the club said\n— a figure the league's own tally also shows." in first


def test_code_html_comments_images_and_front_matter_are_not_prose(load):
    doc = load("sports.md")
    for hidden in ("internal note", "99%", "Ewood\"", "the ground", "copydesk-disable", "site_name", "ground.jpg"):
        assert hidden not in doc.text
    assert "Ticket prices rose 12% this season" in doc.text


def test_boilerplate_lines_are_kept_but_marked(load, texts):
    doc = load("sports.md")
    assert texts(doc, boilerplate=True)[:1] == ["Back to Football"]
    assert "Share this article" in texts(doc, boilerplate=True)
    seed = load("seedlike.md")
    marked = texts(seed, boilerplate=True)
    assert marked[0] == "Back to Newsroom\nnewsroomnewsAIeditorial_board"
    assert "Daily Neural Digest TeamApril 9, 20268 min read1\u202f423 words" in marked
    assert {"Share this article:", "Was this article helpful?", "Related Articles"} <= set(marked)


def test_footnotes_links_and_reference_links_are_citations(load, cited):
    doc = load("sports.md")
    assert cited(doc) == [
        ("footnote", "1", "[^1]", None),
        ("link", None, "league's own tally", "https://league.example/attendance"),
        ("footnote", "2", "[^2]", None),
        ("link", None, "https://fans.example/prices", "https://fans.example/prices"),
    ]
    assert doc.citations[1].label == "league's own tally"


def test_footnote_definitions_are_references(load):
    doc = load("sports.md")
    assert [(r.key, r.publisher, r.title, r.url) for r in doc.references] == [
        ("1", "BBC Sport", "Rovers v City: match report", "https://www.bbc.example/sport/football/1234"),
        ("2", "The Athletic", "Núñez on the derby", "https://theathletic.example/5678"),
    ]
    ref = doc.references[1]
    assert doc.text[ref.publisher_span[0]:ref.publisher_span[1]] == "The Athletic"
    assert doc.text[ref.url_span[0]:ref.url_span[1]] == "https://theathletic.example/5678"
    assert [b.kind for b in doc.blocks if b.start == ref.start] == [REFERENCE]


def test_numbered_list_under_sources_heading_is_the_reference_list(load, texts):
    doc = load("science.md")
    assert [(r.key, r.publisher) for r in doc.references] == [
        ("1", "AIMS"), ("2", "NOAA Coral Reef Watch"), ("3", "Nature")]
    assert [(c.key, c.kind) for c in doc.citations] == [("1", "bracket"), ("2", "bracket"), ("3", "bracket"),
                                                        ("3", "bracket")]
    assert len(texts(doc, REFERENCE)) == 3 and texts(doc, LIST_ITEM) == [
        "Heat stress peaked in February.", "Recovery usually takes a decade [3]."]


def test_bracket_reference_lines_under_references_heading(load):
    doc = load("seedlike.md")
    assert [(r.key, r.publisher) for r in doc.references] == [
        ("1", "Editorial_board"), ("2", "VentureBeat"), ("3", "Ars Technica")]
    assert [c.key for c in doc.citations if c.kind == "bracket"] == ["3", "1", "2"]


def test_link_reference_definitions_under_a_heading_are_references():
    doc = read_markdown("d.md", "Rates rose [1] and fell [2].\n\n## Sources\n\n"
                                "[1]: https://ons.example/cpi \"CPI bulletin\"\n"
                                "[2]: <https://boe.example/rates>\n")
    assert [(r.key, r.url, r.title) for r in doc.references] == [
        ("1", "https://ons.example/cpi", "CPI bulletin"), ("2", "https://boe.example/rates", None)]
    ref = doc.references[0]
    assert doc.text[ref.title_span[0]:ref.title_span[1]] == "CPI bulletin"
    assert doc.text[ref.url_span[0]:ref.url_span[1]] == "https://ons.example/cpi"
    # "[1]" resolves as a Markdown link; it is still the bracket marker a reader sees
    assert [(c.kind, c.key, doc.text[c.start:c.end]) for c in doc.citations] == [
        ("bracket", "1", "[1]"), ("bracket", "2", "[2]")]


def test_reference_style_link_to_a_numbered_entry_keeps_its_key():
    doc = read_markdown("d.md", "Output grew, [the survey says][1].\n\n[1]: https://pmi.example/may\n")
    assert [(c.kind, c.key, c.url, c.label) for c in doc.citations] == [
        ("link", "1", "https://pmi.example/may", "the survey says")]


def test_email_autolinks_are_not_citations():
    doc = read_markdown("d.md", "Write to <desk@paper.example> or [call](tel:+4412345).\n")
    assert doc.citations == []
    assert doc.text == "Write to desk@paper.example or call."


def test_metadata_from_front_matter(load):
    doc = load("sports.md")
    meta = doc.meta
    assert (meta.title, meta.publication, meta.date) == (
        "Rovers edge City 2–1 in a derby decided late", "The Touchline", "2025-10-19")
    assert (meta.canonical_url, meta.domain) == (
        "https://www.touchline.example/football/rovers-city-derby", "touchline.example")
    assert meta.byline == "Ana Souza"


@pytest.mark.parametrize("front, expected", [
    ("site: Pitchside\npublished: 2024-02-29T18:00:00Z\nurl: https://pitchside.example/a", (
        "Pitchside", "2024-02-29", "pitchside.example")),
    ("publisher: {name: The Wire}\ndate: 'March 3, 2025'", ("The Wire", "2025-03-03", None)),
    ("canonical: https://x.example/y\ndate: 2025-06", (None, "2025-06", "x.example")),
])
def test_front_matter_key_variants(front, expected):
    doc = read_markdown("d.md", f"---\n{front}\n---\nBody text.\n")
    assert (doc.meta.publication, doc.meta.date, doc.meta.domain) == expected


def test_title_byline_and_date_without_front_matter(load):
    doc = load("seedlike.md")
    assert doc.meta.title == "Meta is reentering the AI race with a new model called Muse Spark"
    assert (doc.meta.publication, doc.meta.date) == ("Daily Neural Digest", "2026-04-09")
    science = load("science.md")
    assert science.meta.date == "2025-03-14"
    assert science.meta.publication is None  # "By the Science Desk" names a byline, not the outlet


def test_inline_html_comments_are_comments():
    inline = read_markdown("d.md", "Sales rose <!-- copydesk-disable --> sharply.\n")
    assert [c.body for c in inline.comments] == ["copydesk-disable"]
    assert inline.text == "Sales rose sharply."


def test_comments_inside_code_are_not_comments():
    doc = read_markdown("d.md", "```html\n<!-- copydesk-disable-file -->\n```\n\nText.\n")
    assert doc.comments == []


@pytest.mark.parametrize("front, problem", [
    ("title: [unclosed\ndate: 2025-01-01", "front matter is not valid YAML (line 3, column 5): did not find "
                                          "expected ',' or ']' while parsing a flow sequence from line 2"),
    ("- just\n- a list", "front matter (lines 1-4) must be YAML keys and values, not a list"),
])
def test_broken_front_matter_is_an_error_naming_the_line(front, problem):
    with pytest.raises(FrontMatterError, match=re.escape(problem)):
        read_markdown("d.md", f"---\n{front}\n---\nBody.\n")


@pytest.mark.parametrize("source", [
    "```\nan unclosed fence with 40%\n",
    "**bold and [link]( and [^missing] and <!-- unclosed comment",
    "---\ntitle: never closed\nBody",
    "[a]: \n[b]:\n\n| a |\n|---|\n| b \\| c | d |\n",
    "\tTabbed\n>\tquote\n-\titem\n\n1.\tone\r\nCR\rline\n",
    "> [^1] nested\n\n[^1]: > a quoted footnote\n    - with a list\n",
    "[link\nacross](http://x.example\n\"title\nline\") ![i](j) ![i] [i]\n\n[i]: k\n",
    "\\\n\\[1\\] `` ` `` and ` a ` \x00",
    "",
])
def test_malformed_markdown_still_gives_a_document(sound_offsets, source):
    sound_offsets(read_markdown("d.md", source))


def test_unclosed_front_matter_is_read_as_text():
    doc = read_markdown("d.md", "---\ntitle: never closed\nBody")
    assert doc.meta.title is None and "Body" in doc.text


def test_markdown_extensions_are_registered():
    from copydesk import plugins

    assert {".md", ".markdown", ".mdown"} <= set(plugins.readers()["markdown"].extensions)


def test_escaped_table_pipe_maps_to_its_cell(read):
    source = "| a | b |\n|---|---|\n| 1 \\| 2 | 40% |\n"
    doc = read("t.md", source)
    cell = doc.text.index("1 | 2")
    assert source[doc.offsets.to_source(cell):doc.offsets.to_source(cell + 5, end=True)] == "1 \\| 2"
    assert source[doc.offsets.to_source(doc.text.index("40%")):].startswith("40% |")


def test_a_dated_heading_is_not_a_byline():
    doc = read_markdown("d.md", "# Turnout in the vote of 3 March 2025\n\nBy Ana Lima, 4 March 2025\n\nText.\n")
    assert doc.meta.title == "Turnout in the vote of 3 March 2025"
    assert (doc.meta.byline, doc.meta.date) == ("By Ana Lima, 4 March 2025", "2025-03-04")
