/**
 * Grouping findings for people: a build that ships a whole directory less, or a tree that gained
 * one, gives one finding per file (216 lines on one real project); these become one line per
 * directory and cause, with the count and the first paths.
 *
 * Owns: which findings go together. Findings of the same file, code, section and severity whose
 * paths share their first segment (`docs/…`; files at the top level form one set) are a group
 * when there are at least `minimum` of them; the group is named by the deepest directory holding
 * them all. Groups and the findings left alone keep the order of the findings: each group stands
 * where its first finding stood.
 * Must not: drop or reorder findings within a group, or change any finding (machine output keeps
 * every finding; the JSON names the groups beside them).
 * Pure.
 */
import type { Finding, FindingGroup } from './types.js';

/** At least this many findings of one cause in one directory are shown as one line. */
export const GROUP_MINIMUM = 3;

/** The directory part of a path: `docs/api/a.md` → `docs/api`, `a.md` → ''. */
function dirOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/** The deepest directory that holds every one of `dirs`. */
function commonDir(dirs: readonly string[]): string {
  let common = dirs[0] ?? '';
  for (const dir of dirs) {
    while (common !== '' && dir !== common && !dir.startsWith(`${common}/`)) common = dirOf(common);
  }
  return common;
}

/** Whether an item of `groupFindings`' result is a group. */
export function isFindingGroup(item: Finding | FindingGroup): item is FindingGroup {
  return 'findings' in item;
}

/**
 * Group findings by file, code, section, severity and the first segment of their path.
 * @param minimum the fewest findings shown as a group
 * @default minimum GROUP_MINIMUM (3)
 * @example groupFindings(findings).map((item) => (isFindingGroup(item) ? item.dir : item.path))
 */
export function groupFindings(
  findings: readonly Finding[],
  minimum: number = GROUP_MINIMUM,
): (Finding | FindingGroup)[] {
  const sets = new Map<string, Finding[]>();
  const keyOf = (f: Finding): string => {
    const slash = f.path.indexOf('/');
    const top = slash === -1 ? '' : f.path.slice(0, slash);
    return [f.file, f.code, f.target ?? '', f.severity, top].join('\0');
  };
  for (const finding of findings) {
    const key = keyOf(finding);
    const set = sets.get(key);
    if (set === undefined) sets.set(key, [finding]);
    else set.push(finding);
  }
  const out: (Finding | FindingGroup)[] = [];
  const placed = new Set<string>();
  for (const finding of findings) {
    const key = keyOf(finding);
    const set = sets.get(key)!;
    if (set.length < minimum) {
      out.push(finding);
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    out.push({
      code: finding.code,
      severity: finding.severity,
      file: finding.file,
      ...(finding.target !== undefined ? { target: finding.target } : {}),
      // A `dir:` entry's path is itself a directory.
      dir: commonDir(
        set.map((f) =>
          typeof f.args.entry === 'string' && f.args.entry.startsWith('dir: ')
            ? f.path
            : dirOf(f.path),
        ),
      ),
      findings: set,
    });
  }
  return out;
}
