"""Write ``python/vendor/hatch_build.py``: the hatchling hook and everything it imports, in one file.

Usage: ``python3 python/tools/vendor.py`` writes the file; ``--check`` exits 1 when the committed
file differs from what it would write (a test runs this), and prints the first differing line.

Owns: inlining ``pyproject_manifest.hatch`` and the package modules it imports, transitively, in
dependency order, so that a project can use the hook with nothing installed
(``[tool.hatch.build.hooks.custom]`` loads ``hatch_build.py`` by path). Each module's text is kept
as written, comments included; only these lines change: relative imports are dropped (the names
are then defined earlier in the same file), each module's ``from __future__`` import and
``__all__`` are dropped (one ``from __future__ import annotations`` opens the file).
Must not: guess. A module import (``from . import reader``) or two modules binding one top-level
name to different things cannot be inlined safely: the script stops and names them.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
from typing import Dict, List, Set, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON = os.path.dirname(HERE)
PACKAGE = os.path.join(PYTHON, "pyproject_manifest")
OUTPUT = os.path.join(PYTHON, "vendor", "hatch_build.py")
ENTRY = "hatch"
#: The first line of every vendored file; `manifest init --hatch-hook` recognises its own file by it.
MARKER = "# hatch_build.py: the pyproject-manifest hatchling build hook, vendored"


#: dataclasses look each class's module up in sys.modules (to read its string annotations), and
#: hatchling 1.12 loads a hatch_build.py without registering it there: register the file's own
#: namespace while it runs, and take it out again at the end.
REGISTER = """
import sys as _vendored_sys


class _VendoredNamespace:
    \"\"\"Stands in for this module in sys.modules while its classes are created.\"\"\"


_vendored_namespace = _VendoredNamespace()
_vendored_namespace.__dict__ = globals()
_vendored_registered = _vendored_sys.modules.setdefault(__name__, _vendored_namespace) is _vendored_namespace
"""
UNREGISTER = """

if _vendored_registered:
    del _vendored_sys.modules[__name__]
"""


class VendorError(Exception):
    pass


def read_version() -> str:
    with open(os.path.join(PYTHON, "pyproject.toml"), encoding="utf-8") as handle:
        match = re.search(r'^version\s*=\s*"([^"]+)"', handle.read(), re.M)
    if match is None:
        raise VendorError("python/pyproject.toml has no version")
    return match.group(1)


def parse_module(name: str) -> Tuple[str, ast.Module]:
    path = os.path.join(PACKAGE, f"{name}.py")
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    return text, ast.parse(text, path)


def relative_imports(name: str, tree: ast.Module) -> List[ast.ImportFrom]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level > 0:
            if node.level != 1 or node.module is None:
                names = ", ".join(a.name for a in node.names)
                raise VendorError(
                    f"{name}.py:{node.lineno}: `from {'.' * node.level}{node.module or ''} import {names}` "
                    "cannot be inlined; import names from a sibling module (`from .module import name`)"
                )
            found.append(node)
    return found


def order_modules(entry: str) -> List[str]:
    """The entry module and every module it imports, each after those it needs at import time.

    Only top-level imports order the modules; an import inside a function or under
    ``if TYPE_CHECKING:`` only brings its module in (it may be a cycle, as between a data module
    and the module that words its messages).
    """
    needed: Set[str] = set()
    pending = [entry]
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        needed.add(name)
        _, tree = parse_module(name)
        pending.extend(node.module for node in relative_imports(name, tree))  # type: ignore[misc]
    ordered: List[str] = []
    visiting: Set[str] = set()

    def visit(name: str) -> None:
        if name in ordered:
            return
        if name in visiting:
            raise VendorError(f"top-level import cycle through {name}.py")
        visiting.add(name)
        _, tree = parse_module(name)
        for node in tree.body:
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                visit(node.module)  # type: ignore[arg-type]
        visiting.discard(name)
        ordered.append(name)

    visit(entry)
    for name in sorted(needed):
        visit(name)
    return ordered


def top_level_bindings(tree: ast.Module) -> Dict[str, str]:
    """Top-level names a module binds, each with a fingerprint of what it binds them to."""
    names: Dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] = ast.dump(node)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name.split(".")[0]] = f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            for alias in node.names:
                names[alias.asname or alias.name] = f"from {node.module} import {alias.name}"
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for sub in ast.walk(target):
                    if isinstance(sub, ast.Name):
                        names[sub.id] = ast.dump(node)
        elif isinstance(node, (ast.If, ast.Try)):
            # `if TYPE_CHECKING:` / `try: import tomllib`: what they bind counts as bound here.
            for sub in ast.walk(node):
                if isinstance(sub, (ast.FunctionDef, ast.ClassDef)):
                    names[sub.name] = ast.dump(sub)
                elif isinstance(sub, ast.Import) or (isinstance(sub, ast.ImportFrom) and sub.level == 0):
                    for alias in sub.names:
                        names[alias.asname or alias.name.split(".")[0]] = f"import {alias.name}"
    names.pop("__all__", None)
    return names


def is_dropped_statement(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom) and node.module == "__future__":
        return True
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return any(isinstance(t, ast.Name) and t.id == "__all__" for t in targets)
    return False


def inline_module(name: str) -> str:
    """The module's text with its relative imports, ``__future__`` import and ``__all__`` removed."""
    text, tree = parse_module(name)
    lines = text.splitlines(keepends=True)
    top = set(map(id, tree.body))
    replacements: Dict[int, Tuple[int, str]] = {}  # first line index -> (last line index, new text)
    for node in relative_imports(name, tree):
        indent = re.match(r"\s*", lines[node.lineno - 1]).group(0)  # type: ignore[union-attr]
        aliases = [f"{indent}{a.asname} = {a.name}\n" for a in node.names if a.asname and a.asname != a.name]
        new = "".join(aliases) if aliases or id(node) in top else f"{indent}pass\n"
        replacements[node.lineno - 1] = (node.end_lineno - 1, new)  # type: ignore[operator]
    for node in tree.body:
        if is_dropped_statement(node):
            replacements[node.lineno - 1] = (node.end_lineno - 1, "")  # type: ignore[operator]
    out: List[str] = []
    index = 0
    while index < len(lines):
        if index in replacements:
            last, new = replacements[index]
            out.append(new)
            index = last + 1
        else:
            out.append(lines[index])
            index += 1
    return "".join(out).strip("\n") + "\n"


