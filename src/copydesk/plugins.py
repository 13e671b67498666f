"""Plugin loading: built-ins and entry-point plugins go through the same hooks.

``load()`` is idempotent. A plugin that fails to import or register is reported once on
stderr and skipped; a clash of ids fails naming both plugins.
"""

from __future__ import annotations

import importlib
import os
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
    from importlib.metadata import entry_points

    for ep in entry_points(group=ENTRY_POINT_GROUP):
        if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
            continue
        try:
            pm.register(ep.load(), ep.name)
        except Exception as exc:  # a broken plugin must not take the linter down
            load_errors.append(f"plugin {ep.name!r} ({ep.value}) failed to load: {exc}")


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
