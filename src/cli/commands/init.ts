/**
 * `manifest init`: add a minimal [tool.manifest] table to pyproject.toml (appended; nothing else
 * in the file changes), write the manifest, and say what was inferred and what was not translated.
 */
import { initProject } from '../../index.js';
import { displayPath, writeJson, type Context, projectOptions } from '../context.js';
import { header } from './generate.js';

export interface InitFlags {
  dryRun: boolean;
}

export function runInit(ctx: Context, flags: InitFlags): number {
  const result = initProject({
    ...projectOptions(ctx),
    dryRun: flags.dryRun,
  });
  const { inference, update } = result;
  if (ctx.json) {
    writeJson(ctx, {
      ...header(ctx, 'init'),
      dryRun: flags.dryRun,
      backend: inference.backend ?? null,
      layout: inference.layout,
      inferred: inference.inferred,
      untranslated: inference.untranslated,
      table: inference.table,
      manifestFile: update !== undefined ? displayPath(ctx, update.manifestFile) : null,
    });
    return 0;
  }
  const out = ctx.io.stdout;
  out.write('Inferred:\n');
  for (const line of inference.inferred) out.write(`  ${line}\n`);
  if (inference.inferred.length === 0) out.write('  nothing beyond the defaults\n');
  if (inference.untranslated.length > 0) {
    out.write('Not translated (review these by hand):\n');
    for (const line of inference.untranslated) out.write(`  ${ctx.style.yellow(line)}\n`);
  }
  if (update === undefined) {
    out.write(`Would append to ${displayPath(ctx, 'pyproject.toml')}:\n\n${inference.table}`);
    return 0;
  }
  out.write(`Appended [tool.manifest] to ${displayPath(ctx, 'pyproject.toml')}:\n\n`);
  out.write(`${inference.table.replace(/^/gm, '    ').replace(/^ +$/gm, '')}\n`);
  const shown = displayPath(ctx, update.manifestFile);
  const changes = (['sdist', 'wheel'] as const)
    .map((t) => `[${t}] +${update.changes[t].added.length} -${update.changes[t].removed.length}`)
    .join(', ');
  const what = update.created
    ? `Wrote ${shown}`
    : update.changed
      ? `Updated ${shown} (${changes})`
      : `${shown} already matches the rules`;
  out.write(`${what}. Review it with \`manifest ls\`, then commit both files.\n`);
  return 0;
}
