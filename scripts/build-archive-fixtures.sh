#!/usr/bin/env bash
# Build the sdists and wheels of fixtures/packages/* with the real build backends.
#
#   scripts/build-archive-fixtures.sh        regenerate: each package's pyproject-manifest.txt (with
#                                            dist/cli/main.js: run `npm run build` first), then the
#                                            archives, into fixtures/archives/<backend>/
#   scripts/build-archive-fixtures.sh OUT    build fresh archives into OUT/<backend>/ from the
#                                            committed pyproject-manifest.txt; the packages are not touched
#                                            (test/archive/fresh.test.ts does this)
#
# Why a temp copy: the packages are committed to this repository, whose own git would apply any
# `.gitignore` inside them, so they store it as `gitignore`; the copy renames it back, and gets
# its own `git init` so that backends that ask git (hatchling reads .gitignore either way) see
# a repository of their own rather than ours. For the same reason `manifest generate` runs on the
# copy, never on fixtures/packages/<pkg>: there, `gitignore` would be an ordinary file and the
# files it ignores would be listed. The copy keeps pyproject-manifest.txt, so backends that ship it do.
#
# Uses /usr/bin/python3 on purpose: the Debian python3-build, python3-hatchling,
# python3-setuptools, flit (flit_core) and python3-poetry-core packages live there, and another
# python3 may come first on PATH. `-n -x`: no isolated env, no dependency check (offline).
# SOURCE_DATE_EPOCH makes the archives reproducible where the backend honours it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
packages="$here/fixtures/packages"
regenerate=1
if [[ $# -gt 0 ]]; then regenerate=0; fi
out="${1:-$here/fixtures/archives}"
cli="$here/dist/cli/main.js"
if [[ $regenerate == 1 && ! -f $cli ]]; then
  echo "missing $cli: run \`npm run build\` first" >&2
  exit 1
fi
python=/usr/bin/python3
export SOURCE_DATE_EPOCH=1700000000
export PYTHONDONTWRITEBYTECODE=1

# package directory → backend directory under $out
declare -A backend=(
  [hatch-demo]=hatchling
  [setuptools-manifest-in]=setuptools
  [setuptools-plain]=setuptools
  [flit-demo]=flit_core
  [poetry-demo]=poetry-core
)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# What built the archives in <backend>/: the Python, build, and that backend, pinned.
built_with() {
  "$python" - "$1" <<'EOF'
import platform, sys
from importlib.metadata import version
print(f"python=={platform.python_version()}")
for dist in ("build", sys.argv[1]):
    print(f"{dist}=={version(dist)}")
EOF
}

for pkg in "${!backend[@]}"; do
  src="$packages/$pkg"
  dest="$out/${backend[$pkg]}"
  copy="$work/$pkg"
  mkdir -p "$dest"
  cp -R "$src" "$copy"
  if [[ -f "$copy/gitignore" ]]; then mv "$copy/gitignore" "$copy/.gitignore"; fi
  if [[ $regenerate == 1 ]]; then
    node "$cli" generate --root "$copy"
    cp "$copy/pyproject-manifest.txt" "$src/pyproject-manifest.txt"
  elif [[ ! -f "$copy/pyproject-manifest.txt" ]]; then
    echo "missing $src/pyproject-manifest.txt: run this script without arguments to generate it" >&2
    exit 1
  fi
  (
    cd "$copy"
    git init -q .
    git -c user.name=fixtures -c user.email=fixtures@example.invalid add -A
    git -c user.name=fixtures -c user.email=fixtures@example.invalid commit -q -m fixture
    # Backends that take member mtimes from the files (setuptools, poetry-core sdists) see fixed ones.
    find . -path ./.git -prune -o -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    "$python" -m build -n -x --outdir "$work/out-$pkg" . >"$work/log-$pkg" 2>&1 || {
      cat "$work/log-$pkg" >&2
      echo "build failed: $pkg" >&2
      exit 1
    }
  )
  chmod 644 "$work/out-$pkg"/*
  cp "$work/out-$pkg"/* "$dest/"
done

for name in $(printf '%s\n' "${backend[@]}" | sort -u); do
  built_with "$name" >"$out/$name/BUILT-WITH"
done
ls -l "$out"/*/
