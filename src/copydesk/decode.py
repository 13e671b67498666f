"""Turn a draft's bytes into text, or say clearly why not.

Honours a byte-order mark and an HTML/XML charset declaration; otherwise requires UTF-8.
Never guesses silently: a file that is not text gets an :class:`InputError` naming the problem.
"""

from __future__ import annotations

import codecs
import os
import re
import stat

MAX_BYTES = 16 * 1024 * 1024  # a draft larger than this is not a draft


class InputError(Exception):
    """A draft cannot be read as text. The message says why and what to do."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)


def check_size(nbytes: int, *, max_bytes: int = MAX_BYTES) -> None:
    """Refuse a file before reading it when it is too large to be one draft."""
    if nbytes > max_bytes:
        raise InputError(
            f"too large: {nbytes / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit for one draft; "
            "split it, or exclude it in the config"
        )


def read_bytes(path: str, *, max_bytes: int = MAX_BYTES) -> bytes:
    """A draft's bytes; an :class:`InputError` saying why when it is not a readable file.

    Checks the size and kind before reading, so a 50 MB dump or a FIFO costs nothing.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise InputError(f"broken symbolic link (to {os.readlink(path)!r})") from None
        raise InputError("no such file or directory") from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a draft")
    if not stat.S_ISREG(info.st_mode):
        raise InputError("not a regular file (a pipe, socket or device); copydesk reads text drafts")
    check_size(info.st_size, max_bytes=max_bytes)
    try:
        with open(path, "rb") as fh:
            return fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None


def decode(data: bytes, *, max_bytes: int = MAX_BYTES) -> str:
    check_size(len(data), max_bytes=max_bytes)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} byte-order mark but is not valid {encoding}: {exc.reason} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (it contains NUL bytes); copydesk reads text drafts")
    declared = _DECLARED.search(data[:4096])
    if declared:
        name = (declared.group(1) or declared.group(2)).decode("ascii", "replace")
        try:
            codecs.lookup(name)
        except LookupError:
            raise InputError(f"declares an unknown charset {name!r}") from None
        try:
            return data.decode(name)
        except UnicodeDecodeError as exc:
            raise InputError(f"declares charset {name} but byte {exc.start} is not valid {name}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start:exc.start + 1].hex()
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"not UTF-8: byte 0x{bad} on line {line} cannot be decoded; save the file as UTF-8 "
            "or declare its charset"
        ) from None
