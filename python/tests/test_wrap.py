"""The checking wrapper `build-backend = "pyproject_manifest.wrap"`, imported from our own wheel in a
venv, around each of Debian 12's backends (setuptools 66, flit_core 3.8, poetry-core 1.4,
hatchling 1.12, pdm-pep517 1.1), on real builds.

One project per backend, with each backend's default configuration and a manifest written by the
real CLI from the default rules. The defaults disagree with the manifest in known ways, and the
wrapper must name exactly those differences, for the sdist and for the wheel (built separately
from the tree), and leave no artifact.
"""

from __future__ import annotations

import os
import unittest
from typing import Dict, List

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None  # type: ignore[assignment]

from tests.builds import (
    BASE_ENV,
    artifacts,
    build,
    cli,
    cli_shim,
    make_project,
    plugin_venv,
    read_snippet,
    run,
    skip_unless_cli,
    skip_unless_modules,
    write_tree,
)

COMMON: Dict[str, str] = {
    "README.md": "# demo\n",
    ".gitignore": "dist/\n",
    "src/demo_pkg/__init__.py": "VERSION = '1.0'\n",
    "src/demo_pkg/data.json": "{}\n",
    "tests/test_demo.py": "def test(): pass\n",
    # A nested .gitignore: git and the manifest leave debug.log out; which backends ship it?
    "src/demo_pkg/.gitignore": "*.log\n",
    "src/demo_pkg/debug.log": "token=abc\n",
}

PROJECT_TABLE = """\
[project]
name = "demo-pkg"
version = "1.0"
description = "A demo"
readme = "README.md"
"""

BACKENDS = {
    "setuptools": ("setuptools", "setuptools.build_meta", ""),
    "flit": ("flit_core", "flit_core.buildapi", ""),
    "poetry": (
        "poetry-core",
        "poetry.core.masonry.api",
        '\n[tool.poetry]\nname = "demo-pkg"\nversion = "1.0"\ndescription = "A demo"\nauthors = ["A <a@example.org>"]\n'
        'readme = "README.md"\npackages = [{ include = "demo_pkg", from = "src" }]\n',
    ),
    "hatchling": ("hatchling", "hatchling.build", ""),
    "pdm": ("pdm-pep517", "pdm.pep517.api", ""),
}


def pyproject(backend: str) -> str:
    requirement, name, tail = BACKENDS[backend]
    return (
        f'[build-system]\nrequires = ["{requirement}", "pyproject-manifest"]\nbuild-backend = "pyproject_manifest.wrap"\n\n'
        f"{PROJECT_TABLE}{tail}\n[tool.manifest.build]\nbackend = \"{name}\"\n"
    )


def extra(archive: str, member: str, target: str, path: str) -> str:
    return (
        f"dist/{archive}:{member}: error[ARCHIVE_EXTRA_FILE] [{target}] the archive holds {path}, which the manifest does not "
        "list (hint: exclude it from the build, or add it to [tool.manifest] and run `manifest update`)"
    )


def missing(archive: str, member: str, target: str, entry: str, path: str) -> str:
    return (
        f"dist/{archive}:{member}: error[ARCHIVE_MISSING_FILE] [{target}] {entry} is listed, but the archive has no {path} "
        "(hint: rebuild the archive, or fix the build configuration so that it ships the file)"
    )


def verdict(target: str, archive: str, count: int) -> str:
    return f"pyproject-manifest: the {target} dist/{archive} does not match the manifest ({count} problems) and was deleted".replace(
        "(1 problems)", "(1 problem)"
    )


