"""Configuration: discovery (nearest wins), every key's effect, and bad configs that exit 2
naming the file, the key and what was expected."""

from __future__ import annotations

import re

import pytest
from helpers import ROOT, cli_json, run_cli, write

from copydesk.config import ConfigError, load_config_file
from copydesk.engine import Engine

FLAGGED = "Critics argue it will cost $XX million.\n"  # anonymous-source + placeholder-text
OWN = "anonymous-source,placeholder-text"



def rules_of(data, path=None) -> set[str]:
    return {f["rule"] for f in data["findings"] if path is None or f["path"] == path}


def test_yaml_config_select(tmp_path):
    write(tmp_path, ".copydesk.yaml", "select: [anonymous-source]\n")
    write(tmp_path, "a.txt", FLAGGED)
    _, data = cli_json("a.txt", cwd=tmp_path)
    assert rules_of(data) == {"anonymous-source"}


def test_pyproject_table(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n\n[tool.copydesk]\nselect = ["placeholder-text"]\n')
    write(tmp_path, "a.txt", FLAGGED)
    _, data = cli_json("a.txt", cwd=tmp_path)
    assert rules_of(data) == {"placeholder-text"}


def test_nearest_config_wins_and_pyproject_without_table_is_skipped(tmp_path):
    write(tmp_path, ".copydesk.yaml", "select: [anonymous-source]\n")
    write(tmp_path, "desk/pyproject.toml", '[tool.copydesk]\nselect = ["placeholder-text"]\n')
    write(tmp_path, "desk/plain/pyproject.toml", '[project]\nname = "no-table"\n')
    write(tmp_path, "top.txt", FLAGGED)
    write(tmp_path, "desk/mid.txt", FLAGGED)
    write(tmp_path, "desk/plain/low.txt", FLAGGED)
    _, data = cli_json(".", cwd=tmp_path)
    assert rules_of(data, "./top.txt") == {"anonymous-source"}
    assert rules_of(data, "./desk/mid.txt") == {"placeholder-text"}
    assert rules_of(data, "./desk/plain/low.txt") == {"placeholder-text"}


def test_yaml_wins_over_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.copydesk]\nselect = ["placeholder-text"]\n')
    write(tmp_path, ".copydesk.yaml", "select: [anonymous-source]\n")
    write(tmp_path, "a.txt", FLAGGED)
    assert rules_of(cli_json("a.txt", cwd=tmp_path)[1]) == {"anonymous-source"}


def test_explicit_config_file(tmp_path):
    write(tmp_path, "elsewhere/house.yaml", "select: [placeholder-text]\n")
    write(tmp_path, ".copydesk.yaml", "select: [anonymous-source]\n")
    write(tmp_path, "a.txt", FLAGGED)
    _, data = cli_json("a.txt", "--config", "elsewhere/house.yaml", cwd=tmp_path)
    assert rules_of(data) == {"placeholder-text"}


def test_ignore_and_cli_select_over_config(tmp_path):
    write(tmp_path, ".copydesk.yaml", f"select: [{OWN}]\nignore: [unfinished-copy]\n")
    write(tmp_path, "a.txt", FLAGGED)
    assert rules_of(cli_json("a.txt", cwd=tmp_path)[1]) == {"anonymous-source"}
    # the command line's --select replaces the config's; its ignore still applies
    assert rules_of(cli_json("a.txt", "--select", "placeholder-text", cwd=tmp_path)[1]) == set()


def test_per_rule_severity_and_off(tmp_path):
    write(tmp_path, ".copydesk.yaml",
          f"select: [{OWN}]\nseverity: {{anonymous-source: info, placeholder-text: 'off'}}\n")
    write(tmp_path, "a.txt", FLAGGED)
    proc, data = cli_json("a.txt", cwd=tmp_path)
    assert [(f["rule"], f["severity"]) for f in data["findings"]] == [("anonymous-source", "info")]
    assert proc.returncode == 0  # info is below the default --fail-on warning


def test_severity_by_category(tmp_path):
    write(tmp_path, ".copydesk.yaml", f"select: [{OWN}]\nseverity: {{unfinished-copy: warning}}\n")
    write(tmp_path, "a.txt", FLAGGED)
    _, data = cli_json("a.txt", cwd=tmp_path)
    assert {f["severity"] for f in data["findings"]} == {"warning"}


