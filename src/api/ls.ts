/**
 * ls: the files the rules select, without writing anything.
 */
import { comparePaths } from '../manifest/order.js';
import type { Target } from '../manifest/types.js';
import { expandProject, type GenerateOptions } from './generate.js';

export interface ListOptions extends GenerateOptions {
  /** Only this section. @default both sections (SRC paths are merged) */
  target?: Target;
  /** List DEST paths (files and gen: lines, not dirs) instead of SRC paths; needs `target`. @default false */
  dest?: boolean;
}

/**
 * The selected paths, sorted in code-point order, each once.
 * @example listFiles({ root, target: 'wheel', dest: true }) → ['proj/__init__.py', …]
 */
export function listFiles(options: ListOptions): string[] {
  const { manifest } = expandProject(options);
  const targets: Target[] = options.target ? [options.target] : ['sdist', 'wheel'];
  const lists = targets.map((target) => {
    const paths: string[] = [];
    for (const entry of manifest[target]) {
      if (options.dest) {
        if (entry.kind !== 'dir') paths.push(entry.dest);
      } else if (entry.kind === 'mod') paths.push(entry.src);
    }
    return paths;
  });
  // Sections are sorted by DEST, so a DEST list and the sdist's SRC list (SRC = DEST) are sorted
  // already; the wheel's SRC list almost always is. Sort only what is not, then merge.
  let out: string[] = [];
  for (const paths of lists)
    out = mergeUnique(out, isSorted(paths) ? paths : paths.sort(comparePaths));
  return out;
}

function isSorted(paths: readonly string[]): boolean {
  for (let i = 1; i < paths.length; i++)
    if (comparePaths(paths[i - 1]!, paths[i]!) > 0) return false;
  return true;
}

/** Merge two sorted lists, each path once. */
function mergeUnique(a: readonly string[], b: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const order = i === a.length ? 1 : j === b.length ? -1 : comparePaths(a[i]!, b[j]!);
    const next = order <= 0 ? a[i++]! : b[j++]!;
    if (order === 0) j++;
    if (out.length === 0 || out[out.length - 1] !== next) out.push(next);
  }
  return out;
}
