/**
 * `manifest export --backend NAME`: the backend's config text on stdout, one warning line per
 * manifest entry the backend cannot express on stderr. Exit 0 either way: the export is advice,
 * the build hook or the wrapper checks what the build ships.
 */
import { EXPORT_BACKENDS, exportManifest, ManifestError } from '../../index.js';
import { displayPath, projectOptions, writeJson, type Context } from '../context.js';
import { header } from './generate.js';

export interface ExportFlags {
  backend: string | undefined;
}

export async function runExport(ctx: Context, flags: ExportFlags): Promise<number> {
  if (flags.backend === undefined) {
    throw new ManifestError('USAGE', 'export needs --backend NAME', {
      hint: `use one of ${EXPORT_BACKENDS.join(', ')}`,
    });
  }
  const result = exportManifest({ ...projectOptions(ctx), backend: flags.backend });
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'export'),
      backend: result.backend,
      manifestFile: displayPath(ctx, result.manifestFile),
      file: result.file,
      text: result.text,
      inexpressible: result.inexpressible,
    });
    return 0;
  }
  ctx.io.stdout.write(result.text);
  const shown = displayPath(ctx, result.manifestFile);
  for (const line of result.inexpressible) {
    ctx.io.stderr.write(`${shown}: ${ctx.style.yellow('warning')}: ${line}\n`);
  }
  return 0;
}
