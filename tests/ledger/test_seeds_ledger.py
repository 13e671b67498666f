"""The issue's acceptance on the seed drafts: ``ledger add seeds/`` then ``ledger conflicts``."""

from __future__ import annotations

import json
import os

from helpers import SEEDS, run_cli


def test_seed_archive_conflicts_are_who_leads_msl_and_the_scale_ai_deal(tmp_path):
    db = str(tmp_path / "ledger.db")
    proc = run_cli("ledger", "add", "--db", db, os.path.relpath(SEEDS), cwd=SEEDS.parent)
    assert proc.returncode == 0, proc.stderr
    proc = run_cli("ledger", "conflicts", "--db", db, "--format", "json", cwd=SEEDS.parent)
    assert proc.returncode == 1
    conflicts = {(c["subject"], c["relation"]): c for c in json.loads(proc.stdout)["conflicts"]}
    assert set(conflicts) == {("msl", "led-by"), ("meta", "invested-in")}  # and nothing else

    def sides(key):
        return {s["value"]: sorted(c["path"].split("/")[-1][:3] for c in s["claims"])
                for s in conflicts[key]["sides"]}

    leads = sides(("msl", "led-by"))
    assert leads["yann-lecun"] == ["004"]
    assert {"000", "003"} <= set(leads["alexandr-wang"]) <= {"000", "001", "002", "003"}
    deal = conflicts[("meta", "invested-in")]
    assert deal["qualifier"] == "scale-ai"
    assert {s["display"]: [c["path"][-24:-21] for c in s["claims"]] for s in deal["sides"]} == {
        "$14.3bn": ["002"], "$15 billion": ["003"]}
