"""The reference reader of MANIFEST-FORMAT.md v1: text -> Manifest, or every error in the file.

PURE: no I/O, no printing, nothing global. It mirrors the TypeScript implementation
(``src/manifest/parse.ts``, ``check.ts``, ``format.ts``, ``path.ts``, ``order.ts``) and gives the
same codes, lines and columns; the shared case table (``fixtures/format-cases/``) and the
differential test (``test/differential/python-reader.test.ts``) hold the two together.

Public API (names are stable):

- ``parse_manifest(text, file) -> Manifest``; raises ``ManifestError`` whose ``errors`` is a list
  of ``ManifestParseError`` (code, file, line, column, message, hint, received), up to 50, in line
  order. Codes: MANIFEST_VERSION, MANIFEST_SYNTAX, MANIFEST_INVALID_PATH, MANIFEST_DUPLICATE.
- ``check_manifest(manifest, file) -> list[Finding]``: the whole-manifest rules, §4.5
  (DIR_ENTRY_MISSING, DIR_ENTRY_EXTRA), §4.7 (GEN_SHADOWS_MOD), §4.8 (WHEEL_SOURCE_NOT_IN_SDIST).
- ``check_canonical(text, manifest, file) -> list[Finding]``: MANIFEST_NOT_CANONICAL (§6) with
  ``args["reason"]`` one of header, comments, blank lines, quoting, order.
- ``format_manifest(manifest) -> str`` and ``format_entry(entry) -> str``: the canonical form.
- ``quote_path``, ``needs_quoting``, ``find_path_problem``, ``required_dirs``.
- Data: ``Entry`` (kind ``mod``/``alt``/``dir``/``gen``, ``src`` for mod and alt, ``dest``,
  ``line``), ``Manifest`` (``sdist``, ``wheel``), ``Finding``.

Columns count characters (code points) from 1, which is what a Python ``str`` index counts.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple, Union

from .glob import find_glob_problem, is_glob, compile_gen_glob

__all__ = [
    "DATA_SCHEMES",
    "ENTRY_KINDS",
    "FORMAT_LINE",
    "GENERATED_COMMENT",
    "MAX_ERRORS",
    "SUPPORTED_VERSIONS",
    "Entry",
    "Finding",
    "Manifest",
    "ManifestError",
    "ManifestParseError",
    "check_canonical",
    "check_manifest",
    "find_path_problem",
    "find_quoting_reason",
    "format_entry",
    "format_manifest",
    "needs_quoting",
    "parse_manifest",
    "quote_path",
    "required_dirs",
    "sort_entries",
]

#: At most this many errors are collected before parsing stops.
MAX_ERRORS = 50
#: The format versions this reader reads (MANIFEST-FORMAT.md §2).
SUPPORTED_VERSIONS: Tuple[int, ...] = (1,)
#: Line 1 of every version-1 manifest (§2).
FORMAT_LINE = "# pyproject-manifest v1"
#: Line 2 of the canonical form (§6.1).
GENERATED_COMMENT = (
    "# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand."
)
#: Entry kinds (§4). ``mod`` and ``alt`` have SRC and DEST; ``dir`` and ``gen`` only DEST.
ENTRY_KINDS: Tuple[str, ...] = ("mod", "alt", "dir", "gen")
#: Wheel ``{data}`` schemes (§4.4).
DATA_SCHEMES: Tuple[str, ...] = ("purelib", "platlib", "headers", "scripts", "data")

_FORMAT_PREFIX = "# pyproject-manifest v"
#: What ECMAScript's String.prototype.trim removes (WhiteSpace and LineTerminator).
_JS_WHITESPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_COPIED = ("mod", "alt")
_HINTS = {
    "MANIFEST_SYNTAX": "fix the line by hand, or run `manifest update` to rewrite the file "
    "(MANIFEST-FORMAT.md §3–§5)",
    "MANIFEST_INVALID_PATH": 'paths are relative, "/"-separated, without empty, "." or ".." '
    "segments (MANIFEST-FORMAT.md §5.1)",
    "MANIFEST_DUPLICATE": "list each DEST once per section; run `manifest update` to rewrite the file",
}


# --- data -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One entry line. ``src`` is set for ``mod`` and ``alt`` only; ``line`` is 1-based, when parsed."""

    kind: str
    dest: str
    src: Optional[str] = None
    line: Optional[int] = field(default=None, compare=False)


