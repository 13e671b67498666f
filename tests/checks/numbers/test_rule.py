"""The unattributed-number rule through copydesk's public surface: CLI, JSON, docs, options,
rule packs a desk adds, and speed."""

from __future__ import annotations

import json
import statistics
import time

import pytest
from helpers import SEEDS, cli_json, run_cli

from copydesk.checks.numbers.check import UnattributedNumberCheck
from copydesk.checks.numbers.rule import UNATTRIBUTED_NUMBER
from copydesk.testing import lint_text, spans

RULE = "unattributed-number"


def test_explain_shows_the_four_sections():
    proc = run_cli("explain", RULE)
    out = proc.stdout.decode()
    assert proc.returncode == 0
    for section in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert section in out
    assert "category: unattributed-number" in out and "default severity: warning" in out


def test_bad_example_is_flagged_and_good_example_is_not():
    bad = lint_text(UNATTRIBUTED_NUMBER.bad, select=[RULE])
    assert spans(bad, UNATTRIBUTED_NUMBER.bad) == ["9%", "1.2 billion"]
    assert lint_text(UNATTRIBUTED_NUMBER.good, select=[RULE]) == []


def test_json_output_gives_the_figure_span_and_contract_fields():
    text = "Intro line.\n\nThe startup raised $120m from 14 investors, and revenue grew 3x.\n"
    proc, data = cli_json("--select", RULE, "--stdin-filename", "draft.md", "-", input=text)
    assert proc.returncode == 1
    found = [(f["line"], f["column"], f["end_column"], f["rule"], f["category"], f["severity"])
             for f in data["findings"]]
    assert found == [(3, 20, 25, RULE, RULE, "warning"), (3, 31, 33, RULE, RULE, "warning"),
                     (3, 62, 64, RULE, RULE, "warning")]
    assert all("no source" in f["message"] for f in data["findings"])


def test_same_findings_in_every_format(tmp_path):
    sentence = "Downloads reached 4,193,034 on the hub, up 12%."
    drafts = {"a.txt": sentence + "\n",
              "a.md": f"# Title\n\n{sentence}\n",
              "a.html": f"<html><body><h1>Title</h1><p>{sentence}</p></body></html>\n"}
    for name, text in drafts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    _, data = cli_json("--select", RULE, str(tmp_path))
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(f["path"].rsplit("/", 1)[-1], []).append(f["message"])
    assert set(by_file) == set(drafts)
    assert len({tuple(m) for m in by_file.values()}) == 1 and len(by_file["a.md"]) == 2


def test_vague_magnitudes_are_reported_only_when_asked(tmp_path):
    text = "Training costs hundreds of millions of dollars.\n"
    assert lint_text(text, select=[RULE]) == []
    config = tmp_path / ".copydesk.yaml"
    config.write_text(f"options:\n  {RULE}:\n    vague: true\n", encoding="utf-8")
    reports = lint_text(text, select=[RULE], config_file=str(config))
    assert [(r.severity, s) for r, s in zip(reports, spans(reports, text))] == [("info", "hundreds of millions of")]


def test_a_desk_extends_cues_and_non_figures_in_its_own_rule_pack(tmp_path):
    text = "Attendance was 48,000, the almanac records. She won the 1,000 Guineas in May.\n"
    assert spans(lint_text(text, select=[RULE]), text) == ["48,000", "1,000"]
    pack = tmp_path / "desk.yaml"
    pack.write_text(
        "reporting_verbs: [records]\n"
        "speakers: [almanac]\n"
        "not_figures:\n"
        "  - {pattern: '{n} Guineas', why: a horse race}\n", encoding="utf-8")
    assert lint_text(text, select=[RULE], rules=[pack]) == []


def test_a_broken_pattern_in_a_desk_pack_names_the_pack(tmp_path):
    pack = tmp_path / "broken.yaml"
    pack.write_text("hedges:\n  - {pattern: '(unclosed'}\n", encoding="utf-8")
    proc = run_cli("check", "--select", RULE, "--rules", str(pack), str(SEEDS / "002_beaad912f1c43338.txt"))
    assert proc.returncode == 2
    assert "broken.yaml" in proc.stderr.decode() and "bad pattern" in proc.stderr.decode()


def test_listed_by_the_rules_command():
    proc = run_cli("rules", "--format", "json")
    rules = {r["id"]: r for r in json.loads(proc.stdout)}
    assert rules[RULE]["category"] == RULE and rules[RULE]["plugin"] == "copydesk.checks.numbers"


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_a_seed_draft_takes_a_few_milliseconds(seed):
    from copydesk.config import Config
    from copydesk.engine import Engine, Options

    engine = Engine(Options(select=(RULE,)))
    text = seed.read_text(encoding="utf-8")
    context = engine.context(str(seed), Config())
    check = UnattributedNumberCheck()
    times = []
    for _ in range(5):
        document = engine.reader_for(str(seed)).read(str(seed), text)
        _ = document.sentences
        start = time.perf_counter()
        list(check.run(document, context))
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.025  # measured 1-3 ms; generous for shared CI cores


@pytest.mark.parametrize("pack", ["numbers.yaml", "attribution.yaml"])
def test_word_lists_hold_only_strings(pack):
    """YAML reads a bare no/on/yes as a boolean: such words must be quoted in the packs."""
    import yaml
    from helpers import ROOT

    data = yaml.safe_load((ROOT / "rules" / pack).read_text(encoding="utf-8"))
    for section, items in data.items():
        for item in items:
            values = [v for v in item.values() if isinstance(v, list)] if isinstance(item, dict) else [[item]]
            bad = [v for vs in values for v in vs if not isinstance(v, str)]
            assert not bad, f"{pack}: {section}: {bad} must be quoted strings"
