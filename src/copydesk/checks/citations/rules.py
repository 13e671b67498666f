"""The unsupported-citation rules and their documentation (``copydesk explain RULE``).

Severities: a marker that leads nowhere and a placeholder entry are unfinished work that
must not ship (error); an uncited entry and an off-topic source call for an editor's eye,
and off-topic is a judgement from the draft's own words (warning).
"""

from __future__ import annotations

from copydesk.api import Rule

CATEGORY = "unsupported-citation"

CITATION_UNDEFINED = Rule(
    id="citation-undefined",
    category=CATEGORY,
    severity="error",
    summary="A citation marker that points at no reference",
    docs="""## What it does
Flags an in-text citation (`[5]`, `[^5]`, `<sup><a href="#ref-5">`) whose reference is not
in the draft's reference list, and placeholder markers such as `[citation needed]`.

## Why is this bad?
A reader who follows the marker finds nothing: the claim looks sourced but is not. It often
means an entry was deleted or the list was renumbered after editing.

## Example
```text
Pension funds are piling into private credit [1]. One fund returned 14% last year [5].

References
[1] Financial Times — Pension funds chase private credit — https://ft.com/content/pension-credit
```

## Use instead
Add the missing entry, or point the marker at the right one:
```text
Pension funds are piling into private credit [1]. One fund returned 14% last year [1].
```
""",
    bad="Pension funds are piling into private credit [1]. One fund returned 14% last year [5].\n\nReferences\n\n"
        "[1] Financial Times — Pension funds chase private credit — https://ft.com/content/pension-credit\n",
    good="Pension funds are piling into private credit [1]. One fund returned 14% last year [1].\n\nReferences\n\n"
         "[1] Financial Times — Pension funds chase private credit — https://ft.com/content/pension-credit\n",
)

REFERENCE_UNCITED = Rule(
    id="reference-uncited",
    category=CATEGORY,
    severity="warning",
    summary="A reference that nothing in the text cites",
    docs="""## What it does
Flags an entry of the reference list that no marker in the text points at. Drafts that use no
in-text markers at all (a plain source list or bibliography) are left alone.

## Why is this bad?
An orphan entry suggests a claim lost its marker in editing, so the claim now reads as
unsourced, or it pads the list with sources the piece does not use.

## Example
```text
Rents rose again in March [1].

References
[1] ONS — Private rent index, March — https://ons.gov.uk/economy/rents-march
[2] Reuters — Lenders tighten mortgage rules — https://reuters.com/markets/lenders-tighten
```

## Use instead
Cite the entry where it supports a claim, or drop it.
""",
    bad="Rents rose again in March [1].\n\nReferences\n\n"
        "[1] ONS — Private rent index, March — https://ons.gov.uk/economy/rents-march\n\n"
        "[2] Reuters — Lenders tighten mortgage rules — https://reuters.com/markets/lenders-tighten\n",
    good="Rents rose again in March [1], as lenders tightened their rules [2].\n\nReferences\n\n"
         "[1] ONS — Private rent index, March — https://ons.gov.uk/economy/rents-march\n\n"
         "[2] Reuters — Lenders tighten mortgage rules — https://reuters.com/markets/lenders-tighten\n",
)

REFERENCE_PLACEHOLDER = Rule(
    id="reference-placeholder",
    category=CATEGORY,
    severity="error",
    summary="A reference with no usable target (placeholder URL, no title, a label for a title)",
    docs="""## What it does
Flags a reference entry that leads nowhere: a placeholder URL (`#`, empty, `example.com`), a
home page with no title, or no URL and only a label where the title belongs ("Source",
"Link", "[citation needed]") or only a publisher's name.

A label next to a real URL ("Original article — https://…/real-story") still leads to the
source and is not flagged by this rule.

## Why is this bad?
Nobody can check a claim against a source they cannot find; a placeholder left in a draft
is unfinished work that reads as sourcing.

## Example
```text
[2] Reuters — Source — #
```

## Use instead
```text
[2] Reuters — Chipmaker beats forecasts — https://reuters.com/technology/chipmaker-beats-forecasts
```
""",
    bad="Chipmaker profits doubled [2].\n\nReferences\n\n[2] Reuters — Source — #\n",
    good="Chipmaker profits doubled [2].\n\nReferences\n\n"
         "[2] Reuters — Chipmaker beats forecasts — https://reuters.com/technology/chipmaker-beats-forecasts\n",
)

CITATION_OFF_TOPIC = Rule(
    id="citation-off-topic",
    category=CATEGORY,
    severity="warning",
    summary="A citation whose source shares no subject with its claim or the article",
    docs="""## What it does
Compares what a cited reference is about (its title and the words of its URL's path) with the
claim that cites it (its paragraph and section heading) and with the article's main subjects
(its title and the terms its prose repeats). A reference that meets none of them is flagged
at each marker citing it. Inline links are judged the same way from their URL. Generic news
words ("new", "AI", "report") and publisher names are not evidence; a reference with too
little text to judge (no title, a bare domain) is left alone.

Option (`options: {citation-off-topic: {min_mentions: 2}}`): how often a term must recur in
the prose to count as a subject of the article.

## Why is this bad?
A source about something else does not back the claim; usually a wrong URL was pasted or a
reference list was copied from another piece.

## Example
```text
Heat pumps now outsell gas boilers in Norway [1].

References
[1] Crumbs — Sourdough starter troubleshooting — https://crumbs.example.net/sourdough-starter-troubleshooting
```

## Use instead
```text
Heat pumps now outsell gas boilers in Norway [1].

References
[1] Statistics Norway — Heat pump sales 2025 — https://ssb.no/en/energi/heat-pump-sales-2025
```
""",
    bad="Heat pumps now outsell gas boilers in Norway [1].\n\nReferences\n\n"
        "[1] Crumbs — Sourdough starter troubleshooting — https://crumbs.net/sourdough-starter-troubleshooting\n",
    good="Heat pumps now outsell gas boilers in Norway [1].\n\nReferences\n\n"
         "[1] Statistics Norway — Heat pump sales 2025 — https://ssb.no/en/energi/heat-pump-sales-2025\n",
)

RULES = (CITATION_UNDEFINED, REFERENCE_UNCITED, REFERENCE_PLACEHOLDER, CITATION_OFF_TOPIC)
