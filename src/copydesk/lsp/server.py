"""The pygls server: document sync, debounced linting, publishing, hover, code actions.

Lints run one at a time on a worker thread, so the protocol stays responsive. Every edit
supersedes the run scheduled for the previous version, and a result is published only if the
document still has the version that was linted: an editor never sees stale diagnostics.
"""

from __future__ import annotations

import asyncio
import atexit
import logging
import os
import shutil
import tempfile
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from lsprotocol import types
from pygls.capabilities import get_capability
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from copydesk import __version__
from copydesk.api import Rule
from copydesk.lsp import DEFAULT_DEBOUNCE_MS
from copydesk.lsp.actions import SHOW_DOCUMENTATION, code_actions
from copydesk.lsp.diagnostics import data_error_diagnostic, report_range, to_diagnostic
from copydesk.lsp.hover import hover_markdown
from copydesk.lsp.linting import Linter, Outcome, virtual_path
from copydesk.lsp.positions import PositionConverter
from copydesk.model import Report

log = logging.getLogger("copydesk.lsp")

WATCHED_GLOBS = ("**/*.yaml", "**/*.yml", "**/pyproject.toml")


@dataclass
class Published:
    """What the editor shows for one version of a document; hover and actions read it."""

    version: int | None
    converter: PositionConverter
    reports: list[Report]
    diagnostics: list[types.Diagnostic]
    rules: dict[str, Rule]

    def at(self, start: tuple[int, int], end: tuple[int, int] | None = None) -> list[int]:
        """Indexes of reports under a cursor (``end`` None) or touching a selection."""
        hits = []
        for i, r in enumerate(self.reports):
            first, last = (r.line, r.column), (r.end_line, r.end_column)
            if end is None:
                inside = first <= start < last or first == start
            else:
                inside = first <= end and start <= last
            if inside:
                hits.append(i)
        return hits


class CopydeskServer(LanguageServer):
    def __init__(self, linter: Linter, debounce_ms: int = DEFAULT_DEBOUNCE_MS):
        super().__init__("copydesk", __version__,
                         text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.linter = linter
        self.debounce = debounce_ms / 1000
        self.languages: dict[str, str | None] = {}  # open documents: uri -> languageId
        self.published: dict[str, Published] = {}
        self.broken: set[str] = set()  # data files that carry an error diagnostic
        self.told: set[str] = set()  # messages already shown, so each pops up once
        self.shut_down = False
        self._pending: dict[str, asyncio.Task] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copydesk-lint")
        self._docs_dir: str | None = None

    # --- scheduling ---------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Lint ``uri`` after ``delay`` seconds, superseding any run not yet published."""
        stale = self._pending.pop(uri, None)
        if stale is not None:
            stale.cancel()
        self._pending[uri] = asyncio.get_running_loop().create_task(self._lint_later(uri, delay))

    async def _lint_later(self, uri: str, delay: float) -> None:
        task = asyncio.current_task()
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.workspace.get_text_document(uri)
            version, text = document.version, document.source
            outcome = await asyncio.get_running_loop().run_in_executor(
                self._worker, self._lint, self.path_of(uri), text, self.languages.get(uri))
            if uri in self.languages and self.workspace.get_text_document(uri).version == version:
                self.publish(uri, version, text, outcome)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug here must not take the server down
            log.exception("copydesk: linting %s failed", uri)
        finally:
            if self._pending.get(uri) is task:
                del self._pending[uri]

    def _lint(self, path: str, text: str, language_id: str | None) -> Outcome:
        try:
            return self.linter.lint(path, text, language_id)
        except Exception as exc:  # a plugin's bug: report it, keep serving
            log.error("copydesk: %s\n%s", exc, traceback.format_exc())
            return Outcome(error=f"internal error: {exc!r}")

    def path_of(self, uri: str) -> str:
        return to_fs_path(uri) if uri.startswith("file:") else virtual_path(self.workspace.root_path, "untitled")

    def reload(self) -> None:
        """Data files changed: drop cached configs and packs, re-lint every open document."""
        self._worker.submit(self.linter.reload)
        self.clear_broken()
        for uri in self.languages:
            self.schedule(uri)

    # --- publishing ---------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def publish(self, uri: str, version: int | None, text: str, outcome: Outcome) -> None:
        if outcome.reloaded:
            self.clear_broken()
            for other in self.languages:
                if other != uri:
                    self.schedule(other)
        converter = PositionConverter(text, self.encoding)
        diagnostics = [to_diagnostic(r, converter, outcome.rules.get(r.rule)) for r in outcome.reports]
        self.published[uri] = Published(version, converter, outcome.reports, diagnostics, outcome.rules)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))
        if outcome.broken_file is not None:
            self.show_broken(outcome)
        elif outcome.error:
            self.tell(types.MessageType.Warning, f"copydesk: {self.path_of(uri)}: {outcome.error}")

    def show_broken(self, outcome: Outcome) -> None:
        where = outcome.broken_file
        try:
            with open(where.path, encoding="utf-8", errors="replace") as fh:
                text = fh.read()
        except OSError:
            text = ""
        uri = from_fs_path(where.path)
        self.broken.add(uri)
        diagnostic = data_error_diagnostic(where, PositionConverter(text, self.encoding))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic]))
        self.tell(types.MessageType.Error, f"copydesk: {outcome.error}")

    def clear_broken(self) -> None:
        for uri in self.broken:
            self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        self.broken.clear()
        self.told.clear()

    def tell(self, kind: types.MessageType, message: str) -> None:
        """Log every problem; pop each distinct one up once."""
        self.window_log_message(types.LogMessageParams(type=kind, message=message))
        if message not in self.told:
            self.told.add(message)
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    def current(self, uri: str) -> Published | None:
        """The published state, only while it describes the document's current text."""
        state = self.published.get(uri)
        if state is None or uri not in self.languages:
            return None
        return state if self.workspace.get_text_document(uri).version == state.version else None

    # --- documentation ------------------------------------------------------------------

    def rule(self, rule_id: str) -> Rule | None:
        for state in self.published.values():
            if rule_id in state.rules:
                return state.rules[rule_id]
        return None

    def docs_file(self, rule: Rule) -> str:
        from copydesk.commands.rules import render_explain

        if self._docs_dir is None:
            self._docs_dir = tempfile.mkdtemp(prefix="copydesk-rules-")
            atexit.register(shutil.rmtree, self._docs_dir, True)
        path = os.path.join(self._docs_dir, f"{rule.id}.md")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(render_explain(rule))
        return path

    def forget(self, uri: str) -> None:
        """A document closed: stop its lint and clear what the editor shows for it."""
        self.languages.pop(uri, None)
        self.published.pop(uri, None)
        pending = self._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def stop_work(self) -> None:
        for task in self._pending.values():
            task.cancel()
        self._pending.clear()
        self._worker.shutdown(wait=False, cancel_futures=True)


