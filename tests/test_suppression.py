"""Suppression directives in every format, and ``--report-unused-disables``.

The house pattern rules give findings this suite controls: "critics argue" (anonymous-source)
and "$XX million" (placeholder-text).
"""

from __future__ import annotations

import pytest
from helpers import cli_json

from copydesk.testing import lint_text

OWN = ("anonymous-source", "placeholder-text", "unused-disable")
A = "Critics argue the deal is off."
A2 = "Skeptics say the deal is off."
B = "It will cost $XX million."


def wrap(fmt: str, lines: list[str]) -> tuple[str, str]:
    """A draft in ``fmt`` whose body lines are ``lines``, one paragraph each; directives
    (lines starting with ``<!--`` or ``#``) stand on their own line."""
    if fmt == "md":
        return "draft.md", "# Notes\n\n" + "\n".join(lines) + "\n"
    if fmt == "html":
        body = "\n".join(line if line.startswith("<!--") else f"<p>{line}</p>" for line in lines)
        return "draft.html", f"<!doctype html>\n<html><body><article>\n{body}\n</article></body></html>\n"
    return "draft.txt", "Notes\n\n" + "\n".join(lines) + "\n"


def lint(fmt, lines, **kw):
    name, text = wrap(fmt, lines)
    return [(r.rule, text.splitlines()[r.line - 1]) for r in lint_text(text, name, select=OWN, **kw)]


FORMATS = ["txt", "md", "html"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_nothing_suppressed_without_directives(fmt):
    assert [rule for rule, _ in lint(fmt, [A, "", B])] == ["anonymous-source", "placeholder-text"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line(fmt):
    found = lint(fmt, ["<!-- copydesk-disable-next-line anonymous-source -->", A, "", A2])
    assert [r for r, _ in found] == ["anonymous-source"] and A2 in found[0][1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line_without_rule_covers_every_rule(fmt):
    assert lint(fmt, ["<!-- copydesk-disable-next-line -->", A + " " + B]) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_next_line_of_another_rule_does_not_hide(fmt):
    found = lint(fmt, ["<!-- copydesk-disable-next-line placeholder-text -->", A])
    assert [r for r, _ in found] == ["anonymous-source"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_enable_range(fmt):
    lines = ["<!-- copydesk-disable anonymous-source, placeholder-text -->", A, "", B, "",
             "<!-- copydesk-enable -->", "", A]
    found = lint(fmt, lines)
    assert [r for r, _ in found] == ["anonymous-source"]
    assert A in found[0][1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_enable_one_rule_keeps_the_others_disabled(fmt):
    lines = ["<!-- copydesk-disable anonymous-source, placeholder-text -->", A, "",
             "<!-- copydesk-enable anonymous-source -->", "", A + " " + B]
    assert [r for r, _ in lint(fmt, lines)] == ["anonymous-source"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_everything_then_enable_one(fmt):
    lines = ["<!-- copydesk-disable -->", A + " " + B, "", "<!-- copydesk-enable placeholder-text -->", "",
             A + " " + B]
    assert [r for r, _ in lint(fmt, lines)] == ["placeholder-text"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_disable_file(fmt):
    assert lint(fmt, [A, "", B, "", "<!-- copydesk-disable-file -->"]) == []
    found = lint(fmt, ["<!-- copydesk-disable-file placeholder-text -->", "", A + " " + B])
    assert [r for r, _ in found] == ["anonymous-source"]


def test_plain_text_hash_form():
    found = lint("txt", ["# copydesk: disable-next-line anonymous-source", A, "", A2])
    assert [r for r, _ in found] == ["anonymous-source"] and A2 in found[0][1]


@pytest.mark.parametrize("fmt", FORMATS)
def test_unused_disables_are_reported_on_request(fmt):
    lines = ["<!-- copydesk-disable-next-line anonymous-source -->", A, "",
             "<!-- copydesk-disable-next-line placeholder-text -->", A]
    assert [r for r, _ in lint(fmt, lines)] == ["anonymous-source"]
    found = lint(fmt, lines, report_unused_disables=True)
    assert sorted(r for r, _ in found) == ["anonymous-source", "unused-disable"]
    (stale,) = [line for r, line in found if r == "unused-disable"]
    assert "placeholder-text" in stale


def test_unused_disable_names_its_rules_and_points_at_the_comment(tmp_path):
    (tmp_path / "a.md").write_text("# T\n\n<!-- copydesk-disable-next-line placeholder-text -->\nFine.\n",
                                   encoding="utf-8")
    proc, data = cli_json("a.md", "--report-unused-disables", cwd=tmp_path)
    (f,) = data["findings"]
    assert (f["rule"], f["line"], f["column"], f["end_line"], f["end_column"]) == ("unused-disable", 3, 1, 3, 53)
    assert "placeholder-text" in f["message"] and "remove" in f["message"]
    assert proc.returncode == 1


def test_directive_in_markdown_code_is_not_a_directive():
    text = "# T\n\n```\n<!-- copydesk-disable-file -->\n```\n\n" + A + "\n"
    assert [r.rule for r in lint_text(text, "draft.md", select=OWN)] == ["anonymous-source"]
