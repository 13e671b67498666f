"""The fact check's own drafts (subjects other than the seeds', three formats), scored against
their gold files through the real CLI and the shared scorer: twelve written with the engine,
four written blind after it (see gold-blind.yaml for their first-run score)."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json

import pytest
from helpers import FIXTURES, ROOT, cli_json

FACTS = FIXTURES / "facts"


def _score(gold, drafts, findings_path) -> str:
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        score.main([str(gold), str(findings_path), "--drafts", str(drafts), "--verbose"])
    return out.getvalue()


@pytest.mark.parametrize("drafts, gold", [("drafts", "gold.yaml"), ("blind", "gold-blind.yaml")])
def test_fixture_drafts_precision_and_recall(tmp_path, drafts, gold):
    proc, data = cli_json("--select", "factual-inconsistency", "--facts", str(FACTS / "pack.yaml"),
                          "--rules", str(FACTS / "desk-rules.yaml"), str(FACTS / drafts))
    assert proc.returncode == 1, proc.stderr.decode()
    assert len({f["path"].rsplit("/", 1)[-1].split(".")[-1] for f in data["findings"]}) == 3  # txt, md, html
    assert all(f["source"].startswith("https://example.org/") for f in data["findings"]
               if f["rule"] == "fact-contradiction")
    path = tmp_path / "findings.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    report = _score(FACTS / gold, FACTS / drafts, path)
    row = next(line.split() for line in report.splitlines() if line.startswith("factual-inconsistency"))
    assert (float(row[4]), float(row[5])) == (1.0, 1.0), report
