"""Runs the engine over many drafts and streams results in input order.

This is the seam for archive-scale work (worker processes, the result cache): front ends call
:func:`run` and receive :class:`FileResult` objects one at a time, so memory stays flat.
"""

from __future__ import annotations

import sys
from typing import Iterable, Iterator

from copydesk.api import FileResult
from copydesk.engine import STDIN, Engine, iter_paths


def run(engine: Engine, paths: Iterable[str], *, stdin_filename: str | None = None,
        jobs: int | None = 1, use_cache: bool = False) -> Iterator[FileResult]:
    for path, error in iter_paths(engine, paths):
        if error:
            yield FileResult(path, error=error)
        elif path == STDIN:
            data = sys.stdin.buffer.read()
            name = stdin_filename or "-"
            yield engine.lint_bytes(name, data, reader_path=stdin_filename)
        else:
            yield engine.lint_path(path)
