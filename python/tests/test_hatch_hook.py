"""The hatchling hook on real builds by Debian's hatchling 1.12, by both routes (#10):

- installed: `[tool.hatch.build.hooks.manifest]`, our own wheel pip-installed into a venv, so
  hatchling finds the hook through the `hatch` entry point (InstalledHookTest);
- vendored: `[tool.hatch.build.hooks.custom]` running the self-contained `hatch_build.py` in the
  project, with nothing installed: the system Python's own hatchling (VendoredHookTest).

Each test writes one small src-layout project, has the real CLI write its manifest, changes one
thing, and builds with `python -m build -n -x` (the sdist, then the wheel from the unpacked sdist).
The same tests run for both routes (HookBehaviour); what only one route has is in its own class.
"""

from __future__ import annotations

import os
import shutil
import tarfile
import unittest
import zipfile
from typing import Dict, List

from tests.builds import (
    SYSTEM_PYTHON,
    VENDORED_HOOK,
    artifacts,
    bare_venv,
    build,
    cli,
    cli_shim,
    make_project,
    plugin_venv,
    read_snippet,
    run,
    skip_unless_cli,
    skip_unless_modules,
)

#: The README's snippet, as a user copies it, with the project's own table after it.
HOOK_SNIPPET = read_snippet("hatchling-hook")
HOOK_TABLE = "[tool.hatch.build.hooks.manifest]\n"
PROJECT_TABLE = '[project]\nname = "acme-widgets"\nversion = "1.0"\nreadme = "README.md"\n'
PYPROJECT = f"{HOOK_SNIPPET}\n{PROJECT_TABLE}"
#: The vendored route: hatchling alone in requires, the custom hook table running hatch_build.py.
VENDORED_PYPROJECT = (
    '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n'
    "[tool.hatch.build.hooks.custom]\n\n" + PROJECT_TABLE
)

PROJECT: Dict[str, str] = {
    "pyproject.toml": PYPROJECT,
    "README.md": "# acme\n",
    ".gitignore": "dist/\n",
    "src/acme_widgets/__init__.py": "VERSION = '1.0'\n",
    "src/acme_widgets/data/table.json": "{}\n",
    # hatchling honours the root .gitignore only: this one hides debug.log from git and from the
    # manifest, not from hatchling.
    "src/acme_widgets/data/.gitignore": "*.log\n",
}

SDIST = "acme_widgets-1.0.tar.gz"
WHEEL = "acme_widgets-1.0-py2.py3-none-any.whl"


def sdist_members(root: str) -> List[str]:
    with tarfile.open(os.path.join(root, "dist", SDIST)) as archive:
        return sorted(m.name.split("/", 1)[1] for m in archive.getmembers() if m.isfile())


def wheel_members(root: str) -> List[str]:
    with zipfile.ZipFile(os.path.join(root, "dist", WHEEL)) as archive:
        return sorted(n for n in archive.namelist() if ".dist-info/" not in n)


def manifest_line(root: str, entry: str) -> int:
    """The 1-based line of ``entry`` in the project's manifest."""
    with open(os.path.join(root, "pyproject-manifest.txt"), encoding="utf-8") as handle:
        return handle.read().splitlines().index(entry) + 1


