"""Reading a manifest file from disk: the I/O edge of the reader.

Public API (names are stable):

- ``MANIFEST_FILE``: the default manifest name, ``pyproject-manifest.txt``, beside pyproject.toml.
- ``read_manifest_text(path, file=None) -> str``: the file's text, strictly UTF-8.
- ``read_manifest(path, file=None) -> Manifest``: read and parse. Raises ``ManifestError`` with
  MANIFEST_NOT_FOUND (no such file), FILE_UNREADABLE (a directory, unreadable, not UTF-8) or the
  parse errors of ``reader.parse_manifest``. The whole-manifest rules are not applied here: call
  ``reader.check_manifest`` (a consumer MUST treat a manifest with such findings as invalid).

``file`` is how the manifest is named in messages; it defaults to ``path`` as given.
"""

from __future__ import annotations

import os
from typing import Optional, Union

from .reader import Manifest, ManifestError, ManifestParseError, parse_manifest

__all__ = ["MANIFEST_FILE", "read_manifest", "read_manifest_text"]

#: The default manifest file name (MANIFEST-FORMAT.md §1.1).
MANIFEST_FILE = "pyproject-manifest.txt"

PathLike = Union[str, "os.PathLike[str]"]


def read_manifest_text(path: PathLike, file: Optional[str] = None) -> str:
    """The manifest's text (strict UTF-8, no newline translation)."""
    label = file if file is not None else os.fspath(path)

    def fail(code: str, message: str, hint: str) -> ManifestError:
        return ManifestError([ManifestParseError(code, message, label, hint=hint)])

    try:
        if os.path.isdir(path):
            raise fail("FILE_UNREADABLE", "is a directory, not a file", "name a file")
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise fail(
            "MANIFEST_NOT_FOUND", "does not exist", "run `manifest generate` to create it"
        ) from None
    except OSError as error:
        raise fail(
            "FILE_UNREADABLE",
            f"cannot be read ({error.strerror or error})",
            "check the file permissions",
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail("FILE_UNREADABLE", "is not valid UTF-8", "save the file as UTF-8") from None


def read_manifest(path: PathLike, file: Optional[str] = None) -> Manifest:
    """Read and parse a manifest file (see the module docstring for the errors)."""
    label = file if file is not None else os.fspath(path)
    return parse_manifest(read_manifest_text(path, label), label)
