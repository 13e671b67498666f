"""``check --ledger``: the ledger-contradiction rule through the real command line.

The cast is fictional and comes from a fact pack written here with entities and no facts, so
the ledger (not a fact pack) is what judges their claims.
"""

from __future__ import annotations

import json

import pytest
from helpers import cli_json, run_cli

from copydesk.engine import Engine, Options
from copydesk.ledger import Ledger
from copydesk.ledger.ingest import record_file

CAST = """\
entities:
  - {id: acme, name: Acme Robotics, type: organization}
  - {id: dana, name: Dana Whitfield, type: person}
  - {id: marco, name: Marco Ferri, type: person}
  - {id: nordia, name: Nordia Capital, type: organization}
facts: []
"""
WHITFIELD = "Acme Robotics, led by Dana Whitfield, opened a second plant this spring.\n"
FERRI = "Acme Robotics, led by Marco Ferri, opened a second plant this spring.\n"
ARGS = ("--facts", "cast.yaml", "--date", "2026-04-09", "--select", "ledger-contradiction")


def record(folder, *names) -> None:
    """What ``ledger add`` does, in process (the CLI verb has its own tests below)."""
    with Ledger("l.db") as ledger:
        engine = Engine(Options(facts=("cast.yaml",), date="2026-04-09"))
        for name in names:
            assert record_file(ledger, engine, name).status in ("added", "updated")


@pytest.fixture
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cast.yaml").write_text(CAST, encoding="utf-8")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "a.txt").write_text(WHITFIELD, encoding="utf-8")
    (archive / "b.txt").write_text("Profits rose. " + WHITFIELD, encoding="utf-8")
    (tmp_path / "new.txt").write_text(FERRI, encoding="utf-8")
    (tmp_path / "good.txt").write_text(WHITFIELD.replace("second", "third"), encoding="utf-8")
    record(tmp_path, "archive/a.txt", "archive/b.txt")
    return tmp_path


def test_a_claim_the_archive_contradicts_is_a_warning_naming_the_drafts(desk):
    proc, data = cli_json("new.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert proc.returncode == 1
    (finding,) = data["findings"]
    assert finding["rule"] == "ledger-contradiction"
    assert finding["category"] == "factual-inconsistency" and finding["severity"] == "warning"
    assert (finding["line"], finding["column"], finding["end_column"]) == (1, 23, 34)  # "Marco Ferri"
    message = finding["message"]
    assert "Acme Robotics is led by Marco Ferri here" in message
    assert "2 published drafts" in message and "Dana Whitfield" in message
    assert "archive/a.txt:1" in message and "archive/b.txt:1" in message


def test_an_agreeing_claim_is_not_flagged(desk):
    proc, data = cli_json("good.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert proc.returncode == 0 and data["findings"] == []


def test_the_rule_is_silent_without_a_ledger(desk):
    proc, data = cli_json("new.txt", *ARGS, cwd=desk)
    assert proc.returncode == 0 and data["findings"] == []


def test_the_config_can_name_the_ledger(desk):
    (desk / ".copydesk.yaml").write_text("ledger: l.db\n", encoding="utf-8")
    proc, data = cli_json("new.txt", *ARGS, cwd=desk)
    assert len(data["findings"]) == 1


def test_a_draft_is_not_contradicted_by_its_own_earlier_version(desk):
    (desk / "archive" / "a.txt").write_text(FERRI, encoding="utf-8")  # edited after recording
    proc, data = cli_json("archive/a.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    (finding,) = data["findings"]  # only b.txt says otherwise
    assert "1 published draft in the claim ledger says Dana Whitfield (archive/b.txt:1)" in finding["message"]


def test_a_split_archive_does_not_outvote_a_draft(desk):
    (desk / "archive" / "c.txt").write_text(FERRI, encoding="utf-8")
    (desk / "archive" / "d.txt").write_text(FERRI.replace("second", "fourth"), encoding="utf-8")
    record(desk, "archive/c.txt", "archive/d.txt")
    proc, data = cli_json("good.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert data["findings"] == []  # 2 say Whitfield, 2 say Ferri: not a majority against it


def test_a_fact_pack_outranks_the_ledger(desk):
    (desk / "cast.yaml").write_text(CAST.replace("facts: []", "facts:\n  - {subject: acme, relation: led-by, "
                                                 "object: marco, from: 2026-01}"), encoding="utf-8")
    proc, data = cli_json("new.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert data["findings"] == []  # the pack says Ferri: the fact check's call, not the archive's


def test_amounts_within_rounding_do_not_contradict(desk):
    deal = "Nordia Capital invested {} in Acme Robotics, the companies said.\n"
    (desk / "archive" / "deal.txt").write_text(deal.format("$2.4bn"), encoding="utf-8")
    record(desk, "archive/deal.txt")
    (desk / "rounded.txt").write_text(deal.format("$2bn"), encoding="utf-8")
    (desk / "off.txt").write_text(deal.format("$3.1bn"), encoding="utf-8")
    proc, data = cli_json("rounded.txt", "off.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert [(f["path"], f["line"], f["column"]) for f in data["findings"]] == [("off.txt", 1, 25)]
    assert "$2.4bn" in data["findings"][0]["message"]


def test_a_missing_ledger_is_an_error_naming_it(desk):
    proc = run_cli("check", "new.txt", "--ledger", "nowhere.db", *ARGS, cwd=desk)
    assert proc.returncode == 2 and "nowhere.db" in proc.stderr.decode()
    assert not (desk / "nowhere.db").exists()


def test_cached_results_follow_the_ledger(desk):
    proc, data = cli_json("new.txt", "--ledger", "l.db", *ARGS, cwd=desk)
    assert len(data["findings"]) == 1
    run_cli("ledger", "drop", "--db", "l.db", "archive", cwd=desk)
    proc, data = cli_json("new.txt", "--ledger", "l.db", *ARGS, cwd=desk)  # same draft, same options
    assert data["findings"] == []


def test_re_adding_an_unchanged_draft_is_a_no_op_and_a_changed_one_replaces_its_claims(desk):
    proc = run_cli("ledger", "add", "--db", "l.db", "--facts", "cast.yaml", "--date", "2026-04-09", "archive",
                   cwd=desk)
    assert "0 added, 0 updated, 2 unchanged" in proc.stdout.decode()
    (desk / "archive" / "a.txt").write_text(FERRI, encoding="utf-8")
    proc = run_cli("ledger", "add", "--db", "l.db", "--facts", "cast.yaml", "--date", "2026-04-09", "archive",
                   cwd=desk)
    assert "archive/a.txt: updated, 1 claim" in proc.stdout.decode()
    proc = run_cli("ledger", "conflicts", "--db", "l.db", "--format", "json", cwd=desk)
    (conflict,) = json.loads(proc.stdout)["conflicts"]
    assert [s["display"] for s in conflict["sides"]] == ["Dana Whitfield", "Marco Ferri"]
