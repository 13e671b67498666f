"""The seed drafts against their gold annotations, through the real CLI and the shared scorer.

Each mission check, once it lands, sets its category's floor here to precision = recall = 1.0.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
from pathlib import Path

import pytest

from helpers import ROOT, SEEDS, run_cli

# category -> (minimum precision, minimum recall) on the seeds
FLOORS = {
    "unsupported-citation": (1.0, 1.0),
    "self-reference": (1.0, 1.0),
    "factual-inconsistency": (1.0, 1.0),
    "unattributed-number": (1.0, 1.0),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def score_per_category(gold: Path, findings: Path, drafts: Path) -> dict[str, tuple[float, float]]:
    """Run the shared scorer and read its table back: category -> (precision, recall)."""
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        _scorer().main([str(gold), str(findings), "--drafts", str(drafts), "--verbose"])
    table = {}
    for line in buf.getvalue().splitlines():
        parts = line.split()
        if len(parts) == 6 and parts[0] in FLOORS:
            table[parts[0]] = (float(parts[4]), float(parts[5]))
    table["_report"] = buf.getvalue()
    return table


@pytest.fixture(scope="module")
def seed_scores(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds") / "findings.json"
    proc = run_cli("check", "--format", "json", *sorted(str(p) for p in SEEDS.glob("*.txt")))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    data = json.loads(proc.stdout)
    assert data["version"] == 1 and isinstance(data["findings"], list)
    out.write_text(json.dumps(data), encoding="utf-8")
    return score_per_category(SEEDS / "gold.yaml", out, SEEDS)


def test_harness_scores_every_category(seed_scores):
    assert set(FLOORS) <= set(seed_scores)


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_seed_floor(seed_scores, category):
    precision, recall = seed_scores[category]
    min_p, min_r = FLOORS[category]
    assert precision >= min_p and recall >= min_r, seed_scores["_report"]
