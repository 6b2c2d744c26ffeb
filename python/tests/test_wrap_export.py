"""The wrapper around each Debian backend with the config `manifest export --backend NAME` prints
applied to pyproject.toml (#10): real builds, the wrapper from our own wheel in a venv. The default
configs fail (test_wrap.py); with the exported config the sdist passes, and the wheel passes or
fails with exactly the entries the export named as inexpressible.
"""

from __future__ import annotations

import json
import os
import unittest

from .builds import (
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
)
from .test_wrap import BACKENDS, COMMON, PROJECT_TABLE, pyproject

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None  # type: ignore[assignment]

#: The [tool.setuptools] settings the exported MANIFEST.in's header asks for, for COMMON's tree.
SETUPTOOLS_SETTINGS = '\n[tool.setuptools]\ninclude-package-data = true\npackage-dir = { "" = "src" }\npackages = ["demo_pkg"]\n'


def exported(root: str, backend: str, *flags: str) -> dict:
    result = cli(root, "export", "--backend", backend, "--json", *flags)
    assert result.code == 0, result.output
    return json.loads(result.output)


def with_export(backend: str, text: str, build_table: str = "") -> str:
    """pyproject.toml for the wrapper around ``backend`` with the exported tables appended; a table
    the export repeats ([tool.poetry]) is merged: its keys follow the project's own."""
    requirement, name, tail = BACKENDS[backend]
    head = (
        f'[build-system]\nrequires = ["{requirement}", "pyproject-manifest"]\nbuild-backend = "pyproject_manifest.wrap"\n\n'
        f'{PROJECT_TABLE}\n[tool.manifest.build]\nbackend = "{name}"\n{build_table}'
    )
    lines = text.splitlines(keepends=True)
    if tail.strip() and lines and tail.strip().startswith(lines[0].strip()):
        keys = {line.split("=")[0].strip() for line in lines[1:] if "=" in line and not line.startswith(" ")}
        kept = [line for line in tail.strip().splitlines(keepends=True) if line.split("=")[0].strip() not in keys]
        return head + "\n" + "".join(kept).rstrip("\n") + "\n" + "".join(lines[1:])
    return head + tail + "\n" + text


