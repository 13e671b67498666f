"""How a finding's message names a reference or a link: short, and enough to find it."""

from __future__ import annotations

import re

_MAX = 60


def short_url(url: str) -> str:
    """``https://www.example.org/a/b/?q=1`` -> ``example.org/a/b``."""
    s = re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip(), flags=re.IGNORECASE)
    s = re.sub(r"^www\.", "", s, flags=re.IGNORECASE)
    s = re.split(r"[?#]", s, maxsplit=1)[0].rstrip("/")
    return _clip(s)


def _clip(s: str) -> str:
    return s if len(s) <= _MAX else s[:_MAX - 1].rstrip() + "…"


def describe_reference(ref) -> str:
    """``[1] (anil.recoil.org/projects/oxcaml)``, or the title when there is no URL."""
    if ref.url:
        return f"[{ref.key}] ({short_url(ref.url)})"
    if ref.title:
        return f"[{ref.key}] (“{_clip(ref.title)}”)"
    return f"[{ref.key}]"
