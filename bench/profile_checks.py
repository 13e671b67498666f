"""Where a draft's lint time goes: reader, context and each check, warm, median per draft.

    python bench/profile_checks.py [DRAFT...]      (default: the seeds)

Also prints the cold cost of the first draft in a fresh process, split into imports,
plugin registration and first lint, which is what a save-time editor command pays.
Run with PYTHONDONTWRITEBYTECODE unset, as an installed copy runs.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

COLD = """
import time
t0 = time.perf_counter()
from copydesk.engine import Engine, Options
from copydesk import plugins
t1 = time.perf_counter()
engine = Engine(Options())
plugins.get_plugin_manager(); plugins.formats(); engine.readers
t2 = time.perf_counter()
engine.lint_path({path!r})
t3 = time.perf_counter()
print(f"{{1000*(t1-t0):.1f}} {{1000*(t2-t1):.1f}} {{1000*(t3-t2):.1f}}")
"""


def warm(paths: list[str], repeat: int = 7) -> dict[str, list[float]]:
    from copydesk.engine import Engine, Options

    engine = Engine(Options())
    for p in paths:
        engine.lint_path(p)
    times: dict[str, list[float]] = {}

    def timed(name, fn):
        t = time.perf_counter()
        out = fn()
        times.setdefault(name, []).append(1000 * (time.perf_counter() - t))
        return out

    for p in paths:
        text = Path(p).read_text(encoding="utf-8")
        config = engine.config_for(p)
        for _ in range(repeat):
            doc = timed("read", lambda: engine.reader_for(p).read(p, text))
            context = timed("context", lambda: engine.context(p, config))
            for check, _owner in engine.registry(config).checks:
                timed(f"check {check.name}", lambda: list(check.run(doc, context)))
            timed("TOTAL lint_text", lambda: engine.lint_text(p, text))
    return times


def cold(path: str, runs: int = 5) -> list[tuple[float, float, float]]:
    out = []
    for _ in range(runs):
        proc = subprocess.run([sys.executable, "-c", COLD.format(path=path)], capture_output=True,
                              text=True, check=True, cwd=ROOT)
        out.append(tuple(float(x) for x in proc.stdout.split()))
    return out


def main(argv: list[str]) -> None:
    paths = argv or sorted(str(p) for p in (ROOT / "seeds").glob("*.txt"))
    for name, values in warm(paths).items():
        print(f"{name:28} median {statistics.median(values):7.2f} ms   max {max(values):7.2f} ms")
    runs = cold(paths[0])
    for i, label in enumerate(("imports", "plugins+registration", "first lint")):
        print(f"cold {label:23} median {statistics.median(r[i] for r in runs):7.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
