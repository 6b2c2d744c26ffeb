"""What the hatchling hook adds to a build: `python3 bench/hook.py [--runs N] [--files N]`.

Times `/usr/bin/python3 -m build -n -x` (the sdist, then the wheel from the unpacked sdist) of one
generated hatchling project in four configurations, alternating them run by run so that load on
the machine falls on all alike:

- `plain`: no hook;
- `hook`: the hook in check mode (the vendored `python/vendor/hatch_build.py`, the same code the
  installed plugin runs), with no `manifest` command on PATH;
- `hook+cli`: the same with the built CLI (`dist/cli/main.js`) on PATH, so the tree check
  (`manifest validate`) runs before the sdist;
- `exact`: the hook in exact mode, without the CLI.

Prints the median wall time of each with its interquartile range, and each hook configuration's
difference to `plain`. Timing is never asserted in tests; it lives here (bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Dict, List, Tuple

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(REPO, "dist", "cli", "main.js")
HOOK = os.path.join(REPO, "python", "vendor", "hatch_build.py")
PYTHON = "/usr/bin/python3"

PYPROJECT = '[build-system]\nrequires = ["hatchling"]\nbuild-backend = "hatchling.build"\n\n[project]\nname = "benchpkg"\nversion = "1.0"\nreadme = "README.md"\n'
HOOK_TABLE = "\n[tool.hatch.build.hooks.custom]\n"


def make_project(root: str, files: int, hook: str) -> None:
    os.makedirs(os.path.join(root, "src", "benchpkg", "sub"))
    os.makedirs(os.path.join(root, "tests"))
    text = PYPROJECT + (HOOK_TABLE if hook else "") + ('mode = "exact"\n' if hook == "exact" else "")
    write(root, "pyproject.toml", text)
    write(root, "README.md", "# bench\n")
    write(root, ".gitignore", "dist/\n*.log\n")
    write(root, "src/benchpkg/__init__.py", "VERSION = '1.0'\n")
    for index in range(files):
        folder = "src/benchpkg" if index % 3 else "src/benchpkg/sub"
        if index % 5 == 4:
            folder = "tests"
        write(root, f"{folder}/module_{index:03d}.py", f"VALUE = {index}\n" * 40)
    write(root, "src/benchpkg/sub/__init__.py", "")
    if hook:
        shutil.copy(HOOK, os.path.join(root, "hatch_build.py"))
    subprocess.run(["node", CLI, "update", "--root", root], check=True, stdout=subprocess.DEVNULL)


def write(root: str, relative: str, text: str) -> None:
    with open(os.path.join(root, relative), "w", encoding="utf-8") as handle:
        handle.write(text)


def time_build(root: str, path_prefix: str = "") -> Tuple[float, float]:
    """Wall and CPU seconds (user + system, of the build and its subprocesses) of one build."""
    shutil.rmtree(os.path.join(root, "dist"), ignore_errors=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if path_prefix:
        env["PATH"] = f"{path_prefix}{os.pathsep}{env['PATH']}"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        [PYTHON, "-m", "build", "-n", "-x", "--outdir", "dist", "."],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise SystemExit(f"build failed in {root}:\n{result.stdout}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def quartiles(values: List[float]) -> str:
    if len(values) < 4:
        return ""
    q1, _, q3 = statistics.quantiles(values, n=4)
    return f" ({q1 * 1000:.0f}–{q3 * 1000:.0f})"


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs per configuration (default 7)")
    parser.add_argument("--files", type=int, default=60, help="modules in the generated project (default 60)")
    args = parser.parse_args(argv)
    if not os.path.exists(CLI):
        print("bench/hook.py: run `npm run build` first (needs dist/cli/main.js)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="pm-bench-hook-")
    try:
        shim = os.path.join(work, "bin")
        os.makedirs(shim)
        with open(os.path.join(shim, "manifest"), "w", encoding="utf-8") as handle:
            handle.write(f'#!/bin/sh\nexec node "{CLI}" "$@"\n')
        os.chmod(os.path.join(shim, "manifest"), 0o755)
        configs = {"plain": ("", ""), "hook": ("check", ""), "hook+cli": ("check", shim), "exact": ("exact", "")}
        roots = {}
        for name, (hook, _) in configs.items():
            roots[name] = os.path.join(work, name)
            make_project(roots[name], args.files, hook)
        times: Dict[str, List[float]] = {name: [] for name in configs}
        cpu: Dict[str, List[float]] = {name: [] for name in configs}
        for name, (_, prefix) in configs.items():
            time_build(roots[name], prefix)  # warm-up: page cache, .pyc files of the backends
        for _ in range(args.runs):
            for name, (_, prefix) in configs.items():
                wall, used = time_build(roots[name], prefix)
                times[name].append(wall)
                cpu[name].append(used)
        print(
            f"python -m build -n -x (sdist, then the wheel from it), {args.files + 2} files, {args.runs} runs each;"
            f" median (IQR) ms; load average {os.getloadavg()[0]:.1f}"
        )
        for label, table in (("wall", times), ("cpu", cpu)):
            plain = statistics.median(table["plain"])
            for name, values in table.items():
                median = statistics.median(values)
                delta = "" if name == "plain" else f"   {(median - plain) * 1000:+.0f} ms ({(median / plain - 1) * 100:+.0f}%)"
                print(f"  {label:4} {name:9} {median * 1000:6.0f}{quartiles(values)}{delta}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
