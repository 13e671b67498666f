"""self-evidence: the outlet's own earlier work offered as evidence."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, check_rule_fixture
from helpers import SEEDS, cli_json

from copydesk.testing import findings_of, lint_text, spans

RULE = "self-evidence"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


def test_seed_003_roundup():
    proc, data = cli_json("--select", RULE, str(SEEDS / "003_3d9ca42a259eed1b.txt"))
    [finding] = data["findings"]
    assert finding["line"] == 85 and finding["end_column"] - finding["column"] == len(
        "Our State of AI Agents May 2026 roundup")


@pytest.mark.parametrize("sentence, span", [
    ("As we reported last week, the sea wall is failing.", "As we reported"),
    ("Our own analysis shows premiums have doubled.", "Our own analysis"),
    ("Our annual energy roundup confirms the trend.", "Our annual energy roundup"),
    ("According to our earlier reporting, the repairs are late.", "our earlier reporting"),
    ("We first reported in June that insurers were leaving.", "We first reported"),
    ("Our 2026 salary survey of 900 nurses found most work unpaid overtime.", "Our 2026 salary survey"),
    ("As we've previously reported, the club owes £20m.", "As we've previously reported"),
    ("Last week's figures matter, and our forecast shows a hung council.", "our forecast"),
    ("Our own benchmarks of a test board found a smaller gap.", "Our own benchmarks"),
])
def test_flagged(sentence, span):
    assert spans(findings_of(lint_text(sentence + "\n"), RULE), sentence) == [span]


@pytest.mark.parametrize("sentence", [
    "Our readers have sent hundreds of photos.",
    "In our view the council has been too slow.",
    "Warming seas threaten our planet's coastlines.",
    "“Our analysis shows the wall will hold,” said the harbour master.",
    "As we noted above, the road floods at spring tides.",
    "Our analysis confirms the rise, and the Met Office reported the same trend.",
    "Our survey found the same, according to the Environment Agency.",
    "As we reported in March, the council has not decided [1].",
    "Our government's own analysis shows the scheme works.",
    "The union said our survey found broad support.",
    "Our tests show the battery lasts 11 hours.",  # a review's method, not earlier work
])
def test_not_flagged(sentence):
    text = sentence + "\n\nReferences\n\n[1] Harbour Council — Sea wall decision — https://harbour.gov.uk/sea-wall\n"
    assert findings_of(lint_text(text), RULE) == []


def test_by_name_needs_the_draft_identity():
    sentence = "As the Tidewater Post first reported, insurers are leaving.\n"
    assert findings_of(lint_text(sentence), RULE) == []
    text = "Tidewater Post TeamSeptember 9, 2026\n\n" + sentence
    assert spans(findings_of(lint_text(text), RULE), text) == ["Tidewater Post first reported"]


def test_message_and_severity():
    [report] = findings_of(lint_text("Our own analysis shows premiums have doubled.\n"), RULE)
    assert report.severity == "warning" and report.category == "self-reference"
    assert report.message == ("“Our own analysis” offers the outlet's own work as evidence: cite the "
                              "independent source behind the claim")


def test_a_desk_adds_a_phrasing(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text("self_evidence:\n  - id: regular-readers-know\n"
                    "    pattern: '\\b(?P<span>[Rr]egular readers will know)\\b'\n")
    text = "Regular readers will know the sea wall is failing.\n"
    assert findings_of(lint_text(text), RULE) == []
    assert spans(findings_of(lint_text(text, rules=[pack]), RULE), text) == ["Regular readers will know"]


def test_a_phrasing_without_a_span_group_is_a_data_error(tmp_path):
    pack = tmp_path / "desk.yaml"
    pack.write_text("self_evidence:\n  - id: broken\n    pattern: 'as we said'\n")
    proc, data = cli_json("--rules", str(pack), "-", input="As we said, it fails.\n")
    assert proc.returncode == 2
    assert "desk.yaml" in proc.stderr.decode() and "span" in proc.stderr.decode()
