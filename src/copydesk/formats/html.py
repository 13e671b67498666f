"""``--format html``: one self-contained page for editors, with each draft's findings marked.

The page is written as results stream in: a static shell, then one
``<script type="application/json">`` block per draft (its text and findings), then a small
index (per-file counts, the rules seen) and the page script. The browser renders the index
first and builds a draft's DOM only when it is opened or scrolled into view, so an archive of
a thousand drafts opens at once. Only the index is held in memory here.

Draft text is never spliced into HTML: it travels as JSON, escaped for a script element, and
the page script inserts it as text nodes. The template, CSS and JS live in ``report/``.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from functools import cache

from copydesk.api import CATEGORIES, Formatter
from copydesk.hookspecs import hookimpl

SEVERITIES = ("error", "warning", "info")

CATEGORY_INFO = {  # label, column heading, one-line meaning (INTERFACES.md section 2)
    "unsupported-citation": ("Unsupported citation", "Citations",
                             "A citation that does not back its claim, or a reference nothing cites"),
    "self-reference": ("Self-reference", "Self-ref.",
                       "The draft cites its own publication or itself as a source"),
    "factual-inconsistency": ("Factual inconsistency", "Facts",
                              "A statement that contradicts the fact packs, the draft or other drafts"),
    "unattributed-number": ("Unattributed number", "Numbers",
                            "A figure stated with no citation or attribution"),
}

ROW_CHARS = 90  # characters per wrapped row, to reserve a draft's height before it renders

# '<', '>' and '&' as escapes keep '</script>' and '<!--' out of a script element's text;
# U+2028/U+2029 keep old JavaScript parsers happy.
_SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026",
                              "\u2028": "\\u2028", "\u2029": "\\u2029"})
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def script_json(value) -> str:
    """JSON that is safe as the content of a ``<script type="application/json">`` element."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).translate(_SCRIPT_SAFE)


@cache
def _asset(name: str) -> str:
    from importlib import resources  # not on the path of other formats: costs 15 ms to import

    return resources.files("copydesk.formats").joinpath("report", name).read_text(encoding="utf-8")


def _utf16_offsets(text: str):
    """A function mapping code-point offsets in ``text`` to UTF-16 offsets (JavaScript's)."""
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    if not astral:
        return lambda offset: offset
    return lambda offset: offset + bisect.bisect_left(astral, offset)


def _rows(text: str) -> int:
    """About how many screen rows the draft takes when wrapped: its height before it renders."""
    return sum(1 + len(line) // ROW_CHARS for line in text.splitlines()) or 1


def _draft_payload(result) -> dict:
    text = _LONE_SURROGATE.sub("\ufffd", result.source or "")
    to16 = _utf16_offsets(text)
    findings = []
    for report in result.reports:
        item = report.as_json()
        del item["path"]
        start = min(max(report.start, 0), len(text))
        end = min(max(report.end, start), len(text))
        item["from"], item["to"] = to16(start), to16(end)
        if report.data:
            item["data"] = report.data
        findings.append(item)
    return {"path": result.path, "text": text if result.source is not None else None,
            "findings": findings}


def _category(category: str) -> dict:
    label = category.replace("-", " ").capitalize()
    label, short, description = CATEGORY_INFO.get(category, (label, label, ""))
    return {"id": category, "label": label, "short": short, "description": description}


def _generated() -> str:
    """When the report was made; ``SOURCE_DATE_EPOCH`` pins it for reproducible artifacts."""
    from datetime import datetime, timezone

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch and epoch.isdigit() \
        else datetime.now(timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M UTC")


class _Index:
    """What the page shows before any draft: counts per draft, and the rules, categories and
    severities seen. The only thing held while the drafts stream out."""

    def __init__(self):
        self.files: list[dict] = []
        self.rules: dict[str, None] = {}  # dicts as ordered sets
        self.categories: dict[str, None] = {}
        self.severities: dict[str, None] = {}

    def add(self, result) -> None:
        counts: dict[str, dict[str, int]] = {}
        for report in result.reports:
            by_severity = counts.setdefault(report.category, {})
            by_severity[report.severity] = by_severity.get(report.severity, 0) + 1
            self.rules.setdefault(report.rule)
            self.categories.setdefault(report.category)
            self.severities.setdefault(report.severity)
        entry = {"path": result.path, "counts": counts, "total": len(result.reports)}
        if result.source is not None:
            entry["lines"] = result.source.count("\n") + 1
            entry["rows"] = _rows(result.source)
        if result.error:
            entry["error"] = result.error
        self.files.append(entry)

    def as_json(self, run) -> dict:
        categories = list(CATEGORIES) + [c for c in self.categories if c not in CATEGORIES]
        severities = list(SEVERITIES) + [s for s in self.severities if s not in SEVERITIES]
        rules = {}
        for rule_id in self.rules:
            rule = run.rules.get(rule_id)
            rules[rule_id] = {"summary": rule.summary, "help": rule.help_uri} if rule else {}
        return {"version": 1, "tool": run.version, "generated": _generated(), "files": self.files,
                "categories": [_category(c) for c in categories], "severities": severities, "rules": rules}


def render(results, out, run) -> None:
    from html import escape

    head, tail = _asset("template.html").split("<!-- data -->")
    out.write(head.replace("{{css}}", _asset("report.css")).replace("{{version}}", escape(run.version or "")))
    index = _Index()
    for number, result in enumerate(results):
        out.write(f'<script type="application/json" id="cd-draft-{number}">')
        out.write(script_json(_draft_payload(result)))
        out.write("</script>\n")
        index.add(result)
    out.write('<script type="application/json" id="cd-index">')
    out.write(script_json(index.as_json(run)))
    out.write("</script>\n")
    out.write(tail.replace("{{js}}", _asset("report.js")))


@hookimpl
def copydesk_register_formats(register):
    register(Formatter("html", "a self-contained HTML report for editors (use with -o report.html)",
                       render, needs_source=True))
