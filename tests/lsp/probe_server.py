"""Runs ``copydesk lsp`` with the probe plugin registered: ``python probe_server.py [ARGS]``."""

import sys

import probe_plugin

from copydesk import plugins
from copydesk.cli import main

plugins.get_plugin_manager().register(probe_plugin, "lsp-probe")
sys.exit(main(["lsp", *sys.argv[1:]]))
