"""Re-lint latency inside the language server, as an editor sees it.

Starts ``copydesk lsp --debounce-ms 0`` over stdio, opens a ~2,000-word draft (seed 000), then
sends many didChange notifications one at a time and times each from sending the edit to
receiving the diagnostics for that version. The debounce is off so that the number is the
server's own work (protocol, engine, conversion); an editor adds the debounce (200 ms) on top.

    .venv/bin/python bench/bench_lsp.py [--rounds 200] [--draft FILE]

Target: median under 30 ms.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "lsp")]

from lspclient import Session  # noqa: E402

TARGET_MS = 30.0


def _edit(text: str, version: int) -> str:
    """A real edit each time: the spacing after the first "the" changes with the version."""
    return text.replace(" the ", f" the{' ' * (version % 3 + 1)}", 1)


def _in_process(path: Path, text: str, rounds: int) -> float:
    """The same lints without the protocol, to show what the server adds."""
    from copydesk.lsp.linting import Linter

    linter = Linter()
    linter.lint(str(path), text, "plaintext")
    times = []
    for version in range(2, rounds + 2):
        start = time.perf_counter()
        linter.lint(str(path), _edit(text, version), "plaintext")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--draft", type=Path, default=ROOT / "seeds" / "000_447e9943cd01761e.txt")
    args = parser.parse_args(argv)
    text = args.draft.read_text(encoding="utf-8")
    uri = args.draft.resolve().as_uri()

    session = Session("--debounce-ms", "0", probe=False)
    try:
        session.open(uri, text)
        findings = len(session.diagnostics(uri, 1))
        latencies = []
        for version in range(2, args.rounds + 2):
            edited = _edit(text, version)
            sent = time.perf_counter()
            session.change(uri, edited, version)
            session.diagnostics(uri, version)
            latencies.append((session.arrivals[(uri, version)] - sent) * 1000)
    finally:
        session.close()

    engine_ms = _in_process(args.draft, text, rounds=min(args.rounds, 50))
    latencies.sort()
    median = statistics.median(latencies)
    p90 = latencies[int(len(latencies) * 0.9)]
    print(f"draft: {args.draft.name}, {len(text.split())} words, {findings} findings")
    print(f"re-lint round-trips: {len(latencies)}; median {median:.1f} ms, p90 {p90:.1f} ms, "
          f"min {latencies[0]:.1f} ms, max {latencies[-1]:.1f} ms (target: median < {TARGET_MS:.0f} ms)")
    print(f"of which the engine (same lint in-process, no protocol): median {engine_ms:.1f} ms")
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    raise SystemExit(main())