def build() -> str:
    modules = order_modules(ENTRY)
    seen: Dict[str, Tuple[str, str]] = {}
    clashes = []
    for name in modules:
        _, tree = parse_module(name)
        for binding, fingerprint in top_level_bindings(tree).items():
            if binding in seen and seen[binding][1] != fingerprint:
                clashes.append(f"`{binding}` is bound by {seen[binding][0]}.py and by {name}.py")
            seen.setdefault(binding, (name, fingerprint))
    if clashes:
        raise VendorError("cannot inline, top-level names clash: " + "; ".join(clashes) + " (rename one of each)")
    version = read_version()
    parts = [
        f"{MARKER} (pyproject-manifest {version}).\n",
        "# Generated by python/tools/vendor.py from python/pyproject_manifest/"
        f"{{{','.join(f'{m}.py' for m in modules)}}}; do not edit.\n",
        "# Use: [tool.hatch.build.hooks.custom] in pyproject.toml (options as for\n",
        "# [tool.hatch.build.hooks.manifest], see the README); needs nothing but hatchling.\n",
        "# List this file in the manifest: it ships in the sdist so that a wheel can be built from it.\n",
        "# SPDX-License-Identifier: MIT\n",
        "from __future__ import annotations\n",
        f"\nVENDORED_VERSION = {version!r}\n",
        REGISTER,
    ]
    for name in modules:
        parts.append(f"\n# ---- pyproject_manifest/{name}.py " + "-" * (80 - 28 - len(name)) + "\n\n")
        parts.append(inline_module(name))
    parts.append(UNREGISTER)
    text = "".join(parts)
    compile(text, OUTPUT, "exec")
    return text


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the committed file is not up to date")
    args = parser.parse_args(argv)
    try:
        text = build()
    except VendorError as error:
        print(f"vendor.py: error: {error}", file=sys.stderr)
        return 2
    if args.check:
        try:
            with open(OUTPUT, encoding="utf-8") as handle:
                current = handle.read()
        except FileNotFoundError:
            current = ""
        if current != text:
            old, new = current.splitlines(), text.splitlines()
            line = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
            print(
                f"{os.path.relpath(OUTPUT)}:{line + 1}: error: not up to date with python/pyproject_manifest/ "
                "(hint: run `python3 python/tools/vendor.py` and commit the result)",
                file=sys.stderr,
            )
            return 1
        return 0
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    temp = f"{OUTPUT}.tmp"
    with open(temp, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    os.replace(temp, OUTPUT)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
