"""``copydesk ledger``: record published drafts' claims and list where the archive disagrees.

    copydesk ledger add PATH...          record (or re-record, when changed) drafts' claims
    copydesk ledger drop PATH...         forget drafts (a folder drops every draft under it)
    copydesk ledger conflicts            every (entity, relation) the archive disagrees on

The database is ``--db``, else the config's ``ledger:``, else ``.copydesk/ledger.db``.
``conflicts`` exits 1 when there are conflicts, like ``check`` with findings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from copydesk.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK


def add_parser(sub) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="FILE",
                        help="the ledger database (default: config 'ledger:', else .copydesk/ledger.db)")
    common.add_argument("--config", metavar="FILE", help="use this config file instead of discovering one")
    p = sub.add_parser("ledger", help="the claim ledger: record published drafts, list conflicts")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", parser_class=type(p))
    verbs.required = True

    add = verbs.add_parser("add", parents=[common], help="record the claims of published drafts")
    add.add_argument("paths", nargs="+", metavar="PATH")
    add.add_argument("--facts", action="append", default=[], metavar="FILE", help="extra fact pack (repeatable)")
    add.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for drafts that do not say")
    add.add_argument("--quiet", "-q", action="store_true", help="print the summary only")
    add.set_defaults(run=run_add)

    drop = verbs.add_parser("drop", parents=[common], help="forget drafts (a folder: every draft under it)")
    drop.add_argument("paths", nargs="*", metavar="PATH")
    drop.add_argument("--missing", action="store_true", help="also forget drafts whose file is gone")
    drop.set_defaults(run=run_drop)

    conflicts = verbs.add_parser("conflicts", parents=[common],
                                 help="list every (entity, relation) the archive disagrees on")
    conflicts.add_argument("--format", choices=("text", "json"), default="text")
    conflicts.set_defaults(run=run_conflicts)


def _error(message: str) -> None:
    sys.stderr.write(f"copydesk: error: {message}\n")


def _engine(args):
    from copydesk.engine import Engine, Options

    return Engine(Options(config_file=args.config, facts=tuple(getattr(args, "facts", ())),
                          date=getattr(args, "date", None)))


def _db_path(args, engine) -> str:
    from copydesk.ledger import DEFAULT_PATH

    if args.db:
        return args.db
    return engine.config_for(os.path.join(os.getcwd(), "_")).ledger or DEFAULT_PATH


def _open(args, *, readonly: bool = False):
    """(engine, ledger), or an exit code after saying what is wrong."""
    from copydesk.ledger import Ledger, LedgerError
    from copydesk.yamlio import DataError

    try:
        engine = _engine(args)
        return engine, Ledger(_db_path(args, engine), readonly=readonly)
    except (DataError, LedgerError) as exc:
        _error(str(exc))
        return None, EXIT_ERROR


def run_add(args) -> int:
    from copydesk.engine import iter_paths
    from copydesk.ledger import LedgerError
    from copydesk.ledger.ingest import record_file

    engine, ledger = _open(args)
    if engine is None:
        return ledger
    tally = {"added": 0, "updated": 0, "unchanged": 0, "error": 0}
    claims = 0
    with ledger:
        for path, error in iter_paths(engine, args.paths):
            if error:
                _error(f"{path}: {error}")
                tally["error"] += 1
                continue
            try:
                outcome = record_file(ledger, engine, path)
            except LedgerError as exc:  # the database itself failed: later drafts would too
                _error(str(exc))
                return EXIT_ERROR
            tally[outcome.status] += 1
            claims += outcome.claims
            if outcome.error:
                _error(f"{outcome.path}: {outcome.error}")
            elif not args.quiet and outcome.status != "unchanged":
                print(f"{outcome.path}: {outcome.status}, {outcome.claims} claim{'s' * (outcome.claims != 1)}")
    print(f"ledger {ledger.path}: {tally['added']} added, {tally['updated']} updated, "
          f"{tally['unchanged']} unchanged, {claims} claims recorded"
          + (f", {tally['error']} failed" if tally["error"] else ""))
    return EXIT_ERROR if tally["error"] else EXIT_OK


def run_drop(args) -> int:
    from copydesk.ledger import LedgerError
    from copydesk.ledger.store import normalise_path

    if not args.paths and not args.missing:
        _error("ledger drop: give PATH... or --missing")
        return EXIT_ERROR
    engine, ledger = _open(args)
    if engine is None:
        return ledger
    with ledger:
        targets = [normalise_path(p) for p in args.paths]
        if args.missing:
            targets += [p for p in ledger.paths() if not os.path.exists(p)]
        try:
            dropped = ledger.drop(targets)
        except LedgerError as exc:
            _error(str(exc))
            return EXIT_ERROR
    for path in dropped:
        print(f"{path}: dropped")
    print(f"ledger {ledger.path}: {len(dropped)} draft{'s' * (len(dropped) != 1)} dropped")
    return EXIT_OK


def run_conflicts(args) -> int:
    from copydesk.facts.catalogue import build_catalogue
    from copydesk.ledger.agreement import policy
    from copydesk.packs import load_packs
    from copydesk.yamlio import DataError

    engine, ledger = _open(args, readonly=True)
    if engine is None:
        return ledger
    try:
        config = engine.config_for(os.path.join(os.getcwd(), "_"))
        relations = build_catalogue(load_packs(engine.pack_paths(config))).relations
        with ledger:
            found = list(ledger.conflicts(lambda relation, kind: policy(relations.get(relation), kind)))
    except DataError as exc:
        _error(str(exc))
        return EXIT_ERROR
    if args.format == "json":
        json.dump({"version": 1, "conflicts": [_conflict_json(c) for c in found]}, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        _print_conflicts(found)
    return EXIT_FINDINGS if found else EXIT_OK


def _conflict_json(conflict) -> dict:
    return {
        "subject": conflict.subject,
        "subject_name": conflict.subject_name,
        "relation": conflict.relation,
        "qualifier": conflict.qualifier,
        "sides": [{
            "value": side.value,
            "display": side.display,
            "drafts": side.drafts,
            "claims": [{"path": c.path, "line": c.line, "column": c.col, "display": c.display,
                        "value": c.value, "speaks_of": c.speaks_of} for c in side.claims],
        } for side in conflict.sides],
    }


def _print_conflicts(found) -> None:
    for conflict in found:
        about = f" ({conflict.qualifier})" if conflict.qualifier else ""
        print(f"{conflict.subject_name} [{conflict.subject}] {conflict.relation}{about}: "
              f"the archive disagrees")
        for side in conflict.sides:
            print(f"  {side.display}: {side.drafts} draft{'s' * (side.drafts != 1)}")
            for c in side.claims:
                print(f"    {c.path}:{c.line}:{c.col}: {c.display}")
    print(f"{len(found)} conflict{'s' * (len(found) != 1)}")
