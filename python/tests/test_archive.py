"""check_archive on real archives: the committed fixture sdists and wheels (built by the real
backends, scripts/build-archive-fixtures.sh) are clean against their committed manifests, and
copies tampered with Python's own tarfile and zipfile writers are caught with their codes."""

from __future__ import annotations

import base64
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
import unittest
import zipfile
from typing import Callable, Dict, List, Tuple

from pyproject_manifest import ManifestError, read_manifest
from pyproject_manifest.archive import check_archive, read_archive
from pyproject_manifest.reader import Entry, Manifest, parse_manifest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PACKAGES = os.path.join(REPO, "fixtures", "packages")
ARCHIVES = os.path.join(REPO, "fixtures", "archives")

#: (package, backend, sdist, wheel), as test/archive/archive-helpers.ts lists them.
FIXTURES = [
    ("hatch-demo", "hatchling", "fixture_hatch-1.0.tar.gz", "fixture_hatch-1.0-py3-none-any.whl"),
    (
        "setuptools-manifest-in",
        "setuptools",
        "fixture-st-manifest-1.0.tar.gz",
        "fixture_st_manifest-1.0-py3-none-any.whl",
    ),
    (
        "setuptools-plain",
        "setuptools",
        "fixture-st-plain-1.0.tar.gz",
        "fixture_st_plain-1.0-py3-none-any.whl",
    ),
    ("flit-demo", "flit_core", "fixture-flit-1.0.tar.gz", "fixture_flit-1.0-py3-none-any.whl"),
    ("poetry-demo", "poetry-core", "fixture_poetry-1.0.tar.gz", "fixture_poetry-1.0-py3-none-any.whl"),
]

HATCH_ROOT = "fixture_hatch-1.0"
DIST_INFO = "fixture_hatch-1.0.dist-info"
INIT = "fixture_hatch/__init__.py"

Members = List[Tuple[tarfile.TarInfo, bytes]]


def _manifest(pkg: str) -> Manifest:
    return read_manifest(os.path.join(PACKAGES, pkg, "pyproject-manifest.txt"))


def _codes(findings) -> List[str]:
    return sorted({f.code for f in findings})


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


class TempDirTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="pm-py-archive-")
        self.addCleanup(shutil.rmtree, self.tmp)


class CommittedArchivesTest(unittest.TestCase):
    def test_every_committed_archive_is_clean(self) -> None:
        for pkg, backend, sdist, wheel in FIXTURES:
            manifest = _manifest(pkg)
            for name in (sdist, wheel):
                with self.subTest(archive=name):
                    findings = check_archive(
                        os.path.join(ARCHIVES, backend, name), manifest, os.path.join(PACKAGES, pkg)
                    )
                    self.assertEqual([f.to_json() for f in findings], [])

    def test_another_projects_manifest_is_not_clean(self) -> None:
        findings = check_archive(
            os.path.join(ARCHIVES, "flit_core", "fixture_flit-1.0-py3-none-any.whl"),
            _manifest("poetry-demo"),
        )
        self.assertIn("ARCHIVE_EXTRA_FILE", _codes(findings))
        self.assertIn("ARCHIVE_MISSING_FILE", _codes(findings))


