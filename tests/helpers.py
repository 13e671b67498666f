"""Test helpers: run the real CLI as a subprocess, find the seeds and fixtures."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
FIXTURES = ROOT / "tests" / "fixtures"


def run_cli(*args: str, cwd: str | os.PathLike | None = None, input: str | bytes | None = None,
            env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        cwd=cwd, input=input.encode() if isinstance(input, str) else input,
        capture_output=True, env=full_env, timeout=timeout,
    )


def cli_json(*args: str, **kw) -> tuple[subprocess.CompletedProcess, dict]:
    proc = run_cli("check", "--format", "json", *args, **kw)
    return proc, json.loads(proc.stdout.decode("utf-8"))


def write(folder: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``folder/name`` (UTF-8), making parent folders; return the path."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
