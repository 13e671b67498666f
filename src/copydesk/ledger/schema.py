"""The ledger's schema, as numbered migrations recorded in ``PRAGMA user_version``.

A migration is applied once, inside the same write transaction that bumps the version, so two
processes opening a fresh ledger at the same moment cannot both apply it. Never edit a shipped
migration: append a new one.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: list[tuple[int, str]] = [
    (1, """
        CREATE TABLE drafts (
            id            INTEGER PRIMARY KEY,
            path          TEXT NOT NULL UNIQUE,  -- as given, relative to the working directory
            content_hash  TEXT NOT NULL,         -- sha256 of the decoded draft
            draft_date    TEXT,                  -- the draft's publication date, ISO
            added_at      TEXT NOT NULL
        );
        CREATE INDEX drafts_by_hash ON drafts (content_hash);

        CREATE TABLE claims (
            id            INTEGER PRIMARY KEY,
            draft_id      INTEGER NOT NULL REFERENCES drafts (id),
            subject       TEXT NOT NULL,         -- entity id
            subject_name  TEXT NOT NULL,
            relation      TEXT NOT NULL,
            qualifier     TEXT,                  -- e.g. the organisation of a role
            value         TEXT NOT NULL,         -- normalised (see copydesk.model.Claim)
            kind          TEXT NOT NULL,         -- entity | date | amount | text
            display       TEXT NOT NULL,         -- as the draft wrote it
            tolerance     REAL,                  -- an amount's own rounding, relative
            speaks_of     TEXT,                  -- when the statement holds, else the draft date
            period_start  TEXT,                  -- speaks_of as a span (see agreement.period)
            period_end    TEXT,
            line          INTEGER NOT NULL,
            col           INTEGER NOT NULL
        );
        CREATE INDEX claims_by_key ON claims (subject, relation, value);
        CREATE INDEX claims_by_draft ON claims (draft_id);

        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        INSERT INTO meta (key, value) VALUES ('generation', '0');
    """),
    # How many drafts make each distinct claim: a lookup reads a few summary rows instead of
    # every claim about a much-written-about entity. '' and -1 stand for "none" (NULL would not
    # match itself in the primary key).
    (2, """
        CREATE TABLE claim_counts (
            subject       TEXT NOT NULL,
            relation      TEXT NOT NULL,
            qualifier     TEXT NOT NULL,
            kind          TEXT NOT NULL,
            value         TEXT NOT NULL,
            tolerance     REAL NOT NULL,
            period_start  TEXT NOT NULL,
            period_end    TEXT NOT NULL,
            drafts        INTEGER NOT NULL,
            display       TEXT NOT NULL,         -- the fullest form a draft used
            PRIMARY KEY (subject, relation, qualifier, kind, value, tolerance, period_start, period_end)
        ) WITHOUT ROWID;
        INSERT INTO claim_counts
            SELECT subject, relation, COALESCE(qualifier, ''), kind, value, COALESCE(tolerance, -1),
                   COALESCE(period_start, ''), COALESCE(period_end, ''), COUNT(DISTINCT draft_id),
                   display
            FROM claims GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
    """),
]

LATEST = MIGRATIONS[-1][0]


class SchemaError(Exception):
    """The ledger was written by a newer copydesk, or cannot be upgraded."""


def version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date; returns the version found before. ``conn`` is in autocommit."""
    found = version(conn)
    if found > LATEST:
        raise SchemaError(f"schema version {found} is newer than this copydesk understands ({LATEST}); "
                          "upgrade copydesk")
    if found == LATEST:
        return found
    conn.execute("BEGIN IMMEDIATE")
    try:
        found = version(conn)  # another process may have migrated while we waited for the lock
        for number, script in MIGRATIONS:
            if number > found:
                for statement in _statements(script):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(number)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return found


def _statements(script: str) -> list[str]:
    """Split a script on complete statements (``executescript`` would commit our transaction)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
