/**
 * Whole-manifest rules that a parse cannot see (MANIFEST-FORMAT.md §4.5, §4.7, §4.8), and the
 * canonical-form check (§6). Both return findings: the file is wrong but readable, and
 * `manifest update` rewrites it.
 *
 * Must not: throw for any manifest `parseManifest` returns, or re-check what the parser enforces.
 */
import { findFirstDifference, firstEntryLines, formatEntry, isFormatted } from './format.js';
import { compileGenGlob, isGlob } from './glob.js';
import { comparePaths, createSortedLookup, sortByPath, sortEntries } from './order.js';
import type { Finding, FindingCode, Manifest, ManifestEntry, Target } from './types.js';

const TARGETS: readonly Target[] = ['sdist', 'wheel'];

/**
 * Indexes of `entries` in DEST order (stable): `undefined` when they are in that order already, as
 * a canonical manifest and expansion's output are (the common case costs one pass, no copy).
 */
function destOrder(entries: readonly ManifestEntry[]): number[] | undefined {
  let sorted = true;
  for (let i = 1; i < entries.length && sorted; i++)
    sorted = comparePaths(entries[i - 1]!.dest, entries[i]!.dest) <= 0;
  if (sorted) return undefined;
  const order = entries.map((_, i) => i);
  return sortByPath(order, (i) => entries[i]!.dest);
}

/** The index of the last `/` in `path` before `end`, or -1 (a loop: `lastIndexOf` runs out of line). */
function lastSlash(path: string, end: number): number {
  let i = end - 1;
  while (i >= 0 && path.charCodeAt(i) !== 0x2f) i--;
  return i;
}

/** The end of the directories an entry needs (§4.5): its parent's, or a gen glob's literal lead. */
function neededDirsEnd(entry: ManifestEntry): number {
  const dest = entry.dest;
  if (entry.kind === 'gen' && isGlob(dest)) {
    // Up to the segment holding the first glob character.
    let end = -1;
    for (let i = 0; i < dest.length; i++) {
      const c = dest.charCodeAt(i);
      if (c === 0x2f) end = i;
      else if (c === 0x2a || c === 0x3f || c === 0x5b || c === 0x5c) return end;
    }
  }
  return lastSlash(dest, dest.length);
}

/**
 * The directories a section must list, each with the index of the first entry (in DEST order) that
 * needs it. Per entry only the parent is looked at when it is the previous entry's parent (the
 * common case in DEST order), so the cost is one scan of each DEST.
 */
function requiredDirIndexes(
  entries: readonly ManifestEntry[],
  order: readonly number[] | undefined,
): Map<string, number> {
  const out = new Map<string, number>();
  let parent = '';
  for (let k = 0; k < entries.length; k++) {
    const index = order === undefined ? k : order[k]!;
    const entry = entries[index]!;
    if (entry.kind === 'dir') continue;
    const dest = entry.dest;
    let end = neededDirsEnd(entry);
    if (end <= 0) continue;
    // Same directory as the previous entry's: it and its ancestors are in already.
    if (end === parent.length && dest.startsWith(parent)) continue;
    parent = dest.slice(0, end);
    while (end > 0) {
      const dir = dest.slice(0, end);
      if (out.has(dir)) break;
      out.set(dir, index);
      end = lastSlash(dest, end);
    }
  }
  return out;
}

/**
 * The directories a section must list as `dir:` lines (MANIFEST-FORMAT.md §4.5): proper ancestors
 * of `mod`, `alt` and literal `gen` DESTs, and every prefix of a gen glob's literal leading segments.
 * Maps each directory to the first entry (in DEST order) that needs it.
 */
export function requiredDirs(entries: readonly ManifestEntry[]): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>();
  for (const [dir, index] of requiredDirIndexes(entries, destOrder(entries)))
    out.set(dir, entries[index]!);
  return out;
}

function finding(
  code: FindingCode,
  file: string,
  target: Target,
  path: string,
  args: Finding['args'],
  line: number | undefined,
): Finding {
  // All keys at once: a fixed shape, without a property store beside the object (issue #12).
  return line !== undefined
    ? { code, severity: 'error', file, line, target, path, args }
    : { code, severity: 'error', file, target, path, args };
}

