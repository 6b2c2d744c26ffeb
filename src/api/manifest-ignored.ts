/**
 * Whether git ignores the manifest itself (issue #9, "First contact"): then `git add -A` skips it,
 * `git add` refuses it, and a fresh clone has no manifest (MANIFEST_NOT_FOUND). Writers and
 * `validate` warn (MANIFEST_IGNORED) with the ignore file's line and the fix; a missing manifest's
 * MANIFEST_NOT_FOUND names the same line in its hint.
 *
 * Owns: the question and its wording's data. The answer is the walker's own `probePath` with git's
 * ignore files (every `.gitignore`, those above the project in an enclosing repository included),
 * whatever `ignore-file` says: it is git that skips the file. `probePath` decides the last segment
 * with `IgnoreStack.explain`, so the line is the one `git check-ignore -v` prints.
 * Must not: write, or warn about a built-in exclusion (a manifest under the root `dist/` is the
 * walker's business, not git's).
 */
import { dirname, relative, resolve, sep } from 'node:path';
import type { Finding, RuleRef } from '../manifest/types.js';
import { escapeGitignoreLiteral } from '../rules/patterns.js';
import { probePath } from '../tree/walk.js';

/** What ignores the manifest: the deciding line, and the directory it excludes when not the file. */
export interface ManifestIgnored {
  rule: RuleRef & { kind: 'ignore-file'; line: number };
  /** The excluded directory that holds the manifest (project-relative; `.`, `..` above), if any. */
  hiddenBy?: string;
  /** The line to add after `rule` in its file to keep the manifest (when no directory is excluded). */
  negation?: string;
}

/**
 * The `.gitignore` line that makes git ignore `manifestFile` (project-relative), or undefined.
 * @example findManifestIgnored('/p', 'pyproject-manifest.txt')?.rule // { source: '.gitignore', line: 12, pattern: '*.txt', … }
 */
export function findManifestIgnored(
  root: string,
  manifestFile: string,
): ManifestIgnored | undefined {
  const probe = probePath(root, manifestFile);
  const { rule } = probe;
  if (!probe.ignored || rule?.kind !== 'ignore-file' || rule.line === undefined) return undefined;
  const found = { ...rule, kind: 'ignore-file' as const, line: rule.line };
  if (probe.hiddenBy !== undefined) return { rule: found, hiddenBy: probe.hiddenBy };
  // Anchored to the ignore file's directory, so that it names this one file.
  const fromFile = relative(dirname(resolve(root, rule.source)), resolve(root, manifestFile));
  const negation = `!/${escapeGitignoreLiteral(fromFile.split(sep).join('/'))}`;
  return { rule: found, negation };
}

/** The hint for an ignored manifest: what to add where, or why a `!` line cannot help. */
export function describeIgnoredFix(ignored: ManifestIgnored): string {
  const { rule } = ignored;
  if (ignored.negation !== undefined) {
    return `add \`${ignored.negation}\` to ${rule.source} after line ${rule.line}, or give the manifest a name it does not match (--manifest)`;
  }
  const dir =
    ignored.hiddenBy === '.' ? 'the project directory' : `the directory ${ignored.hiddenBy}/`;
  return `${dir} is ignored, and git cannot re-include a file below an ignored directory: stop ignoring it in ${rule.source}, or keep the manifest elsewhere (--manifest)`;
}

/**
 * The MANIFEST_IGNORED warning for `manifestFile`, at the ignore file's line, or undefined when
 * git does not ignore it.
 */
export function checkManifestIgnored(root: string, manifestFile: string): Finding | undefined {
  const ignored = findManifestIgnored(root, manifestFile);
  if (ignored === undefined) return undefined;
  const { rule } = ignored;
  return {
    code: 'MANIFEST_IGNORED',
    severity: 'warning',
    file: rule.source,
    line: rule.line,
    path: manifestFile,
    args: {
      manifest: manifestFile,
      source: rule.source,
      line: rule.line,
      pattern: rule.pattern ?? '',
      fix: describeIgnoredFix(ignored),
      ...(ignored.hiddenBy !== undefined ? { hiddenBy: ignored.hiddenBy } : {}),
      ...(ignored.negation !== undefined ? { negation: ignored.negation } : {}),
    },
  };
}

/**
 * What a manifest write at `manifestFile` would warn about before it is made (init --dry-run):
 * MANIFEST_IGNORED when an ignore file ignores it.
 */
export function plannedManifestWarnings(root: string, manifestFile: string): Finding[] {
  const finding = checkManifestIgnored(root, manifestFile);
  return finding !== undefined ? [finding] : [];
}
