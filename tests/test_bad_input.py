"""Bad input never crashes the run and never stops the other files.

Each bad draft gives one message on stderr naming the file and the problem; the run exits 2
when nothing else failed, 1 when another draft has findings. CI runs as root, where file
permissions do not stop a read, so unreadable files are also made as broken links, link loops
and FIFOs.
"""

from __future__ import annotations

import os
import sys
import time

import pytest
from helpers import ROOT, SEEDS, cli_json, run_cli

FLAGGED = "Critics argue that the merger will fail.\n"
OWN = "anonymous-source,placeholder-text"


def bad_files(folder):
    """Every kind of bad draft, made in ``folder``: name -> what the message must say."""
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "latin1.txt").write_bytes("Caf\xe9 owners say prices rose.\n".encode("latin-1"))
    (folder / "bad-bom.txt").write_bytes(b"\xef\xbb\xbfok \xff\xfe\n")
    with open(folder / "huge.txt", "wb") as fh:  # 50 MB, sparse: costs no disk and no time
        fh.truncate(50 * 1024 * 1024)
    os.symlink(folder / "gone.txt", folder / "dangling.txt")
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    os.mkfifo(folder / "pipe.txt")
    (folder / "charset.html").write_bytes(b'<meta charset="no-such-charset"><p>Hi</p>\n')
    return {
        "binary.txt": "binary file",
        "latin1.txt": "not UTF-8: byte 0xe9 on line 1",
        "bad-bom.txt": "utf-8 byte-order mark but is not valid utf-8",
        "huge.txt": "too large: 52.4 MB",
        "dangling.txt": "broken symbolic link",
        "loop-a.txt": "Too many levels of symbolic links",
        "loop-b.txt": "Too many levels of symbolic links",
        "pipe.txt": "not a regular file",
        "charset.html": "unknown charset 'no-such-charset'",
    }


