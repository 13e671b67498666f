"""The copydesk benchmark: a script, not a timed test. Writes bench/RESULTS.md.

    python bench/run.py            # the full run: 10,000 drafts, a 1,000,000-claim ledger
    python bench/run.py --quick    # a few minutes: 1,000 drafts, a 100,000-claim ledger

Measures, as medians of several runs, on a synthetic archive (``bench/archive.py``):

1. a cold ``copydesk check`` of one seed draft (the save-time case) and ``python -c pass``,
   the floor, interleaved in the same run;
2. drafts per second with ``--jobs 1`` and ``--jobs 2``, uncached, and the cached re-run;
3. peak memory for 1,000 and 10,000 drafts (every process of the run, proportional set size,
   so pages that forked workers share with the parent count once);
4. the per-draft cost of ``check --ledger`` against a ledger of 1,000,000 claims.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import archive  # noqa: E402  (bench/ is not a package)

SEED = ROOT / "seeds" / "000_447e9943cd01761e.txt"
TARGETS = {
    "cold_ms": 150, "cold_over_floor_ms": 100, "per_core": 300, "scaling": 1.7, "cached": 10,
    "memory_mb": 150, "ledger_ms": 10,
}


def freeze(workdir: Path) -> Path:
    """A copy of the package and its rule packs that every measurement runs.

    Others may edit the tree while the benchmark runs; a frozen copy keeps the code the same
    from the first run to the last (and so keeps the result cache valid between them).
    """
    target = workdir / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "src" / "copydesk", target / "copydesk", ignore=ignore)
    shutil.copytree(ROOT / "rules", target / "copydesk" / "rules", ignore=ignore)
    sys.path.insert(0, str(target))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target), os.environ.get("PYTHONPATH")]))
    return target


def copydesk_cmd() -> list[str]:
    script = Path(sys.executable).parent / "copydesk"
    return [str(script)] if script.exists() else [sys.executable, "-m", "copydesk"]


def timed(cmd: list[str], env: dict | None = None, cwd: Path | None = None) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"benchmark command failed ({proc.returncode}): {' '.join(cmd)}\n"
                         + proc.stderr.decode()[-2000:])
    return elapsed


def environment(cache_dir: Path | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["COPYDESK_CACHE_DIR"] = str(cache_dir) if cache_dir else ""
    return env


# --- 1. cold start -------------------------------------------------------------------------

def bench_cold(runs: int) -> dict:
    check = copydesk_cmd() + ["check", "--no-cache", str(SEED)]
    floor = [sys.executable, "-c", "pass"]
    env = environment()
    for _ in range(2):  # warm the OS file cache for both
        timed(check, env, ROOT)
        timed(floor, env, ROOT)
    checks, floors = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        checks.append(timed(check, env, ROOT))
        floors.append(timed(floor, env, ROOT))
    cold, base = statistics.median(checks) * 1000, statistics.median(floors) * 1000
    return {"cold_ms": cold, "floor_ms": base, "cold_over_floor_ms": cold - base, "runs": runs}


# --- 2. throughput -------------------------------------------------------------------------

def bench_throughput(drafts: Path, facts: Path, count: int, runs: int, workdir: Path) -> dict:
    base = copydesk_cmd() + ["check", "--format", "json", "--facts", str(facts), str(drafts)]
    out: dict = {"drafts": count, "runs": runs}
    for jobs in (1, 2):
        times = [timed(base + ["--no-cache", "--jobs", str(jobs)], environment(), workdir) for _ in range(runs)]
        out[f"jobs{jobs}_s"] = statistics.median(times)
        out[f"jobs{jobs}_rate"] = count / out[f"jobs{jobs}_s"]
    cache = workdir / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    out["fill_s"] = timed(base + ["--jobs", "2"], environment(cache), workdir)
    times = [timed(base + ["--jobs", "2"], environment(cache), workdir) for _ in range(runs)]
    out["cached_s"] = statistics.median(times)
    out["cached_rate"] = count / out["cached_s"]
    out["scaling"] = out["jobs2_rate"] / out["jobs1_rate"]
    out["cached_speedup"] = out["jobs2_s"] / out["cached_s"]
    return out


# --- 3. memory -----------------------------------------------------------------------------

def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except OSError:
            pass
    return found


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def peak_memory(cmd: list[str], cwd: Path) -> dict:
    """Peak total PSS of the run's process tree (sampled), and the main process's peak RSS."""
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd,
                            env=environment())
    peak = [0, 0]  # total PSS kB, processes at that moment

    def sample():
        while proc.poll() is None:
            pids = _tree(proc.pid)
            total = sum(_pss_kb(p) for p in pids)
            if total > peak[0]:
                peak[:] = [total, len(pids)]
            time.sleep(0.02)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    watcher.join()
    return {"tree_pss_mb": peak[0] / 1024, "processes": peak[1], "main_rss_mb": usage.ru_maxrss / 1024}


def bench_memory(drafts: Path, facts: Path, sizes: list[tuple[int, Path]], workdir: Path) -> dict:
    out = {}
    for count, folder in sizes:
        cmd = copydesk_cmd() + ["check", "--no-cache", "--format", "json", "--facts", str(facts), str(folder)]
        out[count] = peak_memory(cmd, workdir)
    return out


# --- 4. ledger latency ---------------------------------------------------------------------

def build_ledger(db: Path, sample: list[Path], facts: Path, claims_target: int) -> dict:
    """A ledger of ``claims_target`` claims: the real claims of sample drafts, recorded under
    many names (as an archive that repeats itself would), one transaction per draft."""
    from copydesk.engine import Engine, Options
    from copydesk.ledger import Ledger
    from copydesk.ledger.ingest import entries

    engine = Engine(Options(facts=(str(facts),)))
    per_draft = []
    for path in sample:
        text = path.read_text(encoding="utf-8")
        document = engine.reader_for(str(path)).read(str(path), text)
        found = entries(document, engine.context(str(path), engine.config_for(str(path))))
        if found:
            per_draft.append((found, document.meta.date))
    if not per_draft:
        raise SystemExit("no claims extracted from the sample drafts: is the fact check installed?")
    start = time.perf_counter()
    total = drafts = 0
    with Ledger(str(db), synchronous="OFF") as ledger:  # a bulk load: durability is not measured here
        while total < claims_target:
            found, date = per_draft[drafts % len(per_draft)]
            ledger.record(f"archive/{drafts:07d}.txt", f"h{drafts}", date, found)
            total += len(found)
            drafts += 1
        ledger.conn.execute("ANALYZE")
    return {"claims": total, "drafts": drafts, "build_s": time.perf_counter() - start,
            "size_mb": db.stat().st_size / 1e6}


def bench_ledger(db: Path, sample: list[Path], facts: Path) -> dict:
    """Per-draft time of the ledger check, in process: what ``--ledger`` adds to a run (its
    claim extraction and lookups), and the lookups alone."""
    from copydesk.checks import ledger as ledger_check
    from copydesk.engine import Engine, Options
    from copydesk.facts import kit_for
    from copydesk.ledger import ingest
    from copydesk.ledger.agreement import NEVER, policy

    engine = Engine(Options(facts=(str(facts),), ledger=str(db)))
    check = next(c for c, _ in engine.registry(engine.config_for(str(sample[0]))).checks
                 if c.name == "ledger")
    totals, lookups, findings = [], [], 0
    for n, path in enumerate([sample[0], *sample]):  # the first round warms the process up
        text = path.read_text(encoding="utf-8")
        document = engine.reader_for(str(path)).read(str(path), text)
        context = engine.context(str(path), engine.config_for(str(path)))
        start = time.perf_counter()
        findings += len(list(check.run(document, context)))
        totals.append(time.perf_counter() - start)
        store = ledger_check._open(str(db))
        claims = ingest.extract(document, context)
        relations = kit_for(context).catalogue.relations
        start = time.perf_counter()
        for claim in claims:
            how = policy(relations.get(claim.relation), claim.kind)
            if how != NEVER:
                store.lookup(ingest.entry(claim, document.meta.date), how, exclude_path=str(path))
        lookups.append(time.perf_counter() - start)
        if n == 0:
            totals, lookups, findings = [], [], 0
    totals.sort()
    return {"median_ms": statistics.median(totals) * 1000, "p95_ms": totals[int(len(totals) * 0.95)] * 1000,
            "lookups_median_ms": statistics.median(lookups) * 1000, "drafts": len(sample),
            "findings": findings}


def bench_ledger_cold(db: Path, facts: Path, runs: int) -> dict:
    base = copydesk_cmd() + ["check", "--no-cache", "--facts", str(facts), str(SEED)]
    env = environment()
    timed(base + ["--ledger", str(db)], env, ROOT)
    with_ledger, without = [], []
    for _ in range(runs):
        with_ledger.append(timed(base + ["--ledger", str(db)], env, ROOT))
        without.append(timed(base, env, ROOT))
    return {"with_ms": statistics.median(with_ledger) * 1000, "without_ms": statistics.median(without) * 1000}


# --- where the time goes ------------------------------------------------------------------

def bench_profile(sample: list[Path], facts: Path) -> dict[str, float]:
    """Median milliseconds per draft of reading it and of each check, in one warm process."""
    from copydesk.engine import Engine, Options

    engine = Engine(Options(facts=(str(facts),)))
    times: dict[str, list[float]] = {}
    for n, path in enumerate([sample[0], *sample]):  # the first round warms the process up
        text = path.read_text(encoding="utf-8")
        start = time.perf_counter()
        document = engine.reader_for(str(path)).read(str(path), text)
        spent = {f"read ({path.suffix[1:]})": time.perf_counter() - start}
        context = engine.context(str(path), engine.config_for(str(path)))
        for check, _ in engine.registry(context.config).checks:
            start = time.perf_counter()
            list(check.run(document, context))
            spent[f"check {check.name}"] = time.perf_counter() - start
        if n:
            for name, seconds in spent.items():
                times.setdefault(name, []).append(seconds)
    return {name: statistics.median(v) * 1000 for name, v in sorted(times.items())}


# --- report --------------------------------------------------------------------------------

def machine() -> dict:
    model = platform.processor() or "unknown"
    try:
        with open("/proc/cpuinfo") as fh:
            model = next((line.split(":", 1)[1].strip() for line in fh if line.startswith("model name")), model)
    except OSError:
        pass
    from copydesk import __version__

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True).stdout.strip()
        if subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip():
            commit += " with uncommitted changes"
    except OSError:
        commit = ""
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "os": f"{platform.system()} {platform.release()}",
            "copydesk": __version__, "commit": commit or "?"}


def mark(ok: bool) -> str:
    return "pass" if ok else "**miss**"


def report(m: dict, cold: dict, tp: dict, mem: dict, led: dict, built: dict, led_cold: dict,
           profile: dict, quick: bool) -> str:
    t = TARGETS
    lines = [
        "# copydesk benchmark results", "",
        f"Written by `python bench/run.py{' --quick' if quick else ''}` on "
        f"{time.strftime('%Y-%m-%d %H:%M', time.localtime())}. Medians of several runs.", "",
        f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['os']}, Python {m['python']}, SQLite {m['sqlite']}; "
        f"copydesk {m['copydesk']} at {m['commit']}. Highest 1-minute load average seen between steps: "
        f"{m['load']:.1f} (on a shared machine, other work slows the multi-job runs most).", "",
        "| measure | result | target | |", "|---|---|---|---|",
        f"| cold `check` of one seed draft | {cold['cold_ms']:.0f} ms | < {t['cold_ms']} ms | "
        f"{mark(cold['cold_ms'] < t['cold_ms'])} |",
        f"| `python -c pass` (floor) | {cold['floor_ms']:.0f} ms | | |",
        f"| cold check over the floor | {cold['cold_over_floor_ms']:.0f} ms | < {t['cold_over_floor_ms']} ms | "
        f"{mark(cold['cold_over_floor_ms'] < t['cold_over_floor_ms'])} |",
        f"| `--jobs 1`, uncached, {tp['drafts']:,} drafts | {tp['jobs1_rate']:.0f} drafts/s "
        f"({tp['jobs1_s']:.1f} s) | ≥ {t['per_core']} /s per core | {mark(tp['jobs1_rate'] >= t['per_core'])} |",
        f"| `--jobs 2`, uncached | {tp['jobs2_rate']:.0f} drafts/s ({tp['jobs2_s']:.1f} s) | | |",
        f"| speed-up 1 → 2 jobs | {tp['scaling']:.2f}x | ≥ {t['scaling']}x | {mark(tp['scaling'] >= t['scaling'])} |",
        f"| cached re-run (`--jobs 2`) | {tp['cached_rate']:.0f} drafts/s ({tp['cached_s']:.2f} s), "
        f"{tp['cached_speedup']:.1f}x faster | ≥ {t['cached']}x | {mark(tp['cached_speedup'] >= t['cached'])} |",
    ]
    for count, r in sorted(mem.items()):
        lines.append(f"| peak memory, {count:,} drafts (`--jobs 2`) | {r['tree_pss_mb']:.0f} MB over "
                     f"{r['processes']} processes (main process RSS {r['main_rss_mb']:.0f} MB) | "
                     f"< {t['memory_mb']} MB | {mark(r['tree_pss_mb'] < t['memory_mb'])} |")
    lines += [
        f"| `check --ledger`, per draft, {built['claims']:,} claims | {led['median_ms']:.2f} ms median, "
        f"{led['p95_ms']:.2f} ms p95 (lookups alone {led['lookups_median_ms']:.2f} ms) | < {t['ledger_ms']} ms "
        f"(median) | {mark(led['median_ms'] < t['ledger_ms'])} |",
        f"| cold `check --ledger` of one seed draft | {led_cold['with_ms']:.0f} ms "
        f"(without the ledger {led_cold['without_ms']:.0f} ms) | | |",
        "",
        "Notes:", "",
        f"- Archive: {tp['drafts']:,} synthetic drafts (`bench/archive.py`, seed 7), a third each plain "
        "text, Markdown and HTML, 3-15 KB, with citations, references, figures and fact statements; "
        "checked with the archive's entity pack (`--facts entities.yaml`) and every built-in rule.",
        "- Uncached runs pass `--no-cache`; the cached re-run follows one run that filled the cache.",
        "- Peak memory is the largest total proportional set size (PSS) of the `copydesk` process "
        "and its workers, sampled every 20 ms.",
        f"- Ledger: {built['drafts']:,} recorded drafts ({built['size_mb']:.0f} MB, built in "
        f"{built['build_s']:.0f} s), the claims of real synthetic drafts recorded under many names; "
        f"latency is the ledger check's own time per draft over {led['drafts']} drafts "
        f"({led['findings']} findings): its claim extraction (the fact check extracts the same claims "
        "again: shared, the ledger would add only the lookups) and one query of the per-claim draft "
        "counts per claim.",
    ]
    lines += ["", "Where one draft's time goes (median ms per draft over 200 drafts, one warm process; "
              "a check's time includes the shared work it triggers first, such as sentence splitting):", "",
              "| step | ms |", "|---|---|"]
    lines += [f"| {name} | {ms:.2f} |" for name, ms in sorted(profile.items(), key=lambda kv: -kv[1])]
    if quick:
        lines.append("")
        lines.append("- `--quick`: fewer drafts, claims and repetitions than the targets name; "
                     "run without it for the figures of record.")
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 drafts, 100,000 claims, fewer runs")
    parser.add_argument("--out", default=str(HERE / "RESULTS.md"), help="where to write the results")
    parser.add_argument("--workdir", help="keep the archive and ledger here (default: a temporary folder)")
    args = parser.parse_args(argv)
    count, claims, runs, cold_runs = (1_000, 100_000, 2, 10) if args.quick else (10_000, 1_000_000, 3, 20)
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="copydesk-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)

    loads: list[float] = []

    def step(name):
        loads.append(os.getloadavg()[0])  # what else ran on the machine during the last step
        print(f"[{time.strftime('%H:%M:%S')}] {name}", file=sys.stderr, flush=True)

    try:
        frozen = freeze(workdir)
        step(f"generating {count:,} drafts in {workdir}; running copydesk from {frozen}")
        paths = archive.generate(workdir / "archive", count)
        drafts, facts = workdir / "archive" / "drafts", workdir / "archive" / "entities.yaml"
        step("cold start")
        cold = bench_cold(cold_runs)
        step("throughput")
        tp = bench_throughput(drafts, facts, count, runs, workdir)
        step("memory")
        sizes = [(1_000, drafts / "000")] + ([(count, drafts)] if count > 1_000 else [])
        mem = bench_memory(drafts, facts, sizes, workdir)
        step(f"building a ledger of {claims:,} claims")
        built = build_ledger(workdir / "ledger.db", paths[:300], facts, claims)
        step("ledger latency")
        led = bench_ledger(workdir / "ledger.db", paths[-200:], facts)
        led_cold = bench_ledger_cold(workdir / "ledger.db", facts, cold_runs // 2)
        step("profile")
        profile = bench_profile(paths[:200], facts)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    step("done")
    text = report({**machine(), "load": max(loads)}, cold, tp, mem, led, built, led_cold, profile, args.quick)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