@dataclass
class Manifest:
    """A whole manifest: both sections, entries in file order (canonical order once formatted)."""

    version: int = 1
    sdist: List[Entry] = field(default_factory=list)
    wheel: List[Entry] = field(default_factory=list)

    def section(self, target: str) -> List[Entry]:
        """The entries of ``"sdist"`` or ``"wheel"``."""
        if target == "sdist":
            return self.sdist
        if target == "wheel":
            return self.wheel
        raise ValueError(f"unknown section {target!r} (expected 'sdist' or 'wheel')")


@dataclass
class Finding:
    """A finding: plain data (the same fields as the TypeScript ``Finding``). Prose: describe.py."""

    code: str
    file: str
    path: str
    severity: str = "error"
    line: Optional[int] = None
    target: Optional[str] = None
    #: For archive findings: the member name as stored in the archive.
    member: Optional[str] = None
    args: Dict[str, Union[str, int]] = field(default_factory=dict)

    def to_json(self) -> Dict[str, object]:
        """The finding as the TypeScript side serializes it (absent fields left out)."""
        out: Dict[str, object] = {"code": self.code, "severity": self.severity, "file": self.file}
        if self.line is not None:
            out["line"] = self.line
        if self.target is not None:
            out["target"] = self.target
        out["path"] = self.path
        if self.member is not None:
            out["member"] = self.member
        out["args"] = dict(self.args)
        return out


@dataclass(frozen=True)
class ManifestParseError:
    """One problem in a file that makes it unusable: ``file:line:column: error[CODE] message``."""

    code: str
    message: str
    file: Optional[str] = None
    line: Optional[int] = None
    column: Optional[int] = None
    hint: Optional[str] = None
    #: The offending line (or value), as received.
    received: Optional[str] = None

    def __str__(self) -> str:
        from .describe import describe_error

        return describe_error(self)


