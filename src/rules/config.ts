/**
 * The rules table: pyproject.toml text → RulesConfig.
 *
 * Owns: reading `[tool.manifest]` (shared keys, then `[tool.manifest.sdist]` and
 * `[tool.manifest.wheel]`) and the few `[project]` keys that decide files (name, readme, license,
 * license-files, dynamic); validating every key, type, path and pattern; merging shared and
 * per-target values (lists append, `ignore-file` and `packages-dir` replace).
 * Must not: look at the tree (whether a readme or package exists is expansion's business), or stop
 * at the first problem: every problem becomes a ManifestError naming its key path and line, and
 * all of them are thrown together (`throwCollected`), so one run shows the whole list.
 * Pure: the caller reads the file. smol-toml parses; toml-locate.ts only finds lines for messages.
 */
import { parse, TomlError } from 'smol-toml';
import { ManifestError, throwCollected, type ErrorCode } from '../errors.js';
import {
  checkGitignorePattern,
  checkGlobPattern,
  checkIgnoreFileGlob,
  checkLicenseGlob,
  hasGlobSyntax,
  type PatternSource,
} from './patterns.js';
import { findGlobProblem, isGlob } from '../manifest/glob.js';
import { findDataDestProblem } from '../manifest/parse.js';
import { createKeyLocator, formatKeyPath, type KeySegment } from './toml-locate.js';

export type { PatternSource } from './patterns.js';

/** The effective rules for one target (shared values, then the target's own). */
export interface TargetRules {
  /**
   * Globs selecting the ignore files to honor, or `false` for none (`[]` also honors none).
   * @default ['**\/.gitignore']
   */
  ignoreFiles: string[] | false;
  /** gitignore-style patterns; shared first, then the target's own. Empty = no include filter. */
  include: PatternSource[];
  exclude: PatternSource[];
  /** Ignored files to ship anyway. */
  artifacts: PatternSource[];
  /** DEST globs the build writes (`gen:` lines). */
  generated: PatternSource[];
  /**
   * gitignore-style patterns matched against the SRC of each selected file: the build rewrites
   * those files' bytes, so they are listed as `alt:` lines (MANIFEST-FORMAT.md §4.9). Shared
   * first, then the target's own.
   * @default []
   * @example [{ pattern: 'setup.cfg', key: 'tool.manifest.sdist.rewritten[0]', line: 12 }]
   */
  rewritten: PatternSource[];
}

/** One explicit wheel pair from `tool.manifest.wheel.map`. */
export interface MapPair {
  /** Project-relative source file. */
  src: string;
  /** Wheel path, e.g. `{data}/scripts/run.sh`. */
  dest: string;
  key: string;
  line?: number;
}

export interface WheelRules extends TargetRules {
  /** The directory stripped from wheel DESTs (`''` = project root); undefined = auto. */
  packagesDir: PatternSource | undefined;
  /** Package directories or module files below packagesDir; undefined = detect from the name. */
  packages: PatternSource[] | undefined;
  map: MapPair[];
}

/** What `[project]` says about files. */
export interface ProjectInfo {
  name: string | undefined;
  /** `[project].version`; undefined when absent or dynamic. */
  version: string | undefined;
  /** The readme file; undefined when there is none or it is given as `text`. */
  readme: { path: string; key: string } | undefined;
  /** `license = { file }` (glob false) and PEP 639 `license-files` entries. */
  licenseFiles: { pattern: string; key: string; glob: boolean }[];
  dynamic: string[];
}

/** `[tool.manifest.build]`: what the checking wrapper backend (`pyproject_manifest.wrap`) runs. */
export interface BuildRules {
  /**
   * The real PEP 517 backend the wrapper delegates to, written as `build-backend` is
   * (`module.path` or `module.path:object`); undefined when not set.
   * @example 'setuptools.build_meta'
   */
  backend: PatternSource | undefined;
  /**
   * The manifest file the wrapper checks against, relative to pyproject.toml (as the hatchling
   * hook's `manifest` option); undefined when not set (the default name).
   * @example 'release/pyproject-manifest.txt'
   */
  manifest: PatternSource | undefined;
}

