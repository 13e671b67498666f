"""The relation catalogue is data: a desk adds phrasings, titles or a relation in YAML."""

from __future__ import annotations

import textwrap

import pytest

from copydesk.testing import lint_text
from copydesk.yamlio import DataError


def _pack(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


FACTS = """\
    entities:
      - {id: rovers, name: Harbour Rovers, type: organization}
      - {id: cole, name: Dana Cole, type: person}
      - {id: ward, name: Ike Ward, type: person}
      - {id: brewco, name: Brewco, type: organization}
      - {id: fizzco, name: Fizzco, type: organization}
    facts:
      - {subject: rovers, relation: led-by, object: cole, from: 2020}
      - {subject: rovers, relation: sponsored-by, object: brewco, from: 2019}
    """

DESK = """\
    relations:
      - id: sponsored-by
        says: "{subject} is sponsored by {value}"
        subject: [organization]
        object: entity
        object_types: [organization]
        time: window
        functional: true
        phrasings:
          - "{subject}(?:,| is| are)? sponsored by {object}"
          - "{object}-sponsored {subject}"
      - id: led-by
        phrasings:
          - "{subject}, skippered by {object}"
    """


def test_a_desk_adds_a_relation_and_phrasings_without_python(tmp_path):
    rules = _pack(tmp_path, "desk.yaml", DESK)
    facts = _pack(tmp_path, "facts.yaml", FACTS)
    text = ("Harbour Rovers, sponsored by Fizzco, won again. Fizzco-sponsored Harbour Rovers won.\n\n"
            "Harbour Rovers, skippered by Ike Ward, won.\n")
    reports = lint_text(text, select=["fact-contradiction"], facts=[facts], rules=[rules], date="2025-01-01")
    assert [(r.line, text.splitlines()[r.line - 1][r.column - 1:r.end_column - 1]) for r in reports] == [
        (1, "Fizzco"), (1, "Fizzco"), (3, "Ike Ward")]
    assert "Harbour Rovers is sponsored by Brewco" in reports[0].message


@pytest.mark.parametrize("phrasing, problem", [
    ('"{subject} was led by {person}"', "unknown slot or word list {person}"),
    ('"{subject} was led by someone"', "needs the slot {object}"),
    ('"{subject} (led by {object}"', "not a valid pattern"),
    ('"{subject} and {subject} led by {object}"', "uses {subject} twice"),
])
def test_a_bad_phrasing_names_its_pack(tmp_path, phrasing, problem):
    rules = _pack(tmp_path, "desk.yaml", f"relations:\n  - id: led-by\n    phrasings: [{phrasing}]\n")
    with pytest.raises(AssertionError) as failure:
        lint_text("Meta Platforms, led by Yann LeCun, grew.\n", select=["fact-contradiction"], rules=[rules])
    assert str(rules) in str(failure.value) and problem in str(failure.value)


def test_yaml_booleans_in_word_lists_are_caught(tmp_path):
    from copydesk.facts.catalogue import build_catalogue
    from copydesk.packs import Packs, builtin_pack_paths

    rules = _pack(tmp_path, "desk.yaml", "relation_words:\n  - {name: np_stop, words: [on, off]}\n")
    with pytest.raises(DataError, match="quote them"):
        build_catalogue(Packs(builtin_pack_paths() + (rules,)))


def test_facts_check_compiles_the_phrasings_of_extra_rules(tmp_path):
    from helpers import run_cli

    rules = _pack(tmp_path, "desk.yaml", 'relations:\n  - id: led-by\n    phrasings: ["{subject} (led by {object}"]\n')
    proc = run_cli("facts", "check", "--rules", str(rules), str(_pack(tmp_path, "facts.yaml", FACTS.replace(
        "      - {subject: rovers, relation: sponsored-by, object: brewco, from: 2019}\n", ""))))
    assert proc.returncode == 2
    assert f"{rules}: relation 'led-by'" in proc.stderr.decode() and "not a valid pattern" in proc.stderr.decode()
