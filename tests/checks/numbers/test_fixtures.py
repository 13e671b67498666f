"""Our own drafts (tests/fixtures/numbers, three formats) against their gold file, through the
real CLI and the shared scorer, as the seeds are scored."""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest
from helpers import FIXTURES, ROOT, run_cli

DRAFTS = FIXTURES / "numbers"
CATEGORY = "unattributed-number"


def score_per_category(gold, findings, drafts):
    """The seeds test's reading of the shared scorer, loaded by path: several test modules are
    called test_seeds.py, so importing it by name is ambiguous."""
    spec = importlib.util.spec_from_file_location("copydesk_seed_scores", ROOT / "tests" / "test_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.score_per_category(gold, findings, drafts)


@pytest.fixture(scope="module")
def scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("numbers") / "findings.json"
    proc = run_cli("check", "--format", "json", "--select", CATEGORY, str(DRAFTS))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    out.write_text(proc.stdout.decode("utf-8"), encoding="utf-8")
    return score_per_category(DRAFTS / "gold.yaml", out, DRAFTS), json.loads(proc.stdout)


def test_fixture_set_covers_three_formats():
    drafts = [p for p in DRAFTS.iterdir() if p.suffix in (".txt", ".md", ".html")]
    assert len(drafts) >= 10
    assert Counter(p.suffix for p in drafts).keys() == {".txt", ".md", ".html"}


def test_every_format_reports_figures(scores):
    _, data = scores
    flagged = {p.rsplit(".", 1)[-1] for p in (f["path"] for f in data["findings"])}
    assert flagged == {"txt", "md", "html"}


def test_precision_and_recall(scores):
    table, _ = scores
    assert table[CATEGORY] == (1.0, 1.0), table["_report"]
