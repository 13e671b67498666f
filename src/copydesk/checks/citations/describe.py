"""How a finding's message names a reference or a link: short, and enough to find it."""

from __future__ import annotations

import re

_MAX = 60
# What ``[a-z]`` matches under re.IGNORECASE: the ASCII letters and four that fold onto them.
# Tested with sets, not a regex: the flag makes such a regex cost ~0.3 ms to compile, a real
# part of a one-draft run's start-up (and so would importing ``string`` for its constants).
_ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz"
LETTERS = frozenset(_ASCII_LOWER + _ASCII_LOWER.upper() + "\u0130\u0131\u017f\u212a")
_SCHEME = LETTERS | frozenset("0123456789+.-")
_QUERY = re.compile(r"[?#]")


def short_url(url: str) -> str:
    """``https://www.example.org/a/b/?q=1`` -> ``example.org/a/b``."""
    s = _without_scheme(url.strip())
    if s[:4].lower() == "www.":
        s = s[4:]
    s = _QUERY.split(s, maxsplit=1)[0].rstrip("/")
    return _clip(s)


def _without_scheme(url: str) -> str:
    """``https://x`` -> ``x``: drops what ``^[a-z][a-z0-9+.-]*://`` (any case) matches."""
    scheme, sep, rest = url.partition("://")
    if sep and scheme[:1] in LETTERS and all(c in _SCHEME for c in scheme[1:]):
        return rest
    return url


def _clip(s: str) -> str:
    return s if len(s) <= _MAX else s[:_MAX - 1].rstrip() + "…"


def describe_reference(ref) -> str:
    """``[1] (anil.recoil.org/projects/oxcaml)``, or the title when there is no URL."""
    if ref.url:
        return f"[{ref.key}] ({short_url(ref.url)})"
    if ref.title:
        return f"[{ref.key}] (“{_clip(ref.title)}”)"
    return f"[{ref.key}]"
