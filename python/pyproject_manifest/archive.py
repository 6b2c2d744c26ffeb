"""The archive check: a built sdist (.tar.gz) or wheel (.whl) against its section of the manifest.

What ``manifest validate ARCHIVE`` does (``src/archive/check.ts``, ``record.ts``), with the same
finding codes: names (every member a ``mod``/``alt`` DEST or matched by a ``gen`` DEST, every
``mod``/``alt`` DEST present; the wheel's ``.dist-info/`` exempt; ``{data}/`` mapped to
``{name}-{version}.data/``), the bytes of ``mod`` members against the tree (never of ``alt`` members,
whose bytes the build rewrites, nor of ``gen`` ones), RECORD rows, hashes and sizes, the sdist root
and the wheel's ``.dist-info``, and unsafe members (absolute, ``..``, backslash, NUL, links that
escape, duplicates, names that differ only by case, absurd sizes). Nothing is extracted.

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
ARCHIVE_UNSUPPORTED (neither gzip nor zip), FILE_UNREADABLE (a tree file that exists but cannot
be read). Findings are returned, never raised.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
import tarfile
import zipfile
import zlib
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple, Union

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
    return None


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
    if head[:2] == b"\x1f\x8b":
        return _read_sdist(path, label, size)
    if head in (b"PK\x03\x04", b"PK\x05\x06"):
        return _read_wheel(path, label, size)
    lower = label.lower()
    if lower.endswith(".whl"):
        hint = "a .whl file should be a zip archive"
    elif lower.endswith((".tar.gz", ".tgz")):
        hint = "a .tar.gz file should start with the gzip magic bytes"
    elif lower.endswith((".zip", ".tar", ".tar.bz2", ".tar.xz", ".tar.zst")):
        hint = "sdists are .tar.gz and wheels are .whl"
    else:
        hint = "pass an sdist (.tar.gz) or a wheel (.whl)"
    received = "(empty file)" if not head else "first bytes " + " ".join(f"{b:02x}" for b in head)
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


def _escapes_root(start: List[str], target: str) -> bool:
    if target.startswith("/") or re.match(r"[A-Za-z]:", target) or "\\" in target:
        return True
    stack = list(start)
    for segment in target.split("/"):
        if segment in ("", "."):
            continue
        if segment == "..":
            if not stack:
                return True
            stack.pop()
        else:
            stack.append(segment)
    return False


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
    for entry in ctx.listing.entries:
        key = entry.path.rstrip("/")
        counts[key] = counts.get(key, 0) + 1
        reason = _unsafe_reason(entry.path)
        if reason is not None:
            unsafe.add(entry.path)
            ctx.report("ARCHIVE_UNSAFE_PATH", entry.path, {"reason": reason})
        if entry.kind in ("symlink", "hardlink") and entry.link_target is not None:
            # A symlink resolves from its own directory; a tar hardlink names another member.
            start = key.split("/")[:-1] if entry.kind == "symlink" else []
            if _escapes_root(start, entry.link_target):
                ctx.report(
                    "ARCHIVE_UNSAFE_LINK", entry.path, {"target": entry.link_target, "linkKind": entry.kind}
                )
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
) -> None:
    copied: Dict[str, Entry] = {}
    gens: List[Callable[[str], bool]] = []
    for entry in section:
        if entry.kind in ("mod", "alt"):
            copied[map_dest(entry.dest)] = entry
        elif entry.kind == "gen":
            gens.append(compile_gen_glob(map_dest(entry.dest)))
    present = {m.rel_path: m for m in members if m.kind != "dir"}
    for dest, entry in copied.items():
        member = present.get(dest)
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
        if member.kind == "dir":
            continue
        path = member.rel_path
        if path in copied or allowed(path):
            continue
        if any(match(path) for match in gens):
            continue
        ctx.report("ARCHIVE_EXTRA_FILE", path, {"member": member.path})


def _check_sdist(
    ctx: _Context,
    section: Sequence[Entry],
    unsafe: Set[str],
    tree_hashes: Optional[Mapping[str, str]],
    project: Optional[Mapping[str, str]],
    names_only: bool,
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
    _compare_members(ctx, inside, section, lambda d: d, lambda rel: rel == "PKG-INFO", tree_hashes, names_only)


def _check_wheel(
    ctx: _Context,
    section: Sequence[Entry],
    unsafe: Set[str],
    tree_hashes: Optional[Mapping[str, str]],
    project: Optional[Mapping[str, str]],
    names_only: bool,
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

    _compare_members(ctx, members, section, map_dest, allowed, tree_hashes, names_only)
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
) -> List[Finding]:
    """Check one listing against its manifest section. Pure; findings are returned, never raised.

    :param tree_hashes: SRC -> sha256 of the tree file now (``hash_tree_files``); a ``mod`` member
        whose SRC is absent is not compared, and with None nothing is compared
    """
    ctx = _Context(listing)
    unsafe = _check_safety(ctx)
    if listing.kind == "sdist":
        _check_sdist(ctx, section, unsafe, tree_hashes, project, names_only)
    else:
        _check_wheel(ctx, section, unsafe, tree_hashes, project, names_only)
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
    if root is not None and not names_only:
        hashes = hash_tree_files(root, [e.src for e in section if e.kind == "mod" and e.src is not None])
    return check_listing(listing, section, hashes, project=project, names_only=names_only)
