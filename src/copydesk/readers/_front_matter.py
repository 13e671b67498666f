"""YAML front matter: the draft's own title, publication, canonical URL, date and byline.

Broken front matter is an input error naming its line, not something to skip: it carries
the date and the publication that checks judge the draft by, so linting without it would
give wrong findings (a fact judged at the wrong date, a self-citation missed).
"""

from __future__ import annotations

from copydesk.model import Metadata
from copydesk.readers._assemble import iso_date

# The keys drafts use for each metadata field, in order of preference.
KEYS = {
    "title": ("title", "headline"),
    "publication": ("publication", "site_name", "site", "publisher"),
    "canonical_url": ("canonical_url", "canonical", "url", "permalink"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate"),
    "byline": ("byline", "author", "authors"),
}


class FrontMatterError(ValueError):
    """The front matter cannot be read; the message names the line."""


def parse(content: str, last_line: int) -> dict | None:
    """The front matter's mapping (None when empty). ``last_line``: its closing line, 1-based."""
    import yaml

    try:
        data = yaml.load(content, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML {_where(exc, last_line)}") from None
    if data is not None and not isinstance(data, dict):
        raise FrontMatterError(
            f"front matter (lines 1-{last_line}) must be YAML keys and values, not a {type(data).__name__}")
    return data


def _where(exc, last_line: int) -> str:
    """``(line 4, column 1): problem while parsing X from line 3``, in the file's own lines."""
    mark = getattr(exc, "problem_mark", None)
    where = f"(line {mark.line + 2}, column {mark.column + 1})" if mark else f"(lines 1-{last_line})"
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    context, started = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and started:
        problem += f" {context} from line {started.line + 2}"
    return f"{where}: {problem}"


def apply(data: dict, meta: Metadata) -> None:
    """Fill ``meta`` from the keys it knows; the whole mapping is kept in ``meta.extra``."""
    keys = {str(k).lower().replace("-", "_"): v for k, v in data.items()}
    for name, candidates in KEYS.items():
        value = next((keys[k] for k in candidates if keys.get(k) not in (None, "", [])), None)
        if isinstance(value, dict):
            value = value.get("name")
        elif isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        if value is not None:
            setattr(meta, name, iso_date(value) if name == "date" else str(value).strip())
    meta.extra["front_matter"] = data
