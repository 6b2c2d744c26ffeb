"""Python 3.9 compatibility of the package source (requires-python = ">=3.9"). Only a newer Python
is installed where the suite runs, so this checks the source instead of running it: every module
(and the vendored hook) parses with Python 3.9's grammar; no `X | Y` union is evaluated at run time
(annotations are strings under `from __future__ import annotations`, which every module has); no
3.10+ keyword or module is used; `tomllib` is imported only behind a version check, with `tomli`
as the fallback."""

from __future__ import annotations

import ast
import os
import shutil
import tempfile
import unittest
from typing import Iterator, List, Set, Tuple

from tests.builds import PYTHON_DIR, VENDORED_HOOK

PACKAGE = os.path.join(PYTHON_DIR, "pyproject_manifest")
#: Names whose `|` is a type union (`int | None`), not a bitwise or of values.
TYPE_NAMES = {"int", "str", "bytes", "float", "bool", "list", "dict", "tuple", "set", "frozenset", "type", "object"}
#: Keyword arguments and attributes that Python 3.9's stdlib does not have.
NEW_KEYWORDS = {("zip", "strict"), ("dataclass", "slots"), ("dataclass", "kw_only"), ("dataclass", "match_args")}
NEW_ATTRIBUTES = {"pairwise", "bit_count", "aiter", "anext", "TypeAlias", "ParamSpec", "Concatenate", "TypeGuard", "EncodingWarning"}


def sources() -> List[str]:
    names = sorted(n for n in os.listdir(PACKAGE) if n.endswith(".py"))
    return [os.path.join(PACKAGE, n) for n in names] + [VENDORED_HOOK]


def annotation_nodes(tree: ast.AST) -> Set[int]:
    """ids of every node inside an annotation (never evaluated under postponed annotations)."""
    roots: List[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.returns is not None:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(n) for root in roots for n in ast.walk(root)}


def camel(name: str) -> bool:
    """A class's name (`Optional`, `Path`), not a constant's (`O_RDONLY`)."""
    return name[:1].isupper() and any(c.islower() for c in name)


def is_type(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant) and node.value is None:
        return True
    if isinstance(node, ast.Name):
        return node.id in TYPE_NAMES or camel(node.id)
    if isinstance(node, ast.Subscript):
        return is_type(node.value)
    if isinstance(node, ast.Attribute):
        return camel(node.attr)
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr) and (is_type(node.left) or is_type(node.right))


def problems(path: str) -> Iterator[Tuple[int, str]]:
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    try:
        tree = ast.parse(text, path, feature_version=(3, 9))
    except SyntaxError as error:
        yield error.lineno or 0, f"not Python 3.9 syntax: {error.msg}"
        return
    future = any(
        isinstance(n, ast.ImportFrom) and n.module == "__future__" and any(a.name == "annotations" for a in n.names)
        for n in tree.body
    )
    if not future:
        yield 1, "no `from __future__ import annotations` (annotations would be evaluated)"
    in_annotation = annotation_nodes(tree)
    guarded: Set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.Try)):
            guarded.update(id(n) for n in ast.walk(node) if n is not node)
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr) and id(node) not in in_annotation:
            if is_type(node.left) or is_type(node.right):
                yield line, f"`{ast.unparse(node)}` is a union evaluated at run time (3.10+)"
        if isinstance(node, ast.Call):
            callee = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            for keyword in node.keywords:
                if (callee, keyword.arg) in NEW_KEYWORDS:
                    yield line, f"{callee}({keyword.arg}=...) is Python 3.10+"
        if isinstance(node, ast.Attribute) and node.attr in NEW_ATTRIBUTES:
            yield line, f".{node.attr} is Python 3.10+"
        if isinstance(node, ast.ImportFrom) and any(a.name in NEW_ATTRIBUTES for a in node.names):
            yield line, f"from {node.module} import {', '.join(a.name for a in node.names)}: Python 3.10+"
        if isinstance(node, (ast.Import, ast.ImportFrom)) and id(node) not in guarded:
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
            if "tomllib" in modules:
                yield line, "tomllib (3.11+) imported without a version check and the tomli fallback"


class Python39SourceTest(unittest.TestCase):
    def test_every_module_is_python_3_9(self) -> None:
        found = [f"{os.path.relpath(path, PYTHON_DIR)}:{line}: {what}" for path in sources() for line, what in problems(path)]
        self.assertEqual(found, [])

    def test_the_check_finds_what_it_looks_for(self) -> None:
        # Each rule above on a line that breaks it, so that the test cannot pass by checking nothing.
        bad = {
            "match x:\n    case 1:\n        pass\n": "not Python 3.9 syntax",
            "from __future__ import annotations\nOptional = int | None\n": "union evaluated at run time",
            "from __future__ import annotations\nisinstance(x, (str | bytes))\n": "union evaluated at run time",
            "from __future__ import annotations\nimport tomllib\n": "tomllib (3.11+)",
            "from __future__ import annotations\nzip(a, b, strict=True)\n": "zip(strict=...)",
            "from __future__ import annotations\nfrom itertools import pairwise\n": "Python 3.10+",
            "def f(x: int | None) -> str | None:\n    pass\n": "no `from __future__ import annotations`",
        }
        for text, expected in bad.items():
            with self.subTest(text):
                path = os.path.join(self.tmp(), "m.py")
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(text)
                self.assertIn(expected, " ".join(what for _, what in problems(path)))
        good = "from __future__ import annotations\nimport os, sys\nif sys.version_info >= (3, 11):\n    import tomllib\nelse:\n    import tomli as tomllib\nflags = os.O_RDONLY | os.O_NOCTTY\ndef f(x: int | None) -> str | None:\n    y: list[str] | None = None\n"
        path = os.path.join(self.tmp(), "ok.py")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(good)
        self.assertEqual(list(problems(path)), [])

    def tmp(self) -> str:
        path = tempfile.mkdtemp(prefix="pm-py39-")
        self.addCleanup(shutil.rmtree, path, True)
        return path


if __name__ == "__main__":
    unittest.main()
