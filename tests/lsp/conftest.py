"""Fixtures for the language-server tests: a probe server shared by the module's tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lspclient import Session  # noqa: E402


@pytest.fixture(scope="module")
def probe():
    """A server with the probe plugin; tests use distinct documents, so they can share it."""
    session = Session("--debounce-ms", "150", "--select", "probe-figure,probe-fact,probe-crash")
    yield session
    assert session.close() == 0


@pytest.fixture
def open_doc(probe):
    """Open a document in the shared probe server and return its version-1 diagnostics."""
    opened = []

    def _open(path: Path, text: str, language_id: str = "plaintext"):
        uri = path.as_uri() if isinstance(path, Path) else path
        probe.open(uri, text, language_id)
        opened.append(uri)
        return uri, probe.diagnostics(uri, 1)

    yield _open
    for uri in opened:
        if probe.alive:
            probe.close_document(uri)