export interface RulesConfig {
  /** The file the config came from, for messages. */
  file: string;
  /** Whether pyproject.toml has a `[tool.manifest]` table at all. */
  hasTable: boolean;
  project: ProjectInfo;
  sdist: TargetRules;
  wheel: WheelRules;
  build: BuildRules;
}

const DEFAULT_IGNORE_FILES = ['**/.gitignore'];
const LIST_KEYS = ['include', 'exclude', 'artifacts', 'generated', 'rewritten'] as const;
type ListKey = (typeof LIST_KEYS)[number];

const SHARED_KEYS = ['packages-dir', 'ignore-file', ...LIST_KEYS] as const;
const TOP_KEYS = [...SHARED_KEYS, 'sdist', 'wheel', 'build'];
const SDIST_KEYS = ['ignore-file', ...LIST_KEYS];
const WHEEL_KEYS = [...SHARED_KEYS, 'packages', 'map'];

/** Keys valid only in one place, with where they belong. */
const MISPLACED: Record<string, Record<string, string>> = {
  top: {
    backend: '`backend` names the backend the wrapper runs: move it to [tool.manifest.build]',
    packages: '`packages` is wheel-only: move it to [tool.manifest.wheel]',
    map: '`map` is wheel-only: move it to [tool.manifest.wheel]',
  },
  sdist: {
    'packages-dir':
      '`packages-dir` only affects the wheel: set it in [tool.manifest] or [tool.manifest.wheel]',
    packages: '`packages` is wheel-only: move it to [tool.manifest.wheel]',
    map: '`map` is wheel-only: move it to [tool.manifest.wheel]',
  },
  wheel: {},
  build: {
    'build-backend':
      'write `backend = "…"` here: [build-system] names the wrapper, this key the real backend',
  },
};

/** Other backends' names (normalized: lower case, `-`) for our keys. */
const ALIASES: Record<string, { key: string; origin: string }> = {
  'package-dir': { key: 'packages-dir', origin: "setuptools' spelling" },
  sources: { key: 'packages-dir', origin: "hatch's spelling" },
  'only-include': { key: 'include', origin: "hatch's spelling" },
  'force-include': { key: 'map', origin: "hatch's spelling" },
  'shared-data': { key: 'map', origin: 'hatch\'s spelling; map to "{data}/…"' },
  'data-files': { key: 'map', origin: 'setuptools\' spelling; map to "{data}/…"' },
  'ignore-vcs': {
    key: 'ignore-file',
    origin: "hatch's spelling; `ignore-file = false` honors none",
  },
  gitignore: { key: 'ignore-file', origin: '`ignore-file = false` honors no ignore file' },
  'exclude-package-data': { key: 'exclude', origin: "setuptools' spelling" },
  'package-data': { key: 'include', origin: "setuptools' spelling" },
};

type Table = Record<string, unknown>;

