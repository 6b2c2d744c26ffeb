"""The reader beyond the shared cases: `alt` entries (MANIFEST-FORMAT decision of issue #10),
reading files, the one-line messages, and gen globs that would make a backtracking matcher stall.
Everything the TypeScript side also has is in test_format_cases.py and the differential test."""

from __future__ import annotations

import os
import shutil
import tempfile
import unittest
from typing import List, Tuple
from unittest import mock

from pyproject_manifest import ManifestError, describe_finding, read_manifest
from pyproject_manifest import glob as globs
from pyproject_manifest.reader import (
    Entry,
    check_canonical,
    check_manifest,
    format_entry,
    format_manifest,
    parse_manifest,
)

V1 = "# pyproject-manifest v1"
HEAD = [V1, "# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.", ""]


def text(sdist: List[str], wheel: List[str]) -> str:
    return "\n".join(HEAD + ["[sdist]"] + sdist + ["", "[wheel]"] + wheel) + "\n"


def errors(source: str) -> List[Tuple[str, int, int]]:
    try:
        parse_manifest(source)
    except ManifestError as error:
        return [(e.code, e.line or 0, e.column or 0) for e in error.errors]
    return []


def findings(sdist: List[str], wheel: List[str]) -> List[Tuple[str, str, str, int]]:
    manifest = parse_manifest(text(sdist, wheel))
    return [(f.code, f.target or "", f.path, f.line or 0) for f in check_manifest(manifest)]


class AltTest(unittest.TestCase):
    """`alt: SRC -> DEST`: the syntax and the rules of `mod`, but the build rewrites the bytes."""

    def test_parses_like_mod(self) -> None:
        manifest = parse_manifest(text(["alt: setup.cfg -> setup.cfg"], ['alt: "a b " -> {data}/scripts/run']))
        self.assertEqual(manifest.sdist, [Entry("alt", "setup.cfg", "setup.cfg")])
        self.assertEqual(manifest.wheel, [Entry("alt", "{data}/scripts/run", "a b ")])
        self.assertEqual(format_entry(manifest.wheel[0]), 'alt: "a b " -> {data}/scripts/run')

    def test_syntax_errors_at_the_columns_of_mod(self) -> None:
        for line, column in (("alt: a", 7), ("alt: a->a", 10), ("alt: a -> ", 11), ("alt:a -> a", 5)):
            with self.subTest(line):
                mod = errors(text([line.replace("alt", "mod", 1)], []))
                self.assertEqual(errors(text([line], [])), mod)
                self.assertEqual(mod[0][2], column)

    def test_sdist_dest_must_equal_src(self) -> None:
        self.assertEqual(errors(text(["alt: a -> b"], [])), [("MANIFEST_INVALID_PATH", 5, 11)])

    def test_data_rules(self) -> None:
        self.assertEqual(errors(text([], ["alt: a -> {data}/lib/x"])), [("MANIFEST_INVALID_PATH", 7, 18)])
        self.assertEqual(errors(text([], ["alt: a -> {data}/scripts"])), [("MANIFEST_INVALID_PATH", 7, 11)])

    def test_dest_unique_whatever_the_kind(self) -> None:
        self.assertEqual(errors(text(["mod: a -> a", "alt: a -> a"], [])), [("MANIFEST_DUPLICATE", 6, 11)])

    def test_unknown_kind_message_lists_alt(self) -> None:
        with self.assertRaises(ManifestError) as caught:
            parse_manifest(text(["mv: a -> a"], []))
        self.assertIn('"mod:", "alt:", "dir:" or "gen:"', caught.exception.errors[0].message)

    def test_ancestors_of_an_alt_dest_are_required_dirs(self) -> None:
        self.assertEqual(findings(["alt: p/setup.cfg -> p/setup.cfg"], []), [("DIR_ENTRY_MISSING", "sdist", "p", 5)])
        self.assertEqual(findings(["dir: p", "alt: p/a -> p/a"], []), [])

    def test_a_gen_glob_matching_an_alt_dest_is_reported_at_the_alt_line(self) -> None:
        self.assertEqual(
            findings(["alt: a.cfg -> a.cfg", "gen: *.cfg"], []), [("GEN_SHADOWS_MOD", "sdist", "a.cfg", 5)]
        )

    def test_wheel_sources_may_come_from_sdist_mod_or_alt(self) -> None:
        self.assertEqual(findings(["alt: a -> a", "mod: b -> b"], ["mod: a -> x", "alt: b -> y"]), [])
        self.assertEqual(
            findings(["gen: a"], ["alt: a -> x"]), [("WHEEL_SOURCE_NOT_IN_SDIST", "wheel", "x", 8)]
        )

    def test_canonical_order_is_by_dest_whatever_the_kind(self) -> None:
        manifest = parse_manifest(text(["mod: b -> b", "alt: a -> a", "gen: PKG-INFO"], []))
        formatted = format_manifest(manifest)
        self.assertIn("[sdist]\ngen: PKG-INFO\nalt: a -> a\nmod: b -> b\n", formatted)
        self.assertEqual(check_canonical(formatted, parse_manifest(formatted)), [])
        [finding] = check_canonical(text(["mod: b -> b", "alt: a -> a"], []), manifest)
        self.assertEqual((finding.line, finding.args["reason"]), (5, "order"))


