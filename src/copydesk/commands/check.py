"""``copydesk check``: lint drafts and print findings in the chosen format.

Exit codes (INTERFACES.md): 0 no finding at or above the failing severity, 1 findings, 2 usage,
config or input error. A draft that cannot be read is reported on stderr and the others are
still checked; findings win over errors for the exit code (1), since both fail a CI step.
"""

from __future__ import annotations

import os
import sys

from copydesk import plugins
from copydesk.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from copydesk.model import severity_rank
from copydesk.yamlio import DataError


def _error(message: str) -> None:
    sys.stderr.write(f"copydesk: error: {message}\n")


def run(args) -> int:
    from copydesk import __version__, runner
    from copydesk.api import RunInfo
    from copydesk.engine import Engine, Options

    if not args.paths:
        _error("no PATH given (use '-' to read a draft from standard input)")
        return EXIT_ERROR
    if args.date:
        from copydesk.readers.common import parse_date

        if not parse_date(args.date):
            _error(f"--date {args.date!r}: expected YYYY-MM-DD")
            return EXIT_ERROR
    formats = plugins.formats()
    formatter = formats.get(args.format)
    if formatter is None:
        _error(f"unknown --format {args.format!r}; available: {', '.join(sorted(formats))}")
        return EXIT_ERROR
    try:
        engine = Engine(Options(
            config_file=args.config,
            facts=tuple(args.facts),
            rules=tuple(args.rules),
            select=args.select,
            ignore=tuple(args.ignore),
            date=args.date,
            ledger=args.ledger,
            report_unused_disables=args.report_unused_disables,
            keep_source=formatter.needs_source or args.color == "always",
        ))
        rules = _check_setup(engine)
    except (DataError, plugins.PluginError) as exc:
        _error(str(exc))
        return EXIT_ERROR
    for problem in dict.fromkeys(plugins.load_errors):  # a broken plugin is skipped, not fatal
        _error(problem)
    out = sys.stdout
    if args.output:
        try:
            out = open(args.output, "w", encoding="utf-8")
        except OSError as exc:
            _error(f"--output {args.output}: {exc.strerror or exc}")
            return EXIT_ERROR
    color = args.color == "always" or (args.color == "auto" and out.isatty() and not os.environ.get("NO_COLOR"))
    engine.options.keep_source = engine.options.keep_source or color

    fail_on = args.fail_on
    state = {"failed": False, "errors": 0}

    def watched(results):
        for result in results:
            if result.error:
                state["errors"] += 1
                _error(f"{result.path}: {result.error}")
            threshold = fail_on or _config_fail_on(engine, result.path) or "warning"
            if any(severity_rank(r.severity) >= severity_rank(threshold) for r in result.reports):
                state["failed"] = True
            rules.update(_rules_for(engine, result.path))  # a folder's config may add rule packs
            yield result

    results = runner.run(engine, args.paths, stdin_filename=args.stdin_filename,
                         jobs=args.jobs, use_cache=not args.no_cache)
    info = RunInfo(rules=rules, color=color, version=__version__,
                   options={"output": args.output, "quiet": args.quiet})
    try:
        formatter.render(watched(results), out, info)
    except DataError as exc:
        _error(str(exc))
        return EXIT_ERROR
    finally:
        if out is not sys.stdout:
            out.close()
        else:
            out.flush()
    if state["failed"]:
        return EXIT_FINDINGS
    return EXIT_ERROR if state["errors"] else EXIT_OK


def _check_setup(engine) -> dict:
    """Load the rules of the run-wide config and check ``--select``/``--ignore`` against them,
    so that a clash between plugins, a broken rule pack or a misspelt rule stops the run at once."""
    from copydesk.config import Config

    registry = engine.registry(engine._explicit_config or Config())
    registry.expand(engine.options.select or (), "--select")
    registry.expand(engine.options.ignore, "--ignore")
    return dict(registry.rules)


def _rules_for(engine, path) -> dict:
    """The rules in play for one draft (its result may come from a worker or the cache)."""
    try:
        return engine.registry(engine.config_for(path)).rules
    except (DataError, plugins.PluginError):
        return {}


def _config_fail_on(engine, path):
    try:
        return engine.config_for(path).fail_on
    except DataError:
        return None
