"""The package itself: one version with the npm package, an import that does nothing, the entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

from tests.builds import read_snippet

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


class ReadmeTest(unittest.TestCase):
    def test_the_api_snippet_runs_on_a_real_project_and_its_sdist(self) -> None:
        # python/README.md's example, in a copy of a committed fixture project with its sdist (built
        # by Debian's flit_core, scripts/build-archive-fixtures.sh) where the example expects it.
        root = tempfile.mkdtemp(prefix="pm-py-readme-")
        self.addCleanup(shutil.rmtree, root, True)
        project = os.path.join(root, "project")
        shutil.copytree(os.path.join(REPO, "fixtures", "packages", "flit-demo"), project)
        os.mkdir(os.path.join(project, "dist"))
        sdist = os.path.join(REPO, "fixtures", "archives", "flit_core", "fixture-flit-1.0.tar.gz")
        shutil.copyfile(sdist, os.path.join(project, "dist", "fixture-flit-1.0.tar.gz"))
        code = read_snippet("python-api", "python/README.md").replace("proj-1.0.tar.gz", "fixture-flit-1.0.tar.gz")
        self.assertIn("fixture-flit-1.0.tar.gz", code)
        result = subprocess.run(
            [sys.executable, "-c", code + "print([str(p) for p in problems])\n"],
            cwd=project,
            env=dict(os.environ, PYTHONPATH=PYTHON_DIR),
            capture_output=True,
            text=True,
            check=False,
        )
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, "[]\n", ""))


if __name__ == "__main__":
    unittest.main()
