"""citation-off-topic: sources that share no subject with the claim or the article."""

from __future__ import annotations

import pytest
from goldcases import FORMATS, check_rule_fixture
from helpers import SEEDS, cli_json

from copydesk.testing import findings_of, lint_text, spans

RULE = "citation-off-topic"
HEAT = ("Heat pumps overtake gas boilers in Norway\n\n"
        "Heat pump sales passed gas boiler sales in Norway last year [1]. Installers expect heat pump "
        "demand to keep growing as gas prices stay high [2].\n\n")


def draft(*entries: str) -> str:
    return HEAT + "References\n\n" + "\n\n".join(entries) + "\n"


ON_TOPIC = "[1] Statistics Norway — Heat pump sales 2025 — https://ssb.no/en/energi/heat-pump-sales-2025"


@pytest.mark.parametrize("fmt", FORMATS)
def test_fixture(fmt):
    check_rule_fixture(RULE, fmt)


def test_seed_000_oxcaml_reference():
    """The issue's example: a compiler project's page behind a GPT-5 claim; a sidebar
    heading "OxCaml Labs" above the headline does not make it a subject of the article."""
    proc, data = cli_json("--select", RULE, str(SEEDS / "000_447e9943cd01761e.txt"))
    [finding] = data["findings"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (32, 324, 327)
    assert finding["message"].startswith(
        "[1] (anil.recoil.org/projects/oxcaml) shares no subject with this claim or the article")
    assert finding["severity"] == "warning"


def test_each_citing_marker_is_flagged():
    text = HEAT.replace("stay high [2].", "stay high [2]. Prices rose again [2].") + "References\n\n" + \
        ON_TOPIC + "\n\n[2] Crumbs — Sourdough starter troubleshooting — https://crumbs.net/sourdough-starter\n"
    reports = findings_of(lint_text(text), RULE)
    assert spans(reports, text) == ["[2]", "[2]"]


def test_an_abstract_claim_citing_an_on_topic_article_is_fine():
    text = HEAT.replace("as gas prices stay high [2]", "as part of a broader trend [2]") + \
        "References\n\n" + ON_TOPIC + "\n\n[2] NRK — Norway's heat pump boom explained — https://nrk.no/heat-pump-boom\n"
    assert findings_of(lint_text(text), RULE) == []


@pytest.mark.parametrize("second", [
    "[2] Reuters — https://www.reuters.com/article/idUSKBN2X3Y4Z",  # nothing to judge
    "[2] Dagens Næringsliv — Varmepumper selger som aldri før i Norge — https://www.dn.no/a/varmepumper",
    "[2] Gas Boilers Ltd — Annual update — https://gasboilers.no/annual-update",  # the claim's subject
])
def test_too_little_or_incomparable_text_means_silence(second):
    assert findings_of(lint_text(draft(ON_TOPIC, second)), RULE) == []


def test_publisher_name_alone_does_not_make_a_source_on_topic():
    text = HEAT.replace("Installers expect", "Statistics Norway also says installers expect") + \
        "References\n\n" + ON_TOPIC + \
        "\n\n[2] Statistics Norway — Fishing quotas for cod and haddock 2026 — https://ssb.no/en/fiskeri/cod-haddock-quotas\n"
    assert spans(findings_of(lint_text(text), RULE), text) == ["[2]"]


def test_inline_links():
    md = ("# Heat pumps overtake gas boilers in Norway\n\n"
          "Heat pump sales passed gas boilers, as [installers told us](https://crumbs.net/baking/sourdough-starter-guide).\n"
          "Follow us on [Mastodon](https://mastodon.social/@heatdesk) and read "
          "[the sales figures](https://ssb.no/en/energi/heat-pump-sales-figures).\n")
    reports = findings_of(lint_text(md, "draft.md"), RULE)
    assert spans(reports, md) == ["installers told us"]
    assert reports[0].message.startswith("link to crumbs.net/baking/sourdough-starter-guide shares no subject")


def test_min_mentions_option(tmp_path):
    """A term the prose mentions once is a subject only if the desk lowers the bar."""
    text = ("Heat pumps overtake gas boilers in Norway\n\n"
            "Short line about fjords.\n\nHeat pump sales passed gas boiler sales last year [1].\n\n"
            "References\n\n[1] Visit Norway — Best fjords to visit — https://visitnorway.com/fjords-to-visit\n")
    assert findings_of(lint_text(text), RULE)
    config = tmp_path / ".copydesk.yaml"
    config.write_text("options:\n  citation-off-topic: {min_mentions: 1}\n")
    assert findings_of(lint_text(text, config_file=str(config)), RULE) == []
