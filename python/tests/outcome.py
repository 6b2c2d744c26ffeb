"""The Python side of test/helpers/manifest-outcome.ts: one manifest text -> the JSON object both
implementations must agree on (parse errors with code, line, column; or entries, findings, the
canonical-form finding and the canonical text)."""

from __future__ import annotations

from typing import Dict, List, Optional

from pyproject_manifest.glob import compile_gen_glob, find_glob_problem
from pyproject_manifest.reader import (
    Entry,
    ManifestError,
    check_canonical,
    check_manifest,
    format_manifest,
    parse_manifest,
)

OUTCOME_FILE = "pyproject-manifest.txt"


def entry_json(entry: Entry) -> Dict[str, object]:
    out: Dict[str, object] = {"kind": entry.kind}
    if entry.src is not None:
        out["src"] = entry.src
    out["dest"] = entry.dest
    if entry.line is not None:
        out["line"] = entry.line
    return out


def manifest_outcome(text: str) -> Dict[str, object]:
    try:
        manifest = parse_manifest(text, OUTCOME_FILE)
    except ManifestError as error:
        return {"errors": [{"code": e.code, "line": e.line, "column": e.column} for e in error.errors]}
    return {
        "sdist": [entry_json(e) for e in manifest.sdist],
        "wheel": [entry_json(e) for e in manifest.wheel],
        "findings": [f.to_json() for f in check_manifest(manifest, OUTCOME_FILE)],
        "canonical": [f.to_json() for f in check_canonical(text, manifest, OUTCOME_FILE)],
        "formatted": format_manifest(manifest),
    }


def glob_outcome(pattern: str, path: Optional[str]) -> Dict[str, object]:
    problem = find_glob_problem(pattern)
    if problem is not None:
        return {"problem": problem[0], "matches": None}
    return {"problem": None, "matches": None if path is None else compile_gen_glob(pattern)(path)}


def outcomes(kind: str, items: List[Dict[str, object]]) -> List[Dict[str, object]]:
    if kind == "manifest":
        return [manifest_outcome(str(item["text"])) for item in items]
    return [glob_outcome(str(item["pattern"]), item.get("path")) for item in items]  # type: ignore[arg-type]
