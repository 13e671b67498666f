"""The unattributed-number check: every figure in the prose whose sentence gives no source.

The unit of attribution is the sentence: that is where newsroom style puts "according to X"
and the citation marker, and a wider scope (the paragraph) would let one cited sentence
excuse its unsourced neighbours. Two exceptions: a figure inside a direct quotation belongs
to the quote's speaker, wherever the quote's sentence ends; and a table's figures share the
table's caption or source line. Headings are not checked: a headline is never attributed
in-line, the body that repeats its figure is.
"""

from __future__ import annotations

from copydesk.checks.numbers.attribution import AttributionDetector
from copydesk.checks.numbers.figures import FigureRecogniser, Number
from copydesk.checks.numbers.nonfigures import NonFigureClassifier
from copydesk.checks.numbers.rule import UNATTRIBUTED_NUMBER
from copydesk.context import Context
from copydesk.model import HEADING, TABLE_CELL, Document, Finding

RULE = UNATTRIBUTED_NUMBER.id


class Kit:
    """The check's compiled data for one set of rule packs (built once per process)."""

    def __init__(self, packs) -> None:
        self.recogniser = FigureRecogniser(packs)
        self.classifier = NonFigureClassifier(packs)
        self.attribution = AttributionDetector(packs)


class UnattributedNumberCheck:
    name = "numbers"
    rules = (UNATTRIBUTED_NUMBER,)

    def run(self, document: Document, context: Context):
        kit: Kit = Context.shared(("copydesk.checks.numbers", context.packs), lambda: Kit(context.packs))
        vague = bool(context.rule_options(RULE).get("vague"))
        text = document.text
        tables = _table_scopes(document)
        for sentence in document.prose_sentences():
            block = document.blocks[sentence.block]
            if block.kind == HEADING:
                continue
            numbers = kit.recogniser.scan(text, sentence.start, sentence.end)
            figures = [n for n in numbers if n.is_figure]
            if vague:
                figures += _outside(kit.recogniser.vague(text, sentence.start, sentence.end), numbers)
            if not figures:
                continue
            excluded = kit.classifier.reasons(document, block, sentence.start, sentence.end, figures)
            figures = [f for i, f in enumerate(figures) if i not in excluded]
            if not figures:
                continue
            start, end = tables.get(sentence.block, (sentence.start, sentence.end))
            source = kit.attribution.citation(document, start, end) or kit.attribution.cue(text[start:end])
            if source:
                continue
            hedge = kit.attribution.hedge(text[start:end])
            for figure in figures:
                if kit.attribution.quote_speaker(text, block.start, block.end, figure.core):
                    continue
                yield _finding(text, figure, hedge)


def _finding(text: str, figure: Number, hedge: str | None) -> Finding:
    shown = " ".join(text[figure.start:figure.end].split())
    if figure.kind == "vague":
        message = f'"{shown}" is a vague magnitude with no source: give the figure and say who reports it'
    elif hedge:
        message = f'"{shown}" is only hedged ("{hedge}"): name who reports it or cite a source'
    else:
        message = f'"{shown}" has no source: cite one or say who reports it ("according to …")'
    return Finding(RULE, figure.start, figure.end, message,
                   severity="info" if figure.kind == "vague" else None,
                   data={"kind": figure.kind, "value": figure.value})


def _outside(vague: list[Number], numbers: list[Number]) -> list[Number]:
    """Vague magnitudes that overlap no number ("hundreds of millions", not "two million")."""
    return [v for v in vague if not any(n.start < v.end and v.start < n.end for n in numbers)]


def _table_scopes(document: Document) -> dict[int, tuple[int, int]]:
    """Block index of each table cell -> the table's span with its caption and source line."""
    out: dict[int, tuple[int, int]] = {}
    blocks = document.blocks
    i = 0
    while i < len(blocks):
        if blocks[i].kind != TABLE_CELL:
            i += 1
            continue
        j = i
        while j + 1 < len(blocks) and blocks[j + 1].kind == TABLE_CELL:
            j += 1
        first, last = max(i - 1, 0), min(j + 1, len(blocks) - 1)
        for k in range(i, j + 1):
            out[k] = (blocks[first].start, blocks[last].end)
        i = j + 1
    return out
