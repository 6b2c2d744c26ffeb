"""The vendored hook `python/vendor/hatch_build.py`: up to date with the package, and set up by
`manifest init --hatch-hook` in a project with nothing installed but Debian's hatchling
(`[tool.hatch.build.hooks.custom]`), including the wheel that `python -m build` makes from the
sdist (which must ship the file). Its behaviour on each kind of difference is tested with the
installed plugin's, by the same tests (test_hatch_hook.py, VendoredHookTest)."""

from __future__ import annotations

import os
import tarfile
import unittest

from tests.builds import (
    BASE_ENV,
    PYTHON_DIR,
    SYSTEM_PYTHON,
    VENDORED_HOOK,
    artifacts,
    build,
    cli,
    cli_shim,
    make_project,
    read_snippet,
    run,
    skip_unless_cli,
    skip_unless_modules,
)

PROJECT = {
    "pyproject.toml": '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "tinycalc"\nversion = "2.0"\n',
    ".gitignore": "dist/\n",
    "tinycalc/__init__.py": "def add(a, b):\n    return a + b\n",
}


class VendoredFileTest(unittest.TestCase):
    def test_the_committed_file_is_what_vendor_py_writes(self) -> None:
        result = run([SYSTEM_PYTHON, os.path.join(PYTHON_DIR, "tools", "vendor.py"), "--check"], cwd=PYTHON_DIR)
        self.assertEqual((result.code, result.output), (0, ""))

    def test_it_opens_with_the_marker_and_needs_only_hatchling(self) -> None:
        with open(VENDORED_HOOK, encoding="utf-8") as handle:
            text = handle.read()
        self.assertTrue(text.startswith("# hatch_build.py: the pyproject-manifest hatchling build hook, vendored"))
        self.assertNotRegex(text, r"(?m)^\s*(from \.|import pyproject_manifest|from pyproject_manifest)")


@skip_unless_cli()
@skip_unless_modules("build", "hatchling")
class VendoredBuildTest(unittest.TestCase):
    def project(self) -> str:
        """A hatchling project set up as the README says: `manifest init --hatch-hook`."""
        root = make_project(self, PROJECT)
        written = cli(root, "init", "--hatch-hook")
        self.assertEqual(written.code, 0, written.output)
        with open(os.path.join(root, "hatch_build.py"), encoding="utf-8") as mine, open(VENDORED_HOOK, encoding="utf-8") as ours:
            self.assertEqual(mine.read(), ours.read())
        return root

    def test_the_readme_snippet_runs_as_written(self) -> None:
        # The snippet's commands, with `manifest` on PATH and the build without isolation (the
        # frontend would otherwise fetch hatchling from an index).
        lines = read_snippet("vendored-hook").splitlines()
        self.assertEqual(lines, ["manifest init --hatch-hook", "python -m build"])
        root = make_project(self, PROJECT)
        script = "\n".join(lines).replace("python -m build", f"{SYSTEM_PYTHON} -m build -n -x")
        env = dict(BASE_ENV, PATH=f"{cli_shim(self)}{os.pathsep}{BASE_ENV.get('PATH', '')}")
        result = run(["bash", "-e", "-c", script], cwd=root, env=env)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(artifacts(root), ["tinycalc-2.0-py2.py3-none-any.whl", "tinycalc-2.0.tar.gz"])

    def test_nothing_is_installed(self) -> None:
        result = run([SYSTEM_PYTHON, "-c", "import pyproject_manifest"], cwd=make_project(self, {}), env=BASE_ENV)
        self.assertNotEqual(result.code, 0, "pyproject_manifest is importable by the system Python")

    def test_a_clean_project_builds_the_sdist_and_the_wheel_from_it(self) -> None:
        root = self.project()
        result = build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), [])
        self.assertEqual(artifacts(root), ["tinycalc-2.0-py2.py3-none-any.whl", "tinycalc-2.0.tar.gz"])
        with tarfile.open(os.path.join(root, "dist", "tinycalc-2.0.tar.gz")) as archive:
            self.assertIn("tinycalc-2.0/hatch_build.py", archive.getnames())
        checked = cli(root, "validate", "dist/tinycalc-2.0.tar.gz", "dist/tinycalc-2.0-py2.py3-none-any.whl")
        self.assertEqual((checked.code, checked.output), (0, ""))


if __name__ == "__main__":
    unittest.main()
