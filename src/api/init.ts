/**
 * init: add a minimal `[tool.manifest]` table to pyproject.toml, then write the manifest.
 *
 * Owns: the one write to pyproject.toml the tool ever makes, and only on `manifest init`. The
 * table is appended: every byte already in the file stays as it was (comments, formatting, line
 * endings; the new text uses the file's own line ending). The write is atomic (fs/atomic-write.ts),
 * the result is parsed back before it is written, and if generating the manifest then fails, the
 * old pyproject.toml is put back, so a failed init changes nothing.
 * Must not: touch a project that has a table already (CONFIG_TABLE_EXISTS), or decide inference
 * (rules/infer.ts does).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'smol-toml';
import { ManifestError, ManifestErrors } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseRulesConfig } from '../rules/config.js';
import { inferRules, type Inference } from '../rules/infer.js';
import { DEFAULT_MANIFEST_FILE, readFileIfExists, readTextFile } from '../tree/project.js';
import { walkTree } from '../tree/walk.js';
import {
  HATCH_HOOK_FILE,
  planHatchHook,
  readVendoredHook,
  type HatchHookPlan,
} from './hatch-hook.js';
import { loadProjectPaths, type ProjectOptions } from './project.js';
import { updateManifest, type UpdateResult } from './update.js';

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
  const root = resolve(options.root);
  const file = join(root, 'pyproject.toml');
  const text = readTextFile(
    file,
    'pyproject.toml',
    'PROJECT_NOT_FOUND',
    'run inside a Python project, or pass --root DIR',
  );
  const body = text.replace(/^\uFEFF/, '');
  const config = parseRulesConfig(body, 'pyproject.toml');
  const withHook = options.hatchHook === true;
  if (config.hasTable && !withHook) {
    const index = body.split('\n').findIndex((l) => /^\s*\[\s*tool\s*\.\s*manifest\b/.test(l));
    throw new ManifestError(
      'CONFIG_TABLE_EXISTS',
      'already has a [tool.manifest] table; init changed nothing',
      {
        file: 'pyproject.toml',
        ...(index >= 0 ? { line: index + 1 } : {}),
        hint: 'edit the table by hand and run `manifest update`; `manifest explain PATH` shows what decides a file',
      },
    );
  }
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

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const gap =
    text === '' || text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  const appended = addition === '' ? '' : `${gap}${addition.replace(/\n/g, eol)}`;
  const next = `${text}${appended}`;
  // The appended table must read back as one (e.g. not when `tool` is an inline table).
  try {
    if (!parseRulesConfig(next.replace(/^\uFEFF/, ''), 'pyproject.toml').hasTable)
      throw new Error();
  } catch (error) {
    const errors =
      error instanceof ManifestErrors
        ? error.errors
        : error instanceof ManifestError
          ? [error]
          : [];
    throw new ManifestError(
      'CONFIG_INVALID_VALUE',
      'cannot append a [tool.manifest] table to this pyproject.toml',
      {
        file: 'pyproject.toml',
        ...(errors[0] !== undefined ? { received: errors[0].message } : {}),
        hint: 'add the table by hand (see `manifest init --dry-run` for its text)',
      },
    );
  }
  const insertedAt = Buffer.byteLength(text, 'utf8');
  const result = { inference, insertedAt, appended, tableAppended: !config.hasTable, hatchHook };
  if (options.dryRun === true) return { ...result, update: undefined };
  if (appended !== '') writeFileAtomic(file, next);
  let update: UpdateResult;
  try {
    if (hatchHook !== undefined && hatchHook.status !== 'unchanged') {
      writeFileAtomic(hookPath, hatchHook.text);
    }
    update = updateManifest(options);
  } catch (error) {
    if (appended !== '') writeFileAtomic(file, text);
    // Put hatch_build.py back as it was: the old text, or no file (the only removal init makes).
    if (hatchHook !== undefined && hatchHook.status !== 'unchanged') {
      if (existingHook !== undefined) writeFileAtomic(hookPath, existingHook);
      else rmSync(hookPath, { force: true });
    }
    throw error;
  }
  return { ...result, update };
}
