/**
 * Manifest → canonical text (MANIFEST-FORMAT.md §6): the format line, the generated-by comment,
 * both sections in order, entries sorted by DEST in code-point order, paths quoted only when
 * needed.
 *
 * Must not: validate. It formats what it is given. `expandRules` produces valid manifests, and the
 * round-trip property test checks that `parseManifest(formatManifest(m))` gives back `m`.
 */
import { comparePaths, sortEntries } from './order.js';
import { mayNeedQuoting, quotePath } from './path.js';
import type { Manifest, ManifestEntry } from './types.js';

/** Line 1 of every version-1 manifest (MANIFEST-FORMAT.md §2). */
export const FORMAT_LINE = '# pyproject-manifest v1';

/** Line 2 of the canonical form (MANIFEST-FORMAT.md §6.1). */
export const GENERATED_COMMENT =
  '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.';

/**
 * The canonical text of one entry line, without the newline (MANIFEST-FORMAT.md §4, §5.3).
 * @example formatEntry({ kind: 'mod', src: 'src/p/a.py', dest: 'p/a.py' }) // 'mod: src/p/a.py -> p/a.py'
 */
export function formatEntry(entry: ManifestEntry): string {
  // Joined, not concatenated: `join` makes one flat string, where `+` and template literals make a
  // rope of a node per piece (~90 instead of ~55 bytes for a short line). Findings keep their entry
  // line, and a manifest of a million missing files keeps a million (issue #12); no slower.
  if (entry.kind === 'mod' || entry.kind === 'alt')
    return [entry.kind, ': ', quotePath(entry.src), ' -> ', quotePath(entry.dest)].join('');
  return [entry.kind, ': ', quotePath(entry.dest)].join('');
}

/**
 * The canonical text of a manifest, ending with one LF. Byte-stable: formatting the parse of the
 * output gives the same text.
 * @example writeFileAtomic(path, formatManifest(manifest))
 */
export function formatManifest(manifest: Manifest): string {
  const lines = [FORMAT_LINE, GENERATED_COMMENT, '', '[sdist]'];
  for (const entry of sortEntries(manifest.sdist)) lines.push(formatEntry(entry));
  lines.push('', '[wheel]');
  for (const entry of sortEntries(manifest.wheel)) lines.push(formatEntry(entry));
  return `${lines.join('\n')}\n`;
}

/** Everything before the first `[sdist]` entry of the canonical form. */
const HEAD = `${FORMAT_LINE}\n${GENERATED_COMMENT}\n\n[sdist]\n`;
/** Between the sections. */
const BETWEEN = '\n[wheel]\n';
/** What `matchEntries` returns when the entries are not in canonical order. */
const UNSORTED = -2;

/** `at` + the length of `path` as written, when `text` has it at `at`; -1 otherwise. */
function matchPath(text: string, at: number, path: string, bare: boolean): number {
  const written = bare ? path : quotePath(path);
  return text.startsWith(written, at) ? at + written.length : -1;
}

/** Whether `entries[from…]` are strictly in DEST order. */
function isSortedFrom(entries: readonly ManifestEntry[], from: number): boolean {
  for (let i = Math.max(from, 1); i < entries.length; i++)
    if (comparePaths(entries[i - 1]!.dest, entries[i]!.dest) >= 0) return false;
  return true;
}

/** `at` past the line of `entry` (formatted, ending in LF) when `text` has it at `at`; else -1. */
function matchEntry(text: string, at: number, entry: ManifestEntry): number {
  const kind = entry.kind;
  // `KIND: `
  if (
    !text.startsWith(kind, at) ||
    text.charCodeAt(at + kind.length) !== 0x3a ||
    text.charCodeAt(at + kind.length + 1) !== 0x20
  )
    return -1;
  at += kind.length + 2;
  const dest = entry.dest;
  let destBare = false;
  if (entry.kind === 'mod' || entry.kind === 'alt') {
    const src = entry.src;
    const srcBare = !mayNeedQuoting(src);
    // A DEST that is SRC or its tail (the sdist; a wheel file below packages-dir) has no character
    // that SRC lacks: one scan decides both.
    destBare = srcBare && (dest === src || src.endsWith(dest));
    at = matchPath(text, at, src, srcBare);
    if (at < 0 || !text.startsWith(' -> ', at)) return -1;
    at += 4;
  }
  at = matchPath(text, at, dest, destBare || !mayNeedQuoting(dest));
  return at < 0 || text.charCodeAt(at) !== 0x0a ? -1 : at + 1;
}

/**
 * Where the lines of `entries` end in `text` when they are all there from `at`, in order; -1 when
 * they are not; UNSORTED when the entries are not strictly in DEST order (the canonical text would
 * hold them in another order). `ordered`: the caller knows they are.
 */
