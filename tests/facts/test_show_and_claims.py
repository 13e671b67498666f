"""``copydesk facts show`` and ``facts claims``, and the claims API the ledger builds on."""

from __future__ import annotations

import json

import pytest
from helpers import FIXTURES, SEEDS, run_cli

from copydesk.engine import Engine, Options
from copydesk.facts import extract_claims, functional


def test_show_by_alias_lists_facts_and_sources():
    proc = run_cli("facts", "show", "LeCun")
    out = proc.stdout.decode()
    assert proc.returncode == 0
    assert out.startswith("Yann LeCun  [yann-lecun, person]")
    assert "role: Chief AI Scientist at Meta Platforms  from 2018 to 2025-12" in out
    assert "source: https://" in out and "named in:" in out and "AMI Labs founded-by: Yann LeCun" in out


def test_show_with_an_extra_pack_and_unknown_names():
    proc = run_cli("facts", "show", "voltaris", "--facts", str(FIXTURES / "facts" / "pack.yaml"))
    assert proc.returncode == 0 and "led-by: Marcus Feld  since 2023-09" in proc.stdout.decode()
    proc = run_cli("facts", "show", "Nobody Atall")
    assert proc.returncode == 2 and "no entity 'Nobody Atall'" in proc.stderr.decode()


def test_claims_command_json():
    proc = run_cli("facts", "claims", "--format", "json", str(SEEDS / "004_b7c2376b912a5aec.txt"))
    rows = json.loads(proc.stdout)
    assert {(r["line"], r["subject"], r["relation"], r["value"]) for r in rows} == {
        (10, "llama", "released", "2023"), (14, "msl", "led-by", "yann-lecun"), (14, "msl", "founded", "2026")}


def _claims(name: str, **options):
    engine = Engine(Options(**options))
    path = str(SEEDS / name) if "/" not in name else name
    text = open(path, encoding="utf-8").read()
    document = engine.reader_for(path).read(path, text)
    return extract_claims(document, engine.context(path, engine.config_for(path)))


@pytest.mark.parametrize("seed", ["000_447e9943cd01761e.txt", "002_beaad912f1c43338.txt",
                                  "003_3d9ca42a259eed1b.txt"])
def test_seeds_say_wang_leads_msl(seed):
    assert any((c.subject, c.relation, c.value, c.kind) == ("msl", "led-by", "alexandr-wang", "entity")
               for c in _claims(seed))


def test_seed_004_says_lecun_leads_msl():
    [claim] = [c for c in _claims("004_b7c2376b912a5aec.txt") if c.relation == "led-by"]
    assert (claim.subject, claim.subject_name, claim.value, claim.display) == (
        "msl", "Meta Superintelligence Labs", "yann-lecun", "Yann LeCun")
    assert claim.when == "2026"  # "in early 2026"


@pytest.mark.parametrize("seed, display, value, tolerance", [
    ("002_beaad912f1c43338.txt", "$14.3bn", "14.3e9 USD", 0.05 / 14.3),
    ("003_3d9ca42a259eed1b.txt", "$15 billion", "15e9 USD", 0.5 / 15),
])
def test_meta_investment_in_scale_ai_is_an_amount_claim(seed, display, value, tolerance):
    [claim] = [c for c in _claims(seed) if c.kind == "amount"]
    assert (claim.subject, claim.relation, claim.qualifier) == ("meta", "invested-in", "scale-ai")
    assert (claim.display, claim.value) == (display, value)
    assert claim.tolerance == pytest.approx(tolerance, abs=1e-6)
    text = (SEEDS / seed).read_text(encoding="utf-8")
    assert text[claim.start:claim.end] == display


def test_claim_values_are_canonical():
    claims = {(c.subject, c.relation): c for c in _claims("003_3d9ca42a259eed1b.txt")}
    role = claims[("yann-lecun", "role")]
    assert (role.value, role.qualifier, role.kind, role.when) == ("chief ai scientist", "meta", "text", "2025-11")
    assert claims[("llama-4", "released")].value == "2025-04"
    assert claims[("llama-4", "released")].when is None  # timeless relations have no time


def test_denied_and_quoted_statements_are_not_claims(tmp_path):
    draft = tmp_path / "d.txt"
    draft.write_text('Yann LeCun never led Meta Superintelligence Labs.\n\n'
                     '"Scale AI was founded in 2012," he joked.\n', encoding="utf-8")
    assert _claims(str(draft)) == []


def test_functional_relations():
    engine = Engine()
    context = engine.context("x.txt", engine.config_for("x.txt"))
    assert functional("led-by", context) and functional("founded", context)
    assert not functional("founded-by", context) and not functional("invested-in", context)
    assert not functional("no-such-relation", context)
