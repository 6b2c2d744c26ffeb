/**
 * Wheel package auto-detection from `[project].name`, the way hatchling does it.
 *
 * Owns: turning a project name into candidate import names and finding which one exists in the
 * listing. Pure: it looks only at the walker's listing, so detection sees exactly what ships.
 * Order (first hit wins): `<n>/__init__.py`, `src/<n>/__init__.py`, `<n>.py`, `src/<n>.py`, then a
 * namespace directory `src/<n>/` or `<n>/` holding any .py file. With an explicit `packages-dir`,
 * only that directory is searched.
 */

/** What detection found: the directory that is stripped from DESTs, and the package paths below it. */
export interface DetectedPackages {
  packagesDir: string;
  packages: string[];
  /** The path that proved it, for messages and `explain`. */
  evidence: string;
}

/**
 * Candidate import names for a distribution name: hatchling's file-name normalization
 * (runs of characters other than letters, digits and `.` become `_`, then `.` too), first as
 * written and then lower-cased.
 * @example candidateNames('My-Proj') → ['My_Proj', 'my_proj']
 */
export function candidateNames(projectName: string): string[] {
  const raw = projectName.replace(/[^\p{L}\p{N}_.]+/gu, '_').replace(/\./g, '_');
  const lower = raw.toLowerCase();
  return raw === lower ? [raw] : [raw, lower];
}

/**
 * Find the wheel package for `projectName` among `files` (project-relative paths).
 * @param packagesDir an explicit packages-dir ('' for the root), or undefined to try '' then 'src'
 * @returns undefined when nothing matches
 */
export function detectPackages(
  projectName: string,
  files: ReadonlySet<string>,
  packagesDir: string | undefined,
): DetectedPackages | undefined {
  const dirs = packagesDir !== undefined ? [packagesDir] : ['', 'src'];
  const join = (dir: string, rest: string): string => (dir === '' ? rest : `${dir}/${rest}`);
  for (const name of candidateNames(projectName)) {
    for (const dir of dirs) {
      const init = join(dir, `${name}/__init__.py`);
      if (files.has(init)) return { packagesDir: dir, packages: [name], evidence: init };
    }
    for (const dir of dirs) {
      const module = join(dir, `${name}.py`);
      if (files.has(module))
        return { packagesDir: dir, packages: [`${name}.py`], evidence: module };
    }
    for (const dir of dirs) {
      const prefix = join(dir, `${name}/`);
      for (const file of files) {
        if (file.startsWith(prefix) && file.endsWith('.py')) {
          return { packagesDir: dir, packages: [name], evidence: prefix };
        }
      }
    }
  }
  return undefined;
}