class ReadManifestTest(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = tempfile.mkdtemp(prefix="pm-py-reader-")
        self.addCleanup(shutil.rmtree, self.tmp)

    def write(self, data: bytes) -> str:
        path = os.path.join(self.tmp, "pyproject-manifest.txt")
        with open(path, "wb") as handle:
            handle.write(data)
        return path

    def code_of(self, path: str) -> str:
        with self.assertRaises(ManifestError) as caught:
            read_manifest(path)
        self.assertEqual(len(caught.exception.errors), 1)
        self.assertNotIn("\n", str(caught.exception))
        return caught.exception.errors[0].code

    def test_reads_a_committed_manifest(self) -> None:
        repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        manifest = read_manifest(os.path.join(repo, "examples", "src-layout", "pyproject-manifest.txt"))
        self.assertTrue(any(e.dest == "pyproject.toml" for e in manifest.sdist))
        self.assertEqual(check_manifest(manifest), [])

    def test_missing_directory_and_bad_utf8(self) -> None:
        self.assertEqual(self.code_of(os.path.join(self.tmp, "nope.txt")), "MANIFEST_NOT_FOUND")
        self.assertEqual(self.code_of(self.tmp), "FILE_UNREADABLE")
        self.assertEqual(self.code_of(self.write(b"# pyproject-manifest v1\n\xff\n")), "FILE_UNREADABLE")

    def test_a_fifo_is_not_read(self) -> None:
        fifo = os.path.join(self.tmp, "pyproject-manifest.txt")
        os.mkfifo(fifo)
        with self.assertRaises(ManifestError) as caught:
            read_manifest(fifo)
        [error] = caught.exception.errors
        self.assertEqual((error.code, error.message), ("FILE_UNREADABLE", "is a FIFO, not a regular file"))

    def test_a_file_that_is_not_a_manifest_is_not_echoed(self) -> None:
        # Issue #12: --manifest naming another file, or a symlink to /etc/passwd.
        path = self.write(b"root:x:0:0:root:/root:/bin/bash\n")
        with self.assertRaises(ManifestError) as caught:
            read_manifest(path)
        [error] = caught.exception.errors
        self.assertEqual(error.code, "MANIFEST_VERSION")
        self.assertNotIn("root:x", str(caught.exception))
        # A malformed format line is the manifest's own text, and is shown.
        with self.assertRaises(ManifestError) as caught:
            read_manifest(self.write(b"# pyproject-manifest vX\n"))
        self.assertIn("vX", str(caught.exception))

    def test_crlf_is_not_translated(self) -> None:
        path = self.write(b"# pyproject-manifest v1\r\n[sdist]\r\n[wheel]\r\n")
        with self.assertRaises(ManifestError) as caught:
            read_manifest(path, "pyproject-manifest.txt")
        [error] = caught.exception.errors
        self.assertEqual((error.code, error.line, error.column), ("MANIFEST_SYNTAX", 1, 24))
        self.assertTrue(str(error).startswith("pyproject-manifest.txt:1:24: error[MANIFEST_SYNTAX] carriage return"))
        self.assertIn("(hint: ", str(error))


class DescribeTest(unittest.TestCase):
    def test_one_line_per_finding_with_file_line_code_and_hint(self) -> None:
        [finding] = check_manifest(parse_manifest(text(["mod: p/a -> p/a"], [])), "x/pyproject-manifest.txt")
        self.assertEqual(
            describe_finding(finding),
            "x/pyproject-manifest.txt:5: error[DIR_ENTRY_MISSING] [sdist] directory p holds listed files "
            "but has no dir: line (hint: run `manifest update`)",
        )


class GlobWorkTest(unittest.TestCase):
    """Patterns that make a backtracking matcher take exponential (or n^k) steps: the work here is
    counted, not timed, and must stay within tokens x characters per segment."""

    def count_steps(self, pattern: str, path: str) -> Tuple[bool, int]:
        calls = [0]
        real = globs._one

        def counting(token, c):  # type: ignore[no-untyped-def]
            calls[0] += 1
            return real(token, c)

        with mock.patch.object(globs, "_one", counting):
            result = globs.compile_gen_glob(pattern)(path)
        return result, calls[0]

    def test_many_stars_against_a_long_name(self) -> None:
        pattern = "*a*a*a*a*a*a*a*a*c"
        matched, steps = self.count_steps(pattern, "a" * 130)
        self.assertFalse(matched)
        self.assertLessEqual(steps, len(pattern) * 130)
        matched, steps = self.count_steps(pattern, "a" * 130 + "c")
        self.assertTrue(matched)
        self.assertLessEqual(steps, len(pattern) * 131)

    def test_many_globstars_against_a_deep_path(self) -> None:
        pattern = "**/a/**/a/**/a/**/a/**/b"
        segments = pattern.count("/") + 1
        matched, _ = self.count_steps(pattern, "/".join(["a"] * 60))
        self.assertFalse(matched)
        self.assertTrue(globs.compile_gen_glob(pattern)("/".join(["a"] * 60 + ["b"])))
        # Each path segment is tried against each pattern segment at most once per step.
        calls = [0]
        real = globs._match_segment

        def counting(segment, part):  # type: ignore[no-untyped-def]
            calls[0] += 1
            return real(segment, part)

        with mock.patch.object(globs, "_match_segment", counting):
            globs.compile_gen_glob(pattern)("/".join(["a"] * 60))
        self.assertLessEqual(calls[0], segments * 60)


if __name__ == "__main__":
    unittest.main()
