"""``copydesk check``, ``rules`` and ``explain`` through the real command line.

Drafts are written to a temporary folder with house-pattern phrasings whose findings this suite
controls; ``--select`` keeps counts independent of checks that land elsewhere.
"""

from __future__ import annotations

import json

import pytest
from helpers import cli_json, run_cli, write

FLAGGED = "Critics argue that the merger will fail.\n"
CLEAN = "The merger closed on Tuesday.\n"
OWN = "anonymous-source,placeholder-text,unused-disable"



def paths_of(data) -> list[str]:
    return sorted({f["path"] for f in data["findings"]})


def test_files_and_directories_recursively(tmp_path):
    write(tmp_path, "a.txt", FLAGGED)
    write(tmp_path, "sub/deeper/b.txt", FLAGGED)
    write(tmp_path, "sub/notes.csv", FLAGGED)  # not a draft format: skipped in folders
    write(tmp_path, "node_modules/c.txt", FLAGGED)  # excluded by default
    proc, data = cli_json(".", "--select", OWN, cwd=tmp_path)
    assert proc.returncode == 1
    assert paths_of(data) == ["./a.txt", "./sub/deeper/b.txt"]


def test_include_and_exclude_globs_from_config(tmp_path):
    write(tmp_path, ".copydesk.yaml", "include: ['*.txt', '*.draft']\nexclude: ['archive/', '*-old.txt']\n")
    write(tmp_path, "a.draft", FLAGGED)
    write(tmp_path, "b-old.txt", FLAGGED)
    write(tmp_path, "archive/c.txt", FLAGGED)
    write(tmp_path, "d.txt", FLAGGED)
    proc, data = cli_json(".", "--select", OWN, cwd=tmp_path)
    assert paths_of(data) == ["./a.draft", "./d.txt"]
    # excludes apply to a file named on the command line too (pre-commit names files)
    proc, data = cli_json("b-old.txt", "d.txt", "--select", OWN, cwd=tmp_path)
    assert paths_of(data) == ["d.txt"]


def test_stdin_with_a_filename_is_linted_as_that_file(tmp_path):
    write(tmp_path, ".copydesk.yaml", "exclude: ['drafts/skip/']\nseverity: {anonymous-source: error}\n")
    proc, data = cli_json("-", "--stdin-filename", "drafts/x.txt", "--select", OWN, input=FLAGGED, cwd=tmp_path)
    assert proc.returncode == 1
    (finding,) = data["findings"]
    assert finding["path"] == "drafts/x.txt" and finding["severity"] == "error"  # config applied


def test_stdin_with_an_excluded_filename_yields_nothing(tmp_path):
    write(tmp_path, ".copydesk.yaml", "exclude: ['drafts/skip/']\n")
    proc, data = cli_json("-", "--stdin-filename", "drafts/skip/x.txt", input=FLAGGED, cwd=tmp_path)
    assert proc.returncode == 0 and data["findings"] == []


def test_stdin_without_a_filename(tmp_path):
    proc, data = cli_json("-", "--select", OWN, input=FLAGGED, cwd=tmp_path)
    assert proc.returncode == 1 and [f["path"] for f in data["findings"]] == ["-"]


@pytest.mark.parametrize("select, ignore, expected", [
    ("anonymous-source", None, {"anonymous-source"}),
    ("attribution", None, {"anonymous-source"}),  # a category
    ("anonymous-source,unfinished-copy", None, {"anonymous-source", "placeholder-text"}),
    (OWN, "placeholder-text", {"anonymous-source"}),
    (OWN, "attribution", {"placeholder-text"}),
])
def test_select_and_ignore_by_id_and_category(tmp_path, select, ignore, expected):
    write(tmp_path, "a.txt", "Critics argue it will cost $XX million.\n")
    args = ["a.txt", "--select", select] + (["--ignore", ignore] if ignore else [])
    _, data = cli_json(*args, cwd=tmp_path)
    assert {f["rule"] for f in data["findings"]} == expected


def test_unknown_rule_in_select_is_a_usage_error(tmp_path):
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", "--select", "anonymous-sauce", cwd=tmp_path)
    assert proc.returncode == 2
    assert "--select" in proc.stderr.decode() and "anonymous-sauce" in proc.stderr.decode()


