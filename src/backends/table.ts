/**
 * What every backend profile needs to write a `[tool.manifest]` table: reading pyproject.toml
 * values without trusting their types, and the table builder that `translate` fills and renders.
 *
 * Owns: the TOML text of the translated table and the exact list of keys it holds (the report of
 * `manifest init` names exactly the keys written, no more, no fewer), and keeping the table minimal:
 * wheel packages are written only when package detection would not find them by itself.
 * Must not: know any backend (the profiles do), or do I/O.
 */
import { detectPackages } from '../rules/detect.js';
import { checkGitignorePattern } from '../rules/patterns.js';
import type { Translation } from './types.js';

export type Table = Record<string, unknown>;

export function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** The value at a key path of a parsed TOML document, or undefined. */
export function lookup(doc: unknown, ...keys: string[]): unknown {
  let cur: unknown = doc;
  for (const key of keys) cur = isTable(cur) ? cur[key] : undefined;
  return cur;
}

/** A list of strings, or undefined when the value is anything else. */
export function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((x) => typeof x === 'string')
    ? (value as string[])
    : undefined;
}

/** A string value, or undefined. */
export function stringValue(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** The three places a key can go: `[tool.manifest]`, `[tool.manifest.sdist]`, `[tool.manifest.wheel]`. */
export type Section = 'shared' | 'sdist' | 'wheel';

type ListKey = 'include' | 'exclude' | 'artifacts' | 'generated' | 'rewritten';
type Value = string[] | string | false | Record<string, string>;

const ORDER = [
  'packages-dir',
  'packages',
  'ignore-file',
  'include',
  'exclude',
  'artifacts',
  'generated',
  'rewritten',
  'map',
];

function keyPath(section: Section, key: string): string {
  return section === 'shared' ? `tool.manifest.${key}` : `tool.manifest.${section}.${key}`;
}

function renderValue(value: Value): string {
  if (value === false) return 'false';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
  const pairs = Object.entries(value).map(
    ([k, v]) => `${JSON.stringify(k)} = ${JSON.stringify(v)}`,
  );
  return `{ ${pairs.join(', ')} }`;
}

/**
 * The `[tool.manifest]` table a profile's `translate` builds: keys per section, what was found
 * (notes) and what could not be expressed (untranslated), rendered once at the end.
 */
export class RulesTable {
  private readonly sections: Record<Section, Map<string, Value>> = {
    shared: new Map(),
    sdist: new Map(),
    wheel: new Map(),
  };
  readonly notes: string[] = [];
  readonly untranslated: string[] = [];

  /**
   * Append gitignore-style patterns to a list key. A pattern git would read differently from how
   * it looks is not written: it is reported as untranslated, naming `from`.
   */
  addPatterns(section: Section, key: ListKey, patterns: readonly string[], from: string): void {
    const ok: string[] = [];
    for (const pattern of patterns) {
      const problem = key === 'generated' ? undefined : checkGitignorePattern(pattern);
      if (problem !== undefined)
        this.untranslated.push(`${from}: ${JSON.stringify(pattern)} ${problem}`);
      else ok.push(pattern);
    }
    if (ok.length === 0) return;
    const list = this.sections[section].get(key);
    const next = Array.isArray(list) ? list : [];
    for (const pattern of ok) if (!next.includes(pattern)) next.push(pattern);
    this.sections[section].set(key, next);
  }

  /** Set a scalar or table key (`packages-dir`, `packages`, `ignore-file`, `map`). */
  set(section: Section, key: string, value: Value): void {
    this.sections[section].set(key, value);
  }

  get(section: Section, key: string): Value | undefined {
    return this.sections[section].get(key);
  }

  /** Add one `map` pair to the wheel. */
  addMap(src: string, dest: string): void {
    const map = this.sections.wheel.get('map');
    const next = map !== undefined && isTable(map) ? (map as Record<string, string>) : {};
    next[src] = dest;
    this.sections.wheel.set('map', next);
  }

  /**
   * Write the wheel's packages only when package detection (from `name`) would not find exactly
   * them: the table stays minimal, so renaming the package later needs no edit.
   * @param packagesDir the directory stripped from wheel paths ('' for the root)
   * @param packages package directories or module files below it
   */
  setWheelPackages(
    name: string | undefined,
    files: ReadonlySet<string>,
    packagesDir: string,
    packages: readonly string[],
    from: string,
  ): void {
    const found = name === undefined ? undefined : detectPackages(name, files, undefined);
    if (
      found !== undefined &&
      found.packagesDir === packagesDir &&
      found.packages.join('\n') === packages.join('\n')
    ) {
      const where = packagesDir === '' ? packages[0] : `${packagesDir}/${packages[0]}`;
      this.notes.push(
        `wheel package ${where} (from ${from}; package detection finds it from the name, so no key is written)`,
      );
      return;
    }
    if (packagesDir !== '') this.set('wheel', 'packages-dir', packagesDir);
    this.set('wheel', 'packages', [...packages]);
    this.notes.push(
      `wheel.packages = ${JSON.stringify(packages)}${packagesDir !== '' ? ` below ${packagesDir}/` : ''} (from ${from})`,
    );
  }

  /** The table text and the exact key paths it holds. */
  render(): Pick<Translation, 'table' | 'written'> {
    const written: string[] = [];
    const lines = [
      '[tool.manifest]',
      '# What ships in the sdist and the wheel: these rules expand into the manifest.',
      '# Change them, then run `manifest update` (see `manifest explain PATH` for why a file ships).',
    ];
    for (const section of ['shared', 'sdist', 'wheel'] as const) {
      const entries = [...this.sections[section]].sort(
        ([a], [b]) => ORDER.indexOf(a) - ORDER.indexOf(b),
      );
      if (entries.length === 0) continue;
      if (section !== 'shared') lines.push('', `[tool.manifest.${section}]`);
      for (const [key, value] of entries) {
        lines.push(`${key} = ${renderValue(value)}`);
        written.push(keyPath(section, key));
      }
    }
    return { table: `${lines.join('\n')}\n`, written };
  }

  /** The whole Translation. */
  finish(): Translation {
    return { ...this.render(), notes: this.notes, untranslated: this.untranslated };
  }
}

/**
 * A project-relative path as a gitignore pattern matching exactly it, anchored at the root:
 * `docs/a b.md` → `/docs/a b.md`; gitignore's special characters are escaped.
 * @param dir add a trailing `/` (the pattern then matches only a directory)
 */
export function literalPattern(path: string, dir = false): string {
  const escaped = path.replace(/[\\*?[\]]/g, '\\$&').replace(/ $/, '\\ ');
  return `/${escaped}${dir ? '/' : ''}`;
}

/** Whether any listed file is `path` or lies below it. */
export function existsInListing(
  files: ReadonlySet<string>,
  path: string,
): 'file' | 'dir' | undefined {
  if (files.has(path)) return 'file';
  const prefix = `${path}/`;
  for (const file of files) if (file.startsWith(prefix)) return 'dir';
  return undefined;
}
