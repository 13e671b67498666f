"""The claim ledger: an SQLite file of the claims published drafts make.

Every write is one transaction per draft (``BEGIN IMMEDIATE``: the write lock is taken up front,
so concurrent writers queue on the busy timeout instead of failing half-way). WAL lets readers
(``check --ledger``) run while CI jobs write, and ``synchronous=FULL`` makes a commit survive
a crash of the process or the machine.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

from copydesk.ledger import agreement, schema

DEFAULT_PATH = os.path.join(".copydesk", "ledger.db")
BUSY_TIMEOUT = 60.0  # seconds a writer waits for another to commit


# The columns that identify a distinct claim in ``claim_counts``, from a ``claims`` row.
_SUMMARY_COLUMNS = "subject, relation, qualifier, kind, value, tolerance, period_start, period_end"
_SUMMARY_VALUE = "value, COALESCE(tolerance, -1), COALESCE(period_start, ''), COALESCE(period_end, '')"
_SUMMARY_KEY = f"subject, relation, COALESCE(qualifier, ''), kind, {_SUMMARY_VALUE}"


class LedgerError(Exception):
    """The ledger cannot be opened or used; the message names the file."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One claim as the ledger records it."""

    subject: str
    subject_name: str
    relation: str
    value: str
    kind: str
    display: str
    line: int
    col: int
    qualifier: str | None = None
    tolerance: float | None = None
    speaks_of: str | None = None  # when the statement holds: Claim.when, else the draft date


@dataclass(frozen=True, slots=True)
class Located:
    """A recorded claim with the draft that makes it."""

    path: str
    line: int
    col: int
    display: str
    value: str
    speaks_of: str | None = None


@dataclass
class Side:
    """Claims that agree with each other, on one side of a conflict."""

    value: str
    display: str
    claims: list[Located] = field(default_factory=list)

    @property
    def drafts(self) -> int:
        return len({c.path for c in self.claims})


@dataclass
class Conflict:
    subject: str
    subject_name: str
    relation: str
    qualifier: str | None
    sides: list[Side]


@dataclass
class Verdict:
    """What the ledger says about one claim: drafts that agree, and those that say otherwise."""

    agreeing: int  # drafts
    disagreeing: int  # drafts
    others: list[str]  # the other values, as drafts wrote them, most drafts first
    examples: list[Located]  # a few claims that say otherwise


def normalise_path(path: str) -> str:
    """The key a draft is recorded under: relative to the working directory when inside it."""
    absolute = os.path.abspath(path)
    try:
        rel = os.path.relpath(absolute)
    except ValueError:  # another drive
        return absolute.replace(os.sep, "/")
    return (absolute if rel.startswith("..") else rel).replace(os.sep, "/")