function isTable(value: unknown): value is Table {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/** "a string", "an integer", …: for type messages. */
function describeType(value: unknown): string {
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  if (typeof value === 'number' || typeof value === 'bigint') {
    return Number.isInteger(value) || typeof value === 'bigint' ? 'an integer' : 'a float';
  }
  if (value instanceof Date) return 'a date';
  if (Array.isArray(value)) return 'an array';
  return 'a table';
}

/** The received value for a message: a string as itself, anything else in TOML-like notation. */
function renderValue(value: unknown, nested = false): string {
  if (typeof value === 'string') return nested ? JSON.stringify(value) : value;
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v, true)).join(', ')}]`;
  if (value instanceof Date) return value.toISOString();
  if (isTable(value)) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${formatKeyPath([k])} = ${renderValue(v, true)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return String(value);
}

/** Damerau–Levenshtein distance (optimal string alignment): one edit per typo, transpositions too. */
function measureDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, row[j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]![b.length]!;
}

/**
 * The hint for an unknown key: the key it belongs in another table, another backend's spelling,
 * or the closest valid key; otherwise the list of valid keys.
 */
function suggestKey(key: string, allowed: readonly string[], scope: string): string {
  const misplaced = MISPLACED[scope]?.[key];
  if (misplaced !== undefined) return misplaced;
  const normalized = key.toLowerCase().replace(/_/g, '-');
  if (normalized !== key && allowed.includes(normalized)) {
    return `did you mean \`${normalized}\`? (keys are written with \`-\`)`;
  }
  const alias = ALIASES[normalized];
  if (alias !== undefined) {
    return allowed.includes(alias.key)
      ? `did you mean \`${alias.key}\`? (\`${key}\` is ${alias.origin})`
      : `the equivalent here is \`${alias.key}\` in [tool.manifest.wheel] (\`${key}\` is ${alias.origin})`;
  }
  const limit = Math.min(3, Math.max(1, Math.floor(normalized.length / 3)));
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = measureDistance(normalized, candidate);
    if (distance <= limit && (best === undefined || distance < best.distance))
      best = { key: candidate, distance };
  }
  if (best !== undefined) return `did you mean \`${best.key}\`?`;
  return `valid keys here: ${allowed.map((k) => `\`${k}\``).join(', ')}`;
}

/**
 * A relative path as the config names it: `/`-separated, inside the project, without `.`/`..`
 * segments; a leading `./` and (for directories) one trailing `/` are dropped.
 */
function normalizeRelativePath(
  value: string,
  kind: 'dir' | 'file',
): { path: string } | { reason: string } {
  if (/[\u0000-\u001f\u007f]/.test(value)) return { reason: 'contains a control character' };
  if (value.includes('\\')) return { reason: 'contains `\\`; separate directories with `/`' };
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) {
    return { reason: 'is absolute; write it relative to the project' };
  }
  let path = value;
  while (path.startsWith('./')) path = path.slice(2);
  if (kind === 'dir') {
    if (path.endsWith('/')) path = path.slice(0, -1);
    if (path === '.' || path === '') return { path: '' };
  } else {
    if (path === '' || path === '.') return { reason: 'is empty; name a file' };
    if (path.endsWith('/')) return { reason: 'ends with `/`; name a file' };
  }
  for (const segment of path.split('/')) {
    if (segment === '') return { reason: 'has an empty path segment (`//`)' };
    if (segment === '..') return { reason: 'has a `..` segment; paths cannot leave the project' };
    if (segment === '.') return { reason: 'has a `.` segment; write the path without it' };
  }
  return { path };
}

/** Collects every problem, each with its key path and position. */
class Problems {
  readonly errors: ManifestError[] = [];
  private readonly locate: ReturnType<typeof createKeyLocator>;

  constructor(
    text: string,
    readonly file: string,
  ) {
    this.locate = createKeyLocator(text);
  }

  /** Where `path` is written, or else its nearest written ancestor. */
  where(path: readonly KeySegment[]): { line: number; column: number } | undefined {
    for (let end = path.length; end > 0; end--) {
      const found = this.locate(path.slice(0, end));
      if (found !== undefined) return found;
    }
    return undefined;
  }

  source(pattern: string, path: readonly KeySegment[]): PatternSource {
    const line = this.where(path)?.line;
    const key = formatKeyPath(path);
    return line !== undefined ? { pattern, key, line } : { pattern, key };
  }

  add(
    code: ErrorCode,
    path: readonly KeySegment[],
    message: string,
    extra: { value?: unknown; hint?: string } = {},
  ): void {
    const at = this.where(path);
    this.errors.push(
      new ManifestError(code, message, {
        file: this.file,
        line: at?.line,
        column: at?.column,
        keyPath: formatKeyPath(path),
        received: 'value' in extra ? renderValue(extra.value) : undefined,
        hint: extra.hint,
      }),
    );
  }

  wrongType(path: readonly KeySegment[], expected: string, value: unknown, hint?: string): void {
    this.add('CONFIG_INVALID_TYPE', path, `must be ${expected}, not ${describeType(value)}`, {
      value,
      ...(hint !== undefined ? { hint } : {}),
    });
  }
}

/** Report keys of `table` outside `allowed`. */
function checkKeys(
  problems: Problems,
  table: Table,
  path: readonly KeySegment[],
  allowed: readonly string[],
  scope: string,
): void {
  for (const key of Object.keys(table)) {
    if (allowed.includes(key)) continue;
    problems.add(
      'CONFIG_UNKNOWN_KEY',
      [...path, key],
      `unknown key \`${key}\` in [${formatKeyPath(path)}]`,
      {
        hint: suggestKey(key, allowed, scope),
      },
    );
  }
}

