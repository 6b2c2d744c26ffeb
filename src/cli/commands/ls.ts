/**
 * `manifest ls`: the selected tree paths, one per line; --dest prints archive paths instead.
 */
import { listFiles, ManifestError, type Target } from '../../index.js';
import { writeJson, type Context } from '../context.js';
import { walkedOptions } from '../listings.js';
import { header } from './generate.js';

export interface LsFlags {
  target: Target | undefined;
  dest: boolean;
  /** NUL-terminated output, like `git ls-files -z`, for names with newlines. */
  nul: boolean;
}

export async function runLs(ctx: Context, flags: LsFlags): Promise<number> {
  if (flags.dest && flags.target === undefined) {
    throw new ManifestError('USAGE', '--dest needs --target sdist or --target wheel', {
      hint: 'the two sections have different destinations',
    });
  }
  const paths = listFiles({
    ...(await walkedOptions(ctx)),
    ...(flags.target !== undefined ? { target: flags.target } : {}),
    dest: flags.dest,
  });
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'ls'),
      target: flags.target ?? null,
      dest: flags.dest,
      paths,
    });
    return 0;
  }
  // One write: a large tree would otherwise cost a syscall per line.
  const end = flags.nul ? '\0' : '\n';
  if (paths.length > 0) ctx.io.stdout.write(`${paths.join(end)}${end}`);
  return 0;
}
