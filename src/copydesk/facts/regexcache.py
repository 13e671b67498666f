"""Regular expressions compiled once per machine, not once per process.

``re.compile`` parses and compiles a pattern in Python code. For the fact check's grammars
(time expressions, figures, titles, the phrasings of the relation catalogue) that costs some
30 ms, several times what checking a draft costs, and a save-time run pays it on every save.
What compiling produces is a list of integers that the C matcher (``_sre``) takes as it is, so,
as Python keeps bytecode in ``__pycache__``, it is kept in ``regex/`` under the cache folder:
one marshalled file per interpreter build, mapping each pattern and its flags to its code.

Nothing in it can go stale: an entry is keyed by the pattern's full text, and a file is read
only by the interpreter build that wrote it. A truncated or foreign file, a read-only folder,
or an interpreter whose internals differ from what this module expects, all mean the same:
patterns are compiled the ordinary way. Patterns compiled in a process are written back by
:func:`save`, which the fact check calls after a draft.
"""

from __future__ import annotations

import marshal
import re
import sys

from copydesk.facts import diskcache

try:
    import _sre

    try:
        from re import _compiler, _parser
    except ImportError:  # Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    _working = sys.implementation.name == "cpython"  # False: compile as everyone does
except ImportError:  # an interpreter without CPython's internals
    _working = False

_FORMAT = 1  # bump when the layout of an entry changes
_MAX_ENTRIES = 2000  # past this, a save keeps only what this process used

_stored: dict[tuple[str, int], bytes] | None = None  # the file's entries, each marshalled
_used: set[tuple[str, int]] = set()
_new: dict[tuple[str, int], tuple] = {}  # compiled in this process, not saved yet


def compile(source: str, flags: int = 0) -> re.Pattern:
    """``re.compile(source, flags)``, served from the cache when it holds the pattern."""
    global _working
    key = (source, int(flags))
    if _working:
        try:
            return _from_cache(key) or _sre.compile(source, *_compile(*key))
        except re.error:
            raise
        except Exception:  # internals this module does not know: compile as everyone does
            _working = False
    return re.compile(source, flags)


def save() -> None:
    """Write the patterns compiled since the last save to the cache file, if there are any."""
    global _stored, _new
    if not _new or not _working:
        return
    entries = dict(_entries())
    if len(entries) + len(_new) > _MAX_ENTRIES:
        entries = {k: v for k, v in entries.items() if k in _used}
    entries.update((k, marshal.dumps(v)) for k, v in _new.items())
    diskcache.write_atomically(_file(), marshal.dumps((_FORMAT, entries)))
    _stored, _new = entries, {}


def _from_cache(key: tuple[str, int]) -> re.Pattern | None:
    """The pattern from this process's compilations or the cache file; None when neither has
    it, or the file's entry is damaged."""
    _used.add(key)
    parts = _new.get(key)
    try:
        if parts is None:
            blob = _entries().get(key)
            parts = None if blob is None else marshal.loads(blob)
        return None if parts is None else _sre.compile(key[0], *parts)
    except Exception:  # a damaged entry (_sre checks the code it is given): compile anew
        return None


def _compile(source: str, flags: int) -> tuple:
    """Compile as ``re._compiler.compile`` does, keeping the parts; the first pattern of a
    process is checked against ``re.compile`` so that an interpreter that compiles otherwise
    turns the cache off rather than giving other patterns."""
    tree = _parser.parse(source, flags)
    names = tree.state.groupdict
    index = [None] * tree.state.groups
    for name, number in names.items():
        index[number] = name
    parts = (int(flags | tree.state.flags), [int(c) for c in _compiler._code(tree, flags)],
             tree.state.groups - 1, dict(names), tuple(index))
    if not _new and _sre.compile(source, *parts) != re.compile(source, flags):
        raise RuntimeError("the interpreter compiles patterns otherwise")
    _new[(source, flags)] = parts
    return parts


def _entries() -> dict[tuple[str, int], bytes]:
    global _stored
    if _stored is None:
        _stored = {}
        try:
            with open(_file(), "rb") as fh:
                version, entries = marshal.loads(fh.read())  # loads(read()): load(fh) reads piecemeal
            if version == _FORMAT and isinstance(entries, dict):
                _stored = entries
        except (OSError, EOFError, ValueError, TypeError):  # none yet, or truncated or foreign
            pass
    return _stored


def _file() -> str:
    """The cache file of this interpreter build."""
    import hashlib

    build = hashlib.sha1(f"{sys.version}|{_sre.MAGIC}|{sys.implementation.cache_tag}".encode()).hexdigest()
    return diskcache.folder("regex", f"{build[:16]}.marshal")
