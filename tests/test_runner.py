"""Archive-scale runs: worker processes, stable order, the result cache, the progress bar.

Findings come from a rule pack written here (a house pattern flagging "zebra"), so the
assertions do not depend on checks built elsewhere. Paths are relative and the cache lives in
the temporary folder the CLI runs in.
"""

from __future__ import annotations

import io
import json
import os
import time
from pathlib import Path

import pytest
from helpers import run_cli

from copydesk import cache as cache_module
from copydesk import runner
from copydesk.engine import Engine, Options
from copydesk.progress import Progress

PACK = """\
patterns:
  - id: zebra-word
    category: unfinished-copy
    severity: warning
    summary: zebra
    message: '"{match}" is a test word'
    phrases: [zebra]
"""
SELECT = ("--select", "zebra-word")


def archive(folder: Path, n: int = 40) -> list[str]:
    """``n`` drafts, a third of them flagged, plus one that cannot be decoded in the middle."""
    (folder / "drafts").mkdir(parents=True, exist_ok=True)
    names = []
    for i in range(n):
        body = f"Draft {i}. " + ("A zebra crossed the road. " * (i % 3 == 0)) + "The end.\n"
        name = f"drafts/d{i:03d}.txt"
        (folder / name).write_text(body, encoding="utf-8")
        names.append(name)
    (folder / "drafts" / "d020b.txt").write_bytes(b"\x00\x01binary")
    (folder / "pack.yaml").write_text(PACK, encoding="utf-8")
    return names


def check(folder, *args):
    proc = run_cli("check", "--rules", "pack.yaml", *SELECT, *args, cwd=folder)
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


@pytest.fixture
def drafts(tmp_path):
    archive(tmp_path)
    return tmp_path


def test_output_and_exit_code_do_not_depend_on_jobs_or_cache(drafts):
    plans = [("1", "--no-cache"), ("2", "--no-cache"), ("2", None), ("2", None), ("1", None)]
    for fmt in ("json", "text"):  # uncached, cache filled, cache read by workers and in-process
        outcomes = [check(drafts, "--format", fmt, "--jobs", jobs, "drafts", "missing.txt",
                          *([cache] if cache else [])) for jobs, cache in plans]
        assert all(o == outcomes[0] for o in outcomes), f"{fmt} output differs between runs"
        rc, out, err = outcomes[0]
        assert rc == 1
        assert "drafts/d020b.txt" in err and "missing.txt" in err  # errors reported, run continued
    data = json.loads(check(drafts, "--format", "json", "drafts")[1])
    paths = [f["path"] for f in data["findings"]]
    assert paths == sorted(paths) and len(paths) == 14  # input order, every flagged draft


def test_cache_is_read_on_the_next_run(drafts):
    check(drafts, "drafts")
    entries = list((drafts / ".copydesk" / "cache").rglob("*.json"))
    assert len(entries) == 40  # one per decodable draft; errors are not cached
    for entry in entries:
        data = json.loads(entry.read_text())
        for report in data["reports"]:
            report["message"] = "FROM CACHE"
        entry.write_text(json.dumps(data))
    rc, out, _ = check(drafts, "drafts")
    assert out.count("FROM CACHE") == 14 and rc == 1
    rc, out, _ = check(drafts, "drafts", "--no-cache")
    assert "FROM CACHE" not in out and out.count("is a test word") == 14


def poison_cache(folder: Path) -> None:
    for entry in (folder / ".copydesk" / "cache").rglob("*.json"):
        entry.write_text(json.dumps({"format": "text", "reports": []}))


@pytest.mark.parametrize("change", ["draft", "rule pack", "fact pack", "config"])
def test_cache_is_invalidated_by_what_findings_depend_on(drafts, change):
    facts = drafts / "facts.yaml"
    facts.write_text("entities: []\nfacts: []\n", encoding="utf-8")
    config = drafts / ".copydesk.yaml"
    config.write_text("fail_on: warning\n", encoding="utf-8")
    args = ("drafts", "--facts", "facts.yaml", "--format", "json")
    check(drafts, *args)
    poison_cache(drafts)  # a stale entry now says "no findings" for every draft
    assert json.loads(check(drafts, *args)[1])["findings"] == []
    if change == "draft":
        for name in ("d000.txt", "d003.txt"):
            path = drafts / "drafts" / name
            path.write_text(path.read_text() + "More.\n", encoding="utf-8")
        expected = 2
    else:
        target = {"rule pack": drafts / "pack.yaml", "fact pack": facts, "config": config}[change]
        edit = {"rule pack": "# edited\n", "fact pack": "# edited\n", "config": "date: 2026-01-01\n"}
        target.write_text(target.read_text() + edit[change], encoding="utf-8")
        expected = 14
    assert len(json.loads(check(drafts, *args)[1])["findings"]) == expected


def test_cache_key_covers_version_code_and_options(tmp_path, monkeypatch):
    archive(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    engine = Engine(Options(rules=("pack.yaml",)))
    data = Path("drafts/d000.txt").read_bytes()
    base = cache_module.ResultCache(engine).key("drafts/d000.txt", data)
    assert base == cache_module.ResultCache(engine).key("drafts/d000.txt", data)  # stable
    assert base != cache_module.ResultCache(engine).key("drafts/other.txt", data)
    monkeypatch.setattr(cache_module, "__version__", "9.9.9")
    assert cache_module.ResultCache(engine).key("drafts/d000.txt", data) != base
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cache_module, "code_digest", lambda: "edited")
    assert cache_module.ResultCache(engine).key("drafts/d000.txt", data) != base
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    dated = Engine(Options(rules=("pack.yaml",), date="2026-01-01"))
    assert cache_module.ResultCache(dated).key("drafts/d000.txt", data) != base


