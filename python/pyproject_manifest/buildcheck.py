"""The checks the build edges run around a build, and how a failed check stops the build.

Owns: locating the manifest beside ``pyproject.toml``; the checks before a target is built (the
manifest parses and is valid, the sources its section lists exist, and, in a source checkout
where the ``manifest`` CLI is on PATH, ``manifest validate`` for the rules-against-tree check that
only the CLI can do); the check after (the built sdist or wheel against its section); and failing:
one line per problem, the artifact deleted, a ``SystemExit`` so that frontends (``build``, pip,
hatch) print the lines without a traceback.
Must not: import hatchling or any backend (``hatch.py`` and ``wrap.py`` are the edges that do), or
do anything at import time. The reader and the archive check stay pure; this module is the I/O.

What a build can check without Node (MANIFEST-FORMAT.md §9): the archive against the manifest,
and that the listed sources exist. Whether the manifest is stale (a new file the rules would now
select, a file they would now drop) needs the rules expanded, which only the CLI does: it runs when
``manifest`` is on PATH, and is skipped inside an unpacked sdist (a ``PKG-INFO`` at the root), where
the tree is the sdist itself rather than the project the rules describe.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from typing import Callable, List, Optional, Sequence

from .archive import check_archive
from .describe import describe_error, describe_finding
from .files import MANIFEST_FILE, read_manifest
from .reader import Finding, Manifest, ManifestError, ManifestParseError, check_manifest, format_entry

#: The manifest's default name (MANIFEST-FORMAT.md §1.1).
DEFAULT_MANIFEST = MANIFEST_FILE
#: Whoever speaks for this package in a build log.
TOOL = "pyproject-manifest"
#: The values of ``on-mismatch``.
ON_MISMATCH = ("error", "warn")


class BuildCheckFailed(SystemExit):
    """Stops a build: its message is printed as is (one line per problem), with no traceback.

    A ``SystemExit`` because the frontends run the backend in a subprocess of its own and print
    what it wrote; a plain exception would bury the lines under a traceback.
    """

    def __init__(self, lines: Sequence[str]):
        self.lines: List[str] = list(lines)
        super().__init__("\n".join(self.lines))


@dataclass
class Checked:
    """A manifest that was read and found valid, with what the messages call it."""

    root: str
    path: str
    #: The manifest's name in messages: relative to the project root.
    display: str
    manifest: Manifest
    #: Lines to print that do not fail the build (warning findings, skipped checks).
    notes: List[str] = field(default_factory=list)


def is_unpacked_sdist(root: str) -> bool:
    """Whether ``root`` is an unpacked sdist (PEP 517 sdists hold ``PKG-INFO`` at the root)."""
    return os.path.isfile(os.path.join(root, "PKG-INFO"))


def config_error(
    code: str, message: str, hint: Optional[str] = None, file: str = "pyproject.toml"
) -> str:
    """One line for a configuration problem of a build edge, as the CLI words user errors."""
    return describe_error(ManifestParseError(code=code, message=message, file=file, hint=hint))


def read_checked_manifest(root: str, name: str = DEFAULT_MANIFEST) -> Optional[Checked]:
    """Read and validate the manifest; None inside an unpacked sdist that does not ship it.

    Raises BuildCheckFailed with one line per problem: no manifest in a source checkout
    (MANIFEST_NOT_FOUND), every parse error with its line and column, and the whole-manifest
    findings of error severity (§11). A project that excluded its manifest from the sdist still
    builds a wheel from that sdist: there is nothing to check it against, and that is said.
    """
    path = os.path.join(root, name)
    display = os.path.relpath(path, root)
    if not os.path.lexists(path) and is_unpacked_sdist(root):
        return None
    try:
        manifest = read_manifest(path, display)
    except ManifestError as error:
        raise BuildCheckFailed([describe_error(e) for e in error.errors]) from None
    findings = check_manifest(manifest, display)
    errors = [describe_finding(f) for f in findings if f.severity == "error"]
    if errors:
        raise BuildCheckFailed(errors)
    notes = [describe_finding(f) for f in findings if f.severity != "error"]
    return Checked(root=root, path=path, display=display, manifest=manifest, notes=notes)


def find_missing_sources(checked: Checked, target: str) -> List[str]:
    """MISSING_SOURCE for each ``mod``/``alt`` SRC of the section that is not in the tree (§9.1)."""
    lines = []
    for entry in checked.manifest.section(target):
        if entry.src is None:
            continue
        if not os.path.lexists(os.path.join(checked.root, *entry.src.split("/"))):
            finding = Finding(
                code="MISSING_SOURCE",
                file=checked.display,
                path=entry.src,
                line=entry.line,
                target=target,
                args={"entry": format_entry(entry), "src": entry.src},
            )
            lines.append(describe_finding(finding))
    return lines


def run_tree_check(checked: Checked, which: Callable[[str], Optional[str]] = shutil.which) -> List[str]:
    """``manifest validate`` on the tree, when the CLI is on PATH and the root is a source checkout.

    Returns its report lines when it finds problems (exit 1) or cannot read the project (exit 2);
    nothing when it passes or was not run. An unexpected exit is a note, not a failure: the archive
    check still runs.
    """
    if is_unpacked_sdist(checked.root):
        return []
    cli = which("manifest")
    if cli is None:
        return []
    command = [cli, "validate", "--root", checked.root, "--manifest", checked.path, "--color", "never"]
    env = dict(os.environ, NO_COLOR="1")
    env.pop("GITHUB_ACTIONS", None)
    try:
        result = subprocess.run(
            command, cwd=checked.root, env=env, capture_output=True, text=True, check=False
        )
    except OSError as error:
        checked.notes.append(
            f"{TOOL}: note: could not run `manifest validate` ({error.strerror}); the tree was not checked"
        )
        return []
    if result.returncode == 0:
        return []
    output = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    if result.returncode in (1, 2):
        # Its findings and errors, one line each; its summary and docs-link lines are left out.
        problems = [line for line in output if "error[" in line]
        checked.notes.extend(line for line in output if "warning[" in line)
        return problems or output
    checked.notes.append(
        f"{TOOL}: note: `manifest validate` exited with {result.returncode}; the tree was not checked"
    )
    checked.notes.extend(output)
    return []


def check_built(checked: Checked, target: str, artifact: str) -> List[str]:
    """The built sdist or wheel against its section, one line per finding of error severity."""
    try:
        findings = check_archive(
            artifact, checked.manifest, root=checked.root, file=display_artifact(artifact)
        )
    except ManifestError as error:
        return [describe_error(e) for e in error.errors]
    checked.notes.extend(describe_finding(f) for f in findings if f.severity != "error")
    return [describe_finding(f) for f in findings if f.severity == "error"]


def note_unchecked(name: str, target: str, stream=None) -> None:
    """Say that a build from an unpacked sdist without its manifest goes unchecked."""
    out = stream if stream is not None else sys.stderr
    print(f"{TOOL}: note: this unpacked sdist has no {name}; the {target} is not checked", file=out)


def display_artifact(path: str) -> str:
    """An artifact's name in messages: relative to the working directory when inside it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def enforce(
    problems: Sequence[str],
    *,
    what: str,
    on_mismatch: str = "error",
    artifact: Optional[str] = None,
    notes: Sequence[str] = (),
    stream=None,
) -> None:
    """Print the notes; then, when there are problems, fail (deleting the artifact) or warn.

    ``what`` names the thing checked, e.g. "the sdist dist/proj-1.0.tar.gz".
    """
    out = stream if stream is not None else sys.stderr
    for note in notes:
        print(note, file=out)
    if not problems:
        return
    count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
    if on_mismatch == "warn":
        for line in problems:
            print(line.replace(": error[", ": warning[", 1), file=out)
        kept = 'kept because on-mismatch = "warn"'
        print(f"{TOOL}: {what} does not match the manifest ({count}); {kept}", file=out)
        out.flush()
        return
    if artifact is not None:
        try:
            os.remove(artifact)
        except FileNotFoundError:
            pass
        tail = f"{what} does not match the manifest ({count}) and was deleted"
    else:
        tail = f"{what} was not built ({count})"
    out.flush()
    raise BuildCheckFailed([*problems, f"{TOOL}: {tail}"])
