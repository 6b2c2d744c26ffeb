/**
 * `manifest validate [ARCHIVE...]`: the committed manifest against the tree and, given archives,
 * against built sdists and wheels. Quiet on success; otherwise findings grouped by file (the
 * manifest first, then each archive in the order given), each group closed by a one-line summary.
 */
import { resolve } from 'node:path';
import { docsAnchor, validateTree, type Finding } from '../../index.js';
import { walkedOptions } from '../listings.js';
import { exitCodeFor } from '../exit-code.js';
import {
  displayPath,
  findingJson,
  groupsJson,
  JsonList,
  printFindings,
  writeJson,
  type Context,
  projectOptions,
} from '../context.js';
import { header } from './generate.js';

export interface ValidateFlags {
  archives: string[];
  namesOnly: boolean;
}

export function summarize(findings: readonly Finding[]): string {
  let errors = 0;
  for (const finding of findings) if (finding.severity === 'error') errors++;
  const warnings = findings.length - errors;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export async function runValidate(ctx: Context, flags: ValidateFlags): Promise<number> {
  const options = projectOptions(ctx);
  const tree = validateTree(await walkedOptions(ctx));
  const progress = ctx.io.isTTY && !ctx.json && flags.archives.length > 0;
  const checked =
    flags.archives.length === 0
      ? undefined
      : // Loaded only when archives are given: the readers and hashing are most of this chunk.
        await (
          await import('../archives.js')
        ).validateArchives({
          ...options,
          archives: flags.archives.map((a) => resolve(ctx.io.cwd, a)),
          namesOnly: flags.namesOnly,
          manifest: tree.manifest,
          ...(progress
            ? {
                onArchive: (file: string, index: number, count: number) =>
                  ctx.io.stderr.write(
                    `\r\u001b[Kreading ${displayPath(ctx, file)} (${index + 1}/${count})`,
                  ),
              }
            : {}),
        });
  const archives = checked?.archives ?? [];
  if (progress) ctx.io.stderr.write('\r\u001b[K');
  // Not copied when there is nothing to add: a million findings are 8 MB of pointers (issue #12).
  const all =
    archives.length === 0
      ? tree.findings
      : [...tree.findings, ...archives.flatMap((a) => a.findings)];
  const code = exitCodeFor({ findings: all });
  if (ctx.json) {
    await writeJson(ctx, {
      ...header(ctx, 'validate'),
      ok: code === 0,
      exitCode: code,
      manifestFile: displayPath(ctx, tree.manifestFile),
      archives: archives.map((a) => ({
        file: displayPath(ctx, a.file),
        kind: a.kind,
        members: a.members,
        findings: new JsonList(a.findings, (f) => findingJson(ctx, f)),
      })),
      // Made as they are written: a million findings as JSON objects at once ran out of memory.
      findings: new JsonList(all, (f) => findingJson(ctx, f)),
      groups: groupsJson(ctx, all),
    });
    return code;
  }
  const groups: { file: string; findings: readonly Finding[]; what?: string }[] = [
    { file: tree.manifestFile, findings: tree.findings },
    ...archives.map((a) => ({
      file: a.file,
      findings: a.findings,
      what: `${a.kind}, ${a.members} members`,
    })),
  ];
  for (const group of groups) {
    if (group.findings.length === 0) continue;
    const lines = await printFindings(ctx, group.findings);
    const shown =
      lines < group.findings.length
        ? `shown in ${lines} line${lines === 1 ? '' : 's'}; --verbose for each`
        : undefined;
    const details = [group.what, shown].filter((d) => d !== undefined);
    const what = details.length > 0 ? ` (${details.join('; ')})` : '';
    ctx.io.stdout.write(`${displayPath(ctx, group.file)}: ${summarize(group.findings)}${what}\n`);
  }
  // A project still on the defaults whose build ships something else: the table can come from
  // the archives themselves.
  const differs = archives.some((a) =>
    a.findings.some((f) => f.code === 'ARCHIVE_MISSING_FILE' || f.code === 'ARCHIVE_EXTRA_FILE'),
  );
  if (checked !== undefined && !checked.hasTable && differs) {
    const named = flags.archives.join(' ');
    ctx.io.stdout.write(
      `pyproject.toml has no [tool.manifest] table: \`manifest init ${named}\` writes one that these archives match\n`,
    );
  }
  // Each code links its entry in docs/codes.md: once per distinct code, after the findings (with
  // --verbose, under each line too).
  if (all.length > 0 && !ctx.verbose) {
    const codes = new Set<Finding['code']>();
    for (const finding of all) codes.add(finding.code);
    ctx.io.stdout.write(
      `${ctx.style.dim(`see ${[...codes].map((c) => docsAnchor(c)).join(', ')}`)}\n`,
    );
  }
  return code;
}
