/**
 * `manifest init [ARCHIVE...]`: add a minimal [tool.manifest] table to pyproject.toml (appended;
 * nothing else in the file changes), write the manifest, and say what was inferred and what was
 * not translated. With `--hatch-hook`, also write the vendored hatchling hook and the table that
 * runs it. Given built archives, the table is inferred from what they hold, and what it cannot
 * reproduce is listed as `validate` would report it.
 */
import { resolve } from 'node:path';
import {
  initFromArchives,
  initProject,
  ManifestError,
  type InitResult,
  type UpdateResult,
} from '../../index.js';
import {
  displayPath,
  findingJson,
  printFindings,
  printWarnings,
  writeJson,
  type Context,
  projectOptions,
} from '../context.js';
import { header } from './generate.js';

export interface InitFlags {
  dryRun: boolean;
  hatchHook: boolean;
  /** Built archives to infer the table from; empty: from the project's configuration. */
  archives: string[];
}

/** What happened to the manifest, e.g. `Wrote pyproject-manifest.txt`. */
function describeManifestWrite(ctx: Context, update: UpdateResult): string {
  const shown = displayPath(ctx, update.manifestFile);
  const changes = (['sdist', 'wheel'] as const)
    .map((t) => `[${t}] +${update.changes[t].added.length} -${update.changes[t].removed.length}`)
    .join(', ');
  return update.created
    ? `Wrote ${shown}`
    : update.changed
      ? `Updated ${shown} (${changes})`
      : `${shown} already matches the rules`;
}

async function runInitFromArchives(ctx: Context, flags: InitFlags): Promise<number> {
  const result = await initFromArchives({
    ...projectOptions(ctx),
    // Named relative to where the command runs, as `validate` takes them.
    archives: flags.archives.map((a) => resolve(ctx.io.cwd, a)),
    dryRun: flags.dryRun,
  });
  const { inference, update, unreproduced } = result;
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'init'),
      dryRun: flags.dryRun,
      backend: result.backend ?? null,
      layout: inference.layout,
      inferred: inference.notes,
      untranslated: [],
      written: inference.written,
      archives: result.archives.map((a) => ({ ...a, file: displayPath(ctx, a.file) })),
      unreproduced: unreproduced.map((f) => findingJson(ctx, f)),
      table: inference.table,
      hatchHook: null,
      manifestFile: update !== undefined ? displayPath(ctx, update.manifestFile) : null,
      warnings: result.warnings.map((f) => findingJson(ctx, f)),
    });
    return 0;
  }
  const out = ctx.io.stdout;
  const from = result.archives
    .map((a) => `${displayPath(ctx, a.file)} (${a.kind}, ${a.members} members)`)
    .join(' and ');
  out.write(`Inferred from ${from}:\n`);
  for (const line of inference.notes) out.write(`  ${line}\n`);
  if (unreproduced.length > 0) {
    out.write('Not reproduced by the table (review these; `manifest validate` reports them):\n');
    await printFindings(ctx, unreproduced);
  }
  const pyproject = displayPath(ctx, 'pyproject.toml');
  if (update === undefined) {
    out.write(`Would append to ${pyproject}:\n\n${inference.table}`);
    printWarnings(ctx, result.warnings);
    return 0;
  }
  out.write(`Appended [tool.manifest] to ${pyproject}:\n\n`);
  out.write(`${inference.table.replace(/^/gm, '    ').replace(/^ +$/gm, '')}\n`);
  const archives = result.archives.map((a) => displayPath(ctx, a.file)).join(' ');
  out.write(
    `${describeManifestWrite(ctx, update)}. Rebuild the archives (the sdist holds the old pyproject.toml), check them with \`manifest validate ${archives}\`, then commit both files.\n`,
  );
  await printWarnings(ctx, update.warnings);
  return 0;
}

