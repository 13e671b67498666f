"""The forms of a draft's text the fact check reads, all the same length as the text.

Keeping every form character-for-character aligned with ``Document.text`` means a match in
any of them is already a span of the draft: no offset maps to maintain.
"""

from __future__ import annotations

import re

# One character for one: replace() runs in C and is much faster than translate() here.
_PROSE = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("`", "'"), ("´", "'"), ("“", '"'), ("”", '"'), ("„", '"'),
          ("\u00a0", " "), ("\u2009", " "), ("\u202f", " "), ("\u2007", " "), ("\u2010", "-"),
          ("\u2011", "-"), ("\n", " "), ("\r", " "), ("\t", " "))


def prose_form(text: str) -> str:
    """Straight quotes and plain spaces, so phrasings need not spell every variant."""
    for old, new in _PROSE:
        if old in text:
            text = text.replace(old, new)
    return text


def name_form(prose: str) -> str:
    """Hyphens as spaces too, so that "Llama-4" finds "Llama 4" and "Meta-owned" finds Meta."""
    return prose.replace("-", " ")


def surface_key(name: str) -> str:
    """How a pack's name or alias is looked up: the name form with single spaces."""
    return re.sub(r" +", " ", name_form(prose_form(name))).strip()
