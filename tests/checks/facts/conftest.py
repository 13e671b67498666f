"""Makes ``factcases`` importable; ``fmt`` runs a test once per draft format."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from factcases import FORMATS  # noqa: E402


@pytest.fixture(params=FORMATS)
def fmt(request) -> str:
    return request.param
