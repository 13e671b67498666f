"""From drafts to ledger entries: the fact check's claims, located in the source file."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from copydesk.ledger.store import Entry, Ledger, normalise_path
from copydesk.model import Claim, Document, LineIndex


def content_hash(document: Document) -> str:
    """What identifies a draft's content, whatever its name: a hash of its decoded text."""
    return hashlib.sha256(document.source.encode("utf-8", "surrogatepass")).hexdigest()


def entry(claim: Claim, speaks_of: str | None, line: int = 0, col: int = 0) -> Entry:
    return Entry(
        subject=claim.subject, subject_name=claim.subject_name, relation=claim.relation,
        value=claim.value, kind=claim.kind, display=claim.display, line=line, col=col,
        qualifier=claim.qualifier, tolerance=claim.tolerance, speaks_of=claim.when or speaks_of,
    )


def extract(document: Document, context) -> list[Claim]:
    from copydesk.facts import extract_claims

    return list(extract_claims(document, context))


def entries(document: Document, context) -> list[Entry]:
    """The draft's claims, each with the line and column of its value in the file."""
    index = LineIndex(document.source)
    date = context.publication_date(document)
    out = []
    for claim in extract(document, context):
        line, col = index.position(document.offsets.to_source(claim.start))
        out.append(entry(claim, date, line, col))
    return out


@dataclass
class Outcome:
    path: str
    status: str  # added | updated | unchanged | error
    claims: int = 0
    error: str | None = None


def record_file(ledger: Ledger, engine, path: str) -> Outcome:
    """Record one draft (one transaction); an unchanged draft is left alone."""
    from copydesk.decode import InputError, decode, read_bytes
    from copydesk.yamlio import DataError

    key = normalise_path(path)
    try:
        text = decode(read_bytes(path))
        document = engine.reader_for(path).read(key, text)
        known = ledger.draft_hash(key)
        digest = content_hash(document)
        if known == digest:
            return Outcome(key, "unchanged")
        context = engine.context(path, engine.config_for(path))
        found = entries(document, context)
    except (InputError, DataError) as exc:
        return Outcome(key, "error", error=str(exc))
    except Exception as exc:  # a reader or extraction bug must not stop the other drafts
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        return Outcome(key, "error", error=f"could not extract claims: {type(exc).__name__}: {exc}")
    ledger.record(key, digest, context.publication_date(document), found)
    return Outcome(key, "updated" if known else "added", len(found))