def build_server(linter: Linter | None = None, debounce_ms: int = DEFAULT_DEBOUNCE_MS) -> CopydeskServer:
    server = CopydeskServer(linter or Linter(), debounce_ms)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CopydeskServer, params: types.InitializeParams):
        options = params.initialization_options
        if isinstance(options, dict) and isinstance(options.get("debounceMs"), (int, float)):
            ls.debounce = max(0.0, options["debounceMs"] / 1000)

    @server.feature(types.INITIALIZED)
    def initialized(ls: CopydeskServer, params: types.InitializedParams):
        if get_capability(ls.client_capabilities,
                          "workspace.did_change_watched_files.dynamic_registration", False):
            watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in WATCHED_GLOBS]
            ls.client_register_capability(types.RegistrationParams(registrations=[types.Registration(
                id="copydesk-data-files",
                method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
            )]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopydeskServer, params: types.DidOpenTextDocumentParams):
        ls.languages[params.text_document.uri] = params.text_document.language_id
        ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopydeskServer, params: types.DidChangeTextDocumentParams):
        if params.text_document.uri in ls.languages:
            ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CopydeskServer, params: types.DidSaveTextDocumentParams):
        if params.text_document.uri in ls.languages:
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopydeskServer, params: types.DidCloseTextDocumentParams):
        ls.forget(params.text_document.uri)

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_files_changed(ls: CopydeskServer, params: types.DidChangeWatchedFilesParams):
        paths = [to_fs_path(change.uri) for change in params.changes if change.uri.startswith("file:")]
        if any(ls.linter.watch.concerns(path) for path in paths if path):
            ls.reload()

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: CopydeskServer, params: types.HoverParams):
        state = ls.current(params.text_document.uri)
        if state is None:
            return None
        where = state.converter.from_client(params.position.line, params.position.character)
        hits = state.at(where)
        if not hits:
            return None
        return types.Hover(
            contents=types.MarkupContent(kind=types.MarkupKind.Markdown,
                                         value=hover_markdown([state.reports[i] for i in hits], state.rules)),
            range=report_range(state.reports[hits[0]], state.converter),
        )

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: CopydeskServer, params: types.CodeActionParams):
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
            return []
        state = ls.current(params.text_document.uri)
        if state is None:
            return []
        start = state.converter.from_client(params.range.start.line, params.range.start.character)
        end = state.converter.from_client(params.range.end.line, params.range.end.character)
        found = [(state.reports[i], state.diagnostics[i]) for i in state.at(start, end)]
        return code_actions(params.text_document.uri, found, state.converter)

    @server.command(SHOW_DOCUMENTATION)
    def show_documentation(ls: CopydeskServer, rule_id: str):
        rule = ls.rule(rule_id)
        if rule is None:
            ls.tell(types.MessageType.Warning, f"copydesk: no rule {rule_id!r} in the open documents")
            return None
        if get_capability(ls.client_capabilities, "window.show_document.support", False):
            ls.window_show_document(types.ShowDocumentParams(
                uri=from_fs_path(ls.docs_file(rule)), take_focus=True))
        else:
            from copydesk.commands.rules import render_explain

            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Info,
                                                           message=render_explain(rule)))
        return None

    @server.feature(types.SHUTDOWN)
    def shutdown(ls: CopydeskServer, params: None):
        ls.shut_down = True
        ls.stop_work()

    return server
