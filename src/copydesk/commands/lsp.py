"""``copydesk lsp``: the language server over stdio (see docs/editors.md).

pygls is imported only when the server starts, so ``copydesk check`` never pays for it.
"""

from __future__ import annotations

import sys

from copydesk.cli import EXIT_ERROR, EXIT_OK, _csv
from copydesk.lsp import DEFAULT_DEBOUNCE_MS


def add_parser(sub) -> None:
    p = sub.add_parser("lsp", help="run the language server over stdio (for editors)")
    p.add_argument("--debounce-ms", type=int, default=DEFAULT_DEBOUNCE_MS, metavar="MS",
                   help=f"wait this long after the last keystroke before linting (default {DEFAULT_DEBOUNCE_MS})")
    p.add_argument("--config", metavar="FILE", help="use this config file instead of discovering one")
    p.add_argument("--facts", action="append", default=[], metavar="FILE", help="extra fact pack (repeatable)")
    p.add_argument("--rules", action="append", default=[], metavar="FILE", help="extra rule pack (repeatable)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="publication date when a draft does not say")
    p.add_argument("--select", type=_csv, help="only these rules (ids, categories, or ALL), comma-separated")
    p.add_argument("--ignore", type=_csv, default=(), help="skip these rules, comma-separated")
    p.set_defaults(run=run)


def run(args) -> int:
    try:
        from copydesk.lsp.server import build_server
    except ImportError as exc:
        sys.stderr.write(f"copydesk: error: the language server needs pygls ({exc}); "
                         "install it with: pip install 'copydesk[lsp]'\n")
        return EXIT_ERROR
    from copydesk.engine import Options
    from copydesk.lsp.linting import Linter

    options = Options(config_file=args.config, facts=tuple(args.facts), rules=tuple(args.rules), date=args.date,
                      select=args.select, ignore=tuple(args.ignore))
    server = build_server(Linter(options), args.debounce_ms)
    # The protocol owns stdout: a stray print() in a plugin must not corrupt it.
    protocol_out = sys.stdout.buffer
    sys.stdout = sys.stderr
    server.start_io(sys.stdin.buffer, protocol_out)
    # LSP: exit without a shutdown request first ends with status 1
    return EXIT_OK if server.shut_down else 1
