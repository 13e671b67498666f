"""Noticing that a config, rule pack or fact pack changed, and finding which file is broken.

The engine caches what it loads for the life of the process (config discovery, packs, shared
resources such as a fact base). A CLI run never outlives its inputs; a language server does, so
it remembers the stat of every data file a lint read and starts afresh when one changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from copydesk.config import CONFIG_NAMES

# A data error reads "FILE: what" or "FILE:LINE:COL: what" (yamlio, config).
_BOUNDARY = re.compile(r"(?::(\d+):(\d+))?: ")


def _stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class InputWatch:
    """The data files lints have read, with the stat each had then."""

    def __init__(self) -> None:
        self._seen: dict[str, tuple[int, int] | None] = {}

    def track(self, paths: Iterable[str | os.PathLike]) -> None:
        for path in paths:
            key = os.path.abspath(path)
            if key not in self._seen:
                self._seen[key] = _stat(key)

    def changed(self) -> bool:
        """True when a tracked file was edited, created or deleted since it was tracked."""
        return any(_stat(path) != stat for path, stat in self._seen.items())

    def concerns(self, path: str) -> bool:
        """Whether a change to ``path`` (from the client's file watcher) can alter results."""
        return Path(path).name in CONFIG_NAMES or os.path.abspath(path) in self._seen

    def clear(self) -> None:
        self._seen.clear()


def forget_caches() -> None:
    """Make the next lint rediscover configs and reload rule and fact packs."""
    from copydesk.config import discover
    from copydesk.context import Context
    from copydesk.packs import _load_packs

    discover.cache_clear()
    _load_packs.cache_clear()
    Context.forget_shared()


@dataclass(frozen=True)
class DataErrorLocation:
    """Where a broken data file is broken: 1-based line and column when the error says."""

    path: str
    line: int | None
    column: int | None
    message: str


def locate_data_error(message: str) -> DataErrorLocation | None:
    """The existing file an error message starts with, and the line it names, if any."""
    for m in _BOUNDARY.finditer(message):
        candidate = message[:m.start()]
        if candidate and os.path.isfile(candidate):
            line = int(m.group(1)) if m.group(1) else None
            column = int(m.group(2)) if m.group(2) else None
            return DataErrorLocation(os.path.abspath(candidate), line, column, message[m.end():])
    return None
