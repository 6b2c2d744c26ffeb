/**
 * Existence checks for paths named explicitly in the configuration (readme, license files, map
 * sources, artifact roots), which may lie where the walk does not go. Symlinks are not followed,
 * matching how the walker lists them.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

export type PathKind = 'file' | 'symlink' | 'dir' | 'missing';

/** The kind of each project-relative path. */
export function statPaths(root: string, paths: Iterable<string>): Map<string, PathKind> {
  const out = new Map<string, PathKind>();
  for (const path of paths) {
    if (out.has(path)) continue;
    try {
      // Not found is the common answer (a manifest of missing files asks a million times), and a
      // thrown ENOENT costs ~5 µs each to build: ask for undefined instead (issue #12).
      const st = lstatSync(join(root, path), { throwIfNoEntry: false });
      if (st === undefined) {
        out.set(path, 'missing');
        continue;
      }
      out.set(
        path,
        st.isSymbolicLink()
          ? 'symlink'
          : st.isDirectory()
            ? 'dir'
            : st.isFile()
              ? 'file'
              : 'missing',
      );
    } catch {
      out.set(path, 'missing');
    }
  }
  return out;
}

/**
 * The paths among `paths` that exist but resolve outside the project: through a symlinked
 * ancestor directory, or as a symlink themselves, that leaves `root` (issue #12). Such a path names
 * a file of someone else's tree, which a `map` must not ship.
 */
export function findEscapingPaths(root: string, paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  let top: string;
  try {
    top = realpathSync(root);
  } catch {
    return out;
  }
  for (const path of paths) {
    let real: string;
    try {
      real = realpathSync(join(root, path));
    } catch {
      continue; // Missing or a dangling link: reported as missing elsewhere.
    }
    const rel = relative(top, real);
    if (rel.startsWith('..') || isAbsolute(rel)) out.add(path);
  }
  return out;
}
