"""One fact pack file: read, check its shape and values, and say where each problem is.

A pack is read with the fast YAML loader; only when it has problems is it parsed again for
node positions, so that each problem names its file, line and column (``file:line:col:``,
the form editors and the language server parse). References between entities are checked
once all packs are read (``base.py``), since a desk pack may state facts about entities of
the built-in one.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import NamedTuple

from copydesk.facts import amounts, regexcache, timex
from copydesk.facts.catalogue import ENTITY_TYPES, Catalogue
from copydesk.yamlio import DataError, load_yaml

ENTITY_KEYS = {"id", "name", "aliases", "type", "note", "source", "description"}
FACT_KEYS = {"subject", "relation", "object", "from", "until", "amount", "tolerance", "source", "note",
             "org", "measure"}
TOP_KEYS = {"entities", "facts", "version", "description", "name"}
_ID = regexcache.compile(r"[A-Za-z0-9][\w.:-]*")

# Plain tuples (marshal-friendly, cheap to cache):
# entity: (id, name, type, aliases, pack, index)
# fact:   (subject, relation, object, from, until, amount, unit, tolerance, qualifier, source,
#          note, pack, index)
E_ID, E_NAME, E_TYPE, E_ALIASES, E_PACK, E_INDEX = range(6)
(F_SUBJECT, F_RELATION, F_OBJECT, F_FROM, F_UNTIL, F_AMOUNT, F_UNIT, F_TOLERANCE, F_QUALIFIER,
 F_SOURCE, F_NOTE, F_PACK, F_INDEX) = range(13)


class Problem(NamedTuple):
    """A problem in a pack, at a path inside its YAML (``("facts", 3, "relation")``)."""

    pack: str
    where: tuple | None  # None: the message already says where
    message: str

    def render(self) -> str:
        if self.where is None:
            return self.message
        line, column = locate(self.pack, self.where)
        return f"{self.pack}:{line}:{column}: {self.message}" if line else f"{self.pack}: {self.message}"


class PackData:
    """One pack as read: entities and facts as tuples (the layouts above), and its problems."""

    def __init__(self, path: str):
        self.path = path
        self.entities: list[tuple] = []
        self.facts: list[tuple] = []
        self.problems: list[Problem] = []


def _load(path: str):
    """A pack's data. YAML; a ``.json`` pack (JSON is YAML too) loads far faster when large."""
    if not path.endswith(".json"):
        return load_yaml(path)
    try:
        with open(path, encoding="utf-8-sig") as fh:
            return json.load(fh)
    except OSError as exc:
        raise DataError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except ValueError as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise DataError(f"{path}:{line}:{column}: invalid JSON: {getattr(exc, 'msg', exc)}") from None


def read_pack(path: str, catalogue: Catalogue) -> PackData:
    """Entities and facts of one pack, with every problem of shape or value found in it."""
    out = PackData(path)
    try:
        data = _load(path)
    except DataError as exc:
        message = str(exc)
        out.problems.append(Problem(path, None, message))  # already "file:line:col: what"
        return out
    if data is None:
        return out
    if not isinstance(data, dict):
        out.problems.append(Problem(path, (), "a fact pack must be a mapping with 'entities' and 'facts'"))
        return out
    for key in sorted(set(data) - TOP_KEYS, key=str):
        out.problems.append(Problem(path, (key,), f"unknown key {key!r}; expected entities, facts"))
    for section in ("entities", "facts"):
        if not isinstance(data.get(section, []), list):
            out.problems.append(Problem(path, (section,), f"{section!r} must be a list"))
            data[section] = []
    for i, item in enumerate(data.get("entities") or []):
        _entity(out, i, item)
    for i, item in enumerate(data.get("facts") or []):
        _fact(out, i, item, catalogue)
    return out


def _unknown_keys(out: PackData, where: tuple, item: dict, allowed: set[str]) -> None:
    for key in sorted(set(item) - allowed, key=str):
        out.problems.append(Problem(out.path, (*where, key),
                                    f"unknown key {key!r}; expected one of {', '.join(sorted(allowed))}"))


def _entity(out: PackData, i: int, item) -> None:
    where = ("entities", i)
    if not isinstance(item, dict):
        out.problems.append(Problem(out.path, where, "an entity must be a mapping with id, name and type"))
        return
    _unknown_keys(out, where, item, ENTITY_KEYS)
    entity_id, name = item.get("id"), item.get("name")
    ok = True
    if not isinstance(entity_id, str) or not _ID.fullmatch(entity_id):
        out.problems.append(Problem(out.path, (*where, "id") if "id" in item else where,
                                    f"entity id must be a word such as 'scale-ai', got {entity_id!r}"))
        ok = False
    if not isinstance(name, str) or not name.strip():
        out.problems.append(Problem(out.path, (*where, "name") if "name" in item else where,
                                    f"entity {entity_id!r} needs a 'name'"))
        ok = False
    kind = item.get("type", "other")
    if kind not in ENTITY_TYPES:
        out.problems.append(Problem(out.path, (*where, "type"),
                                    f"entity type must be one of {', '.join(ENTITY_TYPES)}, got {kind!r}"))
        ok = False
    aliases = item.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        out.problems.append(Problem(out.path, (*where, "aliases"), "aliases must be a list of names"))
        ok = False
    if ok:
        out.entities.append((entity_id, name.strip(), kind, tuple(a.strip() for a in aliases), out.path, i))


