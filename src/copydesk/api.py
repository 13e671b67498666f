"""The objects a plugin registers: checks with their rules, readers and output formats."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Protocol, TextIO

if TYPE_CHECKING:
    from copydesk.context import Context
    from copydesk.model import Document, Finding, Report

CATEGORIES = (
    "unsupported-citation",
    "self-reference",
    "factual-inconsistency",
    "unattributed-number",
)


@dataclass(frozen=True)
class Rule:
    """A rule's metadata, in one place: what ``rules``, ``explain``, SARIF and editors show.

    ``docs`` follows ruff's layout (What it does / Why is this bad / Example / Use instead);
    ``bad`` and ``good`` are short example texts that tests run through the rule.
    """

    id: str
    category: str
    severity: str
    summary: str
    docs: str = ""
    bad: str = ""
    good: str = ""
    aliases: tuple[str, ...] = ()
    plugin: str = ""  # filled in by the registry
    # What the bad/good examples need to run through copydesk.testing.lint_text (filename,
    # date, facts, ...); {"skip": "why"} when they cannot run without outside data.
    example_options: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def help_uri(self) -> str:
        return f"https://copydesk.readthedocs.io/rules/{self.id}/"


class Check(Protocol):
    """A check runs once per draft and may report under any of its ``rules``."""

    name: str
    rules: tuple[Rule, ...]

    def run(self, document: "Document", context: "Context") -> Iterable["Finding"]: ...


@dataclass(frozen=True)
class Reader:
    """Turns a file's decoded text into a Document. One per format."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[str, str], "Document"]  # (path, source text) -> Document
    plugin: str = ""


@dataclass
class FileResult:
    """What one draft produced: its reports, or the error that stopped it."""

    path: str
    reports: list["Report"] = field(default_factory=list)
    error: str | None = None
    source: str | None = None  # the decoded text, kept only when a format asks for it
    format: str | None = None


@dataclass(frozen=True)
class Formatter:
    """Writes results. ``render`` receives results as they stream in, in input order."""

    name: str
    description: str
    render: Callable[[Iterable[FileResult], TextIO, "RunInfo"], None]
    needs_source: bool = False  # keep each draft's text for the formatter (HTML report)
    plugin: str = ""


@dataclass
class RunInfo:
    """What a formatter may need besides results: the rules in play, colour, the tool version."""

    rules: dict[str, Rule]
    color: bool = False
    version: str = ""
    options: dict = field(default_factory=dict)
