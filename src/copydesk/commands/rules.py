"""``copydesk rules``, ``copydesk explain RULE`` and ``copydesk formats``."""

from __future__ import annotations

import json
import sys

from copydesk.cli import EXIT_ERROR, EXIT_OK


class _SetupError(Exception):
    pass


def _registry():
    """The built-in and installed rules; plugin problems reported on stderr."""
    from copydesk import plugins
    from copydesk.config import Config
    from copydesk.engine import Engine
    from copydesk.yamlio import DataError

    try:
        registry = Engine().registry(Config())
    except (DataError, plugins.PluginError) as exc:
        sys.stderr.write(f"copydesk: error: {exc}\n")
        raise _SetupError from None
    for problem in dict.fromkeys(plugins.load_errors):
        sys.stderr.write(f"copydesk: error: {problem}\n")
    return registry


def run_rules(args) -> int:
    try:
        registry = _registry()
    except _SetupError:
        return EXIT_ERROR
    rules = sorted(registry.rules.values(), key=lambda r: (r.category, r.id))
    if args.format == "json":
        json.dump([{"id": r.id, "category": r.category, "severity": r.severity,
                    "summary": r.summary, "plugin": r.plugin} for r in rules], sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    width = max((len(r.id) for r in rules), default=10)
    cat_w = max((len(r.category) for r in rules), default=10)
    for r in rules:
        print(f"{r.id:<{width}}  {r.category:<{cat_w}}  {r.severity:<7}  {r.summary}  [{r.plugin}]")
    return EXIT_OK


def render_explain(rule) -> str:
    lines = [f"# {rule.id}", "",
             f"{rule.summary}", "",
             f"category: {rule.category} · default severity: {rule.severity} · plugin: {rule.plugin}", ""]
    if "## What it does" not in rule.docs:
        lines += ["## What it does", rule.summary, ""]
    if rule.docs:
        lines += [rule.docs.strip(), ""]
    if rule.bad and "## Example" not in rule.docs:
        lines += ["## Example", "", _indent(rule.bad), ""]
    if rule.good and "## Use instead" not in rule.docs:
        lines += ["## Use instead", "", _indent(rule.good), ""]
    return "\n".join(lines)


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines())


def run_explain(args) -> int:
    try:
        registry = _registry()
    except _SetupError:
        return EXIT_ERROR
    name = registry.aliases.get(args.rule, args.rule)
    rule = registry.rules.get(name)
    if rule is None:
        close = [r for r in registry.rules if args.rule in r or r in args.rule]
        hint = f"; did you mean {', '.join(close[:3])}?" if close else "; `copydesk rules` lists them"
        sys.stderr.write(f"copydesk: error: no rule {args.rule!r}{hint}\n")
        return EXIT_ERROR
    print(render_explain(rule))
    return EXIT_OK


def run_formats(args) -> int:
    from copydesk import plugins

    print("Output formats:")
    for f in plugins.formats().values():
        print(f"  {f.name:<10} {f.description}  [{f.plugin}]")
    print("Readers:")
    for r in plugins.readers().values():
        print(f"  {r.name:<10} {' '.join(e for e in r.extensions if e)}  [{r.plugin}]")
    return EXIT_OK
