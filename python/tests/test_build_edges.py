"""The build edges without a build: the hook's options and the wrapper's `[tool.manifest.build]`
are read with one line per problem, and a failed check deletes the artifact. Real builds are in test_hatch_hook.py, test_wrap.py and test_vendored_hook.py."""

from __future__ import annotations

import io
import os
import unittest

from tests.builds import make_project, skip_unless_modules, write_tree

from pyproject_manifest.buildcheck import BuildCheckFailed, enforce, read_checked_manifest
from pyproject_manifest.wrap import read_backend_name


@skip_unless_modules("hatchling")
class HookOptionsTest(unittest.TestCase):
    WHERE = "tool.hatch.build.hooks.manifest"

    def read(self, config):
        from pyproject_manifest.hatch import read_hook_options

        return read_hook_options(config, self.WHERE)

    def test_defaults_and_hatchlings_own_keys(self) -> None:
        self.assertEqual(
            self.read({"enable-by-default": True, "dependencies": [], "path": "hatch_build.py"}),
            {"mode": "check", "on-mismatch": "error", "manifest": "pyproject-manifest.txt"},
        )
        self.assertEqual(
            self.read({"mode": "exact", "on-mismatch": "warn", "manifest": "release/files.txt"}),
            {"mode": "exact", "on-mismatch": "warn", "manifest": "release/files.txt"},
        )

    def test_every_problem_is_one_line(self) -> None:
        cases = [
            ({"mode": "strict"}, 'error[CONFIG_INVALID_VALUE] tool.hatch.build.hooks.manifest.mode must be "check" or "exact", not "strict"'),
            ({"on-mismatch": True}, 'error[CONFIG_INVALID_TYPE] tool.hatch.build.hooks.manifest.on-mismatch must be "error" or "warn", not true'),
            ({"manifest": "../x.txt"}, 'error[CONFIG_INVALID_VALUE] tool.hatch.build.hooks.manifest.manifest must be a path inside the project, not "../x.txt"'),
            ({"manifest": "/abs.txt"}, "manifest must be a path inside the project"),
            ({"mdoe": "exact"}, "error[CONFIG_UNKNOWN_KEY] unknown key `mdoe` in [tool.hatch.build.hooks.manifest]"),
        ]
        for config, expected in cases:
            with self.subTest(config):
                with self.assertRaises(BuildCheckFailed) as caught:
                    self.read(config)
                (line,) = caught.exception.lines
                self.assertTrue(line.startswith("pyproject.toml: error["), line)
                self.assertIn(expected, line)
        with self.assertRaises(BuildCheckFailed) as caught:
            self.read({"mode": 1, "extra": 2})
        self.assertEqual(len(caught.exception.lines), 2)


class WrapperConfigTest(unittest.TestCase):
    def backend(self, pyproject: str) -> str:
        return read_backend_name(write_tree(make_project(self, {}), {"pyproject.toml": pyproject}))

    def failure(self, pyproject: str) -> str:
        with self.assertRaises(BuildCheckFailed) as caught:
            self.backend(pyproject)
        (line,) = caught.exception.lines
        return line

    def test_reads_the_backend(self) -> None:
        self.assertEqual(self.backend('[tool.manifest.build]\nbackend = "flit_core.buildapi"\n'), "flit_core.buildapi")
        self.assertEqual(
            self.backend('[tool.manifest]\nbuild = { backend = "setuptools.build_meta:__legacy__" }\n'),
            "setuptools.build_meta:__legacy__",
        )

    def test_problems_name_the_key(self) -> None:
        self.assertIn("needs the real backend in [tool.manifest.build]", self.failure("[project]\nname = 'x'\n"))
        self.assertIn("tool.manifest.build.backend must be a string", self.failure("[tool.manifest.build]\nbackend = 1\n"))
        self.assertIn(
            "names the wrapper itself", self.failure('[tool.manifest.build]\nbackend = "pyproject_manifest.wrap"\n')
        )
        self.assertIn("error[CONFIG_TOML_SYNTAX]", self.failure("[tool.manifest.build\n"))
        with self.assertRaises(BuildCheckFailed) as caught:
            read_backend_name(make_project(self, {}))
        self.assertIn("error[PROJECT_NOT_FOUND]", caught.exception.lines[0])


class EnforceTest(unittest.TestCase):
    def test_a_failure_deletes_the_artifact_and_exits_with_the_lines(self) -> None:
        root = make_project(self, {"dist/x-1.0.tar.gz": "built"})
        artifact = os.path.join(root, "dist/x-1.0.tar.gz")
        with self.assertRaises(SystemExit) as caught:
            enforce(["a: error[X] one", "b: error[Y] two"], what="the sdist x", artifact=artifact, stream=io.StringIO())
        self.assertEqual(
            str(caught.exception.code),
            "a: error[X] one\nb: error[Y] two\npyproject-manifest: the sdist x does not match the manifest (2 problems) and was deleted",
        )
        self.assertFalse(os.path.exists(artifact))

    def test_warn_keeps_it_and_says_warning(self) -> None:
        root = make_project(self, {"dist/x-1.0.tar.gz": "built"})
        artifact = os.path.join(root, "dist/x-1.0.tar.gz")
        out = io.StringIO()
        enforce(["a: error[X] one"], what="the sdist x", on_mismatch="warn", artifact=artifact, stream=out)
        self.assertTrue(os.path.exists(artifact))
        self.assertEqual(
            out.getvalue().splitlines(),
            ["a: warning[X] one", 'pyproject-manifest: the sdist x does not match the manifest (1 problem); kept because on-mismatch = "warn"'],
        )

    def test_an_unpacked_sdist_without_the_manifest_is_not_checked(self) -> None:
        self.assertIsNone(read_checked_manifest(make_project(self, {"PKG-INFO": "Name: x\n"})))
        with self.assertRaises(BuildCheckFailed) as caught:
            read_checked_manifest(make_project(self, {"pyproject.toml": ""}))
        self.assertIn("error[MANIFEST_NOT_FOUND]", caught.exception.lines[0])


if __name__ == "__main__":
    unittest.main()
