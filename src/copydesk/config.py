"""Configuration: ``.copydesk.yaml`` or ``[tool.copydesk]`` in pyproject.toml, nearest wins.

A config is validated when loaded; a bad one raises :class:`ConfigError` naming the file, the
key and what was expected. Paths in a config (fact packs, rule packs, the ledger) are relative
to the config file's folder.
"""

from __future__ import annotations

import fnmatch
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from copydesk.model import SEVERITIES
from copydesk.yamlio import DataError, load_cached, load_yaml

CONFIG_NAMES = (".copydesk.yaml", ".copydesk.yml", "pyproject.toml")

DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdown", "*.html", "*.htm", "*.xhtml", "*.txt", "*.text")
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".copydesk",
                   "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache")


class ConfigError(DataError):
    """A config file is malformed; the message names file, key and expectation."""


@dataclass(frozen=True)
class Publication:
    """Who "we" are: what a self-citation looks like for this desk."""

    name: str | None = None
    domains: tuple[str, ...] = ()
    self_labels: tuple[str, ...] = ()


@dataclass(frozen=True)
class Override:
    glob: str
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Config:
    path: str | None = None  # the file it came from; None for defaults
    root: str = "."
    select: tuple[str, ...] | None = None  # None: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    fail_on: str | None = None
    publication: Publication = field(default_factory=Publication)
    facts: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()
    ledger: str | None = None
    date: str | None = None
    options: tuple[tuple[str, Any], ...] = ()

    def option(self, rule: str) -> dict:
        return dict(self.options).get(rule, {})

    def is_excluded(self, path: str | Path) -> bool:
        rel = _relative(path, self.root)
        parts = PurePosixPath(rel).parts
        for pattern in DEFAULT_EXCLUDE + self.exclude:
            if _match(rel, pattern) or any(fnmatch.fnmatch(p, pattern) for p in parts):
                return True
        return False

    def is_included(self, path: str | Path) -> bool:
        rel = _relative(path, self.root)
        name = PurePosixPath(rel).name
        return any(_match(rel, p) or fnmatch.fnmatch(name, p) for p in self.include)

    def rule_settings(self, path: str | Path) -> tuple[tuple[str, ...] | None, tuple[str, ...], dict[str, str]]:
        """(select, ignore, severity overrides) for one file, after per-glob overrides."""
        select, ignore, severity = self.select, list(self.ignore), dict(self.severity)
        if not self.overrides:  # the usual case; the engine asks once per draft
            return select, tuple(ignore), severity
        rel = _relative(path, self.root)
        for ov in self.overrides:
            if _match(rel, ov.glob) or fnmatch.fnmatch(PurePosixPath(rel).name, ov.glob):
                if ov.select is not None:
                    select = ov.select
                ignore.extend(ov.ignore)
                severity.update(dict(ov.severity))
        return select, tuple(ignore), severity


def _relative(path: str | Path, root: str) -> str:
    try:
        rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    except ValueError:  # another drive on Windows
        rel = str(path)
    return rel.replace(os.sep, "/")


def _match(rel: str, pattern: str) -> bool:
    pattern = pattern.rstrip("/")
    if fnmatch.fnmatch(rel, pattern):
        return True
    if pattern.startswith("**/") and fnmatch.fnmatch(rel, pattern[3:]):
        return True
    # a directory pattern matches everything below it
    return fnmatch.fnmatch(rel, pattern + "/*")


# --- validation ---------------------------------------------------------------------------

_KEYS = {
    "select", "ignore", "severity", "fail_on", "publication", "facts", "rules", "include",
    "exclude", "overrides", "ledger", "date", "options",
}


def _expect_list_of_str(name: str, key: str, value) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{name}: key {key!r}: expected a list of strings, got {value!r}")
    return tuple(value)


def _expect_severity_map(name: str, key: str, value) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict):
        raise ConfigError(f"{name}: key {key!r}: expected a mapping of rule id to severity, got {value!r}")
    for rule, sev in value.items():
        if sev not in SEVERITIES and sev != "off":
            raise ConfigError(
                f"{name}: key {key}.{rule}: expected one of {', '.join(SEVERITIES)} or off, got {sev!r}"
            )
    return tuple((str(k), str(v)) for k, v in value.items())


