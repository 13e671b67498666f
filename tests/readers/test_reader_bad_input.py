"""Broken drafts through the real command: one clear message or a graceful parse, never a
traceback, and the other files of the run are still checked.

The built-in house rule ``anonymous-source`` ("Critics argue ...") gives each draft a finding
this suite controls, to prove the draft was read.
"""

from __future__ import annotations

from helpers import cli_json

CLAIM = "Critics argue the merger will fail."

BROKEN_HTML = f"""<html><head><title>Broken</title><body>
<article><p>Unclosed <b>bold <i>italic &amp entity &bogus; &#xZZ; &#;
<p>{CLAIM}</div></span></p></p>
<sup>1<table><td>cell<tr></article></html></body> <!-- never closed
"""

BROKEN_MARKDOWN = f"""**bold never closed and [a link]( and [^missing]

{CLAIM}

```
an unclosed fence
"""

BROKEN_FRONT_MATTER = f"""---
title: Merger talk
date: [2025-01-01
---
{CLAIM}
"""


def test_malformed_html_and_markdown_are_read_without_error(tmp_path):
    (tmp_path / "broken.html").write_text(BROKEN_HTML, encoding="utf-8")
    (tmp_path / "broken.md").write_text(BROKEN_MARKDOWN, encoding="utf-8")
    proc, report = cli_json("--select", "anonymous-source", "--no-cache", str(tmp_path))
    assert proc.returncode == 1, proc.stderr
    err = proc.stderr.decode()
    assert "Traceback" not in err and "broken." not in err
    found = {(f["path"].rsplit("/", 1)[-1], f["line"]) for f in report["findings"]}
    assert found == {("broken.html", 3), ("broken.md", 3)}


def test_broken_front_matter_is_one_clear_message_and_the_run_goes_on(tmp_path):
    bad = tmp_path / "a_bad.md"
    bad.write_text(BROKEN_FRONT_MATTER, encoding="utf-8")
    (tmp_path / "b_good.md").write_text(f"# Fine\n\n{CLAIM}\n", encoding="utf-8")
    proc, report = cli_json("--select", "anonymous-source", "--no-cache", str(tmp_path))
    err = proc.stderr.decode()
    assert "Traceback" not in err and "b_good.md" not in err
    [message] = [line for line in err.splitlines() if str(bad) in line]
    assert message.startswith(f"copydesk: error: {bad}: ") and "front matter is not valid YAML (line 4" in message
    assert [f["path"].rsplit("/", 1)[-1] for f in report["findings"]] == ["b_good.md"]
    assert proc.returncode == 1  # findings win over input errors

    alone, _ = cli_json("--select", "anonymous-source", "--no-cache", str(bad))
    assert alone.returncode == 2
