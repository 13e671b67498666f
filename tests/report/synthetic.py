"""Build HTML reports in-process from hand-made results: fast, and exact about what is in them."""

from __future__ import annotations

import io
import json
import random
import re
from pathlib import Path

from copydesk import plugins
from copydesk.api import CATEGORIES, FileResult, Rule, RunInfo
from copydesk.model import LineIndex, Report

SEVERITIES = ("error", "warning", "info")
RULES = {f"synthetic-{c}": Rule(f"synthetic-{c}", c, "warning", f"Synthetic rule for {c}") for c in CATEGORIES}

WORDS = ("the board said revenue rose while analysts expected a slower quarter and the agency "
         "reported that spending would fall across regions").split()


def report(path: str, text: str, start: int, end: int, category: str, severity: str = "warning",
           message: str | None = None, **extra) -> Report:
    index = LineIndex(text)
    (line, column), (end_line, end_column) = index.position(start), index.position(end)
    return Report(path=path, line=line, column=column, end_line=end_line, end_column=end_column,
                  rule=f"synthetic-{category}", category=category, severity=severity,
                  message=message or f"{category} at {line}:{column}", start=start, end=end, **extra)


def synthetic_draft(number: int, rng: random.Random) -> FileResult:
    """A small draft of a few paragraphs, with a finding on every figure and citation marker."""
    paragraphs = []
    for _ in range(rng.randint(3, 6)):
        words = rng.choices(WORDS, k=rng.randint(25, 60))
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(len(words)), rng.choice(["42%", "$3.5bn", "[2]", "1,200", "[7]"]))
        paragraphs.append(" ".join(words).capitalize() + ".")
    source = f"Draft {number}\n\n" + "\n\n".join(paragraphs) + "\n"
    path = f"archive/{number // 100:02d}/draft-{number:04d}.md"
    reports = []
    for m in re.finditer(r"\[\d+\]|\d[\d,.]*%?|\$[\d.]+bn", source):
        category = "unsupported-citation" if m.group().startswith("[") else "unattributed-number"
        reports.append(report(path, source, m.start(), m.end(), category, rng.choice(SEVERITIES)))
    return FileResult(path, reports=reports, source=source)


def synthetic_results(count: int, seed: int = 7):
    rng = random.Random(seed)
    for number in range(count):
        yield synthetic_draft(number, rng)


def render(results, rules=None) -> str:
    out = io.StringIO()
    plugins.formats()["html"].render(results, out, RunInfo(rules=rules or RULES, version="test"))
    return out.getvalue()


def write(results, path: Path, rules=None) -> Path:
    path.write_text(render(results, rules), encoding="utf-8")
    return path


def data_block(page: str, block_id: str):
    """The JSON inside ``<script type="application/json" id=block_id>``, parsed."""
    m = re.search(rf'<script type="application/json" id="{re.escape(block_id)}">(.*?)</script>', page, re.S)
    assert m, f"no data block {block_id!r}"
    return json.loads(m.group(1))
