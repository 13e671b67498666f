"""The real ``pre-commit try-repo`` against this repository's ``.pre-commit-hooks.yaml``.

pre-commit builds the hook's environment with ``pip install .`` from a clone of the hook
repository. To keep that offline, pip is pointed (``PIP_NO_INDEX``, ``PIP_FIND_LINKS``) at a
wheelhouse made here: every distribution that install needs (copydesk's dependencies, and
hatchling with its own for the isolated build) is repacked from this environment's
site-packages into a wheel. The hook repository is a committed copy of the checkout, so both
runs share one hook environment (pre-commit caches it by repository and revision).
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from helpers import ROOT
from packaging.requirements import Requirement

HOOK_FILES = ("pyproject.toml", "README.md", "LICENSE", ".pre-commit-hooks.yaml", "src", "rules")
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}


def _closure(names: list[str]) -> dict[str, metadata.Distribution]:
    """The installed distributions ``names`` need at run time, transitively."""
    seen: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        dist = seen[name] = metadata.distribution(name)
        for spec in dist.requires or ():
            req = Requirement(spec)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return seen


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def repack(dist: metadata.Distribution, wheelhouse: Path) -> Path:
    """An installed distribution as a wheel again (its files, per its RECORD)."""
    tag = next(line.split(":", 1)[1].strip() for line in dist.read_text("WHEEL").splitlines()
               if line.startswith("Tag:"))
    name = re.sub(r"[-_.]+", "_", dist.metadata["Name"])
    path = wheelhouse / f"{name}-{dist.version}-{tag}.whl"
    info_dir = next(str(f.parent) for f in dist.files if f.name == "METADATA")
    skip = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}
    record = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in dist.files:
            rel = file.as_posix()
            if rel.startswith("..") or "__pycache__" in rel or (str(file.parent) == info_dir and file.name in skip):
                continue
            data = Path(file.locate()).read_bytes()
            zf.writestr(rel, data)
            record.append(f"{rel},{_record_hash(data)},{len(data)}")
        record.append(f"{info_dir}/RECORD,,")
        zf.writestr(f"{info_dir}/RECORD", "\n".join(record) + "\n")
    return path


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory):
    """(hook repository, environment for pre-commit) shared by the tests of this module."""
    base = tmp_path_factory.mktemp("precommit")
    wheelhouse = base / "wheelhouse"
    wheelhouse.mkdir()
    needed = [Requirement(r).name for r in metadata.requires("copydesk") or ()
              if Requirement(r).marker is None or Requirement(r).marker.evaluate({"extra": ""})]
    for dist in _closure(needed + ["hatchling"]).values():
        repack(dist, wheelhouse)
    repo = base / "hook-repo"
    repo.mkdir()
    for name in HOOK_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif src.exists():
            shutil.copy2(src, repo / name)
    env = {**os.environ, **GIT_ENV,
           "PRE_COMMIT_HOME": str(base / "cache"), "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(wheelhouse),
           "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "NO_COLOR": "1"}
    env.pop("PYTHONPATH", None)
    git(repo, "init", "-q", env=env)
    git(repo, "add", "-A", env=env)
    git(repo, "commit", "-q", "-m", "hook repo", env=env)
    return repo, env


def git(cwd: Path, *args: str, env: dict) -> None:
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def try_repo(hook_env, project: Path, draft: str, text: str) -> subprocess.CompletedProcess:
    repo, env = hook_env
    project.mkdir()
    git(project, "init", "-q", env=env)
    (project / draft).write_text(text, encoding="utf-8")
    git(project, "add", draft, env=env)
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(repo), "copydesk"],
                          cwd=project, env=env, capture_output=True, timeout=600)


def test_a_draft_with_a_finding_blocks_the_commit(hook_env, tmp_path):
    proc = try_repo(hook_env, tmp_path / "desk", "story.md",
                    "# Merger\n\nCritics argue the merger will fail.\n")
    out = proc.stdout.decode()
    assert proc.returncode == 1, out + proc.stderr.decode()
    assert "story.md:3:1: warning anonymous-source" in out
    assert "copydesk" in out and "Failed" in out


def test_a_clean_draft_passes(hook_env, tmp_path):
    proc = try_repo(hook_env, tmp_path / "desk", "story.txt", "The merger closed on Tuesday.\n")
    out = proc.stdout.decode()
    assert proc.returncode == 0, out + proc.stderr.decode()
    assert "Passed" in out


def test_hook_definition_covers_the_draft_formats():
    import yaml
    from identify import identify

    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "copydesk" and hook["entry"] == "copydesk check" and hook["language"] == "python"
    for name in ("a.md", "a.markdown", "a.html", "a.htm", "a.txt"):
        assert identify.tags_from_filename(name) & set(hook["types_or"]), name
