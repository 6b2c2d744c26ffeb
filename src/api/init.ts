/**
 * init: add a `[tool.manifest]` table to pyproject.toml, then write the manifest.
 *
 * Owns: init from the project's own configuration (init-archives.ts does it from built archives):
 * the backend's profile translates its file selection (src/backends/), rules/infer.ts's layout
 * detection stands in for a backend no profile knows; the exact keys written (the difference of
 * the file's keys before and after); and the hatchling hook it may add. A project with only
 * setup.py/setup.cfg gets a new pyproject.toml holding only the table. A dry run takes the same
 * steps up to the write, so it reports the same. The writes themselves, appended and atomic and
 * undone if the manifest cannot be generated, are append-table.ts's.
 * Must not: touch a project that has a table already (CONFIG_TABLE_EXISTS).
 */
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { parseRulesConfig } from '../rules/config.js';
import { resolveWheelScope } from '../rules/expand.js';
import { inferRules, type Layout } from '../rules/infer.js';
import { DEFAULT_MANIFEST_FILE, readFileIfExists } from '../tree/project.js';
import { walkTree } from '../tree/walk.js';
import { planAppend, readInitTarget, writeAppended } from './append-table.js';
import { findProjectBackend, readBackendInput } from './backend.js';
import {
  HATCH_HOOK_FILE,
  planHatchHook,
  readVendoredHook,
  type HatchHookPlan,
} from './hatch-hook.js';
import { loadProjectPaths, type ProjectOptions } from './project.js';
import type { Finding } from '../manifest/types.js';
import { plannedManifestWarnings } from './manifest-ignored.js';
import type { UpdateResult } from './update.js';

export interface InitOptions extends ProjectOptions {
  /**
   * Infer and return the table without writing anything.
   * @default false
   */
  dryRun?: boolean;
  /**
   * Also write the vendored hatchling hook (`hatch_build.py`) and the
   * `[tool.hatch.build.hooks.custom]` table that runs it. In a project that has `[tool.manifest]`
   * already, only the hook is added (or its file brought up to date).
   * @default false
   */
  hatchHook?: boolean;
}

/** What init found and wrote (or, with `dryRun`, would write). */
export interface Inference {
  /** The backend id that builds the project (`[build-system].build-backend`, or setuptools' legacy one). */
  backend: string | undefined;
  /** The profile that translated its configuration, or undefined for a backend no profile knows. */
  profile: string | undefined;
  layout: Layout;
  /** What was found and translated, one line each. */
  inferred: string[];
  /** Backend settings that could not be expressed, and what to check, one line each. */
  untranslated: string[];
  /** The `[tool.manifest]` table (starts with `[tool.manifest]`, ends with `\n`). */
  table: string;
  /** Exactly the keys init adds to pyproject.toml, as key paths (`tool.manifest.wheel.packages`). */
  written: string[];
}

export interface InitResult {
  inference: Inference;
  /** pyproject.toml did not exist: init creates it, holding only the table. */
  createsPyproject: boolean;
  /** Byte offset in pyproject.toml where the appended text starts (the old file's length). */
  insertedAt: number;
  /** The text appended to pyproject.toml (a blank line, then the table); '' when nothing was. */
  appended: string;
  /** Whether the inferred [tool.manifest] table was appended (false: it was there already). */
  tableAppended: boolean;
  /** What `hatchHook` wrote; undefined without it. */
  hatchHook: HatchHookPlan | undefined;
  /** The manifest write that followed; undefined with `dryRun`. */
  update: UpdateResult | undefined;
  /**
   * Warnings about the manifest file: MANIFEST_IGNORED when an ignore file ignores it (the
   * write's, or with `dryRun` what the write would warn).
   */
  warnings: Finding[];
}

/** The layout the table's wheel scope amounts to, for the report. */
function describeLayout(text: string, files: readonly string[]): Layout {
  try {
    const scope = resolveWheelScope(parseRulesConfig(text, 'pyproject.toml'), new Set(files));
    const first = scope.packages[0];
    if (first === undefined) return 'unknown';
    if (first.rule.kind === 'package-detection' && first.rule.pattern?.endsWith('/'))
      return 'namespace';
    if (first.path.endsWith('.py')) return 'single-module';
    return scope.packagesDir === 'src' ? 'src' : 'flat';
  } catch {
    return 'unknown';
  }
}

