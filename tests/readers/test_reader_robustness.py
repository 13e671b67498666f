"""Mangled drafts never break a reader: seeded random edits of the fixture drafts (markup
fragments inserted, runs cut, pieces moved) must still give a document with sound offsets."""

from __future__ import annotations

import random

import pytest
from helpers import FIXTURES

from copydesk.readers._front_matter import FrontMatterError
from copydesk.readers.html import read_html
from copydesk.readers.markdown import read_markdown

FRAGMENTS = ["<", ">", "[", "]", "(", ")", "*", "_", "`", "```", "\n", "\r\n", "\r", "&", "&amp;", "&#", ";",
             "<!--", "-->", "<sup>", "</sup>", "<a href='#x'>", "</a>", "[^1]", "^[", "\\", "|", "> ", "- ",
             "1. ", "#", "---\n", "<p>", "</div>", "<br>", "\t", "🚀", "\u202f", "[1]", "](", "![",
             "<https://x>", "<li id=fn2>", "<ol>", "</ol>", "<script>", "<nav>", "http://[oops/"]
DRAFTS = sorted(p.name for p in (FIXTURES / "readers").iterdir())


def mangle(source: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 12)):
        i = rng.randrange(len(source) + 1)
        roll = rng.random()
        if roll < 0.5:
            source = source[:i] + rng.choice(FRAGMENTS) + source[i:]
        elif roll < 0.8:
            source = source[:i] + source[i + rng.randint(1, 20):]
        else:
            j = rng.randrange(len(source) + 1)
            source = source[:i] + source[j:j + 30] + source[i:]
    return source


@pytest.mark.parametrize("name", DRAFTS)
def test_mangled_drafts_still_read(sound_offsets, name):
    original = (FIXTURES / "readers" / name).read_text(encoding="utf-8")
    rng = random.Random(name)
    for _ in range(60):
        source = mangle(original, rng)
        sound_offsets(read_html("d.html", source))
        try:
            sound_offsets(read_markdown("d.md", source))
        except FrontMatterError:
            pass  # a clear input error, by design
