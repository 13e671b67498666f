"""``copydesk facts``: check fact packs, show what they say, list the claims a draft makes.

- ``copydesk facts check PACK...``: every problem of the packs (with the built-in packs as
  context), one ``file:line:col: message`` per line; exit 2 when there is any.
- ``copydesk facts show NAME``: an entity's names and every fact about it, with sources.
- ``copydesk facts claims FILE``: the relation statements found in a draft (for desks
  writing phrasings and for bug reports).
"""

from __future__ import annotations

import os
import sys

from copydesk.cli import EXIT_ERROR, EXIT_OK


def add_parser(sub) -> None:
    p = sub.add_parser("facts", help="check fact packs, show an entity, list a draft's claims")
    verbs = p.add_subparsers(dest="facts_command", metavar="VERB")
    check = verbs.add_parser("check", help="validate fact packs: ids, relations, dates, aliases")
    check.add_argument("packs", nargs="+", metavar="PACK")
    check.add_argument("--rules", action="append", default=[], metavar="FILE",
                       help="extra rule pack with relations (repeatable)")
    check.add_argument("--no-builtin", action="store_true", help="do not check against the built-in packs")
    show = verbs.add_parser("show", help="print what the fact packs say about an entity")
    show.add_argument("name", metavar="NAME", help="an entity id, name or alias")
    show.add_argument("--facts", action="append", default=[], metavar="FILE", help="extra fact pack (repeatable)")
    claims = verbs.add_parser("claims", help="list the relation statements a draft makes")
    claims.add_argument("path", metavar="FILE")
    claims.add_argument("--facts", action="append", default=[], metavar="FILE", help="extra fact pack (repeatable)")
    claims.add_argument("--date", metavar="YYYY-MM-DD", help="publication date when the draft does not say")
    claims.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run, facts_parser=p)


def _error(message: str) -> int:
    sys.stderr.write(f"copydesk: error: {message}\n")
    return EXIT_ERROR


def _engine(facts=(), rules=(), date=None):
    from copydesk.engine import Engine, Options

    return Engine(Options(facts=tuple(facts), rules=tuple(rules), date=date))


def _context(engine, path: str = "."):
    return engine.context(path, engine.config_for(path))


def run(args) -> int:
    from copydesk.yamlio import DataError

    verb = getattr(args, "facts_command", None)
    if verb is None:
        args.facts_parser.print_help()
        return EXIT_ERROR
    try:
        return {"check": run_check, "show": run_show, "claims": run_claims}[verb](args)
    except DataError as exc:
        return _error(str(exc))


def run_check(args) -> int:
    from copydesk.facts.base import read_packs
    from copydesk.facts.catalogue import catalogue_for
    from copydesk.facts.phrasings import compile_catalogue
    from copydesk.packs import builtin_fact_pack_paths

    engine = _engine(rules=args.rules)
    catalogue = catalogue_for(_context(engine))
    compile_catalogue(catalogue).validate()  # a broken phrasing in --rules fails here, named
    named = [str(p) for p in args.packs]
    same = {os.path.realpath(p) for p in named}
    builtin = [] if args.no_builtin else [str(p) for p in builtin_fact_pack_paths()
                                          if os.path.realpath(p) not in same]
    packs, entities, facts, problems = read_packs(builtin + named, catalogue)
    for problem in problems:
        print(problem.render())
    if problems:
        sys.stderr.write(f"copydesk: {len(problems)} problem{'s' * (len(problems) != 1)} in fact packs\n")
        return EXIT_ERROR
    mine = [p for p in packs if p.path in named]
    print(f"ok: {len(mine)} pack{'s' * (len(mine) != 1)}, {sum(len(p.entities) for p in mine)} entities, "
          f"{sum(len(p.facts) for p in mine)} facts")
    return EXIT_OK


def run_show(args) -> int:
    from copydesk.facts import kit_for

    base = kit_for(_context(_engine(facts=args.facts))).base
    found = base.lookup(args.name)
    if not found:
        return _error(f"no entity {args.name!r} in the fact packs (ids, names and aliases are searched)")
    for n, entity in enumerate(found):
        if n:
            print()
        print(f"{entity.name}  [{entity.id}, {entity.type}]")
        if entity.aliases:
            print(f"  also: {', '.join(entity.aliases)}")
        print(f"  defined in {entity.pack}")
        for fact in base.facts(entity.id):
            print("  " + _fact_line(base, fact))
        naming = base.facts_naming(entity.id)
        if naming:
            print("  named in:")
            for fact in naming:
                print("    " + _fact_line(base, fact, subject=True))
    return EXIT_OK


def _fact_line(base, fact, subject: bool = False) -> str:
    from copydesk.facts.amounts import describe

    value = base.name(fact.object) if base.entity(str(fact.object)) else fact.object
    if fact.qualifier and base.entity(fact.qualifier):
        value = f"{value} at {base.name(fact.qualifier)}"
    elif fact.qualifier:
        value = f"{value} {fact.qualifier}"
    if fact.amount is not None:
        value = f"{value} ({describe(fact.amount, fact.unit)})"
    head = f"{base.name(fact.subject)} " if subject else ""
    parts = [f"{head}{fact.relation}: {value}"]
    if fact.period():
        parts.append(fact.period())
    line = "  ".join(parts)
    if fact.note:
        line += f"  — {fact.note}"
    if fact.source:
        line += f"\n      source: {fact.source}"
    return line


def run_claims(args) -> int:
    import json

    from copydesk.decode import InputError, decode
    from copydesk.facts import extract_claims
    from copydesk.model import LineIndex

    engine = _engine(facts=args.facts, date=args.date)
    try:
        with open(args.path, "rb") as fh:
            text = decode(fh.read())
    except (OSError, InputError) as exc:
        return _error(f"{args.path}: {exc}")
    document = engine.reader_for(args.path).read(args.path, text)
    claims = extract_claims(document, _context(engine, args.path))
    index = LineIndex(document.source)
    rows = []
    for c in claims:
        line, column = index.position(document.offsets.to_source(c.start))
        rows.append({"line": line, "column": column, **{k: getattr(c, k) for k in c.__slots__}})
    if args.format == "json":
        json.dump(rows, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return EXIT_OK
    for r in rows:
        extra = "".join(f" {k}={r[k]}" for k in ("qualifier", "when", "tolerance") if r[k] is not None)
        print(f"{args.path}:{r['line']}:{r['column']}: {r['subject']} {r['relation']} {r['value']} "
              f"({r['display']!r}){extra}")
    return EXIT_OK
