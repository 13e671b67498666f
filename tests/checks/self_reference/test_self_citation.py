"""self-citation: references that credit the draft's own publication."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, check_rule_fixture
from helpers import SEEDS, cli_json

from copydesk.testing import findings_of, lint_text, spans

RULE = "self-citation"
BYLINE = "Harbour Times TeamMarch 3, 2026\n\nFerry operator posts third year of losses\n\n"


def draft(claim: str, *entries: str) -> str:
    return BYLINE + claim + "\n\nReferences\n\n" + "\n\n".join(entries) + "\n"


OWN = "[1] Harbour Times — Ferry operator's accounts reveal losses — https://harbourtimes.co.uk/news/ferry-losses"
COUNCIL = "[2] Harbour Council — Ferry subsidy decision — https://harbourcouncil.gov.uk/decisions/ferry-subsidy"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


@pytest.mark.parametrize("seed, line", [("000_447e9943cd01761e.txt", 79), ("001_da67b94fe56a62a2.txt", 40)])
def test_seed_editorial_board_label(seed, line):
    proc, data = cli_json("--select", RULE, str(SEEDS / seed))
    [finding] = data["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (line, 5, 20)  # "Editorial_board"
    assert finding["message"].startswith("[1] is credited to “Editorial_board”, a label for this outlet itself")


def test_seed_001_names_the_real_publisher():
    proc, data = cli_json("--select", RULE, str(SEEDS / "001_da67b94fe56a62a2.txt"))
    assert "(the link goes to theverge.com)" in data["findings"][0]["message"]


def test_own_publication_from_the_byline():
    text = draft("The operator lost £4.1m last year [1].", OWN)
    reports = findings_of(lint_text(text), RULE)
    assert spans(reports, text) == ["Harbour Times"]
    assert "this draft's own publication" in reports[0].message and reports[0].severity == "warning"


def test_independently_sourced_self_citation_is_fine():
    text = draft("The operator lost £4.1m last year [1][2].", OWN, COUNCIL)
    assert findings_of(lint_text(text), RULE) == []


def test_a_competitor_is_not_self():
    text = draft("The timetable will be cut [1].",
                 "[1] Harbour Gazette — Ferry timetable cut — https://harbourgazette.co.uk/ferry-timetable-cut")
    assert findings_of(lint_text(text), RULE) == []


def test_config_names_the_publication_and_its_domains(tmp_path):
    config = tmp_path / ".copydesk.yaml"
    config.write_text("publication:\n  name: The Quay\n  domains: [quay.news]\n  self_labels: [Quay desk]\n")
    text = ("Ferry fares rise [1]. The subsidy was approved [2]. Fuel costs rose [3].\n\nReferences\n\n"
            "[1] Archive — Ferry fares history — https://archive.quay.news/ferry-fares-history\n\n"
            "[2] Quay desk — Subsidy approved — https://harbourcouncil.gov.uk/subsidy-approved\n\n"
            "[3] The Quay — Fuel costs for ferries — https://fuel.example.org/ferries\n")
    reports = findings_of(lint_text(text, config_file=str(config)), RULE)
    assert spans(reports, text) == ["https://archive.quay.news/ferry-fares-history", "Quay desk", "The Quay"]


def test_config_outranks_the_byline(tmp_path):
    config = tmp_path / ".copydesk.yaml"
    config.write_text("publication:\n  name: The Quay\n")
    text = draft("The operator lost £4.1m last year [1].", OWN)
    assert findings_of(lint_text(text, config_file=str(config)), RULE) == []


def test_source_list_without_markers_still_credits_the_outlet():
    text = ("Turnout fell to 29%.\n\nSources\n\n"
            "[1] City Clerk — Election results by ward — https://lakeshore.gov/clerk/results\n\n"
            "[2] Editorial team — Our turnout model — https://lakeshoreledger.com/turnout-model\n")
    assert spans(findings_of(lint_text(text), RULE), text) == ["Editorial team"]