def parse_config(data: Any, name: str) -> Config:
    """Validate a config mapping (from YAML or TOML) and build a :class:`Config`."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: expected a mapping at the top level, got {type(data).__name__}")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{name}: unknown key {unknown[0]!r}; expected one of: {', '.join(sorted(_KEYS))}"
        )
    root = str(Path(name).resolve().parent) if name and os.path.exists(name) else os.getcwd()
    kw: dict[str, Any] = {"path": name, "root": root}
    if "select" in data:
        kw["select"] = _expect_list_of_str(name, "select", data["select"])
    if "ignore" in data:
        kw["ignore"] = _expect_list_of_str(name, "ignore", data["ignore"])
    if "severity" in data:
        kw["severity"] = _expect_severity_map(name, "severity", data["severity"])
    if "fail_on" in data:
        if data["fail_on"] not in SEVERITIES:
            raise ConfigError(f"{name}: key 'fail_on': expected one of {', '.join(SEVERITIES)}, got {data['fail_on']!r}")
        kw["fail_on"] = data["fail_on"]
    if "publication" in data:
        pub = data["publication"]
        if not isinstance(pub, dict):
            raise ConfigError(f"{name}: key 'publication': expected a mapping with name, domains, self_labels")
        bad = sorted(set(pub) - {"name", "domains", "self_labels"})
        if bad:
            raise ConfigError(f"{name}: key 'publication.{bad[0]}': unknown; expected name, domains or self_labels")
        if "name" in pub and not isinstance(pub["name"], str):
            raise ConfigError(f"{name}: key 'publication.name': expected a string, got {pub['name']!r}")
        kw["publication"] = Publication(
            name=pub.get("name"),
            domains=_expect_list_of_str(name, "publication.domains", pub.get("domains", [])),
            self_labels=_expect_list_of_str(name, "publication.self_labels", pub.get("self_labels", [])),
        )
    for key in ("facts", "rules"):
        if key in data:
            kw[key] = tuple(_resolve(root, p) for p in _expect_list_of_str(name, key, data[key]))
    for key in ("include", "exclude"):
        if key in data:
            kw[key] = _expect_list_of_str(name, key, data[key])
    if "ledger" in data:
        if not isinstance(data["ledger"], str):
            raise ConfigError(f"{name}: key 'ledger': expected a path string, got {data['ledger']!r}")
        kw["ledger"] = _resolve(root, data["ledger"])
    if "date" in data:
        kw["date"] = str(data["date"])
    if "options" in data:
        if not isinstance(data["options"], dict):
            raise ConfigError(f"{name}: key 'options': expected a mapping of rule id to options")
        kw["options"] = tuple((str(k), v) for k, v in data["options"].items())
    if "overrides" in data:
        if not isinstance(data["overrides"], list):
            raise ConfigError(f"{name}: key 'overrides': expected a list of {{glob, select, ignore, severity}}")
        overrides = []
        for i, ov in enumerate(data["overrides"]):
            where = f"overrides[{i}]"
            if not isinstance(ov, dict) or not isinstance(ov.get("glob"), str):
                raise ConfigError(f"{name}: key {where!r}: expected a mapping with a 'glob' string")
            bad = sorted(set(ov) - {"glob", "select", "ignore", "severity"})
            if bad:
                raise ConfigError(f"{name}: key '{where}.{bad[0]}': unknown; expected glob, select, ignore or severity")
            overrides.append(Override(
                glob=ov["glob"],
                select=_expect_list_of_str(name, f"{where}.select", ov["select"]) if "select" in ov else None,
                ignore=_expect_list_of_str(name, f"{where}.ignore", ov.get("ignore", [])),
                severity=_expect_severity_map(name, f"{where}.severity", ov.get("severity", {})),
            ))
        kw["overrides"] = tuple(overrides)
    return Config(**kw)


def _resolve(root: str, path: str) -> str:
    return path if os.path.isabs(path) else os.path.normpath(os.path.join(root, path))


def load_config_file(path: str | Path) -> Config:
    path = Path(path)
    name = str(path)
    if path.name == "pyproject.toml":
        data = _read_pyproject(path)
        if data is None:
            raise ConfigError(f"{name}: no [tool.copydesk] table")
        return parse_config(data, name)
    return parse_config(load_yaml(path), name)


def _read_pyproject(path: Path):
    """The ``[tool.copydesk]`` table, or None. Discovery reads every pyproject.toml above a
    draft, usually a project's own without the table: the answer is cached on disk per file
    version, which saves importing and running the TOML parser."""
    try:
        return load_cached(path, "pyproject", lambda fh: _copydesk_table(fh, path), binary=True)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from None


def _copydesk_table(fh, path: Path):
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    try:
        doc = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    return doc.get("tool", {}).get("copydesk")


@lru_cache(maxsize=1024)
def discover(directory: str) -> Config:
    """The nearest config at or above ``directory``; defaults when there is none."""
    current = Path(directory).resolve()
    for folder in (current, *current.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                if name == "pyproject.toml":
                    try:
                        has_table = _read_pyproject(candidate) is not None
                    except ConfigError:
                        raise
                    if not has_table:
                        continue
                return load_config_file(_display(candidate))
    return Config(root=str(current))


def _display(path: Path) -> Path:
    """``path`` relative to the working directory when below it, for messages."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def config_for(path: str | Path, explicit: Config | None = None) -> Config:
    if explicit is not None:
        return explicit
    # the folder the path is in, not its target's: a link loop or a dangling link still has one
    return discover(os.path.dirname(os.path.abspath(path)))
