"""Shared fixtures. Plain helpers live in ``helpers.py`` (importable: tests/ is on pythonpath)."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import SEEDS


@pytest.fixture
def seeds_dir() -> Path:
    return SEEDS
