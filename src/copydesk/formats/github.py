"""``--format github``: GitHub Actions workflow commands, shown as annotations on the diff.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message``. Values are
escaped as the Actions runner expects: ``%``, CR and LF everywhere, and ``:`` and ``,`` inside
properties, so that a message or path can never end the command early.
"""

from __future__ import annotations

from copydesk.api import Formatter
from copydesk.hookspecs import hookimpl

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **props) -> str:
    fields = ",".join(f"{key}={escape_property(str(value))}" for key, value in props.items()
                      if value is not None)
    return f"::{kind} {fields}::{escape_data(message)}\n" if fields else f"::{kind}::{escape_data(message)}\n"


def render(results, out, run) -> None:
    for result in results:
        if result.error:
            out.write(command("error", f"copydesk could not check this file: {result.error}",
                              file=result.path, title="copydesk"))
        for r in result.reports:
            out.write(command(
                COMMANDS.get(r.severity, "warning"), r.message,
                file=r.path, line=r.line, col=r.column, endLine=r.end_line, endColumn=r.end_column,
                title=r.rule,
            ))


@hookimpl
def copydesk_register_formats(register):
    register(Formatter("github", "GitHub Actions annotations (::error file=...)", render))
