"""Where the fact check keeps what it builds once per machine, and how it writes it there.

Every cache of the fact check (compiled patterns, the compiled relation catalogue, large fact
bases) lives under the cache folder, each entry keyed by everything it was built from, so an
entry can be missing but never stale. Readers that find a file missing, truncated or foreign
build anew; a folder that cannot be written just means building anew next time too.
"""

from __future__ import annotations

import os


def folder(*parts: str) -> str:
    """A folder under the cache folder (copydesk.cache.default_dir(), read here without
    importing that module: it imports json and tempfile, which a save-time run need not pay)."""
    return os.path.join(os.environ.get("COPYDESK_CACHE_DIR") or os.path.join(".copydesk", "cache"), *parts)


def write_atomically(target: str, blob: bytes) -> None:
    """Write a cache file so that no reader ever sees half of it. The cache folder gets a
    ``.gitignore`` (caches are local); an unwritable folder is no error."""
    tmp = f"{target}.tmp-{os.urandom(6).hex()}"  # unique to this writer
    try:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        marker = os.path.join(folder(), ".gitignore")
        if not os.path.exists(marker):
            with open(marker, "w", encoding="utf-8") as fh:
                fh.write("# created by copydesk: caches are local\n*\n")
        try:
            with open(tmp, "wb") as fh:
                fh.write(blob)
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
    except OSError:
        pass
