"""Linting an open document with the engine, reloading data files when they change.

Runs on one worker thread (the server serialises calls), so the engine needs no locking.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import PurePath

from copydesk.api import Rule
from copydesk.config import Config
from copydesk.engine import Engine, Options
from copydesk.lsp.watch import DataErrorLocation, InputWatch, forget_caches, locate_data_error
from copydesk.model import Report
from copydesk.yamlio import DataError

# languageId -> a suffix whose reader handles it, for documents without a telling suffix
LANGUAGE_SUFFIXES = {"markdown": ".md", "html": ".html", "plaintext": ".txt", "text": ".txt"}


@dataclass
class Outcome:
    """What one lint produced, for the server to publish."""

    reports: list[Report] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)
    error: str | None = None  # a check or reader failed; the reports of the others stand
    broken_file: DataErrorLocation | None = None  # a config or pack is broken: nothing was linted
    reloaded: bool = False  # data files changed: other open documents need a fresh lint


def reader_path(path: str, language_id: str | None, extensions: set[str]) -> str | None:
    """The name that picks a document's reader and config, or None when it is not a draft.

    A suffix a reader knows wins, so the editor agrees with ``copydesk check``; otherwise the
    editor's languageId decides (an untitled buffer, a ``.mdx`` file in Markdown mode).
    """
    suffix = PurePath(path).suffix.lower()
    if suffix and suffix in extensions:
        return path
    mapped = LANGUAGE_SUFFIXES.get(language_id or "")
    if mapped:
        return path + mapped
    return None


class Linter:
    def __init__(self, options: Options | None = None):
        self.options = options or Options()
        self.watch = InputWatch()
        self._engine: Engine | None = None
        self._extensions: set[str] | None = None
        # per Config object (configs are cached until a reload): its rules, inputs tracked
        self._configs: dict[int, tuple[Config, dict[str, Rule]]] = {}

    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = Engine(self.options)  # may raise DataError for --config
            self._extensions = {ext for reader in self._engine.readers.values() for ext in reader.extensions}
        return self._engine

    def reload(self) -> None:
        forget_caches()
        self.watch.clear()
        self._engine = None
        self._configs.clear()

    def lint(self, path: str, text: str, language_id: str | None = None) -> Outcome:
        """Lint ``text`` as the file ``path``. Never raises for a bad draft or data file."""
        reloaded = self.watch.changed()
        if reloaded:
            self.reload()
        outcome = self._lint(path, text, language_id)
        outcome.reloaded = reloaded
        return outcome

    def _lint(self, path: str, text: str, language_id: str | None) -> Outcome:
        if self.options.config_file:
            self.watch.track([self.options.config_file])
        try:
            engine = self.engine()
            name = reader_path(path, language_id, self._extensions)
            if name is None:
                return Outcome()
            config = engine.config_for(name)
            if config.is_excluded(name):
                return Outcome()
            rules = self._rules(engine, config, name)
        except DataError as exc:
            return self._broken(str(exc))
        result = engine.lint_text(path, text, reader_path=name)
        if result.error and not result.reports and locate_data_error(result.error):
            return self._broken(result.error)
        return Outcome(reports=result.reports, rules=rules, error=result.error)

    def _rules(self, engine: Engine, config: Config, name: str) -> dict[str, Rule]:
        """The rules a config puts in play; the first time, track the files it reads."""
        known = self._configs.get(id(config))
        if known is not None and known[0] is config:
            return known[1]
        if config.path:
            self.watch.track([config.path])
        context = engine.context(name, config)
        self.watch.track(context.packs.paths + context.fact_paths)
        rules = engine.registry(config).rules
        self._configs[id(config)] = (config, rules)
        return rules

    def _broken(self, message: str) -> Outcome:
        where = locate_data_error(message)
        if where is not None:
            self.watch.track([where.path])
        return Outcome(error=message, broken_file=where)


def virtual_path(root: str | None, name: str) -> str:
    """A file-system path for a buffer that has none (``untitled:``), inside the workspace."""
    return os.path.join(root or os.getcwd(), name)
