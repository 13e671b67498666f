"""Every relation of the catalogue, in several phrasings, in all three draft formats.

The fixture pack (tests/fixtures/facts/pack.yaml) says, among other things: Voltaris Motors
was founded in March 2014 by Priya Raman and Tomas Lind, is based in Gothenburg, was run by
Raman until September 2023 and by Marcus Feld since; it bought Cellwright for $1.2bn in
March 2022; the Voltaris Arc came out on 18 May 2021; Novaterra Capital invested $250m in
Orbital Reach in June 2024; Lena Brandt was Helix Biogen's chief scientist 2016 to June 2024.
Drafts are dated 2026-03-01.
"""

from __future__ import annotations

import pytest
from factcases import flagged

RULE = "fact-contradiction"

# (sentence, the text flagged): each sentence states a relation the pack contradicts
CONTRADICTED = {
    "led-by": [
        ("Voltaris Motors, led by Priya Raman, unveiled a sedan.", "Priya Raman"),
        ("Priya Raman runs Voltaris Motors from Gothenburg.", "Priya Raman"),
        ("Voltaris Motors, now under Priya Raman's leadership, is expanding.", "Priya Raman"),
        ("Voltaris chief Priya Raman unveiled a sedan.", "Priya Raman"),
        ("Priya Raman, Voltaris's chief executive, unveiled a sedan.", "Priya Raman"),
        ("Priya Raman, head of Voltaris Motors, unveiled a sedan.", "Priya Raman"),
        ("Voltaris Motors CEO Priya Raman unveiled a sedan.", "Priya Raman"),
        ("Voltaris Motors, which is run by Priya Raman, unveiled a sedan.", "Priya Raman"),
    ],
    "founded": [
        ("Voltaris Motors was founded in 2016.", "2016"),
        ("Voltaris Motors, founded in 2016, makes small cars.", "2016"),
        ("Founded in 2016 by two engineers, Voltaris Motors makes small cars.", "2016"),
        ("Priya Raman founded Voltaris Motors in 2016.", "2016"),
        ("The creation of Voltaris Motors in 2016 surprised the industry.", "2016"),
        ("Voltaris Motors, the Gothenburg carmaker, was set up in 2016.", "2016"),
    ],
    "founded-by": [
        ("Voltaris Motors, founded by Marcus Feld, makes small cars.", "Marcus Feld"),
        ("Marcus Feld founded Voltaris Motors.", "Marcus Feld"),
        ("Voltaris Motors co-founder Marcus Feld spoke first.", "Marcus Feld"),
        ("Marcus Feld, a co-founder of Voltaris Motors, spoke first.", "Marcus Feld"),
    ],
    "released": [
        ("The Voltaris Arc was released in 2019.", "2019"),
        ("The Voltaris Arc, launched in 2019, sold well.", "2019"),
        ("Voltaris Motors released the Voltaris Arc in 2019.", "2019"),
        ("The 2019 launch of the Voltaris Arc lifted sales.", "2019"),
        ("Released in 2019 after years of delays, the Voltaris Arc sold well.", "2019"),
    ],
    "headquartered-in": [
        ("Voltaris Motors is headquartered in Basel.", "Basel"),
        ("Basel-based Voltaris Motors makes small cars.", "Basel"),
        ("Voltaris Motors, a Basel-based carmaker, makes small cars.", "Basel"),
        ("Voltaris Motors, based in Basel, makes small cars.", "Basel"),
    ],
    "acquired-by": [
        ("Orion Pharma acquired Cellwright.", "Orion Pharma"),
        ("Cellwright was bought by Orion Pharma.", "Orion Pharma"),
        ("Orion Pharma's acquisition of Cellwright went smoothly.", "Orion Pharma"),
        ("The acquisition of Cellwright by Orion Pharma went smoothly.", "Orion Pharma"),
        ("Voltaris Motors acquired Cellwright for $2 billion.", "$2 billion"),
        ("Voltaris's $2 billion acquisition of Cellwright went smoothly.", "$2 billion"),
    ],
    "invested-in": [
        ("In 2024, Novaterra Capital invested $400 million in Orbital Reach.", "$400 million"),
        ("Novaterra's $400 million investment in Orbital Reach in June 2024 paid for a new rocket.", "$400 million"),
        ("Orbital Reach received $400 million from Novaterra Capital in 2024.", "$400 million"),
        ("In June 2024, Novaterra Capital struck a $400 million deal with Orbital Reach.", "$400 million"),
    ],
    "role": [
        ("Lena Brandt, Helix's chief scientist, said the trial worked.", "chief scientist"),
        ("Helix Biogen's chief scientist, Lena Brandt, said the trial worked.", "chief scientist"),
        ("Helix chief scientist Lena Brandt said the trial worked.", "chief scientist"),
        ("Lena Brandt is Helix Biogen's chief scientist.", "chief scientist"),
        ("Lena Brandt, the chief scientist at Helix Biogen, said the trial worked.", "chief scientist"),
    ],
    "quantity": [
        ("Brightmart operates 1,500 stores.", "1,500"),
        ("Brightmart, which has 1,500 stores, is hiring.", "1,500"),
    ],
}

