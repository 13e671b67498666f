"""Fixtures for the HTML report tests: a test plugin with findings, and a headless Chromium.

The browser is Debian's ``chromium`` (or ``$COPYDESK_CHROMIUM``), driven by the ``playwright``
package; ``playwright install`` is never needed. Browser tests are skipped, saying why, only
when no Chromium can be found or launched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from helpers import ROOT

PLUGIN_DIR = Path(__file__).parent / "plugin"
ARTIFACTS = ROOT / "test-artifacts" / "report"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="session")
def fixture_plugin_env(tmp_path_factory) -> dict:
    """Environment that makes the CLI load ``copydesk_report_fixture`` as an entry-point plugin."""
    site = tmp_path_factory.mktemp("site")
    info = site / "copydesk_report_fixture-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: copydesk-report-fixture\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[copydesk]\nreport-fixture = copydesk_report_fixture\n")
    path = os.pathsep.join([str(site), str(PLUGIN_DIR), os.environ.get("PYTHONPATH", "")])
    return {"PYTHONPATH": path.rstrip(os.pathsep), "SOURCE_DATE_EPOCH": "1767225600"}


def chromium_path() -> str | None:
    for candidate in (os.environ.get("COPYDESK_CHROMIUM"), shutil.which("chromium"),
                      shutil.which("chromium-browser"), "/usr/bin/chromium"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    executable = chromium_path()
    if executable is None:
        pytest.skip("no Chromium found (install Debian's `chromium` or set COPYDESK_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright package is not installed (pip install -e '.[test]')")
    manager = sync_playwright().start()
    profile = tmp_path_factory.mktemp("chromium-profile")
    try:
        context = manager.chromium.launch_persistent_context(
            str(profile), executable_path=executable, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900}, device_scale_factor=1,
        )
    except Exception as exc:  # an unlaunchable browser is an environment problem, not a failure
        manager.stop()
        pytest.skip(f"Chromium at {executable} could not be launched: {str(exc).splitlines()[0]}")
    yield context
    context.close()
    manager.stop()


@pytest.fixture
def page(browser):
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    page.js_errors = errors
    yield page
    page.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
