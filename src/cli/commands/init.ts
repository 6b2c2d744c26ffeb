/**
 * `manifest init`: add a minimal [tool.manifest] table to pyproject.toml (appended; nothing else
 * in the file changes), write the manifest, and say what was inferred and what was not translated.
 * With `--hatch-hook`, also write the vendored hatchling hook and the table that runs it.
 */
import { initProject, type InitResult } from '../../index.js';
import { displayPath, writeJson, type Context, projectOptions } from '../context.js';
import { header } from './generate.js';

export interface InitFlags {
  dryRun: boolean;
  hatchHook: boolean;
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

export function runInit(ctx: Context, flags: InitFlags): number {
  const result = initProject({
    ...projectOptions(ctx),
    dryRun: flags.dryRun,
    hatchHook: flags.hatchHook,
  });
  const { inference, update } = result;
  if (ctx.json) {
    writeJson(ctx, {
      ...header(ctx, 'init'),
      dryRun: flags.dryRun,
      backend: inference.backend ?? null,
      layout: inference.layout,
      inferred: result.tableAppended ? inference.inferred : [],
      untranslated: result.tableAppended ? inference.untranslated : [],
      table: result.tableAppended ? inference.table : null,
      hatchHook:
        result.hatchHook !== undefined
          ? {
              file: displayPath(ctx, result.hatchHook.file),
              status: result.hatchHook.status,
              table: result.hatchHook.table === '' ? null : result.hatchHook.table,
            }
          : null,
      manifestFile: update !== undefined ? displayPath(ctx, update.manifestFile) : null,
    });
    return 0;
  }
  const out = ctx.io.stdout;
  if (result.tableAppended) {
    out.write('Inferred:\n');
    for (const line of inference.inferred) out.write(`  ${line}\n`);
    if (inference.inferred.length === 0) out.write('  nothing beyond the defaults\n');
    if (inference.untranslated.length > 0) {
      out.write('Not translated (review these by hand):\n');
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
  if (update === undefined) {
    if (added.length > 0) out.write(`Would append to ${pyproject}:\n\n${added.join('\n')}`);
    if (hookLine !== undefined) out.write(`${added.length > 0 ? '\n' : ''}${hookLine}\n`);
    return 0;
  }
  if (added.length > 0) {
    out.write(`Appended ${tables} to ${pyproject}:\n\n`);
    out.write(`${added.join('\n').replace(/^/gm, '    ').replace(/^ +$/gm, '')}\n`);
  }
  if (hookLine !== undefined) out.write(`${hookLine}\n`);
  const shown = displayPath(ctx, update.manifestFile);
  const changes = (['sdist', 'wheel'] as const)
    .map((t) => `[${t}] +${update.changes[t].added.length} -${update.changes[t].removed.length}`)
    .join(', ');
  const what = update.created
    ? `Wrote ${shown}`
    : update.changed
      ? `Updated ${shown} (${changes})`
      : `${shown} already matches the rules`;
  const files = result.hatchHook !== undefined ? 'the files' : 'both files';
  out.write(`${what}. Review it with \`manifest ls\`, then commit ${files}.\n`);
  return 0;
}
