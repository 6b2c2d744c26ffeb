"""The Python side of the differential test (test/differential/python-reader.test.ts).

Run as ``python3 -m tests.oracle`` from ``python/``. Reads JSON lines on stdin, one case each:
``{"manifest": TEXT}``, ``{"glob": PATTERN, "path": PATH}`` (``path`` may be null), or
``{"archive": FILE, "manifestFile": FILE, "root": DIR}`` (the findings of ``check_archive``, or
``{"errors": [codes]}``), and writes
one JSON line per case with its outcome (tests/outcome.py), ASCII-only so that any string survives
the pipe. One process for the whole batch.
"""

from __future__ import annotations

import json
import sys

from pyproject_manifest import ManifestError, read_manifest
from pyproject_manifest.archive import check_archive

from .outcome import glob_outcome, manifest_outcome


def archive_outcome(case: dict) -> object:
    try:
        manifest = read_manifest(case["manifestFile"])
        findings = check_archive(case["archive"], manifest, case.get("root"))
    except ManifestError as error:
        return {"errors": error.codes}
    return [f.to_json() for f in findings]


def main() -> int:
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        case = json.loads(line)
        if "manifest" in case:
            result = manifest_outcome(case["manifest"])
        elif "archive" in case:
            result = archive_outcome(case)
        else:
            result = glob_outcome(case["glob"], case.get("path"))
        out.write(json.dumps(result, ensure_ascii=True) + "\n")
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
