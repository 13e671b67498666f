"""A synchronous test session over pygls' LanguageClient, driving a real server process on stdio."""

from __future__ import annotations

import asyncio
import sys
import time
from collections import defaultdict
from pathlib import Path

from helpers import ROOT
from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.protocol import default_converter

HERE = Path(__file__).resolve().parent
PROBE_SERVER = HERE / "probe_server.py"


def _converter():
    """pygls' converter, except that a CodeAction carrying a ``command`` object stays a CodeAction.

    lsprotocol 2025.0.0 structures any result item with a ``command`` key as a Command; the
    specification tells them apart by the type of ``command`` (a string only in a Command).
    """
    converter = default_converter()

    def code_action_or_command(obj, _):
        kind = types.Command if isinstance(obj.get("command"), str) else types.CodeAction
        return converter.structure(obj, kind)

    converter.register_structure_hook(types.Command | types.CodeAction, code_action_or_command)
    return converter


class Session:
    """One server process. ``probe=True`` runs it with the probe plugin (tests/lsp/probe_plugin.py)."""

    def __init__(self, *args: str, probe: bool = True, encodings: list[str] | None = None,
                 watch_files: bool = True, show_document: bool = True, init_options: dict | None = None,
                 root: Path = ROOT, cwd: Path | None = None):
        self.loop = asyncio.new_event_loop()
        self.client = LanguageClient("copydesk-tests", "1", converter_factory=_converter)
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = defaultdict(list)
        self.messages: list[types.ShowMessageParams] = []
        self.logs: list[types.LogMessageParams] = []
        self.registrations: list[types.Registration] = []
        self.shown: list[types.ShowDocumentParams] = []
        self.arrivals: dict[tuple[str, int | None], float] = {}
        self._opened_at: dict[str, int] = {}  # publishes before the latest didOpen of a uri
        self._hook_features()
        command = [str(PROBE_SERVER)] if probe else ["-m", "copydesk", "lsp"]
        self.run(self.client.start_io(sys.executable, *command, *args, cwd=str(cwd or ROOT)))
        capabilities = types.ClientCapabilities(
            general=types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None,
            workspace=types.WorkspaceClientCapabilities(
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=watch_files)),
            window=types.WindowClientCapabilities(
                show_document=types.ShowDocumentClientCapabilities(support=show_document)),
        )
        self.initialize_result = self.run(self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities, root_uri=root.as_uri(), process_id=None,
            initialization_options=init_options)))
        self.client.initialized(types.InitializedParams())

    def _hook_features(self) -> None:
        client = self.client

        @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: types.PublishDiagnosticsParams):
            self.arrivals.setdefault((params.uri, params.version), time.perf_counter())
            self.published[params.uri].append(params)

        @client.feature(types.WINDOW_SHOW_MESSAGE)
        def show_message(params: types.ShowMessageParams):
            self.messages.append(params)

        @client.feature(types.WINDOW_LOG_MESSAGE)
        def log_message(params: types.LogMessageParams):
            self.logs.append(params)

        @client.feature(types.CLIENT_REGISTER_CAPABILITY)
        def register(params: types.RegistrationParams):
            self.registrations.extend(params.registrations)

        @client.feature(types.WINDOW_SHOW_DOCUMENT)
        def show_document(params: types.ShowDocumentParams):
            self.shown.append(params)
            return types.ShowDocumentResult(success=True)

    # --- plumbing -----------------------------------------------------------------------

    def run(self, awaitable, timeout: float = 20):
        return self.loop.run_until_complete(asyncio.wait_for(awaitable, timeout))

    def wait_until(self, predicate, timeout: float = 20, what: str = "condition"):
        async def poll():
            while not (value := predicate()):
                await asyncio.sleep(0.005)
            return value

        try:
            return self.run(poll(), timeout)
        except TimeoutError:
            raise AssertionError(f"timed out waiting for {what}") from None

    @property
    def encoding(self) -> str:
        return self.initialize_result.capabilities.position_encoding

    # --- documents ----------------------------------------------------------------------

    def open(self, uri: str, text: str, language_id: str = "plaintext", version: int = 1):
        self._opened_at[uri] = len(self.published[uri])
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language_id, version=version, text=text)))

    def change(self, uri: str, text: str, version: int):
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))

    def save(self, uri: str):
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def close_document(self, uri: str):
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def files_changed(self, *paths: Path):
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
            types.FileEvent(uri=p.as_uri(), type=types.FileChangeType.Changed) for p in paths]))

    def diagnostics(self, uri: str, version: int | None) -> list[types.Diagnostic]:
        """The diagnostics published for ``version`` of ``uri`` since it was last opened."""
        def found():
            for params in self.published[uri][self._opened_at.get(uri, 0):]:
                if params.version == version:
                    return params
            return None

        return list(self.wait_until(found, what=f"diagnostics for {uri} v{version}").diagnostics)

    def hover(self, uri: str, line: int, character: int) -> types.Hover | None:
        return self.run(self.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=line, character=character))))

    def code_actions(self, uri: str, rng: types.Range, diagnostics=(), only=None) -> list[types.CodeAction]:
        return self.run(self.client.text_document_code_action_async(types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
            context=types.CodeActionContext(diagnostics=list(diagnostics), only=only)))) or []

    def execute(self, command: types.Command):
        return self.run(self.client.workspace_execute_command_async(types.ExecuteCommandParams(
            command=command.command, arguments=command.arguments)))

    # --- ending -------------------------------------------------------------------------

    @property
    def alive(self) -> bool:
        return self.client._server is not None and self.client._server.returncode is None

    def close(self) -> int | None:
        """shutdown, exit; the server's exit status."""
        try:
            if self.alive:
                self.run(self.client.shutdown_async(None))
                self.client.exit(None)
                self.run(self.client._server.wait())
            returncode = self.client._server.returncode
            self.run(self.client.stop())
            return returncode
        finally:
            self.loop.close()


def position(text: str, line: int, needle: str, encoding: str = "utf-16") -> tuple[int, int]:
    """(start, end) character of ``needle`` on 0-based ``line``, computed independently of the server."""
    row = text.split("\n")[line]
    start = row.index(needle)
    unit = {"utf-16": 2, "utf-32": 4}.get(encoding)
    codec = {"utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, "utf-8")
    size = (lambda s: len(s.encode(codec)) // unit) if unit else (lambda s: len(s.encode("utf-8")))
    return size(row[:start]), size(row[:start + len(needle)])
