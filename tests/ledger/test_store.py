"""The ledger's SQLite store: record, replace, drop, conflicts, lookup, migrations. Real files."""

from __future__ import annotations

import sqlite3

import pytest

from copydesk.ledger import Entry, Ledger, LedgerError, schema
from copydesk.ledger.agreement import ALWAYS, NEVER, SAME_PERIOD
from copydesk.ledger.ingest import entry
from copydesk.model import Claim

POLICIES = {"led-by": SAME_PERIOD, "invested-in": ALWAYS, "founded": ALWAYS, "founded-by": NEVER}


def compare(relation: str, kind: str) -> str:
    return POLICIES.get(relation, NEVER)


def led_by(person: str, display: str, when: str | None = "2026-04-09", line: int = 1) -> Entry:
    return Entry("msl", "Meta Superintelligence Labs", "led-by", person, "entity", display, line, 1,
                 speaks_of=when)


def invested(value: str, display: str, tolerance: float | None = None, line: int = 1) -> Entry:
    return Entry("meta", "Meta", "invested-in", value, "amount", display, line, 1, qualifier="scale-ai",
                 tolerance=tolerance)


@pytest.fixture
def ledger(tmp_path):
    with Ledger(str(tmp_path / "ledger.db")) as opened:
        yield opened


def test_a_new_ledger_is_created_in_wal_mode_at_the_latest_schema(tmp_path):
    path = tmp_path / "sub" / "ledger.db"
    Ledger(str(path)).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.LATEST
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert "claims_by_key" in indexes
    cols = [r[2] for r in conn.execute("PRAGMA index_info(claims_by_key)")]
    assert cols[:2] == ["subject", "relation"]


def test_recording_again_replaces_a_drafts_claims(ledger):
    ledger.record("a.txt", "h1", "2026-04-09", [led_by("alexandr-wang", "Wang"), invested("14.3e9 USD", "$14.3bn")])
    ledger.record("a.txt", "h2", "2026-04-10", [led_by("alexandr-wang", "Wang")])
    assert ledger.counts() == (1, 1)
    assert ledger.draft_hash("a.txt") == "h2"


def test_drop_forgets_a_draft_or_a_folder(ledger):
    for path in ("a/1.txt", "a/2.txt", "ab.txt", "b.txt"):
        ledger.record(path, path, None, [led_by("x", "X")])
    assert ledger.drop(["a"]) == ["a/1.txt", "a/2.txt"]  # "ab.txt" is not under "a/"
    assert ledger.drop(["b.txt", "nowhere.txt"]) == ["b.txt"]
    assert ledger.paths() == ["ab.txt"] and ledger.counts() == (1, 1)


def test_every_write_bumps_the_generation(ledger):
    g0 = ledger.generation()
    ledger.record("a.txt", "h", None, [])
    ledger.drop(["a.txt"])
    assert ledger.generation() == g0 + 2
    ledger.drop(["a.txt"])  # nothing to drop: nothing changed
    assert ledger.generation() == g0 + 2


def test_conflicts_group_claims_into_sides(ledger):
    for i in range(4):
        ledger.record(f"{i}.txt", f"h{i}", "2026-04-09", [led_by("alexandr-wang", "Alexandr Wang", line=20 + i)])
    ledger.record("4.txt", "h4", "2026-04-23", [led_by("yann-lecun", "Yann LeCun", when="2026", line=14)])
    # a year earlier, and undated: not comparable with 2026, but on the side of their value
    ledger.record("8.txt", "h8", "2026-05-26", [led_by("alexandr-wang", "Alexandr Wang", when="2025", line=26)])
    ledger.record("9.txt", "h9", None, [led_by("alexandr-wang", "Alexandr Wang", when=None, line=13)])
    ledger.record("5.txt", "h5", None, [invested("14.3e9 USD", "$14.3bn", 0.0035, 9)])
    ledger.record("6.txt", "h6", None, [invested("15e9 USD", "$15 billion", 0.033, 26)])
    ledger.record("7.txt", "h7", None, [invested("14e9 USD", "$14bn", 0.036, 3)])
    found = {(c.subject, c.relation): c for c in ledger.conflicts(compare)}
    assert set(found) == {("msl", "led-by"), ("meta", "invested-in")}
    wang, lecun = found["msl", "led-by"].sides
    assert (wang.display, wang.drafts, lecun.display, lecun.drafts) == ("Alexandr Wang", 6, "Yann LeCun", 1)
    assert {(c.path, c.speaks_of) for c in wang.claims} >= {("8.txt", "2025"), ("9.txt", None)}
    assert [(c.path, c.line) for c in lecun.claims] == [("4.txt", 14)]
    rounded, fifteen = found["meta", "invested-in"].sides
    assert {c.display for c in rounded.claims} == {"$14.3bn", "$14bn"}  # within each other's rounding
    assert [c.display for c in fifteen.claims] == ["$15 billion"]
    assert found["meta", "invested-in"].qualifier == "scale-ai"


