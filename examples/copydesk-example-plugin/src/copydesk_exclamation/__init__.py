"""An example copydesk plugin: flags exclamation marks in news copy.

Everything a plugin needs is here: a :class:`~copydesk.api.Rule` with its docs and examples,
a check that yields :class:`~copydesk.model.Finding` objects in text offsets, and the hook
that registers it. Words inside quotation marks belong to the person quoted, so they are
left alone.
"""

from __future__ import annotations

import re

from copydesk.api import Rule
from copydesk.hookspecs import hookimpl
from copydesk.model import Finding

RULE = Rule(
    id="exclamation-mark",
    category="house-style",
    severity="info",
    summary="An exclamation mark in news copy",
    docs="""## What it does
Flags an exclamation mark in the draft's own prose (quotations are left alone).

## Why is this bad?
News copy lets facts carry the weight; an exclamation mark tells the reader how to feel and
reads as hype.

## Example
```text
The company's shares rose 40% on Tuesday!
```

## Use instead
```text
The company's shares rose 40% on Tuesday.
```
""",
    bad="The company's shares rose 40% on Tuesday!\n",
    good="The company's shares rose 40% on Tuesday.\n",
)

_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")


class ExclamationCheck:
    name = "exclamation"
    rules = (RULE,)

    def run(self, document, context):
        for sentence in document.prose_sentences():
            text = document.text[sentence.start:sentence.end]
            quoted = [m.span() for m in _QUOTED.finditer(text)]
            for m in re.finditer(r"!+", text):
                if not any(s <= m.start() < e for s, e in quoted):
                    yield Finding(RULE.id, sentence.start + m.start(), sentence.start + m.end(),
                                  "exclamation mark in news copy: let the facts carry the sentence")


@hookimpl
def copydesk_register_checks(register, packs):
    register(ExclamationCheck())
