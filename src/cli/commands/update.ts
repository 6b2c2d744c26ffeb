/**
 * `manifest update`: refresh the manifest and report what changed, per section. With --exit-code
 * (as the pre-commit fixing hook runs it) a changed file exits 1, as pre-commit fixers do.
 */
import { updateManifest, type UpdateResult } from '../../index.js';
import {
  createChunkedWriter,
  displayPath,
  findingJson,
  printWarnings,
  writeJson,
  type Context,
} from '../context.js';
import { walkedOptions } from '../listings.js';
import { header } from './generate.js';

export interface UpdateFlags {
  exitCode: boolean;
}

function summary(result: UpdateResult): string {
  const parts = (['sdist', 'wheel'] as const).map(
    (t) => `[${t}] +${result.changes[t].added.length} -${result.changes[t].removed.length}`,
  );
  return parts.join(', ');
}

export async function runUpdate(ctx: Context, flags: UpdateFlags): Promise<number> {
  const result = updateManifest(await walkedOptions(ctx));
  const code = result.changed && flags.exitCode ? 1 : 0;
  const shown = displayPath(ctx, result.manifestFile);
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'update'),
      ok: code === 0,
      exitCode: code,
      manifestFile: shown,
      changed: result.changed,
      created: result.created,
      replacedUnparsable: result.replacedUnparsable,
      changes: result.changes,
      warnings: result.warnings.map((f) => findingJson(ctx, f)),
    });
    return code;
  }
  await printWarnings(ctx, result.warnings);
  if (!result.changed) return code;
  // A line per change, and a manifest can change by a million lines: chunks, and stdout's pace.
  const out = createChunkedWriter(ctx.io.stdout);
  if (result.created) out.write(`${shown}: created (${summary(result)})\n`);
  else if (result.replacedUnparsable)
    out.write(`${shown}: replaced an unparsable manifest (${summary(result)})\n`);
  else out.write(`${shown}: updated (${summary(result)})\n`);
  if (!result.created) {
    for (const target of ['sdist', 'wheel'] as const) {
      for (const line of result.changes[target].removed)
        if (out.write(`  ${ctx.style.red(`- [${target}] ${line}`)}\n`)) await out.drained();
      for (const line of result.changes[target].added)
        if (out.write(`  ${ctx.style.green(`+ [${target}] ${line}`)}\n`)) await out.drained();
    }
  }
  if (out.flush()) await out.drained();
  return code;
}
