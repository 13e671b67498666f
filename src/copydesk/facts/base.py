"""The fact base: every fact pack in play, checked against each other, indexed for the check.

Loading is the costly part of the fact check, so it happens once per process
(``Context.shared``) and once per pack version on disk: the tables are marshalled under the
cache folder, keyed by each pack's path, size and modification time and by the relation
catalogue. A 50,000-entity pack then loads in a fraction of a second (its name automaton is
pickled); a small pack's automaton is rebuilt from its words, and a small pack (one a desk may
be editing) is cached only once it has not changed for a few seconds, so that an edit within
one tick of the file system's clock is never served stale.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
from collections import defaultdict
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from copydesk.facts import diskcache, timex
from copydesk.facts.catalogue import Catalogue
from copydesk.facts.pack import (
    E_ALIASES,
    E_ID,
    E_INDEX,
    E_NAME,
    E_PACK,
    E_TYPE,
    F_INDEX,
    F_OBJECT,
    F_QUALIFIER,
    F_RELATION,
    F_SUBJECT,
    PackData,
    Problem,
    locate,
    read_pack,
)
from copydesk.facts.textform import surface_key
from copydesk.yamlio import DataError

CACHE_VERSION = 2
DISK_CACHE_MIN_ENTITIES = 2000  # from this size on, the automaton is pickled rather than rebuilt
_SETTLED = 2.0  # seconds a small pack must be unchanged before it is cached


class FactPackError(DataError):
    """Fact packs with problems; ``problems`` lists every one, each with file and line."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        shown = "; ".join(p.render() for p in problems[:3])
        more = f" (and {len(problems) - 3} more: run `copydesk facts check`)" if len(problems) > 3 else ""
        super().__init__(shown + more)


class Entity(NamedTuple):
    id: str
    name: str
    type: str
    aliases: tuple[str, ...]
    pack: str
    index: int


class Fact(NamedTuple):
    subject: str
    relation: str
    object: object  # entity id, ISO date, canonical amount or text
    start: str | None  # ISO
    until: str | None
    amount: float | None
    unit: str
    tolerance: float | None
    qualifier: str | None  # role: the organisation's id; quantity: the measure
    source: str | None
    note: str | None
    pack: str
    index: int

    @property
    def window(self) -> timex.Interval:
        """When the fact holds (window relations) or happened (events); open ends unbounded."""
        start = timex.parse_iso(self.start).start if self.start else timex.EARLIEST
        end = timex.parse_iso(self.until).end if self.until else timex.LATEST
        return timex.Interval(start, end)

    @property
    def timed(self) -> bool:
        return bool(self.start or self.until)

    def period(self) -> str:
        """The window in words: "since 2025-06", "until 2025-12", "from 2018 to 2025-12"."""
        if self.start and self.until:
            return f"from {self.start} to {self.until}"
        if self.start:
            return f"since {self.start}"
        if self.until:
            return f"until {self.until}"
        return ""


