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
  let out: string[] = [];
  for (const target of targets) {
    const paths: string[] = [];
    const entries = manifest[target];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (options.dest) {
        if (entry.kind !== 'dir') paths.push(entry.dest);
      } else if ('src' in entry) paths.push(entry.src);
    }
    // A section is sorted by DEST, each DEST once (a conflict is an error), so a DEST list and the
    // sdist's SRC list (SRC = DEST) are sorted and unique. The wheel's SRC list almost always is
    // too: merge it checking the order as it goes (a path in both sections is nearly always the
    // same string, from the same walk: one identity test), and sort it only when that fails.
    if (out.length === 0 && (options.dest || target === 'sdist')) out = paths;
    else out = mergeUnique(out, paths) ?? mergeUnique(out, paths.sort(comparePaths))!;
  }
  return out;
}

/**
 * Merge sorted `a` (each path once) and `b`, each path once; undefined when `b` turns out not to be
 * sorted (duplicates in `b` are dropped).
 */
function mergeUnique(a: readonly string[], b: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  let j = 0;
  let last: string | undefined;
  while (j < b.length) {
    const y = b[j]!;
    if (i < a.length) {
      const x = a[i]!;
      // In both (the identity test settles nearly all), or only in `a`: `x` is next, and in order,
      // since `a` is sorted and every earlier pick from `b` was compared with it.
      const order = x === y ? 0 : comparePaths(x, y);
      if (order <= 0) {
        out.push(x);
        last = x;
        i++;
        if (order === 0) j++;
        continue;
      }
    }
    // `y` is next (before a[i], or `a` is done): it must not sort before what is already out.
    if (last !== undefined) {
      const order = comparePaths(last, y);
      if (order > 0) return undefined;
      if (order === 0) {
        j++;
        continue;
      }
    }
    out.push(y);
    last = y;
    j++;
  }
  while (i < a.length) out.push(a[i++]!);
  return out;
}
