"""Our own drafts (tests/fixtures/numbers, three formats) against their gold file, through the
real CLI and the shared scorer, as the seeds are scored."""

from __future__ import annotations

import json
from collections import Counter

import pytest
from helpers import FIXTURES, run_cli
from test_seeds import score_per_category

DRAFTS = FIXTURES / "numbers"
CATEGORY = "unattributed-number"


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
