"""The HTML report's page, checked without a browser: data, escaping, streaming, the CLI."""

from __future__ import annotations

import io
import json
import re
from collections import Counter

from helpers import SEEDS, run_cli
from report.synthetic import RULES, data_block, render, report

from copydesk import plugins
from copydesk.api import FileResult, RunInfo


def utf16(text: str, offset: int) -> int:
    return len(text[:offset].encode("utf-16-le")) // 2


def test_registered_as_a_format_that_keeps_the_drafts_text():
    formatter = plugins.formats()["html"]
    assert formatter.needs_source
    assert formatter.plugin == "copydesk.formats.html"


def test_page_loads_nothing_from_outside():
    page = render([FileResult("a.txt", source="Plain text.\n")])
    assert not re.search(r"<(link|img|iframe|object|embed)\b", page, re.I)
    assert not re.search(r"\bsrc=|@import|url\(", page)
    assert "default-src 'none'" in page  # the CSP forbids fetching anything, should a link slip in


def test_draft_text_never_becomes_markup():
    hostile = ('Quote " and \' & <b>bold</b> </script><script>window.pwned=1</script> <!-- '
               '</SCRIPT > \u2028 end')
    page = render([FileResult("x.html", source=hostile,
                              reports=[report("x.html", hostile, 0, 5, "self-reference", message="<i>m</i>")])])
    assert "<b>bold" not in page and "window.pwned=1</script>" not in page and "<i>m</i>" not in page
    assert page.count("<script") == 3  # one draft, the index, the page script
    payload = data_block(page, "cd-draft-0")
    assert payload["text"] == hostile
    assert payload["findings"][0]["message"] == "<i>m</i>"


def test_offsets_are_javascript_string_offsets():
    text = "📑 Contents\n“Quoted” 😀 rose 42% in 2025.\n"
    start = text.index("42%")
    page = render([FileResult("e.txt", source=text, reports=[report("e.txt", text, start, start + 3,
                                                                    "unattributed-number")])])
    finding = data_block(page, "cd-draft-0")["findings"][0]
    assert (finding["from"], finding["to"]) == (utf16(text, start), utf16(text, start + 3))
    assert (finding["line"], finding["column"]) == (2, text.splitlines()[1].index("42%") + 1)


def test_each_draft_is_written_before_the_next_is_produced():
    out = io.StringIO()
    seen = []

    def results():
        for n in range(3):
            seen.append(out.getvalue().count('id="cd-draft-'))
            yield FileResult(f"d{n}.txt", source=f"Draft {n}\n")

    plugins.formats()["html"].render(results(), out, RunInfo(rules=RULES, version="t"))
    assert seen == [0, 1, 2]


def test_index_counts_findings_per_file_category_and_severity():
    text = "Sales rose 40% [1] and 12%.\n"
    reports = [report("a.txt", text, 11, 14, "unattributed-number", "warning"),
               report("a.txt", text, 15, 18, "unsupported-citation", "error"),
               report("a.txt", text, 23, 26, "unattributed-number", "info")]
    page = render([FileResult("a.txt", source=text, reports=reports), FileResult("b.txt", source="Clean.\n")])
    index = data_block(page, "cd-index")
    first, second = index["files"]
    assert first["counts"] == {"unattributed-number": {"warning": 1, "info": 1},
                               "unsupported-citation": {"error": 1}}
    assert (first["total"], second["total"], second["counts"]) == (3, 0, {})
    assert [c["id"] for c in index["categories"]][:4] == ["unsupported-citation", "self-reference",
                                                          "factual-inconsistency", "unattributed-number"]
    assert index["rules"]["synthetic-unsupported-citation"]["summary"] == "Synthetic rule for unsupported-citation"


def test_a_draft_that_failed_is_listed_with_its_error():
    page = render([FileResult("bad.txt", error="not UTF-8: byte 0xff at offset 3")])
    assert data_block(page, "cd-index")["files"][0]["error"] == "not UTF-8: byte 0xff at offset 3"
    assert data_block(page, "cd-draft-0")["text"] is None


def test_a_category_from_a_plugin_gets_a_readable_label():
    text = "Some words.\n"
    finding = report("p.txt", text, 0, 4, "unsupported-citation")
    finding.category = "house-style"
    index = data_block(render([FileResult("p.txt", source=text, reports=[finding])]), "cd-index")
    assert index["categories"][-1] == {"id": "house-style", "label": "House style", "short": "House style",
                                       "description": ""}


def test_cli_writes_the_report_for_the_seeds(tmp_path, fixture_plugin_env):
    out = tmp_path / "report.html"
    proc = run_cli("check", "--format", "html", "-o", str(out), str(SEEDS), env=fixture_plugin_env)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == b""
    page = out.read_text(encoding="utf-8")
    findings = json.loads(run_cli("check", "--format", "json", str(SEEDS), env=fixture_plugin_env).stdout)["findings"]
    index = data_block(page, "cd-index")
    paths = [f["path"] for f in index["files"]]
    assert [p.rsplit("/", 1)[-1] for p in paths] == sorted(p.name for p in SEEDS.glob("*.txt"))
    per_file = Counter(f["path"] for f in findings)
    assert {f["path"]: f["total"] for f in index["files"]} == {p: per_file[p] for p in paths}
    drafts = [data_block(page, f"cd-draft-{n}") for n in range(len(index["files"]))]
    for draft in drafts:
        source = (SEEDS.parent / draft["path"]).read_text(encoding="utf-8")
        assert draft["text"] == source
    shown = [dict(f, path=d["path"]) for d in drafts for f in d["findings"]]
    assert len(shown) == len(findings) > 0
    for mine, theirs in zip(sorted(shown, key=_key), sorted(findings, key=_key)):
        assert {k: mine[k] for k in theirs} == theirs


def _key(f):
    return (f["path"], f["line"], f["column"], f["rule"], f["end_line"], f["end_column"])


def test_cli_report_is_reproducible(tmp_path, fixture_plugin_env):
    pages = []
    for name in ("one.html", "two.html"):
        run_cli("check", "--format", "html", "-o", str(tmp_path / name), str(SEEDS), env=fixture_plugin_env)
        pages.append((tmp_path / name).read_bytes())
    assert pages[0] == pages[1]
    assert b"generated 2026" not in pages[0]  # the date lives in the index, pinned by SOURCE_DATE_EPOCH
    assert data_block(pages[0].decode(), "cd-index")["generated"] == "2026-01-01 00:00 UTC"
