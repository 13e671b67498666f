"""Code actions: suppress a finding with the documented comment, or open its rule's docs.

The comment is ``<!-- copydesk-disable-next-line RULE -->`` on its own line above the finding,
indented like that line; every reader (Markdown, HTML, plain text) accepts it. When the line
above already holds such a comment, the rule is added to it instead of stacking a second one.
"""

from __future__ import annotations

import re

from lsprotocol import types

from copydesk.lsp.positions import PositionConverter, units
from copydesk.model import Report

SHOW_DOCUMENTATION = "copydesk.showRuleDocumentation"

_NEXT_LINE = re.compile(r"^(?P<indent>\s*)<!--\s*copydesk-disable-next-line\b(?P<rules>[^>]*?)\s*-->\s*$")


def _comment(indent: str, rules: list[str]) -> str:
    return f"{indent}<!-- copydesk-disable-next-line {', '.join(rules)} -->"


def suppress_edit(report: Report, converter: PositionConverter) -> types.TextEdit:
    """The edit that silences ``report.rule`` on the line where the finding starts."""
    row = report.line - 1
    above = converter.line_text(row - 1) if row > 0 else ""
    existing = _NEXT_LINE.match(above)
    if existing and existing.group("rules").strip():
        rules = [r for r in re.split(r"[\s,]+", existing.group("rules").strip()) if r]
        end = types.Position(row - 1, units(above, converter.encoding))
        return types.TextEdit(types.Range(types.Position(row - 1, 0), end),
                              _comment(existing.group("indent"), [*rules, report.rule]))
    line = converter.line_text(row)
    indent = line[:len(line) - len(line.lstrip())]
    start = types.Position(row, 0)
    return types.TextEdit(types.Range(start, start), _comment(indent, [report.rule]) + converter.line_break())


def code_actions(uri: str, found: list[tuple[Report, types.Diagnostic]],
                 converter: PositionConverter) -> list[types.CodeAction]:
    """One suppress action per rule and line, one documentation action per rule."""
    actions: list[types.CodeAction] = []
    suppressed: set[tuple[str, int]] = set()
    documented: set[str] = set()
    for report, diagnostic in found:
        if report.category != "suppression" and (report.rule, report.line) not in suppressed:
            suppressed.add((report.rule, report.line))
            actions.append(types.CodeAction(
                title=f"Suppress {report.rule} on this line",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                edit=types.WorkspaceEdit(changes={uri: [suppress_edit(report, converter)]}),
            ))
        if report.rule not in documented:
            documented.add(report.rule)
            title = f"Show documentation for {report.rule}"
            actions.append(types.CodeAction(
                title=title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic],
                command=types.Command(title=title, command=SHOW_DOCUMENTATION, arguments=[report.rule]),
            ))
    return actions