class FactBase:
    """Entities by id, facts by subject, and the name automaton (see ``matcher.py``)."""

    def __init__(self, entities: dict[str, tuple], facts: dict[str, list[tuple]], keys: list[tuple], automaton):
        self._entities = entities
        self._facts = facts
        self.keys = keys  # automaton value -> (entity id, needs the full name first, length)
        self.automaton = automaton
        self._entity_objects: dict[str, Entity] = {}
        self._fact_objects: dict[str, list[Fact]] = {}

    def __len__(self) -> int:
        return len(self._entities)

    @property
    def fact_count(self) -> int:
        return sum(len(v) for v in self._facts.values())

    def entity(self, entity_id: str) -> Entity | None:
        found = self._entity_objects.get(entity_id)
        if found is None and entity_id in self._entities:
            found = self._entity_objects[entity_id] = Entity(*self._entities[entity_id])
        return found

    def name(self, entity_id: str) -> str:
        entity = self.entity(entity_id)
        return entity.name if entity else entity_id

    def facts(self, subject: str, relation: str | None = None) -> list[Fact]:
        items = self._fact_objects.get(subject)
        if items is None:
            items = self._fact_objects[subject] = [Fact(*t) for t in self._facts.get(subject, ())]
        return items if relation is None else [f for f in items if f.relation == relation]

    @cached_property
    def _by_qualifier(self) -> dict[tuple[str, str], list[tuple]]:
        index = defaultdict(list)
        for items in self._facts.values():
            for t in items:
                if t[F_QUALIFIER]:
                    index[(t[F_RELATION], t[F_QUALIFIER])].append(t)
        return index

    def qualified(self, relation: str, qualifier: str) -> list[Fact]:
        """Facts of a relation about one qualifier: every role anyone holds at an organisation."""
        return [Fact(*t) for t in self._by_qualifier.get((relation, qualifier), ())]

    @cached_property
    def _mentioned_as_object(self) -> dict[str, list[tuple]]:
        index = defaultdict(list)
        for items in self._facts.values():
            for t in items:
                if isinstance(t[F_OBJECT], str) and t[F_OBJECT] in self._entities:
                    index[t[F_OBJECT]].append(t)
                if t[F_QUALIFIER] in self._entities:
                    index[t[F_QUALIFIER]].append(t)
        return index

    def facts_naming(self, entity_id: str) -> list[Fact]:
        """Facts in which an entity is the object or the qualifier (for ``facts show``)."""
        return [Fact(*t) for t in self._mentioned_as_object.get(entity_id, ())]

    def founded(self, entity_id: str) -> timex.Interval | None:
        dates = [timex.parse_iso(f.object) for f in self.facts(entity_id, "founded")]
        dates = [d for d in dates if d]
        return min(dates, key=lambda d: d.start) if dates else None

    @cached_property
    def _surfaces(self) -> dict[str, str]:
        return {surface_key(s): entity_id for entity_id, t in self._entities.items()
                for s in (t[E_NAME], *t[E_ALIASES])}

    def lookup(self, name: str) -> list[Entity]:
        """Entities whose id, name or alias is ``name`` (case-insensitively as a fallback)."""
        if name in self._entities:
            return [self.entity(name)]
        key = surface_key(name)
        if key in self._surfaces:
            return [self.entity(self._surfaces[key])]
        folded = key.casefold()
        found = dict.fromkeys(i for k, i in self._surfaces.items() if k.casefold() == folded)
        return [self.entity(i) for i in found]


# --- building -------------------------------------------------------------------------------

def merge(packs: list[PackData], catalogue: Catalogue) -> tuple[dict, dict, list[Problem]]:
    """Entities and facts of all packs, with the problems only the whole set shows."""
    problems = [p for pack in packs for p in pack.problems]
    entities: dict[str, tuple] = {}
    surfaces: dict[str, str] = {}
    for pack in packs:
        for e in pack.entities:
            where = ("entities", e[E_INDEX])
            first = entities.get(e[E_ID])
            if first is not None:
                problems.append(Problem(pack.path, (*where, "id"),
                                        f"duplicate entity id {e[E_ID]!r} (first defined at {_at(first)})"))
                continue
            entities[e[E_ID]] = e
            for surface in dict.fromkeys((e[E_NAME], *e[E_ALIASES])):
                key = surface_key(surface)
                owner = surfaces.setdefault(key, e[E_ID])
                if owner != e[E_ID]:
                    problems.append(Problem(pack.path, (*where, "aliases" if surface != e[E_NAME] else "name"),
                                            f"{surface!r} is claimed by two entities: {owner!r} "
                                            f"({_at(entities[owner])}) and {e[E_ID]!r}"))
    facts: dict[str, list[tuple]] = defaultdict(list)
    for pack in packs:
        for f in pack.facts:
            found = _reference_problems(pack.path, f, entities, catalogue)
            problems.extend(found)
            if not found:
                facts[f[F_SUBJECT]].append(f)
    return entities, dict(facts), problems


def _at(entity: tuple) -> str:
    line, _ = locate(entity[E_PACK], ("entities", entity[E_INDEX]))
    return f"{entity[E_PACK]}:{line}" if line else entity[E_PACK]


def _reference_problems(path: str, fact: tuple, entities: dict, catalogue: Catalogue) -> list[Problem]:
    relation = catalogue.relations[fact[F_RELATION]]
    where = ("facts", fact[F_INDEX])
    out = []

    def check(entity_id, key: str, types: frozenset[str], role: str):
        entity = entities.get(entity_id)
        if entity is None:
            out.append(Problem(path, (*where, key), f"unknown entity id {entity_id!r} in {key!r}"))
        elif types and entity[E_TYPE] not in types:
            out.append(Problem(path, (*where, key),
                               f"{relation.id!r} needs {role} of type {' or '.join(sorted(types))}; "
                               f"{entity_id!r} is a {entity[E_TYPE]}"))

    check(fact[F_SUBJECT], "subject", relation.subject_types, "a subject")
    if relation.object == "entity":
        check(fact[F_OBJECT], "object", relation.object_types, "an object")
    if relation.qualifier == "org" and fact[F_QUALIFIER] is not None:
        check(fact[F_QUALIFIER], "org", relation.qualifier_types, "an org")
    return out


