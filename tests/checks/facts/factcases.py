"""Lint a sentence as a plain-text, Markdown or HTML draft, with the fixture world's fact pack."""

from __future__ import annotations

import html

from helpers import FIXTURES

from copydesk.testing import lint_text

PACK = FIXTURES / "facts" / "pack.yaml"
DESK_RULES = FIXTURES / "facts" / "desk-rules.yaml"
DATE = "2026-03-01"
FORMATS = ("txt", "md", "html")


def render(body: str, fmt: str, date: str | None = DATE) -> tuple[str, str]:
    """(file name, source) of a draft whose prose is ``body`` and whose own date is ``date``."""
    if fmt == "txt":
        return "draft.txt", (f"By Desk Staff | {date}\n\n" if date else "") + body + "\n"
    if fmt == "md":
        front = f"---\ntitle: A draft\ndate: {date}\n---\n\n" if date else ""
        return "draft.md", front + "# A draft\n\n" + body + "\n"
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return "draft.html", (f"<html><head><title>A draft</title>{meta}</head><body><article>"
                          f"<h1>A draft</h1>\n<p>{html.escape(body, quote=False)}</p>\n</article></body></html>\n")


def flagged(body: str, fmt: str = "txt", *, date: str | None = DATE, select=("factual-inconsistency",),
            facts=(PACK,), rules=(DESK_RULES,), **kw) -> list[tuple[str, str]]:
    """(rule, flagged text) for every finding in the draft."""
    name, source = render(body, fmt, date)
    reports = lint_text(source, name, select=select, facts=facts, rules=rules, **kw)
    lines = source.splitlines()
    return [(r.rule, html.unescape(lines[r.line - 1][r.column - 1:r.end_column - 1])) for r in reports]
