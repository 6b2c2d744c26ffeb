/**
 * Existence checks for paths named explicitly in the configuration (readme, license files, map
 * sources, artifact roots), which may lie where the walk does not go. Symlinks are not followed,
 * matching how the walker lists them.
 */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';

export type PathKind = 'file' | 'symlink' | 'dir' | 'missing';

/** The kind of each project-relative path. */
export function statPaths(root: string, paths: Iterable<string>): Map<string, PathKind> {
  const out = new Map<string, PathKind>();
  for (const path of paths) {
    if (out.has(path)) continue;
    try {
      const st = lstatSync(join(root, path));
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
