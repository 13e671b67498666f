"""What a check may ask about the run besides the draft: config, rule packs, fact packs, date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from copydesk.config import Config
from copydesk.packs import Packs

# Resources built once per process and shared by every draft (a fact base, an automaton).
_SHARED: dict[Any, Any] = {}


@dataclass
class Context:
    config: Config
    packs: Packs
    fact_paths: tuple[str, ...] = ()
    date: str | None = None  # --date: publication date when the draft does not say
    ledger_path: str | None = None
    options: dict = field(default_factory=dict)  # run-wide switches (report_unused_disables, ...)
    enabled_rules: frozenset[str] = frozenset()

    def publication_date(self, document) -> str | None:
        """The date a draft speaks from: its own, else ``--date``/config."""
        return document.meta.date or self.date or self.config.date

    def rule_enabled(self, rule_id: str) -> bool:
        return rule_id in self.enabled_rules

    def rule_options(self, rule_id: str) -> dict:
        return self.config.option(rule_id)

    @staticmethod
    def shared(key: Any, build: Callable[[], Any]) -> Any:
        """Memoise a costly resource for the whole process, keyed by what it was built from."""
        try:
            return _SHARED[key]
        except KeyError:
            value = _SHARED[key] = build()
            return value

    @staticmethod
    def forget_shared() -> None:
        """Drop every shared resource: a long-running front end calls this when packs change."""
        _SHARED.clear()
