"""``copydesk lsp``: the Language Server Protocol front end.

An adapter, like vale-ls or ruff's server: it runs the same :class:`~copydesk.engine.Engine`
in-process and converts its Reports to diagnostics, hovers and code actions. No rule logic
lives here. Only ``server`` imports pygls; the other modules are plain Python (or lsprotocol
types) so that they can be tested without a client.
"""

DEFAULT_DEBOUNCE_MS = 200  # after the last keystroke; long enough to skip mid-word states