def test_per_glob_overrides(tmp_path):
    write(tmp_path, ".copydesk.yaml", f"""select: [{OWN}]
overrides:
  - glob: "opinion/*.txt"
    ignore: [anonymous-source]
  - glob: "*-wire.txt"
    severity: {{placeholder-text: info}}
""")
    write(tmp_path, "opinion/col.txt", FLAGGED)
    write(tmp_path, "news/a-wire.txt", FLAGGED)
    write(tmp_path, "news/b.txt", FLAGGED)
    _, data = cli_json(".", cwd=tmp_path)
    assert rules_of(data, "./opinion/col.txt") == {"placeholder-text"}
    wire = {f["rule"]: f["severity"] for f in data["findings"] if f["path"] == "./news/a-wire.txt"}
    assert wire == {"anonymous-source": "warning", "placeholder-text": "info"}
    assert rules_of(data, "./news/b.txt") == {"anonymous-source", "placeholder-text"}


def test_rule_pack_from_config_adds_a_house_rule(tmp_path):
    write(tmp_path, "desk/house.yaml", """patterns:
  - id: desk-jargon
    category: house-style
    message: 'write "use" instead of "{match}"'
    summary: Jargon the desk avoids
    phrases: [utilise, utilize]
""")
    write(tmp_path, "desk/.copydesk.yaml", "rules: [house.yaml]\n")
    write(tmp_path, "desk/a.txt", "We utilise the tool.\n")
    write(tmp_path, "b.txt", "We utilise the tool.\n")
    proc, data = cli_json(".", "--format", "json", cwd=tmp_path)
    assert [(f["path"], f["rule"], f["column"]) for f in data["findings"]] == [("./desk/a.txt", "desk-jargon", 4)]
    proc = run_cli("check", ".", "--format", "sarif", cwd=tmp_path)
    assert '"id": "desk-jargon"' in proc.stdout.decode()  # the SARIF rule table knows it


def test_publication_facts_ledger_and_date_resolve_relative_to_the_config(tmp_path):
    config = write(tmp_path, "desk/.copydesk.yaml", """publication:
  name: The Daily Planet
  domains: [dailyplanet.example]
  self_labels: [Planet Staff, Editorial Board]
facts: [facts/people.yaml]
ledger: ledger.db
date: 2026-04-09
""")
    loaded = load_config_file(config)
    assert loaded.publication.name == "The Daily Planet"
    assert loaded.publication.domains == ("dailyplanet.example",)
    assert loaded.publication.self_labels == ("Planet Staff", "Editorial Board")
    assert loaded.facts == (str(tmp_path / "desk" / "facts" / "people.yaml"),)
    assert loaded.ledger == str(tmp_path / "desk" / "ledger.db")
    assert loaded.date == "2026-04-09"
    context = Engine().context(str(tmp_path / "desk" / "a.txt"), loaded)
    assert context.fact_paths[-1] == str(tmp_path / "desk" / "facts" / "people.yaml")
    assert context.publication_date(type("D", (), {"meta": type("M", (), {"date": None})()})()) == "2026-04-09"


BAD_CONFIGS = [
    ("select: anonymous-source: x\n", "invalid YAML"),
    ("- just\n- a list\n", "expected a mapping at the top level"),
    ("selcet: [anonymous-source]\n", "unknown key 'selcet'; expected one of"),
    ("select: 3\n", "key 'select': expected a list of strings, got 3"),
    ("select: [anonymous-sauce]\n", "key 'select': unknown rule, category or plugin 'anonymous-sauce'"),
    ("ignore: [{a: b}]\n", "key 'ignore': expected a list of strings"),
    ("severity: {anonymous-source: loud}\n", "key severity.anonymous-source: expected one of info, warning, error or off, got 'loud'"),
    ("severity: [error]\n", "key 'severity': expected a mapping of rule id to severity"),
    ("fail_on: never\n", "key 'fail_on': expected one of info, warning, error, got 'never'"),
    ("publication: Planet\n", "key 'publication': expected a mapping with name, domains, self_labels"),
    ("publication: {nmae: Planet}\n", "key 'publication.nmae': unknown; expected name, domains or self_labels"),
    ("publication: {name: [a]}\n", "key 'publication.name': expected a string"),
    ("facts: {a: 1}\n", "key 'facts': expected a list of strings"),
    ("include: 5\n", "key 'include': expected a list of strings"),
    ("overrides: {glob: x}\n", "key 'overrides': expected a list of {glob, select, ignore, severity}"),
    ("overrides: [{select: [a]}]\n", "key 'overrides[0]': expected a mapping with a 'glob' string"),
    ("overrides: [{glob: '*.md', sevrity: {}}]\n", "key 'overrides[0].sevrity': unknown"),
    ("options: [1]\n", "key 'options': expected a mapping of rule id to options"),
    ("ledger: [a]\n", "key 'ledger': expected a path string"),
]


