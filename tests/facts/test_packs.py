"""``copydesk facts check``: every problem of a pack, each with its file and line."""

from __future__ import annotations

import textwrap

import pytest
from helpers import FIXTURES, cli_json, run_cli

GOOD = (FIXTURES / "facts" / "acme.yaml").read_text(encoding="utf-8")  # line 5: a led-by fact


def _write(tmp_path, text: str, name: str = "pack.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _check(*args):
    proc = run_cli("facts", "check", *map(str, args))
    return proc.returncode, proc.stdout.decode(), proc.stderr.decode()


def test_a_good_pack(tmp_path):
    code, out, _ = _check(_write(tmp_path, GOOD))
    assert code == 0 and out.strip() == "ok: 1 pack, 2 entities, 1 facts"


@pytest.mark.parametrize("line, bad, message", [
    (5, "  - {subject: acme, relation: runs, object: jo-park}", "unknown relation 'runs'"),
    (5, "  - {subject: acme, relation: led-by, object: kim-lee}", "unknown entity id 'kim-lee' in 'object'"),
    (5, "  - {subject: acmee, relation: led-by, object: jo-park}", "unknown entity id 'acmee' in 'subject'"),
    (5, "  - {subject: acme, relation: founded, object: 2020-13}", "bad date '2020-13'"),
    (5, "  - {subject: acme, relation: led-by, object: jo-park, from: June 2020}", "bad date 'June 2020' for 'from'"),
    (5, "  - {subject: acme, relation: led-by, object: jo-park, from: 2021, until: 2020}", "'until' 2020 is before"),
    (5, "  - {subject: acme, relation: led-by, object: acme}", "needs an object of type person"),
    (5, "  - {subject: acme, relation: invested-in, object: acme}", "needs an 'amount'"),
    (5, "  - {subject: acme, relation: led-by, object: jo-park, untill: 2022}", "unknown key 'untill'"),
])
def test_fact_problems_name_file_and_line(tmp_path, line, bad, message):
    path = _write(tmp_path, GOOD.replace(GOOD.splitlines()[4], bad))
    code, out, err = _check(path)
    assert code == 2 and "problem" in err
    assert out.startswith(f"{path}:{line}:") and message in out, out


def test_duplicate_id_and_alias_claimed_twice(tmp_path):
    more = ("  - {id: acme, name: Acme Two, type: organization}\n"
            "  - {id: kim-park, name: Kim Park, aliases: [Park], type: person}\nfacts:")
    path = _write(tmp_path, GOOD.replace("facts:", more))
    code, out, _ = _check(path)
    lines = out.splitlines()
    assert code == 2 and len(lines) == 2
    assert lines[0].startswith(f"{path}:4:") and "duplicate entity id 'acme'" in lines[0] and f"{path}:2" in lines[0]
    assert lines[1].startswith(f"{path}:5:") and "'Park' is claimed by two entities" in lines[1]


def test_problems_across_packs_and_the_builtin_pack(tmp_path):
    # a desk pack may state facts about the built-in pack's entities, but not redefine them
    desk = _write(tmp_path, """\
        entities:
          - {id: meta, name: Meta Two, type: organization}
          - {id: rival, name: Rival Labs, type: organization}
        facts:
          - {subject: rival, relation: led-by, object: alexandr-wang, from: 2030}
        """)
    code, out, _ = _check(desk)
    assert code == 2 and out.count("\n") == 1 and f"{desk}:2:" in out and "duplicate entity id 'meta'" in out
    code, out, _ = _check(desk, "--no-builtin")
    assert code == 2 and "unknown entity id 'alexandr-wang'" in out


def test_yaml_syntax_error(tmp_path):
    code, out, _ = _check(_write(tmp_path, "entities:\n  - {id: a, name: [unclosed\n"))
    assert code == 2 and out.startswith(str(tmp_path / "pack.yaml") + ":") and "invalid YAML" in out


def test_the_shipped_packs_are_valid():
    code, out, _ = _check(FIXTURES / "facts" / "pack.yaml", "--rules", FIXTURES / "facts" / "desk-rules.yaml")
    assert code == 0, out
    code, out, _ = _check(*sorted((FIXTURES.parents[1] / "rules" / "facts").glob("*.yaml")))
    assert code == 0, out


def test_every_builtin_fact_has_a_source_and_note_or_reason():
    import yaml

    for path in sorted((FIXTURES.parents[1] / "rules" / "facts").glob("*.yaml")):
        for fact in yaml.safe_load(path.read_text(encoding="utf-8"))["facts"]:
            assert str(fact.get("source", "")).startswith("https://"), fact


def test_a_broken_pack_stops_the_check_with_its_location(tmp_path):
    pack = _write(tmp_path, GOOD.replace("led-by", "leads"))
    draft = _write(tmp_path, "Acme Corp, led by Jo Park, grew.\n", "draft.txt")
    proc, data = cli_json("--facts", str(pack), str(draft))
    assert proc.returncode == 2 and data["findings"] == []
    assert f"{pack}:5:" in proc.stderr.decode() and "unknown relation 'leads'" in proc.stderr.decode()