/** An array of strings, each checked by `check`; bad elements are reported and dropped. */
function readStringArray(
  problems: Problems,
  value: unknown,
  path: readonly KeySegment[],
  example: string,
  check: (item: string) => { code: ErrorCode; reason: string } | undefined,
): PatternSource[] {
  if (!Array.isArray(value)) {
    const hint =
      typeof value === 'string'
        ? `write a list: ${formatKeyPath(path.slice(-1))} = [${JSON.stringify(value)}]`
        : `e.g. ${formatKeyPath(path.slice(-1))} = ${example}`;
    problems.wrongType(path, 'an array of strings', value, hint);
    return [];
  }
  const out: PatternSource[] = [];
  value.forEach((item: unknown, index) => {
    const itemPath = [...path, index];
    if (typeof item !== 'string') {
      problems.wrongType(itemPath, 'a string', item);
      return;
    }
    const problem = check(item);
    if (problem !== undefined) {
      problems.add(problem.code, itemPath, problem.reason, { value: item });
      return;
    }
    out.push(problems.source(item, itemPath));
  });
  return out;
}

const patternCheck =
  (checker: (pattern: string) => string | undefined) =>
  (item: string): { code: ErrorCode; reason: string } | undefined => {
    const reason = checker(item);
    return reason !== undefined
      ? { code: 'CONFIG_INVALID_PATTERN', reason: `the pattern ${reason}` }
      : undefined;
  };

/** What one table (`[tool.manifest]`, `.sdist` or `.wheel`) sets; absent keys stay undefined. */
interface Layer {
  ignoreFiles?: string[] | false;
  packagesDir?: PatternSource;
  lists: Record<ListKey, PatternSource[]>;
}

function readIgnoreFile(
  problems: Problems,
  value: unknown,
  path: readonly KeySegment[],
): string[] | false | undefined {
  if (value === false) return false;
  if (value === true) {
    problems.add('CONFIG_INVALID_VALUE', path, '`true` is not an ignore-file setting', {
      value,
      hint: 'use `false` to honor no ignore file, or a glob such as "**/.gitignore"',
    });
    return undefined;
  }
  const check = patternCheck(checkIgnoreFileGlob);
  if (typeof value === 'string') {
    const problem = check(value);
    if (problem !== undefined) {
      problems.add(problem.code, path, problem.reason, { value });
      return undefined;
    }
    return [value];
  }
  if (!Array.isArray(value)) {
    problems.wrongType(
      path,
      'a glob, an array of globs, or false',
      value,
      'e.g. ignore-file = "**/.gitignore"',
    );
    return undefined;
  }
  return readStringArray(problems, value, path, '["**/.gitignore"]', check).map((s) => s.pattern);
}

function readPackagesDir(
  problems: Problems,
  value: unknown,
  path: readonly KeySegment[],
): PatternSource | undefined {
  if (typeof value !== 'string') {
    problems.wrongType(path, 'a string (a directory such as "src")', value);
    return undefined;
  }
  const result = normalizeRelativePath(value, 'dir');
  if ('reason' in result) {
    problems.add('CONFIG_INVALID_VALUE', path, `packages-dir ${result.reason}`, { value });
    return undefined;
  }
  if (hasGlobSyntax(result.path)) {
    problems.add('CONFIG_INVALID_VALUE', path, 'packages-dir is a directory, not a glob', {
      value,
    });
    return undefined;
  }
  return problems.source(result.path, path);
}

/**
 * A `generated` DEST becomes a `gen:` line as written, so it must be one the manifest accepts: a
 * valid glob in MANIFEST-FORMAT.md §8 syntax (which is not picomatch's: `[^…]`, `[[:alpha:]]`),
 * and in the wheel (and the shared table, which the wheel takes) a valid `{data}` DEST (§4.4).
 * Otherwise the error would surface later, from the manifest side, without this key or its line.
 */
const checkGenerated =
  (wheel: boolean) =>
  (item: string): { code: ErrorCode; reason: string } | undefined => {
    const base = patternCheck(checkGlobPattern)(item);
    if (base !== undefined) return base;
    const glob = isGlob(item) ? findGlobProblem(item) : undefined;
    if (glob !== undefined)
      return {
        code: 'CONFIG_INVALID_PATTERN',
        reason: `the pattern is not a valid gen glob: ${glob.message}`,
      };
    const data = wheel ? findDataDestProblem(item, false) : undefined;
    if (data !== undefined)
      return {
        code: 'CONFIG_INVALID_VALUE',
        reason: `the wheel DEST is not valid: ${data.message}`,
      };
    return undefined;
  };

