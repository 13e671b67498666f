"""The ``copydesk`` command. Subcommands other than check/rules/explain live in ``commands/``.

Exit codes (INTERFACES.md): 0 no finding at or above ``--fail-on``; 1 findings; 2 usage,
config or input error (other files are still checked).
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from copydesk import __version__

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2

BUILTIN_COMMANDS = ("check", "rules", "explain", "formats")
# name -> module with add_parser(subparsers) and run(args) -> int
SUBCOMMAND_MODULES = ("copydesk.commands.dump", "copydesk.commands.facts", "copydesk.commands.ledger", "copydesk.commands.lsp")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # argparse's default exits 2 too; keep the message short
        self.print_usage(sys.stderr)
        self.exit(EXIT_ERROR, f"copydesk: error: {message}\n")


def _csv(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command-line parser. Given the ``command`` about to run, it leaves out the parsers
    of subcommands in other modules when that command is built in: importing them costs a
    save-time ``copydesk check`` several milliseconds."""
    parser = _Parser(prog="copydesk", description="An editorial linter for article drafts.")
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help="lint drafts (files, folders, or - for stdin)")
    check.add_argument("paths", nargs="*", metavar="PATH")
    check.add_argument("--format", default="text", help="text (default), json, sarif, github, html, ...")
    check.add_argument("-o", "--output", help="write the report to this file instead of stdout")
    check.add_argument("--facts", action="append", default=[], metavar="FILE",
                       help="extra fact pack (repeatable)")
    check.add_argument("--rules", action="append", default=[], metavar="FILE",
                       help="extra rule pack (repeatable)")
    check.add_argument("--config", metavar="FILE", help="use this config file instead of discovering one")
    check.add_argument("--date", metavar="YYYY-MM-DD", help="publication date when the draft does not say")
    check.add_argument("--select", type=_csv, help="only these rules (ids, categories, or ALL), comma-separated")
    check.add_argument("--ignore", type=_csv, default=(), help="skip these rules, comma-separated")
    check.add_argument("--fail-on", choices=("error", "warning", "info"),
                       help="lowest severity that fails the run (default: warning)")
    check.add_argument("--stdin-filename", metavar="PATH",
                       help="name for the draft read from '-': picks its format and config")
    check.add_argument("--report-unused-disables", action="store_true",
                       help="flag suppression comments that suppress nothing")
    check.add_argument("--ledger", metavar="DB", help="also check claims against this claim ledger")
    check.add_argument("--jobs", "-j", type=int, default=None, help="worker processes (default: CPU count)")
    check.add_argument("--no-cache", action="store_true", help="ignore and do not write the result cache")
    check.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")

    rules = sub.add_parser("rules", help="list every rule: id, category, severity, plugin, summary")
    rules.add_argument("--format", choices=("text", "json"), default="text")

    explain = sub.add_parser("explain", help="print a rule's documentation with examples")
    explain.add_argument("rule", metavar="RULE")

    sub.add_parser("formats", help="list output formats and readers")

    for name in () if command in BUILTIN_COMMANDS else SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv else None)
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_ERROR
    try:
        if args.command == "check":
            from copydesk.commands.check import run
        elif args.command == "rules":
            from copydesk.commands.rules import run_rules as run
        elif args.command == "explain":
            from copydesk.commands.rules import run_explain as run
        elif args.command == "formats":
            from copydesk.commands.rules import run_formats as run
        else:
            run = args.run
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # the reader of our output went away (| head): not an error of ours
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    raise SystemExit(main())
