"""Gold-annotated fixture drafts for the citation and self-reference rules.

``tests/fixtures/citations/rules/`` holds one draft per rule and format (``RULE.txt``,
``RULE.md``, ``RULE.html``); its ``gold.yaml`` marks the positives (``expect``, with the
``rule`` each is about) and the near-misses that must stay silent (``must_not``).
``tests/fixtures/citations/drafts/`` holds longer drafts scored as a set. The real CLI runs
once per folder; matching uses the shared scorer's own ``overlaps``.
"""

from __future__ import annotations

import importlib.util
import json
from functools import lru_cache
from pathlib import Path

import yaml
from helpers import FIXTURES, ROOT, cli_json

CITATIONS = FIXTURES / "citations"
RULES_DIR = CITATIONS / "rules"
DRAFTS_DIR = CITATIONS / "drafts"
CATEGORIES = "unsupported-citation,self-reference"
FORMATS = ("txt", "md", "html")


@lru_cache(maxsize=1)
def scorer():
    spec = importlib.util.spec_from_file_location("score", ROOT / "tests" / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@lru_cache(maxsize=4)
def findings(folder: Path) -> tuple[dict, ...]:
    """Every finding of the two categories over a fixture folder, from one CLI run."""
    proc, data = cli_json("--select", CATEGORIES, "--no-cache", str(folder))
    assert proc.returncode in (0, 1), proc.stderr.decode()
    return tuple(data["findings"])


@lru_cache(maxsize=4)
def gold(folder: Path) -> dict:
    return yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))["files"]


def of_file(folder: Path, name: str) -> list[dict]:
    return [f for f in findings(folder) if Path(f["path"]).name == name]


def matches(folder: Path, name: str, finding: dict, entry: dict) -> bool:
    return finding["category"] == entry["category"] and scorer().overlaps(finding, name, entry, str(folder))


def check_rule_fixture(rule: str, fmt: str) -> None:
    """The rule's fixture in one format: every positive found by that rule, no finding of the
    rule elsewhere, and nothing of its category on a near-miss."""
    name = f"{rule}.{fmt}"
    entries = gold(RULES_DIR)[name]
    found = of_file(RULES_DIR, name)
    mine = [f for f in found if f["rule"] == rule]
    expected = [e for e in entries.get("expect", []) if e.get("rule") == rule]
    assert expected, f"{name}: the fixture has no positive for {rule}"
    for entry in expected:
        assert any(matches(RULES_DIR, name, f, entry) for f in mine), (
            f"{name}:{entry['line']}: {rule} should flag {entry['text']!r}; found {mine}")
    allowed = expected + [e for e in entries.get("may", []) if e.get("rule") == rule]
    for f in mine:
        assert any(matches(RULES_DIR, name, f, e) for e in allowed), f"{name}: unexpected {f}"
    for entry in entries.get("must_not", []):
        hits = [f for f in found if matches(RULES_DIR, name, f, entry)]
        assert not hits, f"{name}:{entry['line']}: {entry['text']!r} must stay silent, got {hits}"


def score(folder: Path, tmp: Path) -> dict[str, tuple[float, float]]:
    """Precision and recall per category over a fixture folder, by the shared scorer."""
    from test_seeds import score_per_category

    out = tmp / f"{folder.name}-findings.json"
    out.write_text(json.dumps({"version": 1, "findings": list(findings(folder))}), encoding="utf-8")
    return score_per_category(folder / "gold.yaml", out, folder)
