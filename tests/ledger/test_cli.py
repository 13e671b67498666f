"""``copydesk ledger drop`` and ``conflicts`` through the real command line, on a real file.

The ledger is filled through the API here; ``ledger add`` (which needs the fact check's claim
extraction) is exercised on the seed drafts in ``test_seeds_ledger.py``.
"""

from __future__ import annotations

import json

from helpers import run_cli

from copydesk.ledger import Entry, Ledger


def fill(db) -> None:
    with Ledger(str(db)) as ledger:
        for i, who in enumerate(("alexandr-wang", "alexandr-wang", "yann-lecun")):
            display = {"alexandr-wang": "Alexandr Wang", "yann-lecun": "Yann LeCun"}[who]
            ledger.record(f"drafts/{i}.txt", f"h{i}", "2026-04-09", [
                Entry("msl", "Meta Superintelligence Labs", "led-by", who, "entity", display, 10 + i, 4,
                      speaks_of="2026-04-09")])
        ledger.record("drafts/3.txt", "h3", "2026-04-09", [
            Entry("acme", "Acme", "founded", "2019", "date", "2019", 2, 1)])


def test_conflicts_in_text_and_json(tmp_path):
    fill(tmp_path / "l.db")
    proc = run_cli("ledger", "conflicts", "--db", "l.db", cwd=tmp_path)
    assert proc.returncode == 1  # conflicts found, as check exits 1 on findings
    out = proc.stdout.decode()
    assert "Meta Superintelligence Labs [msl] led-by" in out
    assert "drafts/2.txt:12:4: Yann LeCun" in out and "1 conflict" in out
    proc = run_cli("ledger", "conflicts", "--db", "l.db", "--format", "json", cwd=tmp_path)
    data = json.loads(proc.stdout)
    (conflict,) = data["conflicts"]
    assert data["version"] == 1 and conflict["relation"] == "led-by"
    assert [(s["display"], s["drafts"]) for s in conflict["sides"]] == [("Alexandr Wang", 2), ("Yann LeCun", 1)]
    assert conflict["sides"][1]["claims"][0] == {
        "path": "drafts/2.txt", "line": 12, "column": 4, "display": "Yann LeCun", "value": "yann-lecun",
        "speaks_of": "2026-04-09"}


def test_drop_a_draft_then_no_conflict_remains(tmp_path):
    fill(tmp_path / "l.db")
    proc = run_cli("ledger", "drop", "--db", "l.db", "./drafts/2.txt", cwd=tmp_path)
    assert proc.returncode == 0 and "drafts/2.txt: dropped" in proc.stdout.decode()
    proc = run_cli("ledger", "conflicts", "--db", "l.db", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.decode().strip() == "0 conflicts"


def test_drop_missing_forgets_drafts_whose_file_is_gone(tmp_path):
    fill(tmp_path / "l.db")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "1.txt").write_text("still here")
    proc = run_cli("ledger", "drop", "--db", "l.db", "--missing", cwd=tmp_path)
    assert proc.returncode == 0
    with Ledger(str(tmp_path / "l.db"), readonly=True) as ledger:
        assert ledger.paths() == ["drafts/1.txt"]


def test_default_database_comes_from_the_config_then_the_default_path(tmp_path):
    (tmp_path / ".copydesk.yaml").write_text("ledger: archive/claims.db\n")
    (tmp_path / "archive").mkdir()
    fill(tmp_path / "archive" / "claims.db")
    proc = run_cli("ledger", "conflicts", cwd=tmp_path)
    assert proc.returncode == 1 and "led-by" in proc.stdout.decode()
    (tmp_path / ".copydesk.yaml").unlink()
    proc = run_cli("ledger", "conflicts", cwd=tmp_path)  # .copydesk/ledger.db does not exist
    assert proc.returncode == 2 and ".copydesk/ledger.db" in proc.stderr.decode()


def test_errors_name_the_file_and_exit_2(tmp_path):
    (tmp_path / "bad.db").write_text("this is not a database " * 50)
    proc = run_cli("ledger", "conflicts", "--db", "bad.db", cwd=tmp_path)
    assert proc.returncode == 2 and "bad.db" in proc.stderr.decode()
    proc = run_cli("ledger", "drop", "--db", "l.db", cwd=tmp_path)
    assert proc.returncode == 2 and "--missing" in proc.stderr.decode()
    proc = run_cli("ledger", cwd=tmp_path)
    assert proc.returncode == 2
