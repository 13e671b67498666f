"""The plugin system: hook specs and their docs, a real third-party plugin installed into a
fresh virtual environment, broken plugins, and id clashes.

Entry-point plugins for the broken and clashing cases are made as bare ``*.dist-info``
folders on ``PYTHONPATH``: importlib.metadata finds them exactly as it finds installed ones.
"""

from __future__ import annotations

import inspect
import json
import os
import re
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest
from helpers import ROOT, run_cli

from copydesk import hookspecs, plugins

EXAMPLE = ROOT / "examples" / "copydesk-example-plugin"


def test_every_hookimpl_matches_a_hookspec():
    pm = plugins.get_plugin_manager()
    pm.check_pending()  # a misspelt hook name or argument raises here
    names = {name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction)}
    for plugin in pm.get_plugins():
        for impl in pm.get_hookcallers(plugin) or ():
            assert impl.name in names


def _hookspecs():
    return [f for name, f in inspect.getmembers(hookspecs, inspect.isfunction)
            if name.startswith("copydesk_")]


def test_every_hookspec_has_a_docstring_and_is_documented():
    docs = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    specs = _hookspecs()
    assert len(specs) >= 4
    for spec in specs:
        assert (spec.__doc__ or "").strip(), f"{spec.__name__} has no docstring"
        signature = f"{spec.__name__}({', '.join(inspect.signature(spec).parameters)})"
        assert f"### {signature}" in docs, f"docs/plugins.md does not document {signature}"


def _fake_distribution(folder: Path, name: str, module_source: str) -> None:
    """An installed-looking plugin: a module plus a dist-info with a ``copydesk`` entry point."""
    (folder / f"{name}.py").write_text(module_source, encoding="utf-8")
    info = folder / f"{name}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[copydesk]\n{name} = {name}\n", encoding="utf-8")


