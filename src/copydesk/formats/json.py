"""``--format json``: the wire schema of INTERFACES.md section 2 (version 1).

Findings stream out as each file finishes; ``errors`` is an extension listing drafts that
could not be checked.
"""

from __future__ import annotations

import json

from copydesk.api import Formatter
from copydesk.hookspecs import hookimpl

SCHEMA_VERSION = 1


def render(results, out, run) -> None:
    out.write(f'{{\n  "version": {SCHEMA_VERSION},\n  "findings": [')
    first = True
    errors = []
    for result in results:
        if result.error:
            errors.append({"path": result.path, "message": result.error})
        for report in result.reports:
            out.write(("\n    " if first else ",\n    ") + json.dumps(report.as_json(), ensure_ascii=False))
            first = False
    out.write(("\n  " if not first else "") + "],\n")
    out.write('  "errors": ' + json.dumps(errors, ensure_ascii=False) + "\n}\n")


@hookimpl
def copydesk_register_formats(register):
    register(Formatter("json", "JSON, as in INTERFACES.md (version 1)", render))
