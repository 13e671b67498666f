"""``--format text``: ``path:line:col: severity rule message``, the form editors parse.

On a terminal each finding also shows the line with the span underlined.
"""

from __future__ import annotations

from functools import lru_cache

from copydesk.api import Formatter
from copydesk.hookspecs import hookimpl

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m"}
_BOLD, _DIM, _RESET = "\033[1m", "\033[2m", "\033[0m"


def _width(text: str) -> int:
    """Terminal cells ``text`` takes: wide (CJK, emoji) characters take two, combining marks none."""
    import unicodedata

    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


@lru_cache(maxsize=1)
def _lines(source: str) -> list[str]:
    """The lines of the draft being printed: split once, not once per finding."""
    return source.splitlines()


def excerpt(source: str, report, color: bool) -> str:
    lines = _lines(source)
    if not (1 <= report.line <= len(lines)):
        return ""
    line = lines[report.line - 1].expandtabs(1)
    start = report.column - 1
    end = report.end_column - 1 if report.end_line == report.line else len(line)
    # keep long scraped paragraphs readable: a window around the span
    lo = max(0, start - 60)
    hi = min(len(line), max(end, start + 1) + 60)
    shown = ("…" if lo else "") + line[lo:hi] + ("…" if hi < len(line) else "")
    pad = (1 if lo else 0) + _width(line[lo:start])
    caret = " " * pad + "^" * max(1, _width(line[start:min(end, hi)]))
    gutter = f"{report.line:>5} | "
    if color:
        col = _COLORS.get(report.severity, "")
        return f"{_DIM}{gutter}{_RESET}{shown}\n{' ' * len(gutter)}{col}{caret}{_RESET}\n"
    return f"{gutter}{shown}\n{' ' * len(gutter)}{caret}\n"


def render(results, out, run) -> None:
    counts = {"error": 0, "warning": 0, "info": 0}
    files = 0
    for result in results:
        for r in result.reports:
            counts[r.severity] = counts.get(r.severity, 0) + 1
            if run.color:
                col = _COLORS.get(r.severity, "")
                out.write(f"{_BOLD}{r.path}:{r.line}:{r.column}:{_RESET} {col}{r.severity}{_RESET} "
                          f"{_BOLD}{r.rule}{_RESET} {r.message}\n")
                if result.source is not None:
                    out.write(excerpt(result.source, r, True))
            else:
                out.write(f"{r.path}:{r.line}:{r.column}: {r.severity} {r.rule} {r.message}\n")
        if result.reports:
            files += 1
    total = sum(counts.values())
    if total and not run.options.get("quiet"):
        parts = ", ".join(f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n)
        bold, reset = (_BOLD, _RESET) if run.color else ("", "")
        out.write(f"\n{bold}Found {total} finding{'s' if total != 1 else ''} in {files} "
                  f"file{'s' if files != 1 else ''}{reset} ({parts}).\n")


@hookimpl
def copydesk_register_formats(register):
    register(Formatter("text", "path:line:col: severity rule message (default)", render,
                       needs_source=False))