/**
 * The key paths of a parsed TOML document, down to values that are not tables (a `map` table
 * counts as one key; an empty table, holding only comments, as itself): what init wrote is the
 * difference before and after.
 */
function listKeyPaths(table: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [key, value] of Object.entries(table)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    const isTable =
      typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      !(value instanceof Date);
    const inner =
      isTable && key !== 'map' ? listKeyPaths(value as Record<string, unknown>, path) : [];
    out.push(...(inner.length > 0 ? inner : [path]));
  }
  return out;
}

/**
 * Translate the backend's file selection into `[tool.manifest]` and add it to pyproject.toml
 * (creating the file for a setup.py/setup.cfg-only project), then generate the manifest.
 * @throws ManifestError CONFIG_TABLE_EXISTS when pyproject.toml has the table already (unless
 *   `hatchHook`); PROJECT_NOT_FOUND without pyproject.toml, setup.py and setup.cfg; with `hatchHook`, CONFIG_INVALID_VALUE when hatchling does not build the project
 *   and CONFIG_HOOK_EXISTS when another custom hook is there; config errors as `generate` throws
 *   them (pyproject.toml and hatch_build.py are then restored)
 * @example const { inference } = initProject({ root: '/path/to/project' });
 */
export function initProject(options: InitOptions): InitResult {
  const withHook = options.hatchHook === true;
  const target = readInitTarget(options, withHook);
  const { root, body, config } = target;
  const files = walkTree(root, { ignoreFiles: config.sdist.ignoreFiles }).files.map((f) => f.path);
  const input = readBackendInput(root, body, files);
  const { profile, id } = findProjectBackend(input.doc);
  let table: string;
  let inferred: string[];
  let untranslated: string[];
  if (profile !== undefined) {
    const translation = profile.translate(input);
    table = translation.table;
    inferred = [`build backend: ${id} (${profile.name})`, ...translation.notes];
    untranslated = translation.untranslated;
  } else {
    // A backend no profile knows: the layout, and what rules/infer.ts recognises.
    const fallback = inferRules({
      pyproject: body,
      files,
      manifestFile: options.manifestFile ?? DEFAULT_MANIFEST_FILE,
    });
    table = fallback.table;
    inferred = fallback.inferred;
    untranslated = [
      ...fallback.untranslated,
      `no profile knows ${id}: check what it ships with \`manifest validate dist/*\` after a build`,
    ];
  }

  const hookPath = join(root, HATCH_HOOK_FILE);
  const existingHook = withHook ? readFileIfExists(hookPath, HATCH_HOOK_FILE) : undefined;
  const hatchHook = withHook
    ? planHatchHook({
        doc: input.doc,
        pyproject: body,
        existing: existingHook,
        vendored: readVendoredHook(),
        manifestFile: loadProjectPaths(options).manifestFile,
      })
    : undefined;
  const addition = [config.hasTable ? '' : table, hatchHook?.table ?? '']
    .filter((part) => part !== '')
    .join('\n');
  const planned = planAppend(target, addition);
  const { insertedAt, appended } = planned;
  const before = new Set(listKeyPaths(input.doc));
  const next = planned.next.replace(/^\uFEFF/, '');
  const inference: Inference = {
    backend: id,
    profile: profile?.name,
    layout: describeLayout(next, files),
    inferred,
    untranslated,
    table,
    written: listKeyPaths(parse(next) as Record<string, unknown>).filter((k) => !before.has(k)),
  };
  const result = {
    inference,
    createsPyproject: !target.exists,
    insertedAt,
    appended,
    tableAppended: !config.hasTable,
    hatchHook,
  };
  if (options.dryRun === true) {
    const { manifestFile } = loadProjectPaths(options);
    return { ...result, update: undefined, warnings: plannedManifestWarnings(root, manifestFile) };
  }
  const companions =
    hatchHook !== undefined && hatchHook.status !== 'unchanged'
      ? [{ path: hookPath, text: hatchHook.text, previous: existingHook }]
      : [];
  const update = writeAppended(target, planned, options, companions);
  return { ...result, update, warnings: update.warnings };
}