class HookBehaviour:
    """The hook's behaviour, the same by either route; a subclass says how a project uses the hook."""

    #: The hook's table, as messages name it.
    table = ""
    #: Files the route adds to the sdist (hatch_build.py for the vendored hook).
    route_files: List[str] = []

    def pyproject(self, options: str, tail: str) -> str:
        raise NotImplementedError

    def prepare(self, root: str) -> None:
        """Put in the project what the route needs beyond pyproject.toml."""

    def python(self) -> str:
        """The Python that builds: the venv's or the system's."""
        raise NotImplementedError

    def editable_venv(self):
        raise NotImplementedError

    def project(self, extra: Dict[str, str] = {}, options: str = "", tail: str = "") -> str:
        """The project with ``extra`` files, hook ``options`` and a pyproject ``tail``; its manifest written by the CLI."""
        files = dict(PROJECT, **extra)
        files["pyproject.toml"] = self.pyproject(options, tail)
        root = make_project(self, files)
        self.prepare(root)
        written = cli(root, "update")
        self.assertEqual(written.code, 0, written.output)
        return root

    def build(self, root: str, *flags: str, path_prefix=None):
        return build(root, *flags, python=self.python(), path_prefix=path_prefix)

    def test_a_clean_project_builds_and_validate_agrees(self) -> None:
        root = self.project()
        result = self.build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), [])
        self.assertEqual(artifacts(root), [WHEEL, SDIST])
        checked = cli(root, "validate", f"dist/{SDIST}", f"dist/{WHEEL}")
        self.assertEqual((checked.code, checked.output), (0, ""))

    def test_an_unlisted_file_fails_the_build_names_the_file_and_leaves_no_artifact(self) -> None:
        root = self.project()
        with open(os.path.join(root, "src/acme_widgets/local_settings.py"), "w") as handle:
            handle.write("SECRET = 'x'\n")
        result = self.build(root)
        self.assertNotEqual(result.code, 0)
        # Exactly what the README shows.
        self.assertEqual(result.ours(), read_snippet("hatchling-hook-output").splitlines())
        self.assertNotIn("Traceback", result.output)
        self.assertEqual(artifacts(root), [])

    def test_the_wheel_alone_is_checked_too(self) -> None:
        root = self.project()
        with open(os.path.join(root, "src/acme_widgets/local_settings.py"), "w") as handle:
            handle.write("SECRET = 'x'\n")
        result = self.build(root, "--wheel")
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours()[0],
            f"dist/{WHEEL}:acme_widgets/local_settings.py: error[ARCHIVE_EXTRA_FILE] [wheel] the archive holds "
            "acme_widgets/local_settings.py, which the manifest does not list (hint: exclude it from the build, or add it "
            "to [tool.manifest] and run `manifest update`)",
        )
        self.assertEqual(artifacts(root), [])

    def test_a_file_hidden_only_by_a_nested_gitignore_fails_in_check_mode(self) -> None:
        root = self.project({"src/acme_widgets/data/debug.log": "token=abc\n"})
        result = self.build(root)
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            [line.split(": error[")[0] for line in result.ours()[:-1]],
            [f"dist/{SDIST}:acme_widgets-1.0/src/acme_widgets/data/debug.log"],
        )
        self.assertEqual(artifacts(root), [])

    def test_exact_mode_ships_exactly_the_manifest(self) -> None:
        # debug.log (hidden by the nested .gitignore only) is not shipped, and the map to {data},
        # which hatchling's own config does not say, is.
        root = self.project(
            {"src/acme_widgets/data/debug.log": "token=abc\n", "scripts/acme-report": "#!/bin/sh\necho report\n"},
            options='mode = "exact"\n',
            tail='\n[tool.manifest.wheel]\nmap = { "scripts/acme-report" = "{data}/scripts/acme-report" }\n',
        )
        result = self.build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(
            sdist_members(root),
            sorted([
                ".gitignore",
                "PKG-INFO",
                "README.md",
                *self.route_files,
                "pyproject-manifest.txt",
                "pyproject.toml",
                "scripts/acme-report",
                "src/acme_widgets/__init__.py",
                "src/acme_widgets/data/.gitignore",
                "src/acme_widgets/data/table.json",
            ]),
        )
        self.assertEqual(
            wheel_members(root),
            [
                "acme_widgets-1.0.data/scripts/acme-report",
                "acme_widgets/__init__.py",
                "acme_widgets/data/.gitignore",
                "acme_widgets/data/table.json",
            ],
        )
        checked = cli(root, "validate", f"dist/{SDIST}", f"dist/{WHEEL}")
        self.assertEqual((checked.code, checked.output), (0, ""))

    def test_a_listed_source_that_is_missing_fails_before_building(self) -> None:
        root = self.project()
        os.remove(os.path.join(root, "src/acme_widgets/data/table.json"))
        line = manifest_line(root, "mod: src/acme_widgets/data/table.json -> src/acme_widgets/data/table.json")
        result = self.build(root)
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            [
                f"pyproject-manifest.txt:{line}: error[MISSING_SOURCE] [sdist] mod: src/acme_widgets/data/table.json -> "
                "src/acme_widgets/data/table.json: source src/acme_widgets/data/table.json does not exist (hint: restore the "
                "file, or run `manifest update` to drop the entry)",
                "pyproject-manifest: the sdist was not built (1 problem)",
            ],
        )
        self.assertEqual(artifacts(root), [])

    def test_a_broken_manifest_fails_with_its_code_and_line(self) -> None:
        root = self.project()
        path = os.path.join(root, "pyproject-manifest.txt")
        number = manifest_line(root, "mod: README.md -> README.md")
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace("mod: README.md -> README.md", "mod: README.md => README.md"))
        result = self.build(root)
        self.assertNotEqual(result.code, 0)
        (line,) = result.ours()
        self.assertRegex(line, rf"^pyproject-manifest\.txt:{number}:\d+: error\[MANIFEST_SYNTAX\] ")
        self.assertEqual(artifacts(root), [])

    def test_no_manifest_in_a_source_checkout_fails(self) -> None:
        root = self.project()
        os.remove(os.path.join(root, "pyproject-manifest.txt"))
        result = self.build(root)
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            ["pyproject-manifest.txt: error[MANIFEST_NOT_FOUND] does not exist (hint: run `manifest generate` to create it)"],
        )

    def test_on_mismatch_warn_keeps_the_artifact(self) -> None:
        root = self.project(options='on-mismatch = "warn"\n')
        with open(os.path.join(root, "src/acme_widgets/local_settings.py"), "w") as handle:
            handle.write("SECRET = 'x'\n")
        result = self.build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(artifacts(root), [WHEEL, SDIST])
        self.assertIn(
            f"pyproject-manifest: the sdist dist/{SDIST} does not match the manifest (1 problem); kept because "
            'on-mismatch = "warn"',
            result.ours(),
        )
        self.assertTrue(result.ours()[0].startswith(f"dist/{SDIST}:acme_widgets-1.0/src/acme_widgets/local_settings.py: warning[ARCHIVE_EXTRA_FILE]"))

    def test_with_the_cli_on_path_a_stale_manifest_fails_before_building(self) -> None:
        root = self.project()
        with open(os.path.join(root, "src/acme_widgets/local_settings.py"), "w") as handle:
            handle.write("SECRET = 'x'\n")
        result = self.build(root, path_prefix=cli_shim(self))
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            [
                "pyproject-manifest.txt: error[UNLISTED_FILE] [sdist] mod: src/acme_widgets/local_settings.py -> "
                "src/acme_widgets/local_settings.py is selected by the rules but not listed (hint: run `manifest update` to "
                "add it, or exclude it in [tool.manifest])",
                "pyproject-manifest.txt: error[UNLISTED_FILE] [wheel] mod: src/acme_widgets/local_settings.py -> "
                "acme_widgets/local_settings.py is selected by the rules but not listed (hint: run `manifest update` to add "
                "it, or exclude it in [tool.manifest])",
                "pyproject-manifest: the sdist was not built (2 problems)",
            ],
        )
        self.assertEqual(artifacts(root), [])

    def test_a_bad_option_is_one_line_naming_the_key(self) -> None:
        root = self.project(options='mode = "fast"\nstrict = true\n')
        result = self.build(root, "--sdist")
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            [
                f"pyproject.toml: error[CONFIG_INVALID_VALUE] {self.table}.mode must be \"check\" or "
                "\"exact\", not \"fast\"",
                f"pyproject.toml: error[CONFIG_UNKNOWN_KEY] unknown key `strict` in [{self.table}] (hint: "
                "valid keys here: `mode`, `on-mismatch`, `manifest`)",
            ],
        )
        self.assertNotIn("Traceback", result.output)

    def test_pip_install_editable_still_works(self) -> None:
        # hatchling's default editable wheel needs the `editables` package, which Debian 12 does
        # not ship; dev-mode-dirs gives the .pth form, which needs nothing.
        root = self.project(tail='\n[tool.hatch.build]\ndev-mode-dirs = ["src"]\n')
        venv = self.editable_venv()
        prefix = os.path.join(os.path.dirname(venv.python), "..")
        installed = venv.pip("install", "--no-build-isolation", "--no-deps", "--no-index", "-e", ".", cwd=root)
        self.addCleanup(venv.pip, "uninstall", "-y", "acme-widgets", cwd=root)
        self.assertEqual(installed.code, 0, installed.output)
        where = run([venv.python, "-c", "import acme_widgets; print(acme_widgets.__file__)"], cwd=prefix)
        self.assertEqual(where.output.strip(), os.path.join(root, "src", "acme_widgets", "__init__.py"))