function matchEntries(
  text: string,
  at: number,
  entries: readonly ManifestEntry[],
  ordered: boolean,
): number {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (!ordered && i > 0 && comparePaths(entries[i - 1]!.dest, entry.dest) >= 0) return UNSORTED;
    at = matchEntry(text, at, entry);
    if (at < 0) return ordered || isSortedFrom(entries, i + 1) ? -1 : UNSORTED;
  }
  return at;
}

/**
 * Whether `text` is exactly `formatManifest(manifest)`, decided without building that text: line
 * by line against the entries, stopping at the first difference. Entries out of canonical order
 * are formatted and compared whole.
 * @param ordered the caller knows each section is strictly in DEST order, as `expandRules` returns
 *   them: their order is not checked again
 * @default ordered false
 * @example if (isFormatted(committedText, fresh.manifest)) { … nothing changed … }
 */
export function isFormatted(text: string, manifest: Manifest, ordered = false): boolean {
  if (!text.startsWith(HEAD)) return false;
  const sdist = matchEntries(text, HEAD.length, manifest.sdist, ordered);
  if (sdist === UNSORTED) return findFirstDifference(text, manifest) === undefined;
  if (sdist < 0 || !text.startsWith(BETWEEN, sdist)) return false;
  const wheel = matchEntries(text, sdist + BETWEEN.length, manifest.wheel, ordered);
  if (wheel === UNSORTED) return findFirstDifference(text, manifest) === undefined;
  return wheel === text.length;
}

/** The lines of `formatManifest(manifest)` one at a time, '' last (after the final LF). */
function* canonicalLines(manifest: Manifest): Generator<string, void, undefined> {
  yield FORMAT_LINE;
  yield GENERATED_COMMENT;
  yield '';
  yield '[sdist]';
  for (const entry of sortedSection(manifest.sdist)) yield formatEntry(entry);
  yield '';
  yield '[wheel]';
  for (const entry of sortedSection(manifest.wheel)) yield formatEntry(entry);
  yield '';
}

function sortedSection(entries: readonly ManifestEntry[]): readonly ManifestEntry[] {
  return isSortedFrom(entries, 1) ? entries : sortEntries(entries);
}

/** The first line where two texts' `split('\n')` differ. */
export interface LineDifference {
  /** 0-based. */
  index: number;
  /** The line of the text; undefined past its last. */
  actual: string | undefined;
  /** The line of the canonical text; undefined past its last. */
  expected: string | undefined;
}

/**
 * Where `text` first differs from `formatManifest(manifest)`, line by line as `split('\n')` would
 * cut both, or undefined when they are the same; decided without building the canonical text or
 * splitting either (a million-line manifest made two million-line arrays and a second copy of the
 * file; issue #12).
 */
export function findFirstDifference(text: string, manifest: Manifest): LineDifference | undefined {
  const expectedLines = canonicalLines(manifest);
  let at = 0;
  for (let index = 0; ; index++) {
    const next = expectedLines.next();
    const expected = next.done === true ? undefined : next.value;
    let actual: string | undefined;
    if (at <= text.length) {
      const end = text.indexOf('\n', at);
      actual = text.slice(at, end === -1 ? text.length : end);
      at = end === -1 ? text.length + 1 : end + 1;
    }
    if (actual === undefined && expected === undefined) return undefined;
    if (actual !== expected) return { index, actual, expected };
  }
}

/**
 * The 1-based line of each section's first entry in `formatManifest(manifest)`: the entry at
 * index `i` of a section (in canonical order) is on line `first + i`.
 */
export function firstEntryLines(manifest: Manifest): Record<'sdist' | 'wheel', number> {
  // Format line, comment, blank, [sdist]; after the sdist entries a blank line and [wheel].
  const sdist = 5;
  return { sdist, wheel: sdist + manifest.sdist.length + 2 };
}

/**
 * What `parseManifest(formatManifest(manifest))` returns (MANIFEST-FORMAT.md §6: the canonical text
 * parses back to the manifest), built without formatting or parsing: each section in DEST order,
 * every entry with its line in the canonical text and nothing else (no rule).
 * @param ordered each section is known to be strictly in DEST order (as `expandRules` returns it)
 * @default ordered false
 */
export function parsedFormat(manifest: Manifest, ordered = false): Manifest {
  const inOrder = ordered
    ? manifest
    : { ...manifest, sdist: sortEntries(manifest.sdist), wheel: sortEntries(manifest.wheel) };
  const first = firstEntryLines(inOrder);
  const lined = (entries: readonly ManifestEntry[], line: number): ManifestEntry[] =>
    entries.map((entry, i): ManifestEntry =>
      entry.kind === 'mod' || entry.kind === 'alt'
        ? { kind: entry.kind, src: entry.src, dest: entry.dest, line: line + i }
        : { kind: entry.kind, dest: entry.dest, line: line + i },
    );
  return {
    version: inOrder.version,
    sdist: lined(inOrder.sdist, first.sdist),
    wheel: lined(inOrder.wheel, first.wheel),
  };
}
