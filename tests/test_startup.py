"""The start-up shortcuts never change an answer: the parse cache, the entry-point reader,
the pack listing and the memoised context."""

from __future__ import annotations

import datetime
import os
import sys
import time

import pytest

from copydesk import packs, plugins, yamlio
from copydesk.engine import Engine, Options

PACK = "cues: [a, b]\nwhen: [2026-04-09]\nshared: &x {k: v}\nagain: *x\n"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "parsed"


def settled(path, ns=None):
    """Age a file past the window in which its parse is not cached."""
    ns = ns or int((time.time() - 60) * 1e9)
    os.utime(path, ns=(ns, ns))


def no_parsing(monkeypatch):
    def fail(*args):
        raise AssertionError("parsed again")

    monkeypatch.setattr(yamlio, "load_yaml_text", fail)


def test_a_parse_is_read_back_with_its_dates_and_aliases(tmp_path, cache, monkeypatch):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    settled(pack)
    first = yamlio.load_yaml(pack)
    assert len(list(cache.iterdir())) == 1 and (cache.parent / ".gitignore").is_file()
    no_parsing(monkeypatch)
    again = yamlio.load_yaml(pack)
    assert again == first and again["when"] == [datetime.date(2026, 4, 9)]
    assert again["shared"] is again["again"]
    assert again is not first  # callers may change what they get


def test_an_edited_file_is_not_served_stale(tmp_path, cache):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    settled(pack)
    yamlio.load_yaml(pack)
    pack.write_text(PACK.replace("[a, b]", "[a, c]"), encoding="utf-8")
    settled(pack, ns=10**9)  # a different stamp whatever the clock's resolution
    assert yamlio.load_yaml(pack)["cues"] == ["a", "c"]


def test_a_file_changed_just_now_is_not_cached(tmp_path, cache):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    yamlio.load_yaml(pack)
    assert not cache.exists() or not list(cache.iterdir())


def test_a_corrupt_entry_is_parsed_again(tmp_path, cache):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    settled(pack)
    yamlio.load_yaml(pack)
    for entry in cache.iterdir():
        entry.write_bytes(b"not marshal")
    assert yamlio.load_yaml(pack)["cues"] == ["a", "b"]


def test_errors_are_not_cached(tmp_path, cache):
    pack = tmp_path / "pack.yaml"
    pack.write_text("cues: [a\n", encoding="utf-8")
    settled(pack)
    for _ in range(2):
        with pytest.raises(yamlio.DataError, match="invalid YAML"):
            yamlio.load_yaml(pack)


def test_entry_points_match_importlib_metadata(tmp_path, monkeypatch):
    from importlib.metadata import entry_points

    info = tmp_path / "fake_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fake-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("# comment\n[copydesk]\nfake = fake_plugin:hooks\n", encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path), *sys.path])
    for group in ("copydesk", "console_scripts", "pytest11"):
        ours = [(e.name, e.value, e.group) for e in plugins.entry_points(group)]
        assert ours == [(e.name, e.value, e.group) for e in entry_points(group=group)]
    assert [e.value for e in plugins.entry_points("copydesk")] == ["fake_plugin:hooks"]


def test_pack_listing_follows_the_folder(tmp_path):
    (tmp_path / "a.yaml").write_text("x: []\n", encoding="utf-8")
    settled(tmp_path)
    assert [p.name for p in packs._yaml_files(tmp_path)] == ["a.yaml"]
    (tmp_path / "b.yaml").write_text("x: []\n", encoding="utf-8")
    assert [p.name for p in packs._yaml_files(tmp_path)] == ["a.yaml", "b.yaml"]


def test_context_is_memoised_but_follows_options():
    engine = Engine(Options())
    config = engine.config_for("draft.txt")
    first, again = engine.context("draft.txt", config), engine.context("draft.txt", config)
    assert first.enabled_rules == again.enabled_rules and first.packs is again.packs
    engine.options.ignore = ("unattributed-number",)
    assert "unattributed-number" not in engine.context("draft.txt", config).enabled_rules