class TamperedSdistTest(TempDirTest):
    source = os.path.join(ARCHIVES, "hatchling", "fixture_hatch-1.0.tar.gz")

    def members(self) -> Members:
        out: Members = []
        with tarfile.open(self.source, "r:gz") as tar:
            for info in tar.getmembers():
                handle = tar.extractfile(info) if info.isreg() else None
                out.append((info, handle.read() if handle else b""))
        return out

    def write(self, members: Members, name: str = "fixture_hatch-1.0.tar.gz") -> str:
        path = os.path.join(self.tmp, name)
        with tarfile.open(path, "w:gz", format=tarfile.PAX_FORMAT) as tar:
            for info, data in members:
                info.size = len(data) if info.isreg() else 0
                tar.addfile(info, io.BytesIO(data) if info.isreg() else None)
        return path

    def check(self, members: Members, manifest: Manifest = None):  # type: ignore[assignment]
        return check_archive(
            self.write(members), manifest or _manifest("hatch-demo"), os.path.join(PACKAGES, "hatch-demo")
        )

    @staticmethod
    def file(name: str, data: bytes) -> Tuple[tarfile.TarInfo, bytes]:
        return tarfile.TarInfo(name), data

    def test_cases(self) -> None:
        readme = f"{HATCH_ROOT}/README.md"
        cases: List[Tuple[str, Callable[[Members], Members], List[str]]] = [
            ("a file removed", lambda ms: [m for m in ms if m[0].name != readme], ["ARCHIVE_MISSING_FILE"]),
            ("a file added", lambda ms: ms + [self.file(f"{HATCH_ROOT}/secrets.env", b"T=1\n")], ["ARCHIVE_EXTRA_FILE"]),
            (
                "a file changed",
                lambda ms: [(i, b"changed\n" if i.name == f"{HATCH_ROOT}/src/{INIT}" else d) for i, d in ms],
                ["ARCHIVE_CONTENT_MISMATCH"],
            ),
            ("a member with ../", lambda ms: ms + [self.file(f"{HATCH_ROOT}/../evil.py", b"x")], ["ARCHIVE_UNSAFE_PATH"]),
            (
                "an absolute member",
                lambda ms: ms + [self.file("/etc/evil.py", b"x")],
                ["ARCHIVE_UNSAFE_PATH", "SDIST_ROOT_INVALID"],
            ),
            ("PKG-INFO removed", lambda ms: [m for m in ms if m[0].name != f"{HATCH_ROOT}/PKG-INFO"], ["SDIST_PKG_INFO_MISSING"]),
            ("a second top-level directory", lambda ms: ms + [self.file("other-1.0/x.py", b"x")], ["SDIST_ROOT_INVALID"]),
        ]
        for name, tamper, codes in cases:
            with self.subTest(name):
                self.assertEqual(_codes(self.check(tamper(self.members()))), sorted(codes))

    def test_a_symlink_out_of_the_root(self) -> None:
        link = tarfile.TarInfo(f"{HATCH_ROOT}/src/link")
        link.type = tarfile.SYMTYPE
        link.linkname = "../../../etc/passwd"
        findings = self.check(self.members() + [(link, b"")])
        self.assertEqual(_codes(findings), ["ARCHIVE_EXTRA_FILE", "ARCHIVE_UNSAFE_LINK"])

    def test_alt_dest_must_be_present_and_is_not_compared(self) -> None:
        with open(os.path.join(PACKAGES, "hatch-demo", "pyproject-manifest.txt"), encoding="utf-8") as handle:
            text = handle.read()
        alt = parse_manifest(text.replace("mod: README.md -> README.md", "alt: README.md -> README.md"))
        changed = [(i, b"rewritten by the build\n" if i.name.endswith("/README.md") else d) for i, d in self.members()]
        self.assertEqual(self.check(changed, alt), [])
        self.assertEqual(_codes(self.check(changed)), ["ARCHIVE_CONTENT_MISMATCH"])
        gone = [m for m in self.members() if not m[0].name.endswith("/README.md")]
        findings = self.check(gone, alt)
        self.assertEqual([(f.code, f.path, f.args["entry"]) for f in findings], [
            ("ARCHIVE_MISSING_FILE", "README.md", "alt: README.md -> README.md")
        ])

    def test_truncated_and_unsupported_files_are_errors(self) -> None:
        with open(self.source, "rb") as handle:
            data = handle.read()
        truncated = os.path.join(self.tmp, "t-1.0.tar.gz")
        with open(truncated, "wb") as handle:
            handle.write(data[: len(data) // 2])
        with self.assertRaises(ManifestError) as caught:
            read_archive(truncated)
        self.assertEqual(caught.exception.codes, ["ARCHIVE_UNREADABLE"])
        self.assertNotIn("\n", str(caught.exception))
        other = os.path.join(self.tmp, "x.tar.bz2")
        with open(other, "wb") as handle:
            handle.write(b"BZh91AY")
        with self.assertRaises(ManifestError) as caught:
            read_archive(other)
        self.assertEqual(caught.exception.codes, ["ARCHIVE_UNSUPPORTED"])
        with self.assertRaises(ManifestError) as caught:
            read_archive(os.path.join(self.tmp, "missing.whl"))
        self.assertEqual(caught.exception.codes, ["ARCHIVE_UNREADABLE"])


class SpecialFilesTest(TempDirTest):
    """Nothing that is not a regular file is read: a FIFO would block forever, /dev/zero never ends."""

    def test_a_fifo_as_the_archive(self) -> None:
        fifo = os.path.join(self.tmp, "x-1.0.tar.gz")
        os.mkfifo(fifo)
        with self.assertRaises(ManifestError) as caught:
            read_archive(fifo)
        [error] = caught.exception.errors
        self.assertEqual(error.code, "ARCHIVE_UNREADABLE")
        self.assertIn("it is a FIFO, not a regular file", error.message)

    def test_a_tree_source_that_links_to_a_fifo_or_a_device(self) -> None:
        root = os.path.join(self.tmp, "hatch-demo")
        shutil.copytree(os.path.join(PACKAGES, "hatch-demo"), root)
        readme = os.path.join(root, "README.md")
        for target, kind in ((os.path.join(self.tmp, "fifo"), "a FIFO"), ("/dev/zero", "a device")):
            with self.subTest(kind):
                if target != "/dev/zero":
                    os.mkfifo(target)
                os.remove(readme)
                os.symlink(target, readme)
                with self.assertRaises(ManifestError) as caught:
                    check_archive(os.path.join(ARCHIVES, "hatchling", "fixture_hatch-1.0.tar.gz"), _manifest("hatch-demo"), root)
                [error] = caught.exception.errors
                self.assertEqual(error.code, "FILE_UNREADABLE")
                self.assertIn(f"is a symlink to {kind}, not a regular file", error.message)

    def test_a_source_that_links_to_a_fifo_absent_from_the_archive_is_not_opened(self) -> None:
        # Only the sources of members the archive holds are read, as `manifest validate ARCHIVE`.
        root = os.path.join(self.tmp, "hatch-demo")
        shutil.copytree(os.path.join(PACKAGES, "hatch-demo"), root)
        os.mkfifo(os.path.join(self.tmp, "fifo"))
        os.symlink(os.path.join(self.tmp, "fifo"), os.path.join(root, "later.py"))
        manifest = _manifest("hatch-demo")
        manifest.sdist.append(Entry("mod", "later.py", "later.py"))
        findings = check_archive(os.path.join(ARCHIVES, "hatchling", "fixture_hatch-1.0.tar.gz"), manifest, root)
        self.assertIn(("ARCHIVE_MISSING_FILE", "later.py"), [(f.code, f.path) for f in findings])


class TamperedWheelTest(TempDirTest):
    source = os.path.join(ARCHIVES, "hatchling", "fixture_hatch-1.0-py3-none-any.whl")

    def members(self) -> Dict[str, bytes]:
        with zipfile.ZipFile(self.source) as archive:
            return {info.filename: archive.read(info) for info in archive.infolist()}

    def write(self, members: Dict[str, bytes], rerecord: bool) -> str:
        if rerecord:
            rows = [f"{n},{_record_hash(d)},{len(d)}" for n, d in members.items() if n != f"{DIST_INFO}/RECORD"]
            rows.append(f"{DIST_INFO}/RECORD,,")
            members[f"{DIST_INFO}/RECORD"] = ("\n".join(rows) + "\n").encode()
        path = os.path.join(self.tmp, "fixture_hatch-1.0-py3-none-any.whl")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in members.items():
                archive.writestr(name, data)
        return path

    def check(self, members: Dict[str, bytes], rerecord: bool = True):
        return check_archive(self.write(members, rerecord), _manifest("hatch-demo"), os.path.join(PACKAGES, "hatch-demo"))

    def edit_record(self, members: Dict[str, bytes], edit: Callable[[List[str]], List[str]]) -> Dict[str, bytes]:
        lines = members[f"{DIST_INFO}/RECORD"].decode().rstrip("\n").split("\n")
        members[f"{DIST_INFO}/RECORD"] = ("\n".join(edit(lines)) + "\n").encode()
        return members

    def test_cases(self) -> None:
        def changed_hash(lines: List[str]) -> List[str]:
            return [l.split(",")[0] + ",sha256=AAAA," + l.split(",")[2] if l.startswith(INIT + ",") else l for l in lines]

        cases: List[Tuple[str, Callable[[Dict[str, bytes]], Dict[str, bytes]], bool, List[str]]] = [
            ("a file removed", lambda ms: {n: d for n, d in ms.items() if n != INIT}, True, ["ARCHIVE_MISSING_FILE"]),
            ("a file added", lambda ms: {**ms, "fixture_hatch/extra.py": b"x = 1\n"}, True, ["ARCHIVE_EXTRA_FILE"]),
            ("a file changed", lambda ms: {**ms, INIT: b"changed\n"}, True, ["ARCHIVE_CONTENT_MISMATCH"]),
            ("a RECORD hash wrong", lambda ms: self.edit_record(ms, changed_hash), False, ["RECORD_HASH_MISMATCH"]),
            (
                "a RECORD row missing",
                lambda ms: self.edit_record(ms, lambda ls: [l for l in ls if not l.startswith(INIT + ",")]),
                False,
                ["RECORD_ROW_MISSING"],
            ),
            (
                "a RECORD row that is not CSV of 3",
                lambda ms: self.edit_record(ms, lambda ls: ls + ["just-a-path"]),
                False,
                ["RECORD_ROW_INVALID"],
            ),
            ("RECORD removed", lambda ms: {n: d for n, d in ms.items() if n != f"{DIST_INFO}/RECORD"}, False, ["RECORD_MISSING"]),
            ("a member with a backslash", lambda ms: {**ms, "fixture_hatch\\evil.py": b"x"}, True, ["ARCHIVE_UNSAFE_PATH"]),
        ]
        for name, tamper, rerecord, codes in cases:
            with self.subTest(name):
                self.assertEqual(_codes(self.check(tamper(self.members()), rerecord)), sorted(codes))

    def test_data_dests_map_to_the_data_directory(self) -> None:
        members = {n: d for n, d in self.members().items() if n != "fixture_hatch-1.0.data/data/share/fixture-hatch.conf"}
        findings = self.check(members)
        self.assertEqual(
            [(f.code, f.path) for f in findings],
            [("ARCHIVE_MISSING_FILE", "fixture_hatch-1.0.data/data/share/fixture-hatch.conf")],
        )


if __name__ == "__main__":
    unittest.main()