class ManifestError(Exception):
    """Bad input: one or more ``ManifestParseError``. ``str()`` gives one line per error."""

    def __init__(self, errors: Sequence[ManifestParseError]):
        self.errors: List[ManifestParseError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    @property
    def codes(self) -> List[str]:
        return [e.code for e in self.errors]


# --- paths (§5) -------------------------------------------------------------------------------


def _is_edge_space(c: str) -> bool:
    """Whitespace that may not start or end a bare path (§5.2 item 1)."""
    u = ord(c)
    return (
        0x09 <= u <= 0x0D
        or u in (0x20, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF)
        or 0x2000 <= u <= 0x200A
    )


def _is_quoted_only(c: str) -> bool:
    """Characters that need quoting anywhere (§5.2 items 3 and 4)."""
    u = ord(c)
    return u <= 0x1F or 0x7F <= u <= 0x9F or u in (0x2028, 0x2029, 0x22, 0x5C)


def find_quoting_reason(path: str) -> Optional[Tuple[int, str]]:
    """``(index, what)`` of the first character that makes ``path`` need quoting (§5.2), or None."""
    n = len(path)
    if n == 0:
        return None
    if _is_edge_space(path[0]):
        return 0, "leading whitespace"
    for i, c in enumerate(path):
        if _is_quoted_only(c):
            u = ord(c)
            if u == 0x22:
                what = "a double quote"
            elif u == 0x5C:
                what = "a backslash"
            else:
                what = f"control character U+{u:04X}"
            return i, what
        if c == " " and path.startswith(" -> ", i):
            return i, 'the separator " -> "'
        # A SRC ending in " ->", followed by the separator, would read as " -> -> ".
        if c == " " and i == n - 3 and path.endswith(" ->"):
            return i, 'a trailing " ->" (with the separator after it, " -> ")'
        if _is_edge_space(c):
            j = i
            while j < n and _is_edge_space(path[j]):
                j += 1
            if j == n:
                return i, "trailing whitespace"
    return None


def needs_quoting(path: str) -> bool:
    """True when ``path`` must be written as a JSON string (§5.2)."""
    return find_quoting_reason(path) is not None


def _json_string(value: str) -> str:
    """Exactly ECMAScript's ``JSON.stringify(value)`` for a string (§5.3)."""
    out = ['"']
    for c in value:
        u = ord(c)
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif u < 0x20:
            out.append(
                {8: "\\b", 9: "\\t", 10: "\\n", 12: "\\f", 13: "\\r"}.get(u, f"\\u{u:04x}")
            )
        elif 0xD800 <= u <= 0xDFFF:
            # A lone surrogate: well-formed JSON.stringify escapes it.
            out.append(f"\\u{u:04x}")
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def quote_path(path: str) -> str:
    """The path as written in a manifest: bare when possible, else as §5.3 quotes it."""
    return _json_string(path) if needs_quoting(path) else path


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def find_path_problem(path: str) -> Optional[Tuple[int, str]]:
    """``(index, what)`` of the first reason ``path`` is not a valid manifest path (§5.1), or None."""
    if path == "":
        return 0, 'empty path (expected a relative path such as "pkg/a.py")'
    if path.startswith("/"):
        return 0, 'absolute path (expected a relative path, no leading "/")'
    if path.endswith("/"):
        return len(path) - 1, 'trailing "/" (expected a file or directory path without one)'
    nul = path.find("\0")
    if nul != -1:
        return nul, "NUL character in path"
    start = 0
    for segment in path.split("/"):
        if segment == "":
            return start, 'empty segment (expected no "//")'
        if segment in (".", ".."):
            return start, f'"{segment}" segment (expected a normalized path without "." or "..")'
        start += len(segment) + 1
    lone = _LONE_SURROGATE.search(path)
    if lone is not None:
        return lone.start(), "lone surrogate (a path must be valid Unicode)"
    return None


_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_HEX4 = re.compile(r"[0-9A-Fa-f]{4}\Z")


@dataclass
class _ReadPath:
    value: str
    #: Index in the line just past the path.
    end: int
    #: Line index of each character of ``value``.
    offsets: List[int]
    start: int

    def line_index(self, index: int) -> int:
        return self.offsets[index] if 0 <= index < len(self.offsets) else self.start


def _read_quoted(line: str, start: int) -> Union[_ReadPath, Tuple[int, str]]:
    """A JSON string literal (RFC 8259 §7) at ``line[start] == '"'``; an escaped surrogate pair
    is one character, a lone surrogate stays lone (find_path_problem rejects it)."""
    chars: List[str] = []
    offsets: List[int] = []
    i = start + 1
    n = len(line)
    while i < n:
        c = line[i]
        if c == '"':
            return _ReadPath("".join(chars), i + 1, offsets, start)
        if ord(c) <= 0x1F:
            return i, "raw control character inside a quoted path (expected a JSON escape such as \\t)"
        if c != "\\":
            chars.append(c)
            offsets.append(i)
            i += 1
            continue
        if i + 1 >= n:
            break
        nxt = line[i + 1]
        simple = _SIMPLE_ESCAPES.get(nxt)
        if simple is not None:
            chars.append(simple)
            offsets.append(i)
            i += 2
            continue
        if nxt == "u":
            hex4 = line[i + 2 : i + 6]
            if not _HEX4.match(hex4):
                return i, "invalid \\u escape (expected four hex digits)"
            unit = int(hex4, 16)
            if 0xDC00 <= unit <= 0xDFFF and chars and 0xD800 <= ord(chars[-1]) <= 0xDBFF:
                # The low half of a pair: one character, located at its high half.
                high = ord(chars.pop())
                chars.append(chr(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)))
            else:
                chars.append(chr(unit))
                offsets.append(i)
            i += 6
            continue
        return i, f'invalid escape "\\{nxt}" (expected one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)'
    return start, 'unterminated quoted path (expected a closing ")'


