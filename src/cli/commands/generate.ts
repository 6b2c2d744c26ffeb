/**
 * `manifest generate`: write the manifest (or print it with --stdout). Quiet on success.
 */
import { generateManifest, updateManifest } from '../../index.js';
import { displayPath, findingJson, printWarnings, writeJson, type Context } from '../context.js';
import { walkedOptions } from '../listings.js';

export interface GenerateFlags {
  stdout: boolean;
}

export async function runGenerate(ctx: Context, flags: GenerateFlags): Promise<number> {
  const options = await walkedOptions(ctx);
  if (flags.stdout) {
    const { text, project } = generateManifest(options);
    if (ctx.json)
      await writeJson(ctx, {
        ...header(ctx, 'generate'),
        manifestFile: displayPath(ctx, project.manifestFile),
        written: false,
        text,
      });
    else ctx.io.stdout.write(text);
    return 0;
  }
  const result = updateManifest(options);
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'generate'),
      manifestFile: displayPath(ctx, result.manifestFile),
      written: result.changed,
      warnings: result.warnings.map((f) => findingJson(ctx, f)),
    });
    return 0;
  }
  if (ctx.verbose) {
    ctx.io.stderr.write(
      `${result.changed ? 'wrote' : 'unchanged:'} ${displayPath(ctx, result.manifestFile)}\n`,
    );
  }
  await printWarnings(ctx, result.warnings);
  return 0;
}

export function header(ctx: Context, command: string): Record<string, unknown> {
  return {
    schemaVersion: 1,
    tool: 'pyproject-manifest',
    version: ctx.version,
    command,
    ok: true,
    exitCode: 0,
  };
}
