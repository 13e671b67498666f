"""The mission's cases in the seed drafts, through the CLI's JSON (INTERFACES.md section 2)."""

from __future__ import annotations

from helpers import SEEDS, cli_json


def _findings():
    proc, data = cli_json("--select", "factual-inconsistency", *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert proc.returncode == 1, proc.stderr.decode()
    return data["findings"]


def _span(finding) -> str:
    line = (SEEDS / finding["path"].rsplit("/", 1)[-1]).read_text(encoding="utf-8").splitlines()[finding["line"] - 1]
    return line[finding["column"] - 1:finding["end_column"] - 1]


def test_seed_findings_spans_messages_and_sources():
    found = {(f["path"].rsplit("/", 1)[-1][:3], f["line"], _span(f)): f for f in _findings()}
    assert set(found) == {("000", 48, "Wang"), ("004", 14, "Yann LeCun"), ("004", 14, "early 2026"),
                          ("003", 26, "$15 billion")}
    lecun = found[("004", 14, "Yann LeCun")]
    assert lecun["rule"] == "fact-contradiction" and lecun["severity"] == "error"
    assert lecun["message"].startswith("Meta Superintelligence Labs is led by Alexandr Wang")
    assert "since 2025-06" in lecun["message"] and lecun["message"].endswith("not Yann LeCun")
    assert lecun["source"].startswith("https://") and lecun["source"] in lecun["message"]
    assert "Jason Droege" in found[("000", 48, "Wang")]["message"]
    assert "2025-06-30" in found[("004", 14, "early 2026")]["message"]
