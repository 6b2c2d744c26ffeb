"""Real builds for the build-edge tests: temp projects, the `manifest` CLI, `python -m build`, and a
venv holding our own wheel.

Everything is real: Debian's backends run through ``/usr/bin/python3 -m build -n -x``; the plugin is
our wheel, built by flit_core from ``python/`` and installed with pip (``--no-deps --no-index``)
into a ``venv --system-site-packages``, so hatchling finds the hook through its entry point and
frontends import the wrapper from site-packages. The venv is made once per test process (on first
use) and removed at exit. Manifests are written by the real CLI (``dist/cli/main.js``; ``npm test``
builds it first).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

TESTS = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(TESTS)
REPO = os.path.dirname(PYTHON_DIR)
CLI = os.path.join(REPO, "dist", "cli", "main.js")
VENDORED_HOOK = os.path.join(PYTHON_DIR, "vendor", "hatch_build.py")
SYSTEM_PYTHON = "/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable

#: Environment for every build: no user site, no PYTHONPATH leaking our package in from the test run.
BASE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
BASE_ENV.update(PYTHONNOUSERSITE="1", PYTHONDONTWRITEBYTECODE="1", NO_COLOR="1", SOURCE_DATE_EPOCH="1580601600")


def read_snippet(name: str, file: str = "README.md") -> str:
    """The fenced block after ``<!-- snippet: name -->`` in ``file`` (as test/helpers/working-tree.ts reads them)."""
    with open(os.path.join(REPO, file), encoding="utf-8") as handle:
        text = handle.read()
    match = re.search(r"<!-- snippet: " + re.escape(name) + r" -->\s*```\w*\n(.*?)```", text, re.S)
    if match is None:
        raise AssertionError(f"{file} has no snippet {name!r}")
    return match.group(1)


def _importable(python: str, module: str) -> bool:
    return subprocess.run([python, "-c", f"import {module}"], env=BASE_ENV, capture_output=True).returncode == 0


_probe: Dict[str, bool] = {}


def skip_unless_modules(*modules: str):
    """Skip a test class when the system Python lacks a backend (CI installs them: .ci/run)."""
    missing = []
    for module in modules:
        if module not in _probe:
            _probe[module] = _importable(SYSTEM_PYTHON, module)
        if not _probe[module]:
            missing.append(module)
    return unittest.skipIf(bool(missing), f"{SYSTEM_PYTHON} lacks {', '.join(missing)} (bash .ci/run installs it)")


def skip_unless_cli():
    return unittest.skipUnless(
        os.path.exists(CLI) and shutil.which("node") is not None, "needs node and dist/cli/main.js (npm run build)"
    )


def temp_dir(test: unittest.TestCase, prefix: str = "pm-build-") -> str:
    path = tempfile.mkdtemp(prefix=prefix)
    test.addCleanup(shutil.rmtree, path, True)
    return path


def write_tree(root: str, files: Dict[str, str]) -> str:
    """Write ``files`` (relative path → text) under ``root``; returns root."""
    for relative, text in files.items():
        path = os.path.join(root, *relative.split("/"))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    return root


def make_project(test: unittest.TestCase, files: Dict[str, str]) -> str:
    return write_tree(temp_dir(test), files)


@dataclass
class Run:
    code: int
    output: str

    @property
    def lines(self) -> List[str]:
        return self.output.splitlines()

    def ours(self) -> List[str]:
        """The lines the hook or the wrapper printed (findings, errors, notes and the verdict)."""
        return [
            line
            for line in self.lines
            if "error[" in line or "warning[" in line or line.startswith("pyproject-manifest:")
        ]


def run(command: Sequence[str], cwd: str, env: Optional[Dict[str, str]] = None) -> Run:
    result = subprocess.run(
        list(command),
        cwd=cwd,
        env=env if env is not None else BASE_ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return Run(result.returncode, result.stdout)


def cli(root: str, *args: str) -> Run:
    """The real `manifest` CLI in ``root``."""
    return run(["node", CLI, *args], cwd=root)


def cli_shim(test: unittest.TestCase) -> str:
    """A directory holding a `manifest` command that runs the built CLI: put it on PATH."""
    directory = temp_dir(test, "pm-bin-")
    path = os.path.join(directory, "manifest")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(f'#!/bin/sh\nexec node "{CLI}" "$@"\n')
    os.chmod(path, 0o755)
    return directory


def build(
    root: str,
    *flags: str,
    python: str = SYSTEM_PYTHON,
    path_prefix: Optional[str] = None,
) -> Run:
    """``python -m build -n -x`` in ``root``, into ``root/dist`` (emptied first)."""
    shutil.rmtree(os.path.join(root, "dist"), ignore_errors=True)
    env = dict(BASE_ENV)
    if path_prefix is not None:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env.get('PATH', '')}"
    return run([python, "-m", "build", "-n", "-x", "--outdir", "dist", *flags, "."], cwd=root, env=env)


def artifacts(root: str) -> List[str]:
    directory = os.path.join(root, "dist")
    return sorted(os.listdir(directory)) if os.path.isdir(directory) else []


class PluginVenv:
    """A venv with --system-site-packages and, unless ``ours`` is False, our own wheel installed by pip."""

    def __init__(self, ours: bool = True) -> None:
        self.dir = tempfile.mkdtemp(prefix="pm-venv-")
        atexit.register(shutil.rmtree, self.dir, True)
        venv = os.path.join(self.dir, "venv")
        # --without-pip: ensurepip takes ~15 s on a loaded machine; the system pip, seen through
        # --system-site-packages, installs into the venv just the same.
        made = run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", "--without-pip", venv], cwd=self.dir)
        if made.code != 0:
            raise RuntimeError(f"creating the venv failed:\n{made.output}")
        self.python = os.path.join(venv, "bin", "python")
        if not ours:
            return
        wheels = os.path.join(self.dir, "wheels")
        made = run([SYSTEM_PYTHON, "-m", "build", "-n", "-x", "--wheel", "--outdir", wheels, PYTHON_DIR], cwd=self.dir)
        if made.code != 0:
            raise RuntimeError(f"building our wheel failed:\n{made.output}")
        (wheel,) = [os.path.join(wheels, w) for w in os.listdir(wheels)]
        self.wheel = wheel
        installed = self.pip("install", "--no-deps", "--no-index", wheel, cwd=self.dir)
        if installed.code != 0:
            raise RuntimeError(f"installing our wheel failed:\n{installed.output}")

    def pip(self, *args: str, cwd: str) -> Run:
        return run([self.python, "-m", "pip", "--disable-pip-version-check", *args], cwd=cwd)


_venvs: Dict[bool, PluginVenv] = {}


def plugin_venv() -> PluginVenv:
    """The venv with our wheel installed (made once per test process)."""
    if True not in _venvs:
        _venvs[True] = PluginVenv()
    return _venvs[True]


def bare_venv() -> PluginVenv:
    """A venv with nothing of ours in it, for `pip install -e` of a project using the vendored hook."""
    if False not in _venvs:
        _venvs[False] = PluginVenv(ours=False)
    return _venvs[False]