@skip_unless_cli()
@skip_unless_modules("build", "setuptools", "flit_core", "poetry.core", "hatchling", "pdm.pep517")
class WrapperTest(unittest.TestCase):
    venv = None

    @classmethod
    def setUpClass(cls) -> None:
        cls.venv = plugin_venv()

    def project(self, backend: str, files: Dict[str, str] = {}) -> str:
        root = make_project(self, dict(COMMON, **{"pyproject.toml": pyproject(backend)}, **files))
        written = cli(root, "update")
        self.assertEqual(written.code, 0, written.output)
        return root

    def build(self, root: str, *flags: str):
        return build(root, *flags, python=self.venv.python)

    def assertFails(self, root: str, flag: str, expected: List[str]) -> None:
        result = self.build(root, flag)
        self.assertNotEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), expected, result.output)
        self.assertNotIn("Traceback", result.output)
        self.assertEqual(artifacts(root), [])

    @unittest.skipIf(tomllib is None, "needs tomllib (Python 3.11+)")
    def test_the_readme_snippet_is_the_setuptools_project_here(self) -> None:
        snippet = tomllib.loads(read_snippet("wrapper"))
        ours = tomllib.loads(pyproject("setuptools"))
        self.assertEqual(snippet["build-system"], ours["build-system"])
        self.assertEqual(snippet["tool"], ours["tool"])

    def test_hooks_are_exactly_those_of_the_real_backend(self) -> None:
        code = (
            "import importlib, sys\n"
            "import pyproject_manifest.wrap as w\n"
            "real = importlib.import_module(sys.argv[1])\n"
            "print(sorted(h for h in w.HOOKS if hasattr(w, h)) == sorted(h for h in w.HOOKS if hasattr(real, h)),\n"
            "      sorted(h for h in w.HOOKS if hasattr(w, h)))\n"
        )
        for backend, (_, name, _) in BACKENDS.items():
            with self.subTest(backend):
                root = self.project(backend)
                result = run([self.venv.python, "-c", code, name], cwd=root)
                self.assertTrue(result.output.startswith("True ["), result.output)

    def test_a_backend_without_the_optional_hooks_gets_none_of_them(self) -> None:
        # Debian's five backends have all eight hooks, so "only those" needs a backend that lacks
        # some: PEP 517's two mandatory hooks, passing through to flit_core. The frontend falls back
        # as it would without the wrapper, and the wheel is still checked.
        lib = make_project(
            self,
            {
                "two_hooks.py": "from flit_core import buildapi\n\n"
                "def build_sdist(sdist_directory, config_settings=None):\n"
                "    return buildapi.build_sdist(sdist_directory, config_settings)\n\n"
                "def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):\n"
                "    return buildapi.build_wheel(wheel_directory, config_settings, metadata_directory)\n"
            },
        )
        root = self.project("flit")
        with open(os.path.join(root, "pyproject.toml"), encoding="utf-8") as handle:
            text = handle.read()
        write_tree(root, {"pyproject.toml": text.replace('backend = "flit_core.buildapi"', 'backend = "two_hooks"')})
        env = dict(BASE_ENV, PYTHONPATH=lib)
        code = "import pyproject_manifest.wrap as w\nprint([h for h in w.HOOKS if hasattr(w, h)])\n"
        self.assertEqual(run([self.venv.python, "-c", code], cwd=root, env=env).output.strip(), "['build_sdist', 'build_wheel']")
        result = run([self.venv.python, "-m", "build", "-n", "-x", "--wheel", "--outdir", "dist", "."], cwd=root, env=env)
        self.assertNotEqual(result.code, 0)
        wheel = "demo_pkg-1.0-py2.py3-none-any.whl"
        self.assertEqual(
            result.ours(), [extra(wheel, "demo_pkg/debug.log", "wheel", "demo_pkg/debug.log"), verdict("wheel", wheel, 1)]
        )

    def test_with_the_cli_on_path_a_stale_manifest_fails_before_building(self) -> None:
        root = self.project("flit")
        write_tree(root, {"src/demo_pkg/extra.py": "X = 1\n"})
        result = build(root, "--sdist", python=self.venv.python, path_prefix=cli_shim(self))
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            [line.split("] ")[0] + "]" if "error[" in line else line for line in result.ours()],
            [
                "pyproject-manifest.txt: error[UNLISTED_FILE]",
                "pyproject-manifest.txt: error[UNLISTED_FILE]",
                "pyproject-manifest: the sdist was not built (2 problems)",
            ],
        )
        self.assertIn("mod: src/demo_pkg/extra.py -> src/demo_pkg/extra.py is selected by the rules", result.ours()[0])
        self.assertEqual(artifacts(root), [])

    def assertDefaultsFail(
        self,
        backend: str,
        sdist: str,
        missing_files: List[str],
        extra_files: List[str],
        wheel: str,
        wheel_missing: List[str] = [],
        wheel_extra: List[str] = [],
    ) -> None:
        """The sdist and the wheel (each from the tree) fail with exactly these differences: tree
        paths the sdist lacks or adds, package files (below src/) the wheel lacks or adds."""
        root = self.project(backend)
        top = sdist[: -len(".tar.gz")] + "/"
        lines = [missing(sdist, top + p, "sdist", f"mod: {p} -> {p}", p) for p in missing_files]
        lines += [extra(sdist, top + p, "sdist", p) for p in extra_files]
        self.assertFails(root, "--sdist", lines + [verdict("sdist", sdist, len(lines))])
        lines = [missing(wheel, p, "wheel", f"mod: src/{p} -> {p}", p) for p in wheel_missing]
        lines += [extra(wheel, p, "wheel", p) for p in wheel_extra]
        self.assertFails(root, "--wheel", lines + [verdict("wheel", wheel, len(lines))])

    def test_setuptools_defaults_fail_with_each_difference(self) -> None:
        # setuptools 66 without MANIFEST.in: no .gitignore, tests or package data in the sdist; no
        # package data in the wheel. Its egg-info and setup.cfg are known gen: lines of the manifest.
        self.assertDefaultsFail(
            "setuptools",
            "demo-pkg-1.0.tar.gz",
            [".gitignore", "pyproject-manifest.txt", "src/demo_pkg/.gitignore", "src/demo_pkg/data.json", "tests/test_demo.py"],
            [],
            "demo_pkg-1.0-py3-none-any.whl",
            wheel_missing=["demo_pkg/.gitignore", "demo_pkg/data.json"],
        )

    def test_flit_defaults_fail_with_each_difference(self) -> None:
        # flit_core 3.8 without VCS: the package and the metadata files only, but the whole
        # package directory, so the file a nested .gitignore hides ships.
        self.assertDefaultsFail(
            "flit",
            "demo-pkg-1.0.tar.gz",
            [".gitignore", "pyproject-manifest.txt", "tests/test_demo.py"],
            ["src/demo_pkg/debug.log"],
            "demo_pkg-1.0-py2.py3-none-any.whl",
            wheel_extra=["demo_pkg/debug.log"],
        )

    def test_poetry_defaults_fail_with_each_difference(self) -> None:
        # poetry-core 1.4: like flit (its generated setup.py is a known gen: line of the manifest).
        self.assertDefaultsFail(
            "poetry",
            "demo_pkg-1.0.tar.gz",
            [".gitignore", "pyproject-manifest.txt", "tests/test_demo.py"],
            ["src/demo_pkg/debug.log"],
            "demo_pkg-1.0-py2.py3-none-any.whl",
            wheel_extra=["demo_pkg/debug.log"],
        )

    def test_hatchling_defaults_fail_with_each_difference(self) -> None:
        # hatchling 1.12 agrees with the default rules except for the nested .gitignore.
        self.assertDefaultsFail(
            "hatchling",
            "demo_pkg-1.0.tar.gz",
            [],
            ["src/demo_pkg/debug.log"],
            "demo_pkg-1.0-py2.py3-none-any.whl",
            wheel_extra=["demo_pkg/debug.log"],
        )

    def test_pdm_defaults_fail_with_each_difference(self) -> None:
        # pdm-pep517 1.1: like flit. It rewrites pyproject.toml in the sdist, which the pdm profile
        # knows: the manifest lists it as an alt: line, so its bytes are not compared.
        self.assertDefaultsFail(
            "pdm",
            "demo-pkg-1.0.tar.gz",
            [".gitignore", "pyproject-manifest.txt"],
            ["src/demo_pkg/debug.log"],
            "demo_pkg-1.0-py3-none-any.whl",
            wheel_extra=["demo_pkg/debug.log"],
        )

    def test_pip_install_editable_goes_through_unchecked(self) -> None:
        # build_editable is the real backend's own: an editable wheel holds a path redirect, not
        # the files (flit's would fail the check: it ships debug.log).
        root = self.project("flit")
        installed = self.venv.pip("install", "--no-build-isolation", "--no-deps", "--no-index", "-e", ".", cwd=root)
        self.addCleanup(self.venv.pip, "uninstall", "-y", "demo-pkg", cwd=root)
        self.assertEqual(installed.code, 0, installed.output)
        where = run([self.venv.python, "-c", "import demo_pkg; print(demo_pkg.__file__)"], cwd=self.venv.dir)
        self.assertEqual(where.output.strip(), os.path.join(root, "src", "demo_pkg", "__init__.py"))

    def test_a_matching_build_passes_and_validate_agrees(self) -> None:
        # Without the file the nested .gitignore hides, hatchling's defaults match the manifest:
        # the sdist, then the wheel from it, are built and kept.
        root = self.project("hatchling")
        os.remove(os.path.join(root, "src/demo_pkg/debug.log"))
        result = self.build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), [])
        built = artifacts(root)
        self.assertEqual(built, ["demo_pkg-1.0-py2.py3-none-any.whl", "demo_pkg-1.0.tar.gz"])
        checked = cli(root, "validate", *(f"dist/{name}" for name in built))
        self.assertEqual((checked.code, checked.output), (0, ""))

    def test_without_the_backend_key_it_says_what_to_add(self) -> None:
        root = self.project("flit")
        with open(os.path.join(root, "pyproject.toml"), encoding="utf-8") as handle:
            text = handle.read()
        write_tree(root, {"pyproject.toml": text.split("[tool.manifest.build]")[0]})
        result = self.build(root, "--sdist")
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            [
                "pyproject.toml: error[CONFIG_INVALID_VALUE] pyproject_manifest.wrap needs the real backend in "
                '[tool.manifest.build] (hint: add [tool.manifest.build] backend = "setuptools.build_meta" (or your backend))'
            ],
        )
        self.assertNotIn("Traceback", result.output)

    def test_an_unpacked_sdist_without_its_manifest_builds_unchecked(self) -> None:
        # A project may exclude the manifest from its sdist; a wheel is still built from that sdist.
        root = self.project("flit")
        os.remove(os.path.join(root, "pyproject-manifest.txt"))
        write_tree(root, {"PKG-INFO": "Metadata-Version: 2.1\nName: demo-pkg\nVersion: 1.0\n"})
        result = self.build(root, "--wheel")
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(
            result.ours(),
            ["pyproject-manifest: note: this unpacked sdist has no pyproject-manifest.txt; the wheel is not checked"],
        )

if __name__ == "__main__":
    unittest.main()