def _read_path(line: str, start: int, until_arrow: bool) -> Union[_ReadPath, Tuple[int, str]]:
    """A bare or quoted path at ``start``; a bare SRC ends at the first `` -> ``."""
    if line.startswith('"', start):
        return _read_quoted(line, start)
    end = len(line)
    if until_arrow:
        end = line.find(" -> ", start)
        if end == -1:
            return len(line), 'missing " -> " between SRC and DEST (expected "mod: SRC -> DEST")'
    raw = line[start:end]
    reason = find_quoting_reason(raw)
    if reason is not None:
        index, what = reason
        return (
            start + index,
            f"{what} in a bare path (expected such a path written as a JSON string, "
            f"e.g. {_json_string(raw)})",
        )
    return _ReadPath(raw, end, list(range(start, end)), start)


# --- parsing (§1–§5, §8) ----------------------------------------------------------------------


class _Collector:
    def __init__(self, file: str):
        self.file = file
        self.errors: List[ManifestParseError] = []

    @property
    def full(self) -> bool:
        return len(self.errors) >= MAX_ERRORS

    def add(
        self, code: str, message: str, line_no: int, line: str, index: int, hint: Optional[str] = None
    ) -> None:
        if self.full:
            return
        self.errors.append(
            ManifestParseError(
                code=code,
                message=message,
                file=self.file,
                line=line_no,
                column=min(index, len(line)) + 1,
                hint=hint if hint is not None else _HINTS.get(code, ""),
                received=line,
            )
        )


