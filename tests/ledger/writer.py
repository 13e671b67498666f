"""A ledger writer for the durability tests: records synthetic drafts, one transaction each,
and prints each draft's path once it is committed."""

from __future__ import annotations

import sys

from copydesk.ledger import Entry, Ledger

CLAIMS_PER_DRAFT = 25


def entries(n: int) -> list[Entry]:
    return [Entry(subject=f"org-{n % 50}", subject_name=f"Org {n % 50}", relation="founded",
                  value=str(1990 + n % 30), kind="date", display=str(1990 + n % 30), line=i + 1, col=1,
                  speaks_of="2026-04-01")
            for i in range(CLAIMS_PER_DRAFT)]


def main(db: str, start: int, stop: int) -> None:
    with Ledger(db, timeout=120) as ledger:
        for n in range(start, stop):
            ledger.record(f"drafts/{n:04d}.txt", f"hash-{n}", "2026-04-01", entries(n))
            print(f"drafts/{n:04d}.txt", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
