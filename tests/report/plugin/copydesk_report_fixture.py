"""A test plugin that flags simple patterns in every category, so the HTML report has
findings to show (nested and overlapping ones included) whatever the real checks find.

Loaded through the real entry-point mechanism: ``fixture_plugin_env`` in conftest.py puts a
``.dist-info`` with an entry point for this module on PYTHONPATH.
"""

from __future__ import annotations

import re

from copydesk.api import Rule
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding

MONTH_YEAR = r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b"

PATTERNS = (  # rule id, category, severity, pattern
    ("fixture-citation", "unsupported-citation", "warning", r"\[\d+\]"),
    ("fixture-self", "self-reference", "error", r"Editorial_board"),
    ("fixture-date", "factual-inconsistency", "info", MONTH_YEAR),  # contains a fixture-year
    ("fixture-year", "unattributed-number", "warning", r"(?<![\d.,])\d{4}(?![\d.,])"),
    ("fixture-percent", "unattributed-number", "error", r"\d+(?:\.\d+)?%"),
)


class FixtureCheck:
    name = "report-fixture"
    rules = tuple(
        Rule(id=rule, category=category, severity=severity, summary=f"Fixture rule for {category}",
             docs="## What it does\nTest fixture.", bad="x", good="y")
        for rule, category, severity, _ in PATTERNS
    )

    def run(self, document, context):
        for rule, _, _, pattern in PATTERNS:
            for m in re.finditer(pattern, document.source):
                yield Finding(rule, m.start(), m.end(), f"Fixture {rule} flags “{m.group()}” <here> & there",
                              source="https://example.org/fixture?a=1&b=<2>", in_source=True,
                              data={"matched": m.group()})


@hookimpl
def copydesk_register_checks(register, packs):
    register(FixtureCheck())
