"""Versions and names in archive names: normalize_version against the real ``packaging`` (Debian's
python3-packaging, which .ci/run installs with python3-build) on tricky and generated spellings."""

from __future__ import annotations

import itertools
import random
import unittest

from packaging.version import InvalidVersion, Version

from pyproject_manifest.dist_name import (
    canonicalize_name,
    escape_dist_name,
    normalize_version,
    same_version,
    split_name_version,
)

TRICKY = [
    "1.0", "1.0.0-RC1", "1.0.0.RC.1", "1.0c1", "1.0preview3", "1.0alpha", "1.0-beta.2", "1.0a01",
    "1.0-1", "1.0-0", "1.0.rev", "1.0r5", "1.0-post-7", "1.0dev", "1.0.DEV-3", "1.0-1-dev1",
    "v1.0", "V2", "0!1.0", "00!1.0", "1!2.0", "007.010.000", "1.0+Ubuntu-1", "1.0+abc_007.XYZ",
    "1.0+", "1.0+abc..d", "  1.0\n", "\u00a01.0\u3000", "\u001c1.0", "\ufeff1.0", "1.0 rc1",
    "1.0rc1rc2", "1.0+\u0130", "1.0\u017fdev", "", "v", "1..0", "1.0-", "-1.0",
]


def packaging_form(version: str):  # type: ignore[no-untyped-def]
    try:
        return str(Version(version))
    except InvalidVersion:
        return None


class DistNameTest(unittest.TestCase):
    def test_tricky_versions_as_packaging_normalizes_them(self) -> None:
        for version in TRICKY:
            with self.subTest(version=version):
                self.assertEqual(normalize_version(version), packaging_form(version))

    def test_generated_spellings_as_packaging_normalizes_them(self) -> None:
        pieces = ["1", "0", "07", ".", "-", "_", "a", "b", "c", "rc", "RC", "alpha", "pre", "post", "r",
                  "rev", "dev", "DEV", "!", "+", "v", "x", "ubuntu", " "]
        rng = random.Random(10)
        spellings = {"".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(3000)}
        spellings.update("1.0" + "".join(p) for p in itertools.product(["", "rc", "-", ".post", "+x"], repeat=2))
        valid = 0
        for version in sorted(spellings):
            expected = packaging_form(version)
            valid += expected is not None
            self.assertEqual(normalize_version(version), expected, version)
        self.assertGreater(valid, 100)

    def test_names_and_comparisons(self) -> None:
        self.assertEqual(canonicalize_name("My.Pkg__Name"), "my-pkg-name")
        self.assertEqual(escape_dist_name("My.Pkg-Name"), "my_pkg_name")
        self.assertTrue(same_version("1.0.0-RC1", "1.0.0rc1"))
        self.assertTrue(same_version("v1.0-foo", "V1.0-FOO"))
        self.assertFalse(same_version("1.0", "1.0.1"))
        self.assertEqual(split_name_version("fixture-st-plain-1.0"), ("fixture-st-plain", "1.0"))
        self.assertIsNone(split_name_version("noversion-"))


if __name__ == "__main__":
    unittest.main()
