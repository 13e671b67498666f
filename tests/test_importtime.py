"""The save-time path imports only what the draft needs.

``python -X importtime -m copydesk check seeds/000*.txt`` lints one plain-text draft: no
Markdown or HTML parser, no database, no language server, no schema validator, no worker pool
may be imported for it. sqlfluff's 2-3 s start-up (issue #4917) came from exactly such imports.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from helpers import ROOT, SEEDS

# module (or package prefix) -> why a plain-text draft must not pay for it
NOT_NEEDED = {
    "markdown_it": "the Markdown parser",
    "mdit_py_plugins": "Markdown parser plugins",
    "mdurl": "the Markdown parser's URL helper",
    "html.parser": "the HTML parser",
    "sqlite3": "the claim ledger's database",
    "pygls": "the language server",
    "lsprotocol": "the language server",
    "jsonschema": "a test-only schema validator",
    "playwright": "a test-only browser driver",
    "multiprocessing": "the worker pool (one draft needs none)",
    "concurrent.futures.process": "the worker pool (one draft needs none)",
    "asyncio": "the language server's event loop",
    "xml": "an XML parser",
    "http.client": "network access",
    "urllib.request": "network access",
    "ssl": "network access",
}


# ``-X importtime`` does not time modules loaded with importlib.import_module (plugins are),
# so the run also reports ``sys.modules`` at exit: together they are every module loaded.
_WRAPPER = """
import atexit, json, runpy, sys
dump = sys.argv.pop(1)
atexit.register(lambda: open(dump, "w").write(json.dumps(sorted(sys.modules))))
sys.argv[0] = "copydesk"
runpy.run_module("copydesk", run_name="__main__", alter_sys=True)
"""


def imported_modules(tmp_path, *args: str) -> set[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH",)}
    dump = tmp_path / "modules.json"
    proc = subprocess.run([sys.executable, "-X", "importtime", "-c", _WRAPPER, str(dump), "check", *args],
                          cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    timed = {line.split("|")[-1].strip() for line in proc.stderr.splitlines()
             if line.startswith("import time:") and not line.rstrip().endswith("| imported package")}
    return timed | set(json.loads(dump.read_text()))


def test_a_plain_text_draft_imports_nothing_it_does_not_need(tmp_path):
    drafts = sorted(str(p.relative_to(ROOT)) for p in SEEDS.glob("000*.txt"))
    assert drafts
    modules = imported_modules(tmp_path, "--no-cache", *drafts)
    assert "copydesk.readers.plaintext" in modules  # the measurement works
    unwanted = sorted(f"{m} ({why})" for m in modules for name, why in NOT_NEEDED.items()
                      if m == name or m.startswith(name + "."))
    assert not unwanted, "imported for one .txt draft: " + ", ".join(unwanted)


@pytest.mark.parametrize("format_name, module", [("json", "copydesk.formats.json"), ("sarif", "copydesk.formats.sarif")])
def test_output_formats_stay_light(tmp_path, format_name, module):
    drafts = sorted(str(p.relative_to(ROOT)) for p in SEEDS.glob("000*.txt"))
    modules = imported_modules(tmp_path, "--no-cache", "--format", format_name, *drafts)
    assert module in modules
    assert not {"jsonschema", "sqlite3", "markdown_it"} & modules
