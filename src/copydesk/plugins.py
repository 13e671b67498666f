"""Plugin loading: built-ins and entry-point plugins go through the same hooks.

``load()`` is idempotent. A plugin that fails to import or register is reported once on
stderr and skipped; a clash of ids fails naming both plugins.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import replace
from typing import Any

import pluggy

from copydesk import hookspecs
from copydesk.yamlio import DataError

DEFAULT_PLUGINS = (
    "copydesk.readers.plaintext",
    "copydesk.readers.markdown",
    "copydesk.readers.html",
    "copydesk.formats.text",
    "copydesk.formats.json",
    "copydesk.formats.sarif",
    "copydesk.formats.github",
    "copydesk.formats.html",
    "copydesk.suppression",
    "copydesk.checks.pattern",
    "copydesk.checks.citations",
    "copydesk.checks.self_reference",
    "copydesk.checks.numbers",
    "copydesk.checks.facts",
    "copydesk.checks.ledger",
)

ENTRY_POINT_GROUP = "copydesk"

_pm: pluggy.PluginManager | None = None
load_errors: list[str] = []


class _Defaults:
    """The innermost implementation of result hooks; wrappers amend what it returns."""

    @hookspecs.hookimpl(trylast=True)
    def copydesk_postprocess(self, document, context, findings):
        return findings


class PluginError(Exception):
    """A plugin registered something invalid (a duplicate id, a bad rule)."""


def get_plugin_manager() -> pluggy.PluginManager:
    global _pm
    if _pm is None:
        pm = pluggy.PluginManager("copydesk")
        pm.add_hookspecs(hookspecs)
        pm.register(_Defaults(), "copydesk.defaults")
        for name in DEFAULT_PLUGINS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:  # a built-in not written yet is not an error
                    continue
                load_errors.append(f"plugin {name!r} failed to load: {exc}")
                continue
            except Exception as exc:  # a broken built-in is skipped like any plugin
                load_errors.append(f"plugin {name!r} failed to load: {exc!r}")
                continue
            pm.register(module, name)
        if not os.environ.get("COPYDESK_NO_PLUGINS"):
            _load_entry_points(pm)
        if os.environ.get("COPYDESK_TRACE_HOOKS"):
            pm.trace.root.setwriter(sys.stderr.write)
            pm.enable_tracing()
        _pm = pm
    return _pm


def _load_entry_points(pm: pluggy.PluginManager) -> None:
    for ep in entry_points(ENTRY_POINT_GROUP):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            pm.register(ep.load(), ep.name)
        except Exception as exc:  # a broken plugin must not take the linter down
            load_errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}")


# --- entry points ------------------------------------------------------------------------
#
# importlib.metadata costs a cold start ~15 ms, most of it importing the e-mail parser to read
# METADATA files that entry points do not need. For the usual layout (folders on sys.path
# holding ``*.dist-info`` or ``*.egg-info``) the same answer is read directly here; anything
# else (a zip or egg on sys.path, a custom distribution finder, a malformed file) is left to
# importlib.metadata, so what is found never differs from what it would find.


class _Unusual(Exception):
    """A layout the direct reader does not handle: ask importlib.metadata instead."""


_EP_VALUE = r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$"


class EntryPoint:
    """What importlib.metadata's EntryPoint offers that plugin loading uses."""

    __slots__ = ("name", "value", "group")

    def __init__(self, name: str, value: str, group: str):
        self.name, self.value, self.group = name, value, group

    def load(self):
        """Import the module and walk the attributes, as importlib.metadata does."""
        import functools

        match = re.match(_EP_VALUE, self.value)
        module = importlib.import_module(match.group("module"))
        attrs = filter(None, (match.group("attr") or "").split("."))
        return functools.reduce(getattr, attrs, module)


def entry_points(group: str) -> list:
    """The entry points of ``group`` of every distribution on sys.path, first of a name wins."""
    try:
        return [ep for ep in _scan_sys_path() if ep.group == group]
    except _Unusual:
        from importlib.metadata import entry_points as slow

        return list(slow(group=group))


def _scan_sys_path() -> list[EntryPoint]:
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        raise _Unusual
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for entry in sys.path:
        for info in _dist_folders(entry):
            name = re.sub(r"[-_.]+", "_", info.rpartition(".")[0].partition("-")[0]).lower()
            if name not in seen:
                seen.add(name)
                found.extend(_read_entry_points(os.path.join(entry or ".", info)))
    return found


def _dist_folders(entry) -> list[str]:
    """The ``*.dist-info`` and ``*.egg-info`` names in one sys.path folder, in listing order."""
    if not isinstance(entry, str) or entry.lower().endswith(".egg"):
        raise _Unusual
    try:
        children = os.listdir(entry or ".")
    except OSError:
        if os.path.isfile(entry):  # a zip archive
            raise _Unusual from None
        return []
    out = []
    for child in children:
        if child.lower().endswith((".dist-info", ".egg-info")):
            if child.startswith(".") or not child.endswith((".dist-info", ".egg-info")):
                raise _Unusual  # importlib.metadata names such a distribution from its METADATA
            out.append(child)
    return out


def _read_entry_points(folder: str) -> list[EntryPoint]:
    """Parse ``entry_points.txt`` the way importlib.metadata does (INI-like sections)."""
    try:
        with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as fh:
            text = fh.read()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
        return []
    except (OSError, ValueError):
        raise _Unusual from None
    out = []
    section = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        if "=" not in line:
            raise _Unusual  # importlib.metadata raises on it: let it say so
        name, value = map(str.strip, line.split("=", 1))
        out.append(EntryPoint(name, value, section))
    return out


def plugin_name(pm: pluggy.PluginManager, hookimpl: Any) -> str:
    return pm.get_name(hookimpl.plugin) or repr(hookimpl.plugin)


def _collect(hook, pm: pluggy.PluginManager, key, kwargs: dict) -> dict[str, Any]:
    """Call a registration hook impl by impl, so each item knows the plugin it came from."""
    items: dict[str, Any] = {}
    for impl in hook.get_hookimpls():
        owner = plugin_name(pm, impl)

        def register(item, _owner=owner):
            item_id = key(item)
            if item_id in items:
                raise PluginError(
                    f"{item_id!r} registered by plugin {_owner!r} is already registered by "
                    f"plugin {items[item_id][1]!r}"
                )
            items[item_id] = (item, _owner)

        try:
            impl.function(register=register, **{k: v for k, v in kwargs.items() if k in impl.argnames})
        except (PluginError, DataError):  # a clash, or a rule pack the plugin read is malformed
            raise
        except Exception as exc:
            load_errors.append(f"plugin {owner!r} failed to register: {exc!r}")
    return items


def readers() -> dict[str, Any]:
    pm = get_plugin_manager()
    found = _collect(pm.hook.copydesk_register_readers, pm, lambda r: r.name, {})
    return {name: replace(r, plugin=owner) for name, (r, owner) in found.items()}


def formats() -> dict[str, Any]:
    pm = get_plugin_manager()
    found = _collect(pm.hook.copydesk_register_formats, pm, lambda f: f.name, {})
    return {name: replace(f, plugin=owner) for name, (f, owner) in found.items()}


def checks(packs) -> list[tuple[Any, str]]:
    """Every registered check with the plugin it comes from, in registration order."""
    pm = get_plugin_manager()
    found = _collect(pm.hook.copydesk_register_checks, pm, lambda c: c.name, {"packs": packs})
    return list(found.values())