def test_plugin_that_fails_to_import_is_reported_and_skipped(tmp_path):
    _fake_distribution(tmp_path, "broken_plugin", "import no_such_module_anywhere\n")
    (tmp_path / "a.txt").write_text("Critics argue it will fail.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path)}
    proc = run_cli("check", "a.txt", "--select", "anonymous-source", cwd=tmp_path, env=env)
    err = proc.stderr.decode()
    assert "plugin 'broken_plugin' (broken_plugin) failed to load" in err
    assert "no_such_module_anywhere" in err and err.count("broken_plugin' (") == 1
    assert proc.returncode == 1 and b"anonymous-source" in proc.stdout  # the run went on
    rules = run_cli("rules", cwd=tmp_path, env=env)
    assert rules.returncode == 0 and "broken_plugin" in rules.stderr.decode()


def test_plugin_that_fails_to_register_is_reported_and_skipped(tmp_path):
    _fake_distribution(tmp_path, "raising_plugin", (
        "from copydesk.hookspecs import hookimpl\n"
        "@hookimpl\n"
        "def copydesk_register_checks(register, packs):\n"
        "    raise ValueError('misconfigured')\n"))
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    proc = run_cli("check", "a.txt", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert "plugin 'raising_plugin' failed to register: ValueError('misconfigured')" in proc.stderr.decode()
    assert proc.returncode == 0


CLASH = '''
from copydesk.api import Rule
from copydesk.hookspecs import hookimpl

class Clash:
    name = "clash"
    rules = (Rule(id="anonymous-source", category="attribution", severity="info", summary="again"),)
    def run(self, document, context):
        return ()

@hookimpl
def copydesk_register_checks(register, packs):
    register(Clash())
'''


def test_rule_id_clash_fails_naming_both_plugins(tmp_path):
    _fake_distribution(tmp_path, "clash_plugin", CLASH)
    (tmp_path / "a.txt").write_text("Fine.\n", encoding="utf-8")
    env = {"PYTHONPATH": str(tmp_path)}
    for args in (("check", "a.txt"), ("rules",)):
        proc = run_cli(*args, cwd=tmp_path, env=env)
        assert proc.returncode == 2
        err = proc.stderr.decode()
        assert "'anonymous-source'" in err and "'clash_plugin'" in err and "'copydesk.checks.pattern'" in err


def test_check_name_clash_fails_naming_both_plugins(tmp_path):
    _fake_distribution(tmp_path, "twin_plugin", CLASH.replace('"clash"', '"pattern"').replace(
        'id="anonymous-source"', 'id="twin-rule"'))
    proc = run_cli("rules", cwd=tmp_path, env={"PYTHONPATH": str(tmp_path)})
    assert proc.returncode == 2
    assert "'pattern'" in proc.stderr.decode() and "'twin_plugin'" in proc.stderr.decode()


def test_no_plugins_switch(tmp_path):
    _fake_distribution(tmp_path, "broken_plugin", "import no_such_module_anywhere\n")
    proc = run_cli("rules", env={"PYTHONPATH": str(tmp_path), "COPYDESK_NO_PLUGINS": "1"})
    assert proc.returncode == 0 and proc.stderr == b""


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory) -> Path:
    """A new virtual environment with copydesk and the example plugin pip-installed from
    wheels built here from the checkout: offline, no build isolation. Their dependencies come
    from this environment's site-packages through a ``.pth`` added after the install."""
    base = tmp_path_factory.mktemp("venv")
    env_dir, wheels = base / "env", base / "wheels"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input"]
    subprocess.run([*pip, "wheel", "-q", "--no-deps", "--no-build-isolation", "--no-index",
                    "-w", str(wheels), str(ROOT), str(EXAMPLE)], check=True, capture_output=True, timeout=300)
    subprocess.run([*pip, "--python", str(python), "install", "-q", "--no-deps", "--no-index",
                    *map(str, sorted(wheels.glob("*.whl")))], check=True, capture_output=True, timeout=300)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             check=True, capture_output=True, text=True).stdout.strip()
    Path(purelib, "_copydesk_test_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    exe = env_dir / ("Scripts/copydesk.exe" if os.name == "nt" else "bin/copydesk")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "COPYDESK_NO_PLUGINS")}
    return subprocess.run([str(exe), *args], cwd=cwd, capture_output=True, env=env, timeout=120)


def test_installed_example_plugin_is_discovered(fresh_venv, tmp_path):
    (tmp_path / "draft.md").write_text("# Results\n\nShares rose 40% on Tuesday!\n", encoding="utf-8")
    where = _run(fresh_venv, "--version", cwd=tmp_path)
    assert where.returncode == 0
    proc = _run(fresh_venv, "check", "--format", "json", "draft.md", cwd=tmp_path)
    data = json.loads(proc.stdout)
    (finding,) = [f for f in data["findings"] if f["rule"] == "exclamation-mark"]
    assert (finding["line"], finding["column"], finding["end_column"]) == (3, 27, 28)
    assert finding["category"] == "house-style" and finding["severity"] == "info"
    rules = _run(fresh_venv, "rules", cwd=tmp_path).stdout.decode()
    line = next(line for line in rules.splitlines() if line.startswith("exclamation-mark "))
    assert line.rstrip().endswith("[exclamation]")  # the entry point's name
    explain = _run(fresh_venv, "explain", "exclamation-mark", cwd=tmp_path).stdout.decode()
    assert "## Why is this bad?" in explain


def test_installed_copy_is_the_wheel_not_the_checkout(fresh_venv, tmp_path):
    python = fresh_venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    out = subprocess.run([str(python), "-c", "import copydesk, copydesk.packs as p; "
                          "print(copydesk.__file__); print(p.builtin_rules_dir())"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert str(fresh_venv) in out[0] and str(fresh_venv) in out[1]  # rules ship inside the wheel
    assert (Path(out[1]) / "house.yaml").is_file()


def test_example_plugin_own_tests_pass(fresh_venv):
    python = fresh_venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    proc = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "--rootdir",
                           str(EXAMPLE), "-c", os.devnull, str(EXAMPLE / "tests")],
                          capture_output=True, timeout=120, cwd=EXAMPLE)
    assert proc.returncode == 0, proc.stdout.decode() + proc.stderr.decode()


def _registered_rules():
    from copydesk.config import Config
    from copydesk.engine import Engine

    return sorted(Engine().registry(Config()).rules.values(), key=lambda r: r.id)


def example_filename(text: str) -> str:
    """The format an example is written in, guessed from its text."""
    stripped = text.lstrip()
    if stripped.startswith("<") and not stripped.startswith("<!-- copydesk"):
        return "example.html"
    if re.search(r"(?m)^(?:#{1,6} |---$)|\[\^\w+\]", text):
        return "example.md"
    return "example.txt"


SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


@pytest.mark.parametrize("rule", _registered_rules(), ids=lambda r: r.id)
def test_every_rule_documents_and_demonstrates_itself(rule):
    from copydesk.testing import lint_text

    assert rule.summary and rule.category and rule.severity in ("error", "warning", "info")
    positions = [rule.docs.find(heading) for heading in SECTIONS]
    assert -1 not in positions and positions == sorted(positions), f"{rule.id}: docs need {SECTIONS}"
    assert rule.bad.strip() and rule.good.strip(), f"{rule.id}: needs bad and good examples"
    options = dict(rule.example_options)
    if "skip" in options:
        pytest.skip(f"{rule.id}: {options['skip']}")
    filename = options.pop("filename", None)
    bad = lint_text(rule.bad, filename or example_filename(rule.bad), select=[rule.id], **options)
    assert rule.id in {r.rule for r in bad}, f"{rule.id}: its bad example is not flagged"
    good = lint_text(rule.good, filename or example_filename(rule.good), select=[rule.id], **options)
    assert rule.id not in {r.rule for r in good}, f"{rule.id}: its good example is flagged: {good}"
