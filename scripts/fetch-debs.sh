#!/usr/bin/env bash
# Unpack Debian packages into a cache directory without installing them, for the few builds that
# need a build plugin (setuptools-scm, hatch-vcs) on PYTHONPATH and nowhere else: merely having
# setuptools-scm importable changes every plain-setuptools sdist (its file finder adds every
# git-tracked file), so these plugins must stay off the system Python.
#
# Usage: scripts/fetch-debs.sh CACHE_DIR PACKAGE...
# Each package ends up in CACHE_DIR/PACKAGE/ (its files under usr/lib/python3/dist-packages), with
# a .done marker; a package already there is not fetched again.
set -euo pipefail
cache="$1"
shift
mkdir -p "$cache"
for pkg in "$@"; do
  dest="$cache/$pkg"
  [ -f "$dest/.done" ] && continue
  work="$(mktemp -d "$cache/.fetch-$pkg.XXXXXX")"
  (cd "$work" && apt-get download -qq "$pkg" 2>/dev/null)
  rm -rf "$dest"
  mkdir -p "$dest"
  dpkg-deb -x "$work"/*.deb "$dest"
  rm -rf "$work"
  touch "$dest/.done"
done