function readLayer(problems: Problems, table: Table, path: readonly KeySegment[]): Layer {
  const layer: Layer = {
    lists: { include: [], exclude: [], artifacts: [], generated: [], rewritten: [] },
  };
  if ('ignore-file' in table) {
    const ignoreFiles = readIgnoreFile(problems, table['ignore-file'], [...path, 'ignore-file']);
    if (ignoreFiles !== undefined) layer.ignoreFiles = ignoreFiles;
  }
  if ('packages-dir' in table) {
    const packagesDir = readPackagesDir(problems, table['packages-dir'], [...path, 'packages-dir']);
    if (packagesDir !== undefined) layer.packagesDir = packagesDir;
  }
  for (const key of LIST_KEYS) {
    if (!(key in table)) continue;
    const example = key === 'generated' ? '["pkg/_version.py"]' : '["/docs"]';
    layer.lists[key] = readStringArray(
      problems,
      table[key],
      [...path, key],
      example,
      key === 'generated'
        ? checkGenerated(!path.includes('sdist'))
        : patternCheck(checkGitignorePattern),
    );
  }
  return layer;
}

function readPackages(
  problems: Problems,
  value: unknown,
  path: readonly KeySegment[],
): PatternSource[] | undefined {
  const seen = new Set<string>();
  const packages = readStringArray(problems, value, path, '["mypkg"]', () => undefined).flatMap(
    (source, index) => {
      const itemPath = [...path, index];
      const result = normalizeRelativePath(source.pattern, 'dir');
      let reason = 'reason' in result ? result.reason : undefined;
      if (reason === undefined && 'path' in result) {
        if (result.path === '') reason = 'is empty; name a package directory or module file';
        else if (hasGlobSyntax(result.path)) reason = 'is a path, not a glob';
        else if (seen.has(result.path)) reason = 'is listed twice';
      }
      if (reason !== undefined || !('path' in result)) {
        problems.add('CONFIG_INVALID_VALUE', itemPath, `the package path ${reason}`, {
          value: source.pattern,
        });
        return [];
      }
      seen.add(result.path);
      return [{ ...source, pattern: result.path }];
    },
  );
  if (Array.isArray(value) && value.length === 0) {
    problems.add(
      'CONFIG_INVALID_VALUE',
      path,
      'packages is empty, so the wheel would hold no package',
      {
        value,
        hint: 'list the packages, or remove the key to detect them from project.name',
      },
    );
    return undefined;
  }
  return Array.isArray(value) ? packages : undefined;
}

function readMap(problems: Problems, value: unknown, path: readonly KeySegment[]): MapPair[] {
  if (!isTable(value)) {
    problems.wrongType(
      path,
      'a table of SRC = DEST pairs',
      value,
      'e.g. map = { "scripts/run.sh" = "{data}/scripts/run.sh" }',
    );
    return [];
  }
  const pairs: MapPair[] = [];
  for (const [src, dest] of Object.entries(value)) {
    const pairPath = [...path, src];
    if (typeof dest !== 'string') {
      problems.wrongType(pairPath, 'a string (the wheel path)', dest);
      continue;
    }
    const srcResult = normalizeRelativePath(src, 'file');
    const destResult = normalizeRelativePath(dest, 'file');
    let problem: string | undefined;
    let received = src;
    if ('reason' in srcResult) problem = `the map source ${srcResult.reason}`;
    else if (hasGlobSyntax(src)) problem = 'the map source is a glob; map names files one by one';
    else if ('reason' in destResult) {
      problem = `the map destination ${destResult.reason}`;
      received = dest;
    } else if (hasGlobSyntax(dest)) {
      problem = 'the map destination is a glob; name the file';
      received = dest;
    } else {
      // MANIFEST-FORMAT.md §4.4: `{data}` is followed by a scheme and a path below it.
      const data = findDataDestProblem(destResult.path, false);
      if (data !== undefined) {
        problem = `the map destination is not a valid wheel path: ${data.message}`;
        received = dest;
      }
    }
    if (problem !== undefined || !('path' in srcResult) || !('path' in destResult)) {
      problems.add('CONFIG_INVALID_VALUE', pairPath, problem ?? 'the map pair is not valid', {
        value: received,
      });
      continue;
    }
    const line = problems.where(pairPath)?.line;
    pairs.push({
      src: srcResult.path,
      dest: destResult.path,
      key: formatKeyPath(pairPath),
      ...(line !== undefined ? { line } : {}),
    });
  }
  return pairs;
}

