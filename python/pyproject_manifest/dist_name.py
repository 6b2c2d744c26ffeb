"""Distribution names and versions as the packaging specifications normalize them, for the
``{name}-{version}`` parts of archive names (the same rules as ``src/manifest/dist-name.ts``).

PURE. Public API (names are stable): ``normalize_version(version) -> str | None`` (the PEP 440
normal form, as ``str(packaging.version.Version(v))`` gives it; None where packaging rejects the
version), ``canonicalize_name`` (PEP 503), ``escape_dist_name`` (as sdist and wheel file names
write a name), ``same_version(a, b)`` and ``split_name_version(stem)``.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

__all__ = [
    "canonicalize_name",
    "escape_dist_name",
    "normalize_version",
    "same_version",
    "split_name_version",
]

_PEP440_SEP = r"[-_.]"
# PEP 440, appendix B: the permissive version pattern, matched case-insensitively with whitespace
# allowed around it.
_PEP440_VERSION = re.compile(
    r"^\s*v?(?:"
    r"(?:(?P<epoch>[0-9]+)!)?"
    r"(?P<release>[0-9]+(?:\.[0-9]+)*)"
    rf"(?:{_PEP440_SEP}?(?P<pre_l>a|b|c|rc|alpha|beta|pre|preview){_PEP440_SEP}?(?P<pre_n>[0-9]+)?)?"
    rf"(?:(?:-(?P<post_n1>[0-9]+))|(?:{_PEP440_SEP}?(?P<post_l>post|rev|r){_PEP440_SEP}?(?P<post_n2>[0-9]+)?))?"
    rf"(?:{_PEP440_SEP}?(?P<dev_l>dev){_PEP440_SEP}?(?P<dev_n>[0-9]+)?)?"
    r")"
    rf"(?:\+(?P<local>[a-z0-9]+(?:{_PEP440_SEP}[a-z0-9]+)*))?"
    r"\s*$",
    re.IGNORECASE,
)
_PEP440_PRE_SPELLINGS = {"alpha": "a", "beta": "b", "c": "rc", "pre": "rc", "preview": "rc"}


def normalize_version(version: str) -> Optional[str]:
    """The PEP 440 normal form (``1.0.0-RC1`` -> ``1.0.0rc1``), or None for an invalid version."""
    m = _PEP440_VERSION.match(version)
    if m is None:
        return None
    out = ""
    epoch = m.group("epoch")
    if epoch is not None and int(epoch) != 0:
        out += f"{int(epoch)}!"
    out += ".".join(str(int(part)) for part in m.group("release").split("."))
    if m.group("pre_l") is not None:
        label = m.group("pre_l").lower()
        out += f"{_PEP440_PRE_SPELLINGS.get(label, label)}{int(m.group('pre_n') or 0)}"
    post = m.group("post_n1") or m.group("post_n2")
    if m.group("post_l") is not None or post is not None:
        out += f".post{int(post or 0)}"
    if m.group("dev_l") is not None:
        out += f".dev{int(m.group('dev_n') or 0)}"
    local = m.group("local")
    if local is not None:
        parts = re.split(_PEP440_SEP, local)
        out += "+" + ".".join(str(int(p)) if p.isdigit() and p.isascii() else p.lower() for p in parts)
    return out


def canonicalize_name(name: str) -> str:
    """The PEP 503 normalized name: runs of ``-``, ``_``, ``.`` become ``-``, lower case."""
    return re.sub(r"[-_.]+", "-", name).lower()


def escape_dist_name(name: str) -> str:
    """A name as archive file names escape it: runs of ``-``, ``_``, ``.`` become ``_``, lower case."""
    return re.sub(r"[-_.]+", "_", name).lower()


def same_version(a: str, b: str) -> bool:
    """Equal PEP 440 normal forms; versions packaging rejects compare as written, ignoring case
    and a leading ``v``."""
    na = normalize_version(a)
    nb = normalize_version(b)
    if na is not None and nb is not None:
        return na == nb

    def legacy(v: str) -> str:
        v = v.lower()
        return v[1:] if v.startswith("v") else v

    return legacy(a) == legacy(b)


def split_name_version(stem: str) -> Optional[Tuple[str, str]]:
    """``{name}-{version}`` split at its last ``-`` (names may hold ``-``, versions never do)."""
    dash = stem.rfind("-")
    if dash <= 0 or dash == len(stem) - 1:
        return None
    return stem[:dash], stem[dash + 1 :]
