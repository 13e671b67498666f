"""Every finding points at the original file: exact line and column in all three formats.

The drafts put non-ASCII text before the spans (U+202F narrow no-break space, curly quotes,
an emoji outside the BMP, accented letters) and markup that the prose does not show
(entities, emphasis, links, escapes), so a position that is off by one character shows.
Columns count code points, per INTERFACES.md.
"""

from __future__ import annotations

import pytest
from helpers import FIXTURES, cli_json

NNBSP = "\u202f"

TEXT = f"""Dispatch from Zürich 🚀

Prices rose 5{NNBSP}% — “quoted” 🚀 café naïve Zebedee says.
Another line with émigré Zebedee and AT&T.

“Zebedee” 🚀 in a quote, said Zoë.

• item: Zebedee
"""

MARKDOWN = f"""---
title: Dispatch from Zürich 🚀
---
# Dispatch from Zürich 🚀

Prices rose 5{NNBSP}% — “quoted” 🚀 **café** naïve [Zebedee](https://zebedee.example/Zebedee) says.
Another line with \\*émigré\\* &amp; *Zebedee* and AT&amp;T.

> “Zebedee” 🚀 in a quote, said Zoë.

- item: `code` Zebedee

<!-- Zebedee in a comment -->

```
Zebedee in code
```
"""

HTML = """<!doctype html>
<html><head><title>Dispatch from Zürich 🚀</title>
<script>var s = "Zebedee";</script></head>
<body>
<nav><a href="/">Zebedee home</a></nav>
<article>
<h2>Dispatch from Zürich 🚀</h2>
<p>Prices rose 5&#8239;% &mdash; “quoted” 🚀 <b>café</b> naïve <a href="https://zebedee.example/Zebedee">Zebedee</a> says.
   Another line with &eacute;migr&eacute; &amp; <i>Zebedee</i> and AT&amp;T.</p>
<blockquote>“Zebedee” 🚀 in a quote, said Zo&euml;.</blockquote>
<ul><li>item: <code>code</code> Zebedee</li></ul>
<!-- Zebedee in a comment -->
<pre>Zebedee in code</pre>
</article>
<footer>Zebedee footer</footer>
</body></html>
"""

# (file name, source, the occurrences in the source that are prose: (needle, nth occurrence))
DRAFTS = {
    "txt": ("draft.txt", TEXT, [("Zebedee", 0), ("Zebedee", 1), ("AT&T", 0), ("Zebedee", 2), ("Zebedee", 3)]),
    "md": ("draft.md", MARKDOWN, [("Zebedee", 0), ("Zebedee", 2), ("AT&amp;T", 0), ("Zebedee", 3),
                                  ("Zebedee", 4)]),
    "html": ("draft.html", HTML, [("Zebedee", 3), ("Zebedee", 4), ("AT&amp;T", 0), ("Zebedee", 5),
                                  ("Zebedee", 6)]),
}


