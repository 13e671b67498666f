"""Helpers for testing checks, copydesk's own and third parties': lint a string in-process."""

from __future__ import annotations

import os
from pathlib import Path

from copydesk.engine import Engine, Options
from copydesk.model import Report


def lint_text(text: str, filename: str = "draft.txt", *, select=None, ignore=(), facts=(),
              rules=(), date: str | None = None, config_file: str | None = None,
              ledger: str | None = None, **extra) -> list[Report]:
    """Lint ``text`` as if it were the file ``filename`` (its suffix picks the reader).

    Config is not discovered from the working directory unless ``config_file`` is given, so
    results do not depend on where the tests run.
    """
    options = Options(config_file=config_file, facts=tuple(str(f) for f in facts),
                      rules=tuple(str(r) for r in rules), select=tuple(select) if select else None,
                      ignore=tuple(ignore), date=date, ledger=ledger, extra=extra)
    engine = Engine(options)
    if config_file is None:
        from copydesk.config import Config

        engine._explicit_config = Config(root=os.getcwd())
    result = engine.lint_text(filename, text)
    if result.error:
        raise AssertionError(f"{filename}: {result.error}")
    return result.reports


def findings_of(reports: list[Report], rule: str) -> list[Report]:
    return [r for r in reports if r.rule == rule]


def spans(reports: list[Report], text: str) -> list[str]:
    """The text each report points at, for readable assertions (single-line spans)."""
    lines = text.splitlines()
    out = []
    for r in reports:
        line = lines[r.line - 1]
        out.append(line[r.column - 1:r.end_column - 1] if r.end_line == r.line else line[r.column - 1:])
    return out


def fixture_path(*parts: str) -> Path:
    return Path(__file__).resolve().parents[2].joinpath("tests", "fixtures", *parts)