@pytest.mark.parametrize("text, says", BAD_CONFIGS, ids=[b[1][:40] for b in BAD_CONFIGS])
def test_bad_config_names_file_key_and_expectation(tmp_path, monkeypatch, text, says):
    write(tmp_path, "bad/.copydesk.yaml", text)
    write(tmp_path, "bad/a.txt", FLAGGED)
    monkeypatch.chdir(tmp_path)
    result = Engine().lint_path("bad/a.txt")
    assert result.error.startswith("bad/.copydesk.yaml") and says in result.error, result.error
    assert result.reports == []


def test_bad_config_exits_2_and_other_files_are_still_checked(tmp_path):
    write(tmp_path, "bad/.copydesk.yaml", "severity: {anonymous-source: loud}\n")
    write(tmp_path, "bad/a.txt", FLAGGED)
    write(tmp_path, "good/b.txt", FLAGGED)
    proc, data = cli_json("bad/a.txt", "good/b.txt", "--select", OWN, cwd=tmp_path)
    err = proc.stderr.decode().strip()
    assert err.splitlines() == [
        "copydesk: error: bad/a.txt: bad/.copydesk.yaml: key severity.anonymous-source: "
        "expected one of info, warning, error or off, got 'loud'"]
    assert {f["path"] for f in data["findings"]} == {"good/b.txt"}
    assert proc.returncode == 1  # findings in good/b.txt
    assert run_cli("check", "bad/a.txt", cwd=tmp_path).returncode == 2