def _date(out: PackData, where: tuple, value, key: str) -> str | None:
    if value is None:
        return None
    iso = timex.iso_of(value)
    if iso is None:
        out.problems.append(Problem(out.path, (*where, key),
                                    f"bad date {value!r} for {key!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"))
    return iso


def _fact(out: PackData, i: int, item, catalogue: Catalogue) -> None:
    where = ("facts", i)
    if not isinstance(item, dict):
        out.problems.append(Problem(out.path, where, "a fact must be a mapping with subject, relation and object"))
        return
    _unknown_keys(out, where, item, FACT_KEYS)
    count = len(out.problems)
    for key in ("subject", "relation", "object"):
        if item.get(key) is None:
            out.problems.append(Problem(out.path, where, f"a fact needs {key!r}"))
    relation = catalogue.relations.get(item.get("relation"))
    if item.get("relation") is not None and relation is None:
        known = ", ".join(sorted(catalogue.relations))
        out.problems.append(Problem(out.path, (*where, "relation"),
                                    f"unknown relation {item.get('relation')!r}; the catalogue has: {known}"))
    start = _date(out, where, item.get("from"), "from")
    until = _date(out, where, item.get("until"), "until")
    if start and until and timex.parse_iso(start).start > timex.parse_iso(until).end:
        out.problems.append(Problem(out.path, (*where, "until"), f"'until' {until} is before 'from' {start}"))
    value = item.get("object")
    amount = unit = None
    if "amount" in item:
        parsed = amounts.parse_pack_amount(item["amount"])
        if parsed is None:
            out.problems.append(Problem(out.path, (*where, "amount"),
                                        f"bad amount {item['amount']!r}: expected a number and a unit, "
                                        "such as '14.3e9 USD'"))
        else:
            amount, unit = parsed
    tolerance = item.get("tolerance")
    if tolerance is not None and (isinstance(tolerance, bool) or not isinstance(tolerance, (int, float))
                                  or not 0 <= tolerance < 1):
        out.problems.append(Problem(out.path, (*where, "tolerance"),
                                    f"tolerance must be a fraction such as 0.05, got {tolerance!r}"))
        tolerance = None
    qualifier = None
    if relation is not None and value is not None:
        value = _object(out, where, relation, value)
        if relation.object == "amount" and value is not None:  # a quantity: the object is the amount
            amount, unit = amounts.parse_pack_amount(item["object"])
        if relation.amount == "required" and "amount" not in item:
            out.problems.append(Problem(out.path, where, f"a {relation.id!r} fact needs an 'amount'"))
        if relation.amount == "none" and "amount" in item:
            out.problems.append(Problem(out.path, (*where, "amount"), f"a {relation.id!r} fact takes no 'amount'"))
        if relation.qualifier:
            qualifier = item.get(relation.qualifier)
            if not isinstance(qualifier, str):
                out.problems.append(Problem(out.path, where, f"a {relation.id!r} fact needs {relation.qualifier!r}"))
            elif relation.qualifier != "org":
                qualifier = qualifier.lower()
    for key in ("source", "note"):
        if item.get(key) is not None and not isinstance(item[key], str):
            out.problems.append(Problem(out.path, (*where, key), f"{key!r} must be text"))
    if len(out.problems) == count:
        out.facts.append((item["subject"], item["relation"], value, start, until, amount, unit or "",
                          tolerance, qualifier, item.get("source"), item.get("note"), out.path, i))


def _object(out: PackData, where: tuple, relation, value):
    """The object in canonical form for its relation, or a problem."""
    if relation.object == "date":
        iso = timex.iso_of(value)
        if iso is None:
            out.problems.append(Problem(out.path, (*where, "object"),
                                        f"bad date {value!r}: a {relation.id!r} fact's object is a date "
                                        "(YYYY, YYYY-MM or YYYY-MM-DD)"))
        return iso
    if relation.object == "amount":
        parsed = amounts.parse_pack_amount(value)
        if parsed is None:
            out.problems.append(Problem(out.path, (*where, "object"), f"bad amount {value!r}"))
            return None
        return amounts.canonical(*parsed)
    if not isinstance(value, str):
        out.problems.append(Problem(out.path, (*where, "object"),
                                    f"a {relation.id!r} fact's object is {'an entity id' if relation.object == 'entity' else 'text'}, "
                                    f"got {value!r}"))
        return None
    return value


# --- positions of problems ------------------------------------------------------------------

@lru_cache(maxsize=8)
def _nodes(path: str, stamp: tuple):
    import yaml  # only a pack with problems needs it: a clean start skips the import

    try:
        with open(path, encoding="utf-8-sig") as fh:
            return yaml.compose(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, yaml.YAMLError, UnicodeDecodeError):
        return None


def locate(path: str, where: tuple) -> tuple[int | None, int | None]:
    """1-based line and column of the node at ``where`` in a pack (the deepest one found)."""
    try:
        st = os.stat(path)
    except OSError:
        return None, None
    node = _nodes(path, (st.st_mtime_ns, st.st_size))
    if node is None:
        return None, None
    import yaml

    mark = node.start_mark
    for step in where:
        child = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == step:
                    child, mark = value, key.start_mark
                    break
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
            mark = child.start_mark
        if child is None:
            break
        node = child
    return mark.line + 1, mark.column + 1
