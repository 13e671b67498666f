"""The engine: read a draft, run the enabled checks, resolve findings to file positions.

Front ends (CLI, language server, HTML report) all call :class:`Engine`; none holds rule logic.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from copydesk import plugins
from copydesk.api import CATEGORIES, FileResult, Reader, Rule
from copydesk.config import Config, ConfigError, config_for
from copydesk.context import Context
from copydesk.decode import InputError, decode, read_bytes
from copydesk.model import Document, Finding, LineIndex, Report
from copydesk.packs import Packs, builtin_fact_pack_paths, builtin_pack_paths, load_packs
from copydesk.yamlio import DataError

STDIN = "-"


@dataclass
class Options:
    """Run-wide choices from the command line (or an editor), layered over config files."""

    config_file: str | None = None
    facts: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    date: str | None = None
    ledger: str | None = None
    report_unused_disables: bool = False
    keep_source: bool = False
    extra: dict = field(default_factory=dict)


class Registry:
    """The checks and rules in play for one set of rule packs."""

    def __init__(self, packs: Packs):
        self.checks = []  # (check, plugin name)
        self.rules: dict[str, Rule] = {}
        self.aliases: dict[str, str] = {}
        for check, owner in plugins.checks(packs):
            self.checks.append((check, owner))
            for rule in check.rules:
                if rule.id in self.rules:
                    raise plugins.PluginError(
                        f"rule {rule.id!r} of plugin {owner!r} is already defined by plugin "
                        f"{self.rules[rule.id].plugin!r}"
                    )
                self.rules[rule.id] = Rule(**{**rule.__dict__, "plugin": owner})
                for alias in rule.aliases:
                    self.aliases[alias] = rule.id

    def expand(self, names, where: str) -> set[str]:
        """The rule ids a list of selectors names; an unknown selector is a config error."""
        out: set[str] = set()
        for name in names:
            ids = self.resolve(name)
            if not ids and name not in CATEGORIES:
                raise ConfigError(f"{where}: unknown rule, category or plugin {name!r}; "
                                  "`copydesk rules` lists them")
            out |= ids
        return out

    def resolve(self, name: str) -> set[str]:
        """Rule ids a select/ignore entry names: an id, an alias, a category, a plugin, or ALL."""
        if name in ("ALL", "all", "*"):
            return set(self.rules)
        if name in self.rules:
            return {name}
        if name in self.aliases:
            return {self.aliases[name]}
        return {r.id for r in self.rules.values() if r.category == name or r.plugin == name
                or r.id.startswith(name.rstrip("*")) and name.endswith("*")}


class Engine:
    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self._explicit_config: Config | None = None
        if self.options.config_file:
            from copydesk.config import load_config_file

            self._explicit_config = load_config_file(self.options.config_file)
        self._readers: dict[str, Reader] | None = None
        self._registries: dict[tuple, Registry] = {}
        self._contexts: dict[tuple, tuple[Config, dict]] = {}  # see context()

    # --- plumbing -------------------------------------------------------------------------

    @property
    def readers(self) -> dict[str, Reader]:
        if self._readers is None:
            self._readers = plugins.readers()
        return self._readers

    def reader_for(self, path: str) -> Reader:
        suffix = Path(path).suffix.lower()
        for reader in self.readers.values():
            if suffix in reader.extensions:
                return reader
        return self.readers["text"]

    def config_for(self, path: str) -> Config:
        return config_for(path if path != STDIN else os.path.join(os.getcwd(), "stdin"), self._explicit_config)

    def is_excluded(self, path: str) -> bool:
        """Whether the config that governs ``path`` excludes it (a broken config: not excluded,
        so that linting the file reports the config error)."""
        try:
            return self.config_for(path).is_excluded(path)
        except DataError:
            return False

    def pack_paths(self, config: Config) -> tuple[Path, ...]:
        return builtin_pack_paths() + tuple(Path(p) for p in config.rules + self.options.rules)

    def registry(self, config: Config) -> Registry:
        key = self.pack_paths(config)
        if key not in self._registries:
            self._registries[key] = Registry(load_packs(key))
        return self._registries[key]

    def context(self, path: str, config: Config) -> Context:
        """What checks may ask besides the draft. Every draft under one config usually gets the
        same answer, so it is worked out once per config, per-file rule settings and options."""
        settings = config.rule_settings(path)
        key = (id(config), self.pack_paths(config), builtin_fact_pack_paths(), settings[0], settings[1],
               tuple(settings[2].items()), self._options_key())
        try:
            held = self._contexts.get(key)
        except TypeError:  # an unhashable value in Options.extra: no memo
            return Context(**self._context_fields(config, *settings))
        if held is None or held[0] is not config:  # held[0]: the id may be a new config's
            if len(self._contexts) >= 256:
                self._contexts.clear()
            held = self._contexts[key] = (config, self._context_fields(config, *settings))
        fields = held[1]
        return Context(**{**fields, "options": dict(fields["options"])})

    def _options_key(self) -> tuple:
        o = self.options
        return (o.select, o.ignore, o.facts, o.rules, o.date, o.ledger, o.report_unused_disables,
                tuple(o.extra.items()))

    def _context_fields(self, config: Config, select, ignore, severity) -> dict:
        """The fields of a :class:`Context`; raises ConfigError for an unknown rule selector."""
        registry = self.registry(config)
        where = config.path or "config"
        enabled = set(registry.rules) if select is None else registry.expand(select, f"{where}: key 'select'")
        if self.options.select is not None:  # the command line's wins (the config's is still checked)
            enabled = registry.expand(self.options.select, "--select")
        enabled -= registry.expand(ignore, f"{where}: key 'ignore'")
        enabled -= registry.expand(self.options.ignore, "--ignore")
        levels: dict[str, str] = {}
        for name, level in severity.items():
            for rule in registry.expand((name,), f"{where}: key 'severity'"):
                levels[rule] = level
        enabled -= {rule for rule, level in levels.items() if level == "off"}
        fact_paths = tuple(str(p) for p in builtin_fact_pack_paths()) + config.facts + self.options.facts
        return dict(
            config=config,
            packs=load_packs(self.pack_paths(config)),
            fact_paths=fact_paths,
            date=self.options.date,
            ledger_path=self.options.ledger,
            options={"report_unused_disables": self.options.report_unused_disables,
                     "severity": levels, **self.options.extra},
            enabled_rules=frozenset(enabled),
        )

    # --- linting --------------------------------------------------------------------------

    def lint_path(self, path: str) -> FileResult:
        """Lint one file. Never raises for a bad draft: the error is in the result."""
        try:
            data = read_bytes(path)
        except InputError as exc:
            return FileResult(path, error=str(exc))
        return self.lint_bytes(path, data)

    def lint_bytes(self, path: str, data: bytes, *, reader_path: str | None = None) -> FileResult:
        try:
            text = decode(data)
        except InputError as exc:
            return FileResult(path, error=str(exc))
        return self.lint_text(path, text, reader_path=reader_path)

    def lint_text(self, path: str, text: str, *, reader_path: str | None = None) -> FileResult:
        """Lint decoded text. ``reader_path`` picks config and format (``--stdin-filename``)."""
        name = reader_path or path
        try:
            config = self.config_for(name)
        except DataError as exc:
            return FileResult(path, error=str(exc))
        reader = self.reader_for(name)
        try:
            document = reader.read(path, text)
        except Exception as exc:  # a reader bug must not stop other files
            return FileResult(path, error=f"could not parse as {reader.name}: {exc}",
                              source=text if self.options.keep_source else None)
        try:
            reports, errors = self.lint_document(document, config, name)
        except DataError as exc:
            return FileResult(path, error=str(exc))
        return FileResult(path, reports=reports, error="; ".join(errors) or None,
                          source=text if self.options.keep_source else None, format=reader.name)

    def run_checks(self, document: Document, context: Context) -> tuple[list[Finding], list[str]]:
        findings: list[Finding] = []
        errors: list[str] = []
        for check, owner in self.registry(context.config).checks:
            if not any(r.id in context.enabled_rules for r in check.rules):
                continue
            try:
                findings.extend(check.run(document, context))
            except DataError:
                raise
            except Exception:
                if os.environ.get("COPYDESK_DEBUG"):
                    raise
                import traceback  # here: only a failing check needs it
                errors.append(f"check {check.name!r} (plugin {owner!r}) failed: "
                              + traceback.format_exc(limit=-1).strip().splitlines()[-1])
        return findings, errors

    def lint_document(self, document: Document, config: Config,
                      name: str | None = None) -> tuple[list[Report], list[str]]:
        """Reports for a parsed draft, and the errors of any check that failed on it."""
        context = self.context(name or document.path, config)
        findings, errors = self.run_checks(document, context)
        pm = plugins.get_plugin_manager()
        findings = pm.hook.copydesk_postprocess(document=document, context=context, findings=findings)
        return self.resolve(document, findings, context), errors

    def resolve(self, document: Document, findings: Iterable[Finding], context: Context) -> list[Report]:
        rules = self.registry(context.config).rules
        severity_overrides = context.options.get("severity", {})
        index = LineIndex(document.source)
        reports: list[Report] = []
        seen = set()
        for f in findings:
            rule = rules.get(f.rule)
            if rule is None or f.rule not in context.enabled_rules:
                continue
            if f.in_source:
                start, end = f.start, f.end
            else:
                start = document.offsets.to_source(f.start)
                end = max(document.offsets.to_source(f.end, end=True), start + (1 if f.end > f.start else 0))
            line, col = index.position(start)
            end_line, end_col = index.position(end)
            key = (f.rule, start, end, f.message)
            if key in seen:
                continue
            seen.add(key)
            reports.append(Report(
                path=document.path,
                line=line, column=col, end_line=end_line, end_column=end_col,
                rule=f.rule,
                category=rule.category,
                severity=severity_overrides.get(f.rule) or f.severity or rule.severity,
                message=f.message,
                source=f.source,
                start=start, end=end,
                data=f.data,
            ))
        reports.sort(key=lambda r: (r.line, r.column, r.rule, r.end_line, r.end_column))
        return reports


def iter_paths(engine: Engine, paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Expand files and folders into drafts, in a stable order: (path, error or None)."""
    for raw in paths:
        if raw == STDIN:
            yield raw, None
            continue
        if os.path.isdir(raw):
            for root, dirs, files in os.walk(raw):
                dirs.sort()
                try:
                    config = engine.config_for(os.path.join(root, "_"))
                except DataError as exc:  # a malformed config: say so once, skip its folder
                    yield root, str(exc)
                    dirs[:] = []
                    continue
                dirs[:] = [d for d in dirs if not config.is_excluded(os.path.join(root, d))]
                for name in sorted(files):
                    path = os.path.join(root, name)
                    if config.is_included(path) and not config.is_excluded(path):
                        yield path, None
        elif engine.is_excluded(raw):
            continue  # excludes apply to named files too: pre-commit and editors name them
        elif os.path.lexists(raw):
            yield raw, None  # the reader explains a broken link or an unreadable file
        else:
            yield raw, "no such file or directory"