def test_cache_writes_are_atomic_and_ignored_by_git(drafts):
    check(drafts, "drafts")
    root = drafts / ".copydesk" / "cache"
    assert (root / ".gitignore").read_text().strip().endswith("*")
    assert not [p for p in root.rglob(".tmp-*")]  # no temporary file left behind


def test_unwritable_cache_folder_does_not_fail_the_run(drafts):
    (drafts / ".copydesk").write_text("not a folder")
    rc, out, err = check(drafts, "drafts", "--jobs", "1")
    assert rc == 1 and out.count("is a test word") == 14


def lint_all(folder, monkeypatch, **kw):
    monkeypatch.chdir(folder)
    engine = Engine(Options(rules=("pack.yaml",), select=("zebra-word",)))
    return list(runner.run(engine, ["drafts"], **kw))


def test_small_runs_stay_in_process(tmp_path, monkeypatch):
    archive(tmp_path, runner.SMALL_RUN - 2)

    def no_pool(*a, **k):
        raise AssertionError("a pool was started for a small run")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    results = lint_all(tmp_path, monkeypatch, jobs=4)
    assert len(results) == runner.SMALL_RUN - 1


def test_workers_share_the_work_and_keep_input_order(tmp_path, monkeypatch):
    archive(tmp_path, 60)
    parallel = lint_all(tmp_path, monkeypatch, jobs=2, progress=io.StringIO())
    serial = lint_all(tmp_path, monkeypatch, jobs=1, progress=io.StringIO())
    assert [r.path for r in parallel] == [r.path for r in serial]
    assert [[(x.line, x.column, x.message) for x in r.reports] for r in parallel] == \
           [[(x.line, x.column, x.message) for x in r.reports] for r in serial]
    assert runner._WORKER is None  # the parent is not left looking like a worker


@pytest.mark.skipif(not os.sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_are_separate_processes_that_reuse_one_engine(tmp_path, monkeypatch):
    """The parent lints the first draft (warming every shared resource), then forks workers
    that inherit its engine: nothing is rebuilt per file or per batch."""
    archive(tmp_path, 60)

    def probe(self, path):
        time.sleep(0.01)  # real work takes time: both workers get batches
        return runner.FileResult(path, error=f"probe {os.getpid()} {id(self)}")

    monkeypatch.setattr(Engine, "lint_path", probe)
    monkeypatch.chdir(tmp_path)
    engine = Engine(Options(rules=("pack.yaml",), select=("zebra-word",)))
    results = list(runner.run(engine, ["drafts"], jobs=2))
    probes = [r.error.split() for r in results if r.error and r.error.startswith("probe")]
    assert len(probes) == 61  # 60 drafts and the binary one
    assert probes[0][1] == str(os.getpid())  # the warm-up draft
    workers = {p[1] for p in probes[1:]}
    assert len(workers) == 2 and str(os.getpid()) not in workers
    assert {p[2] for p in probes} == {str(id(engine))}


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_an_interactive_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    r, w = os.pipe()
    with os.fdopen(w, "w") as pipe:
        assert Progress.for_stream(pipe).stream is None
    os.close(r)
    assert Progress.for_stream(FakeTerminal()).stream is not None
    monkeypatch.setenv("CI", "true")
    assert Progress.for_stream(FakeTerminal()).stream is None


def test_progress_bar_shows_counts_and_clears_before_findings(monkeypatch, tmp_path):
    from copydesk.api import FileResult

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("copydesk.progress.SHOW_AFTER", 0.0)
    monkeypatch.setattr("copydesk.progress.REDRAW_EVERY", 0.0)
    term = FakeTerminal()
    bar = Progress.for_stream(term)
    bar.update(FileResult("a.txt"))
    assert "1 drafts · 0 findings" in term.getvalue() and "drafts/s" in term.getvalue()
    bar.update(FileResult("b.txt", reports=[object()]))
    assert "\r\033[K" in term.getvalue() and "2 drafts · 1 findings" in term.getvalue()
    bar.close()
    assert term.getvalue().endswith("\r\033[K")  # the terminal is left clean


def test_no_progress_bar_in_pipes(drafts):
    rc, out, err = check(drafts, "drafts", "--jobs", "2")
    assert "\r" not in err and "drafts/s" not in err


@pytest.mark.skipif(not os.sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_a_worker_that_dies_loses_no_draft(tmp_path, monkeypatch):
    archive(tmp_path, 60)
    parent = os.getpid()
    lint_path = Engine.lint_path

    def dies_in_a_worker(self, path):
        if os.getpid() != parent and path.endswith("d030.txt"):
            os._exit(1)  # as if killed
        return lint_path(self, path)

    monkeypatch.setattr(Engine, "lint_path", dies_in_a_worker)
    results = lint_all(tmp_path, monkeypatch, jobs=2)
    assert [r.path for r in results] == sorted(r.path for r in results)
    assert len(results) == 61 and sum(len(r.reports) for r in results) == 20
