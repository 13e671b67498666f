#!/usr/bin/env python3
# Vendored from the shared evaluation kit (the gold-format contract of INTERFACES.md section 4);
# keep it byte-for-byte in step with the shared copy rather than editing it here.
"""Score an editorial linter's JSON findings against a gold annotation file.

usage: score.py GOLD.yaml FINDINGS.json [--drafts DIR] [--verbose]

Gold format (YAML):
  files:
    NAME:                      # a draft's file name (matched on the finding path's basename)
      expect:   [{category, line, text, alt: [{line, text}]?}]
      may:      [{category, line, text}]   # neither rewarded nor penalised
      must_not: [{category, line, text}]   # documents a trap; a finding there is a false positive
A finding matches a gold entry when it is in the same file and category and its span
overlaps the first occurrence of `text` on `line` (a finding without columns matches on the line).
Each finding matches at most one expect entry; findings in the scored categories that
match no expect or may entry are false positives.
"""
import json
import sys
from collections import defaultdict
from pathlib import Path

import yaml

CATEGORIES = ("unsupported-citation", "self-reference", "factual-inconsistency", "unattributed-number")


def span_of(drafts, name, line, text):
    if drafts is None:
        return None
    lines = (Path(drafts) / name).read_text(encoding="utf-8").splitlines()
    src = lines[line - 1]
    col = src.find(text)
    if col < 0:
        raise SystemExit(f"gold error: {name}:{line}: {text!r} not on that line")
    return (col + 1, col + 1 + len(text))


def overlaps(f, name, entry, drafts):
    pairs = [(entry["line"], entry["text"])] + [(a["line"], a["text"]) for a in entry.get("alt", [])]
    for line, text in pairs:
        fl, fel = f.get("line"), f.get("end_line") or f.get("line")
        if not (fl <= line <= fel):
            continue
        span = span_of(drafts, name, line, text)
        if span is None or f.get("column") is None:
            return True
        start = f["column"] if fl == line else 1
        end = (f.get("end_column") or f["column"] + 1) if fel == line else 10**9
        if start < span[1] and span[0] < end:
            return True
    return False


def main(argv):
    verbose = "--verbose" in argv
    argv = [a for a in argv if a != "--verbose"]
    drafts = None
    if "--drafts" in argv:
        i = argv.index("--drafts")
        drafts = argv[i + 1]
        del argv[i:i + 2]
    gold = yaml.safe_load(open(argv[0], encoding="utf-8"))["files"]
    data = json.load(open(argv[1], encoding="utf-8"))
    findings = data["findings"] if isinstance(data, dict) else data
    by_file = defaultdict(list)
    for f in findings:
        if f.get("category") in CATEGORIES:
            by_file[Path(f["path"]).name].append(f)
    tp, fp, fn = defaultdict(int), defaultdict(int), defaultdict(int)
    report = []
    for name in sorted(set(gold) | set(by_file)):
        g = gold.get(name, {}) or {}
        fs = by_file.get(name, [])
        used = set()
        for e in g.get("expect", []) or []:
            hit = next((i for i, f in enumerate(fs) if i not in used and f["category"] == e["category"]
                        and overlaps(f, name, e, drafts)), None)
            if hit is None:
                fn[e["category"]] += 1
                report.append(f"MISS {name}:{e['line']} {e['category']} {e['text']!r}")
            else:
                used.add(hit)
                tp[e["category"]] += 1
        for i, f in enumerate(fs):
            if i in used:
                continue
            if any(f["category"] == m["category"] and overlaps(f, name, m, drafts) for m in g.get("may", []) or []):
                continue
            fp[f["category"]] += 1
            trap = any(f["category"] == m["category"] and overlaps(f, name, m, drafts)
                       for m in g.get("must_not", []) or [])
            report.append(f"FALSE{'(trap)' if trap else ''} {name}:{f['line']}:{f.get('column')} "
                          f"{f['category']} {f.get('rule')}: {f.get('message', '')[:100]}")
    print(f"{'category':24} {'tp':>4} {'fp':>4} {'fn':>4} {'precision':>9} {'recall':>7}")
    T = [0, 0, 0]
    for c in CATEGORIES:
        t, p, n = tp[c], fp[c], fn[c]
        T = [T[0] + t, T[1] + p, T[2] + n]
        prec = t / (t + p) if t + p else 1.0
        rec = t / (t + n) if t + n else 1.0
        print(f"{c:24} {t:4} {p:4} {n:4} {prec:9.2f} {rec:7.2f}")
    t, p, n = T
    prec = t / (t + p) if t + p else 1.0
    rec = t / (t + n) if t + n else 1.0
    if verbose:
        print("\n".join(report))
    print(f"{'all':24} {t:4} {p:4} {n:4} {prec:9.2f} {rec:7.2f}")
    print(f"precision={prec:.2f} recall={rec:.2f}")
    return prec, rec


if __name__ == "__main__":
    main(sys.argv[1:])