def where(source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Source offsets (start, end) of the ``nth`` occurrence of ``needle``."""
    index = -1
    for _ in range(nth + 1):
        index = source.index(needle, index + 1)
    return index, index + len(needle)


def line_col(source: str, offset: int) -> tuple[int, int]:
    return source.count("\n", 0, offset) + 1, offset - (source.rfind("\n", 0, offset) + 1) + 1


@pytest.mark.parametrize("fmt", DRAFTS)
def test_words_after_non_ascii_map_to_their_source_offset(read, fmt):
    name, source, _ = DRAFTS[fmt]
    doc = read(name, source)
    for word in ("naïve", "Prices", "quote", "item"):
        start = doc.text.index(word)
        assert doc.offsets.to_source(start) == source.index(word), word
        assert doc.offsets.to_source(start + len(word), end=True) == source.index(word) + len(word), word


@pytest.mark.parametrize("fmt", DRAFTS)
def test_narrow_no_break_space_and_emoji_survive_into_the_prose(read, fmt):
    name, source, _ = DRAFTS[fmt]
    doc = read(name, source)
    assert f"5{NNBSP}%" in doc.text
    assert "“quoted” 🚀 café naïve" in doc.text


def test_decoded_entities_map_to_the_whole_entity(read):
    doc = read("draft.html", HTML)
    start = doc.text.index("émigré")
    assert doc.offsets.to_source(start) == HTML.index("&eacute;migr")
    assert doc.offsets.to_source(start + len("émigré"), end=True) == HTML.index("migr&eacute;") + 12
    nnbsp = doc.text.index(NNBSP)
    assert HTML[doc.offsets.to_source(nnbsp):doc.offsets.to_source(nnbsp + 1, end=True)] == "&#8239;"


def test_markdown_escapes_and_entities_map_to_their_markup(read):
    doc = read("draft.md", MARKDOWN)
    star = doc.text.index("*émigré*")
    assert MARKDOWN[doc.offsets.to_source(star):doc.offsets.to_source(star + 8, end=True)] == "\\*émigré\\*"
    amp = doc.text.index("& Zebedee")
    assert MARKDOWN[doc.offsets.to_source(amp):doc.offsets.to_source(amp + 1, end=True)] == "&amp;"


@pytest.mark.parametrize("fmt", DRAFTS)
def test_every_verbatim_run_of_prose_is_copied_from_the_source(read, sound_offsets, fmt):
    name, source, _ = DRAFTS[fmt]
    sound_offsets(read(name, source))


@pytest.mark.parametrize("name", ["seedlike.md", "seedlike.html", "sports.md", "science.md", "finance.html",
                                  "science.html"])
def test_fixture_drafts_have_sound_offsets(load, sound_offsets, name):
    sound_offsets(load(name))


def test_cli_json_positions_are_exact_in_all_three_formats(tmp_path, marker_plugin, check_json):
    expected = []
    paths = []
    for name, source, occurrences in DRAFTS.values():
        path = tmp_path / name
        path.write_text(source, encoding="utf-8")
        paths.append(str(path))
        for needle, nth in occurrences:
            start, end = where(source, needle, nth)
            (line, col), (end_line, end_col) = line_col(source, start), line_col(source, end)
            expected.append((str(path), line, col, end_line, end_col))
    code, report, err = check_json("--select", marker_plugin, *paths)
    found = [(f["path"], f["line"], f["column"], f["end_line"], f["end_column"]) for f in report["findings"]]
    assert sorted(found) == sorted(expected), err
    assert code == 1
    assert {f["rule"] for f in report["findings"]} == {marker_plugin}


def test_cli_positions_in_a_file_with_crlf_line_ends(tmp_path, marker_plugin, check_json):
    source = MARKDOWN.replace("\n", "\r\n")
    path = tmp_path / "crlf.md"
    path.write_bytes(source.encode("utf-8"))
    _, report, _ = check_json("--select", marker_plugin, str(path))
    start, end = where(MARKDOWN, "AT&amp;T")
    line, col = line_col(MARKDOWN, start)
    assert {"line": line, "column": col, "end_line": line, "end_column": col + end - start}.items() <= \
        next(f for f in report["findings"] if f["message"] == "marker 'AT&T'").items()


@pytest.mark.parametrize("name", ["sports.md", "finance.html"])
def test_comments_are_kept_with_their_source_span(load, name):
    doc = load(name)
    [comment] = doc.comments
    assert comment.body == "copydesk-disable-next-line unattributed-number"
    assert doc.source[comment.start:comment.end] == "<!-- copydesk-disable-next-line unattributed-number -->"


def test_built_in_checks_point_into_markdown_and_html_drafts():
    """The seed-like draft in both formats: the self-citation of "Editorial_board" is found
    and points at that word in each file."""
    paths = [FIXTURES / "readers" / "seedlike.md", FIXTURES / "readers" / "seedlike.html"]
    _, report = cli_json("--select", "self-reference", "--no-cache", *map(str, paths))
    for path in paths:
        source = path.read_text(encoding="utf-8")
        line, col = line_col(source, source.index("Editorial_board"))
        assert any(f["path"] == str(path) and (f["line"], f["column"]) == (line, col)
                   for f in report["findings"]), (path.name, report["findings"])