def build_automaton(entities: dict[str, tuple]):
    """An Aho-Corasick automaton over every name and alias (their name forms).

    A person's one-word alias (a bare surname) is marked: it counts only after the full name.
    """
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    keys: list[tuple] = []
    for e in entities.values():
        name_key = surface_key(e[E_NAME])
        for surface in dict.fromkeys((e[E_NAME], *e[E_ALIASES])):
            key = surface_key(surface)
            if not key or automaton.exists(key):
                continue
            conditional = e[E_TYPE] == "person" and " " not in key and key != name_key
            automaton.add_word(key, len(keys))
            keys.append((e[E_ID], conditional, len(key)))
    if keys:
        automaton.make_automaton()
    return automaton, keys


def read_packs(paths, catalogue: Catalogue) -> tuple[list[PackData], dict, dict, list[Problem]]:
    packs = [read_pack(str(p), catalogue) for p in paths]
    entities, facts, problems = merge(packs, catalogue)
    return packs, entities, facts, problems


def load_base(paths, catalogue: Catalogue, *, use_disk: bool = True) -> FactBase:
    """The fact base of ``paths``; raises :class:`FactPackError` naming every problem."""
    paths = tuple(str(p) for p in paths)
    key = cache_key(paths, catalogue)
    if use_disk:
        cached = _read_cache(key)
        if cached is not None:
            return cached
    _, entities, facts, problems = read_packs(paths, catalogue)
    if problems:
        raise FactPackError(problems)
    automaton, keys = build_automaton(entities)
    base = FactBase(entities, facts, keys, automaton)
    if use_disk and (len(entities) >= DISK_CACHE_MIN_ENTITIES or _settled(paths)):
        _write_cache(key, base)
    return base


def _settled(paths: tuple[str, ...]) -> bool:
    import time

    try:
        return all(time.time() - os.stat(p).st_mtime > _SETTLED for p in paths)
    except OSError:
        return False


def cache_key(paths: tuple[str, ...], catalogue: Catalogue) -> str:
    from copydesk import __version__

    stamps = []
    for p in paths:
        try:
            st = os.stat(p)
        except OSError as exc:
            raise DataError(f"{p}: cannot read fact pack: {exc.strerror or exc}") from None
        stamps.append((os.path.abspath(p), st.st_mtime_ns, st.st_size))
    blob = json.dumps([CACHE_VERSION, __version__, catalogue.digest, stamps])
    return hashlib.sha256(blob.encode()).hexdigest()


def cache_dir() -> Path:
    return Path(diskcache.folder("facts"))


def _read_cache(key: str) -> FactBase | None:
    folder = cache_dir()
    try:
        entities, facts, keys, words = marshal.loads((folder / f"{key}.tables").read_bytes())
        automaton = _automaton(words) if words is not None else _unpickled(folder / f"{key}.automaton")
    except Exception:  # none yet, or a truncated or foreign file: rebuild
        return None
    return FactBase(entities, facts, [tuple(k) for k in keys], automaton)


def _automaton(words: list[tuple[str, int]]):
    import ahocorasick

    automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
    for word, value in words:
        automaton.add_word(word, value)
    if words:
        automaton.make_automaton()
    return automaton


def _unpickled(path: Path):
    import pickle  # here: a run whose packs are small never needs it

    return pickle.loads(path.read_bytes())  # our own file, keyed by a digest


def _write_cache(key: str, base: FactBase) -> None:
    """Write the cache files, each atomically; a read-only folder just means no disk cache.
    A large pack's automaton is pickled (faster than adding its words again); a small one's
    words are kept with the tables (unpickling costs an import and more than adding them)."""
    folder = cache_dir()
    words = None
    if len(base) >= DISK_CACHE_MIN_ENTITIES:
        import pickle

        blob = pickle.dumps(base.automaton, protocol=pickle.HIGHEST_PROTOCOL)
        diskcache.write_atomically(str(folder / f"{key}.automaton"), blob)
    else:
        words = list(base.automaton.items()) if base.keys else []
    diskcache.write_atomically(str(folder / f"{key}.tables"),
                               marshal.dumps((base._entities, base._facts, base.keys, words)))
