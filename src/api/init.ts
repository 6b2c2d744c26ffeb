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
import { join, resolve } from 'node:path';
import { ManifestError, ManifestErrors } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseRulesConfig } from '../rules/config.js';
import { inferRules, type Inference } from '../rules/infer.js';
import { DEFAULT_MANIFEST_FILE, readFileIfExists, readTextFile } from '../tree/project.js';
import { walkTree } from '../tree/walk.js';
import type { ProjectOptions } from './project.js';
import { updateManifest, type UpdateResult } from './update.js';

export interface InitOptions extends ProjectOptions {
  /**
   * Infer and return the table without writing anything.
   * @default false
   */
  dryRun?: boolean;
}

export interface InitResult {
  inference: Inference;
  /** Byte offset in pyproject.toml where the appended text starts (the old file's length). */
  insertedAt: number;
  /** The text appended to pyproject.toml (a blank line, then the table). */
  appended: string;
  /** The manifest write that followed; undefined with `dryRun`. */
  update: UpdateResult | undefined;
}

/**
 * Infer and append `[tool.manifest]`, then generate the manifest.
 * @throws ManifestError CONFIG_TABLE_EXISTS when pyproject.toml has the table already; config
 *   errors as `generate` throws them (pyproject.toml is then restored)
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
  if (config.hasTable) {
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

  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const gap =
    text === '' || text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  const appended = `${gap}${inference.table.replace(/\n/g, eol)}`;
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
  if (options.dryRun === true) return { inference, insertedAt, appended, update: undefined };
  writeFileAtomic(file, next);
  let update: UpdateResult;
  try {
    update = updateManifest(options);
  } catch (error) {
    writeFileAtomic(file, text);
    throw error;
  }
  return { inference, insertedAt, appended, update };
}