/** A file path from `[project]` (readme, license file). */
function readProjectFile(
  problems: Problems,
  value: unknown,
  path: readonly KeySegment[],
): string | undefined {
  if (typeof value !== 'string') {
    problems.wrongType(path, 'a string (a file path)', value);
    return undefined;
  }
  const result = normalizeRelativePath(value, 'file');
  if ('reason' in result) {
    problems.add('CONFIG_INVALID_VALUE', path, `the path ${result.reason}`, { value });
    return undefined;
  }
  return result.path;
}

function readProject(problems: Problems, value: unknown): ProjectInfo {
  const info: ProjectInfo = {
    name: undefined,
    version: undefined,
    readme: undefined,
    licenseFiles: [],
    dynamic: [],
  };
  if (value === undefined) return info;
  if (!isTable(value)) {
    problems.wrongType(['project'], 'a table', value);
    return info;
  }
  const name = value.name;
  if (typeof name === 'string') info.name = name;
  else if (name !== undefined) problems.wrongType(['project', 'name'], 'a string', name);
  const version = value.version;
  if (typeof version === 'string') info.version = version;
  else if (version !== undefined) problems.wrongType(['project', 'version'], 'a string', version);

  const readme = value.readme;
  if (typeof readme === 'string') {
    const path = readProjectFile(problems, readme, ['project', 'readme']);
    if (path !== undefined) info.readme = { path, key: 'project.readme' };
  } else if (isTable(readme)) {
    // `{ text = "…" }` has no file; `{ file = "…" }` does (PEP 621).
    if ('file' in readme) {
      const path = readProjectFile(problems, readme.file, ['project', 'readme', 'file']);
      if (path !== undefined) info.readme = { path, key: 'project.readme.file' };
    }
  } else if (readme !== undefined) {
    problems.wrongType(['project', 'readme'], 'a string or a table', readme);
  }

  const license = value.license;
  if (isTable(license)) {
    if ('file' in license) {
      const path = readProjectFile(problems, license.file, ['project', 'license', 'file']);
      if (path !== undefined)
        info.licenseFiles.push({ pattern: path, key: 'project.license.file', glob: false });
    }
  } else if (license !== undefined && typeof license !== 'string') {
    // A string is a PEP 639 SPDX expression: no file.
    problems.wrongType(['project', 'license'], 'a string (SPDX expression) or a table', license);
  }

  const licenseFiles = value['license-files'];
  if (isTable(licenseFiles) && ('paths' in licenseFiles || 'globs' in licenseFiles)) {
    // The table of PEP 639's drafts, which hatchling before 1.27 and pdm-pep517 read (and require):
    // `{ paths = [...] }` names files, `{ globs = [...] }` globs. Both are read as written.
    for (const kind of ['paths', 'globs'] as const) {
      if (!(kind in licenseFiles)) continue;
      const sources = readStringArray(
        problems,
        licenseFiles[kind],
        ['project', 'license-files', kind],
        '["LICENSE"]',
        patternCheck(checkLicenseGlob),
      );
      for (const source of sources) {
        info.licenseFiles.push({
          pattern: source.pattern,
          key: source.key,
          glob: kind === 'globs' && hasGlobSyntax(source.pattern),
        });
      }
    }
  } else if (licenseFiles !== undefined) {
    const hint = isTable(licenseFiles)
      ? 'PEP 639 makes license-files an array of globs, e.g. license-files = ["LICEN[CS]E*"] (the older table form needs `paths` or `globs`)'
      : undefined;
    if (hint !== undefined) {
      problems.wrongType(['project', 'license-files'], 'an array of globs', licenseFiles, hint);
    } else {
      const sources = readStringArray(
        problems,
        licenseFiles,
        ['project', 'license-files'],
        '["LICEN[CS]E*"]',
        patternCheck(checkLicenseGlob),
      );
      for (const source of sources) {
        info.licenseFiles.push({
          pattern: source.pattern,
          key: source.key,
          glob: hasGlobSyntax(source.pattern),
        });
      }
    }
  }

  const dynamic = value.dynamic;
  if (dynamic !== undefined) {
    info.dynamic = readStringArray(
      problems,
      dynamic,
      ['project', 'dynamic'],
      '["version"]',
      () => undefined,
    ).map((s) => s.pattern);
  }
  return info;
}