class Ledger:
    def __init__(self, path: str, *, readonly: bool = False, synchronous: str = "FULL",
                 timeout: float = BUSY_TIMEOUT):
        self.path = path
        self.readonly = readonly
        if readonly:
            if not os.path.isfile(path):
                raise LedgerError(f"ledger {path}: no such file (record drafts with `copydesk ledger add`)")
            target, uri = f"file:{_quote(os.path.abspath(path))}?mode=ro", True
        else:
            folder = os.path.dirname(os.path.abspath(path))
            try:
                os.makedirs(folder, exist_ok=True)
            except OSError as exc:
                raise LedgerError(f"ledger {path}: cannot create {folder}: {exc.strerror or exc}") from None
            target, uri = path, False
        try:
            self.conn = sqlite3.connect(target, uri=uri, timeout=timeout, isolation_level=None,
                                        check_same_thread=False)
            if not readonly:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute(f"PRAGMA synchronous = {synchronous}")
                schema.migrate(self.conn)
            elif schema.version(self.conn) != schema.LATEST:
                raise LedgerError(f"ledger {path}: schema version {schema.version(self.conn)}, expected "
                                  f"{schema.LATEST}; run `copydesk ledger add` to upgrade it")
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"ledger {path}: {exc}") from None
        except schema.SchemaError as exc:
            raise LedgerError(f"ledger {path}: {exc}") from None

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- writing ------------------------------------------------------------------------

    def draft_hash(self, path: str) -> str | None:
        row = self.conn.execute("SELECT content_hash FROM drafts WHERE path = ?", (path,)).fetchone()
        return row[0] if row else None

    def record(self, path: str, content_hash: str, draft_date: str | None, entries: Iterable[Entry]) -> None:
        """Record a draft's claims, replacing what the ledger held for it, in one transaction."""
        rows = [_row(e) for e in entries]
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction(f"record {path}"):
            old = self.conn.execute("SELECT id FROM drafts WHERE path = ?", (path,)).fetchone()
            if old:
                self._forget_claims(old[0])
                self.conn.execute("UPDATE drafts SET content_hash = ?, draft_date = ?, added_at = ? "
                                  "WHERE id = ?", (content_hash, draft_date, now, old[0]))
                draft_id = old[0]
            else:
                draft_id = self.conn.execute(
                    "INSERT INTO drafts (path, content_hash, draft_date, added_at) VALUES (?, ?, ?, ?)",
                    (path, content_hash, draft_date, now)).lastrowid
            self.conn.executemany(
                "INSERT INTO claims (draft_id, subject, subject_name, relation, qualifier, value, kind, "
                "display, tolerance, speaks_of, period_start, period_end, line, col) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(draft_id, *row) for row in rows])
            self._count_claims(draft_id)
            self._bump()

    def drop(self, paths: Iterable[str]) -> list[str]:
        """Forget drafts: each path names a draft, or a folder whose drafts all go. Returns them."""
        dropped: list[str] = []
        with self._transaction("drop drafts"):
            for path in paths:
                prefix = path.rstrip("/") + "/"
                rows = self.conn.execute(
                    "SELECT id, path FROM drafts WHERE path = ? OR substr(path, 1, ?) = ?",
                    (path, len(prefix), prefix)).fetchall()
                for draft_id, draft_path in rows:
                    self._forget_claims(draft_id)
                    self.conn.execute("DELETE FROM drafts WHERE id = ?", (draft_id,))
                    dropped.append(draft_path)
            if dropped:
                self._bump()
        return dropped

    def _count_claims(self, draft_id: int) -> None:
        """Add one draft to the count of each distinct claim it makes."""
        self.conn.execute(
            f"INSERT INTO claim_counts SELECT {_SUMMARY_KEY}, 1, display FROM ("
            f"  SELECT *, MAX(length(display)) FROM claims WHERE draft_id = ? GROUP BY {_SUMMARY_KEY}) "
            "WHERE true ON CONFLICT DO UPDATE SET drafts = drafts + 1, display = CASE "
            "WHEN length(excluded.display) > length(display) THEN excluded.display ELSE display END",
            (draft_id,))

    def _forget_claims(self, draft_id: int) -> None:
        """Take one draft out of the counts, then delete its claims."""
        self.conn.execute(
            f"UPDATE claim_counts SET drafts = drafts - 1 WHERE ({_SUMMARY_COLUMNS}) IN "
            f"(SELECT DISTINCT {_SUMMARY_KEY} FROM claims WHERE draft_id = ?)", (draft_id,))
        self.conn.execute("DELETE FROM claim_counts WHERE drafts <= 0")
        self.conn.execute("DELETE FROM claims WHERE draft_id = ?", (draft_id,))

    def _bump(self) -> None:
        self.conn.execute("UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'generation'")

    def _transaction(self, what: str):
        return _Transaction(self, what)

    # --- reading ------------------------------------------------------------------------

    def generation(self) -> int:
        """A counter bumped by every write: caches keyed on it never serve stale results."""
        return int(self.conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()[0])

    def paths(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT path FROM drafts ORDER BY path")]

    def counts(self) -> tuple[int, int]:
        """(drafts, claims) recorded."""
        drafts = self.conn.execute("SELECT COUNT(*) FROM drafts").fetchone()[0]
        claims = self.conn.execute("SELECT COUNT(*) FROM claims").fetchone()[0]
        return drafts, claims

    def lookup(self, entry: Entry, compare: str, *, exclude_path: str | None = None,
               exclude_hash: str | None = None, examples: int = 3) -> Verdict | None:
        """How the rest of the archive stands on one claim; None when it says nothing comparable.

        Reads the per-claim draft counts (a few rows however often the entity is written
        about), less the draft itself (by path or content); draft names only when it disagrees.
        """
        if compare == agreement.NEVER:
            return None
        key = [entry.subject, entry.relation, entry.qualifier or "", entry.kind]
        where = "subject = ? AND relation = ? AND qualifier = ? AND kind = ?"
        if compare == agreement.SAME_PERIOD:
            span = agreement.period(entry.speaks_of)
            if span is None:
                return None
            where += " AND period_start <= ? AND period_end >= ?"
            key += [span[1], span[0]]
        counts = {row[:4]: [row[4], row[5]] for row in self.conn.execute(
            "SELECT value, tolerance, period_start, period_end, drafts, display FROM claim_counts "
            f"WHERE {where}", key)}
        mine = [r[0] for r in self.conn.execute(
            "SELECT id FROM drafts WHERE path = ? OR content_hash = ?", (exclude_path, exclude_hash))]
        for draft_id in mine:
            for row in self.conn.execute(
                    f"SELECT DISTINCT {_SUMMARY_VALUE} FROM claims "
                    "WHERE draft_id = ? AND subject = ? AND relation = ? AND COALESCE(qualifier, '') = ? "
                    "AND kind = ?", (draft_id, *key[:4])):
                if row in counts:
                    counts[row][0] -= 1
        by_value: dict[str, list] = {}  # value -> [drafts, tolerance or None, display]
        for (value, tolerance, _, _), (drafts, display) in counts.items():
            held = by_value.setdefault(value, [0, None, display])
            held[0] += drafts
            if tolerance >= 0:
                held[1] = max(held[1] or 0.0, tolerance)
            if len(display) > len(held[2]):
                held[2] = display
        agreeing = disagreeing = 0
        others: list[tuple[int, str, str]] = []
        for value, (drafts, tolerance, display) in by_value.items():
            if drafts <= 0:
                continue
            if agreement.values_agree(entry.kind, entry.value, entry.tolerance, value, tolerance):
                agreeing += drafts
            else:
                disagreeing += drafts
                others.append((drafts, display, value))
        if not others:
            return Verdict(agreeing, 0, [], [])
        others.sort(key=lambda o: (-o[0], o[1]))
        return Verdict(agreeing, disagreeing, [o[1] for o in others],
                       self._examples(entry, [o[2] for o in others], mine, examples))

    def _examples(self, entry: Entry, values: list[str], mine: list[int], limit: int) -> list[Located]:
        """A few recorded claims of ``values`` (the first recorded), by path."""
        rows = self.conn.execute(
            "SELECT d.path, c.line, c.col, c.display, c.value, c.speaks_of FROM claims c "
            "JOIN drafts d ON d.id = c.draft_id WHERE c.subject = ? AND c.relation = ? "
            f"AND c.value IN ({','.join('?' * len(values))}) AND c.qualifier IS ? AND c.kind = ? "
            f"AND c.draft_id NOT IN ({','.join('?' * len(mine))}) LIMIT ?",
            [entry.subject, entry.relation, *values, entry.qualifier, entry.kind, *mine, limit]).fetchall()
        return sorted((Located(*row) for row in rows), key=lambda c: (c.path, c.line))

    def conflicts(self, policy: Callable[[str, str], str]) -> Iterator[Conflict]:
        """Every (entity, relation) on which the archive disagrees, with the claims on each side.

        ``policy(relation, kind)`` says how claims compare (see ``agreement.policy``).
        """
        keys = self.conn.execute(
            "SELECT subject, relation, NULLIF(qualifier, ''), kind FROM claim_counts "
            "GROUP BY subject, relation, qualifier, kind HAVING COUNT(DISTINCT value) > 1 "
            "ORDER BY subject, relation, qualifier, kind").fetchall()
        for subject, relation, qualifier, kind in keys:
            compare = policy(relation, kind)
            if compare == agreement.NEVER:
                continue
            rows = self.conn.execute(
                "SELECT c.subject_name, c.kind, c.tolerance, c.period_start, c.period_end, "
                "d.path, c.line, c.col, c.display, c.value, c.speaks_of FROM claims c "
                "JOIN drafts d ON d.id = c.draft_id "
                "WHERE c.subject = ? AND c.relation = ? AND c.qualifier IS ? AND c.kind = ? "
                "ORDER BY d.path, c.line", (subject, relation, qualifier, kind)).fetchall()
            sides = _sides(rows, compare)
            if len(sides) > 1:
                yield Conflict(subject, rows[0][0], relation, qualifier, sides)


def _sides(rows: list[tuple], compare: str) -> list[Side]:
    """Group the claims (of one kind) whose values take part in a disagreement into sides of
    agreeing values; fewer than two sides means no conflict.

    Works on distinct (kind, tolerance, period start, period end, value) combinations, so a
    much-repeated claim costs no more than one.
    """
    combos: dict[tuple, list[tuple]] = {}
    for row in rows:
        combos.setdefault((row[1], row[2], row[3], row[4], row[9]), []).append(row)
    keys = list(combos)
    sides = []
    for group in _cluster(keys, _disputed(keys, compare)):
        claims = sorted((Located(*r[5:]) for i in group for r in combos[keys[i]]),
                        key=lambda c: (c.path, c.line, c.col))
        names = [c.display for c in claims]
        display = max(names, key=lambda d: (names.count(d), len(d)))
        sides.append(Side(claims[0].value, display, claims))
    sides.sort(key=lambda s: (-s.drafts, s.display))
    return sides


def _agree(a: tuple, b: tuple) -> bool:
    return agreement.values_agree(a[0], a[4], a[1], b[4], b[1])


def _disputed(keys: list[tuple], compare: str) -> list[int]:
    """Combinations whose value disagrees with a comparable one, and every other combination
    of such a value: the editor sees all the drafts that said it, each with its date."""
    involved: set[int] = set()
    for i, a in enumerate(keys):
        for j in range(i + 1, len(keys)):
            b = keys[j]
            if compare == agreement.SAME_PERIOD and not agreement.periods_overlap(a[2:4], b[2:4]):
                continue
            if not _agree(a, b):
                involved.update((i, j))
    values = {keys[i][4] for i in involved}
    return [i for i, key in enumerate(keys) if key[4] in values]


def _cluster(keys: list[tuple], members: list[int]) -> list[list[int]]:
    """Single linkage: values chained by agreement form one side (a chain is no contradiction)."""
    parent = {i: i for i in members}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for x, i in enumerate(members):
        for j in members[x + 1:]:
            if _agree(keys[i], keys[j]):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in members:
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _row(e: Entry) -> tuple:
    span = agreement.period(e.speaks_of) or (None, None)
    return (e.subject, e.subject_name, e.relation, e.qualifier, e.value, e.kind, e.display,
            e.tolerance, e.speaks_of, span[0], span[1], e.line, e.col)


def _quote(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/"), safe="/:")


class _Transaction:
    """``BEGIN IMMEDIATE`` ... ``COMMIT``, rolled back on any error; a database error (locked
    past the busy timeout, disk full, read-only file) becomes a :class:`LedgerError` naming
    the file and what was being written."""

    def __init__(self, ledger: Ledger, what: str):
        self.ledger, self.what = ledger, what

    def __enter__(self):
        try:
            self.ledger.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise LedgerError(f"ledger {self.ledger.path}: cannot {self.what}: {exc}") from None

    def __exit__(self, exc_type, exc, tb):
        conn = self.ledger.conn
        if exc_type is None:
            try:
                conn.execute("COMMIT")
                return False
            except sqlite3.Error as error:
                exc_type, exc = type(error), error
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if issubclass(exc_type, sqlite3.Error):
            raise LedgerError(f"ledger {self.ledger.path}: cannot {self.what}: {exc}") from None
        return False
