/**
 * The committed manifest against the one the rules produce now: STALE_ENTRY, MISSING_SOURCE and
 * UNLISTED_FILE, per section, ordered by section then DEST (for one DEST, by kind then SRC).
 *
 * `dir:` lines are not compared: they follow from the files (MANIFEST-FORMAT.md §4.5), so a
 * directory gained or lost shows as its files' findings, and a committed manifest whose dir lines
 * do not match its own files is reported by checkManifest (DIR_ENTRY_MISSING, DIR_ENTRY_EXTRA).
 *
 * Pure and symmetric: entries are equal when kind, DEST and SRC are equal (line and rule are
 * ignored), so swapping the two manifests swaps STALE_ENTRY and UNLISTED_FILE, and comparing a
 * manifest with itself finds nothing. Must not: look at the file system. Whether a SRC exists is
 * passed in.
 */
import { formatEntry } from './format.js';
import { comparePaths, sortByPath } from './order.js';
import type {
  Finding,
  FindingCode,
  Manifest,
  ManifestEntry,
  RuleRef,
  SourcedEntry,
  Target,
} from './types.js';

const TARGETS: readonly Target[] = ['sdist', 'wheel'];

/** Identity of an entry for comparison: kind, DEST and SRC. */
function entryKey(entry: ManifestEntry): string {
  return `${entry.kind}\0${entry.dest}\0${'src' in entry ? entry.src : ''}`;
}

function describeRule(rule: RuleRef): string {
  const where = rule.line !== undefined ? `${rule.source}:${rule.line}` : rule.source;
  const key = rule.key !== undefined ? ` ${rule.key}` : '';
  const pattern = rule.pattern !== undefined ? ` ${JSON.stringify(rule.pattern)}` : '';
  return `${where}${key}${pattern}`;
}

/**
 * The args of a finding about `entry`, made with all their keys at once (a fixed shape, no
 * property store beside the object): a manifest of a million missing files gives a million of
 * these (issue #12).
 */
function entryArgs(entry: ManifestEntry): Finding['args'] {
  const line = formatEntry(entry);
  if (entry.kind === 'dir') return { entry: line };
  const rule = entry.rule !== undefined ? describeRule(entry.rule) : undefined;
  if ('src' in entry)
    return rule !== undefined
      ? { entry: line, src: entry.src, rule }
      : { entry: line, src: entry.src };
  return rule !== undefined ? { entry: line, rule } : { entry: line };
}

/** Indexes of `entries` in DEST order (stable), checked in one pass and sorted only when needed. */
function destOrder(entries: readonly ManifestEntry[]): number[] {
  const order = entries.map((_, i) => i);
  for (let i = 1; i < entries.length; i++) {
    if (comparePaths(entries[i - 1]!.dest, entries[i]!.dest) > 0)
      return sortByPath(order, (k) => entries[k]!.dest);
  }
  return order;
}

/** Whether two entries with the same DEST are the same entry (kind and SRC). */
function sameEntry(a: ManifestEntry, b: ManifestEntry): boolean {
  return a.kind === b.kind && (!('src' in a) || a.src === (b as SourcedEntry).src);
}

/** One entry found on one side only: `before[index]` (`removed`) or `after[index]`. */
export interface EntryChange {
  removed: boolean;
  index: number;
}

/**
 * The entries of `before` that `after` lacks (`removed`) and the reverse, compared by kind, DEST
 * and SRC, in DEST order (for one DEST, by kind then SRC, whichever side an entry is on).
 *
 * Both lists are walked in DEST order side by side (a merge: a section is in canonical order
 * already unless its file is not, and is then sorted once), so the cost is one pass over each.
 */
export function diffEntries(
  before: readonly ManifestEntry[],
  after: readonly ManifestEntry[],
): EntryChange[] {
  const out: EntryChange[] = [];
  visitEntryChanges(before, after, (removed, index) => out.push({ removed, index }));
  return out;
}

/**
 * diffEntries, each change handed to `visit` as it is found instead of collected: a million
 * changes are a million objects otherwise, alive beside the findings made from them (issue #12).
 */
