"""The hatchling build hook ``[tool.hatch.build.hooks.manifest]``: a build that would ship anything
other than the manifest fails.

Owns: the hook's options, and what it does at each of hatchling's documented points
(``initialize`` before each target is built, ``finalize`` with the built artifact). Registered
through the ``hatch`` entry point (``hatch_register_build_hook``); ``python/vendor/hatch_build.py``
is this module and what it imports in one file, for ``[tool.hatch.build.hooks.custom]``.
Must not: act unless configured (hatchling instantiates only the hooks a project names, and
importing this module does nothing), or check an editable wheel (it holds a path redirect, not the
files).

Modes:

- ``check`` (the default): before the build, the manifest must be valid, the sources of the
  target's section must exist, and ``manifest validate`` must pass when the CLI is on PATH; after
  it, the artifact must match its section. On any difference the artifact is deleted and the build
  fails with one line per difference. ``on-mismatch = "warn"`` prints the lines and keeps it.
- ``exact`` (experimental): hatchling ships exactly the manifest's files, whatever its own
  selection says, and the check runs as above. hatchling has no documented way to drop files from
  its selection (build data only adds), so this replaces ``recurse_included_files`` on the builder
  instance, which every sdist and wheel build iterates. That method is not a documented hook
  point: the mode is tested on hatchling 1.12 only.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterator, List, Optional

from hatchling.builders.hooks.plugin.interface import BuildHookInterface
from hatchling.builders.plugin.interface import IncludedFile
from hatchling.plugin import hookimpl

from .buildcheck import (
    DEFAULT_MANIFEST,
    ON_MISMATCH,
    BuildCheckFailed,
    Checked,
    check_built,
    config_error,
    display_artifact,
    enforce,
    find_missing_sources,
    note_unchecked,
    read_checked_manifest,
    run_tree_check,
)
from .glob import compile_gen_glob

#: The hook's own options, each with its allowed values (None: any string).
HOOK_OPTIONS: Dict[str, Optional[tuple]] = {
    "mode": ("check", "exact"),
    "on-mismatch": ON_MISMATCH,
    "manifest": None,
}
#: Options hatchling reads from every hook table (and ``path``, the custom hook's script).
HATCHLING_OPTIONS = (
    "dependencies",
    "require-runtime-dependencies",
    "require-runtime-features",
    "enable-by-default",
    "path",
)


def _show(value: Any) -> str:
    """A TOML value as the messages show it (strings in double quotes, as written)."""
    try:
        return json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        return repr(value)


def read_hook_options(config: Dict[str, Any], where: str) -> Dict[str, str]:
    """The hook's options with their defaults; every bad key or value is one line of BuildCheckFailed.

    ``where`` is the table's key path in messages, e.g. ``tool.hatch.build.hooks.manifest``.
    """
    options = {"mode": "check", "on-mismatch": "error", "manifest": DEFAULT_MANIFEST}
    problems = []
    for key, value in config.items():
        if key in HATCHLING_OPTIONS:
            continue
        if key not in HOOK_OPTIONS:
            valid = ", ".join(f"`{k}`" for k in HOOK_OPTIONS)
            message = f"unknown key `{key}` in [{where}]"
            problems.append(config_error("CONFIG_UNKNOWN_KEY", message, f"valid keys here: {valid}"))
            continue
        allowed = HOOK_OPTIONS[key]
        if not isinstance(value, str) or (allowed is not None and value not in allowed):
            expected = (
                " or ".join(f'"{a}"' for a in allowed) if allowed else "a file name relative to pyproject.toml"
            )
            code = "CONFIG_INVALID_TYPE" if not isinstance(value, str) else "CONFIG_INVALID_VALUE"
            problems.append(config_error(code, f"{where}.{key} must be {expected}, not {_show(value)}"))
            continue
        outside = value == "" or os.path.isabs(value) or ".." in value.replace("\\", "/").split("/")
        if key == "manifest" and outside:
            message = f"{where}.manifest must be a path inside the project, not {_show(value)}"
            problems.append(config_error("CONFIG_INVALID_VALUE", message))
            continue
        options[key] = value
    if problems:
        raise BuildCheckFailed(problems)
    return options


class ManifestBuildHook(BuildHookInterface):
    """Checks each hatchling build against ``pyproject-manifest.txt`` (and, in exact mode, makes it)."""

    PLUGIN_NAME = "manifest"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._options: Optional[Dict[str, str]] = None
        self._checked: Optional[Checked] = None

    @property
    def _where(self) -> str:
        targets = self.build_config.target_config.get("hooks", {})
        if isinstance(targets, dict) and self.PLUGIN_NAME in targets:
            return f"tool.hatch.build.targets.{self.target_name}.hooks.{self.PLUGIN_NAME}"
        return f"tool.hatch.build.hooks.{self.PLUGIN_NAME}"

    def _skip(self, version: str) -> bool:
        # An editable wheel holds a redirect to the tree (a .pth file or an import hook), not the
        # files: there is nothing in it to compare with the manifest.
        return self.target_name not in ("sdist", "wheel") or version == "editable"

    def initialize(self, version: str, build_data: Dict[str, Any]) -> None:
        self._checked = None
        if self._skip(version):
            return
        self._options = read_hook_options(self.config, self._where)
        checked = read_checked_manifest(self.root, self._options["manifest"])
        if checked is None:
            note_unchecked(self._options["manifest"], self.target_name)
            return
        self._checked = checked
        problems = find_missing_sources(checked, self.target_name) + run_tree_check(checked)
        on_mismatch = self._options["on-mismatch"]
        enforce(problems, what=f"the {self.target_name}", on_mismatch=on_mismatch, notes=checked.notes)
        checked.notes = []
        if self._options["mode"] == "exact":
            self._replace_selection(checked)

    def finalize(self, version: str, build_data: Dict[str, Any], artifact_path: str) -> None:
        builder = self.build_config.builder
        if "recurse_included_files" in vars(builder):
            del builder.recurse_included_files
        checked, self._checked = self._checked, None
        if checked is None or self._options is None:
            return
        problems = check_built(checked, self.target_name, artifact_path)
        enforce(
            problems,
            what=f"the {self.target_name} {display_artifact(artifact_path)}",
            on_mismatch=self._options["on-mismatch"],
            artifact=artifact_path,
            notes=checked.notes,
        )

    def _replace_selection(self, checked: Checked) -> None:
        """Make this target's build iterate the manifest's files instead of hatchling's selection.

        Files a build hook adds (hatchling's own selection, filtered to what the section's ``gen``
        lines allow) still ship, so version files and compiled extensions keep working.
        """
        builder = self.build_config.builder
        original = builder.recurse_included_files
        entries = checked.manifest.section(self.target_name)
        data_dir = f"{builder.artifact_project_id}.data" if self.target_name == "wheel" else None
        gens = [compile_gen_glob(e.dest) for e in entries if e.kind == "gen"]
        root = self.root

        def to_archive(dest: str) -> str:
            if data_dir is not None and dest.startswith("{data}/"):
                return data_dir + dest[len("{data}") :]
            return dest

        def to_manifest(distribution_path: str) -> str:
            path = distribution_path.replace(os.sep, "/")
            if data_dir is not None and path.startswith(data_dir + "/"):
                return "{data}" + path[len(data_dir) :]
            return path

        def manifest_files() -> Iterator[IncludedFile]:
            listed = set()
            for entry in entries:
                if entry.src is None:
                    continue
                path = os.path.join(root, *entry.src.split("/"))
                if not os.path.isfile(path):
                    continue  # reported as MISSING_SOURCE before the build
                listed.add(entry.dest)
                yield IncludedFile(path, entry.src, to_archive(entry.dest))
            for included in original():
                dest = to_manifest(included.distribution_path)
                if dest not in listed and any(match(dest) for match in gens):
                    yield included

        builder.recurse_included_files = manifest_files


@hookimpl
def hatch_register_build_hook() -> type:
    """hatchling's plugin entry point (the ``hatch`` entry-point group)."""
    return ManifestBuildHook


def get_build_hook() -> type:
    """What hatchling's custom-hook loader asks a ``hatch_build.py`` for."""
    return ManifestBuildHook


__all__: List[str] = [
    "HOOK_OPTIONS",
    "ManifestBuildHook",
    "get_build_hook",
    "hatch_register_build_hook",
    "read_hook_options",
]
