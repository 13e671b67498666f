"""Units of the language server that need no client: positions, paths, edits, data errors."""

from __future__ import annotations

import datetime

import pytest
from lsprotocol import types

from copydesk.api import Rule
from copydesk.lsp.actions import suppress_edit
from copydesk.lsp.diagnostics import to_diagnostic
from copydesk.lsp.hover import hover_markdown
from copydesk.lsp.linting import reader_path
from copydesk.lsp.positions import UTF8, UTF16, UTF32, PositionConverter, units
from copydesk.lsp.watch import InputWatch, locate_data_error
from copydesk.model import Report

LINE = "📑 “Sales” rose 58% in “Q3”."


@pytest.mark.parametrize(("encoding", "start", "end"), [(UTF16, 16, 19), (UTF8, 22, 25), (UTF32, 15, 18)])
def test_columns_before_an_emoji_and_curly_quotes(encoding, start, end):
    converter = PositionConverter(f"Intro.\n{LINE}\n", encoding)
    column = LINE.index("58%") + 1  # a Report's 1-based code-point column
    assert converter.to_client(2, column) == (1, start)
    assert converter.to_client(2, column + 3) == (1, end)
    assert converter.from_client(1, start) == (2, column)


def test_a_position_inside_a_surrogate_pair_maps_to_the_emoji():
    converter = PositionConverter(LINE, UTF16)
    assert converter.from_client(0, 1) == (1, 1)  # between the two halves of 📑
    assert converter.from_client(0, 2) == (1, 2)
    assert converter.from_client(0, 999) == (1, len(LINE) + 1)  # clamped to the line's end


def test_only_lsp_line_breaks_split_lines():
    text = "one\r\ntwo\u2028still two\rthree\x0cstill three\nfour"
    converter = PositionConverter(text)
    assert [converter.line_text(i) for i in range(converter.line_count)] == [
        "one", "two\u2028still two", "three\x0cstill three", "four"]
    assert converter.line_break() == "\r\n"


def test_units():
    assert (units("a📑", UTF16), units("a📑", UTF8), units("a📑", UTF32)) == (3, 5, 2)


def _report(line, column, end_column, rule="unattributed-number", **kw):
    return Report(path="d.md", line=line, column=column, end_line=line, end_column=end_column, rule=rule,
                  category=kw.pop("category", "unattributed-number"), severity="warning", message="m", **kw)


def test_suppress_edit_keeps_indentation_and_line_endings():
    converter = PositionConverter("Intro.\r\n\r\n    Up 4%.\r\n")
    edit = suppress_edit(_report(3, 8, 10), converter)
    assert (edit.range.start.line, edit.range.start.character, edit.range.end.character) == (2, 0, 0)
    assert edit.new_text == "    <!-- copydesk-disable-next-line unattributed-number -->\r\n"


def test_suppress_edit_adds_to_the_comment_above():
    above = "<!-- copydesk-disable-next-line self-citation --> "
    converter = PositionConverter(f"{above}\n“Up” 4%.\n", UTF8)
    edit = suppress_edit(_report(2, 6, 8), converter)
    assert (edit.range.start.line, edit.range.end.line, edit.range.end.character) == (0, 0, len(above))
    assert edit.new_text == "<!-- copydesk-disable-next-line self-citation, unattributed-number -->"


def test_suppress_edit_on_the_first_line():
    edit = suppress_edit(_report(1, 4, 6), PositionConverter("Up 4%."))
    assert edit.range.start.line == 0 and edit.new_text.endswith("-->\n")


@pytest.mark.parametrize(("path", "language", "expected"), [
    ("/d/a.md", "plaintext", "/d/a.md"),  # a known suffix wins: the editor agrees with the CLI
    ("/d/a.mdx", "markdown", "/d/a.mdx.md"),
    ("/d/untitled", "html", "/d/untitled.html"),
    ("/d/notes", "plaintext", "/d/notes.txt"),
    ("/d/setup.py", "python", None),
    ("/d/README", None, None),
])
def test_reader_path(path, language, expected):
    assert reader_path(path, language, {".md", ".html", ".txt", ""}) == expected


def test_locate_data_error_names_file_line_and_column(tmp_path):
    pack = tmp_path / "facts: v2.yaml"  # a ": " in the name must not cut the path short
    pack.write_text("x", encoding="utf-8")
    where = locate_data_error(f"{pack}:3:7: invalid YAML: mapping values are not allowed here")
    assert (where.path, where.line, where.column) == (str(pack), 3, 7)
    assert where.message == "invalid YAML: mapping values are not allowed here"
    where = locate_data_error(f"{pack}: key 'select': expected a list of strings, got 3")
    assert (where.line, where.message) == (None, "key 'select': expected a list of strings, got 3")
    assert locate_data_error("check 'numbers' (plugin 'x') failed: KeyError: 'a'") is None


def test_input_watch_sees_edits_creations_and_deletions(tmp_path):
    config, later = tmp_path / ".copydesk.yaml", tmp_path / "facts.yaml"
    config.write_text("select: [ALL]\n", encoding="utf-8")
    watch = InputWatch()
    watch.track([config, later])
    assert not watch.changed()
    later.write_text("entities: []\n", encoding="utf-8")
    assert watch.changed()
    watch.clear()
    watch.track([config])
    config.unlink()
    assert watch.changed()
    assert watch.concerns(str(tmp_path / "sub" / "pyproject.toml"))  # a config anywhere may apply
    assert not watch.concerns(str(tmp_path / "notes.yaml"))


def test_hover_shows_evidence_and_each_rules_docs_once():
    rule = Rule("fact-contradiction", "factual-inconsistency", "error", "Contradicts a fact pack",
                docs="## What it does\nCompares.\n")
    data = {"fact": {"subject": "msl", "relation": "led-by", "object": "alexandr-wang", "from": "2025-06"}}
    first = _report(1, 1, 4, rule="fact-contradiction", source="https://example.org/msl", data=data)
    second = _report(1, 2, 5, rule="fact-contradiction")
    text = hover_markdown([first, second], {"fact-contradiction": rule})
    assert "- fact:\n  - subject: msl\n  - relation: led-by\n  - object: alexandr-wang" in text
    assert "Source: <https://example.org/msl>" in text
    assert text.count("## What it does") == 1


def test_diagnostic_carries_rule_metadata_and_json_safe_data():
    rule = Rule("fact-contradiction", "factual-inconsistency", "error", "Contradicts a fact pack")
    report = _report(1, 3, 9, rule="fact-contradiction", category="factual-inconsistency",
                     source="https://example.org", data={"since": datetime.date(2025, 6, 1)})
    d = to_diagnostic(report, PositionConverter("“A” claim here."), rule)
    assert (d.code, d.source, d.code_description.href) == (
        "fact-contradiction", "copydesk", "https://copydesk.readthedocs.io/rules/fact-contradiction/")
    assert d.severity == types.DiagnosticSeverity.Warning  # the report's own severity
    assert (d.range.start.character, d.range.end.character) == (2, 8)
    assert d.data == {"rule": "fact-contradiction", "category": "factual-inconsistency",
                      "source": "https://example.org", "data": {"since": "2025-06-01"}}
