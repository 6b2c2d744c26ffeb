/**
 * init: add a minimal `[tool.manifest]` table to pyproject.toml, then write the manifest.
 *
 * Owns: init from the project's own configuration (init-archives.ts does it from built archives),
 * and the hatchling hook it may add. The writes themselves, appended and atomic and undone if the
 * manifest cannot be generated, are append-table.ts's.
 * Must not: touch a project that has a table already (CONFIG_TABLE_EXISTS), or decide inference
 * (rules/infer.ts does).
 */
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { inferRules, type Inference } from '../rules/infer.js';
import { DEFAULT_MANIFEST_FILE, readFileIfExists } from '../tree/project.js';
import { walkTree } from '../tree/walk.js';
import { planAppend, readInitTarget, writeAppended } from './append-table.js';
import {
  HATCH_HOOK_FILE,
  planHatchHook,
  readVendoredHook,
  type HatchHookPlan,
} from './hatch-hook.js';
import { loadProjectPaths, type ProjectOptions } from './project.js';
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

export interface InitResult {
  inference: Inference;
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
}

/**
 * Infer and append `[tool.manifest]`, then generate the manifest.
 * @throws ManifestError CONFIG_TABLE_EXISTS when pyproject.toml has the table already (unless
 *   `hatchHook`); with `hatchHook`, CONFIG_INVALID_VALUE when hatchling does not build the project
 *   and CONFIG_HOOK_EXISTS when another custom hook is there; config errors as `generate` throws
 *   them (pyproject.toml and hatch_build.py are then restored)
 * @example const { inference } = initProject({ root: '/path/to/project' });
 */
export function initProject(options: InitOptions): InitResult {
  const withHook = options.hatchHook === true;
  const target = readInitTarget(options, withHook);
  const { root, body, config } = target;
  const files = walkTree(root, { ignoreFiles: config.sdist.ignoreFiles }).files.map((f) => f.path);
  const manifestIn = readFileIfExists(join(root, 'MANIFEST.in'), 'MANIFEST.in');
  const inference = inferRules({
    pyproject: body,
    files,
    ...(manifestIn !== undefined ? { manifestIn } : {}),
    manifestFile: options.manifestFile ?? DEFAULT_MANIFEST_FILE,
  });

  const hookPath = join(root, HATCH_HOOK_FILE);
  const existingHook = withHook ? readFileIfExists(hookPath, HATCH_HOOK_FILE) : undefined;
  const hatchHook = withHook
    ? planHatchHook({
        doc: parse(body) as Record<string, unknown>,
        pyproject: body,
        existing: existingHook,
        vendored: readVendoredHook(),
        manifestFile: loadProjectPaths(options).manifestFile,
      })
    : undefined;
  const addition = [config.hasTable ? '' : inference.table, hatchHook?.table ?? '']
    .filter((part) => part !== '')
    .join('\n');
  const planned = planAppend(target, addition);
  const { insertedAt, appended } = planned;
  const result = { inference, insertedAt, appended, tableAppended: !config.hasTable, hatchHook };
  if (options.dryRun === true) return { ...result, update: undefined };
  const companions =
    hatchHook !== undefined && hatchHook.status !== 'unchanged'
      ? [{ path: hookPath, text: hatchHook.text, previous: existingHook }]
      : [];
  return { ...result, update: writeAppended(target, planned, options, companions) };
}