@skip_unless_cli()
@skip_unless_modules("build", "hatchling")
class InstalledHookTest(HookBehaviour, unittest.TestCase):
    """The plugin from our wheel in a venv: `[tool.hatch.build.hooks.manifest]`, the entry point."""

    table = "tool.hatch.build.hooks.manifest"
    venv = None

    @classmethod
    def setUpClass(cls) -> None:
        cls.venv = plugin_venv()

    def pyproject(self, options: str, tail: str) -> str:
        return PYPROJECT.replace(HOOK_TABLE, HOOK_TABLE + options, 1) + tail

    def python(self) -> str:
        return self.venv.python

    def editable_venv(self):
        return self.venv

    def test_the_entry_point_is_installed(self) -> None:
        code = "from importlib.metadata import entry_points; print([e.value for e in entry_points(group='hatch')])"
        self.assertEqual(run([self.venv.python, "-c", code], cwd=self.venv.dir).output.strip(), "['pyproject_manifest.hatch']")

    def test_inert_in_a_project_that_does_not_configure_it(self) -> None:
        # The plugin is installed in the environment, but this project neither names the hook nor
        # has a manifest: hatchling builds as it always does.
        root = make_project(
            self,
            dict(
                PROJECT,
                **{
                    "pyproject.toml": HOOK_SNIPPET.split(HOOK_TABLE)[0] + PROJECT_TABLE,
                    "src/acme_widgets/local_settings.py": "SECRET = 'x'\n",
                },
            ),
        )
        result = self.build(root)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), [])
        self.assertIn("src/acme_widgets/local_settings.py", sdist_members(root))



@skip_unless_cli()
@skip_unless_modules("build", "hatchling")
class VendoredHookTest(HookBehaviour, unittest.TestCase):
    """hatch_build.py in the project, `[tool.hatch.build.hooks.custom]`, nothing installed: the
    system Python builds (test_vendored_hook.py checks it cannot import pyproject_manifest)."""

    table = "tool.hatch.build.hooks.custom"
    route_files = ["hatch_build.py"]

    def pyproject(self, options: str, tail: str) -> str:
        return VENDORED_PYPROJECT.replace("[tool.hatch.build.hooks.custom]\n", "[tool.hatch.build.hooks.custom]\n" + options, 1) + tail

    def prepare(self, root: str) -> None:
        shutil.copyfile(VENDORED_HOOK, os.path.join(root, "hatch_build.py"))

    def python(self) -> str:
        return SYSTEM_PYTHON

    def editable_venv(self):
        # A venv with nothing of ours in it: pip needs somewhere to install.
        return bare_venv()


if __name__ == "__main__":
    unittest.main()
