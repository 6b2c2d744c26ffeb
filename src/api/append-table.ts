/**
 * The one write to pyproject.toml the tool ever makes (`manifest init`, from the config or from
 * archives, with or without the hatchling hook): tables appended to the file.
 *
 * Owns: refusing a project that has the table already (CONFIG_TABLE_EXISTS); appending so that
 * every byte already in the file stays as it was (comments, formatting, line endings; the new
 * text uses the file's own line ending); parsing the result back before anything is written; the
 * atomic writes (fs/atomic-write.ts), and putting the old files back if generating the manifest
 * then fails, so a failed init changes nothing.
 * Must not: decide the tables (rules/infer.ts, rules/infer-archive.ts and hatch-hook.ts do).
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ManifestError, ManifestErrors } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { parseRulesConfig, type RulesConfig } from '../rules/config.js';
import { readFileIfExists, readTextFile } from '../tree/project.js';
import { assertProjectDirectory, type ProjectOptions } from './project.js';
import { updateManifest, type UpdateResult } from './update.js';

/** pyproject.toml as init reads it. */
export interface InitTarget {
  /** Absolute project root. */
  root: string;
  /** Absolute path of pyproject.toml. */
  file: string;
  /** The file's text as read (a BOM kept); '' when the file does not exist yet. */
  text: string;
  /**
   * False for a project with only setup.py/setup.cfg: init creates pyproject.toml, holding only
   * the table (no `[build-system]`, so frontends keep using setuptools' legacy backend).
   */
  exists: boolean;
  /** The text without a BOM, as parsed. */
  body: string;
  config: RulesConfig;
}

/**
 * Read pyproject.toml for init (none is fine in a project with setup.py or setup.cfg), and refuse
 * a project that has a `[tool.manifest]` table (unless `allowTable`: init adding only the
 * hatchling hook).
 * @throws ManifestError PROJECT_NOT_FOUND, config errors, CONFIG_TABLE_EXISTS
 */
export function readInitTarget(options: ProjectOptions, allowTable = false): InitTarget {
  const root = resolve(options.root);
  assertProjectDirectory(root);
  const file = join(root, 'pyproject.toml');
  const legacy = ['setup.py', 'setup.cfg'].some(
    (name) => readFileIfExists(join(root, name), name) !== undefined,
  );
  const existing = legacy ? readFileIfExists(file, 'pyproject.toml') : undefined;
  const text =
    existing ??
    (legacy
      ? ''
      : readTextFile(
          file,
          'pyproject.toml',
          'PROJECT_NOT_FOUND',
          'run inside a Python project (pyproject.toml, setup.py or setup.cfg), or pass --root DIR',
        ));
  const body = text.replace(/^\uFEFF/, '');
  const config = parseRulesConfig(body, 'pyproject.toml');
  if (config.hasTable && !allowTable) {
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
  return { root, file, text, exists: !legacy || existing !== undefined, body, config };
}

/** The file with the table appended, before anything is written. */
export interface PlannedAppend {
  /** Byte offset in pyproject.toml where the appended text starts (the old file's length). */
  insertedAt: number;
  /** The text appended (a blank line, then the table), in the file's line endings. */
  appended: string;
  /** The whole new text. */
  next: string;
  /** The new text without a BOM, parsed. */
  config: RulesConfig;
}

/**
 * Append `addition` (tables; '' for none) to the file's text, and check that the result reads back
 * with a `[tool.manifest]` table.
 * @throws ManifestError CONFIG_INVALID_VALUE when it does not (e.g. `tool` is an inline table)
 */
export function planAppend(target: InitTarget, addition: string): PlannedAppend {
  const { text } = target;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const gap =
    text === '' || text.endsWith(`${eol}${eol}`) ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  const appended = addition === '' ? '' : `${gap}${addition.replace(/\n/g, eol)}`;
  const next = `${text}${appended}`;
  let config: RulesConfig;
  try {
    config = parseRulesConfig(next.replace(/^\uFEFF/, ''), 'pyproject.toml');
    if (!config.hasTable) throw new Error();
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
  return { insertedAt: Buffer.byteLength(text, 'utf8'), appended, next, config };
}

/** Another file init writes along with pyproject.toml, and what to put back if it fails. */
export interface CompanionFile {
  /** Absolute path. */
  path: string;
  text: string;
  /** The file's text before, or undefined when init creates it (then it is removed again). */
  previous: string | undefined;
}

/**
 * Write the planned text (when anything is appended) and the companion files, then the manifest;
 * if the manifest cannot be generated, put every file back as it was and rethrow.
 */
export function writeAppended(
  target: InitTarget,
  planned: PlannedAppend,
  options: ProjectOptions,
  companions: readonly CompanionFile[] = [],
): UpdateResult {
  if (planned.appended !== '') writeFileAtomic(target.file, planned.next);
  try {
    for (const companion of companions) writeFileAtomic(companion.path, companion.text);
    return updateManifest(options);
  } catch (error) {
    if (!target.exists) rmSync(target.file, { force: true });
    else if (planned.appended !== '') writeFileAtomic(target.file, target.text);
    // The old text, or no file: the only removal init makes is of a file it created.
    for (const companion of companions) {
      if (companion.previous !== undefined) writeFileAtomic(companion.path, companion.previous);
      else rmSync(companion.path, { force: true });
    }
    throw error;
  }
}
