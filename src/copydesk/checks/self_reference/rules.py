"""The self-reference rules and their documentation (``copydesk explain RULE``).

Both are warnings: crediting the outlet itself is a sourcing lapse an editor must see before
publication (warnings fail the default ``--fail-on``), but citing one's own earlier reporting
is sometimes a deliberate choice, so neither is an error.
"""

from __future__ import annotations

from copydesk.api import Rule

CATEGORY = "self-reference"

SELF_CITATION = Rule(
    id="self-citation",
    category=CATEGORY,
    severity="warning",
    summary="A reference that credits the draft's own publication, editors or URL",
    docs="""## What it does
Flags a reference credited to the outlet itself: labelled as its editorial board, staff or
newsroom ("Editorial_board", "Staff", "Newsroom"), named as the draft's own publication,
or pointing at the publication's own domain or the draft's own URL. The publication comes from
config (`publication: {name, domains, self_labels}`) or, failing that, from the draft: front
matter, `og:site_name`, `rel=canonical`, a byline such as "Daily Neural Digest Team".

A self reference is left alone when every claim citing it also cites an independent source.
Inline links to the publication's own pages are internal linking ("see our explainer"), not
sources, and are not flagged.

## Why is this bad?
An outlet citing itself is not evidence: the reader is sent in a circle. A label such as
"Editorial_board" also hides who really published the linked page.

## Example
```text
Rollout reaches Europe in June [1].

References
[1] Editorial_board — Original article — https://www.theverge.com/tech/rollout-europe
```

## Use instead
Credit the publisher of the page you relied on:
```text
[1] The Verge — Rollout reaches Europe in June — https://www.theverge.com/tech/rollout-europe
```
""",
    bad="Rollout reaches Europe in June [1].\n\nReferences\n\n"
        "[1] Editorial_board — Original article — https://www.theverge.com/tech/rollout-europe\n",
    good="Rollout reaches Europe in June [1].\n\nReferences\n\n"
         "[1] The Verge — Rollout reaches Europe in June — https://www.theverge.com/tech/rollout-europe\n",
)

SELF_EVIDENCE = Rule(
    id="self-evidence",
    category=CATEGORY,
    severity="warning",
    summary="The outlet's own earlier work offered as the evidence for a claim",
    docs="""## What it does
Flags a sentence that rests a claim on the outlet's own work ("Our May roundup confirms this
trend", "as we reported last week", "our own analysis shows") when the sentence names no
independent source. The finding marks the words naming that work. Quoted speech, block
quotes and other senses of "our" ("our readers", "in our view") are not read. Phrasings live
in `rules/self_reference.yaml`, so a desk can add its own.

## Why is this bad?
"We said so before" is not evidence. The reader needs the source the earlier piece relied on.

## Example
```text
Our annual energy roundup confirms that heat pump sales are booming.
```

## Use instead
```text
Heat pump sales rose 40% last year, according to the European Heat Pump Association.
```
""",
    bad="Our annual energy roundup confirms that heat pump sales are booming.\n",
    good="Heat pump sales rose 40% last year, according to the European Heat Pump Association.\n",
)

RULES = (SELF_CITATION, SELF_EVIDENCE)
