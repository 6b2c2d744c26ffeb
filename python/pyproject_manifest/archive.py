"""The archive check: a built sdist (.tar.gz) or wheel (.whl) against its section of the manifest.

What ``manifest validate ARCHIVE`` does (``src/archive/check.ts``, ``record.ts``), with the same
finding codes: names (every member a ``mod``/``alt`` DEST or matched by a ``gen`` DEST, every
``mod``/``alt`` DEST present; the wheel's ``.dist-info/`` exempt; ``{data}/`` mapped to
``{name}-{version}.data/``), the bytes of ``mod`` members against the tree (never of ``alt`` members,
whose bytes the build rewrites, nor of ``gen`` ones), RECORD rows, hashes and sizes, the sdist root
and the wheel's ``.dist-info``, and unsafe members (absolute, ``..``, backslash, NUL, links that
escape, link chains that escape only when followed through earlier links, zip names that differ
between the central directory and the local header or a Unicode Path extra field, duplicates, names
that differ only by case, absurd sizes and zip-bomb ratios, a file name that lies about the kind).
Nothing is extracted.

Layers: ``read_archive`` is the only code that opens archives (tarfile, zipfile; members are hashed
while they stream); ``hash_tree_files`` the only code that reads the tree; ``check_listing`` is pure.

Public API (names are stable):

- ``check_archive(archive_path, manifest, root=None, *, file=None, project=None, names_only=False)
  -> list[Finding]``: read, hash the tree sources under ``root`` (when given and not
  ``names_only``), check. ``manifest`` is a ``Manifest`` (its sdist or wheel section is used,
  by the archive's kind) or a list of entries. ``project`` is ``{"name": ..., "version": ...}``.
- ``read_archive(path, file=None) -> ArchiveListing``; ``check_listing(listing, section,
  tree_hashes=None, *, project=None, names_only=False) -> list[Finding]``;
  ``hash_tree_files(root, paths) -> dict[str, str]``; ``ArchiveListing``, ``ArchiveEntry``.

Bad input raises ``ManifestError``: ARCHIVE_UNREADABLE (missing, truncated, corrupt),
ARCHIVE_UNSUPPORTED (neither gzip nor zip, or named as a format Python packaging does not use: an
sdist packed as ``.zip``, ``.tar.bz2``, …), FILE_UNREADABLE (a tree file that exists but cannot
be read). Findings are returned, never raised.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
import struct
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import BinaryIO, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

from .files import NotARegularFile, open_regular_file
from .dist_name import escape_dist_name, same_version, split_name_version
from .glob import compile_gen_glob
from .reader import Entry, Finding, Manifest, ManifestError, ManifestParseError, format_entry

__all__ = [
    "DATA_SCHEMES",
    "ArchiveEntry",
    "ArchiveListing",
    "RecordRow",
    "check_archive",
    "check_listing",
    "hash_tree_files",
    "linked_directory_files",
    "read_archive",
]

#: Wheel ``.data/`` subdirectories: the install-scheme keys of the wheel spec.
DATA_SCHEMES: Tuple[str, ...] = ("purelib", "platlib", "headers", "scripts", "data")
#: Hash algorithms RECORD may use (sha256 "or better").
RECORD_ALGORITHMS: Tuple[str, ...] = ("sha256", "sha384", "sha512")
DEFAULT_MAX_MEMBER_SIZE = 256 * 1024 * 1024
DEFAULT_MAX_TOTAL_SIZE = 4 * 1024 * 1024 * 1024
#: Declared/compressed ratio above which a declared size cannot be true (deflate tops out ~1032:1).
_BOMB_RATIO = 1100
_BOMB_FLOOR = 1024 * 1024
#: A member over _BOMB_SIZE compressing better than _BOMB_SUSPECT_RATIO:1 has a zip bomb's shape: it
#: is reported and not inflated (real wheels' text compresses ~3-10:1).
_BOMB_SUSPECT_RATIO = 200
_BOMB_SIZE = 16 * 1024 * 1024
#: Symlinks followed in one resolution before it is taken as a loop (Linux: 40).
_MAX_HOPS = 40
_MAX_RECORD = 64 * 1024 * 1024
_MAX_LINK_TARGET = 4096
_CHUNK = 256 * 1024
_RECORD_NAME = re.compile(r"[^/]+\.dist-info/RECORD\Z")
_UNREADABLE_HINT = "rebuild it; a truncated download or a partial copy looks like this"


# --- data -------------------------------------------------------------------------------------


@dataclass
class ArchiveEntry:
    """One member. ``path`` as stored (tarfile drops a directory's trailing ``/``); ``rel_path``
    with the sdist root stripped (``""`` for the root itself) and no trailing ``/``."""

    path: str
    rel_path: str
    kind: str  # file | dir | symlink | hardlink | other
    size: int
    sha256: str = ""
    compressed_size: Optional[int] = None
    link_target: Optional[str] = None
    digests: Dict[str, str] = field(default_factory=dict)
    #: The declared size was absurd, so the bytes were not read or hashed.
    oversized: bool = False
    #: Zip only: the local header's name, when it differs from the central directory's (``path``).
    local_name: Optional[str] = None
    #: Zip only: the Info-ZIP Unicode Path extra field's name, when it differs from ``path``.
    unicode_name: Optional[str] = None


@dataclass
class RecordRow:
    path: str
    algorithm: str
    digest: str
    size: Optional[int]
    raw_size: str
    line: int


@dataclass
class ArchiveListing:
    file: str
    kind: str  # sdist | wheel
    archive_size: int
    entries: List[ArchiveEntry] = field(default_factory=list)
    root: Optional[str] = None
    record: Optional[List[RecordRow]] = None
    #: (line, reason, text) of RECORD rows that could not be read.
    record_problems: List[Tuple[int, str, str]] = field(default_factory=list)
    record_path: Optional[str] = None
    #: The kind the file name promises (``.whl``: wheel, ``.tar.gz``: sdist), when it promises one;
    #: ``kind`` is what the bytes are.
    name_kind: Optional[str] = None


def _encode(digest: bytes) -> str:
    """A digest as RECORD writes it: urlsafe base64 without padding."""
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _unreadable(file: str, message: str, code: str = "ARCHIVE_UNREADABLE", hint: Optional[str] = _UNREADABLE_HINT) -> ManifestError:
    return ManifestError([ManifestParseError(code, message, file, hint=hint)])


# --- reading ----------------------------------------------------------------------------------


def _size_verdict(size: int, compressed: Optional[int], max_member: int) -> Optional[str]:
    if size > max_member:
        return f"declares {size} bytes, over the {max_member}-byte limit (not read)"
    if compressed is not None and size > _BOMB_FLOOR and size > max(compressed, 1) * _BOMB_RATIO:
        return (
            f"declares {size} bytes from {compressed} compressed, more than deflate can produce "
            "(not read)"
        )
    if compressed is not None and size > _BOMB_SIZE and size > max(compressed, 1) * _BOMB_SUSPECT_RATIO:
        ratio = _round_half_up(size / max(compressed, 1))
        return (
            f"declares {size} bytes from {compressed} compressed ({ratio}:1), the shape of a zip bomb "
            "(not read)"
        )
    return None


def _round_half_up(value: float) -> int:
    # JavaScript's Math.round, which the TypeScript side uses (Python's round() is to even).
    return int(value + 0.5)


def _kind_from_name(file: str) -> Optional[str]:
    """What a file name promises: ``wheel``, ``sdist``, ``unsupported`` (a format Python packaging
    dropped or never had, refused whatever its bytes), or None."""
    lower = file.lower()
    if lower.endswith(".whl"):
        return "wheel"
    if lower.endswith((".tar.gz", ".tgz")):
        return "sdist"
    if re.search(r"\.(zip|tar|tar\.bz2|tbz|tar\.xz|txz|tar\.zst|tar\.z|egg|exe)\Z", lower):
        return "unsupported"
    return None


def _hint_from_name(file: str) -> str:
    lower = file.lower()
    if lower.endswith(".whl"):
        return "a .whl file should be a zip archive"
    if lower.endswith((".tar.gz", ".tgz")):
        return "a .tar.gz file should start with the gzip magic bytes"
    if lower.endswith((".zip", ".tar", ".tar.bz2", ".tar.xz", ".tar.zst")):
        return "sdists are .tar.gz and wheels are .whl"
    return "pass an sdist (.tar.gz) or a wheel (.whl)"


def read_archive(path: Union[str, "os.PathLike[str]"], file: Optional[str] = None) -> ArchiveListing:
    """List a built archive, hashing members as they stream. The kind comes from the magic bytes."""
    label = file if file is not None else os.fspath(path)
    try:
        with open_regular_file(path) as handle:
            size = os.fstat(handle.fileno()).st_size
            head = handle.read(4)
    except NotARegularFile as error:
        raise _unreadable(label, f"cannot open the archive: it is {error.kind}, not a regular file", hint=None) from None
    except FileNotFoundError:
        raise _unreadable(label, "cannot open the archive: the file does not exist", hint=None) from None
    except PermissionError:
        raise _unreadable(label, "cannot open the archive: permission denied", hint=None) from None
    except OSError as error:
        raise _unreadable(label, f"cannot open the archive: {error.strerror or error}", hint=None) from None
    kind = "sdist" if head[:2] == b"\x1f\x8b" else "wheel" if head in (b"PK\x03\x04", b"PK\x05\x06") else None
    name_kind = _kind_from_name(label)
    hex_head = " ".join(f"{b:02x}" for b in head)
    if name_kind == "unsupported":
        # docs/codes.md: sdists are .tar.gz and wheels are .whl (PEP 625, the wheel spec).
        raise ManifestError(
            [
                ManifestParseError(
                    "ARCHIVE_UNSUPPORTED",
                    "not an sdist (.tar.gz) or a wheel (.whl) by its name",
                    label,
                    hint=_hint_from_name(label),
                    received=f"first bytes {hex_head}"
                    if kind is None
                    else f"a {'zip' if kind == 'wheel' else 'gzip'} file named {_base_name(label)}",
                )
            ]
        )
    if kind is not None:
        listing = _read_sdist(path, label, size) if kind == "sdist" else _read_wheel(path, label, size)
        listing.name_kind = name_kind
        return listing
    hint = _hint_from_name(label)
    received = "(empty file)" if not head else f"first bytes {hex_head}"
    raise ManifestError(
        [
            ManifestParseError(
                "ARCHIVE_UNSUPPORTED",
                "not a gzip-compressed tar (sdist) or a zip (wheel)",
                label,
                hint=hint,
                received=received,
            )
        ]
    )


def _tar_kind(member: tarfile.TarInfo) -> str:
    if member.isreg():
        return "file"
    if member.isdir():
        return "dir"
    if member.issym():
        return "symlink"
    if member.islnk():
        return "hardlink"
    return "other"


def _strip_root(name: str, root: str) -> str:
    trimmed = name.rstrip("/")
    if trimmed == root:
        return ""
    return trimmed[len(root) + 1 :] if trimmed.startswith(root + "/") else trimmed


def _read_sdist(path: Union[str, "os.PathLike[str]"], label: str, archive_size: int) -> ArchiveListing:
    listing = ArchiveListing(file=label, kind="sdist", archive_size=archive_size)
    total = 0
    try:
        with open_regular_file(path) as raw:
            try:
                tar = tarfile.open(fileobj=raw, mode="r|gz")
            except tarfile.ReadError as error:
                if "empty file" in str(error):
                    return listing
                raise
            with tar:
                for member in tar:
                    kind = _tar_kind(member)
                    if listing.root is None:
                        listing.root = member.name.split("/")[0]
                    entry = ArchiveEntry(
                        path=member.name,
                        rel_path=_strip_root(member.name, listing.root),
                        kind=kind,
                        size=member.size,
                    )
                    if kind in ("symlink", "hardlink") and member.linkname:
                        entry.link_target = member.linkname
                    total += member.size
                    if total > DEFAULT_MAX_TOTAL_SIZE:
                        raise ValueError(f"it expands to more than {DEFAULT_MAX_TOTAL_SIZE} bytes")
                    if kind == "file" and member.size > DEFAULT_MAX_MEMBER_SIZE:
                        entry.oversized = True
                    elif kind == "file":
                        reader = tar.extractfile(member)
                        digest = hashlib.sha256()
                        if reader is not None:
                            while True:
                                chunk = reader.read(_CHUNK)
                                if not chunk:
                                    break
                                digest.update(chunk)
                        entry.sha256 = _encode(digest.digest())
                    listing.entries.append(entry)
    except (tarfile.TarError, EOFError, zlib.error, OSError, ValueError) as error:
        raise _unreadable(label, f"cannot read the sdist: {_describe_tar_error(error)}") from None
    return listing


def _describe_tar_error(error: BaseException) -> str:
    message = str(error).strip().split("\n")[0] or type(error).__name__
    if isinstance(error, EOFError) or "end-of-stream" in message:
        return "the gzip stream is truncated"
    if isinstance(error, zlib.error) or "not a gzip file" in message.lower():
        return f"the gzip stream is corrupt ({message})"
    if "unexpected end of data" in message:
        return "the tar stream is truncated"
    return message


def _zip_mode(info: zipfile.ZipInfo) -> Optional[int]:
    # 3 = Unix; other hosts do not store a mode in the high word of the external attributes.
    return (info.external_attr >> 16) & 0xFFFF if info.create_system == 3 else None


def _decode_zip_name(raw: bytes, flags: int) -> str:
    # As zipfile decodes a stored name: UTF-8 when flag bit 11 says so, else CP437.
    return raw.decode("utf-8" if flags & 0x800 else "cp437")


def _raw_zip_name(info: zipfile.ZipInfo) -> bytes:
    return info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")


def _unicode_name(info: zipfile.ZipInfo) -> Optional[str]:
    """The name an Info-ZIP Unicode Path extra field (0x7075, version 1, whose CRC-32 matches the
    raw name) gives, when it differs from the raw name. zipfile (and pip) list the raw name; other
    readers show this one."""
    extra = info.extra
    at = 0
    while at + 4 <= len(extra):
        field_id, length = struct.unpack("<HH", extra[at : at + 4])
        data = extra[at + 4 : at + 4 + length]
        at += 4 + length
        if field_id != 0x7075 or len(data) < 6 or data[0] != 1:
            continue
        if struct.unpack("<I", data[1:5])[0] != zlib.crc32(_raw_zip_name(info)):
            continue
        name = data[5:].decode("utf-8", errors="replace")
        return None if name == info.orig_filename else name
    return None


def _local_name(raw: BinaryIO, info: zipfile.ZipInfo) -> Optional[str]:
    """The name in the member's local header, when its bytes differ from the central directory's."""
    raw.seek(info.header_offset)
    fixed = raw.read(30)
    if len(fixed) < 30 or fixed[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile(f"{info.orig_filename}: invalid local file header")
    flags, length = struct.unpack("<H", fixed[6:8])[0], struct.unpack("<H", fixed[26:28])[0]
    local = raw.read(length)
    if local == _raw_zip_name(info):
        return None
    return _decode_zip_name(local, flags)


def _read_wheel(path: Union[str, "os.PathLike[str]"], label: str, archive_size: int) -> ArchiveListing:
    listing = ArchiveListing(file=label, kind="wheel", archive_size=archive_size)
    try:
        with open_regular_file(path) as raw, zipfile.ZipFile(raw) as archive:
            infos = archive.infolist()
            members: List[Tuple[zipfile.ZipInfo, ArchiveEntry]] = []
            for info in infos:
                # orig_filename keeps what zipfile would cut at a NUL, so that the check sees it.
                name = info.orig_filename
                mode = _zip_mode(info)
                kind_bits = stat.S_IFMT(mode) if mode is not None else 0
                if name.endswith("/") or kind_bits == stat.S_IFDIR:
                    kind = "dir"
                elif kind_bits == stat.S_IFLNK:
                    kind = "symlink"
                else:
                    kind = "file"
                entry = ArchiveEntry(
                    path=name,
                    rel_path=name.rstrip("/"),
                    kind=kind,
                    size=info.file_size,
                    compressed_size=info.compress_size,
                )
                if kind == "file" and _size_verdict(info.file_size, info.compress_size, DEFAULT_MAX_MEMBER_SIZE):
                    entry.oversized = True
                entry.unicode_name = _unicode_name(info)
                entry.local_name = _local_name(raw, info)
                if entry.local_name is not None:
                    # zipfile refuses a member whose local name differs; the bytes are read under
                    # the local name, and the difference is a finding (ARCHIVE_NAME_MISMATCH).
                    copy = zipfile.ZipInfo()
                    for slot in zipfile.ZipInfo.__slots__:
                        if hasattr(info, slot):
                            setattr(copy, slot, getattr(info, slot))
                    copy.orig_filename = entry.local_name
                    info = copy
                members.append((info, entry))
                listing.entries.append(entry)

            records = [(i, e) for i, e in members if _RECORD_NAME.match(e.path)]
            extra: Dict[str, List[str]] = {}
            if len(records) == 1 and records[0][1].size <= _MAX_RECORD:
                info, entry = records[0]
                text = archive.read(info).decode("utf-8", errors="replace")
                rows, problems = parse_record(text)
                listing.record = rows
                listing.record_problems = problems
                listing.record_path = entry.path
                for row in rows:
                    if row.algorithm in ("sha384", "sha512"):
                        extra.setdefault(row.path, []).append(row.algorithm)

            for info, entry in members:
                if entry.oversized or entry.kind not in ("file", "symlink"):
                    continue
                algorithms = ["sha256"] + extra.get(entry.rel_path, [])
                hashes = {a: hashlib.new(a) for a in algorithms}
                if entry.kind == "symlink":
                    if info.file_size > _MAX_LINK_TARGET:
                        raise ValueError(f"{entry.path} is larger than {_MAX_LINK_TARGET} bytes")
                    target = archive.read(info)
                    entry.link_target = target.decode("utf-8", errors="replace")
                    # A zip stores the target as the member's bytes, and RECORD hashes those bytes.
                    for h in hashes.values():
                        h.update(target)
                else:
                    with archive.open(info) as stream:
                        while True:
                            chunk = stream.read(_CHUNK)
                            if not chunk:
                                break
                            for h in hashes.values():
                                h.update(chunk)
                entry.sha256 = _encode(hashes.pop("sha256").digest())
                entry.digests = {a: _encode(h.digest()) for a, h in hashes.items()}
    except ManifestError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, zlib.error, OSError, ValueError, RuntimeError, NotImplementedError) as error:
        message = str(error).strip().split("\n")[0] or type(error).__name__
        raise _unreadable(label, f"cannot read the wheel: {message}") from None
    return listing


def _split_csv(text: str) -> List[Tuple[List[str], int]]:
    """CSV as Python's ``csv.reader`` (excel dialect) reads it, with the 1-based line each record
    starts on (``csv`` itself only knows where a record ends)."""
    records: List[Tuple[List[str], int]] = []
    fields: List[str] = []
    current: List[str] = []
    quoted = False
    at_field_start = True
    line = 1
    record_line = 1
    any_text = False
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if quoted:
            if ch == '"':
                if i + 1 < n and text[i + 1] == '"':
                    current.append('"')
                    i += 1
                else:
                    quoted = False
            else:
                if ch == "\n":
                    line += 1
                current.append(ch)
            i += 1
            continue
        if ch == '"' and at_field_start:
            quoted = True
            any_text = True
            at_field_start = False
        elif ch == ",":
            fields.append("".join(current))
            current = []
            any_text = True
            at_field_start = True
        elif ch in "\r\n":
            if any_text:
                records.append((fields + ["".join(current)], record_line))
            fields, current, any_text, at_field_start = [], [], False, True
            if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            line += 1
            record_line = line
        else:
            any_text = True
            at_field_start = False
            current.append(ch)
        i += 1
    if any_text:
        records.append((fields + ["".join(current)], record_line))
    return records


_DECIMAL = re.compile(r"[0-9]+\Z")


def parse_record(text: str) -> Tuple[List[RecordRow], List[Tuple[int, str, str]]]:
    """RECORD text -> rows, and (line, reason, text) for rows that are not ``path,hash,size``."""
    rows: List[RecordRow] = []
    problems: List[Tuple[int, str, str]] = []
    for fields, line in _split_csv(text):
        if len(fields) != 3:
            problems.append((line, f"expected 3 fields, found {len(fields)}", ",".join(fields)))
            continue
        path, hash_field, size = fields
        algorithm = digest = ""
        if hash_field != "":
            eq = hash_field.find("=")
            if eq <= 0:
                problems.append((line, "the hash is not written as algorithm=digest", ",".join(fields)))
                continue
            algorithm, digest = hash_field[:eq], hash_field[eq + 1 :]
        parsed: Optional[int] = None
        if size != "":
            if not _DECIMAL.match(size):
                problems.append((line, "the size is not a decimal number", ",".join(fields)))
                continue
            parsed = int(size)
        rows.append(RecordRow(path, algorithm, digest, parsed, size, line))
    return rows, problems


# --- the tree ---------------------------------------------------------------------------------


def hash_tree_files(root: Union[str, "os.PathLike[str]"], paths: Iterable[str]) -> Dict[str, str]:
    """sha256 (RECORD's encoding) of each project-relative file; symlinks are followed, as build
    backends copy the target's bytes; files that do not exist are left out.

    :raises ManifestError: FILE_UNREADABLE when a file exists but cannot be read, or is not a
        regular file (a FIFO would block, /dev/zero never ends)
    """
    out: Dict[str, str] = {}
    for rel in dict.fromkeys(paths):
        full = os.path.join(os.fspath(root), *rel.split("/"))
        if os.path.islink(full) and os.path.isdir(full):
            # A symlink to a directory is a source of its own (MANIFEST-FORMAT.md §15.3), not
            # hashed: its files are, one by one (linked_directory_files).
            continue
        digest = hashlib.sha256()
        try:
            with open_regular_file(full) as handle:
                while True:
                    chunk = handle.read(_CHUNK)
                    if not chunk:
                        break
                    digest.update(chunk)
        except NotARegularFile as error:
            link = "a symlink to " if os.path.islink(full) else ""
            raise ManifestError(
                [
                    ManifestParseError(
                        "FILE_UNREADABLE",
                        f"is {link}{error.kind}, not a regular file",
                        full,
                        hint="a manifest source must be a regular file (or a symlink to one)",
                    )
                ]
            ) from None
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            raise ManifestError(
                [ManifestParseError("FILE_UNREADABLE", f"cannot read {full}: {error.strerror or error}", full)]
            ) from None
        out[rel] = _encode(digest.digest())
    return out


def linked_directory_files(
    root: Union[str, "os.PathLike[str]"], section: Sequence[Entry], member_paths: Sequence[str]
) -> Dict[str, Set[str]]:
    """The ``mod``/``alt`` SRCs that are symlinks to directories (MANIFEST-FORMAT.md §15.3), each
    with the paths below it, through the link, that are files and that a member names below the
    line's DEST (a backend that follows the link ships them so). A DEST under ``{data}/`` is
    matched below any ``*.data/`` directory; the check maps it exactly."""
    result: Dict[str, Set[str]] = {}
    for entry in section:
        if entry.kind not in ("mod", "alt") or entry.src is None:
            continue
        full = os.path.join(os.fspath(root), *entry.src.split("/"))
        if not (os.path.islink(full) and os.path.isdir(full)):
            continue
        files = result.setdefault(entry.src, set())
        prefix = (
            re.compile(r"[^/]+\.data/" + re.escape(entry.dest[len("{data}/") :]) + "/")
            if entry.dest.startswith("{data}/")
            else None
        )
        for path in member_paths:
            rest: Optional[str] = None
            if prefix is not None:
                match = prefix.match(path)
                rest = path[match.end() :] if match else None
            elif path.startswith(entry.dest + "/"):
                rest = path[len(entry.dest) + 1 :]
            # Only plain relative paths are looked up: `..`, `.`, empty segments or a NUL never are.
            if rest is None or "\0" in rest or any(s in ("", ".", "..") or "\\" in s for s in rest.split("/")):
                continue
            if os.path.isfile(os.path.join(full, *rest.split("/"))):
                files.add(rest)
    return result


# --- the check (pure) -------------------------------------------------------------------------


def _base_name(file: str) -> str:
    return re.split(r"[\\/]", file)[-1]


def _unsafe_reason(name: str) -> Optional[str]:
    if "\0" in name:
        return "it contains a NUL byte"
    if "\\" in name:
        return "it contains a backslash"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "it is absolute"
    if ".." in name.split("/"):
        return "it has a .. segment"
    return None


def _is_absolute_target(target: str) -> bool:
    return target.startswith("/") or bool(re.match(r"[A-Za-z]:", target)) or "\\" in target


class _LinkNode:
    __slots__ = ("children", "target")

    def __init__(self) -> None:
        self.children: Optional[Dict[str, "_LinkNode"]] = None
        self.target: Optional[str] = None


class _LinkResolver:
    """The symlinks an extractor has created so far, and where a path leads through them (as
    ``src/archive/links.ts``): ``lnk -> ../../..`` then ``out -> lnk/../secret.txt`` leaves the
    archive, though each name alone stays inside. Results: ``("inside", None)``,
    ``("outside", via)`` (``via`` the first link followed, or None) or ``("loop", None)``."""

    def __init__(self) -> None:
        self._top = _LinkNode()
        self.count = 0

    def add_symlink(self, path: str, target: str) -> None:
        node = self._top
        for segment in path.split("/"):
            if segment in ("", "."):
                continue
            if node.children is None:
                node.children = {}
            child = node.children.get(segment)
            if child is None:
                child = node.children[segment] = _LinkNode()
            node = child
        node.target = target
        self.count += 1

    def resolve(self, path: str) -> Tuple[str, Optional[str]]:
        if _is_absolute_target(path):
            return ("outside", None)
        stack: List[Tuple[str, Optional[_LinkNode]]] = []
        pending = list(reversed(path.split("/")))
        hops = 0
        via: Optional[str] = None
        while pending:
            segment = pending.pop()
            if segment in ("", "."):
                continue
            if segment == "..":
                if not stack:
                    return ("outside", via)
                stack.pop()
                continue
            parent = stack[-1][1] if stack else self._top
            node = parent.children.get(segment) if parent is not None and parent.children else None
            stack.append((segment, node))
            target = node.target if node is not None and self.count > 0 else None
            if target is None:
                continue
            hops += 1
            if hops > _MAX_HOPS:
                return ("loop", None)
            if via is None:
                via = "/".join(s for s, _ in stack)
            # The link's target is taken from the link's directory: drop the link itself.
            stack.pop()
            if _is_absolute_target(target):
                return ("outside", via)
            pending.extend(reversed(target.split("/")))
        return ("inside", None)

    def resolve_link(self, link_path: str, target: str, kind: str) -> Tuple[str, Optional[str]]:
        """A symlink's target from the link's directory; a tar hard link's from the root."""
        if _is_absolute_target(target):
            return ("outside", None)
        slash = link_path.rfind("/")
        return self.resolve(f"{link_path[:slash]}/{target}" if kind == "symlink" and slash > 0 else target)

    def written_through(self, path: str) -> Optional[str]:
        """The link through which the member at ``path`` would be written outside, or None."""
        if self.count == 0:
            return None
        slash = path.rfind("/")
        if slash <= 0:
            return None
        where, via = self.resolve(path[:slash])
        return via if where == "outside" else None


class _Context:
    def __init__(self, listing: ArchiveListing):
        self.listing = listing
        self.findings: List[Finding] = []

    def member_name(self, path: str) -> str:
        root = self.listing.root
        if self.listing.kind != "sdist" or root is None or path.startswith(root + "/") or path == root:
            return path
        return f"{root}/{path}"

    def report(self, code: str, path: str, args: Optional[Dict[str, Union[str, int]]] = None, severity: str = "error") -> None:
        self.findings.append(
            Finding(
                code=code,
                file=self.listing.file,
                path=path,
                severity=severity,
                target=self.listing.kind,
                # A finding about the whole archive ('') is located at the file alone.
                member=self.member_name(path) if path != "" else None,
                args=dict(args or {}),
            )
        )


def _check_safety(ctx: _Context) -> Set[str]:
    unsafe: Set[str] = set()
    counts: Dict[str, int] = {}
    by_fold: Dict[str, str] = {}
    links = _LinkResolver()
    for entry in ctx.listing.entries:
        key = entry.path.rstrip("/")
        counts[key] = counts.get(key, 0) + 1
        reason = _unsafe_reason(entry.path)
        through = links.written_through(key) if reason is None else None
        if reason is not None or through is not None:
            unsafe.add(entry.path)
            ctx.report(
                "ARCHIVE_UNSAFE_PATH",
                entry.path,
                {"reason": reason or f"it is written through the symlink {through}, which leads outside"},
            )
        # A zip name that readers disagree on: each other name is judged too.
        for other, where in ((entry.local_name, "local header"), (entry.unicode_name, "Unicode Path extra field")):
            if other is None:
                continue
            ctx.report("ARCHIVE_NAME_MISMATCH", entry.path, {"other": other, "where": where})
            other_reason = _unsafe_reason(other)
            if other_reason is not None:
                ctx.report("ARCHIVE_UNSAFE_PATH", other, {"reason": other_reason})
        if entry.kind in ("symlink", "hardlink") and entry.link_target is not None:
            # Followed as an extractor follows it: through the symlinks of earlier members.
            where, via = links.resolve_link(key, entry.link_target, entry.kind)
            if where == "outside":
                args: Dict[str, Union[str, int]] = {"target": entry.link_target, "linkKind": entry.kind}
                if via is not None:
                    args["via"] = via
                ctx.report("ARCHIVE_UNSAFE_LINK", entry.path, args)
            if entry.kind == "symlink":
                links.add_symlink(key, entry.link_target)
        if counts[key] == 1:
            fold = key.lower()
            first = by_fold.get(fold)
            if first is None:
                by_fold[fold] = key
            else:
                ctx.report("ARCHIVE_CASE_COLLISION", key, {"other": first}, "warning")
        reason = _size_verdict(entry.size, entry.compressed_size, DEFAULT_MAX_MEMBER_SIZE)
        if reason is None and entry.oversized:
            reason = f"declares {entry.size} bytes, over the reader's limit (not read)"
        if reason is not None:
            ctx.report("ARCHIVE_SIZE_SUSPICIOUS", entry.path, {"reason": reason, "size": entry.size})
    for key, count in counts.items():
        if count > 1:
            ctx.report("ARCHIVE_DUPLICATE_MEMBER", key, {"count": count})
    if ctx.listing.kind == "sdist":
        total = sum(e.size for e in ctx.listing.entries)
        if total > _BOMB_FLOOR and total > ctx.listing.archive_size * _BOMB_RATIO:
            ctx.report(
                "ARCHIVE_SIZE_SUSPICIOUS",
                "",
                {
                    "reason": f"members declare {total} bytes in total, over {_BOMB_RATIO}× "
                    f"the {ctx.listing.archive_size}-byte archive",
                    "size": total,
                },
            )
    return unsafe


def _name_problem(
    found: Tuple[str, str], from_file: Optional[Tuple[str, str]], project: Optional[Mapping[str, str]]
) -> Optional[str]:
    others = [("the archive file name", from_file)]
    if project is not None:
        others.append(("the project", (project["name"], project["version"])))
    for what, other in others:
        if other is None:
            continue
        # Names compare escaped as in file names, versions by their PEP 440 normal form.
        if escape_dist_name(found[0]) != escape_dist_name(other[0]):
            return f"name {found[0]} does not match {what} ({other[0]})"
        if not same_version(found[1], other[1]):
            return f"version {found[1]} does not match {what} ({other[1]})"
    return None


def _compare_members(
    ctx: _Context,
    members: Sequence[ArchiveEntry],
    section: Sequence[Entry],
    map_dest: Callable[[str], str],
    allowed: Callable[[str], bool],
    tree_hashes: Optional[Mapping[str, str]],
    names_only: bool,
    linked_dirs: Optional[Mapping[str, Set[str]]] = None,
) -> None:
    copied: Dict[str, Entry] = {}
    gens: List[Callable[[str], bool]] = []
    for entry in section:
        if entry.kind in ("mod", "alt"):
            copied[map_dest(entry.dest)] = entry
        elif entry.kind == "gen":
            gens.append(compile_gen_glob(map_dest(entry.dest)))
    present = {m.rel_path: m for m in members if m.kind != "dir"}
    followed_members, followed_dests = _followed_links(ctx, members, copied, tree_hashes, linked_dirs, names_only)
    for dest, entry in copied.items():
        member = present.get(dest)
        if member is None and dest in followed_dests:
            continue
        if member is None:
            args: Dict[str, Union[str, int]] = {"entry": format_entry(entry)}
            if entry.line:
                args["entryLine"] = entry.line
            ctx.report("ARCHIVE_MISSING_FILE", dest, args)
            continue
        # MANIFEST-FORMAT.md §9: an alt member's bytes are the build's rewrite of SRC; never compared.
        if entry.kind == "alt" or names_only or tree_hashes is None:
            continue
        tree_hash = tree_hashes.get(entry.src or "")
        if tree_hash is None or member.kind != "file" or member.oversized:
            continue
        if member.sha256 != tree_hash:
            ctx.report(
                "ARCHIVE_CONTENT_MISMATCH",
                member.rel_path,
                {"src": entry.src or "", "entry": format_entry(entry)},
            )
    for member in members:
        if member.kind == "dir" or id(member) in followed_members:
            continue
        path = member.rel_path
        if path in copied or allowed(path):
            continue
        if any(match(path) for match in gens):
            continue
        ctx.report("ARCHIVE_EXTRA_FILE", path, {"member": member.path})


def _followed_links(
    ctx: _Context,
    members: Sequence[ArchiveEntry],
    copied: Mapping[str, Entry],
    tree_hashes: Optional[Mapping[str, str]],
    linked_dirs: Optional[Mapping[str, Set[str]]],
    names_only: bool,
) -> Tuple[Set[int], Set[str]]:
    """Members that are a linked directory's files (§15.3: a backend that follows a symlink to a
    directory ships its files below DEST/): each is a file below SRC through the link, its bytes
    compared with that file's. Returns those members (by id) and the DESTs they stand for."""
    followed: Set[int] = set()
    dests: Set[str] = set()
    if not linked_dirs:
        return followed, dests
    for member in members:
        if member.kind == "dir":
            continue
        path = member.rel_path
        slash = path.find("/")
        while slash > 0:
            dest = path[:slash]
            entry = copied.get(dest)
            files = linked_dirs.get(entry.src or "") if entry is not None else None
            if entry is None or files is None:
                slash = path.find("/", slash + 1)
                continue
            rest = path[slash + 1 :]
            if rest not in files:
                break
            followed.add(id(member))
            dests.add(dest)
            tree_hash = tree_hashes.get(f"{entry.src}/{rest}") if tree_hashes is not None else None
            if (
                entry.kind == "mod"
                and not names_only
                and tree_hash is not None
                and member.kind == "file"
                and not member.oversized
                and member.sha256 != tree_hash
            ):
                ctx.report(
                    "ARCHIVE_CONTENT_MISMATCH",
                    path,
                    {"src": f"{entry.src}/{rest}", "entry": format_entry(entry)},
                )
            break
    return followed, dests


def _check_sdist(
    ctx: _Context,
    section: Sequence[Entry],
    unsafe: Set[str],
    tree_hashes: Optional[Mapping[str, str]],
    project: Optional[Mapping[str, str]],
    names_only: bool,
    linked_dirs: Optional[Mapping[str, Set[str]]] = None,
) -> None:
    listing = ctx.listing
    root = listing.root
    if root is None:
        ctx.report("SDIST_ROOT_INVALID", "", {"reason": "the archive is empty"})
        return
    outside = [e for e in listing.entries if not (e.path.rstrip("/") == root or e.path.rstrip("/").startswith(root + "/"))]
    if outside:
        ctx.report(
            "SDIST_ROOT_INVALID",
            outside[0].path,
            {"reason": f"{len(outside)} member(s) outside {root}/, the first is {outside[0].path}"},
        )
    found = split_name_version(root)
    if found is None:
        ctx.report("SDIST_ROOT_INVALID", root, {"reason": f"{root}/ is not {{name}}-{{version}}/"})
    else:
        name = _base_name(listing.file)
        from_file = split_name_version(name[: -len(".tar.gz")]) if name.lower().endswith(".tar.gz") else None
        problem = _name_problem(found, from_file, project)
        if problem is not None:
            ctx.report("SDIST_ROOT_INVALID", root, {"reason": problem})
    outside_ids = {id(e) for e in outside}
    inside = [e for e in listing.entries if id(e) not in outside_ids and e.path not in unsafe]
    files = {e.rel_path for e in inside if e.kind != "dir"}
    if "PKG-INFO" not in files:
        ctx.report("SDIST_PKG_INFO_MISSING", f"{root}/PKG-INFO")
    if "pyproject.toml" not in files:
        ctx.report("SDIST_PYPROJECT_MISSING", f"{root}/pyproject.toml")
    _compare_members(
        ctx, inside, section, lambda d: d, lambda rel: rel == "PKG-INFO", tree_hashes, names_only, linked_dirs
    )


def _check_wheel(
    ctx: _Context,
    section: Sequence[Entry],
    unsafe: Set[str],
    tree_hashes: Optional[Mapping[str, str]],
    project: Optional[Mapping[str, str]],
    names_only: bool,
    linked_dirs: Optional[Mapping[str, Set[str]]] = None,
) -> None:
    listing = ctx.listing
    members = [e for e in listing.entries if e.path not in unsafe]
    top_dirs: Dict[str, None] = {}
    for e in members:
        slash = e.rel_path.find("/")
        if slash > 0:
            top_dirs[e.rel_path[:slash]] = None
        elif e.kind == "dir":
            top_dirs[e.rel_path] = None
    dist_infos = [d for d in top_dirs if d.endswith(".dist-info")]
    name = _base_name(listing.file)
    parts = name[: -len(".whl")].split("-") if name.lower().endswith(".whl") else []
    from_file = (parts[0], parts[1]) if len(parts) in (5, 6) else None
    files = {e.rel_path for e in members if e.kind != "dir"}
    stem: Optional[str] = None
    if len(dist_infos) != 1:
        ctx.report(
            "WHEEL_DIST_INFO_INVALID",
            dist_infos[1] if len(dist_infos) > 1 else "",
            {
                "reason": "there is none"
                if not dist_infos
                else f"there are {len(dist_infos)}: {', '.join(dist_infos)}"
            },
        )
    else:
        directory = dist_infos[0]
        stem = directory[: -len(".dist-info")]
        found = split_name_version(stem)
        if found is None or "-" in found[0]:
            problem: Optional[str] = f"{directory} is not {{name}}-{{version}}.dist-info"
        else:
            problem = _name_problem(found, from_file, project)
        if problem is not None:
            ctx.report("WHEEL_DIST_INFO_INVALID", directory, {"reason": problem})
        for required in ("METADATA", "WHEEL"):
            if f"{directory}/{required}" not in files:
                ctx.report(
                    "WHEEL_DIST_INFO_INVALID",
                    f"{directory}/{required}",
                    {"reason": f"{directory}/{required} is missing"},
                )
        if f"{directory}/RECORD" not in files:
            ctx.report("RECORD_MISSING", f"{directory}/RECORD")
    if stem is None and from_file is not None:
        stem = f"{from_file[0]}-{from_file[1]}"
    data_dir = f"{stem}.data" if stem is not None else None
    for directory in top_dirs:
        if directory.endswith(".data") and directory != data_dir:
            ctx.report(
                "WHEEL_DATA_SCHEME_INVALID",
                directory,
                {"reason": f"expected {data_dir or '{name}-{version}.data'}"},
            )
    if data_dir is not None:
        reported: Set[str] = set()
        for e in members:
            if not e.rel_path.startswith(data_dir + "/"):
                continue
            rest = e.rel_path[len(data_dir) + 1 :]
            scheme = rest.split("/")[0]
            direct = "/" not in rest and e.kind != "dir"
            if (direct or scheme not in DATA_SCHEMES) and scheme not in reported:
                reported.add(scheme)
                ctx.report(
                    "WHEEL_DATA_SCHEME_INVALID",
                    f"{data_dir}/{scheme}",
                    {"reason": "files must be in a scheme directory" if direct else f"unknown scheme {scheme}"},
                )
    # MANIFEST-FORMAT.md §9.3: the .dist-info directory is not listed and never reported.
    dist_info = dist_infos[0] + "/" if len(dist_infos) == 1 else None

    def allowed(rel: str) -> bool:
        return dist_info is not None and rel.startswith(dist_info)

    def map_dest(dest: str) -> str:
        if data_dir is not None and (dest == "{data}" or dest.startswith("{data}/")):
            return data_dir + dest[len("{data}") :]
        return dest

    _compare_members(ctx, members, section, map_dest, allowed, tree_hashes, names_only, linked_dirs)
    ctx.findings.extend(_verify_record(listing))


def _verify_record(listing: ArchiveListing) -> List[Finding]:
    findings: List[Finding] = []
    record_path = listing.record_path
    rows = listing.record
    if record_path is None or rows is None:
        return findings

    def add(code: str, path: str, member: str, args: Dict[str, Union[str, int]]) -> None:
        findings.append(Finding(code=code, file=listing.file, path=path, target="wheel", member=member, args=args))

    for line, reason, text in listing.record_problems:
        add("RECORD_ROW_INVALID", record_path, record_path, {"reason": reason, "row": text, "recordLine": line})
    files = {e.rel_path: e for e in listing.entries if e.kind != "dir"}
    unhashed = (record_path, record_path + ".jws", record_path + ".p7s")
    seen: Dict[str, RecordRow] = {}
    for row in rows:
        first = seen.get(row.path)
        if first is not None:
            add("RECORD_DUPLICATE_ROW", row.path, record_path, {"recordLine": row.line, "firstLine": first.line})
            continue
        seen[row.path] = row
        entry = files.get(row.path)
        if entry is None:
            add("RECORD_ROW_EXTRA", row.path, record_path, {"recordLine": row.line})
            continue
        if row.path == record_path and (row.algorithm != "" or row.raw_size != ""):
            # The wheel spec: "every file except RECORD, which cannot contain a hash of itself, must
            # include its hash"; RECORD's own row leaves both fields empty.
            hashed = f"{row.algorithm}={row.digest}" if row.algorithm != "" else ""
            add(
                "RECORD_ROW_INVALID",
                record_path,
                record_path,
                {
                    "reason": "RECORD lists itself with a hash or a size; its own row leaves both empty",
                    "row": f"{row.path},{hashed},{row.raw_size}",
                    "recordLine": row.line,
                },
            )
            continue
        if row.path in unhashed:
            continue
        if row.algorithm not in RECORD_ALGORITHMS:
            add("RECORD_WEAK_HASH", row.path, record_path, {"algorithm": row.algorithm, "recordLine": row.line})
        elif not entry.oversized:
            actual = entry.sha256 if row.algorithm == "sha256" else entry.digests.get(row.algorithm, "")
            if actual != row.digest:
                add(
                    "RECORD_HASH_MISMATCH",
                    row.path,
                    entry.path,
                    {"algorithm": row.algorithm, "recorded": row.digest, "actual": actual, "recordLine": row.line},
                )
        if row.size is None or row.size != entry.size:
            add(
                "RECORD_SIZE_MISMATCH",
                row.path,
                entry.path,
                {"recorded": row.raw_size, "actual": entry.size, "recordLine": row.line},
            )
    for path, entry in files.items():
        if path in seen or entry.kind != "file":
            continue
        if path in (record_path + ".jws", record_path + ".p7s"):
            continue
        add("RECORD_ROW_MISSING", path, entry.path, {})
    return findings


def check_listing(
    listing: ArchiveListing,
    section: Sequence[Entry],
    tree_hashes: Optional[Mapping[str, str]] = None,
    *,
    project: Optional[Mapping[str, str]] = None,
    names_only: bool = False,
    linked_dirs: Optional[Mapping[str, Set[str]]] = None,
) -> List[Finding]:
    """Check one listing against its manifest section. Pure; findings are returned, never raised.

    :param tree_hashes: SRC -> sha256 of the tree file now (``hash_tree_files``); a ``mod`` member
        whose SRC is absent is not compared, and with None nothing is compared
    :param linked_dirs: SRCs that are symlinks to directories, each with its files the archive
        names (``linked_directory_files``): the link member at DEST, or those files below DEST/
    """
    ctx = _Context(listing)
    # The bytes decide how it is read; a name that says otherwise is a finding (pip goes by the name).
    if listing.name_kind is not None and listing.name_kind != listing.kind:
        ctx.report("ARCHIVE_KIND_MISMATCH", "", {"nameKind": listing.name_kind, "kind": listing.kind})
    unsafe = _check_safety(ctx)
    if listing.kind == "sdist":
        _check_sdist(ctx, section, unsafe, tree_hashes, project, names_only, linked_dirs)
    else:
        _check_wheel(ctx, section, unsafe, tree_hashes, project, names_only, linked_dirs)
    return ctx.findings


def check_archive(
    archive_path: Union[str, "os.PathLike[str]"],
    manifest: Union[Manifest, Sequence[Entry]],
    root: Optional[Union[str, "os.PathLike[str]"]] = None,
    *,
    file: Optional[str] = None,
    project: Optional[Mapping[str, str]] = None,
    names_only: bool = False,
) -> List[Finding]:
    """Check a built sdist or wheel against the manifest, as ``manifest validate ARCHIVE`` does.

    :param manifest: a parsed manifest (the section is picked by the archive's kind), or a section
    :param root: the project root, to compare the bytes of ``mod`` members with the tree; None
        compares names only
    :param file: how the archive is named in findings (default: ``archive_path`` as given)
    :raises ManifestError: ARCHIVE_UNREADABLE, ARCHIVE_UNSUPPORTED, FILE_UNREADABLE
    """
    listing = read_archive(archive_path, file)
    if isinstance(manifest, Manifest):
        section: Sequence[Entry] = manifest.section(listing.kind)
    else:
        section = list(manifest)
    hashes: Optional[Dict[str, str]] = None
    linked: Dict[str, Set[str]] = {}
    if root is not None:
        linked = linked_directory_files(root, section, [e.rel_path for e in listing.entries if e.kind != "dir"])
    if root is not None and not names_only:
        # Only the sources of members the archive holds: their bytes are what is compared (a
        # manifest of a million missing files opened each; issue #12). A ``{data}/`` DEST is named
        # otherwise in a wheel, and always hashed.
        members = {e.rel_path for e in listing.entries}
        wanted = [
            e.src
            for e in section
            if e.kind == "mod" and e.src is not None and (e.dest in members or e.dest.startswith("{data}"))
        ]
        wanted += [f"{src}/{rest}" for src, files in linked.items() for rest in sorted(files)]
        hashes = hash_tree_files(root, wanted)
    return check_listing(
        listing, section, hashes, project=project, names_only=names_only, linked_dirs=linked or None
    )