def test_bad_config_in_a_walked_folder_is_reported_once(tmp_path):
    write(tmp_path, "bad/.copydesk.yaml", "select: 3\n")
    for name in ("a.txt", "b.txt", "sub/c.txt"):
        write(tmp_path, f"bad/{name}", FLAGGED)
    proc = run_cli("check", "bad", cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.decode().count("key 'select'") == 1


def test_bad_toml_names_the_file(tmp_path):
    write(tmp_path, "pyproject.toml", "[tool.copydesk\nselect = 1\n")
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", cwd=tmp_path)
    assert proc.returncode == 2 and "pyproject.toml: invalid TOML" in proc.stderr.decode()


def test_bad_explicit_config_stops_the_run(tmp_path):
    write(tmp_path, "house.yaml", "fail_on: sometimes\n")
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", "--config", "house.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert "house.yaml: key 'fail_on'" in proc.stderr.decode()


@pytest.mark.parametrize("make, says", [
    (lambda p: (p / "cfg").mkdir(), "cannot read"),
    (lambda p: None, "cannot read"),
])
def test_unreadable_explicit_config(tmp_path, make, says):
    make(tmp_path)
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", "--config", "cfg", cwd=tmp_path)
    assert proc.returncode == 2 and "cfg" in proc.stderr.decode() and says in proc.stderr.decode()


def test_pyproject_without_table_as_explicit_config(tmp_path):
    path = write(tmp_path, "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml: no \[tool.copydesk\] table"):
        load_config_file(path)


def test_every_config_key_is_documented():
    from copydesk.config import _KEYS

    headings = [line for line in (ROOT / "docs" / "config.md").read_text(encoding="utf-8").splitlines()
                if line.startswith("### ")]
    for key in _KEYS:
        assert any(re.search(rf"\b{key}\b", h) for h in headings), f"docs/config.md lacks ### {key}"


# --- rules as data: the pattern rule type ---------------------------------------------------

def lint(text, name="draft.txt", select=OWN):
    from copydesk.testing import lint_text, spans

    reports = lint_text(text, name, select=select.split(","))
    return [(r.rule, s) for r, s in zip(reports, spans(reports, text))]


@pytest.mark.parametrize("sentence, flagged", [
    ("Sources say the deal is done.", "Sources say"),
    ("Experts believe prices will fall.", "Experts believe"),
    ("Yet some analysts warn of a bubble.", "some analysts warn"),
    ("The plan, critics argued, was rushed.", "critics argued"),
    ("People familiar with the matter said talks had stalled.", "People familiar with the matter"),
    ("It is widely believed that the chip is faster.", "It is widely believed"),
    ("Industry watchers have predicted a merger.", "Industry watchers have predicted"),
])
def test_anonymous_source_phrasings(sentence, flagged):
    found = lint(f"{sentence}\n", select="anonymous-source")
    assert found == ([("anonymous-source", flagged)] if flagged else [])


@pytest.mark.parametrize("sentence", [
    "Experts believe prices will fall, according to a Reuters poll.",
    "Critics argue the plan is rushed, Moody's said on Monday.",
    "Experts believe prices will fall [1].",
    "“Critics argue we moved too fast,” the chief executive said.",
    "Analysts at Morgan Stanley said prices will fall.",
    "Gary Marcus, a cognitive scientist, believes the model is overrated.",
])
def test_anonymous_source_is_excused_by_a_named_source_citation_or_quote(sentence):
    text = f"{sentence}\n\nReferences\n\n[1] Reuters — Poll of economists — https://reuters.example/poll\n"
    assert lint(text, select="anonymous-source") == []


@pytest.mark.parametrize("name, text", [
    ("draft.md", "# Outlook\n\nExperts believe prices will fall.\n"),
    ("draft.html", "<html><body><article><p>Experts <em>believe</em> prices will fall.</p></article></body></html>\n"),
])
def test_pattern_rules_work_in_every_format(name, text):
    assert [rule for rule, _ in lint(text, name)] == ["anonymous-source"]


@pytest.mark.parametrize("sentence, flagged", [
    ("It raised $XX million.", "$XX million"),
    ("Margins rose XX% in May.", "XX%"),
    ("The mayor, [NAME], declined. TKTK", "[NAME]"),
    ("Lorem ipsum dolor sit amet.", "Lorem ipsum"),
    ("Shoppers at TK Maxx bought XXL shirts.", None),
    ("Super Bowl XXL was not a thing; Windows XP was.", None),
])
def test_placeholder_text(sentence, flagged):
    found = lint(f"{sentence}\n", select="placeholder-text")
    assert (found[0] if found else None) == (("placeholder-text", flagged) if flagged else None)


BAD_PATTERNS = [
    ("patterns: {id: x}\n", "section 'patterns' must be a list"),
    ("patterns: [just-a-string]\n", "patterns[0]: expected a mapping"),
    ("patterns:\n  - {id: x, category: c, summary: s, phrases: [a]}\n", "patterns[0] (x): key 'message': expected a non-empty string"),
    ("patterns:\n  - {id: X Y, category: c, message: m, summary: s, phrases: [a]}\n", "key 'id': expected lower-case words"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s, regex: '(unclosed'}\n", "patterns[0] (x): key 'regex': invalid regular expression '(unclosed'"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s}\n", "patterns[0] (x): needs 'phrases' or 'regex'"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s, phrases: [a], severity: fatal}\n", "key 'severity': expected one of info, warning, error"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s, phrases: [a], unles: [citation]}\n", "patterns[0] (x): unknown key 'unles'"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s, phrases: [a], unless: [cited]}\n", "key 'unless': expected a list of citation, named-source or {regex: ...}"),
    ("patterns:\n  - {id: x, category: c, message: m, summary: s, phrases: [a], skip_quotes: maybe}\n", "key 'skip_quotes': expected true or false"),
    ("patterns:\n  - {id: anonymous-source, category: c, message: m, summary: s, phrases: [a]}\n", "id 'anonymous-source' is already defined in"),
]


@pytest.mark.parametrize("text, says", BAD_PATTERNS, ids=[b[1][:40] for b in BAD_PATTERNS])
def test_bad_pattern_entries_name_pack_entry_and_key(tmp_path, text, says):
    from copydesk.checks.pattern import load_patterns
    from copydesk.packs import load_packs
    from copydesk.yamlio import DataError

    pack = write(tmp_path, "house.yaml", text)
    builtin = tuple(sorted((ROOT / "rules").glob("house.yaml")))
    with pytest.raises(DataError) as info:
        packs = load_packs(builtin + (pack,))
        load_patterns(packs.section("patterns"), packs.origins("patterns"))
    assert str(info.value).startswith(str(pack)) and says in str(info.value), str(info.value)


def test_bad_rule_pack_on_the_command_line_exits_2(tmp_path):
    write(tmp_path, "house.yaml", "patterns:\n  - {id: x, category: c, summary: s, phrases: [a]}\n")
    write(tmp_path, "a.txt", FLAGGED)
    proc = run_cli("check", "a.txt", "--rules", "house.yaml", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert proc.stderr.decode() == ("copydesk: error: house.yaml: patterns[0] (x): key 'message': "
                                    "expected a non-empty string, got None\n")
