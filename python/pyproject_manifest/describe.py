"""All prose: a Finding or a ManifestParseError -> one line of text, as ``src/describe.ts`` words it.

PURE. Line format: ``<file>:<line>:<col>: error[CODE] <what is wrong>: <received> (hint: <what to do>)``;
an archive finding without a line is located at its member: ``<archive>:<member>: error[CODE] …``.

Public API (names are stable): ``describe_finding(finding) -> str``,
``describe_finding_message(finding) -> str`` (without location and code), ``describe_error(error) -> str``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Callable, Dict, Optional, Tuple

if TYPE_CHECKING:  # pragma: no cover
    from .reader import Finding, ManifestParseError

__all__ = ["describe_error", "describe_finding", "describe_finding_message"]

_RECEIVED_MAX = 80


def _js(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


def _location(file: Optional[str], line: Optional[int] = None, column: Optional[int] = None) -> str:
    if file is None:
        return ""
    out = file
    if line is not None:
        out += f":{line}"
        if column is not None:
            out += f":{column}"
    return out + ": "


_Message = Callable[["Finding"], Tuple[str, Optional[str]]]


def _a(f: "Finding", key: str) -> str:
    return str(f.args.get(key, ""))


_MESSAGES: Dict[str, _Message] = {
    "STALE_ENTRY": lambda f: (
        f"[{f.target}] {_a(f, 'entry')} is no longer produced by the rules",
        "run `manifest update`, or change [tool.manifest] if the file should still ship",
    ),
    "MISSING_SOURCE": lambda f: (
        f"[{f.target}] {_a(f, 'entry')}: source {_a(f, 'src')} does not exist",
        "restore the file, or run `manifest update` to drop the entry",
    ),
    "UNLISTED_FILE": lambda f: (
        f"[{f.target}] {_a(f, 'entry')} is selected by the rules but not listed",
        "run `manifest update` to add it, or exclude it in [tool.manifest]",
    ),
    "MANIFEST_NOT_CANONICAL": lambda f: (
        f"the manifest is not in canonical form ({_a(f, 'reason')})",
        "run `manifest update` to rewrite it",
    ),
    "DIR_ENTRY_MISSING": lambda f: (
        f"[{f.target}] directory {f.path} holds listed files but has no dir: line",
        "run `manifest update`",
    ),
    "DIR_ENTRY_EXTRA": lambda f: (
        f"[{f.target}] dir: {f.path} holds no listed file",
        "run `manifest update`",
    ),
    "WHEEL_SOURCE_NOT_IN_SDIST": lambda f: (
        f"[wheel] {_a(f, 'entry')}: source {_a(f, 'src')} is not shipped in [sdist], "
        "so the wheel cannot be built from the sdist",
        "include the source in the sdist, or drop it from the wheel",
    ),
    "GEN_SHADOWS_MOD": lambda f: (
        f"[{f.target}] {_a(f, 'entry')} is also matched by {_a(f, 'gen')} (line {_a(f, 'genLine')}): "
        "a file is either copied or generated, not both",
        f"run `manifest update` (the build writes that file, so the {f.args.get('kind', 'mod')}: line goes)",
    ),
    "ARCHIVE_MISSING_FILE": lambda f: (
        f"[{f.target}] {_a(f, 'entry')} is listed, but the archive has no {f.path}",
        "rebuild the archive, or fix the build configuration so that it ships the file",
    ),
    "ARCHIVE_EXTRA_FILE": lambda f: (
        f"[{f.target}] the archive holds {f.path}, which the manifest does not list",
        "exclude it from the build, or add it to [tool.manifest] and run `manifest update`",
    ),
    "ARCHIVE_CONTENT_MISMATCH": lambda f: (
        f"[{f.target}] {f.path} differs from {_a(f, 'src')} in the tree",
        "rebuild the archive from the current tree; if the build rewrites this file on purpose, "
        "list it in `rewritten` in [tool.manifest]",
    ),
    "SDIST_ROOT_INVALID": lambda f: (
        f"the sdist must hold exactly one {{name}}-{{version}}/ directory: {_a(f, 'reason')}",
        "build the sdist with a PEP 517 backend; do not repack it by hand",
    ),
    "SDIST_PKG_INFO_MISSING": lambda f: (
        f"the sdist has no {f.path}, which the source distribution format requires",
        None,
    ),
    "SDIST_PYPROJECT_MISSING": lambda f: (
        f"the sdist has no {f.path}, which the source distribution format requires",
        None,
    ),
    "WHEEL_DIST_INFO_INVALID": lambda f: (
        f"the wheel's .dist-info directory is not valid: {_a(f, 'reason')}",
        None,
    ),
    "WHEEL_DATA_SCHEME_INVALID": lambda f: (
        f"{f.path}: {_a(f, 'reason')}",
        "use {name}-{version}.data/ with purelib, platlib, headers, scripts or data",
    ),
    "RECORD_MISSING": lambda f: (
        "no such member: a wheel must list its files and their hashes in RECORD",
        None,
    ),
    "RECORD_ROW_INVALID": lambda f: (
        f"line {_a(f, 'recordLine')}: {_a(f, 'reason')}: {_a(f, 'row')}",
        None,
    ),
    "RECORD_ROW_MISSING": lambda f: ("in the wheel, but not listed in RECORD", None),
    "RECORD_ROW_EXTRA": lambda f: (
        f"line {_a(f, 'recordLine')} lists {f.path}, which the wheel does not hold",
        None,
    ),
    "RECORD_DUPLICATE_ROW": lambda f: (
        f"line {_a(f, 'recordLine')} lists {f.path} again (first on line {_a(f, 'firstLine')})",
        None,
    ),
    "RECORD_HASH_MISMATCH": lambda f: (
        f"RECORD line {_a(f, 'recordLine')} says {_a(f, 'algorithm')}={_a(f, 'recorded')}, "
        f"the file has {_a(f, 'algorithm')}={_a(f, 'actual')}",
        None,
    ),
    "RECORD_SIZE_MISMATCH": lambda f: (
        f"RECORD line {_a(f, 'recordLine')} says size "
        f"{'(empty)' if _a(f, 'recorded') == '' else _a(f, 'recorded')}, "
        f"the file has {_a(f, 'actual')} bytes",
        None,
    ),
    "RECORD_WEAK_HASH": lambda f: (
        f"line {_a(f, 'recordLine')} gives {f.path} no hash"
        if _a(f, "algorithm") == ""
        else f"line {_a(f, 'recordLine')} hashes {f.path} with {_a(f, 'algorithm')}, "
        "which is not sha256 or stronger",
        "every file but RECORD needs a sha256, sha384 or sha512 hash",
    ),
    "ARCHIVE_UNSAFE_PATH": lambda f: (f"unsafe member name {_js(f.path)}: {_a(f, 'reason')}", None),
    "ARCHIVE_UNSAFE_LINK": lambda f: (
        f"{_a(f, 'linkKind')} {f.path} points outside the archive: {_js(_a(f, 'target'))}",
        None,
    ),
    "ARCHIVE_DUPLICATE_MEMBER": lambda f: (f"the archive holds {f.path} {_a(f, 'count')} times", None),
    "ARCHIVE_CASE_COLLISION": lambda f: (
        f"{f.path} and {_a(f, 'other')} differ only by case, and collide on case-insensitive file systems",
        None,
    ),
    "ARCHIVE_SIZE_SUSPICIOUS": lambda f: (f"{f.path}: {_a(f, 'reason')}", None),
}


def describe_finding_message(finding: "Finding") -> str:
    """What is wrong and what to do, without location or code."""
    message = _MESSAGES.get(finding.code)
    what, hint = message(finding) if message else (f"{finding.path}: {finding.args}", None)
    return what + (f" (hint: {hint})" if hint else "")


def describe_finding(finding: "Finding") -> str:
    """One line for a finding."""
    level = "error" if finding.severity == "error" else "warning"
    if finding.member is not None and finding.line is None:
        where = f"{finding.file}:{finding.member}: "
    else:
        where = _location(finding.file, finding.line)
    return f"{where}{level}[{finding.code}] {describe_finding_message(finding)}"


def describe_error(error: "ManifestParseError") -> str:
    """One line for a user error (bad input)."""
    received = ""
    if error.received is not None:
        shown = _js(error.received)
        if len(shown) > _RECEIVED_MAX:
            shown = shown[: _RECEIVED_MAX - 1] + "…"
        received = f": {shown}"
    hint = f" (hint: {error.hint})" if error.hint else ""
    where = _location(error.file, error.line, error.column)
    return f"{where}error[{error.code}] {error.message}{received}{hint}"
