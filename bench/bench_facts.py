#!/usr/bin/env python3
"""Benchmark the fact check at scale: pack load (cold and cached) and per-draft check time.

usage: bench/bench_facts.py [--entities 50000] [--facts 100000] [--repeat 15]

Generates a pack of made-up entities and facts in a temporary folder, then measures:
- loading it with the built-in pack: cold (parse, validate, build the automaton, write the
  disk cache) and cached (read the disk cache), each in a fresh process;
- checking each draft (the seeds, the fixture drafts and drafts that mention generated
  entities) with the tiny built-in pack and with the large one: median milliseconds per draft.
Not a test: numbers depend on the machine. The goal is a cached load under 1 s and a per-draft
cost with the large pack at most 2x the tiny pack's.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SYLLABLES = ("ka", "lo", "mi", "ra", "ven", "tor", "shi", "dra", "nel", "qua", "bri", "zan", "pho", "lek",
             "sar", "tum", "vio", "gre", "hal", "oru", "fen", "ist", "mab", "cor", "dul", "eth", "yar", "wix")
ORG_WORDS = ("Dynamics", "Labs", "Systems", "Holdings", "Works", "Analytics", "Robotics", "Energy", "Foods")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def generate_pack(path: Path, entities: int, facts: int, seed: int = 7) -> dict:
    """Write a pack of ``entities`` and ``facts``; return a few names for drafts to mention."""
    rng = random.Random(seed)
    names: set[str] = set()
    people, orgs, places = [], [], []
    lines = ["entities:"]
    while len(people) + len(orgs) + len(places) < entities:
        kind = rng.random()
        if kind < 0.45:
            first, last = _word(rng, 2), _word(rng, 3)
            name, alias = f"{first} {last}", last
            if name in names or alias in names:
                continue
            names.update((name, alias))
            people.append((f"p{len(people)}", name))
            lines.append(f"  - {{id: p{len(people) - 1}, name: {name}, aliases: [{alias}], type: person}}")
        elif kind < 0.95:
            name = f"{_word(rng, 3)} {rng.choice(ORG_WORDS)}"
            if name in names:
                continue
            names.add(name)
            orgs.append((f"o{len(orgs)}", name))
            lines.append(f"  - {{id: o{len(orgs) - 1}, name: {name}, type: organization}}")
        else:
            name = _word(rng, 3) + "ville"
            if name in names:
                continue
            names.add(name)
            places.append((f"c{len(places)}", name))
            lines.append(f"  - {{id: c{len(places) - 1}, name: {name}, type: place}}")
    lines.append("facts:")
    for i in range(facts):
        org = orgs[i % len(orgs)][0]
        kind = i // len(orgs)
        if kind == 0:
            lines.append(f"  - {{subject: {org}, relation: led-by, object: {rng.choice(people)[0]}, "
                         f"from: {rng.randint(1990, 2024)}}}")
        elif kind == 1:
            lines.append(f"  - {{subject: {org}, relation: founded, object: {rng.randint(1900, 2024)}}}")
        else:
            lines.append(f"  - {{subject: {org}, relation: headquartered-in, object: {rng.choice(places)[0]}}}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {"people": [n for _, n in people[:40]], "orgs": [n for _, n in orgs[:40]]}


def generated_drafts(folder: Path, sample: dict, count: int = 5) -> list[Path]:
    out = []
    for d in range(count):
        paragraphs = []
        for k in range(8):
            org, person = sample["orgs"][(d * 8 + k) % 40], sample["people"][(d * 8 + k) % 40]
            paragraphs.append(f"{org}, led by {person}, said revenue rose last year. {person} runs {org} from "
                              f"its head office, and {org} was founded in 1999 by engineers.")
        path = folder / f"generated-{d}.txt"
        path.write_text("By Bench Desk | March 1, 2026\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        out.append(path)
    return out


_LOAD = """
import sys, time
from copydesk.engine import Engine, Options
from copydesk.facts.base import load_base
from copydesk.facts.catalogue import catalogue_for
engine = Engine(Options(facts=tuple(sys.argv[1:])))
context = engine.context("x.txt", engine.config_for("x.txt"))
catalogue = catalogue_for(context)
start = time.perf_counter()
base = load_base(context.fact_paths, catalogue)
print(time.perf_counter() - start, len(base), base.fact_count)
"""


def load_time(pack: Path, env: dict) -> tuple[float, int, int]:
    """Seconds to load the packs in a fresh process (so no process cache helps)."""
    out = subprocess.run([sys.executable, "-c", _LOAD, str(pack)], capture_output=True, text=True, env=env,
                         check=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2])


def check_times(drafts: list[Path], facts: tuple[str, ...], repeat: int) -> list[float]:
    """Median seconds of the fact check per draft (reading and parsing excluded)."""
    from copydesk.checks.facts import FactCheck
    from copydesk.engine import Engine, Options

    engine = Engine(Options(facts=facts, select=("factual-inconsistency",)))
    check = FactCheck()
    out = []
    for path in drafts:
        text = path.read_text(encoding="utf-8")
        document = engine.reader_for(str(path)).read(str(path), text)
        context = engine.context(str(path), engine.config_for(str(path)))
        list(check.run(document, context))  # warm: shared resources, sentences
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            list(check.run(document, context))
            samples.append(time.perf_counter() - start)
        out.append(statistics.median(samples))
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=50_000)
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {**os.environ, "COPYDESK_CACHE_DIR": str(folder / "cache")}
        os.environ["COPYDESK_CACHE_DIR"] = env["COPYDESK_CACHE_DIR"]
        pack = folder / "generated.yaml"
        start = time.perf_counter()
        sample = generate_pack(pack, args.entities, args.facts)
        print(f"generated {args.entities} entities, {args.facts} facts "
              f"({pack.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - start:.1f} s")
        cold, entities, facts = load_time(pack, env)
        cached, _, _ = load_time(pack, env)
        print(f"pack load with the built-in pack ({entities} entities, {facts} facts): "
              f"cold {cold:.2f} s, cached {cached:.2f} s")
        drafts = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests/fixtures/facts/drafts").iterdir())
        drafts += generated_drafts(folder, sample)
        tiny = check_times(drafts, (), args.repeat)
        large = check_times(drafts, (str(pack),), args.repeat)
        print(f"\n{'draft':<40} {'tiny pack':>10} {'50k pack':>10}")
        for path, t, g in zip(drafts, tiny, large):
            print(f"{path.name:<40} {t * 1000:>8.2f}ms {g * 1000:>8.2f}ms")
        t_med, g_med = statistics.median(tiny), statistics.median(large)
        print(f"\nmedian per draft: tiny {t_med * 1000:.2f} ms, large {g_med * 1000:.2f} ms, "
              f"ratio {g_med / t_med:.2f}x")
        print(json.dumps({"cold_s": round(cold, 3), "cached_s": round(cached, 3),
                          "tiny_ms": round(t_med * 1000, 3), "large_ms": round(g_med * 1000, 3),
                          "ratio": round(g_med / t_med, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