/** Where an entry is in the manifest file: its 1-based line, when known. */
type LineOf = (target: Target, index: number, entry: ManifestEntry) => number | undefined;

const parsedLine: LineOf = (_target, _index, entry) => entry.line;

/**
 * The SRC test of §4.8: whether the sdist ships a tree file `src` by a `mod` or `alt` line.
 * @param ordered the sdist is known to be strictly in DEST order
 */
function createSdistSourceTest(
  sdist: readonly ManifestEntry[],
  ordered: boolean,
): (src: string) => boolean {
  const sources: string[] = [];
  for (let i = 0; i < sdist.length; i++) {
    const entry = sdist[i]!;
    if ('src' in entry) sources.push(entry.src);
  }
  // In the sdist SRC equals DEST (§4.3): a section in DEST order lists its sources sorted.
  for (let i = 1; i < sources.length && !ordered; i++) {
    if (comparePaths(sources[i - 1]!, sources[i]!) >= 0) {
      const set = new Set(sources);
      return (src) => set.has(src);
    }
  }
  return createSortedLookup(sources, (source) => source);
}

/** How checkSections is run. */
interface CheckOptions {
  /** Each section is known to be strictly in DEST order. */
  ordered: boolean;
  /** Check §4.5 (dir lines). */
  dirLines: boolean;
}

/** checkManifest with the entries' lines given by `lineOf`. */
function checkSections(
  manifest: Manifest,
  file: string,
  lineOf: LineOf,
  { ordered, dirLines }: CheckOptions,
): Finding[] {
  const out: Finding[] = [];
  for (const target of TARGETS) {
    const entries = manifest[target];
    const section: Finding[] = [];
    const order = ordered ? undefined : destOrder(entries);
    const required = dirLines ? requiredDirIndexes(entries, order) : undefined;
    const listed = new Map<string, number>();
    const globs: { index: number; match: (path: string) => boolean }[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      if (entry.kind === 'dir') listed.set(entry.dest, i);
      else if (entry.kind === 'gen' && isGlob(entry.dest))
        globs.push({ index: i, match: compileGenGlob(entry.dest) });
    }
    if (required !== undefined) {
      for (const [dir, index] of required) {
        if (!listed.has(dir)) {
          const child = entries[index]!;
          section.push(
            finding(
              'DIR_ENTRY_MISSING',
              file,
              target,
              dir,
              { entry: formatEntry(child) },
              lineOf(target, index, child),
            ),
          );
        }
      }
      for (const [dir, index] of listed) {
        if (!required.has(dir)) {
          const entry = entries[index]!;
          section.push(
            finding(
              'DIR_ENTRY_EXTRA',
              file,
              target,
              dir,
              { entry: formatEntry(entry) },
              lineOf(target, index, entry),
            ),
          );
        }
      }
    }
    if (globs.length > 0) {
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        // §4.7, and §4.9: an `alt` DEST is shadowed like a `mod` one.
        if (entry.kind !== 'mod' && entry.kind !== 'alt') continue;
        const shadow = globs.find((g) => g.match(entry.dest));
        if (shadow === undefined) continue;
        const gen = entries[shadow.index]!;
        section.push(
          finding(
            'GEN_SHADOWS_MOD',
            file,
            target,
            entry.dest,
            {
              entry: formatEntry(entry),
              kind: entry.kind,
              gen: formatEntry(gen),
              genLine: lineOf(target, shadow.index, gen) ?? 0,
            },
            lineOf(target, i, entry),
          ),
        );
      }
    }
    if (target === 'wheel') {
      const inSdist = createSdistSourceTest(manifest.sdist, ordered);
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i]!;
        if ('src' in entry && !inSdist(entry.src)) {
          section.push(
            finding(
              'WHEEL_SOURCE_NOT_IN_SDIST',
              file,
              target,
              entry.dest,
              { entry: formatEntry(entry), src: entry.src },
              lineOf(target, i, entry),
            ),
          );
        }
      }
    }
    // Stable: for one path, the order above (dir rule, gen rule, wheel rule) is kept.
    // One push per finding: a spread passes each as an argument, and past ~150,000 overflows.
    for (const finding of section.sort((a, b) => comparePaths(a.path, b.path))) out.push(finding);
  }
  return out;
}

