/**
 * `manifest diff`: a unified diff, committed manifest vs what `update` would write. Exits 1 when
 * they differ (as diff(1) and `git diff --exit-code` do), 0 when they are the same.
 */
import { createTwoFilesPatch } from 'diff';
import { diffManifest } from '../../index.js';
import { displayPath, writeJson, type Context } from '../context.js';
import { walkedOptions } from '../listings.js';
import { header } from './generate.js';

function colourPatch(ctx: Context, patch: string): string {
  if (!ctx.style.enabled) return patch;
  return patch
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return ctx.style.bold(line);
      if (line.startsWith('+')) return ctx.style.green(line);
      if (line.startsWith('-')) return ctx.style.red(line);
      if (line.startsWith('@@')) return ctx.style.cyan(line);
      return line;
    })
    .join('\n');
}

export async function runDiff(ctx: Context): Promise<number> {
  const result = diffManifest(await walkedOptions(ctx));
  const shown = displayPath(ctx, result.manifestFile);
  const patch = result.changed
    ? createTwoFilesPatch(
        result.exists ? `a/${shown}` : '/dev/null',
        `b/${shown}`,
        result.before,
        result.after,
        undefined,
        undefined,
        { context: 3 },
      ).replace(/^=+\n/, '')
    : '';
  const code = result.changed ? 1 : 0;
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'diff'),
      ok: code === 0,
      exitCode: code,
      manifestFile: shown,
      changed: result.changed,
      exists: result.exists,
      diff: patch,
    });
    return code;
  }
  if (result.changed) ctx.io.stdout.write(colourPatch(ctx, patch));
  return code;
}