@pytest.mark.parametrize("fail_on, code", [("error", 0), ("warning", 1), ("info", 1)])
def test_fail_on(tmp_path, fail_on, code):
    write(tmp_path, "a.txt", FLAGGED)  # a warning
    proc = run_cli("check", "a.txt", "--select", OWN, "--fail-on", fail_on, cwd=tmp_path)
    assert proc.returncode == code
    assert "anonymous-source" in proc.stdout.decode()  # reported whether or not it fails


def test_fail_on_from_config(tmp_path):
    write(tmp_path, ".copydesk.yaml", "fail_on: error\n")
    write(tmp_path, "a.txt", FLAGGED)
    assert run_cli("check", "a.txt", "--select", OWN, cwd=tmp_path).returncode == 0


def test_exit_0_when_clean(tmp_path):
    write(tmp_path, "a.txt", CLEAN)
    proc = run_cli("check", "a.txt", "--select", OWN, cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout == b"" and proc.stderr == b""


@pytest.mark.parametrize("args, says", [
    ((), "no PATH"),
    (("a.txt", "--format", "yaml"), "unknown --format 'yaml'"),
    (("a.txt", "--fail-on", "fatal"), "invalid choice"),
    (("a.txt", "--date", "yesterday"), "--date"),
    (("a.txt", "--no-such-option"), "unrecognized arguments"),
])
def test_usage_errors_exit_2(tmp_path, args, says):
    write(tmp_path, "a.txt", CLEAN)
    proc = run_cli("check", *args, cwd=tmp_path)
    assert proc.returncode == 2 and says in proc.stderr.decode()


def test_input_error_exits_2_and_other_files_are_still_checked(tmp_path):
    write(tmp_path, "a.txt", CLEAN)
    proc = run_cli("check", "missing.txt", "a.txt", "--select", OWN, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "copydesk: error: missing.txt: no such file or directory"
    write(tmp_path, "b.txt", FLAGGED)
    proc, data = cli_json("missing.txt", "b.txt", "--select", OWN, cwd=tmp_path)
    assert proc.returncode == 1 and paths_of(data) == ["b.txt"]  # findings win: both fail CI
    assert data["errors"] == [{"path": "missing.txt", "message": "no such file or directory"}]


def test_report_unused_disables(tmp_path):
    draft = ("<!-- copydesk-disable-next-line anonymous-source -->\n" + FLAGGED
             + "\n<!-- copydesk-disable-next-line placeholder-text -->\n" + CLEAN)
    write(tmp_path, "a.txt", draft)
    _, data = cli_json("a.txt", "--select", OWN, cwd=tmp_path)
    assert data["findings"] == []  # used one suppresses, unused one is silent by default
    proc, data = cli_json("a.txt", "--select", OWN, "--report-unused-disables", cwd=tmp_path)
    (finding,) = data["findings"]
    assert finding["rule"] == "unused-disable" and finding["line"] == 4 and proc.returncode == 1


def test_output_file(tmp_path):
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", "--select", OWN, "--format", "json", "-o", "out.json", cwd=tmp_path)
    assert proc.returncode == 1 and proc.stdout == b""
    assert json.loads((tmp_path / "out.json").read_text())["findings"][0]["rule"] == "anonymous-source"


def test_rules_lists_id_category_severity_summary_and_plugin():
    proc = run_cli("rules")
    assert proc.returncode == 0
    line = next(line for line in proc.stdout.decode().splitlines() if line.startswith("anonymous-source "))
    assert "attribution" in line and "warning" in line and "[copydesk.checks.pattern]" in line
    rules = json.loads(run_cli("rules", "--format", "json").stdout)
    entry = next(r for r in rules if r["id"] == "anonymous-source")
    assert entry == {"id": "anonymous-source", "category": "attribution", "severity": "warning",
                     "summary": entry["summary"], "plugin": "copydesk.checks.pattern"}


def test_explain_prints_the_four_sections():
    proc = run_cli("explain", "anonymous-source")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    positions = [out.index(h) for h in ("## What it does", "## Why is this bad?", "## Example", "## Use instead")]
    assert positions == sorted(positions)
    assert "Experts believe" in out


def test_explain_unknown_rule_exits_2():
    proc = run_cli("explain", "anonymous")
    assert proc.returncode == 2 and "did you mean anonymous-source" in proc.stderr.decode()


def test_no_command_prints_help_and_exits_2():
    proc = run_cli()
    assert proc.returncode == 2 and b"check" in proc.stdout
