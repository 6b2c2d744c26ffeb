/**
 * The committed manifest against the one the rules produce now: STALE_ENTRY, MISSING_SOURCE and
 * UNLISTED_FILE, per section, ordered by section then DEST.
 *
 * Pure and symmetric: entries are equal when kind, DEST and SRC are equal (line and rule are
 * ignored), so swapping the two manifests swaps STALE_ENTRY and UNLISTED_FILE, and comparing a
 * manifest with itself finds nothing. Must not: look at the file system. Whether a SRC exists is
 * passed in.
 */
import { formatEntry } from './format.js';
import { comparePaths } from './order.js';
import type { Finding, Manifest, ManifestEntry, RuleRef, Target } from './types.js';

const TARGETS: readonly Target[] = ['sdist', 'wheel'];

/** Identity of an entry for comparison: kind, DEST and SRC. */
function entryKey(entry: ManifestEntry): string {
  return `${entry.kind}\0${entry.dest}\0${entry.kind === 'mod' ? entry.src : ''}`;
}

function describeRule(rule: RuleRef): string {
  const where = rule.line !== undefined ? `${rule.source}:${rule.line}` : rule.source;
  const key = rule.key !== undefined ? ` ${rule.key}` : '';
  const pattern = rule.pattern !== undefined ? ` ${JSON.stringify(rule.pattern)}` : '';
  return `${where}${key}${pattern}`;
}

function entryArgs(entry: ManifestEntry): Finding['args'] {
  const args: Finding['args'] = { entry: formatEntry(entry) };
  if (entry.kind === 'mod') args.src = entry.src;
  if (entry.kind !== 'dir' && entry.rule !== undefined) args.rule = describeRule(entry.rule);
  return args;
}

/**
 * Compare the committed manifest with a freshly generated one.
 * @param committed the parsed manifest file (entries carry `line`)
 * @param fresh what the rules produce now (entries may carry `rule`)
 * @param file the manifest's project-relative path, for findings
 * @param existingSources tree paths that exist. When given, a committed `mod:` entry missing from
 *   `fresh` whose SRC is not in the set is MISSING_SOURCE instead of STALE_ENTRY.
 * @default existingSources undefined (every such entry is STALE_ENTRY)
 * @returns findings ordered by section, then DEST in code-point order
 * @example compareManifests(parseManifest(text, file), generateManifest({ root }).manifest, file)
 */
export function compareManifests(
  committed: Manifest,
  fresh: Manifest,
  file: string,
  existingSources?: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  for (const target of TARGETS) {
    const freshKeys = new Set(fresh[target].map(entryKey));
    const committedKeys = new Set(committed[target].map(entryKey));
    const section: { finding: Finding; tie: string }[] = [];
    for (const entry of committed[target]) {
      if (freshKeys.has(entryKey(entry))) continue;
      const missing =
        entry.kind === 'mod' && existingSources !== undefined && !existingSources.has(entry.src);
      section.push({
        tie: entryKey(entry),
        finding: {
          code: missing ? 'MISSING_SOURCE' : 'STALE_ENTRY',
          severity: 'error',
          file,
          ...(entry.line !== undefined ? { line: entry.line } : {}),
          target,
          path: entry.dest,
          args: entryArgs(entry),
        },
      });
    }
    for (const entry of fresh[target]) {
      if (committedKeys.has(entryKey(entry))) continue;
      section.push({
        tie: entryKey(entry),
        finding: {
          code: 'UNLISTED_FILE',
          severity: 'error',
          file,
          target,
          path: entry.dest,
          args: entryArgs(entry),
        },
      });
    }
    // DEST first; for one DEST (a changed SRC or kind) the key keeps the order independent of
    // which side an entry came from.
    section.sort(
      (a, b) => comparePaths(a.finding.path, b.finding.path) || comparePaths(a.tie, b.tie),
    );
    for (const { finding } of section) out.push(finding);
  }
  return out;
}
