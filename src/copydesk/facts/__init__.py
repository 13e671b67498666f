"""Fact packs and the statements drafts make about the entities in them.

Stable API (the claim ledger and third-party checks rely on it):

- :func:`extract_claims` ``(document, context) -> list[Claim]``: every relation statement
  the draft makes about entities the packs know, normalised (see :class:`copydesk.model.Claim`).
- :func:`functional` ``(relation, context) -> bool``: whether two different values of the
  relation for one subject (at one time) contradict each other.

Heavy work (reading packs, building the name automaton, compiling phrasings) happens once per
process through ``Context.shared`` and, for large packs, once per pack version on disk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copydesk.context import Context
    from copydesk.facts.extract import Kit, Statement
    from copydesk.model import Claim, Document


def kit_for(context: Context) -> Kit:
    """The catalogue, compiled phrasings and fact base of a run, built once per process."""
    from copydesk.facts.base import FactBase, cache_key, load_base
    from copydesk.facts.catalogue import catalogue_for
    from copydesk.facts.extract import Kit
    from copydesk.facts.phrasings import compile_catalogue, compile_cues, title_finder

    catalogue = catalogue_for(context)
    paths = tuple(str(p) for p in context.fact_paths)
    compiled = context.shared(("facts.matchers", context.packs.paths),
                              lambda: (compile_catalogue(catalogue), compile_cues(catalogue),
                                       title_finder(catalogue)))
    if paths:
        base = context.shared(("facts.base", cache_key(paths, catalogue)), lambda: load_base(paths, catalogue))
    else:
        base = FactBase({}, {}, [], None)
    return Kit(catalogue, *compiled, base)


def statements(document: Document, context: Context) -> list[Statement]:
    """The relation statements of a draft, with the time each speaks of."""
    from copydesk.facts.extract import extract

    return extract(document, kit_for(context), context.publication_date(document))


def extract_claims(document: Document, context: Context) -> list[Claim]:
    """Every relation statement the draft makes about known entities, normalised.

    ``value`` is an entity id, an ISO date at the draft's precision (an interval that no
    calendar unit holds is ``start/end``), ``"<float> <UNIT>"`` for amounts, or a lower-case
    role title. An investment's or acquisition's size is its own claim: ``kind="amount"`` with
    the counterpart's id as ``qualifier``; a role's organisation is its ``qualifier``; a
    quantity's unit word ("download") is its ``qualifier``. Amounts given as ranges or bounds
    ("more than $10bn") are left out: they are not values a ledger can compare. Denied,
    questioned, quoted and hypothetical statements are not claims. Relations that are not
    :func:`functional` (founded-by, invested-in) may have several true values.
    """
    from copydesk.facts.claims import to_claims
    from copydesk.facts.extract import extract

    kit = kit_for(context)
    return to_claims(extract(document, kit, context.publication_date(document)), kit.base)


def functional(relation: str, context: Context) -> bool:
    from copydesk.facts.catalogue import catalogue_for

    found = catalogue_for(context).relations.get(relation)
    return bool(found and found.functional)
