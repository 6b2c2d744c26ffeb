#!/usr/bin/python3
"""The reference for the archive rows of `npm run bench`: what reading a wheel and its tree costs
in plain Python, with nothing decided.

usage: /usr/bin/python3 bench/zip-reference.py WHEEL PROJECT

For every member of WHEEL (in archive order) it inflates the bytes with `zipfile` and SHA-256
hashes them, and when PROJECT holds a file at the member's path it reads and hashes that file
too. It prints the member count, the files hashed and one digest over all the digests, so the work
cannot be skipped. Standard library only; run it with the system Python.
"""

from __future__ import annotations

import hashlib
import os
import sys
import zipfile

CHUNK = 256 * 1024


def hash_file(path: str) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            digest = hashlib.sha256()
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    return digest.digest()
                digest.update(chunk)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


def main(wheel: str, project: str) -> None:
    total = hashlib.sha256()
    members = 0
    tree_files = 0
    with zipfile.ZipFile(wheel) as archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            members += 1
            digest = hashlib.sha256()
            with archive.open(info) as member:
                while True:
                    chunk = member.read(CHUNK)
                    if not chunk:
                        break
                    digest.update(chunk)
            total.update(digest.digest())
            tree = hash_file(os.path.join(project, *info.filename.split("/")))
            if tree is not None:
                tree_files += 1
                total.update(tree)
    print(f"{members} members, {tree_files} tree files, {total.hexdigest()}")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: zip-reference.py WHEEL PROJECT")
    main(sys.argv[1], sys.argv[2])
