#!/usr/bin/env python3
"""Benchmark the fact check at scale: pack load (cold and cached) and per-draft check time.

usage: bench/bench_facts.py [--entities 50000] [--facts 100000] [--repeat 15]

Generates a world of made-up entities and facts in a temporary folder, then measures:
- loading it (as YAML, and as JSON) with the built-in pack: cold (parse, validate, build the
  automaton, write the disk cache) and cached (read the disk cache), each in a fresh process;
- checking each draft (the seeds, and drafts about generated entities) with a tiny pack that
  holds just the entities those drafts name and with the whole world: median milliseconds.
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


def generate_world(entities: int, facts: int, seed: int = 7) -> dict:
    """A made-up world: unique names, a person's surname as alias, three relations per org."""
    rng = random.Random(seed)
    names: set[str] = set()
    people, orgs, places = [], [], []
    while len(people) + len(orgs) + len(places) < entities:
        kind = rng.random()
        if kind < 0.45:
            first, last = _word(rng, 2), _word(rng, 3)
            if f"{first} {last}" in names or last in names:
                continue
            names.update((f"{first} {last}", last))
            people.append({"id": f"p{len(people)}", "name": f"{first} {last}", "aliases": [last], "type": "person"})
        elif kind < 0.95:
            name = f"{_word(rng, 3)} {rng.choice(ORG_WORDS)}"
            if name not in names:
                names.add(name)
                orgs.append({"id": f"o{len(orgs)}", "name": name, "type": "organization"})
        else:
            name = _word(rng, 3) + "ville"
            if name not in names:
                names.add(name)
                places.append({"id": f"c{len(places)}", "name": name, "type": "place"})
    out_facts = []
    for i in range(facts):
        org = orgs[i % len(orgs)]["id"]
        kind = i // len(orgs) % 3
        if kind == 0:
            out_facts.append({"subject": org, "relation": "led-by", "object": rng.choice(people)["id"],
                              "from": rng.randint(1990, 2024)})
        elif kind == 1:
            out_facts.append({"subject": org, "relation": "founded", "object": rng.randint(1900, 2024)})
        else:
            out_facts.append({"subject": org, "relation": "headquartered-in", "object": rng.choice(places)["id"]})
    return {"entities": people + orgs + places, "facts": out_facts, "people": people, "orgs": orgs}


def excerpt(world: dict, named: list[dict]) -> dict:
    """The part of a world about some entities, with every fact about them: a tiny pack."""
    keep = {e["id"] for e in named}
    facts = [f for f in world["facts"] if f["subject"] in keep]
    keep |= {str(f["object"]) for f in facts}
    return {"entities": [e for e in world["entities"] if e["id"] in keep], "facts": facts}


def write_yaml(path: Path, pack: dict) -> None:
    """One flow mapping per line, as a generating script would write it."""
    def flow(item):
        return "{" + ", ".join(f"{k}: [{', '.join(v)}]" if isinstance(v, list) else f"{k}: {v}"
                               for k, v in item.items()) + "}"
    lines = ["entities:", *(f"  - {flow(e)}" for e in pack["entities"]),
             "facts:", *(f"  - {flow(f)}" for f in pack["facts"])]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def generated_drafts(folder: Path, world: dict, count: int = 5) -> list[Path]:
    """Drafts about the world's first organisations and people (a leader, a founding year)."""
    out = []
    for d in range(count):
        paragraphs = []
        for k in range(8):
            org, person = world["orgs"][d * 8 + k]["name"], world["people"][d * 8 + k]["name"]
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
        world = generate_world(args.entities, args.facts)
        large, large_json, small = folder / "large.yaml", folder / "large.json", folder / "small.yaml"
        write_yaml(large, world)
        large_json.write_text(json.dumps({"entities": world["entities"], "facts": world["facts"]}), encoding="utf-8")
        write_yaml(small, excerpt(world, world["orgs"][:40] + world["people"][:40]))  # what the drafts name
        print(f"generated {args.entities} entities, {args.facts} facts ({large.stat().st_size / 1e6:.1f} MB YAML)")
        cold, entities, facts = load_time(large, env)
        cached, _, _ = load_time(large, env)
        cold_json, _, _ = load_time(large_json, env)
        cached_json, _, _ = load_time(large_json, env)
        print(f"pack load with the built-in pack ({entities} entities, {facts} facts), fresh process each:")
        print(f"  YAML: cold {cold:.2f} s, cached {cached:.3f} s;  JSON: cold {cold_json:.2f} s, "
              f"cached {cached_json:.3f} s")
        drafts = sorted((ROOT / "seeds").glob("*.txt")) + generated_drafts(folder, world)
        tiny = check_times(drafts, (str(small),), args.repeat)
        big = check_times(drafts, (str(large),), args.repeat)
        print(f"\n{'draft':<32} {'tiny pack':>10} {'50k pack':>10}")
        for path, t, g in zip(drafts, tiny, big):
            print(f"{path.name:<32} {t * 1000:>8.2f}ms {g * 1000:>8.2f}ms")
        t_med, g_med = statistics.median(tiny), statistics.median(big)
        ratio = statistics.median(g / t for g, t in zip(big, tiny))
        print(f"\nmedian per draft: tiny {t_med * 1000:.2f} ms, 50k {g_med * 1000:.2f} ms; "
              f"median ratio {ratio:.2f}x (goal: at most 2x)")
        print(json.dumps({"cold_yaml_s": round(cold, 2), "cached_yaml_s": round(cached, 3),
                          "cold_json_s": round(cold_json, 2), "cached_json_s": round(cached_json, 3),
                          "tiny_ms": round(t_med * 1000, 3), "large_ms": round(g_med * 1000, 3),
                          "ratio": round(ratio, 3)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
