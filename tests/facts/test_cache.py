"""The fact base is cached per process and, for large packs, on disk, keyed by each pack's stat."""

from __future__ import annotations

import os

import pytest
from helpers import FIXTURES

from copydesk.facts import base as factbase
from copydesk.facts.catalogue import build_catalogue
from copydesk.packs import Packs, builtin_pack_paths

PACK = (FIXTURES / "facts" / "acme.yaml").read_text(encoding="utf-8")


@pytest.fixture
def catalogue():
    return build_catalogue(Packs(builtin_pack_paths()))


@pytest.fixture
def disk(tmp_path, monkeypatch):
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(factbase, "DISK_CACHE_MIN_ENTITIES", 1)
    return tmp_path / "cache" / "facts"


def test_a_large_pack_is_read_back_from_disk(tmp_path, disk, catalogue, monkeypatch):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    first = factbase.load_base([pack], catalogue)
    assert sorted(p.suffix for p in disk.iterdir()) == [".automaton", ".tables"]
    assert (disk.parent / ".gitignore").is_file()

    def no_parsing(*args, **kwargs):
        raise AssertionError("the pack was parsed again")

    monkeypatch.setattr(factbase, "read_packs", no_parsing)
    again = factbase.load_base([pack], catalogue)
    assert len(again) == len(first) == 2
    assert [f.object for f in again.facts("acme", "led-by")] == ["jo-park"]
    assert again.lookup("Park")[0].id == "jo-park"


def test_an_edited_pack_is_not_served_stale(tmp_path, disk, catalogue):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    factbase.load_base([pack], catalogue)
    pack.write_text(PACK.replace("Acme Corp", "Acme Group"), encoding="utf-8")
    os.utime(pack, ns=(1, 1))  # a different stat whatever the clock's resolution
    assert factbase.load_base([pack], catalogue).name("acme") == "Acme Group"


def test_a_corrupt_cache_file_is_rebuilt(tmp_path, disk, catalogue):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    factbase.load_base([pack], catalogue)
    for path in disk.iterdir():
        path.write_bytes(b"not a cache")
    assert len(factbase.load_base([pack], catalogue)) == 2


def test_an_unwritable_cache_folder_is_no_error(tmp_path, monkeypatch, catalogue):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(blocker))  # a file: no folder can be made there
    monkeypatch.setattr(factbase, "DISK_CACHE_MIN_ENTITIES", 1)
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK, encoding="utf-8")
    assert len(factbase.load_base([pack], catalogue)) == 2


def test_a_json_pack_loads_like_yaml(tmp_path, catalogue):
    import json

    import yaml

    pack = tmp_path / "pack.json"
    pack.write_text(json.dumps(yaml.safe_load(PACK)), encoding="utf-8")
    loaded = factbase.load_base([pack], catalogue, use_disk=False)
    assert [f.start for f in loaded.facts("acme")] == ["2020"]