def parse_manifest(text: str, file: str = "pyproject-manifest.txt") -> Manifest:
    """Parse manifest text (MANIFEST-FORMAT.md §1–§5, §8). Entries come back in file order.

    :param file: the manifest's name, for error locations
    :raises ManifestError: every error in the file (up to 50); never a partial result
    """
    out = _Collector(file)
    saw_bom = text.startswith("\ufeff")
    body = text[1:] if saw_bom else text
    lines = body.split("\n")
    ends_with_lf = body.endswith("\n")
    if ends_with_lf:
        lines.pop()

    # §2: the format line decides whether anything else can be read.
    first = lines[0] if lines else ""
    if first.endswith("\r"):
        first = first[:-1]
    _check_format_line(first, file)

    # §1: encoding, line endings, end of file.
    if saw_bom:
        out.add(
            "MANIFEST_SYNTAX",
            "byte order mark at the start of the file (expected UTF-8 without a BOM)",
            1,
            text.split("\n")[0],
            0,
            "save the file as UTF-8 without a BOM",
        )
    cr_lines = [i for i, line in enumerate(lines) if "\r" in line]
    if cr_lines:
        line = lines[cr_lines[0]]
        more = f" (on {len(cr_lines)} lines)" if len(cr_lines) > 1 else ""
        out.add(
            "MANIFEST_SYNTAX",
            f"carriage return (CR) in the file{more} (expected LF line endings only)",
            cr_lines[0] + 1,
            line,
            line.index("\r"),
            "save the file with LF line endings; with git, add "
            "`pyproject-manifest.txt text eol=lf` to .gitattributes",
        )
    clean = [line.replace("\r", "") for line in lines]
    last = len(clean) - 1
    if not ends_with_lf:
        line = clean[last] if last >= 0 else ""
        out.add(
            "MANIFEST_SYNTAX",
            "missing newline at the end of the file (expected the last line to end with LF)",
            last + 1,
            line,
            len(line),
            "add a newline at the end of the file",
        )
    elif last > 0 and clean[last] == "":
        out.add(
            "MANIFEST_SYNTAX",
            "blank line at the end of the file (expected it to end with exactly one LF)",
            last + 1,
            "",
            0,
            "remove the blank lines at the end of the file",
        )

    manifest = Manifest()
    seen: Dict[str, Optional[int]] = {"sdist": None, "wheel": None}
    dests: Dict[str, Dict[str, int]] = {"sdist": {}, "wheel": {}}
    section: Optional[str] = None

    i = 1
    while i < len(clean) and not out.full:
        line = clean[i]
        line_no = i + 1
        i += 1
        if line == "" or line.startswith("#"):
            continue
        if line.startswith("["):
            name = "sdist" if line == "[sdist]" else "wheel" if line == "[wheel]" else None
            if name is None:
                out.add(
                    "MANIFEST_SYNTAX",
                    'unknown section header (expected exactly "[sdist]" or "[wheel]")',
                    line_no,
                    line,
                    0,
                )
                continue
            before = seen[name]
            if before is not None:
                out.add(
                    "MANIFEST_SYNTAX",
                    f"section [{name}] appears twice, first at line {before} "
                    "(expected each section once)",
                    line_no,
                    line,
                    0,
                )
            elif name == "sdist" and seen["wheel"] is not None:
                out.add(
                    "MANIFEST_SYNTAX",
                    f"section [sdist] after [wheel] at line {seen['wheel']} (expected [sdist] first)",
                    line_no,
                    line,
                    0,
                )
            if seen[name] is None:
                seen[name] = line_no
            section = name
            continue
        if line[0] in " \t":
            what = "whitespace-only line" if line.strip(_JS_WHITESPACE) == "" else "leading whitespace"
            out.add(
                "MANIFEST_SYNTAX",
                f"{what} (expected an entry, a comment, a section header or an empty line)",
                line_no,
                line,
                0,
            )
            continue
        parsed = _parse_entry(line, line_no, section, out)
        if parsed is None:
            continue
        entry, dest_index = parsed
        if section is None:
            out.add(
                "MANIFEST_SYNTAX",
                'entry before the first section header (expected "[sdist]" or "[wheel]" first)',
                line_no,
                line,
                0,
            )
            continue
        first_line = dests[section].get(entry.dest)
        if first_line is not None:
            out.add(
                "MANIFEST_DUPLICATE",
                f"[{section}] DEST {_json_string(entry.dest)} is already listed at line "
                f"{first_line} (expected each DEST once per section)",
                line_no,
                line,
                dest_index,
                f"remove line {line_no} or line {first_line}, or run `manifest update`",
            )
            continue
        dests[section][entry.dest] = line_no
        manifest.section(section).append(entry)

    last_line_no = max(len(clean), 1)
    for name in ("sdist", "wheel"):
        if seen[name] is None:
            out.add(
                "MANIFEST_SYNTAX",
                f"missing section [{name}] (expected both [sdist] and [wheel], in that order)",
                last_line_no,
                clean[last_line_no - 1] if last_line_no - 1 < len(clean) else "",
                0,
                f'add a "[{name}]" line, or run `manifest update`',
            )
    if out.errors:
        raise ManifestError(out.errors)
    return manifest


_VERSION = re.compile(r"(0|[1-9][0-9]*)\Z")


