"""The factual-inconsistency rules of the fact check and their documentation.

Severities: a statement a fact pack contradicts is wrong as printed (error). Two statements
of one draft that disagree are certainly not both right, but which one is wrong is for the
editor to find out (warning).
"""

from __future__ import annotations

from copydesk.api import Rule

CATEGORY = "factual-inconsistency"

FACT_CONTRADICTION = Rule(
    id="fact-contradiction",
    category=CATEGORY,
    severity="error",
    summary="A statement that contradicts the fact packs",
    docs="""## What it does
Finds statements about entities the fact packs know (who leads an organisation, when it was
founded, who founded it, when a product came out, where a company is based, who bought it,
how much was invested, who holds a role) and compares each with the packs, at the time the
sentence speaks of: a date in the sentence, else the draft's publication date. The finding
points at the contradicting value and names the fact and its source.

It stays silent when unsure: an entity or relation the packs do not cover, a time no fact
covers, a statement that is denied, questioned, quoted or hypothetical. A figure agrees
with a fact within its own rounding ("$14bn" for 14.3e9) or the fact's `tolerance`.

## Why is this bad?
A wrong leader, date or amount is the error readers remember, and the one a correction has
to own. Drafts written from older reporting (or by a model) repeat facts that have changed.

## Example
```text
VentureBeat — 2026-04-23

Meta formed its Superintelligence Labs in early 2026 under Yann LeCun.
```

## Use instead
```text
VentureBeat — 2026-04-23

Meta formed its Superintelligence Labs in June 2025 under Alexandr Wang.
```

Packs come from `rules/facts/`, the config's `facts:` and `--facts FILE`; see
`copydesk facts show NAME` for what they say about an entity.
""",
    bad="VentureBeat — 2026-04-23\n\nMeta formed its Superintelligence Labs in early 2026 under Yann LeCun.\n",
    good="VentureBeat — 2026-04-23\n\nMeta formed its Superintelligence Labs in June 2025 under Alexandr Wang.\n",
)

DRAFT_INCONSISTENCY = Rule(
    id="draft-inconsistency",
    category=CATEGORY,
    severity="warning",
    summary="A draft that states one fact two different ways",
    docs="""## What it does
Flags a statement that gives a relation of an entity (its leader, founding date, an
investment's size, a count such as its users) a different value than an earlier statement
of the same draft about the same time. The finding is on the later statement and names the
line of the earlier one. Relations the fact packs decide are left to `fact-contradiction`.

## Why is this bad?
At least one of the two is wrong, and readers notice. It usually means two sources were
merged, or one passage was updated and the other was not.

## Example
```text
Muse Spark has 3 million weekly users, Meta says.

Muse Spark's 5 million weekly users skew young.
```

## Use instead
```text
Muse Spark has 3 million weekly users, Meta says.

Muse Spark's 3 million weekly users skew young.
```

Only entities the fact packs know are read (the example uses the built-in pack, which names
Muse Spark but gives no user count).
""",
    bad="Muse Spark has 3 million weekly users, Meta says.\n\nMuse Spark's 5 million weekly users skew young.\n",
    good="Muse Spark has 3 million weekly users, Meta says.\n\nMuse Spark's 3 million weekly users skew young.\n",
)

RULES = (FACT_CONTRADICTION, DRAFT_INCONSISTENCY)
