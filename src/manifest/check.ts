/**
 * Whole-manifest rules that a parse cannot see (MANIFEST-FORMAT.md §4.5, §4.7, §4.8), and the
 * canonical-form check (§6). Both return findings: the file is wrong but readable, and
 * `manifest update` rewrites it.
 *
 * Must not: throw for any manifest `parseManifest` returns, or re-check what the parser enforces.
 */
import { formatEntry, formatManifest } from './format.js';
import { compileGenGlob, isGlob } from './glob.js';
import { comparePaths } from './order.js';
import type { Finding, FindingCode, Manifest, ManifestEntry, Target } from './types.js';

const TARGETS: readonly Target[] = ['sdist', 'wheel'];

/**
 * The directories a section must list as `dir:` lines (MANIFEST-FORMAT.md §4.5): proper ancestors
 * of `mod` and literal `gen` DESTs, and every prefix of a gen glob's literal leading segments.
 * Maps each directory to the first entry (in DEST order) that needs it.
 */
export function requiredDirs(entries: readonly ManifestEntry[]): Map<string, ManifestEntry> {
  const out = new Map<string, ManifestEntry>();
  const sorted = [...entries].sort((a, b) => comparePaths(a.dest, b.dest));
  for (const entry of sorted) {
    if (entry.kind === 'dir') continue;
    const segments = entry.dest.split('/');
    let limit = segments.length - 1;
    if (entry.kind === 'gen') {
      const globAt = segments.findIndex((s) => isGlob(s));
      if (globAt !== -1) limit = globAt;
    }
    for (let i = 1; i <= limit; i++) {
      const dir = segments.slice(0, i).join('/');
      if (!out.has(dir)) out.set(dir, entry);
    }
  }
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
  return {
    code,
    severity: 'error',
    file,
    ...(line !== undefined ? { line } : {}),
    target,
    path,
    args,
  };
}

/**
 * Check the rules of MANIFEST-FORMAT.md §4.5 (DIR_ENTRY_MISSING, DIR_ENTRY_EXTRA), §4.7
 * (GEN_SHADOWS_MOD) and §4.8 (WHEEL_SOURCE_NOT_IN_SDIST).
 * @returns findings ordered by section, then by path in code-point order
 * @example const findings = checkManifest(parseManifest(text, file), file);
 */
export function checkManifest(manifest: Manifest, file: string): Finding[] {
  const out: Finding[] = [];
  for (const target of TARGETS) {
    const entries = manifest[target];
    const section: Finding[] = [];
    const required = requiredDirs(entries);
    const listed = new Map<string, ManifestEntry>();
    for (const entry of entries) if (entry.kind === 'dir') listed.set(entry.dest, entry);
    for (const [dir, child] of required) {
      if (!listed.has(dir)) {
        section.push(
          finding(
            'DIR_ENTRY_MISSING',
            file,
            target,
            dir,
            { entry: formatEntry(child) },
            child.line,
          ),
        );
      }
    }
    for (const [dir, entry] of listed) {
      if (!required.has(dir))
        section.push(
          finding('DIR_ENTRY_EXTRA', file, target, dir, { entry: formatEntry(entry) }, entry.line),
        );
    }
    const globs = entries
      .filter((e) => e.kind === 'gen' && isGlob(e.dest))
      .map((gen) => ({ gen, match: compileGenGlob(gen.dest) }));
    for (const entry of entries) {
      if (entry.kind !== 'mod') continue;
      const shadow = globs.find((g) => g.match(entry.dest));
      if (shadow !== undefined) {
        section.push(
          finding(
            'GEN_SHADOWS_MOD',
            file,
            target,
            entry.dest,
            {
              entry: formatEntry(entry),
              kind: entry.kind,
              gen: formatEntry(shadow.gen),
              genLine: shadow.gen.line ?? 0,
            },
            entry.line,
          ),
        );
      }
    }
    if (target === 'wheel') {
      const sdistSources = new Set<string>();
      for (const entry of manifest.sdist) if (entry.kind === 'mod') sdistSources.add(entry.src);
      for (const entry of entries) {
        if (entry.kind === 'mod' && !sdistSources.has(entry.src)) {
          section.push(
            finding(
              'WHEEL_SOURCE_NOT_IN_SDIST',
              file,
              target,
              entry.dest,
              { entry: formatEntry(entry), src: entry.src },
              entry.line,
            ),
          );
        }
      }
    }
    // Stable: for one path, the order above (dir rule, gen rule, wheel rule) is kept.
    out.push(...section.sort((a, b) => comparePaths(a.path, b.path)));
  }
  return out;
}

type CanonicalReason = 'header' | 'comments' | 'blank lines' | 'quoting' | 'order';

/** Why line `index` (0-based) of `actual` differs from `expected`, the canonical text's lines. */
function classify(
  actual: string | undefined,
  expected: string | undefined,
  index: number,
  entryAt: Map<number, ManifestEntry>,
): CanonicalReason {
  if (index < 3) return 'header';
  if (actual?.startsWith('#') || expected?.startsWith('#')) return 'comments';
  if (actual === '' || expected === '' || actual === undefined || expected === undefined)
    return 'blank lines';
  const entry = entryAt.get(index + 1);
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
  const canonical = formatManifest(manifest);
  if (text === canonical) return [];
  const actual = text.split('\n');
  const expected = canonical.split('\n');
  let index = 0;
  while (index < actual.length && index < expected.length && actual[index] === expected[index])
    index++;
  const entryAt = new Map<number, ManifestEntry>();
  for (const target of TARGETS)
    for (const entry of manifest[target])
      if (entry.line !== undefined) entryAt.set(entry.line, entry);
  const reason = classify(actual[index], expected[index], index, entryAt);
  const entry = entryAt.get(index + 1);
  return [
    {
      code: 'MANIFEST_NOT_CANONICAL',
      severity: 'error',
      file,
      line: index + 1,
      path: entry?.dest ?? '',
      args: { reason, expected: expected[index] ?? '', received: actual[index] ?? '' },
    },
  ];
}