def test_no_conflict_where_claims_only_seem_to_differ(ledger):
    # amounts within rounding, dates at different precision, leaders of different years,
    # co-founders, the same entity in another relation
    ledger.record("a.txt", "a", None, [invested("14.3e9 USD", "$14.3bn"), invested("14e9 USD", "$14bn"),
                                       Entry("acme", "Acme", "founded", "2019", "date", "2019", 1, 1),
                                       Entry("acme", "Acme", "founded-by", "ann", "entity", "Ann", 1, 1)])
    ledger.record("b.txt", "b", None, [Entry("acme", "Acme", "founded", "2019-03", "date", "March 2019", 1, 1),
                                       Entry("acme", "Acme", "founded-by", "bob", "entity", "Bob", 1, 1)])
    ledger.record("c.txt", "c", "2023-05-01", [led_by("ann", "Ann", when="2023-05-01")])
    ledger.record("d.txt", "d", "2026-04-01", [led_by("bob", "Bob", when="2026-04-01")])
    ledger.record("e.txt", "e", None, [led_by("carol", "Carol", when=None)])  # time unknown
    assert list(ledger.conflicts(compare)) == []


def test_a_loose_figure_does_not_hide_two_precise_ones_that_disagree(ledger):
    ledger.record("a.txt", "a", None, [invested("14.3e9 USD", "$14.3bn")])
    ledger.record("b.txt", "b", None, [invested("14.6e9 USD", "$14.6bn")])
    ledger.record("c.txt", "c", None, [invested("14.5e9 USD", "about $14.5bn", tolerance=0.1)])
    (conflict,) = ledger.conflicts(compare)
    assert [[c.display for c in side.claims] for side in conflict.sides] == [["$14.3bn"], ["$14.6bn"]]


def test_lookup_counts_drafts_on_each_side_and_leaves_out_the_draft_itself(ledger):
    ledger.record("a.txt", "ha", "2026-04-09", [led_by("alexandr-wang", "Alexandr Wang", line=20)])
    ledger.record("b.txt", "hb", "2026-04-09", [led_by("alexandr-wang", "Wang", line=7)])
    ledger.record("c.txt", "hc", "2026-04-23", [led_by("yann-lecun", "Yann LeCun")])
    verdict = ledger.lookup(led_by("yann-lecun", "LeCun", when="2026-04-20"), SAME_PERIOD,
                            exclude_path="c.txt", exclude_hash="hc")
    assert (verdict.agreeing, verdict.disagreeing) == (0, 2)
    assert verdict.others == ["Alexandr Wang"]  # the fullest form a draft used
    assert [(e.path, e.line) for e in verdict.examples] == [("a.txt", 20), ("b.txt", 7)]
    # the same content under another name is the same draft
    verdict = ledger.lookup(led_by("yann-lecun", "LeCun"), SAME_PERIOD, exclude_path="moved.txt", exclude_hash="hc")
    assert verdict.agreeing == 0
    # another period: nothing comparable
    verdict = ledger.lookup(led_by("yann-lecun", "LeCun", when="2019-01-01"), SAME_PERIOD)
    assert (verdict.agreeing, verdict.disagreeing) == (0, 0)
    assert ledger.lookup(led_by("yann-lecun", "LeCun", when=None), SAME_PERIOD) is None
    assert ledger.lookup(led_by("yann-lecun", "LeCun"), NEVER) is None


def test_an_entry_is_built_from_a_claim():
    claim = Claim(subject="meta", subject_name="Meta", relation="invested-in", value="15e9 USD",
                  display="$15 billion", kind="amount", start=10, end=21, when=None, qualifier="scale-ai",
                  tolerance=0.033)
    e = entry(claim, "2026-04-08", line=26, col=5)
    assert (e.speaks_of, e.qualifier, e.tolerance, e.line) == ("2026-04-08", "scale-ai", 0.033, 26)
    claim.when = "2025-06"
    assert entry(claim, "2026-04-08").speaks_of == "2025-06"  # the sentence's own time wins