function visitEntryChanges(
  before: readonly ManifestEntry[],
  after: readonly ManifestEntry[],
  visit: (removed: boolean, index: number) => void,
): void {
  const beforeOrder = destOrder(before);
  const afterOrder = destOrder(after);
  const at = (entries: readonly ManifestEntry[], order: number[], k: number) =>
    k < entries.length ? entries[order[k]!]! : undefined;
  let i = 0;
  let j = 0;
  while (i < before.length || j < after.length) {
    const a = at(before, beforeOrder, i);
    const b = at(after, afterOrder, j);
    // Equal DESTs (nearly every pair) are settled by one string comparison.
    const order =
      a === undefined
        ? 1
        : b === undefined
          ? -1
          : a.dest === b.dest
            ? 0
            : comparePaths(a.dest, b.dest);
    const dest = order <= 0 ? a!.dest : b!.dest;
    const moreBefore = order <= 0 && at(before, beforeOrder, i + 1)?.dest === dest;
    const moreAfter = order >= 0 && at(after, afterOrder, j + 1)?.dest === dest;
    if (!moreBefore && !moreAfter) {
      if (order < 0) visit(true, beforeOrder[i++]!);
      else if (order > 0) visit(false, afterOrder[j++]!);
      else {
        if (!sameEntry(a!, b!)) {
          // A changed SRC or kind: both lines, ordered by kind then SRC.
          if (comparePaths(entryKey(a!), entryKey(b!)) <= 0) {
            visit(true, beforeOrder[i]!);
            visit(false, afterOrder[j]!);
          } else {
            visit(false, afterOrder[j]!);
            visit(true, beforeOrder[i]!);
          }
        }
        i++;
        j++;
      }
      continue;
    }
    // Several entries with one DEST on a side (only a manifest built by hand has them): the groups
    // are compared as sets of keys, as a whole-section comparison would, and ordered by key.
    const group = (entries: readonly ManifestEntry[], order: number[], from: number) => {
      const members: number[] = [];
      for (let k = from; k < entries.length && entries[order[k]!]!.dest === dest; k++)
        members.push(order[k]!);
      return members;
    };
    const olds = order <= 0 ? group(before, beforeOrder, i) : [];
    const nows = order >= 0 ? group(after, afterOrder, j) : [];
    i += olds.length;
    j += nows.length;
    const oldKeys = new Set(olds.map((k) => entryKey(before[k]!)));
    const nowKeys = new Set(nows.map((k) => entryKey(after[k]!)));
    const found: { change: EntryChange; tie: string }[] = [];
    for (const k of olds) {
      const key = entryKey(before[k]!);
      if (!nowKeys.has(key)) found.push({ tie: key, change: { removed: true, index: k } });
    }
    for (const k of nows) {
      const key = entryKey(after[k]!);
      if (!oldKeys.has(key)) found.push({ tie: key, change: { removed: false, index: k } });
    }
    found.sort((x, y) => comparePaths(x.tie, y.tie));
    for (const { change } of found) visit(change.removed, change.index);
  }
}

/**
 * Compare the committed manifest with a freshly generated one (by diffEntries: one pass over each
 * section in DEST order). The existence of a SRC is asked only for the committed entries that the
 * fresh manifest lacks.
 * @param committed the parsed manifest file (entries carry `line`)
 * @param fresh what the rules produce now (entries may carry `rule`)
 * @param file the manifest's project-relative path, for findings
 * @param existingSources which tree paths exist: a set, or a test asked once per SRC concerned. When
 *   given, a committed `mod:` or `alt:` entry missing from `fresh` whose SRC does not exist is MISSING_SOURCE
 *   instead of STALE_ENTRY.
 * @default existingSources undefined (every such entry is STALE_ENTRY)
 * @returns findings ordered by section, then DEST in code-point order
 * @example compareManifests(parseManifest(text, file), generateManifest({ root }).manifest, file)
 */
export function compareManifests(
  committed: Manifest,
  fresh: Manifest,
  file: string,
  existingSources?: ReadonlySet<string> | ((src: string) => boolean),
): Finding[] {
  const exists =
    existingSources === undefined || typeof existingSources === 'function'
      ? existingSources
      : (src: string) => existingSources.has(src);
  const out: Finding[] = [];
  for (const target of TARGETS) {
    visitEntryChanges(committed[target], fresh[target], (removed, index) => {
      if (removed) {
        const entry = committed[target][index]!;
        if (entry.kind === 'dir') return;
        const missing = 'src' in entry && exists !== undefined && !exists(entry.src);
        out.push(
          entryFinding(missing ? 'MISSING_SOURCE' : 'STALE_ENTRY', file, target, entry, entry.line),
        );
      } else {
        const entry = fresh[target][index]!;
        if (entry.kind !== 'dir')
          out.push(entryFinding('UNLISTED_FILE', file, target, entry, undefined));
      }
    });
  }
  return out;
}

/** A finding about `entry`, made with all its keys at once (see entryArgs). */
function entryFinding(
  code: FindingCode,
  file: string,
  target: Target,
  entry: ManifestEntry,
  line: number | undefined,
): Finding {
  const args = entryArgs(entry);
  const path = entry.dest;
  return line !== undefined
    ? { code, severity: 'error', file, line, target, path, args }
    : { code, severity: 'error', file, target, path, args };
}
