"""Nothing committed is ever lost: a writer killed mid-run, and concurrent writers (real processes)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from copydesk.ledger import Ledger

WRITER = str(Path(__file__).with_name("writer.py"))
CLAIMS_PER_DRAFT = 25


def writer(db, start, stop) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, WRITER, str(db), str(start), str(stop)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def integrity(db) -> str:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def claims_per_draft(db) -> dict[str, int]:
    with Ledger(str(db), readonly=True) as ledger:
        return dict(ledger.conn.execute(
            "SELECT d.path, COUNT(c.id) FROM drafts d LEFT JOIN claims c ON c.draft_id = d.id GROUP BY d.path"))


def test_a_writer_killed_mid_run_loses_nothing_it_committed(tmp_path):
    db = tmp_path / "ledger.db"
    proc = writer(db, 0, 100_000)
    committed = []
    for line in proc.stdout:
        committed.append(line.strip())
        if len(committed) == 40:
            os.kill(proc.pid, signal.SIGKILL)  # somewhere inside the next transaction
            break
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert integrity(db) == "ok"
    recorded = claims_per_draft(db)
    assert set(committed) <= set(recorded)
    assert all(n == CLAIMS_PER_DRAFT for n in recorded.values())  # no half-recorded draft
    with Ledger(str(db)) as ledger:  # and it opens for writing again
        ledger.record("after.txt", "h", None, [])


def test_four_concurrent_writers_record_all_200_drafts(tmp_path):
    db = tmp_path / "ledger.db"
    procs = [writer(db, i * 50, (i + 1) * 50) for i in range(4)]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    assert integrity(db) == "ok"
    recorded = claims_per_draft(db)
    assert len(recorded) == 200
    assert all(n == CLAIMS_PER_DRAFT for n in recorded.values())
