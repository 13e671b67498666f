"""The relation catalogue: which relations packs may state and how drafts phrase them.

It is data (``rules/relations.yaml``, sections ``relations``, ``relation_words``,
``role_titles`` and ``claim_cues``), merged over every rule pack in play, so a desk adds a
phrasing, a title or a whole relation in its own pack without Python. Entries that share a
relation ``id`` merge: a desk pack listing ``{id: led-by, phrasings: [...]}`` adds phrasings.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from typing import NamedTuple

from copydesk.yamlio import DataError

ENTITY_TYPES = ("person", "organization", "product", "place", "other")
OBJECT_KINDS = ("entity", "date", "amount", "text")
TIME_KINDS = ("window", "event", "none")
AMOUNT_POLICIES = ("none", "optional", "required")

SECTION_RELATIONS = "relations"
SECTION_WORDS = "relation_words"
SECTION_TITLES = "role_titles"
SECTION_CUES = "claim_cues"


class Relation(NamedTuple):
    id: str
    says: str  # message template: "{subject} is led by {value}"
    subject_types: frozenset[str]
    object: str  # entity | date | amount | text
    object_types: frozenset[str] = frozenset()
    qualifier: str | None = None  # the fact key that qualifies the value ("org" for role)
    qualifier_types: frozenset[str] = frozenset()
    amount: str = "none"
    time: str = "none"
    functional: bool = False  # one value at a time: two values in one draft contradict
    exhaustive: bool = True  # the pack lists every value: one it lacks is a contradiction
    listable: bool = False  # "founded by A, B and C": the object slot takes a list
    phrasings: tuple = ()  # (entry, pack it came from); an entry is str or {pattern, tense}


class Title(NamedTuple):
    """A role title, its spellings, and the relation it implies (a CEO leads the org)."""

    name: str  # canonical, lower case: "chief executive officer"
    variants: tuple[str, ...]
    implies: str | None = None
    exclusive: bool = False  # one holder per organisation at a time
    timeless: bool = False  # once a founder, always a founder


class Catalogue(NamedTuple):
    relations: dict[str, Relation]
    words: dict[str, tuple[str, ...]]
    titles: tuple[Title, ...]
    cues: dict[str, tuple[str, ...]]  # negation, hypothetical, past, future -> patterns
    digest: str = ""  # what validation of packs depends on, for cache keys

    def title(self, text: str) -> Title | None:
        """The title a written title stands for ("CEO", "chief executive"), or None."""
        return _title_index(self.titles).get(normalise_title(text))


@lru_cache(maxsize=8)
def _title_index(titles: tuple[Title, ...]) -> dict[str, Title]:
    """Each spelling of each title, normalised, with the title it spells (the first wins)."""
    index: dict[str, Title] = {}
    for t in titles:
        for v in (t.name, *t.variants):
            index.setdefault(normalise_title(v), t)
    return index


def normalise_title(text: str) -> str:
    """Compare titles without case, interim/acting prefixes or hyphen spelling."""
    s = re.sub(r"[\s\u00a0]+", " ", text.strip().lower().replace("’", "'"))
    s = re.sub(r"^(?:interim|acting|co-?|then[- ]|former|ex-)\s*", "", s)
    return s.replace("-", " ")


def _types(value, where: str, key: str) -> frozenset[str]:
    items = [value] if isinstance(value, str) else value or []
    if not isinstance(items, list) or any(t not in ENTITY_TYPES for t in items):
        raise DataError(f"{where}: {key!r} must list entity types ({', '.join(ENTITY_TYPES)}), got {value!r}")
    return frozenset(items)


_SAYS_FIELDS = {"subject", "value", "object", "org", "amount", "measure"}
_RELATION_KEYS = {"id", "says", "summary", "subject", "object", "object_types", "qualifier",
                  "qualifier_types", "amount", "time", "functional", "exhaustive", "list", "phrasings",
                  "_pack"}


def _relation(entry: dict, base: Relation | None) -> Relation:
    where = f"{entry.get('_pack', 'rule pack')}: relation {entry.get('id')!r}"
    unknown = sorted(set(entry) - _RELATION_KEYS)
    if unknown:
        raise DataError(f"{where}: unknown key {unknown[0]!r}")
    if not isinstance(entry.get("phrasings", []), list):
        raise DataError(f"{where}: 'phrasings' must be a list")
    phrasings = tuple((p, entry.get("_pack", "")) for p in entry.get("phrasings") or ())
    if base is not None:  # a later pack adds phrasings (and may refine settings)
        changes = {"phrasings": base.phrasings + phrasings}
        for key, attr in (("says", "says"), ("functional", "functional"), ("exhaustive", "exhaustive")):
            if key in entry:
                changes[attr] = entry[key]
        return base._replace(**changes)
    kind = entry.get("object")
    if kind not in OBJECT_KINDS:
        raise DataError(f"{where}: 'object' must be one of {', '.join(OBJECT_KINDS)}, got {kind!r}")
    for key, allowed in (("amount", AMOUNT_POLICIES), ("time", TIME_KINDS)):
        if entry.get(key, allowed[0]) not in allowed:
            raise DataError(f"{where}: {key!r} must be one of {', '.join(allowed)}, got {entry.get(key)!r}")
    says = entry.get("says")
    if not isinstance(says, str) or "{subject}" not in says:
        raise DataError(f"{where}: 'says' must be a message template with {{subject}} and {{value}}")
    unknown = sorted(set(re.findall(r"\{(\w*)\}", says)) - _SAYS_FIELDS)
    if unknown:
        allowed = ", ".join(sorted(_SAYS_FIELDS))
        raise DataError(f"{where}: 'says' may use the fields {allowed}, not {{{unknown[0]}}}")
    return Relation(
        id=entry["id"],
        says=entry["says"],
        subject_types=_types(entry.get("subject", list(ENTITY_TYPES)), where, "subject"),
        object=kind,
        object_types=_types(entry.get("object_types", []), where, "object_types"),
        qualifier=entry.get("qualifier"),
        qualifier_types=_types(entry.get("qualifier_types", []), where, "qualifier_types"),
        amount=entry.get("amount", "none"),
        time=entry.get("time", "none"),
        functional=bool(entry.get("functional", False)),
        exhaustive=bool(entry.get("exhaustive", True)),
        listable=bool(entry.get("list", False)),
        phrasings=phrasings,
    )


def build_catalogue(packs) -> Catalogue:
    """Merge the catalogue sections of every rule pack; malformed entries name their pack."""
    relations: dict[str, Relation] = {}
    for entry in packs.section(SECTION_RELATIONS):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise DataError(f"rule pack: section 'relations': entry {entry!r} has no 'id'")
        relations[entry["id"]] = _relation(entry, relations.get(entry["id"]))
    words: dict[str, tuple[str, ...]] = {}
    for entry in packs.section(SECTION_WORDS):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                or not isinstance(entry.get("words"), list):
            raise DataError(f"{_pack(entry)}: section 'relation_words': entry needs 'name' and a 'words' list")
        bad = [w for w in entry["words"] if not isinstance(w, str)]
        if bad:
            raise DataError(f"{_pack(entry)}: section 'relation_words': {entry['name']!r}: {bad[0]!r} is not a word "
                            "(YAML reads on, off, yes and no as true or false: quote them)")
        words[entry["name"]] = words.get(entry["name"], ()) + tuple(entry["words"])
    titles = []
    for entry in packs.section(SECTION_TITLES):
        if not isinstance(entry, dict) or not isinstance(entry.get("title"), str):
            raise DataError(f"{_pack(entry)}: section 'role_titles': entry needs a 'title'")
        implies = entry.get("implies")
        if implies is not None and implies not in relations:
            raise DataError(f"{_pack(entry)}: role title {entry['title']!r} implies unknown relation {implies!r}")
        titles.append(Title(entry["title"].lower(), tuple(entry.get("variants") or ()), implies,
                            bool(entry.get("exclusive")), bool(entry.get("timeless"))))
    cues: dict[str, tuple[str, ...]] = {}
    for entry in packs.section(SECTION_CUES):
        if not isinstance(entry, dict) or not isinstance(entry.get("kind"), str) \
                or not isinstance(entry.get("pattern"), str):
            raise DataError(f"{_pack(entry)}: section 'claim_cues': entry needs 'kind' and 'pattern'")
        cues[entry["kind"]] = cues.get(entry["kind"], ()) + (entry["pattern"],)
    schema = {r.id: [r.object, sorted(r.object_types), r.qualifier, sorted(r.qualifier_types), r.amount,
                     sorted(r.subject_types)] for r in relations.values()}
    digest = hashlib.sha256(json.dumps(schema, sort_keys=True).encode()).hexdigest()[:16]
    return Catalogue(relations, words, tuple(titles), cues, digest)


def _pack(entry) -> str:
    return entry.get("_pack", "rule pack") if isinstance(entry, dict) else "rule pack"


def catalogue_for(context) -> Catalogue:
    """The catalogue of the rule packs in play, built once per process."""
    packs = context.packs
    return context.shared(("facts.catalogue", packs.paths), lambda: build_catalogue(packs))
