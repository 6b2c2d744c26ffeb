"""The package itself: one version with the npm package, an import that does nothing, the entry point."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unittest

PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(PYTHON_DIR)

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None  # type: ignore[assignment]


class PackageTest(unittest.TestCase):
    def test_version_is_the_npm_version(self) -> None:
        import pyproject_manifest

        with open(os.path.join(REPO, "package.json"), encoding="utf-8") as handle:
            npm_version = json.load(handle)["version"]
        self.assertEqual(pyproject_manifest.__version__, npm_version)
        if tomllib is not None:
            with open(os.path.join(PYTHON_DIR, "pyproject.toml"), "rb") as handle:
                project = tomllib.load(handle)["project"]
            self.assertEqual(project["version"], npm_version)
            self.assertEqual(project["name"], "pyproject-manifest")
            self.assertEqual(
                project["entry-points"]["hatch"], {"manifest": "pyproject_manifest.hatch"}
            )

    def test_import_reads_nothing_prints_nothing_and_leaves_sys_path(self) -> None:
        code = (
            "import sys, builtins\n"
            "before = list(sys.path)\n"
            "opened = []\n"
            "real_open = builtins.open\n"
            "builtins.open = lambda *a, **k: (opened.append(a[0]), real_open(*a, **k))[1]\n"
            "import pyproject_manifest, pyproject_manifest.reader, pyproject_manifest.glob\n"
            "import pyproject_manifest.files, pyproject_manifest.describe, pyproject_manifest.archive\n"
            # The build edges too: installed plugins are imported by every hatchling build.
            "import pyproject_manifest.buildcheck, pyproject_manifest.wrap\n"
            "import importlib.util\n"
            "if importlib.util.find_spec('hatchling'): import pyproject_manifest.hatch\n"
            "assert sys.path == before, (before, sys.path)\n"
            "assert opened == [], opened\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=PYTHON_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.stderr, "")


if __name__ == "__main__":
    unittest.main()
