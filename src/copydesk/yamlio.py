"""YAML loading with the C loader when available, and errors that name file and line.

Parsing YAML is a large part of a cold start (PyYAML's import alone compiles a costly regular
expression), so each parsed file is also kept on disk, in ``parsed/`` under the cache folder,
as marshalled plain data keyed by the file's path, size, modification time and inode and by
copydesk's version. A start whose files are unchanged reads the cached data and never imports
``yaml`` (:func:`load_cached` serves pyproject.toml the same way).
An entry is written to a temporary file and renamed into place, and only for a file that has
not changed in the last seconds, so an edit within one tick of the file system's clock can
never be served stale.
"""

from __future__ import annotations

import marshal
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

_FORMAT = 1  # bump when the entry layout changes
_SETTLED = 2.0  # seconds a file must be unchanged before its parse is cached
_DATE = ...  # tags a date in an entry: marshal has no date type; YAML and TOML never yield Ellipsis


class DataError(Exception):
    """A YAML data file (config, rule pack, fact pack) is malformed. Says file and line."""


def load_yaml(path: str | Path):
    path = Path(path)
    try:
        return load_cached(path, "yaml", lambda fh: load_yaml_text(fh.read(), str(path)))
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise DataError(f"{path}: not UTF-8 ({exc.reason} at byte {exc.start})") from None


def load_cached(path: Path, kind: str, parse: Callable[[IO], Any], *, binary: bool = False):
    """``parse(open file)``, or what it returned for this very version of the file before.

    ``kind`` names the parse (one file may be read two ways). Errors of opening, reading and
    parsing reach the caller as they are; a parse that raised is not cached.
    """
    with open(path, "rb") if binary else open(path, encoding="utf-8-sig") as fh:
        stamp = _stamp(os.fstat(fh.fileno()))
        hit = _cache_read(path, stamp, kind)
        if hit is not None:
            return hit[0]
        data = parse(fh)
    if time.time() - stamp[0] / 1e9 > _SETTLED:
        _cache_write(path, stamp, kind, data)
    return data


def load_yaml_text(text: str, name: str):
    import yaml  # here, not at the top: a start served from the cache never needs it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # SafeLoader: PyYAML without libyaml
    try:
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(f"{name}{where}: invalid YAML: {problem}") from None


# --- the parse cache ---------------------------------------------------------------------


def _stamp(st: os.stat_result) -> tuple[int, int, int]:
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def _cache_file(path: Path, kind: str) -> Path:
    import hashlib

    # The folder of copydesk.cache.default_dir(), read here: that module imports json and tempfile.
    root = os.environ.get("COPYDESK_CACHE_DIR") or os.path.join(".copydesk", "cache")
    name = hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(root) / "parsed" / f"{name}.{kind}.marshal"


def _header(path: Path, stamp: tuple[int, int, int], kind: str) -> tuple:
    from copydesk import __version__

    return (_FORMAT, __version__, kind, os.path.abspath(path), *stamp)


def _cache_read(path: Path, stamp: tuple[int, int, int], kind: str) -> tuple | None:
    """``(data,)`` when the cache holds this very version of the file, else None."""
    try:
        with open(_cache_file(path, kind), "rb") as fh:
            header, dated, data = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):  # none yet, or truncated or foreign
        return None
    if header != _header(path, stamp, kind):
        return None
    if dated:
        import datetime

        data = _thaw(data, {}, datetime.date)
    return (data,)


def _cache_write(path: Path, stamp: tuple[int, int, int], kind: str, data) -> None:
    """Store a parse; skipped silently when the data or the folder does not allow it."""
    header = _header(path, stamp, kind)
    try:
        blob = marshal.dumps((header, False, data))
    except ValueError:  # a date: tag it (anything else marshal cannot hold is not cached)
        import datetime  # loaded already: YAML made the dates

        try:
            blob = marshal.dumps((header, True, _freeze(data, {}, datetime.date)))
        except ValueError:
            return
    target = _cache_file(path, kind)
    tmp = target.with_name(f".tmp-{os.urandom(6).hex()}-{target.name}")  # unique to this writer
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        marker = target.parent.parent / ".gitignore"
        if not marker.exists():
            marker.write_text("# created by copydesk: caches are local\n*\n", encoding="utf-8")
        try:
            with open(tmp, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, target)
        except BaseException:
            _unlink(tmp)
            raise
    except OSError:  # a read-only checkout: parse every time
        pass


def _unlink(path: Path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _freeze(obj, memo: dict, date: type):
    """``obj`` with every date tagged as ``(_DATE, iso)``; shared nodes (YAML aliases) stay shared."""
    if type(obj) is date:
        return (_DATE, obj.isoformat())
    if isinstance(obj, (dict, list)):
        if id(obj) not in memo:
            if isinstance(obj, dict):
                memo[id(obj)] = {_freeze(k, memo, date): _freeze(v, memo, date) for k, v in obj.items()}
            else:
                memo[id(obj)] = [_freeze(v, memo, date) for v in obj]
        return memo[id(obj)]
    return obj


def _thaw(obj, memo: dict, date: type):
    """The inverse of :func:`_freeze`."""
    if type(obj) is tuple and len(obj) == 2 and obj[0] is _DATE:
        return date.fromisoformat(obj[1])
    if isinstance(obj, (dict, list)):
        if id(obj) not in memo:
            if isinstance(obj, dict):
                memo[id(obj)] = {_thaw(k, memo, date): _thaw(v, memo, date) for k, v in obj.items()}
            else:
                memo[id(obj)] = [_thaw(v, memo, date) for v in obj]
        return memo[id(obj)]
    return obj
