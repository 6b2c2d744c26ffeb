/**
 * Properties of the manifest format (fast-check): parse∘format is the identity on valid
 * manifests, formatting is idempotent, comparePaths is UTF-8 byte order, compare(x, x) is empty,
 * and swapping compareManifests' arguments swaps STALE_ENTRY and UNLISTED_FILE.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCanonical, checkManifest, requiredDirs } from '../../src/manifest/check.js';
import { compareManifests } from '../../src/manifest/compare.js';
import { formatManifest } from '../../src/manifest/format.js';
import { compileGenGlob, isGlob } from '../../src/manifest/glob.js';
import { comparePaths, sortEntries } from '../../src/manifest/order.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Finding, Manifest, ManifestEntry } from '../../src/manifest/types.js';

const WELL_FORMED = /^(?:[^\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;

/** Characters that stress quoting, plus any code point. */
const char = fc.oneof(
  fc.constantFrom(
    'a',
    'b',
    '-',
    '>',
    ' ',
    '.',
    '_',
    '"',
    '\\',
    '\t',
    '\n',
    '\u0085',
    '\u2028',
    '\u00a0',
    '\ufeff',
    '\u007f',
    'é',
    '😀',
    '{',
    '#',
    '[',
    '*',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
const segment = fc
  .string({ unit: char, minLength: 1, maxLength: 6 })
  .filter(
    (s) =>
      WELL_FORMED.test(s) &&
      !s.includes('/') &&
      !s.includes('\0') &&
      s !== '.' &&
      s !== '..' &&
      s !== '{data}',
  );
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const wheelDest = fc.oneof(
  { weight: 4, arbitrary: path },
  { weight: 1, arbitrary: path.map((p) => `{data}/scripts/${p}`) },
);

/** Drop entries that would make the section invalid, then add exactly the required dir lines. */
function finishSection(entries: ManifestEntry[]): ManifestEntry[] {
  const byDest = new Map<string, ManifestEntry>();
  for (const entry of entries) if (!byDest.has(entry.dest)) byDest.set(entry.dest, entry);
  const globs = [...byDest.values()]
    .filter((e) => e.kind === 'gen' && isGlob(e.dest))
    .map((e) => compileGenGlob(e.dest));
  let kept = [...byDest.values()].filter((e) => !('src' in e) || !globs.some((m) => m(e.dest)));
  // A DEST that is also a required directory can never be valid (MANIFEST-FORMAT.md §4.5).
  const dirs = requiredDirs(kept);
  kept = kept.filter((e) => !dirs.has(e.dest));
  const final = requiredDirs(kept);
  return sortEntries([
    ...kept,
    ...[...final.keys()].map((dest): ManifestEntry => ({ kind: 'dir', dest })),
  ]);
}

const manifestArb: fc.Arbitrary<Manifest> = fc
  .record({
    files: fc.uniqueArray(fc.tuple(path, fc.boolean()), { maxLength: 8, selector: ([p]) => p }),
    gens: fc.array(
      path.filter((p) => !isGlob(p)),
      { maxLength: 2 },
    ),
    globs: fc.subarray(['p/*.so', 'x/**/[!a-c]?.pyd', '"\\*"/*']),
    // Each file and wheel pair is `mod:` or, when its flag is set, `alt:` (MANIFEST-FORMAT.md §4.9).
    wheel: fc.array(fc.tuple(fc.nat(), wheelDest, fc.boolean()), { maxLength: 6 }),
    wheelGlobs: fc.subarray(['p/_s.*.so', '**/_v.py']),
  })
  .map(({ files, gens, globs, wheel, wheelGlobs }) => {
    const sdist = finishSection([
      ...files.map(([f, alt]): ManifestEntry => ({ kind: alt ? 'alt' : 'mod', src: f, dest: f })),
      ...[...gens, ...globs].map((g): ManifestEntry => ({ kind: 'gen', dest: g })),
    ]);
    const sources = sdist.flatMap((e) => ('src' in e ? [e.src] : []));
    const wheelEntries: ManifestEntry[] = wheelGlobs.map((g) => ({ kind: 'gen', dest: g }));
    if (sources.length > 0) {
      for (const [n, dest, alt] of wheel) {
        const src = sources[n % sources.length] as string;
        wheelEntries.push({ kind: alt ? 'alt' : 'mod', src, dest });
      }
    }
    return { version: 1 as const, sdist, wheel: finishSection(wheelEntries) };
  });

const strip = (m: Manifest) => ({
  version: m.version,
  sdist: m.sdist.map(({ line: _l, ...e }) => e),
  wheel: m.wheel.map(({ line: _l, ...e }) => e),
});

const RUNS = { numRuns: 300 };

describe('manifest format properties', () => {
  it('parse∘format is the identity on valid manifests, which are canonical and have no findings', () => {
    fc.assert(
      fc.property(manifestArb, (manifest) => {
        const text = formatManifest(manifest);
        const parsed = parseManifest(text, 'pyproject-manifest.txt');
        expect(strip(parsed)).toEqual(manifest);
        expect(checkManifest(parsed, 'pyproject-manifest.txt')).toEqual([]);
        expect(checkCanonical(text, parsed, 'pyproject-manifest.txt')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('format is idempotent, whatever the input order', () => {
    fc.assert(
      fc.property(manifestArb, fc.boolean(), (manifest, reverse) => {
        const shuffled = reverse
          ? {
              ...manifest,
              sdist: [...manifest.sdist].reverse(),
              wheel: [...manifest.wheel].reverse(),
            }
          : manifest;
        const text = formatManifest(shuffled);
        expect(formatManifest(parseManifest(text, 'pyproject-manifest.txt'))).toBe(text);
        expect(text).toBe(formatManifest(manifest));
      }),
      RUNS,
    );
  });

  it('comparePaths agrees with Buffer.compare of the UTF-8 encodings', () => {
    const str = fc.string({ unit: 'binary', maxLength: 6 }).filter((s) => WELL_FORMED.test(s));
    fc.assert(
      fc.property(str, str, (a, b) => {
        expect(Math.sign(comparePaths(a, b))).toBe(
          Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('compare(x, x) is empty', () => {
    fc.assert(
      fc.property(manifestArb, (manifest) => {
        const parsed = parseManifest(formatManifest(manifest), 'pyproject-manifest.txt');
        expect(compareManifests(parsed, manifest, 'pyproject-manifest.txt', new Set())).toEqual([]);
        expect(compareManifests(manifest, manifest, 'pyproject-manifest.txt')).toEqual([]);
      }),
      RUNS,
    );
  });

  it('swapping the arguments swaps STALE_ENTRY and UNLISTED_FILE', () => {
    const key = (f: Finding, swap: boolean) => {
      const code = swap ? (f.code === 'STALE_ENTRY' ? 'UNLISTED_FILE' : 'STALE_ENTRY') : f.code;
      return JSON.stringify([code, f.target, f.path, f.args.entry]);
    };
    fc.assert(
      fc.property(manifestArb, manifestArb, (a, b) => {
        const ab = compareManifests(a, b, 'pyproject-manifest.txt').map((f) => key(f, true));
        const ba = compareManifests(b, a, 'pyproject-manifest.txt').map((f) => key(f, false));
        expect(ab.sort()).toEqual(ba.sort());
      }),
      RUNS,
    );
  });
});