@skip_unless_cli()
@skip_unless_modules("build", "setuptools", "flit_core", "poetry.core")
class WrapperWithExportedConfigTest(unittest.TestCase):
    venv = None

    @classmethod
    def setUpClass(cls) -> None:
        cls.venv = plugin_venv()

    def check(self, backend: str, manifest: str = ""):
        """The project with the exported config applied; the sdist and the wheel from it pass."""
        table = f'manifest = "{manifest}"\n' if manifest else ""
        flags = ("--manifest", manifest) if manifest else ()
        root = make_project(self, dict(COMMON, **{"pyproject.toml": with_export(backend, "", table)}))
        if manifest:
            os.makedirs(os.path.join(root, os.path.dirname(manifest)), exist_ok=True)
        self.assertEqual(cli(root, "update", *flags).code, 0)
        doc = exported(root, backend, *flags)
        self.assertEqual(doc["file"], "pyproject.toml")
        with open(f"{root}/pyproject.toml", "w", encoding="utf-8") as handle:
            handle.write(with_export(backend, doc["text"], table))
        self.assertEqual(cli(root, "validate", *flags).code, 0)
        sdist = build(root, "--sdist", python=self.venv.python)
        self.assertEqual(sdist.code, 0, sdist.output)
        self.assertEqual(len(artifacts(root)), 1)
        # The frontend's default: the sdist, then the wheel from the unpacked sdist.
        both = build(root, python=self.venv.python)
        self.assertEqual(both.code, 0, both.output)
        self.assertEqual(both.ours(), [])
        self.assertEqual(len(artifacts(root)), 2)
        return root, doc["inexpressible"]

    def test_flit_passes_and_names_what_its_wheel_from_the_tree_ships(self) -> None:
        root, inexpressible = self.check("flit")
        self.assertEqual(
            inexpressible,
            [
                "[wheel] demo_pkg/debug.log is not listed, but a wheel flit_core builds from the tree ships every "
                "module file (src/demo_pkg/debug.log); sdist.exclude applies to the sdist and a wheel built from it only"
            ],
        )
        # A wheel straight from the tree: exactly the entry the export named.
        wheel = build(root, "--wheel", python=self.venv.python)
        self.assertNotEqual(wheel.code, 0)
        self.assertEqual(
            [line.split(": error[")[0] for line in wheel.ours() if "error[" in line],
            ["dist/demo_pkg-1.0-py2.py3-none-any.whl:demo_pkg/debug.log"],
        )
        self.assertEqual(artifacts(root), [])

    def test_setuptools_passes_with_the_readme_steps(self) -> None:
        # The README's snippet as written, with `manifest` on PATH (so the wrapper also runs the
        # tree check) and the build without isolation. The shell creates MANIFEST.in before the
        # export runs; the manifest lists it after the update, and setuptools ships it.
        lines = read_snippet("export-setuptools").splitlines()
        self.assertEqual(
            lines, ["manifest export --backend setuptools > MANIFEST.in", "manifest update", "python -m build"]
        )
        root = make_project(self, dict(COMMON, **{"pyproject.toml": pyproject("setuptools") + SETUPTOOLS_SETTINGS}))
        self.assertEqual(cli(root, "update").code, 0)
        script = "\n".join(lines).replace("python -m build", f"{self.venv.python} -m build -n -x --outdir dist .")
        env = dict(BASE_ENV, PATH=f"{cli_shim(self)}{os.pathsep}{BASE_ENV.get('PATH', '')}")
        result = run(["bash", "-e", "-c", script], cwd=root, env=env)
        self.assertEqual(result.code, 0, result.output)
        self.assertEqual(result.ours(), [], result.output)
        self.assertEqual(artifacts(root), ["demo-pkg-1.0.tar.gz", "demo_pkg-1.0-py3-none-any.whl"])
        with open(os.path.join(root, "MANIFEST.in"), encoding="utf-8") as handle:
            text = handle.read()
        self.assertNotIn("exclude MANIFEST.in", text)
        if tomllib is not None:
            header = "\n".join(line[4:] for line in text.splitlines() if line.startswith("#   "))
            self.assertEqual(tomllib.loads(header), tomllib.loads(SETUPTOOLS_SETTINGS))
        checked = cli(root, "validate", *(f"dist/{name}" for name in artifacts(root)))
        self.assertEqual((checked.code, checked.output), (0, ""))
        # A wheel straight from the tree passes too.
        wheel = build(root, "--wheel", python=self.venv.python)
        self.assertEqual(wheel.code, 0, wheel.output)
        self.assertEqual(artifacts(root), ["demo_pkg-1.0-py3-none-any.whl"])

    def test_poetry_passes_from_the_tree_too(self) -> None:
        root, inexpressible = self.check("poetry")
        self.assertEqual(inexpressible, [])
        wheel = build(root, "--wheel", python=self.venv.python)
        self.assertEqual(wheel.code, 0, wheel.output)

    def test_the_manifest_option_names_the_file_checked(self) -> None:
        # [tool.manifest.build] manifest, as the hatchling hook's option: no file by the default name.
        root, _ = self.check("poetry", manifest="release/files.txt")
        self.assertFalse(os.path.exists(os.path.join(root, "pyproject-manifest.txt")))
        # The named file is the one checked: drop an entry from it and the sdist fails on it.
        path = os.path.join(root, "release", "files.txt")
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text.replace("dir: tests\nmod: tests/test_demo.py -> tests/test_demo.py\n", ""))
        result = build(root, "--sdist", python=self.venv.python)
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            [line.split(": error[")[1].split("]")[0] for line in result.ours() if "error[" in line],
            ["ARCHIVE_EXTRA_FILE"],
        )
        self.assertIn("tests/test_demo.py", result.ours()[0])

    def test_a_manifest_option_outside_the_project_fails_naming_the_key(self) -> None:
        root = make_project(
            self, dict(COMMON, **{"pyproject.toml": with_export("flit", "", 'manifest = "../elsewhere.txt"\n')})
        )
        result = build(root, "--sdist", python=self.venv.python)
        self.assertNotEqual(result.code, 0)
        self.assertEqual(
            result.ours(),
            [
                "pyproject.toml: error[CONFIG_INVALID_VALUE] tool.manifest.build.manifest must be a path inside the "
                "project, not '../elsewhere.txt'"
            ],
        )
        self.assertEqual(artifacts(root), [])
