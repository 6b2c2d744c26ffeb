"""The shared format cases: fixtures/format-cases/*.json hold every case of the TypeScript suite's
tables (test/cases/manifest.ts), the examples of MANIFEST-FORMAT.md and the committed manifests,
with the TypeScript results. The Python reader must give the same codes, lines, columns, findings
and canonical text for every one (test/manifest/format-cases.test.ts keeps the files up to date)."""

from __future__ import annotations

import json
import os
import unittest
from typing import Any

from pyproject_manifest.glob import is_glob
from pyproject_manifest.reader import Entry, format_entry, needs_quoting, quote_path

from .outcome import glob_outcome, manifest_outcome

CASES = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
    "fixtures",
    "format-cases",
)


def load(name: str) -> Any:
    with open(os.path.join(CASES, name), encoding="utf-8") as handle:
        return json.load(handle)


class FormatCasesTest(unittest.TestCase):
    def test_manifests(self) -> None:
        cases = load("manifests.json")
        for case in cases:
            with self.subTest(case["name"]):
                self.assertEqual(manifest_outcome(case["text"]), case["outcome"])
        self.assertGreater(len(cases), 100)

    def test_paths(self) -> None:
        cases = load("paths.json")
        for case in cases["quotePath"]:
            with self.subTest(path=case["path"]):
                self.assertEqual(quote_path(case["path"]), case["quoted"])
                self.assertEqual(needs_quoting(case["path"]), case["needsQuoting"])
        for case in cases["formatEntry"]:
            e = case["entry"]
            entry = Entry(e["kind"], e["dest"], e.get("src"), e.get("line"))
            with self.subTest(entry=e):
                self.assertEqual(format_entry(entry), case["line"])
        self.assertGreater(len(cases["quotePath"]), 10)
        self.assertGreater(len(cases["formatEntry"]), 3)

    def test_globs(self) -> None:
        cases = load("globs.json")
        for case in cases["globs"]:
            with self.subTest(pattern=case["pattern"], path=case.get("path")):
                expected = {"problem": case["problem"], "matches": case["matches"]}
                self.assertEqual(glob_outcome(case["pattern"], case.get("path")), expected)
        for case in cases["isGlob"]:
            with self.subTest(dest=case["dest"]):
                self.assertEqual(is_glob(case["dest"]), case["isGlob"])
        self.assertGreater(len(cases["globs"]), 60)


if __name__ == "__main__":
    unittest.main()
