/**
 * The options of the commands that expand the rules, with the tree walked ahead by walkProject:
 * directories are read concurrently, which a cold disk cache (CI, a fresh clone) rewards. Apart
 * from context.ts so that loading the CLI does not load the walker.
 */
import { walkProject, type GenerateOptions } from '../index.js';
import { projectOptions, type Context } from './context.js';

export async function walkedOptions(
  ctx: Pick<Context, 'root' | 'manifestFile'>,
): Promise<GenerateOptions> {
  const options = projectOptions(ctx);
  return { ...options, listings: await walkProject(options) };
}