function mergeTarget(shared: Layer, own: Layer): TargetRules {
  return {
    ignoreFiles: own.ignoreFiles ?? shared.ignoreFiles ?? [...DEFAULT_IGNORE_FILES],
    include: [...shared.lists.include, ...own.lists.include],
    exclude: [...shared.lists.exclude, ...own.lists.exclude],
    artifacts: [...shared.lists.artifacts, ...own.lists.artifacts],
    generated: [...shared.lists.generated, ...own.lists.generated],
    rewritten: [...shared.lists.rewritten, ...own.lists.rewritten],
  };
}

/** PEP 517's object reference: `module.path` or `module.path:object.path`. */
const OBJECT_REFERENCE = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*(:[A-Za-z_]\w*(\.[A-Za-z_]\w*)*)?$/;
const WRAPPER_BACKEND = 'pyproject_manifest.wrap';

/** `[tool.manifest.build]`: the wrapped backend, checked as PEP 517 names a backend. */
function readBuild(problems: Problems, table: Table, path: readonly KeySegment[]): BuildRules {
  checkKeys(problems, table, path, ['backend', 'manifest'], 'build');
  return {
    backend: readBuildBackend(problems, table, path),
    manifest: readBuildManifest(problems, table, path),
  };
}

/** `[tool.manifest.build] manifest`: a file name inside the project, as the hook's option. */
function readBuildManifest(
  problems: Problems,
  table: Table,
  path: readonly KeySegment[],
): PatternSource | undefined {
  if (!('manifest' in table)) return undefined;
  const keyPath = [...path, 'manifest'];
  const value = table.manifest;
  if (typeof value !== 'string') {
    problems.wrongType(keyPath, 'a string', value, 'e.g. manifest = "pyproject-manifest.txt"');
    return undefined;
  }
  if (
    value === '' ||
    value.startsWith('/') ||
    /^[A-Za-z]:/.test(value) ||
    value.split(/[\\/]/).includes('..')
  ) {
    problems.add('CONFIG_INVALID_VALUE', keyPath, 'manifest must be a path inside the project', {
      value,
      hint: 'name the file relative to pyproject.toml, e.g. manifest = "pyproject-manifest.txt"',
    });
    return undefined;
  }
  return problems.source(value, keyPath);
}

function readBuildBackend(
  problems: Problems,
  table: Table,
  path: readonly KeySegment[],
): PatternSource | undefined {
  if (!('backend' in table)) return undefined;
  const keyPath = [...path, 'backend'];
  const value = table.backend;
  if (typeof value !== 'string') {
    problems.wrongType(keyPath, 'a string', value, 'e.g. backend = "setuptools.build_meta"');
    return undefined;
  }
  const reason = !OBJECT_REFERENCE.test(value)
    ? 'is not a backend name (`module.path` or `module.path:object`)'
    : value.split(':')[0] === WRAPPER_BACKEND
      ? `names the wrapper itself; the wrapper runs the backend named here`
      : undefined;
  if (reason !== undefined) {
    problems.add('CONFIG_INVALID_VALUE', keyPath, `backend ${reason}`, {
      value,
      hint: 'name the real backend, e.g. backend = "setuptools.build_meta"',
    });
    return undefined;
  }
  return problems.source(value, keyPath);
}

/** A target table (`sdist`, `wheel`, `build`), or an empty one when absent or of the wrong type. */
function readTargetTable(
  problems: Problems,
  manifest: Table,
  target: 'sdist' | 'wheel' | 'build',
): Table {
  const value = manifest[target];
  if (value === undefined) return {};
  if (isTable(value)) return value;
  problems.wrongType(
    ['tool', 'manifest', target],
    'a table',
    value,
    `write it as [tool.manifest.${target}]`,
  );
  return {};
}

