"""The result cache: an unchanged draft costs a hash on the next run, as in ruff's cache.

An entry is keyed by everything a draft's findings depend on: its path and bytes, the config
that governs it, the rule packs, the fact packs, the claim ledger's generation, the command-line
options, and the code (copydesk's version and the files of every loaded plugin). Change any of
them and the key changes: the cache never serves a stale result. Entries are JSON (a cache
folder is data, never code to unpickle), written to a temporary file and renamed into place,
so a reader never sees half an entry even when several runs share the folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path

from copydesk import __version__
from copydesk.api import FileResult
from copydesk.model import Report

CACHE_DIR_ENV = "COPYDESK_CACHE_DIR"
DEFAULT_DIR = os.path.join(".copydesk", "cache")
_REPORT_FIELDS = tuple(Report.__dataclass_fields__)


def default_dir() -> str:
    return os.environ.get(CACHE_DIR_ENV) or DEFAULT_DIR


class ResultCache:
    """Cached :class:`FileResult` objects of one engine's runs, in ``directory``."""

    def __init__(self, engine, directory: str | None = None):
        self.engine = engine
        self.root = Path(directory or default_dir())
        self.folder = self.root / __version__
        self._settings: dict[int, tuple[object, str]] = {}  # id(config) -> (config, digest)
        self._writable = True

    def key(self, path: str, data: bytes) -> str | None:
        """The entry key of a draft, or None when its config cannot be loaded (not cacheable)."""
        from copydesk.yamlio import DataError

        try:
            config = self.engine.config_for(path)
        except DataError:
            return None
        held = self._settings.get(id(config))
        if held is None or held[0] is not config:
            held = self._settings[id(config)] = (config, settings_digest(self.engine, config))
        h = hashlib.sha256(held[1].encode())
        h.update(b"\0" + path.encode("utf-8", "surrogateescape") + b"\0")
        h.update(data)
        return h.hexdigest()

    def _entry(self, key: str) -> Path:
        return self.folder / key[:2] / (key[2:] + ".json")

    def get(self, key: str, path: str) -> FileResult | None:
        try:
            with open(self._entry(key), encoding="utf-8") as fh:
                entry = json.load(fh)
            reports = [Report(**r) for r in entry["reports"]]
        except (OSError, ValueError, TypeError, KeyError):
            return None
        return FileResult(path, reports=reports, format=entry.get("format"))

    def put(self, key: str, result: FileResult) -> None:
        """Store a result; silently skipped when the folder is not writable or data is not JSON."""
        if not self._writable or result.error:
            return
        try:
            body = json.dumps({"format": result.format,
                               "reports": [{f: getattr(r, f) for f in _REPORT_FIELDS} for r in result.reports]},
                              ensure_ascii=False)
        except (TypeError, ValueError):  # a plugin put something that is not JSON in Report.data
            return
        target = self._entry(key)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            self._ignore_in_git()
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    fh.write(body)
                os.replace(tmp, target)
            except BaseException:
                _unlink(tmp)
                raise
        except OSError:
            self._writable = False  # a read-only checkout: run uncached rather than fail

    def _ignore_in_git(self) -> None:
        marker = self.root / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by copydesk: the result cache is local\n*\n", encoding="utf-8")


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def settings_digest(engine, config) -> str:
    """A digest of everything besides the draft that its findings depend on."""
    from dataclasses import asdict

    options = asdict(engine.options)
    options.pop("keep_source", None)  # the source is re-read on a hit, not stored
    fact_paths = [str(p) for p in _builtin_fact_paths()] + list(config.facts) + list(engine.options.facts)
    ledger = engine.options.ledger or config.ledger
    parts = {
        "version": __version__,
        "code": code_digest(),
        "config": repr(config),
        "options": repr(sorted(options.items())),
        "rule_packs": [_file_digest(p) for p in engine.pack_paths(config)],
        "fact_packs": [_file_digest(p) for p in fact_paths],
        "ledger": _ledger_generation(ledger) if ledger else None,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def _builtin_fact_paths():
    from copydesk.packs import builtin_fact_pack_paths

    return builtin_fact_pack_paths()


def _file_digest(path) -> tuple[str, str]:
    try:
        return str(path), hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return str(path), "missing"


def _ledger_generation(path: str) -> str:
    from copydesk.ledger import Ledger, LedgerError

    try:
        with Ledger(path, readonly=True) as ledger:
            return f"{os.path.abspath(path)}@{ledger.generation()}"
    except LedgerError:
        return f"{os.path.abspath(path)}@missing"


_CODE_DIGEST: str | None = None


def code_digest() -> str:
    """Name, size and mtime of every source file of copydesk and of each loaded plugin.

    A development checkout changes code without changing ``__version__``; this catches it.
    """
    global _CODE_DIGEST
    if _CODE_DIGEST is None:
        from copydesk import plugins

        files: set[str] = set()
        package = Path(__file__).resolve().parent
        for folder, _, names in os.walk(package):
            files.update(os.path.join(folder, n) for n in names if n.endswith(".py"))
        for name, plugin in plugins.get_plugin_manager().list_name_plugin():
            source = getattr(plugin, "__file__", None)
            if source:
                files.add(os.path.abspath(source))
            files.add(f"{name}={getattr(plugin, '__version__', '')}")
        h = hashlib.sha256()
        for f in sorted(files):
            try:
                st = os.stat(f)
                h.update(f"{f}:{st.st_size}:{st.st_mtime_ns}\n".encode())
            except OSError:
                h.update(f"{f}\n".encode())
        _CODE_DIGEST = h.hexdigest()
    return _CODE_DIGEST