def test_read_only_open_of_a_missing_ledger_says_how_to_create_it(tmp_path):
    with pytest.raises(LedgerError, match="no such file.*ledger add"):
        Ledger(str(tmp_path / "none.db"), readonly=True)
    assert not (tmp_path / "none.db").exists()


def test_read_only_connection_cannot_write(tmp_path):
    path = str(tmp_path / "l.db")
    Ledger(path).close()
    with Ledger(path, readonly=True) as ro, pytest.raises(LedgerError, match="cannot record a.txt"):
        ro.record("a.txt", "h", None, [])


def test_a_file_that_is_not_a_ledger_is_an_error_naming_it(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("not sqlite " * 100)
    with pytest.raises(LedgerError, match="notes.db"):
        Ledger(str(path))


def test_migrations_upgrade_an_old_ledger_and_refuse_a_newer_one(tmp_path, monkeypatch):
    path = str(tmp_path / "l.db")
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])  # a ledger from schema 1
    monkeypatch.setattr(schema, "LATEST", 1)
    with Ledger(path) as old:
        old.conn.execute("BEGIN")
        old.conn.execute("INSERT INTO drafts VALUES (1, 'a.txt', 'ha', NULL, 'now'), (2, 'b.txt', 'hb', NULL, 'now')")
        for draft, who in ((1, "ann"), (2, "bob")):
            old.conn.execute("INSERT INTO claims (draft_id, subject, subject_name, relation, value, kind, "
                             "display, speaks_of, period_start, period_end, line, col) VALUES "
                             f"({draft}, 'msl', 'MSL', 'led-by', '{who}', 'entity', '{who}', '2026-04', "
                             "'2026-04-01', '2026-04-30', 1, 1)")
        old.conn.execute("COMMIT")
    monkeypatch.undo()
    with Ledger(path) as upgraded:  # schema 2 adds the per-claim counts, built from the claims
        assert schema.version(upgraded.conn) == schema.LATEST == 2
        assert upgraded.counts() == (2, 2)
        verdict = upgraded.lookup(led_by("ann", "Ann", when="2026-04-09"), SAME_PERIOD)
        assert (verdict.agreeing, verdict.disagreeing) == (1, 1)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [(3, "CREATE TABLE notes (body TEXT);")])
    monkeypatch.setattr(schema, "LATEST", 3)
    Ledger(path).close()
    monkeypatch.undo()
    with pytest.raises(LedgerError, match="newer"):
        Ledger(path)
    with pytest.raises(LedgerError, match="schema version 3"):
        Ledger(path, readonly=True)


def test_a_failed_migration_leaves_the_ledger_as_it_was(tmp_path, monkeypatch):
    path = str(tmp_path / "l.db")
    Ledger(path).close()
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS + [(3, "CREATE TABLE t (a); BROKEN SQL;")])
    monkeypatch.setattr(schema, "LATEST", 3)
    with pytest.raises(LedgerError):
        Ledger(path)
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 't'").fetchall()


def test_counts_follow_records_replacements_and_drops(ledger):
    ledger.record("a.txt", "ha", None, [invested("14.3e9 USD", "$14.3bn"), invested("14.3e9 USD", "$14.3 billion")])
    ledger.record("b.txt", "hb", None, [invested("14.3e9 USD", "$14.3bn")])
    probe = invested("15e9 USD", "$15bn")
    assert ledger.lookup(probe, ALWAYS).disagreeing == 2  # a draft saying it twice counts once
    ledger.record("a.txt", "ha2", None, [invested("15e9 USD", "$15bn")])
    assert (ledger.lookup(probe, ALWAYS).agreeing, ledger.lookup(probe, ALWAYS).disagreeing) == (1, 1)
    ledger.drop(["b.txt"])
    assert ledger.lookup(probe, ALWAYS).disagreeing == 0
    assert ledger.conn.execute("SELECT COUNT(*) FROM claim_counts").fetchone()[0] == 1  # no empty rows


def test_a_writer_locked_out_past_the_busy_timeout_gets_an_error_naming_the_ledger(tmp_path):
    path = str(tmp_path / "l.db")
    Ledger(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another CI job in the middle of a write
    try:
        with Ledger(path, timeout=0.2) as waiting, pytest.raises(LedgerError, match="l.db: cannot record a.txt"):
            waiting.record("a.txt", "h", None, [led_by("x", "X")])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with Ledger(path) as ledger:
        ledger.record("a.txt", "h", None, [led_by("x", "X")])  # once the lock is released
        assert ledger.counts() == (1, 1)