/**
 * Read and validate the rules of a pyproject.toml. A project without `[tool.manifest]` gets the
 * defaults (`hasTable: false`).
 * @param text the file's text (without a BOM)
 * @param file how messages name the file
 * @default file 'pyproject.toml'
 * @throws ManifestError CONFIG_TOML_SYNTAX for text that is not TOML (line, column; the code frame
 *   in `detail`); otherwise ManifestError or ManifestErrors listing every CONFIG_* problem
 * @example parseRulesConfig('[tool.manifest]\nexclude = ["/docs"]\n').sdist.exclude[0] → { pattern: '/docs', key: 'tool.manifest.exclude[0]', line: 2 }
 */
export function parseRulesConfig(text: string, file = 'pyproject.toml'): RulesConfig {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const [first = 'invalid TOML'] = error.message.split('\n');
    throw new ManifestError('CONFIG_TOML_SYNTAX', first, {
      file,
      line: error.line,
      column: error.column,
      hint: 'fix the TOML syntax at this position',
      detail: error.codeblock,
    });
  }
  const problems = new Problems(text, file);
  const project = readProject(problems, doc.project);

  const tool = doc.tool;
  let manifest: Table | undefined;
  if (isTable(tool) && tool.manifest !== undefined) {
    if (isTable(tool.manifest)) manifest = tool.manifest;
    else
      problems.wrongType(
        ['tool', 'manifest'],
        'a table',
        tool.manifest,
        'write it as [tool.manifest]',
      );
  }
  const hasTable = isTable(tool) && tool.manifest !== undefined;
  const table = manifest ?? {};
  const base = ['tool', 'manifest'];
  checkKeys(problems, table, base, TOP_KEYS, 'top');
  const sdistTable = readTargetTable(problems, table, 'sdist');
  const wheelTable = readTargetTable(problems, table, 'wheel');
  checkKeys(problems, sdistTable, [...base, 'sdist'], SDIST_KEYS, 'sdist');
  checkKeys(problems, wheelTable, [...base, 'wheel'], WHEEL_KEYS, 'wheel');

  const shared = readLayer(problems, table, base);
  // `packages-dir` in [tool.manifest.sdist] was reported as unknown; do not read it.
  const { 'packages-dir': _ignored, ...sdistKnown } = sdistTable;
  const sdistLayer = readLayer(problems, sdistKnown, [...base, 'sdist']);
  const wheelLayer = readLayer(problems, wheelTable, [...base, 'wheel']);
  const wheelPath = [...base, 'wheel'];
  const packages =
    'packages' in wheelTable
      ? readPackages(problems, wheelTable.packages, [...wheelPath, 'packages'])
      : undefined;
  const map = 'map' in wheelTable ? readMap(problems, wheelTable.map, [...wheelPath, 'map']) : [];
  const build = readBuild(problems, readTargetTable(problems, table, 'build'), [...base, 'build']);
  const buildSystem = doc['build-system'];
  if (
    build.backend === undefined &&
    isTable(buildSystem) &&
    buildSystem['build-backend'] === WRAPPER_BACKEND &&
    !problems.errors.some((e) => e.keyPath?.startsWith('tool.manifest.build') === true)
  ) {
    problems.add(
      'CONFIG_INVALID_VALUE',
      ['build-system', 'build-backend'],
      `${WRAPPER_BACKEND} needs the real backend in [tool.manifest.build]`,
      {
        value: WRAPPER_BACKEND,
        hint: 'add [tool.manifest.build] backend = "setuptools.build_meta" (or your backend)',
      },
    );
  }

  // Report in file order, so the list reads top to bottom (sort is stable for equal positions).
  const byPosition = (e: ManifestError): number =>
    (e.line ?? Number.MAX_SAFE_INTEGER) * 1e6 + (e.column ?? 0);
  throwCollected([...problems.errors].sort((a, b) => byPosition(a) - byPosition(b)));
  return {
    file,
    hasTable,
    project,
    sdist: mergeTarget(shared, sdistLayer),
    wheel: {
      ...mergeTarget(shared, wheelLayer),
      packagesDir: wheelLayer.packagesDir ?? shared.packagesDir,
      packages,
      map,
    },
    build,
  };
}