/** One line on the hook file: what was (or would be) done with it. */
function describeHook(ctx: Context, result: InitResult, dryRun: boolean): string | undefined {
  const hook = result.hatchHook;
  if (hook === undefined) return undefined;
  const file = displayPath(ctx, hook.file);
  if (hook.status === 'unchanged')
    return `${file} is pyproject-manifest's hook already, up to date.`;
  const verb = hook.status === 'created' ? 'write' : 'update';
  return dryRun
    ? `Would ${verb} ${file} (pyproject-manifest's hatchling hook, vendored).`
    : `${verb === 'write' ? 'Wrote' : 'Updated'} ${file} (pyproject-manifest's hatchling hook, vendored; it ships in the sdist, so the manifest lists it).`;
}

export async function runInit(ctx: Context, flags: InitFlags): Promise<number> {
  if (flags.archives.length > 0) {
    if (flags.hatchHook) {
      throw new ManifestError('USAGE', '--hatch-hook and archives cannot be combined', {
        hint: 'run `manifest init ARCHIVE...` first, then `manifest init --hatch-hook`',
      });
    }
    return runInitFromArchives(ctx, flags);
  }
  const result = initProject({
    ...projectOptions(ctx),
    dryRun: flags.dryRun,
    hatchHook: flags.hatchHook,
  });
  const { inference, update } = result;
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'init'),
      dryRun: flags.dryRun,
      backend: inference.backend ?? null,
      profile: inference.profile ?? null,
      layout: inference.layout,
      inferred: result.tableAppended ? inference.inferred : [],
      untranslated: result.tableAppended ? inference.untranslated : [],
      table: result.tableAppended ? inference.table : null,
      written: inference.written,
      createsPyproject: result.createsPyproject,
      hatchHook:
        result.hatchHook !== undefined
          ? {
              file: displayPath(ctx, result.hatchHook.file),
              status: result.hatchHook.status,
              table: result.hatchHook.table === '' ? null : result.hatchHook.table,
            }
          : null,
      manifestFile: update !== undefined ? displayPath(ctx, update.manifestFile) : null,
      warnings: result.warnings.map((f) => findingJson(ctx, f)),
    });
    return 0;
  }
  const out = ctx.io.stdout;
  if (result.tableAppended) {
    out.write('Inferred:\n');
    for (const line of inference.inferred) out.write(`  ${line}\n`);
    if (inference.inferred.length === 0) out.write('  nothing beyond the defaults\n');
    if (inference.untranslated.length > 0) {
      out.write('Not translated (check these by hand):\n');
      for (const line of inference.untranslated) out.write(`  ${ctx.style.yellow(line)}\n`);
    }
  } else {
    out.write('[tool.manifest] is there already: kept as it is.\n');
  }
  const added = [result.tableAppended ? inference.table : '', result.hatchHook?.table ?? ''].filter(
    (t) => t !== '',
  );
  const tables = added.map((t) => /^\[[^\]]+\]/.exec(t)![0]).join(' and ');
  const hookLine = describeHook(ctx, result, update === undefined);
  const pyproject = displayPath(ctx, 'pyproject.toml');
  const keys =
    inference.written.length > 0
      ? `Keys written: ${inference.written.join(', ')}\n`
      : 'Keys written: none\n';
  const verb = result.createsPyproject
    ? `${update === undefined ? 'Would create' : 'Created'} ${pyproject}, holding only ${tables}`
    : `${update === undefined ? 'Would append' : 'Appended'} ${tables} to ${pyproject}`;
  if (update === undefined) {
    if (added.length > 0) out.write(`${verb}:\n\n${added.join('\n')}\n${keys}`);
    if (hookLine !== undefined) out.write(`${added.length > 0 ? '\n' : ''}${hookLine}\n`);
    printWarnings(ctx, result.warnings);
    return 0;
  }
  if (added.length > 0) {
    out.write(`${verb}:\n\n`);
    out.write(`${added.join('\n').replace(/^/gm, '    ').replace(/^ +$/gm, '')}\n${keys}`);
  }
  if (hookLine !== undefined) out.write(`${hookLine}\n`);
  const what = describeManifestWrite(ctx, update);
  const files = result.hatchHook !== undefined ? 'the files' : 'both files';
  out.write(`${what}. Review it with \`manifest ls\`, then commit ${files}.\n`);
  await printWarnings(ctx, update.warnings);
  return 0;
}
