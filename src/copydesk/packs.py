"""Rule packs: the YAML data in ``rules/`` that checks read (cues, labels, patterns, phrasings).

A pack is a mapping of *sections*; every section is a list, and packs merge by concatenating
each section in load order (built-in first, then config, then ``--rules``). Which sections
exist is up to the checks that read them; see ``rules/README.md``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from copydesk.yamlio import DataError, load_yaml

_SETTLED = 2.0  # seconds: a folder changed more recently may change again within its clock's tick


@lru_cache(maxsize=1)
def builtin_rules_dir() -> Path:
    """``rules/`` ships inside the wheel as ``copydesk/rules``; a checkout uses the top level."""
    here = Path(__file__).resolve().parent
    packaged = here / "rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def builtin_pack_paths() -> tuple[Path, ...]:
    return _yaml_files(builtin_rules_dir())


def builtin_fact_pack_paths() -> tuple[Path, ...]:
    return _yaml_files(builtin_rules_dir() / "facts")


def _yaml_files(root: Path) -> tuple[Path, ...]:
    """The packs in a folder. Every draft asks, so the listing is kept until the folder's
    modification time says a file was added, removed or renamed (one stat, not a glob); a
    folder changed in the last seconds is listed afresh, as its clock may not have ticked."""
    try:
        st = os.stat(root)
    except OSError:
        return ()
    if time.time() - st.st_mtime < _SETTLED:
        return _listing.__wrapped__(root)
    return _listing(root, st.st_mtime_ns, st.st_ino)


@lru_cache(maxsize=16)
def _listing(root: Path, *stamp: int) -> tuple[Path, ...]:
    return tuple(sorted(root.glob("*.yaml"))) if root.is_dir() else ()


class Packs:
    """Merged rule packs. ``packs.section("attribution")`` is the concatenated list."""

    def __init__(self, paths: Iterable[Path]):
        self.paths = tuple(paths)
        self._sections: dict[str, list] = {}
        self._origins: dict[str, list[str]] = {}
        for path in self.paths:
            data = _load_pack(str(path), _mtime(path))
            for name, items in data.items():
                self._sections.setdefault(name, []).extend(items)
                self._origins.setdefault(name, []).extend([str(path)] * len(items))

    def section(self, name: str) -> list:
        return self._sections.get(name, [])

    def origins(self, name: str) -> list[str]:
        """The pack file each item of ``section(name)`` came from, for error messages."""
        return self._origins.get(name, [])

    def names(self) -> list[str]:
        return sorted(self._sections)


def _mtime(path: Path) -> float:
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


@lru_cache(maxsize=256)
def _load_pack(path: str, mtime: float) -> dict[str, list]:
    data = load_yaml(path)
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DataError(f"{path}: a rule pack must be a mapping of sections, got {type(data).__name__}")
    out: dict[str, list] = {}
    for key, value in data.items():
        if key in ("version", "description"):
            continue
        if not isinstance(value, list):
            raise DataError(f"{path}: section {key!r} must be a list, got {type(value).__name__}")
        for item in value:
            if isinstance(item, dict):
                item.setdefault("_pack", path)
        out[key] = value
    return out


def load_packs(paths: tuple[Path, ...]) -> Packs:
    """Merged packs for ``paths``; rebuilt when any pack file changes (a long-lived server edits them)."""
    return _load_packs(paths, tuple(_mtime(p) for p in paths))


@lru_cache(maxsize=32)
def _load_packs(paths: tuple[Path, ...], mtimes: tuple[float, ...]) -> Packs:
    return Packs(paths)
