"""A checking PEP 517 backend: ``build-backend = "pyproject_manifest.wrap"`` runs the backend named
in ``[tool.manifest.build] backend`` and fails a build whose sdist or wheel differs from the manifest.

Owns: finding the real backend, exposing exactly the hooks it has (PEP 517's ``build_sdist``,
``build_wheel``, ``get_requires_for_build_*``, ``prepare_metadata_for_build_wheel``; PEP 660's
``build_editable``, ``get_requires_for_build_editable``, ``prepare_metadata_for_build_editable``),
each delegating unchanged, and checking what ``build_sdist`` and ``build_wheel`` return the way the
hatchling hook does (buildcheck.py). A hook the real backend lacks is missing here too, so the
frontend falls back exactly as it would without the wrapper.
Must not: read anything at import time. The module's attributes are resolved on first access
(PEP 562 ``__getattr__``); frontends run hooks with the project as the working directory, so that
is where ``pyproject.toml`` is read. An editable wheel is not checked: it holds a redirect to the
tree, not the files.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, Callable, Dict, List, Optional, Tuple

from .buildcheck import (
    DEFAULT_MANIFEST,
    BuildCheckFailed,
    check_built,
    config_error,
    display_artifact,
    enforce,
    find_missing_sources,
    note_unchecked,
    read_checked_manifest,
    run_tree_check,
)

#: The name frontends import; ``[tool.manifest.build] backend`` may not name it.
WRAPPER = "pyproject_manifest.wrap"
#: Every hook PEP 517 and PEP 660 define; the wrapper has those of them the real backend has.
HOOKS = (
    "get_requires_for_build_sdist",
    "build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_wheel",
    "build_wheel",
    "get_requires_for_build_editable",
    "prepare_metadata_for_build_editable",
    "build_editable",
)
#: The hooks whose result is checked, with the manifest section it is checked against.
CHECKED = {"build_sdist": "sdist", "build_wheel": "wheel"}

_backend: Optional[Tuple[str, Any]] = None


def _load_toml(path: str) -> Dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python < 3.11 only
        import tomli as tomllib
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _build_table(root: str) -> Dict[str, Any]:
    """``[tool.manifest.build]`` of ``root``'s pyproject.toml ({} when absent or not a table)."""
    try:
        data = _load_toml(os.path.join(root, "pyproject.toml"))
    except FileNotFoundError:
        message = f"{WRAPPER} runs in a project: no pyproject.toml here"
        raise BuildCheckFailed([config_error("PROJECT_NOT_FOUND", message, None)]) from None
    except ValueError as error:  # tomllib.TOMLDecodeError
        raise BuildCheckFailed([config_error("CONFIG_TOML_SYNTAX", str(error), None)]) from None
    tool = data.get("tool", {})
    manifest = tool.get("manifest", {}) if isinstance(tool, dict) else {}
    build = manifest.get("build", {}) if isinstance(manifest, dict) else {}
    return build if isinstance(build, dict) else {}


def read_manifest_name(root: str) -> str:
    """``[tool.manifest.build] manifest`` (the file checked against, as the hatchling hook's
    ``manifest`` option), or the default name.

    Raises BuildCheckFailed, one line naming the key, when it is not a path inside the project.
    """
    value = _build_table(root).get("manifest", DEFAULT_MANIFEST)
    if not isinstance(value, str):
        message = f"tool.manifest.build.manifest must be a string, not {value!r}"
        raise BuildCheckFailed([config_error("CONFIG_INVALID_TYPE", message, None)])
    if value == "" or os.path.isabs(value) or ".." in value.replace("\\", "/").split("/"):
        message = f"tool.manifest.build.manifest must be a path inside the project, not {value!r}"
        raise BuildCheckFailed([config_error("CONFIG_INVALID_VALUE", message, None)])
    return value


def read_backend_name(root: str) -> str:
    """``[tool.manifest.build] backend`` from ``root``'s pyproject.toml.

    Raises BuildCheckFailed, one line naming the key, when it is missing or not a backend name.
    """
    hint = 'add [tool.manifest.build] backend = "setuptools.build_meta" (or your backend)'

    def fail(code: str, message: str, hint: Optional[str] = hint) -> BuildCheckFailed:
        return BuildCheckFailed([config_error(code, message, hint)])

    build = _build_table(root)
    name = build.get("backend")
    if name is None:
        raise fail("CONFIG_INVALID_VALUE", f"{WRAPPER} needs the real backend in [tool.manifest.build]")
    if not isinstance(name, str):
        raise fail("CONFIG_INVALID_TYPE", f"tool.manifest.build.backend must be a string, not {name!r}")
    if name.partition(":")[0].strip() == WRAPPER:
        raise fail(
            "CONFIG_INVALID_VALUE",
            "tool.manifest.build.backend names the wrapper itself",
            'name the real backend, e.g. backend = "setuptools.build_meta"',
        )
    return name


def load_backend(name: str) -> Any:
    """Import a backend named as PEP 517's ``build-backend`` is: ``module`` or ``module:object``."""
    module_name, _, attribute = name.partition(":")
    try:
        backend = importlib.import_module(module_name.strip())
    except ImportError as error:
        raise BuildCheckFailed(
            [
                config_error(
                    "CONFIG_INVALID_VALUE",
                    f"tool.manifest.build.backend = {name!r} cannot be imported ({error})",
                    "add the backend to [build-system] requires, next to pyproject-manifest",
                )
            ]
        ) from None
    for part in attribute.strip().split(".") if attribute.strip() else []:
        backend = getattr(backend, part)
    return backend


def real_backend() -> Tuple[str, Any]:
    """The wrapped backend (read and imported once per process)."""
    global _backend
    if _backend is None:
        name = read_backend_name(os.getcwd())
        _backend = (name, load_backend(name))
    return _backend


def _checked_hook(hook_name: str, hook: Callable[..., str]) -> Callable[..., str]:
    target = CHECKED[hook_name]

    def build(*args: Any, **kwargs: Any) -> str:
        directory = args[0] if args else kwargs[f"{target}_directory"]
        root = os.getcwd()
        name = read_manifest_name(root)
        checked = read_checked_manifest(root, name)
        if checked is None:
            note_unchecked(name, target)
            return hook(*args, **kwargs)
        problems = find_missing_sources(checked, target) + run_tree_check(checked)
        enforce(problems, what=f"the {target}", notes=checked.notes)
        checked.notes = []
        basename = hook(*args, **kwargs)
        artifact = os.path.join(directory, basename)
        problems = check_built(checked, target, artifact)
        what = f"the {target} {display_artifact(artifact)}"
        enforce(problems, what=what, artifact=artifact, notes=checked.notes)
        return basename

    build.__name__ = hook_name
    build.__doc__ = f"The real backend's {hook_name}; then the {target} it built, checked against the manifest."
    return build


def __getattr__(name: str) -> Any:
    """PEP 562: the real backend's hooks, wrapped; AttributeError for a hook it does not have."""
    if name not in HOOKS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _, backend = real_backend()
    hook = getattr(backend, name, None)
    if hook is None:
        raise AttributeError(
            f"module {__name__!r} has no attribute {name!r} (the wrapped backend does not define it)"
        )
    return _checked_hook(name, hook) if name in CHECKED else hook


def __dir__() -> List[str]:
    names = [n for n in globals() if not n.startswith("_")]
    try:
        _, backend = real_backend()
    except BuildCheckFailed:
        return names
    return sorted(names + [h for h in HOOKS if hasattr(backend, h)])
