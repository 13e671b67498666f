"""The claim ledger: what the archive's published drafts claim, to check new drafts against.

``store`` holds the SQLite file (schema in ``schema``), ``agreement`` decides when two claims
disagree, ``ingest`` turns drafts into recorded claims. Names are imported lazily so that a
run without a ledger never loads sqlite3.
"""

from __future__ import annotations

__all__ = ["DEFAULT_PATH", "Conflict", "Entry", "Ledger", "LedgerError", "Side", "Verdict"]


def __getattr__(name: str):
    if name in __all__:
        from copydesk.ledger import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