# near misses: statements the pack agrees with, or that say nothing the pack decides
AGREED = {
    "led-by": [
        "Voltaris Motors, led by Marcus Feld, unveiled a sedan.",
        "Priya Raman ran Voltaris Motors until 2023.",
        "Former Voltaris CEO Priya Raman unveiled a sedan.",
        "In 2020, Priya Raman, Voltaris's chief executive, unveiled a sedan.",
        "Voltaris Motors' head of design Priya Raman unveiled a sedan.",
        "Priya Raman leads Voltaris's battery programme.",
    ],
    "founded": [
        "Voltaris Motors was founded in March 2014.",
        "Voltaris Motors, founded in 2014, makes small cars.",
        "Voltaris Motors was founded in early 2014.",
        "Voltaris Motors, which opened a plant in 2016, makes small cars.",
    ],
    "founded-by": [
        "Voltaris Motors, founded by Priya Raman and Tomas Lind, makes small cars.",
        "Voltaris co-founder Tomas Lind spoke first.",
        "Marcus Feld, who joined Voltaris Motors in 2020, spoke first.",
    ],
    "released": [
        "The Voltaris Arc was released in May 2021.",
        "The Voltaris Arc, launched in 2021, sold well.",
        "The Voltaris Arc was unveiled in 2019 and went on sale in 2021.",
        "In 2024, Voltaris Motors released new Voltaris Arc models.",  # a later model, not the first
    ],
    "headquartered-in": [
        "Voltaris Motors is headquartered in Gothenburg.",
        "Voltaris Motors opened an office in Basel.",
    ],
    "acquired-by": [
        "Voltaris Motors acquired Cellwright for $1.2 billion.",
        "Voltaris Motors bought Cellwright for about $1.25 billion.",
        "Voltaris-owned Cellwright makes battery cells.",
        "Orion Pharma tried to buy Cellwright.",
        "Orion Pharma bought Cellwright's old plant in 2023.",  # a plant, not the company
    ],
    "invested-in": [
        "In 2024, Novaterra Capital invested $250 million in Orbital Reach.",
        "In 2024, Novaterra Capital invested about $240 million in Orbital Reach.",
        "Novaterra Capital invested $400 million in Orbital Reach.",  # undated: maybe another round
        "In 2024, Novaterra Capital invested €400 million in Orbital Reach.",  # another currency
    ],
    "role": [
        "Lena Brandt, Helix's former chief scientist, said the trial worked.",
        "In 2020, Lena Brandt, Helix's chief scientist, said the trial worked.",
        "Lena Brandt, Helix's chief scientist until 2024, said the trial worked.",
        "Lena Brandt, Helix's head of research, said the trial worked.",
    ],
    "quantity": [
        "Brightmart operates 1,190 stores.",
        "Brightmart operates more than 1,000 stores.",
    ],
}


def _cases(table):
    return [pytest.param(relation, *case if isinstance(case, tuple) else (case,), id=f"{relation}-{i}")
            for relation, cases in table.items() for i, case in enumerate(cases)]


@pytest.mark.parametrize("relation, sentence, value", _cases(CONTRADICTED))
def test_contradiction_found_at_its_value(relation, sentence, value, fmt):
    assert flagged(sentence, fmt) == [(RULE, value)], f"{relation}: {sentence}"


@pytest.mark.parametrize("relation, sentence", _cases(AGREED))
def test_near_miss_is_not_flagged(relation, sentence, fmt):
    assert flagged(sentence, fmt) == [], f"{relation}: {sentence}"


def test_catalogue_has_cases_for_every_relation():
    from copydesk.engine import Engine
    from copydesk.facts.catalogue import catalogue_for

    engine = Engine()
    relations = set(catalogue_for(engine.context("x.txt", engine.config_for("x.txt"))).relations)
    assert relations <= set(CONTRADICTED) and relations <= set(AGREED)
