"""Fixtures for the reader tests: read a draft in-process, and a marker check for the CLI.

The marker check flags every occurrence of a marker word in the prose a check may read
(prose blocks, boilerplate excluded), so a test controls exactly which findings appear and
can assert their JSON positions against the source file.
"""

from __future__ import annotations

import json
import re

import pytest
from helpers import FIXTURES

from copydesk import plugins
from copydesk.api import Rule
from copydesk.engine import Engine
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding

READERS = FIXTURES / "readers"
MARKER_RULE = "reader-marker"
MARKERS = re.compile(r"Zebedee|AT&T")


class MarkerCheck:
    name = "reader-marker"
    rules = (Rule(
        id=MARKER_RULE, category="test", severity="warning", summary="Flags a marker word (tests only)",
        docs="## What it does\nFlags the marker word.\n\n## Why is this bad?\nIt is a test.\n\n"
             "## Example\nZebedee\n\n## Use instead\nDougal\n",
        bad="Zebedee was here.", good="Dougal was here."),)

    def run(self, document, context):
        for _, block in document.prose_blocks():
            for m in MARKERS.finditer(document.text, block.start, block.end):
                yield Finding(MARKER_RULE, m.start(), m.end(), f"marker {m.group()!r}")


class MarkerPlugin:
    @hookimpl
    def copydesk_register_checks(self, register, packs):
        register(MarkerCheck())


@pytest.fixture
def marker_plugin():
    """Register the marker check for the length of one test."""
    pm = plugins.get_plugin_manager()
    plugin = MarkerPlugin()
    pm.register(plugin, "reader-marker-test")
    try:
        yield MARKER_RULE
    finally:
        pm.unregister(plugin)


@pytest.fixture
def check_json(capsys):
    """Run ``copydesk check --format json`` in this process (so a test's plugin is loaded)."""
    from copydesk.cli import main

    def run(*args: str) -> tuple[int, dict, str]:
        code = main(["check", "--format", "json", "--jobs", "1", "--no-cache", *args])
        out, err = capsys.readouterr()
        return code, json.loads(out), err

    return run


def assert_sound_offsets(doc) -> None:
    """Every run the offset map copies character for character equals the source there, and
    every block maps to a span inside the source."""
    for t_start, t_len, s_start, s_len in doc.offsets._segments:
        if t_len == s_len and t_len:
            prose, original = doc.text[t_start:t_start + t_len], doc.source[s_start:s_start + s_len]
            assert prose == original or (prose.isspace() and original.isspace()), (prose, original)
    for b in doc.blocks:
        start, end = doc.offsets.to_source(b.start), doc.offsets.to_source(b.end, end=True)
        assert 0 <= start <= end <= len(doc.source), b


@pytest.fixture
def sound_offsets():
    """The check that a document's offsets are true to its source."""
    return assert_sound_offsets


@pytest.fixture
def load(read):
    """Parse a draft of tests/fixtures/readers."""
    return lambda name: read(str(READERS / name), (READERS / name).read_text(encoding="utf-8"))


@pytest.fixture
def texts():
    """The text of a document's blocks, of one kind (or all), boilerplate or not."""
    def of(doc, kind=None, boilerplate=False):
        return [doc.text[b.start:b.end] for b in doc.blocks
                if (kind is None or b.kind == kind) and b.boilerplate == boilerplate]

    return of


@pytest.fixture
def cited():
    """A document's citations as (kind, key, marked text, url)."""
    return lambda doc: [(c.kind, c.key, doc.text[c.start:c.end], c.url) for c in doc.citations]


@pytest.fixture
def read():
    """Parse ``text`` as the file ``name`` with the reader its suffix selects."""
    engine = Engine()

    def parse(name: str, text: str):
        return engine.reader_for(name).read(name, text)

    return parse