/**
 * Check the rules of MANIFEST-FORMAT.md §4.5 (DIR_ENTRY_MISSING, DIR_ENTRY_EXTRA), §4.7
 * (GEN_SHADOWS_MOD) and §4.8 (WHEEL_SOURCE_NOT_IN_SDIST).
 * @returns findings ordered by section, then by path in code-point order
 * @example const findings = checkManifest(parseManifest(text, file), file);
 */
export function checkManifest(manifest: Manifest, file: string): Finding[] {
  return checkSections(manifest, file, parsedLine, { ordered: false, dirLines: true });
}

/**
 * checkManifest for a manifest whose file is known to be exactly `formatManifest(manifest)` (see
 * `isFormatted`): the findings are those of the file's parse, which is `manifest` (the round trip
 * of MANIFEST-FORMAT.md §6), with each entry's line taken from its place in the canonical text
 * instead of a parse.
 * @param options.ordered each section is known to be strictly in DEST order (as `expandRules`
 *   returns it)
 * @param options.dirLines check §4.5: false for a manifest from `expandRules`, which lists exactly
 *   the directories §4.5 requires (test/property/fast-paths.test.ts), so there is nothing to find
 * @default options { ordered: false, dirLines: true }
 */
export function checkFormattedManifest(
  manifest: Manifest,
  file: string,
  { ordered = false, dirLines = true }: Partial<CheckOptions> = {},
): Finding[] {
  // The file holds each section in DEST order: so must the entries whose index gives the line.
  const inOrder =
    ordered || (destOrder(manifest.sdist) === undefined && destOrder(manifest.wheel) === undefined)
      ? manifest
      : { ...manifest, sdist: sortEntries(manifest.sdist), wheel: sortEntries(manifest.wheel) };
  const first = firstEntryLines(inOrder);
  return checkSections(inOrder, file, (target, index) => first[target] + index, {
    ordered,
    dirLines,
  });
}

type CanonicalReason = 'header' | 'comments' | 'blank lines' | 'quoting' | 'order';

/** Why line `index` (0-based) of the text, `actual`, differs from the canonical text's `expected`. */
function classify(
  actual: string | undefined,
  expected: string | undefined,
  index: number,
  entry: ManifestEntry | undefined,
): CanonicalReason {
  if (index < 3) return 'header';
  if (actual?.startsWith('#') || expected?.startsWith('#')) return 'comments';
  if (actual === '' || expected === '' || actual === undefined || expected === undefined)
    return 'blank lines';
  if (entry !== undefined && formatEntry(entry) !== actual) return 'quoting';
  return 'order';
}

/**
 * MANIFEST_NOT_CANONICAL when `text` is not byte-identical to `formatManifest(manifest)`
 * (MANIFEST-FORMAT.md §6), at the first differing line, with `args.reason` one of `header`,
 * `comments`, `blank lines`, `quoting` or `order`, plus `expected` and `received` lines.
 * @param manifest the parse of `text`
 * @example findings.push(...checkCanonical(text, parseManifest(text, file), file));
 */
export function checkCanonical(text: string, manifest: Manifest, file: string): Finding[] {
  if (isFormatted(text, manifest)) return [];
  const difference = findFirstDifference(text, manifest);
  if (difference === undefined) return [];
  const { index, actual, expected } = difference;
  // The entry parsed from the differing line, if it holds one.
  let entry: ManifestEntry | undefined;
  for (const target of TARGETS)
    for (const candidate of manifest[target]) if (candidate.line === index + 1) entry = candidate;
  const reason = classify(actual, expected, index, entry);
  return [
    {
      code: 'MANIFEST_NOT_CANONICAL',
      severity: 'error',
      file,
      line: index + 1,
      path: entry?.dest ?? '',
      args: { reason, expected: expected ?? '', received: actual ?? '' },
    },
  ];
}
