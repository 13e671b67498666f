"""Hover text for a flagged span: the finding, its evidence, then the rule's documentation."""

from __future__ import annotations

from copydesk.api import Rule
from copydesk.commands.rules import render_explain
from copydesk.model import Report


def _evidence(data: dict, depth: int = 0) -> list[str]:
    """``Report.data`` (what a fact pack says, say) as a Markdown list, nested dicts indented."""
    lines = []
    pad = "  " * depth
    for key, value in data.items():
        if isinstance(value, dict):
            lines.append(f"{pad}- {key}:")
            lines += _evidence(value, depth + 1)
        elif isinstance(value, (list, tuple)):
            lines.append(f"{pad}- {key}: {', '.join(str(v) for v in value)}")
        elif value not in (None, ""):
            lines.append(f"{pad}- {key}: {value}")
    return lines


def finding_markdown(report: Report, rule: Rule | None) -> str:
    parts = [f"**copydesk `{report.rule}`** · {report.category} · {report.severity}", "", report.message]
    if report.data:
        parts += ["", "**Evidence**", "", *_evidence(report.data)]
    if report.source:
        parts += ["", f"Source: <{report.source}>" if "://" in report.source else f"Source: {report.source}"]
    if rule is not None:
        parts += ["", "---", "", render_explain(rule).strip()]
    return "\n".join(parts)


def hover_markdown(reports: list[Report], rules: dict[str, Rule]) -> str:
    """Every finding under the cursor; a rule's documentation is shown once."""
    shown: set[str] = set()
    sections = []
    for report in reports:
        rule = rules.get(report.rule) if report.rule not in shown else None
        shown.add(report.rule)
        sections.append(finding_markdown(report, rule))
    return "\n\n---\n\n".join(sections)