def _check_format_line(line: str, file: str) -> None:
    """Raise MANIFEST_VERSION unless ``line`` is a supported format line (§2)."""

    def fail(message: str, column: int, hint: str, echo: bool = True) -> None:
        raise ManifestError(
            [ManifestParseError("MANIFEST_VERSION", message, file, 1, column, hint, line if echo else None)]
        )

    if not line.startswith(_FORMAT_PREFIX):
        # Not a manifest at all (another file, or a symlink to one): its content is not ours to show.
        fail(
            'missing format line (expected "# pyproject-manifest v1" on line 1)',
            1,
            "is this a pyproject-manifest file? Run `manifest update` to create one "
            "(MANIFEST-FORMAT.md §2)",
            echo=False,
        )
    version = line[len(_FORMAT_PREFIX) :]
    if not _VERSION.match(version):
        fail(
            'malformed format line (expected "# pyproject-manifest v<integer>", '
            'e.g. "# pyproject-manifest v1")',
            len(_FORMAT_PREFIX) + 1,
            'line 1 must be exactly "# pyproject-manifest v1" (MANIFEST-FORMAT.md §2)',
        )
    if int(version) not in SUPPORTED_VERSIONS:
        fail(
            f"manifest format version {version} is not supported "
            f"(this tool reads version {', '.join(str(v) for v in SUPPORTED_VERSIONS)})",
            len(_FORMAT_PREFIX) + 1,
            f"upgrade pyproject-manifest to a release that reads format v{version}",
        )


_KIND_NAME = re.compile(r"[A-Za-z]+\Z")


def _parse_entry(
    line: str, line_no: int, section: Optional[str], out: _Collector
) -> Optional[Tuple[Entry, int]]:
    """One entry line (§4), or None after recording its first error."""
    colon = line.find(":")
    kind = "" if colon == -1 else line[:colon]
    if kind not in ENTRY_KINDS:
        if colon != -1 and _KIND_NAME.match(kind):
            message = f'unknown entry kind "{kind}:" (expected "mod:", "alt:", "dir:" or "gen:")'
        else:
            message = 'not an entry, comment, section header or empty line (expected e.g. "mod: SRC -> DEST")'
        out.add("MANIFEST_SYNTAX", message, line_no, line, 0)
        return None
    start = colon + 2
    copied = kind in _COPIED
    if (
        not line.startswith(" ", colon + 1)
        or len(line) <= start
        or line[start] in " \t"
    ):
        index = colon + 1 if not line.startswith(" ", colon + 1) else start
        if len(line) <= start:
            shape = f"{kind}: SRC -> DEST" if copied else f"{kind}: DEST"
            message = f'missing path after "{kind}:" (expected "{shape}")'
        else:
            message = f'expected exactly one space after "{kind}:"'
        out.add("MANIFEST_SYNTAX", message, line_no, line, index)
        return None

    def syntax(problem: Tuple[int, str]) -> None:
        out.add("MANIFEST_SYNTAX", problem[1], line_no, line, problem[0])
        return None

    def invalid(message: str, index: int, hint: Optional[str] = None) -> None:
        out.add("MANIFEST_INVALID_PATH", message, line_no, line, index, hint)
        return None

    src: Optional[_ReadPath] = None
    dest_start = start
    if copied:
        read = _read_path(line, start, True)
        if not isinstance(read, _ReadPath):
            return syntax(read)
        if not line.startswith(" -> ", read.end):
            return syntax(
                (read.end, f'expected " -> " after the quoted SRC (expected "{kind}: SRC -> DEST")')
            )
        src = read
        dest_start = read.end + 4
        if dest_start == len(line):
            return invalid(f'empty DEST (expected "{kind}: SRC -> DEST")', dest_start)
    dest = _read_path(line, dest_start, False)
    if not isinstance(dest, _ReadPath):
        return syntax(dest)
    if dest.end != len(line):
        return syntax((dest.end, "unexpected text after the closing quote (expected the end of the line)"))

    # §5.1 for each path, then §8, §4.3 and §4.4.
    for path in (src, dest) if src is not None else (dest,):
        problem = find_path_problem(path.value)
        if problem is not None:
            return invalid(f"invalid path: {problem[1]}", path.line_index(problem[0]))
    if kind == "gen" and is_glob(dest.value):
        glob_problem = find_glob_problem(dest.value)
        if glob_problem is not None:
            return invalid(
                f"invalid gen glob: {glob_problem[1]}",
                dest.line_index(glob_problem[0]),
                "see MANIFEST-FORMAT.md §8 for the glob syntax",
            )
    if section == "sdist" and src is not None and src.value != dest.value:
        written = line[start : src.end]
        return invalid(
            f'in [sdist], DEST must equal SRC (expected "{kind}: {written} -> {written}")',
            dest.start,
            "an sdist copies files to the same path (MANIFEST-FORMAT.md §4.3); run `manifest update`",
        )
    if section == "wheel":
        segments = dest.value.split("/")
        if segments[0] == "{data}":
            if len(segments) > 1 and segments[1] not in DATA_SCHEMES:
                return invalid(
                    f'unknown {{data}} scheme "{segments[1]}" '
                    "(expected purelib, platlib, headers, scripts or data)",
                    dest.line_index(7),
                    "write {data}/<scheme>/<path> (MANIFEST-FORMAT.md §4.4)",
                )
            if kind != "dir" and len(segments) < 3:
                return invalid(
                    "a file directly in {data} or {data}/<scheme> (expected {data}/<scheme>/<path>)",
                    dest.start,
                    "write {data}/<scheme>/<path> (MANIFEST-FORMAT.md §4.4)",
                )
    entry = Entry(kind, dest.value, src.value if src is not None else None, line_no)
    return entry, dest.start


