"""Output formats as a user sees them: snapshots of text, colour, JSON and GitHub output, and
SARIF validated against the official 2.1.0 schema.

The fixture draft holds an emoji, curly quotes and U+202F before findings on the same line, so
the snapshots pin code-point columns (and SARIF's UTF-16 ones). Only the rules this suite owns
are selected, so checks landing elsewhere do not move the snapshots. To accept a deliberate
change of output: ``COPYDESK_UPDATE_SNAPSHOTS=1 pytest tests/test_formats.py``.
"""

from __future__ import annotations

import json
import os

import pytest
from helpers import FIXTURES, ROOT, run_cli

DRAFT = "tests/fixtures/cli/draft.txt"
SNAPSHOTS = FIXTURES / "cli" / "snapshots"
SELECT = "anonymous-source,placeholder-text,unused-disable"
SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def check(*args: str) -> str:
    proc = run_cli("check", DRAFT, "--select", SELECT, "--report-unused-disables", *args, cwd=ROOT)
    assert proc.returncode == 1, proc.stderr.decode()
    return proc.stdout.decode("utf-8")


def assert_snapshot(name: str, actual: str) -> None:
    path = SNAPSHOTS / name
    assert path.exists() or not os.environ.get("CI"), f"snapshot {name} is missing: commit it"
    if os.environ.get("COPYDESK_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; see module docstring"


@pytest.mark.parametrize("fmt, name", [
    ("text", "text.snap"),
    ("json", "json.snap"),
    ("github", "github.snap"),
])
def test_snapshot(fmt, name):
    assert_snapshot(name, check("--format", fmt))


def test_colour_excerpt_snapshot():
    out = check("--color", "always")
    assert "\033[" in out and "^" in out
    assert_snapshot("text-color.snap", out)


def test_text_is_plain_when_not_a_terminal():
    out = check()
    assert "\033[" not in out
    assert f"{DRAFT}:8:30: warning anonymous-source" in out


def test_quiet_text_has_no_summary():
    lines = check("--quiet").splitlines()
    assert lines and all(line.startswith(DRAFT + ":") for line in lines)


def test_json_columns_count_code_points():
    data = json.loads(check("--format", "json"))
    critics = next(f for f in data["findings"] if f["line"] == 8)
    line = (ROOT / DRAFT).read_text(encoding="utf-8").splitlines()[7]
    assert line[critics["column"] - 1:critics["end_column"] - 1] == "critics argue"
    assert set(critics) >= {"path", "line", "column", "end_line", "end_column", "rule", "category",
                            "severity", "message"}


def _sarif(*args: str) -> dict:
    return json.loads(check("--format", "sarif", *args))


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    log = _sarif()
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    assert log["version"] == "2.1.0"


def test_sarif_carries_rule_metadata_for_code_scanning():
    run = _sarif()["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    by_id = {r["id"]: r for r in rules}
    rule = by_id["anonymous-source"]
    assert rule["shortDescription"]["text"] and "## Why is this bad?" in rule["help"]["markdown"]
    assert rule["defaultConfiguration"]["level"] == "warning"
    assert rule["properties"]["category"] == "attribution" and "attribution" in rule["properties"]["tags"]
    assert rule["helpUri"].startswith("https://")
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]
    assert run["invocations"][0]["executionSuccessful"] is True


def test_sarif_locations_are_relative_with_utf16_columns():
    run = _sarif()["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].startswith("file://")
    critics = next(r for r in run["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 8)
    loc = critics["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": DRAFT, "uriBaseId": "%SRCROOT%"}
    # the emoji before it is two UTF-16 code units but one code point (JSON says column 30)
    assert loc["region"]["startColumn"] == 31 and loc["region"]["endColumn"] == 44
    assert critics["level"] == "warning"
    placeholder = next(r for r in run["results"] if r["ruleId"] == "placeholder-text")
    assert placeholder["level"] == "error"


def test_sarif_fingerprints_survive_edits_elsewhere(tmp_path):
    draft = (ROOT / DRAFT).read_text(encoding="utf-8")
    moved = tmp_path / "draft.txt"
    moved.write_text("A new opening line.\n\n" + draft, encoding="utf-8")

    def prints(path, cwd):
        proc = run_cli("check", path, "--select", SELECT, "--format", "sarif", cwd=cwd)
        return sorted(r["partialFingerprints"]["copydeskFindingHash/v1"] for r in json.loads(proc.stdout)["runs"][0]["results"])

    assert prints(DRAFT, ROOT) == prints("draft.txt", tmp_path)


def test_sarif_reports_unreadable_drafts_as_notifications(tmp_path):
    (tmp_path / "good.txt").write_text("Critics argue it fails.\n", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01binary")
    proc = run_cli("check", "--format", "sarif", "good.txt", "bad.txt", cwd=tmp_path)
    log = json.loads(proc.stdout)
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "bad.txt" in note["message"]["text"]
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["anonymous-source"]
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)


def test_github_escapes_what_would_break_the_command():
    from copydesk.formats.github import command

    line = command("error", "50% done\nnext: line", file="a,b:c.md", line=3, title="rule")
    assert line == "::error file=a%2Cb%3Ac.md,line=3,title=rule::50%25 done%0Anext: line\n"


def test_github_annotations_map_severity():
    out = check("--format", "github").splitlines()
    assert out[0].startswith(f"::warning file={DRAFT},line=3,col=1,endLine=3,endColumn=16,title=anonymous-source::")
    assert any(line.startswith("::error ") and "title=placeholder-text" in line for line in out)


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_colour_is_automatic_on_a_terminal():
    import subprocess
    import sys

    primary, secondary = os.openpty()
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    try:
        proc = subprocess.run([sys.executable, "-m", "copydesk", "check", DRAFT, "--select", SELECT],
                              cwd=ROOT, stdout=secondary, stderr=subprocess.PIPE, env=env, timeout=60)
        os.close(secondary)
        out = b""
        while True:
            try:
                chunk = os.read(primary, 65536)
            except OSError:  # the terminal is closed once the output is drained
                break
            if not chunk:
                break
            out += chunk
    finally:
        os.close(primary)
    assert proc.returncode == 1
    assert b"\033[" in out and b"^^^" in out
