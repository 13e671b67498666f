"""Makes ``goldcases`` (shared with the citation tests) importable by these tests."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "citations"))