# --- canonical form (§6) ----------------------------------------------------------------------


def sort_entries(entries: Sequence[Entry]) -> List[Entry]:
    """Entries sorted by DEST in code-point order (§6.3); a new list, stable.

    Python compares ``str`` by code point, which is the order §6.3 asks for (never a locale's).
    """
    return sorted(entries, key=lambda e: e.dest)


def format_entry(entry: Entry) -> str:
    """The canonical text of one entry line, without the newline (§4, §5.3)."""
    if entry.kind in _COPIED:
        return f"{entry.kind}: {quote_path(entry.src or '')} -> {quote_path(entry.dest)}"
    return f"{entry.kind}: {quote_path(entry.dest)}"


def format_manifest(manifest: Manifest) -> str:
    """The canonical text of a manifest, ending with one LF (§6). Validates nothing."""
    lines = [FORMAT_LINE, GENERATED_COMMENT, "", "[sdist]"]
    lines.extend(format_entry(e) for e in sort_entries(manifest.sdist))
    lines.extend(["", "[wheel]"])
    lines.extend(format_entry(e) for e in sort_entries(manifest.wheel))
    return "\n".join(lines) + "\n"


# --- whole-manifest checks (§4.5, §4.7, §4.8) -------------------------------------------------


def required_dirs(entries: Sequence[Entry]) -> Dict[str, Entry]:
    """The directories a section must list as ``dir:`` lines (§4.5), each mapped to the first
    entry (in DEST order) that needs it: proper ancestors of mod, alt and literal gen DESTs, and
    every prefix of a gen glob's literal leading segments."""
    out: Dict[str, Entry] = {}
    for entry in sort_entries(entries):
        if entry.kind == "dir":
            continue
        segments = entry.dest.split("/")
        limit = len(segments) - 1
        if entry.kind == "gen":
            for index, segment in enumerate(segments):
                if is_glob(segment):
                    limit = index
                    break
        for i in range(1, limit + 1):
            out.setdefault("/".join(segments[:i]), entry)
    return out


