"""The hooks a copydesk plugin implements. Built-in checks, readers and formats use them too.

Registration hooks hand the plugin a ``register`` callback, so that duplicate ids and
"which plugin registered this" are handled by the host in one place (see ``plugins.py``).
"""

import pluggy

hookspec = pluggy.HookspecMarker("copydesk")
hookimpl = pluggy.HookimplMarker("copydesk")


@hookspec
def copydesk_register_checks(register, packs):
    """Register checks: ``register(check)``; ``packs`` holds the loaded rule packs (YAML data)."""


@hookspec
def copydesk_register_readers(register):
    """Register readers, one per file format: ``register(reader)``."""


@hookspec
def copydesk_register_formats(register):
    """Register output formats: ``register(formatter)``."""


@hookspec(firstresult=True)
def copydesk_postprocess(document, context, findings):
    """Return the final findings of a draft. Implement with ``wrapper=True`` to filter or amend."""
