/**
 * What the profiles' `exportConfig` share: a manifest's files as a short list of paths (a whole
 * directory where every listed file below it ships), paths as Python globs that match only
 * themselves, and TOML values.
 *
 * Must not: know any backend, or do I/O.
 */
import type { Manifest, ManifestEntry } from '../manifest/types.js';
import { compilePatternList } from '../rules/patterns.js';
import type { KnownOutput } from './types.js';

/**
 * `selected` as the fewest paths: a directory (with a trailing `/`) where every file of `all`
 * below it is selected, else the files. Sorted.
 * @param all every file of the tree (the walker's listing)
 * @example compressPaths(new Set(['d/a', 'd/b', 'x']), ['d/a', 'd/b', 'x', 'y']) → ['d/', 'x']
 */
export function compressPaths(selected: ReadonlySet<string>, all: readonly string[]): string[] {
  // For each directory: does every listed file below it ship?
  const whole = new Map<string, boolean>();
  const universe = new Set([...all, ...selected]);
  for (const file of universe) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      whole.set(dir, (whole.get(dir) ?? true) && selected.has(file));
    }
  }
  const out: string[] = [];
  for (const file of [...selected].sort()) {
    const parts = file.split('/');
    let top: string | undefined;
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (whole.get(dir) === true) {
        top = dir;
        break;
      }
    }
    const entry = top !== undefined ? `${top}/` : file;
    if (out[out.length - 1] !== entry && !out.includes(entry)) out.push(entry);
  }
  return out;
}

/** A path as a Python glob (fnmatch) matching only itself: `*`, `?` and `[` bracketed. */
export function pyGlobLiteral(path: string): string {
  return path.replace(/[*?[]/g, (c) => `[${c}]`);
}

/** A TOML array of strings; one item per line when long. */
export function tomlArray(items: readonly string[], indent = ''): string {
  if (items.length === 0) return '[]';
  const one = `[${items.map((i) => JSON.stringify(i)).join(', ')}]`;
  if (one.length <= 80) return one;
  return `[\n${items.map((i) => `${indent}  ${JSON.stringify(i)},`).join('\n')}\n${indent}]`;
}

/** A TOML inline table of string values. */
export function tomlInlineTable(pairs: readonly (readonly [string, string])[]): string {
  if (pairs.length === 0) return '{}';
  return `{ ${pairs.map(([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`).join(', ')} }`;
}

/** The manifest line of an entry, for inexpressible messages: `[wheel] mod: a -> b`. */
export function entryLine(section: 'sdist' | 'wheel', entry: ManifestEntry): string {
  if (entry.kind === 'dir' || entry.kind === 'gen')
    return `[${section}] ${entry.kind}: ${entry.dest}`;
  return `[${section}] ${entry.kind}: ${entry.src} -> ${entry.dest}`;
}

/**
 * Split a wheel file's SRC → DEST into the prefix pair that maps it: the longest common tail is
 * kept, `src/pkg/a.py` → `pkg/a.py` gives [`src/`, ``].
 */
export function prefixPair(src: string, dest: string): [string, string] {
  const s = src.split('/');
  const d = dest.split('/');
  let k = 0;
  while (k < s.length && k < d.length && s[s.length - 1 - k] === d[d.length - 1 - k]) k++;
  const from = s.slice(0, s.length - k).join('/');
  const to = d.slice(0, d.length - k).join('/');
  return [from === '' ? '' : `${from}/`, to === '' ? '' : `${to}/`];
}

/**
 * `selected` as directories to take whole and the few files (or directories) below them to leave
 * out, where that is shorter: a directory is taken when fewer of its listed files are left out
 * than kept. Files outside the taken directories are listed as by {@link compressPaths}.
 * @example compressWithExceptions(new Set(['p/a', 'p/b']), ['p/a', 'p/b', 'p/c']) → { include: ['p/'], exclude: ['p/c'] }
 */
export function compressWithExceptions(
  selected: ReadonlySet<string>,
  all: readonly string[],
  forbidden: ReadonlySet<string> = new Set(),
): { include: string[]; exclude: string[] } {
  const universe = [...new Set([...all, ...selected])];
  // A directory holding a forbidden file (one another key must keep) is never taken whole.
  const blocked = new Set<string>();
  for (const file of forbidden) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) blocked.add(parts.slice(0, i).join('/'));
  }
  const kept = new Map<string, number>();
  const left = new Map<string, number>();
  for (const file of universe) {
    const parts = file.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      const counts = selected.has(file) ? kept : left;
      counts.set(dir, (counts.get(dir) ?? 0) + 1);
    }
  }
  const taken: string[] = [];
  const takenDir = (file: string): string | undefined =>
    taken.find((d) => file.startsWith(`${d}/`));
  for (const dir of [...kept.keys()].sort()) {
    if (takenDir(dir) !== undefined || blocked.has(dir)) continue;
    if ((left.get(dir) ?? 0) < (kept.get(dir) ?? 0)) taken.push(dir);
  }
  const outside = new Set([...selected].filter((f) => takenDir(f) === undefined));
  const excluded = new Set(universe.filter((f) => !selected.has(f) && takenDir(f) !== undefined));
  return {
    include: [
      ...taken.map((d) => `${d}/`),
      ...compressPaths(outside, [...all, ...forbidden]),
    ].sort(),
    exclude: compressPaths(excluded, all),
  };
}

/**
 * The files a backend always ships in the sdist (its `outputs().forced.sdist`): a test for a path,
 * and one inexpressible line for each such file of the tree the manifest's sdist does not list.
 */
export function checkForced(
  forced: readonly KnownOutput[],
  manifest: Manifest,
  files: readonly string[],
  backend: string,
): { isForced(path: string): boolean; unlisted: string[] } {
  const list = compilePatternList(forced.map((o, i) => ({ pattern: o.pattern, key: String(i) })));
  const listed = new Set(
    manifest.sdist.flatMap((e) => (e.kind === 'dir' || e.kind === 'gen' ? [] : [e.src])),
  );
  const isForced = (path: string): boolean => list.test(path).matched;
  const unlisted = files
    .filter((file) => isForced(file) && !listed.has(file))
    .map((file) => `[sdist] ${file} is not listed, but ${backend} always ships it`);
  return { isForced, unlisted };
}

/**
 * An entry's kind as a string: the kinds the format grows (`alt:`) reach the exports as lines
 * they cannot reproduce, whatever the union holds when this is compiled.
 */
export function kindOf(entry: ManifestEntry): string {
  return entry.kind;
}
