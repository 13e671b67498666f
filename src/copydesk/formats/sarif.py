"""``--format sarif``: SARIF 2.1.0, what GitHub code scanning and SARIF viewers read.

Columns are UTF-16 code units, SARIF's default and what GitHub and VS Code assume (many
consumers ignore ``columnKind``); they are converted from the code-point columns copydesk
uses everywhere else, which is why this format keeps each draft's text. URIs are relative to
``%SRCROOT%``, the working directory, so that an upload from a checkout maps onto the repo.
Drafts that could not be read become ``toolExecutionNotifications``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path
from urllib.parse import quote

from copydesk.api import Formatter
from copydesk.hookspecs import hookimpl

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
INFORMATION_URI = "https://copydesk.readthedocs.io/"


def artifact_location(path: str) -> dict:
    """A file's location: relative to the working directory when it is below it."""
    if path == "-":
        return {"uri": "stdin"}
    rel = os.path.relpath(os.path.abspath(path))
    if rel.startswith(".."):
        return {"uri": Path(os.path.abspath(path)).as_uri()}
    return {"uri": quote(rel.replace(os.sep, "/")), "uriBaseId": SRCROOT}


def utf16_column(source: str | None, offset: int, column: int) -> int:
    """The UTF-16 column of a source offset whose code-point column is ``column``."""
    if source is None:
        return column
    line_start = offset - (column - 1)
    before = source[line_start:offset]
    return 1 + len(before.encode("utf-16-le")) // 2


def fingerprint(rule: str, flagged: str, occurrence: int) -> str:
    """Stable across edits elsewhere in the file: the rule, the flagged text, its occurrence."""
    key = "\0".join((rule, " ".join(flagged.split()), str(occurrence)))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def what_it_does(rule) -> str:
    """The "What it does" section of a rule's docs, else its summary."""
    m = re.search(r"## What it does\s*\n(.*?)(?:\n## |\Z)", rule.docs, re.DOTALL)
    return " ".join(m.group(1).split()) if m and m.group(1).strip() else rule.summary


def rule_descriptor(rule) -> dict:
    out = {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule)},
        "helpUri": rule.help_uri,
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {"tags": ["copydesk", rule.category], "category": rule.category},
    }
    if rule.docs:
        out["help"] = {"text": rule.docs.strip(), "markdown": rule.docs.strip()}
    if rule.plugin:
        out["properties"]["plugin"] = rule.plugin
    return out


def file_results(result) -> list[dict]:
    """SARIF results for one draft (its text is needed only here, so it is not kept)."""
    out = []
    occurrences: Counter = Counter()
    source = result.source
    for report in result.reports:
        flagged = source[report.start:report.end] if source is not None else f"{report.line}:{report.column}"
        occurrences[(report.rule, flagged)] += 1
        sarif = {
            "ruleId": report.rule,
            "level": LEVELS.get(report.severity, "warning"),
            "message": {"text": report.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": artifact_location(report.path),
                "region": {
                    "startLine": report.line,
                    "startColumn": utf16_column(source, report.start, report.column),
                    "endLine": report.end_line,
                    "endColumn": utf16_column(source, report.end, report.end_column),
                },
            }}],
            "partialFingerprints": {
                "copydeskFindingHash/v1": fingerprint(report.rule, flagged, occurrences[(report.rule, flagged)]),
            },
            "properties": {"category": report.category},
        }
        if report.source:
            sarif["properties"]["source"] = report.source
        out.append(sarif)
    return out


def notification(result) -> dict:
    return {
        "level": "error",
        "message": {"text": f"{result.path}: {result.error}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(result.path)}}],
    }


def build_log(results, run) -> dict:
    """The whole SARIF log of a run. SARIF puts the rule table first and our rules may grow
    while drafts stream in (a folder's config adds a pack), so the log is assembled at the end."""
    sarif_results: list[dict] = []
    notifications: list[dict] = []
    for result in results:
        if result.error:
            notifications.append(notification(result))
        sarif_results.extend(file_results(result))
    rules = sorted(run.rules.values(), key=lambda r: r.id)
    rule_index = {r.id: i for i, r in enumerate(rules)}
    for sarif in sarif_results:
        if sarif["ruleId"] in rule_index:
            sarif["ruleIndex"] = rule_index[sarif["ruleId"]]
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "copydesk",
                "version": run.version,
                "semanticVersion": run.version,
                "informationUri": INFORMATION_URI,
                "rules": [rule_descriptor(r) for r in rules],
            }},
            "originalUriBaseIds": {SRCROOT: {"uri": Path(os.getcwd()).as_uri() + "/"}},
            "columnKind": "utf16CodeUnits",
            "invocations": [{
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }],
            "results": sarif_results,
        }],
    }


def render(results, out, run) -> None:
    json.dump(build_log(results, run), out, ensure_ascii=False, indent=2)
    out.write("\n")


@hookimpl
def copydesk_register_formats(register):
    register(Formatter("sarif", "SARIF 2.1.0, for GitHub code scanning", render, needs_source=True))