def test_every_bad_draft_gets_one_message_and_the_others_are_checked(tmp_path):
    expected = bad_files(tmp_path)
    (tmp_path / "good.txt").write_text(FLAGGED, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    start = time.monotonic()
    proc, data = cli_json(".", "--select", OWN, cwd=tmp_path, timeout=30)
    assert time.monotonic() - start < 10
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == len(expected), lines
    for name, says in expected.items():
        (line,) = [line for line in lines if line.startswith(f"copydesk: error: ./{name}: ")]
        assert says in line, line
    assert [f["path"] for f in data["findings"]] == ["./good.txt"]
    assert sorted(e["path"] for e in data["errors"]) == sorted(f"./{n}" for n in expected)
    assert proc.returncode == 1  # findings in good.txt; the errors are on stderr
    assert "Traceback" not in proc.stderr.decode()


def test_bad_drafts_alone_exit_2(tmp_path):
    bad_files(tmp_path)
    (tmp_path / "clean.txt").write_text("All quiet.\n", encoding="utf-8")
    proc = run_cli("check", ".", cwd=tmp_path, timeout=30)
    assert proc.returncode == 2


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_by_permission(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text(FLAGGED, encoding="utf-8")
    path.chmod(0)
    proc = run_cli("check", "secret.txt", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == "copydesk: error: secret.txt: cannot read: Permission denied"


def test_directory_named_like_a_draft_is_walked_not_read(tmp_path):
    (tmp_path / "story.txt").mkdir()
    (tmp_path / "story.txt" / "inner.txt").write_text(FLAGGED, encoding="utf-8")
    proc, data = cli_json("story.txt", "--select", OWN, cwd=tmp_path)
    assert [f["path"] for f in data["findings"]] == ["story.txt/inner.txt"]


def test_directory_where_a_file_is_expected(tmp_path):
    (tmp_path / "out").mkdir()
    (tmp_path / "a.txt").write_text(FLAGGED, encoding="utf-8")
    proc = run_cli("check", "a.txt", "-o", "out", cwd=tmp_path)
    assert proc.returncode == 2 and "--output out: Is a directory" in proc.stderr.decode()


def test_missing_file(tmp_path):
    proc = run_cli("check", "nope.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == "copydesk: error: nope.md: no such file or directory\n"


@pytest.mark.parametrize("name, data", [
    ("empty.txt", b""),
    ("empty.md", b""),
    ("empty.html", b""),
    ("blank.txt", b"\n\n   \n"),
    ("bom-only.txt", b"\xef\xbb\xbf"),
])
def test_empty_drafts_are_clean(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    proc, result = cli_json(name, cwd=tmp_path)
    assert proc.returncode == 0 and result["findings"] == [] and proc.stderr == b""


def test_huge_file_is_refused_before_it_is_read(tmp_path):
    with open(tmp_path / "dump.md", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    start = time.monotonic()
    proc = run_cli("check", "dump.md", cwd=tmp_path)
    assert time.monotonic() - start < 5
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("copydesk: error: dump.md: too large: 52.4 MB, over the")


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
])
def test_byte_order_mark_is_honoured(tmp_path, encoding, bom):
    text = "Café notes\n\nIn Zürich, critics argue the merger will fail.\n"
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    proc, data = cli_json("a.txt", "--select", OWN, cwd=tmp_path)
    (f,) = data["findings"]
    assert (f["line"], f["column"], f["end_column"]) == (3, 12, 25)  # code points, BOM not counted


def test_declared_html_charset_is_honoured(tmp_path):
    html = ('<!doctype html><html><head><meta charset="iso-8859-1"><title>Café</title></head>'
            "<body><p>In Zürich, critics argue the merger will fail.</p></body></html>\n")
    (tmp_path / "a.html").write_bytes(html.encode("latin-1"))
    proc, data = cli_json("a.html", "--select", OWN, cwd=tmp_path)
    assert proc.stderr == b""
    (f,) = data["findings"]
    line = html.splitlines()[f["line"] - 1]
    assert line[f["column"] - 1:f["end_column"] - 1] == "critics argue"


def test_undeclared_non_utf8_is_a_clear_error(tmp_path):
    (tmp_path / "a.md").write_bytes(b"# Notes\n\nThe caf\xe9 critics argue.\n")
    proc = run_cli("check", "a.md", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode() == ("copydesk: error: a.md: not UTF-8: byte 0xe9 on line 3 cannot be decoded; "
                                    "save the file as UTF-8 or declare its charset\n")


@pytest.mark.parametrize("name, text", [
    ("front.md", "---\ntitle: [unclosed\nauthor: {\n---\n\n# Title\n\nCritics argue it fails.\n"),
    ("unterminated.md", "---\ntitle: x\n\nCritics argue it fails.\n\n```\nno closing fence\n"),
    ("tags.html", "<html><body><p>Critics argue it fails.<div><b>unclosed <i>tags</p></span>\n"),
    ("broken.html", "<<p>>Critics argue it fails.</p><!-- never closed\n<script>var x = '</p>'"),
])
def test_malformed_markup_does_not_crash(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "other.txt").write_text(FLAGGED, encoding="utf-8")
    proc, data = cli_json(name, "other.txt", "--select", OWN, cwd=tmp_path)
    err = proc.stderr.decode()
    assert "Traceback" not in err
    assert "other.txt" in {f["path"] for f in data["findings"]}
    for line in err.strip().splitlines():  # if the reader gives up, it says where and why
        assert line.startswith(f"copydesk: error: {name}: "), line


def test_malformed_config_is_reported_and_other_folders_are_checked(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / ".copydesk.yaml").write_text("select: [\n", encoding="utf-8")
    (tmp_path / "a" / "x.txt").write_text(FLAGGED, encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "y.txt").write_text(FLAGGED, encoding="utf-8")
    proc, data = cli_json("a", "b", "--select", OWN, cwd=tmp_path)
    (line,) = proc.stderr.decode().strip().splitlines()
    assert "a/.copydesk.yaml:2:1: invalid YAML" in line
    assert [f["path"] for f in data["findings"]] == ["b/y.txt"]


def test_no_network_on_the_check_path(tmp_path):
    """A socket opened anywhere on the check path fails the run (an audit hook forbids it)."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\n"
        "def _hook(event, args):\n"
        "    if event in ('socket.connect', 'socket.getaddrinfo', 'socket.gethostbyname'):\n"
        "        raise RuntimeError('copydesk opened the network: %s %r' % (event, args))\n"
        "sys.addaudithook(_hook)\n", encoding="utf-8")
    drafts = sorted(str(p) for p in SEEDS.glob("*.txt"))
    env = {"PYTHONPATH": str(tmp_path), "COPYDESK_DEBUG": "1"}
    proc = run_cli("check", "--format", "json", "--no-cache", "-j", "1", *drafts, cwd=ROOT, env=env)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert b"opened the network" not in proc.stderr
    assert sys.executable  # the hook file is only picked up by the child interpreter
