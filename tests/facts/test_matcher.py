"""Entity mentions: word boundaries, possessives, hyphens, longest names, bare surnames."""

from __future__ import annotations

import pytest

from copydesk.facts.base import FactBase, build_automaton
from copydesk.facts.matcher import find_mentions
from copydesk.facts.textform import name_form, prose_form

ENTITIES = {
    "meta": ("meta", "Meta Platforms", "organization", ("Meta",), "p", 0),
    "msl": ("msl", "Meta Superintelligence Labs", "organization", ("MSL", "Meta's Superintelligence Labs"), "p", 1),
    "llama-4": ("llama-4", "Llama 4", "product", (), "p", 2),
    "wang": ("wang", "Alexandr Wang", "person", ("Wang",), "p", 3),
    "scale": ("scale", "Scale AI", "organization", (), "p", 4),
}


@pytest.fixture(scope="module")
def base():
    automaton, keys = build_automaton(ENTITIES)
    return FactBase(ENTITIES, {}, keys, automaton)


def mentions(base, text: str) -> list[tuple[str, str]]:
    found = find_mentions(name_form(prose_form(text)), base, [(0, len(text))])
    return [(text[m.start:m.end], m.entity) for m in found]


@pytest.mark.parametrize("text, expected", [
    ("Metaflow and Metaverse are not Meta.", [("Meta", "meta")]),
    ("Meta’s lab and Meta's chips.", [("Meta", "meta"), ("Meta", "meta")]),
    ("A Meta-owned lab.", [("Meta", "meta")]),
    ("Llama 4.1 is not Llama 4, nor is Llama 40.", [("Llama 4", "llama-4")]),
    ("Llama-4 shipped.", [("Llama-4", "llama-4")]),
    ("Meta Superintelligence Labs is not two names.", [("Meta Superintelligence Labs", "msl")]),
    ("Meta’s Superintelligence Labs too.", [("Meta’s Superintelligence Labs", "msl")]),
    ("Scale AI's deal; Scale alone is a word.", [("Scale AI", "scale")]),
    ("metaphor, META and meta are not the name.", []),
])
def test_boundaries_and_longest_names(base, text, expected):
    assert mentions(base, text) == expected


def test_a_bare_surname_counts_only_after_the_full_name(base):
    assert mentions(base, "Wang spoke. Then Alexandr Wang spoke. Wang again.") == [
        ("Alexandr Wang", "wang"), ("Wang", "wang")]


def test_only_prose_regions_are_read(base):
    text = "Meta here. Meta there."
    found = find_mentions(name_form(prose_form(text)), base, [(11, len(text))])
    assert [(m.start, m.entity) for m in found] == [(11, "meta")]


def test_forms_keep_every_offset():
    text = "Meta’s “lab”\u00a0in Menlo-Park\n"
    assert len(prose_form(text)) == len(text) == len(name_form(prose_form(text)))
    assert name_form(prose_form(text)) == "Meta's \"lab\" in Menlo Park "
