"""A test plugin with deterministic rules, so server tests do not depend on the real checks.

``probe-figure`` flags percentages; ``probe-fact`` flags the names of ``probe-*`` entities of
the fact packs in play (with a source and evidence, like the fact check); ``probe-crash``
raises on ``CRASH-ME``; the ``.crash`` reader always raises.
"""

from __future__ import annotations

import re

from copydesk.api import Reader, Rule
from copydesk.context import Context
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding
from copydesk.yamlio import load_yaml

FIGURE = Rule("probe-figure", "unattributed-number", "warning", "A percentage (test probe)",
              docs="## What it does\nFlags percentages.\n\n## Why is this bad?\nTests need it.\n",
              bad="It rose 58%.", good="It rose.")
FACT = Rule("probe-fact", "factual-inconsistency", "error", "A probe entity (test probe)",
            docs="## What it does\nFlags probe entities.\n", bad="Zorblax Corp.", good="Acme.")
CRASH = Rule("probe-crash", "unsupported-citation", "error", "Raises on CRASH-ME (test probe)")

_PERCENT = re.compile(r"\d+(?:[.,]\d+)*%")


class FigureProbe:
    name = "probe-figure"
    rules = (FIGURE,)

    def run(self, document, context):
        for m in _PERCENT.finditer(document.text):
            yield Finding(FIGURE.id, m.start(), m.end(), f"{m.group(0)} has no source; cite one")


def _probe_entities(paths: tuple[str, ...]) -> list[tuple[dict, dict | None]]:
    """(entity, its first fact) for every probe entity: cached per process by path only."""
    out = []
    for path in paths:
        pack = load_yaml(path) or {}
        facts = pack.get("facts") or []
        for entity in pack.get("entities") or []:
            if str(entity.get("id", "")).startswith("probe-"):
                fact = next((f for f in facts if f.get("subject") == entity["id"]), None)
                out.append((entity, fact))
    return out


class FactProbe:
    name = "probe-fact"
    rules = (FACT,)

    def run(self, document, context):
        paths = tuple(context.fact_paths)
        for entity, fact in Context.shared(("lsp-probe", paths), lambda: _probe_entities(paths)):
            for m in re.finditer(re.escape(entity["name"]), document.text):
                fact = fact or {}
                yield Finding(FACT.id, m.start(), m.end(), f"{entity['name']} contradicts the probe pack",
                              source=fact.get("source"),
                              data={"fact": {k: fact[k] for k in ("subject", "relation", "object") if k in fact}})


class CrashProbe:
    name = "probe-crash"
    rules = (CRASH,)

    def run(self, document, context):
        if "CRASH-ME" in document.text:
            raise RuntimeError("probe crashed on purpose")
        return ()


def _read_crash(path, source):
    raise ValueError("this reader always fails")


@hookimpl
def copydesk_register_checks(register, packs):
    register(FigureProbe())
    register(FactProbe())
    register(CrashProbe())


@hookimpl
def copydesk_register_readers(register):
    register(Reader(name="probe-crash", extensions=(".crash",), read=_read_crash))
