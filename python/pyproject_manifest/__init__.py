"""pyproject-manifest: read ``pyproject-manifest.txt`` and check built sdists and wheels against it.

Stdlib only. Importing this package reads no file, prints nothing and leaves ``sys.path`` alone.

- ``reader``: the pure reference reader of MANIFEST-FORMAT.md v1 (parse, whole-manifest checks,
  canonical form); ``glob``: gen globs; ``describe``: one line of prose per finding or error.
- ``files``: ``read_manifest(path)``, the default name ``MANIFEST_FILE``.
- ``archive``: ``check_archive(archive_path, manifest, root)``, as ``manifest validate ARCHIVE``.
- ``hatch`` (hatchling build hook) and ``wrap`` (a checking PEP 517 backend) are the build edges.
"""

from __future__ import annotations

__version__ = "0.1.0"

from .describe import describe_error, describe_finding
from .files import MANIFEST_FILE, read_manifest
from .reader import (
    Entry,
    Finding,
    Manifest,
    ManifestError,
    ManifestParseError,
    check_canonical,
    check_manifest,
    format_manifest,
    parse_manifest,
)

__all__ = [
    "MANIFEST_FILE",
    "Entry",
    "Finding",
    "Manifest",
    "ManifestError",
    "ManifestParseError",
    "__version__",
    "check_archive",
    "check_canonical",
    "check_manifest",
    "describe_error",
    "describe_finding",
    "format_manifest",
    "parse_manifest",
    "read_manifest",
]


def __getattr__(name: str) -> object:
    # The archive checker imports tarfile, zipfile and hashlib: load it only when asked for.
    if name == "check_archive":
        from .archive import check_archive

        return check_archive
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
