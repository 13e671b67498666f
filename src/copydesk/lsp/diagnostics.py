"""Reports to LSP diagnostics: 0-based ranges in the client's encoding, rule id as ``code``."""

from __future__ import annotations

import json
import re

from lsprotocol import types

from copydesk.api import Rule
from copydesk.lsp.positions import PositionConverter
from copydesk.lsp.watch import DataErrorLocation
from copydesk.model import Report

SOURCE = "copydesk"

SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def report_range(report: Report, converter: PositionConverter) -> types.Range:
    start = converter.to_client(report.line, report.column)
    end = converter.to_client(report.end_line, report.end_column)
    return types.Range(types.Position(*start), types.Position(*end))


def to_diagnostic(report: Report, converter: PositionConverter, rule: Rule | None) -> types.Diagnostic:
    """One diagnostic; ``data`` carries what hover and code actions need besides the range."""
    data = {"rule": report.rule, "category": report.category}
    if report.source:
        data["source"] = report.source
    if report.data:
        # a check may put dates or sets here; the wire takes JSON only
        data["data"] = json.loads(json.dumps(report.data, default=str))
    return types.Diagnostic(
        range=report_range(report, converter),
        message=report.message,
        severity=SEVERITY.get(report.severity, types.DiagnosticSeverity.Warning),
        code=report.rule,
        code_description=types.CodeDescription(href=rule.help_uri) if rule else None,
        source=SOURCE,
        data=data,
    )


_KEY = re.compile(r"\bkey '([\w-]+)")


def _key_line(message: str, converter: PositionConverter) -> int | None:
    """The 1-based line of the top-level key a config error names (``key 'select'``)."""
    named = _KEY.search(message)
    if named:
        pattern = re.compile(rf"^{re.escape(named.group(1))}\s*:")
        for row in range(converter.line_count):
            if pattern.match(converter.line_text(row)):
                return row + 1
    return None


def data_error_diagnostic(where: DataErrorLocation, converter: PositionConverter) -> types.Diagnostic:
    """A broken config or pack, shown on the file itself: the line named or the key's, else the first."""
    line = where.line or _key_line(where.message, converter) or 1
    start = converter.to_client(line, where.column or 1)
    end = converter.to_client(line, len(converter.line_text(line - 1)) + 1)
    return types.Diagnostic(
        range=types.Range(types.Position(*start), types.Position(*end)),
        message=f"{where.message} (copydesk checks no draft that uses this file until it is fixed)",
        severity=types.DiagnosticSeverity.Error,
        source=SOURCE,
    )
