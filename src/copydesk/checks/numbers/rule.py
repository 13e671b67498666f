"""The rule the numbers check reports under, with its docs (shown by ``copydesk explain``)."""

from __future__ import annotations

from copydesk.api import Rule

UNATTRIBUTED_NUMBER = Rule(
    id="unattributed-number",
    category="unattributed-number",
    severity="warning",
    summary="A figure (money, percentage, count, score, multiple) stated with no source",
    docs="""## What it does
Flags a specific figure — money (`$14.3bn`, `€2.1 billion`), a percentage or percentage
points, a count (`8,712,721 downloads`, `over 1,000 physicians`), a large magnitude
(`1.2 billion`, `nine million`), a score, a rate or a multiple (`3x`, `10×`) — whose sentence
neither cites a source nor says who reports it. A range (`$115bn to $135bn`) is one figure.

It leaves alone what is not a figure: dates, years, durations and ages (`12–18 months`, a
`28-year-old`), ordinals and ranks, versions and product names (`Llama 4`, `GPT-5.4`,
`Claude Opus 4.7`, `A320neo`), list numbering, citation markers, numbers in URLs and code, and
page furniture (`10 min read`). Vague magnitudes (`thousands of developers`) are not
reported unless `options: {unattributed-number: {vague: true}}` asks for them, at severity
info.

A figure counts as attributed when its sentence carries a citation (`[3]`, a footnote, a
link) or names its source: `according to X`, `per X`, `X said/reports/estimates/claims`,
`X data show`, `X's figures`, `in a filing`, `on the X Index`, or a direct quotation with a
named speaker. A list or table may be sourced once, in the line introducing it ("According
to IDC, the top vendors were:") or in a source line under it ("Source: ONS"). Hedges
(`reportedly`, `it is estimated`, `sources say`) name no one, and saying where a number was
seen (`from HuggingFace`, `on GitHub`) is not saying who reports it. The cues are data in `rules/attribution.yaml`; what makes a number a figure is in
`rules/numbers.yaml`.

## Why is this bad?
A specific number reads as a checked fact. Without a source the reader cannot check it, the
editor cannot tell a researched figure from a remembered or invented one, and a wrong
number travels further than a wrong adjective. Drafts written or assisted by language models
are prone to exact-looking figures with nothing behind them.

## Example
```text
Meta stock surged by 9% on launch day, and Llama reached 1.2 billion downloads.
```

## Use instead
```text
Meta stock rose 9% on launch day, according to Nasdaq data, and Llama reached 1.2 billion
downloads, the company said.
```
""",
    bad="Meta stock surged by 9% on launch day, and Llama reached 1.2 billion downloads.\n",
    good=("Meta stock rose 9% on launch day, according to Nasdaq data, and Llama reached "
          "1.2 billion downloads, the company said.\n"),
)
