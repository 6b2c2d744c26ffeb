/**
 * `manifest validate [ARCHIVE...]`: the committed manifest against the tree (and, given archives,
 * against built sdists and wheels). Quiet on success; findings and a one-line summary otherwise.
 */
import { validateTree, type Finding } from '../../index.js';
import { exitCodeFor } from '../exit-code.js';
import { displayPath, findingJson, printFindings, writeJson, type Context } from '../context.js';
import { header } from './generate.js';

export interface ValidateFlags {
  archives: string[];
  namesOnly: boolean;
}

export function summarize(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export async function runValidate(ctx: Context, flags: ValidateFlags): Promise<number> {
  const options = {
    root: ctx.root,
    ...(ctx.manifestFile !== undefined ? { manifestFile: ctx.manifestFile } : {}),
  };
  const result = validateTree(options);
  const findings = [...result.findings];
  const code = exitCodeFor({ findings });
  if (ctx.json) {
    writeJson(ctx, {
      ...header(ctx, 'validate'),
      ok: code === 0,
      exitCode: code,
      manifestFile: displayPath(ctx, result.manifestFile),
      archives: flags.archives,
      findings: findings.map((f) => findingJson(ctx, f)),
    });
    return code;
  }
  if (findings.length === 0) return code;
  printFindings(ctx, findings);
  ctx.io.stdout.write(`${displayPath(ctx, result.manifestFile)}: ${summarize(findings)}\n`);
  return code;
}
