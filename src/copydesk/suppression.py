"""Suppression comments, applied to every check's findings (a ``wrapper=True`` hook).

Directives live in comments: ``<!-- copydesk-disable RULE[, RULE] -->`` …
``<!-- copydesk-enable RULE -->``, ``<!-- copydesk-disable-next-line RULE -->`` and
``<!-- copydesk-disable-file -->``. Without a rule they cover every rule. Plain text accepts
the same HTML comments, or ``# copydesk: disable-next-line RULE`` on a line of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from copydesk.api import Rule
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding, LineIndex

_DIRECTIVE = re.compile(
    r"copydesk[-:]\s*(?P<verb>disable-next-line|disable-file|disable|enable)\b(?P<rules>[^>]*?)\s*(?:-->)?$"
)

UNUSED_RULE = Rule(
    id="unused-disable",
    category="suppression",
    severity="warning",
    summary="A copydesk-disable comment that suppresses nothing",
    docs="""## What it does
Reports suppression comments that no finding needed (only with `--report-unused-disables`).

## Why is this bad?
A stale `copydesk-disable` hides the next real problem on that line or in that range.

## Example
```markdown
<!-- copydesk-disable-next-line unattributed-number -->
The launch went well.
```

## Use instead
Remove the comment.
""",
    bad="<!-- copydesk-disable-next-line unattributed-number -->\nThe launch went well.\n",
    good="The launch went well.\n",
    example_options={"report_unused_disables": True},
)


@dataclass
class Directive:
    verb: str
    rules: frozenset[str]  # empty: every rule
    line: int
    start: int
    end: int
    used: bool = False


@dataclass
class _Range:
    """Lines ``first``..``last`` where ``directive`` hides findings of ``rules`` (None: all)
    except ``spared`` (rules an ``enable`` turned back on inside a wider ``disable``)."""

    directive: Directive
    first: int
    last: float = field(default=float("inf"))
    rules: frozenset[str] | None = None
    spared: frozenset[str] = frozenset()

    def covers(self, rule: str, line: int) -> bool:
        return (self.first <= line <= self.last and (self.rules is None or rule in self.rules)
                and rule not in self.spared)


def parse_directives(document, index: LineIndex) -> list[Directive]:
    out = []
    for comment in document.comments:
        m = _DIRECTIVE.search(comment.body.strip())
        if not m:
            continue
        rules = frozenset(r for r in re.split(r"[\s,]+", m.group("rules").strip()) if r)
        end_line, _ = index.position(comment.end)
        out.append(Directive(m.group("verb"), rules, end_line, comment.start, comment.end))
    return out


def _ranges(directives: list[Directive]) -> list[_Range]:
    ranges: list[_Range] = []
    open_: list[_Range] = []
    for d in directives:
        named = d.rules or None
        if d.verb == "disable-file":
            ranges.append(_Range(d, 1, rules=named))
        elif d.verb == "disable-next-line":
            ranges.append(_Range(d, d.line + 1, d.line + 1, rules=named))
        elif d.verb == "disable":
            r = _Range(d, d.line, rules=named)
            ranges.append(r)
            open_.append(r)
        elif d.verb == "enable":
            d.used = True  # an enable is never "unused" by itself
            for r in list(open_):
                if named is not None and r.rules is not None and not (r.rules & named):
                    continue
                r.last = d.line
                open_.remove(r)
                if named is None:
                    continue
                # enabling some rules of a wider disable keeps the others disabled
                rest = None if r.rules is None else r.rules - named
                if rest is None or rest:
                    tail = _Range(r.directive, d.line + 1, rules=rest,
                                  spared=r.spared | named if rest is None else frozenset())
                    ranges.append(tail)
                    open_.append(tail)
    return ranges


@hookimpl(wrapper=True)
def copydesk_postprocess(document, context, findings):
    findings = yield
    if not document.comments:
        return findings
    index = LineIndex(document.source)
    directives = parse_directives(document, index)
    if not directives:
        return findings
    ranges = _ranges(directives)
    kept: list[Finding] = []
    for f in findings:
        start = f.start if f.in_source else document.offsets.to_source(f.start)
        line, _ = index.position(start)
        hit = False
        for r in ranges:
            if r.covers(f.rule, line):
                r.directive.used = True
                hit = True
        if not hit:
            kept.append(f)
    if context.options.get("report_unused_disables") and context.rule_enabled(UNUSED_RULE.id):
        for d in directives:
            if not d.used:
                what = ", ".join(sorted(d.rules)) or "every rule"
                kept.append(Finding(UNUSED_RULE.id, d.start, d.end,
                                    f"copydesk-{d.verb} for {what} suppresses nothing; remove it",
                                    in_source=True))
    return kept


class _Unused:
    name = "suppression"
    rules = (UNUSED_RULE,)

    def run(self, document, context):
        return ()


@hookimpl
def copydesk_register_checks(register, packs):
    register(_Unused())
