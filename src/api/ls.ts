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
  const out = new Set<string>();
  for (const target of targets) {
    for (const entry of manifest[target]) {
      if (options.dest) {
        if (entry.kind !== 'dir') out.add(entry.dest);
      } else if (entry.kind === 'mod') out.add(entry.src);
    }
  }
  return [...out].sort(comparePaths);
}
