"""Runs the engine over many drafts and streams results in input order.

Front ends call :func:`run` and receive :class:`FileResult` objects one at a time, in the order
the paths were given, whatever the number of worker processes: output and exit codes do not
depend on ``--jobs`` or the cache. Memory stays flat: at most a small window of drafts is in
flight, and nothing is kept once yielded.

A run of a handful of drafts stays in this process (a pool costs more than it saves); a longer
one lints its first draft here, which warms every shared resource, and then forks workers that
inherit them, so no worker re-imports or re-parses anything per file.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain

from copydesk.api import FileResult
from copydesk.engine import STDIN, Engine, iter_paths

SMALL_RUN = 24  # fewer drafts than this: no pool
BATCH = 8  # drafts per task sent to a worker
WINDOW = 4  # tasks in flight per worker (bounds memory, keeps workers busy)

_WORKER: tuple | None = None  # (engine, cache) of this process when it is a worker


def default_jobs() -> int:
    """The CPUs this process may use."""
    if hasattr(os, "process_cpu_count"):
        return os.process_cpu_count() or 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def run(engine: Engine, paths: Iterable[str], *, stdin_filename: str | None = None,
        jobs: int | None = None, use_cache: bool = False, progress=None) -> Iterator[FileResult]:
    """Lint every draft under ``paths``; yield one result per draft, in input order.

    ``jobs``: worker processes (None or 0: the CPU count). ``use_cache``: read and write the
    result cache. ``progress``: a stream for the progress bar; None picks stderr when it is an
    interactive terminal.
    """
    from copydesk.progress import Progress

    jobs = jobs if jobs and jobs > 0 else default_jobs()
    cache = None
    if use_cache:
        from copydesk.cache import ResultCache

        cache = ResultCache(engine)
    items = _items(engine, paths, stdin_filename)
    bar = Progress.for_stream(sys.stderr if progress is None else progress)
    try:
        for result in _schedule(engine, cache, items, jobs):
            bar.update(result)
            yield result
    finally:
        bar.close()


def _items(engine: Engine, paths: Iterable[str], stdin_filename: str | None) -> Iterator[FileResult | str]:
    """Paths to lint, or results already known (a missing file, the draft on stdin)."""
    for path, error in iter_paths(engine, paths):
        if error:
            yield FileResult(path, error=error)
        elif path == STDIN:
            if stdin_filename and engine.is_excluded(stdin_filename):
                continue  # as for a file of that name
            data = sys.stdin.buffer.read()
            yield engine.lint_bytes(stdin_filename or "-", data, reader_path=stdin_filename)
        else:
            yield path


def _schedule(engine, cache, items: Iterator, jobs: int) -> Iterator[FileResult]:
    if jobs > 1:
        head = []
        for item in items:
            head.append(item)
            if len(head) >= SMALL_RUN:
                return _parallel(engine, cache, chain(head, items), jobs)
        items = iter(head)
    return (item if isinstance(item, FileResult) else lint_file(engine, cache, item) for item in items)


def lint_file(engine: Engine, cache, path: str) -> FileResult:
    """Lint one file, through the cache when there is one."""
    if cache is None:
        return engine.lint_path(path)
    from copydesk.decode import InputError, decode, read_bytes

    try:
        data = read_bytes(path)
    except InputError as exc:
        return FileResult(path, error=str(exc))
    key = cache.key(path, data)
    if key is not None:
        hit = cache.get(key, path)
        if hit is not None:
            if engine.options.keep_source:
                hit.source = decode(data)
            return hit
    result = engine.lint_bytes(path, data)
    if key is not None:
        cache.put(key, result)
    return result


def _parallel(engine, cache, items: Iterator, jobs: int) -> Iterator[FileResult]:
    """Batches of drafts to a pool of forked workers; results back in input order.

    If the pool breaks (a worker killed, out of memory) or a batch cannot come back (a
    plugin's result that does not pickle), its drafts and the rest are linted here instead.
    """
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    global _WORKER
    pending: deque = deque()  # FileResult, or (future, paths) of a batch sent to a worker
    pool = None
    usable = False
    batch: list[str] = []

    def submit() -> None:
        nonlocal usable
        paths = batch[:]
        batch.clear()
        if usable:
            try:
                pending.append((pool.submit(_lint_batch, paths), paths))
                return
            except BrokenProcessPool:
                usable = False
        pending.extend(lint_file(engine, cache, p) for p in paths)

    def pop() -> Iterator[FileResult]:
        nonlocal usable
        head = pending.popleft()
        if isinstance(head, FileResult):
            yield head
            return
        future, paths = head
        try:
            results = future.result()
        except BrokenProcessPool:
            usable = False
            results = [lint_file(engine, cache, p) for p in paths]
        except Exception:  # the batch did not come back: do it here
            results = [lint_file(engine, cache, p) for p in paths]
        yield from results

    try:
        for item in items:
            if isinstance(item, FileResult):
                if batch:
                    submit()
                pending.append(item)
            elif pool is None:
                pending.append(lint_file(engine, cache, item))  # warm up here, then fork
                _WORKER = (engine, cache)
                pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_init_worker,
                                           initargs=(engine.options, cache is not None))
                usable = True
            else:
                batch.append(item)
                if len(batch) >= BATCH:
                    submit()
            while len(pending) > WINDOW * jobs:
                yield from pop()
        if batch:
            submit()
        while pending:
            yield from pop()
    finally:
        _WORKER = None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _context():
    """Fork where it is safe and available (workers inherit the warmed engine), else spawn."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _init_worker(options, use_cache: bool) -> None:
    """Once per worker: keep the engine inherited from the parent, or build one (spawn)."""
    import signal

    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if _WORKER is None:
        engine = Engine(options)
        cache = None
        if use_cache:
            from copydesk.cache import ResultCache

            cache = ResultCache(engine)
        _WORKER = (engine, cache)


def _lint_batch(paths: list[str]) -> list[FileResult]:
    engine, cache = _WORKER
    return [lint_file(engine, cache, p) for p in paths]
