"""The language server, driven over stdio by a real LSP client (pygls' LanguageClient).

Most tests use the probe plugin (tests/lsp/probe_plugin.py): ``probe-figure`` flags every
percentage, so the expected ranges do not depend on the real checks landing in parallel.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import SEEDS, cli_json
from lspclient import Session, position
from lsprotocol import types

SEVERITY = {"error": 1, "warning": 2, "info": 3}

SEED = SEEDS / "003_3d9ca42a259eed1b.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
# Line 41 of seed 003 (0-based 40): a bullet "•" and two curly apostrophes stand before "58%".
SEED_LINE = 40


def rng(line, start, end):
    return types.Range(types.Position(line, start), types.Position(line, end))


def spans(diagnostics, code="probe-figure"):
    return [(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
            for d in diagnostics if d.code == code]


def apply(text: str, edit: types.TextEdit) -> str:
    """Apply a TextEdit whose positions lie on ASCII-only stretches (true of line starts)."""
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[:edit.range.start.line]) + edit.range.start.character
    end = sum(len(line) + 1 for line in lines[:edit.range.end.line]) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


# --- initialize ---------------------------------------------------------------------------


def test_initialize_announces_what_the_server_does(probe):
    caps = probe.initialize_result.capabilities
    assert probe.initialize_result.server_info.name == "copydesk"
    assert caps.position_encoding == "utf-16"  # the client offered none
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Full
    assert caps.text_document_sync.open_close and caps.text_document_sync.save
    assert caps.hover_provider
    assert list(caps.code_action_provider.code_action_kinds) == [types.CodeActionKind.QuickFix]
    assert list(caps.execute_command_provider.commands) == ["copydesk.showRuleDocumentation"]
    probe.wait_until(lambda: probe.registrations, what="file watcher registration")
    watchers = probe.registrations[0].register_options["watchers"]
    assert {w["globPattern"] for w in watchers} == {"**/*.yaml", "**/*.yml", "**/pyproject.toml"}


# --- diagnostics and positions ------------------------------------------------------------


def test_seed_diagnostics_have_exact_utf16_ranges_and_rule_metadata(open_doc):
    _, diagnostics = open_doc(SEED, SEED_TEXT)
    # "58%" at code point 129 of the line; no character outside the BMP stands before it
    assert (SEED_LINE, 129, SEED_LINE, 132) in spans(diagnostics)
    assert (SEED_LINE, 158, SEED_LINE, 161) in spans(diagnostics)
    d = next(d for d in diagnostics if d.range.start == types.Position(SEED_LINE, 129))
    assert d.code == "probe-figure"
    assert d.source == "copydesk"
    assert d.severity == types.DiagnosticSeverity.Warning
    assert d.message == "58% has no source; cite one"
    assert d.code_description.href == "https://copydesk.readthedocs.io/rules/probe-figure/"
    assert d.data == {"rule": "probe-figure", "category": "unattributed-number"}


def test_emoji_and_curly_quotes_before_the_finding_count_as_utf16_units(probe, tmp_path):
    uri = (tmp_path / "003.txt").as_uri()
    probe.open(uri, SEED_TEXT)
    probe.diagnostics(uri, 1)
    lines = SEED_TEXT.split("\n")
    lines[SEED_LINE] = lines[SEED_LINE].replace("• ", "• 📑 ", 1)  # seed 003's own emoji
    probe.change(uri, "\n".join(lines), 2)
    diagnostics = probe.diagnostics(uri, 2)
    # 131 code points before "58%", and 📑 is a surrogate pair: 132 UTF-16 code units
    assert (SEED_LINE, 132, SEED_LINE, 135) in spans(diagnostics)
    assert (SEED_LINE, 161, SEED_LINE, 164) in spans(diagnostics)
    probe.close_document(uri)


def test_utf8_positions_when_negotiated(tmp_path):
    session = Session(encodings=["utf-8", "utf-16"])
    try:
        assert session.encoding == "utf-8"
        uri = (tmp_path / "quotes.txt").as_uri()
        session.open(uri, "Intro line.\n\n📑 “Sales” rose 58% in “Q3”, says the desk.\n")
        # 📑 is 4 bytes, “ and ” 3 bytes each: 22 bytes stand before "58%"
        assert spans(session.diagnostics(uri, 1)) == [(2, 22, 2, 25)]
        session.open(SEED.as_uri(), SEED_TEXT)
        # "•" and two "’" take 3 bytes each: 135 bytes before "58%"
        assert (SEED_LINE, 135, SEED_LINE, 138) in spans(session.diagnostics(SEED.as_uri(), 1))
    finally:
        assert session.close() == 0


def test_a_burst_of_edits_publishes_only_the_newest_version(probe, tmp_path):
    uri = (tmp_path / "burst.md").as_uri()
    probe.open(uri, "Nothing yet.\n", "markdown")
    assert probe.diagnostics(uri, 1) == []
    for version, figure in ((2, "10%"), (3, "20%"), (4, "30%")):
        probe.change(uri, f"It rose {figure} this year.\n", version)
    assert spans(probe.diagnostics(uri, 4)) == [(0, 8, 0, 11)]
    assert [p.version for p in probe.published[uri]] == [1, 4]
    probe.close_document(uri)


def test_save_relints_and_close_clears(probe, tmp_path):
    uri = (tmp_path / "save.txt").as_uri()
    probe.open(uri, "Up 5% today.\n")
    assert len(probe.diagnostics(uri, 1)) == 1
    probe.save(uri)
    probe.wait_until(lambda: len(probe.published[uri]) == 2, what="re-lint on save")
    probe.close_document(uri)
    probe.wait_until(lambda: len(probe.published[uri]) == 3, what="clear on close")
    last = probe.published[uri][-1]
    assert not last.diagnostics and last.version is None


def test_html_finding_is_placed_in_the_source_past_markup_and_emoji(probe, tmp_path):
    uri = (tmp_path / "page.html").as_uri()
    text = "<html><body>\n<p>📑 <em>“Share”</em> rose 12% in <b>Q3</b>.</p>\n</body></html>\n"
    probe.open(uri, text, "html")
    start, end = position(text, 1, "12%")  # UTF-16 units, counted independently of the server
    assert (start, end) == (28, 31)  # <p>, 📑 (two units), <em>, “Share”, </em> stand before it
    assert spans(probe.diagnostics(uri, 1)) == [(1, start, 1, end)]
    probe.close_document(uri)


def test_untitled_markdown_buffer_is_linted_and_other_languages_are_not(probe):
    probe.open("untitled:Untitled-1", "# Draft\n\nShare rose 12%.\n", "markdown")
    assert spans(probe.diagnostics("untitled:Untitled-1", 1)) == [(2, 11, 2, 14)]
    probe.open("untitled:Untitled-2", "x = '12%'\n", "python")
    assert probe.diagnostics("untitled:Untitled-2", 1) == []


# --- hover, code actions, documentation ---------------------------------------------------


def test_hover_explains_the_finding_and_its_rule(probe):
    uri = SEED.as_uri()
    probe.open(uri, SEED_TEXT)
    probe.diagnostics(uri, 1)
    hover = probe.hover(uri, SEED_LINE, 130)
    assert hover.range == rng(SEED_LINE, 129, 132)
    text = hover.contents.value
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "58% has no source; cite one" in text
    assert "A percentage (test probe)" in text  # the rule summary
    assert "## What it does" in text and "It rose 58%." in text  # its docs and example
    assert probe.hover(uri, SEED_LINE, 128) is None  # just before the span
    assert probe.hover(uri, SEED_LINE, 132) is None  # the end is exclusive
    assert probe.hover(uri, 10_000, 0) is None  # past the end of the document
    probe.close_document(uri)


def test_hover_on_a_fact_finding_shows_the_pack_and_its_source(probe, tmp_path):
    (tmp_path / "facts.yaml").write_text(
        "entities:\n  - {id: probe-zorblax, name: Zorblax Corp, type: organization}\n"
        "  - {id: ada-quill, name: Ada Quill, type: person}\n"
        "facts:\n  - {subject: probe-zorblax, relation: led-by, object: ada-quill,"
        " source: 'https://example.org/zorblax'}\n", encoding="utf-8")
    (tmp_path / ".copydesk.yaml").write_text("facts: [facts.yaml]\n", encoding="utf-8")
    uri = (tmp_path / "fact.md").as_uri()
    probe.open(uri, "Zorblax Corp hired again.\n", "markdown")
    [d] = probe.diagnostics(uri, 1)
    assert d.code == "probe-fact" and d.severity == types.DiagnosticSeverity.Error
    assert d.data["source"] == "https://example.org/zorblax"
    text = probe.hover(uri, 0, 3).contents.value
    assert "Source: <https://example.org/zorblax>" in text
    assert "- relation: led-by" in text and "- object: ada-quill" in text
    probe.close_document(uri)


def test_suppress_action_inserts_the_documented_comment_and_silences_the_line(probe, tmp_path):
    path = tmp_path / "suppress.md"
    text = "Intro.\n\n  - Growth hit 40% and margins 9%.\n- Costs fell 3%.\n"
    uri = path.as_uri()
    probe.open(uri, text, "markdown")
    diagnostics = probe.diagnostics(uri, 1)
    actions = probe.code_actions(uri, rng(2, 16, 16), diagnostics[:1])
    assert [a.title for a in actions] == ["Suppress probe-figure on this line",
                                          "Show documentation for probe-figure"]
    suppress = actions[0]
    assert suppress.kind == types.CodeActionKind.QuickFix
    assert suppress.diagnostics[0].range == rng(2, 15, 18)
    [edit] = suppress.edit.changes[uri]
    assert edit.range == rng(2, 0, 0)
    assert edit.new_text == "  <!-- copydesk-disable-next-line probe-figure -->\n"
    fixed = apply(text, edit)
    probe.change(uri, fixed, 2)
    # both figures of the suppressed line are gone; the next line's is not
    assert spans(probe.diagnostics(uri, 2)) == [(4, 13, 4, 15)]
    probe.close_document(uri)


def test_suppress_action_extends_an_existing_comment(probe, tmp_path):
    uri = (tmp_path / "extend.md").as_uri()
    text = "<!-- copydesk-disable-next-line probe-fact -->\nUp 7% again.\n"
    probe.open(uri, text, "markdown")
    probe.diagnostics(uri, 1)
    [suppress, _] = probe.code_actions(uri, rng(1, 3, 3))
    [edit] = suppress.edit.changes[uri]
    assert edit.range == rng(0, 0, 46)
    assert edit.new_text == "<!-- copydesk-disable-next-line probe-fact, probe-figure -->"
    probe.close_document(uri)


def test_code_actions_respect_only_and_stale_versions(probe, tmp_path):
    uri = (tmp_path / "only.txt").as_uri()
    probe.open(uri, "Up 7% again.\n")
    probe.diagnostics(uri, 1)
    assert probe.code_actions(uri, rng(0, 3, 3), only=[types.CodeActionKind.Refactor]) == []
    assert len(probe.code_actions(uri, rng(0, 3, 3), only=[types.CodeActionKind.QuickFix])) == 2
    assert probe.code_actions(uri, rng(0, 0, 0)) == []  # nothing flagged there
    probe.close_document(uri)


def test_show_documentation_opens_the_rule_docs(probe, tmp_path):
    uri = (tmp_path / "docs.txt").as_uri()
    probe.open(uri, "Up 7% again.\n")
    probe.diagnostics(uri, 1)
    docs = probe.code_actions(uri, rng(0, 4, 4))[1]
    assert docs.command.command == "copydesk.showRuleDocumentation"
    assert list(docs.command.arguments) == ["probe-figure"]
    probe.execute(docs.command)
    probe.wait_until(lambda: probe.shown, what="window/showDocument")
    shown = Path(probe.shown[-1].uri.removeprefix("file://"))
    assert shown.name == "probe-figure.md"
    assert shown.read_text(encoding="utf-8").startswith("# probe-figure\n\nA percentage (test probe)")
    probe.close_document(uri)


# --- resilience: bad drafts, failing checks, broken and changed data files ------------------


def test_a_failing_check_or_reader_never_stops_the_server(probe, tmp_path):
    uri = (tmp_path / "crash.txt").as_uri()
    probe.open(uri, "CRASH-ME, then up 4%.\n")
    # the other checks' findings still arrive, and the failure is reported once
    assert spans(probe.diagnostics(uri, 1)) == [(0, 18, 0, 20)]
    probe.wait_until(lambda: any("probe crashed on purpose" in m.message for m in probe.messages),
                     what="a message naming the failed check")
    bad = (tmp_path / "draft.crash").as_uri()
    probe.open(bad, "Up 4%.\n")
    assert probe.diagnostics(bad, 1) == []
    probe.wait_until(lambda: any("this reader always fails" in m.message for m in probe.messages),
                     what="a message naming the failed reader")
    probe.change(uri, "Calm again, up 4%.\n", 2)
    assert spans(probe.diagnostics(uri, 2)) == [(0, 15, 0, 17)]
    assert probe.alive
    probe.close_document(uri)
    probe.close_document(bad)


def test_config_changes_reload_and_a_broken_config_is_a_diagnostic_on_it(probe, tmp_path):
    config = tmp_path / ".copydesk.yaml"
    config.write_text("ignore: [probe-figure]\n", encoding="utf-8")
    uri = (tmp_path / "reload.txt").as_uri()
    probe.open(uri, "Up 4% again.\n")
    assert probe.diagnostics(uri, 1) == []

    config.write_text("ignore: []\nselect: 3\n", encoding="utf-8")
    probe.files_changed(config)
    probe.wait_until(lambda: probe.published[config.as_uri()], what="a diagnostic on the config")
    [problem] = probe.published[config.as_uri()][-1].diagnostics
    assert problem.range == rng(1, 0, 9)  # the "select: 3" line
    assert problem.severity == types.DiagnosticSeverity.Error
    assert "'select'" in problem.message and "expected a list of strings" in problem.message
    assert any(".copydesk.yaml" in m.message and m.type == types.MessageType.Error for m in probe.messages)
    assert probe.alive

    seen = len(probe.published[uri])
    config.write_text("ignore: []\n", encoding="utf-8")
    probe.files_changed(config)
    probe.wait_until(lambda: len(probe.published[uri]) > seen and probe.published[uri][-1].diagnostics,
                     what="the draft re-linted with the fixed config")
    assert spans(probe.published[uri][-1].diagnostics) == [(0, 3, 0, 5)]
    assert not probe.published[config.as_uri()][-1].diagnostics  # the config's error is cleared
    probe.close_document(uri)


def test_yaml_syntax_error_points_at_its_line(probe, tmp_path):
    config = tmp_path / ".copydesk.yaml"
    config.write_text("ignore:\n  - a\n bad: [\n", encoding="utf-8")
    probe.open((tmp_path / "syntax.txt").as_uri(), "Up 4%.\n")
    probe.wait_until(lambda: probe.published[config.as_uri()], what="a diagnostic on the config")
    [problem] = probe.published[config.as_uri()][-1].diagnostics
    assert problem.range.start.line in (1, 2) and "invalid YAML" in problem.message


def test_fact_pack_edits_are_seen_without_a_watcher_notification(probe, tmp_path):
    facts = tmp_path / "facts.yaml"
    facts.write_text("entities: []\n", encoding="utf-8")
    (tmp_path / ".copydesk.yaml").write_text("facts: [facts.yaml]\n", encoding="utf-8")
    uri = (tmp_path / "mtime.txt").as_uri()
    probe.open(uri, "Quillon Ltd grew.\n")
    assert probe.diagnostics(uri, 1) == []
    facts.write_text("entities:\n  - {id: probe-quillon, name: Quillon Ltd}\n", encoding="utf-8")
    probe.change(uri, "Quillon Ltd grew.\n", 2)  # an editor that does not watch files
    assert [d.code for d in probe.diagnostics(uri, 2)] == ["probe-fact"]
    probe.close_document(uri)


def test_exit_without_shutdown_ends_with_status_1():
    session = Session(probe=False)
    session.client.exit(None)
    session.run(session.client._server.wait())
    assert session.close() == 1


# --- end to end: the real checks on the real seeds ------------------------------------------


def _utf16_range(lines: list[str], f: dict) -> tuple[int, int, int, int]:
    def units(line: int, column: int) -> int:
        return len(lines[line - 1][:column - 1].encode("utf-16-le")) // 2

    return (f["line"] - 1, units(f["line"], f["column"]),
            f["end_line"] - 1, units(f["end_line"], f["end_column"]))


def test_seed_diagnostics_match_copydesk_check_exactly():
    """Every finding `copydesk check` reports on a seed arrives as a diagnostic, same place."""
    proc, out = cli_json("--no-cache", str(SEEDS))
    assert proc.returncode in (0, 1), proc.stderr
    expected: dict[str, set] = {}
    for f in out["findings"]:
        path = Path(f["path"])
        lines = re.split(r"\r\n|\r|\n", path.read_text(encoding="utf-8"))
        expected.setdefault(path.name, set()).add(
            (f["rule"], *_utf16_range(lines, f), SEVERITY[f["severity"]], f["message"]))
    session = Session(probe=False)
    try:
        for seed in sorted(SEEDS.glob("*.txt")):
            session.open(seed.as_uri(), seed.read_text(encoding="utf-8"))
            got = {(d.code, d.range.start.line, d.range.start.character, d.range.end.line,
                    d.range.end.character, d.severity, d.message)
                   for d in session.diagnostics(seed.as_uri(), 1)}
            assert got == expected.get(seed.name, set()), seed.name
    finally:
        assert session.close() == 0
    assert out["findings"], "the real checks report findings on the seeds"
