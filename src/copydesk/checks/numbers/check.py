"""The unattributed-number check: every figure in the prose whose sentence gives no source.

The unit of attribution is the sentence: that is where newsroom style puts "according to X"
and the citation marker, and a wider scope (the paragraph) would let one cited sentence
excuse its unsourced neighbours. The exceptions: a figure inside a direct quotation belongs
to the quote's speaker, wherever the quote's sentence ends; a list or table shares the source
of the line introducing it or the source line under it (:mod:`.scope`). Headings are not
checked: a headline is never attributed in-line, the body that repeats its figure is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from copydesk.checks.numbers.rule import UNATTRIBUTED_NUMBER
from copydesk.checks.numbers.scope import context_blocks
from copydesk.context import Context
from copydesk.model import HEADING, Document, Finding

if TYPE_CHECKING:
    from copydesk.checks.numbers.attribution import AttributionDetector
    from copydesk.checks.numbers.figures import Number

RULE = UNATTRIBUTED_NUMBER.id


class Kit:
    """The check's compiled data for one set of rule packs (built once per process).

    Its modules are imported here, not at the top: every run registers the check, and a run
    served from the result cache never builds a kit.
    """

    def __init__(self, packs) -> None:
        from copydesk.checks.numbers.attribution import AttributionDetector
        from copydesk.checks.numbers.figures import FigureRecogniser
        from copydesk.checks.numbers.nonfigures import NonFigureClassifier

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
        groups = context_blocks(document)
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
            if _attributed(kit.attribution, document, sentence.start, sentence.end, groups.get(sentence.block)):
                continue
            hedge = kit.attribution.hedge(text[sentence.start:sentence.end])
            for figure in figures:
                if kit.attribution.quote_speaker(text, block.start, block.end, figure.core):
                    continue
                yield _finding(text, figure, hedge)


def _attributed(detector: AttributionDetector, document: Document, start: int, end: int, group) -> bool:
    """Whether the sentence, or the line introducing its list or the line under it, gives a source."""
    if detector.source(document, start, end):
        return True
    intro, closing = group or (None, ())
    if intro is not None:
        block = document.blocks[intro]
        if detector.source(document, block.start, block.end):
            return True
    return any(detector.trailer(document.text[document.blocks[k].start:document.blocks[k].end]) for k in closing)


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
