"""Reading a manifest file from disk: the I/O edge of the reader.

Public API (names are stable):

- ``MANIFEST_FILE``: the default manifest name, ``pyproject-manifest.txt``, beside pyproject.toml.
- ``read_manifest_text(path, file=None) -> str``: the file's text, strictly UTF-8.
- ``open_regular_file(path) -> BinaryIO``: open for reading, refusing (``NotARegularFile``) a FIFO,
  a socket, a device or a directory without blocking on it; the archive reader and the tree
  hashing use it too. A FIFO would block a read forever, and ``/dev/zero`` never ends.
- ``read_manifest(path, file=None) -> Manifest``: read and parse. Raises ``ManifestError`` with
  MANIFEST_NOT_FOUND (no such file), FILE_UNREADABLE (a directory, unreadable, not UTF-8) or the
  parse errors of ``reader.parse_manifest``. The whole-manifest rules are not applied here: call
  ``reader.check_manifest`` (a consumer MUST treat a manifest with such findings as invalid).

``file`` is how the manifest is named in messages; it defaults to ``path`` as given.
"""

from __future__ import annotations

import os
import stat
from typing import BinaryIO, Optional, Union

from .reader import Manifest, ManifestError, ManifestParseError, parse_manifest

__all__ = ["MANIFEST_FILE", "NotARegularFile", "open_regular_file", "read_manifest", "read_manifest_text"]

#: The default manifest file name (MANIFEST-FORMAT.md §1.1).
MANIFEST_FILE = "pyproject-manifest.txt"

PathLike = Union[str, "os.PathLike[str]"]


class NotARegularFile(OSError):
    """The path names something other than a regular file; ``kind`` says what ("a FIFO", …)."""

    def __init__(self, kind: str):
        super().__init__(f"{kind}, not a regular file")
        self.kind = kind


def _file_type(mode: int) -> Optional[str]:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_regular_file(path: PathLike) -> BinaryIO:
    """Open a regular file (or a symlink to one) for binary reading, without blocking on anything else.

    :raises NotARegularFile: for a directory, FIFO, socket or device
    :raises OSError: as ``open`` does (FileNotFoundError, PermissionError, …)
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotARegularFile("a directory") from None
    try:
        kind = _file_type(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotARegularFile(kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_manifest_text(path: PathLike, file: Optional[str] = None) -> str:
    """The manifest's text (strict UTF-8, no newline translation)."""
    label = file if file is not None else os.fspath(path)

    def fail(code: str, message: str, hint: str) -> ManifestError:
        return ManifestError([ManifestParseError(code, message, label, hint=hint)])

    try:
        with open_regular_file(path) as handle:
            data = handle.read()
    except NotARegularFile as error:
        if error.kind == "a directory":
            raise fail("FILE_UNREADABLE", "is a directory, not a file", "name a file") from None
        raise fail("FILE_UNREADABLE", f"is {error.kind}, not a regular file", "name a regular file") from None
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