def check_manifest(manifest: Manifest, file: str = "pyproject-manifest.txt") -> List[Finding]:
    """The rules of §4.5 (DIR_ENTRY_MISSING, DIR_ENTRY_EXTRA), §4.7 (GEN_SHADOWS_MOD) and §4.8
    (WHEEL_SOURCE_NOT_IN_SDIST), ordered by section, then by path in code-point order."""
    out: List[Finding] = []

    def finding(code: str, target: str, path: str, args: Dict[str, Union[str, int]], line: Optional[int]) -> Finding:
        return Finding(code=code, file=file, path=path, line=line, target=target, args=args)

    for target in ("sdist", "wheel"):
        entries = manifest.section(target)
        found: List[Finding] = []
        required = required_dirs(entries)
        listed = {e.dest: e for e in entries if e.kind == "dir"}
        for directory, child in required.items():
            if directory not in listed:
                found.append(
                    finding("DIR_ENTRY_MISSING", target, directory, {"entry": format_entry(child)}, child.line)
                )
        for directory, entry in listed.items():
            if directory not in required:
                found.append(
                    finding("DIR_ENTRY_EXTRA", target, directory, {"entry": format_entry(entry)}, entry.line)
                )
        globs = [(e, compile_gen_glob(e.dest)) for e in entries if e.kind == "gen" and is_glob(e.dest)]
        for entry in entries:
            if entry.kind not in _COPIED:
                continue
            for gen, match in globs:
                if match(entry.dest):
                    found.append(
                        finding(
                            "GEN_SHADOWS_MOD",
                            target,
                            entry.dest,
                            {
                                "entry": format_entry(entry),
                                "kind": entry.kind,
                                "gen": format_entry(gen),
                                "genLine": gen.line or 0,
                            },
                            entry.line,
                        )
                    )
                    break
        if target == "wheel":
            sources = {e.src for e in manifest.sdist if e.kind in _COPIED}
            for entry in entries:
                if entry.kind in _COPIED and entry.src not in sources:
                    found.append(
                        finding(
                            "WHEEL_SOURCE_NOT_IN_SDIST",
                            target,
                            entry.dest,
                            {"entry": format_entry(entry), "src": entry.src or ""},
                            entry.line,
                        )
                    )
        # Stable: for one path, the order above (dir rule, gen rule, wheel rule) is kept.
        out.extend(sorted(found, key=lambda f: f.path))
    return out


def _classify(
    actual: Optional[str], expected: Optional[str], index: int, entry_at: Dict[int, Entry]
) -> str:
    if index < 3:
        return "header"
    if (actual is not None and actual.startswith("#")) or (expected is not None and expected.startswith("#")):
        return "comments"
    if actual in ("", None) or expected in ("", None):
        return "blank lines"
    entry = entry_at.get(index + 1)
    if entry is not None and format_entry(entry) != actual:
        return "quoting"
    return "order"


def check_canonical(text: str, manifest: Manifest, file: str = "pyproject-manifest.txt") -> List[Finding]:
    """MANIFEST_NOT_CANONICAL when ``text`` is not byte-identical to ``format_manifest(manifest)``
    (§6), at the first differing line, with ``args`` reason, expected and received.

    :param manifest: the parse of ``text``
    """
    canonical = format_manifest(manifest)
    if text == canonical:
        return []
    actual = text.split("\n")
    expected = canonical.split("\n")
    index = 0
    while index < len(actual) and index < len(expected) and actual[index] == expected[index]:
        index += 1
    entry_at: Dict[int, Entry] = {}
    for entry in manifest.sdist + manifest.wheel:
        if entry.line is not None:
            entry_at[entry.line] = entry
    got = actual[index] if index < len(actual) else None
    want = expected[index] if index < len(expected) else None
    reason = _classify(got, want, index, entry_at)
    entry = entry_at.get(index + 1)
    return [
        Finding(
            code="MANIFEST_NOT_CANONICAL",
            file=file,
            line=index + 1,
            path=entry.dest if entry is not None else "",
            args={"reason": reason, "expected": want or "", "received": got or ""},
        )
    ]


def _json_dumps(value: object) -> str:  # pragma: no cover - debugging aid
    return json.dumps(value, ensure_ascii=False)
