/**
 * The shortcuts validate and update take (#11) agree with what they replace, on random manifests
 * that need not be valid (stray and missing dir lines, gen globs shadowing mod lines, wheel sources
 * missing from the sdist, entries out of order, duplicate DESTs):
 * - `isFormatted(text, m)` is `text === formatManifest(m)`, for the canonical text and for texts
 *   one edit away from it;
 * - `parsedFormat(m)` is the parse of the canonical text, and `checkFormattedManifest(m)` gives
 *   exactly `checkManifest` of it;
 * - `compareManifests` (a merge in DEST order) gives what a comparison through sets of every entry
 *   gives, in the same order, with the existence of a SRC asked only for entries concerned;
 * - on real random trees, what expansion produces has exactly the dir lines §4.5 asks for (so
 *   validate need not check them when the file is what expansion produces).
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateManifest } from '../../src/api/generate.js';
import { checkFormattedManifest, checkManifest } from '../../src/manifest/check.js';
import { compareManifests } from '../../src/manifest/compare.js';
import {
  formatEntry,
  formatManifest,
  isFormatted,
  parsedFormat,
} from '../../src/manifest/format.js';
import { comparePaths, sortEntries } from '../../src/manifest/order.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Finding, Manifest, ManifestEntry, Target } from '../../src/manifest/types.js';
import { writeTree } from '../helpers/tree.js';

const FILE = 'pyproject-manifest.txt';

const segment = fc.constantFrom('a', 'b', 'p', 'q', 'x y', 'é', 'a-b', '😀', '\ue000', 'z\t');
const path = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
const glob = fc.constantFrom('p/*', 'a/**/b', '*.so', 'q/[!a]');

const entry = (target: Target): fc.Arbitrary<ManifestEntry> =>
  fc.oneof(
    {
      weight: 5,
      arbitrary: fc.tuple(path, path).map(([src, dest]) => ({
        kind: 'mod' as const,
        src: target === 'sdist' ? dest : src,
        dest,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(path, path).map(([src, dest]) => ({
        kind: 'alt' as const,
        src: target === 'sdist' ? dest : src,
        dest,
      })),
    },
    { weight: 2, arbitrary: path.map((dest) => ({ kind: 'dir' as const, dest })) },
    { weight: 1, arbitrary: fc.oneof(path, glob).map((dest) => ({ kind: 'gen' as const, dest })) },
  );

/** Any entries a parse could give back (one DEST per section), in canonical order or not. */
const parsable: fc.Arbitrary<Manifest> = fc
  .record({
    sdist: fc.uniqueArray(entry('sdist'), { maxLength: 10, selector: (e) => e.dest }),
    wheel: fc.uniqueArray(entry('wheel'), { maxLength: 10, selector: (e) => e.dest }),
    sorted: fc.boolean(),
  })
  .map(({ sdist, wheel, sorted }) => {
    const order = (entries: ManifestEntry[]) =>
      sorted ? entries.sort((a, b) => comparePaths(a.dest, b.dest)) : entries;
    return { version: 1 as const, sdist: order(sdist), wheel: order(wheel) };
  });

/** The same, plus duplicate DESTs (a manifest built by hand, handed to compareManifests). */
const anyManifest: fc.Arbitrary<Manifest> = fc
  .record({
    sdist: fc.array(entry('sdist'), { maxLength: 8 }),
    wheel: fc.array(entry('wheel'), { maxLength: 8 }),
  })
  .map(({ sdist, wheel }) => ({ version: 1 as const, sdist, wheel }));

/** Text one edit away from `text`: a line dropped, doubled, swapped with the next, or changed. */
const edited = (text: string): fc.Arbitrary<string> => {
  const lines = text.split('\n');
  return fc
    .tuple(fc.nat(lines.length - 1), fc.constantFrom('drop', 'double', 'swap', 'change', 'tail'))
    .map(([i, how]) => {
      const out = [...lines];
      if (how === 'drop') out.splice(i, 1);
      else if (how === 'double') out.splice(i, 0, out[i]!);
      else if (how === 'swap' && i + 1 < out.length) [out[i], out[i + 1]] = [out[i + 1]!, out[i]!];
      else if (how === 'change') out[i] = `${out[i]}x`;
      else return `${text}\n`;
      return out.join('\n');
    });
};

const RUNS = { numRuns: 400 };

const inOrder = (m: Manifest): Manifest => ({
  ...m,
  sdist: sortEntries(m.sdist),
  wheel: sortEntries(m.wheel),
});

/** The comparison as it was built before the merge: sets of keys, then one sort. */
function compareThroughSets(
  committed: Manifest,
  fresh: Manifest,
  exists: ReadonlySet<string> | undefined,
): Finding[] {
  const key = (e: ManifestEntry) => `${e.kind}\0${e.dest}\0${'src' in e ? e.src : ''}`;
  const out: Finding[] = [];
  for (const target of ['sdist', 'wheel'] as const) {
    const freshKeys = new Set(fresh[target].map(key));
    const committedKeys = new Set(committed[target].map(key));
    const section: { finding: Finding; tie: string }[] = [];
    // dir: lines are not compared: checkManifest judges them on the committed manifest (#12).
    for (const e of committed[target]) {
      if (e.kind === 'dir' || freshKeys.has(key(e))) continue;
      const missing = 'src' in e && exists !== undefined && !exists.has(e.src);
      section.push({
        tie: key(e),
        finding: {
          code: missing ? 'MISSING_SOURCE' : 'STALE_ENTRY',
          severity: 'error',
          file: FILE,
          ...(e.line !== undefined ? { line: e.line } : {}),
          target,
          path: e.dest,
          args: { entry: formatEntry(e), ...('src' in e ? { src: e.src } : {}) },
        },
      });
    }
    for (const e of fresh[target]) {
      if (e.kind === 'dir' || committedKeys.has(key(e))) continue;
      section.push({
        tie: key(e),
        finding: {
          code: 'UNLISTED_FILE',
          severity: 'error',
          file: FILE,
          target,
          path: e.dest,
          args: { entry: formatEntry(e), ...('src' in e ? { src: e.src } : {}) },
        },
      });
    }
    section.sort(
      (a, b) => comparePaths(a.finding.path, b.finding.path) || comparePaths(a.tie, b.tie),
    );
    out.push(...section.map((s) => s.finding));
  }
  return out;
}

describe('validate and update shortcuts', () => {
  it('isFormatted(text, m) is text === formatManifest(m), for the canonical text and edits of it', () => {
    fc.assert(
      fc.property(
        parsable.chain((m) => fc.tuple(fc.constant(m), edited(formatManifest(m)))),
        ([manifest, other]) => {
          const canonical = formatManifest(manifest);
          expect(isFormatted(canonical, manifest)).toBe(true);
          expect(isFormatted(other, manifest)).toBe(other === canonical);
          // Told the entries are in order (when they are), it decides the same.
          const ordered = inOrder(manifest);
          expect(isFormatted(canonical, ordered, true)).toBe(true);
          expect(isFormatted(other, ordered, true)).toBe(other === canonical);
        },
      ),
      RUNS,
    );
  });

  it('parsedFormat(m) is the parse of the canonical text', () => {
    fc.assert(
      fc.property(parsable, (manifest) => {
        const parsed = parseManifest(formatManifest(manifest), FILE);
        expect(parsedFormat(manifest)).toEqual(parsed);
        expect(parsedFormat(inOrder(manifest), true)).toEqual(parsed);
      }),
      RUNS,
    );
  });

  it('checkFormattedManifest(m) is checkManifest of the parsed canonical text', () => {
    fc.assert(
      fc.property(parsable, (manifest) => {
        const parsed = parseManifest(formatManifest(manifest), FILE);
        const expected = checkManifest(parsed, FILE);
        expect(checkFormattedManifest(manifest, FILE)).toEqual(expected);
        expect(checkFormattedManifest(inOrder(manifest), FILE, { ordered: true })).toEqual(
          expected,
        );
      }),
      RUNS,
    );
  });

  it('compareManifests gives what a comparison through sets gives, in the same order', () => {
    fc.assert(
      fc.property(
        anyManifest,
        anyManifest,
        fc.option(fc.uniqueArray(path, { maxLength: 6 })),
        (committed, fresh, existing) => {
          const set = existing === null ? undefined : new Set(existing);
          const expected = compareThroughSets(committed, fresh, set);
          expect(compareManifests(committed, fresh, FILE, set)).toEqual(expected);
          // A test instead of a set: asked only about the SRC of a mod line fresh lacks.
          const asked: string[] = [];
          const test = set && ((src: string) => (asked.push(src), set.has(src)));
          expect(compareManifests(committed, fresh, FILE, test)).toEqual(expected);
          const concerned = expected.filter((f) => f.code !== 'UNLISTED_FILE' && 'src' in f.args);
          expect(asked.length).toBe(set === undefined ? 0 : concerned.length);
        },
      ),
      RUNS,
    );
  });

  it('compareManifests of a parsed file keeps its lines', () => {
    fc.assert(
      fc.property(parsable, parsable, (a, b) => {
        const committed = parseManifest(formatManifest(a), FILE);
        expect(compareManifests(committed, b, FILE)).toEqual(
          compareThroughSets(committed, b, undefined),
        );
      }),
      RUNS,
    );
  });

  it('expansion lists exactly the dir lines §4.5 asks for, on random trees', () => {
    const name = fc.constantFrom('a', 'b', 'c', '__init__.py', 'x.py', 'y.txt', 'z.so');
    const file = fc.array(name, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const root = mkdtempSync(join(tmpdir(), 'pm-dirs-'));
    let run = 0;
    let skipped = 0;
    try {
      fc.assert(
        fc.property(
          fc.uniqueArray(file, { minLength: 1, maxLength: 12 }),
          fc.subarray(['p/*.so', 'p/gen/v.py', '**/*.txt', 'b/c/*']),
          fc.subarray(['/b', '*.so', 'c/']),
          (files, generated, exclude) => {
            const dir = join(root, String(run++));
            const spec: Record<string, string> = {
              'pyproject.toml': [
                '[project]',
                'name = "p"',
                '[tool.manifest]',
                `generated = ${JSON.stringify(generated)}`,
                `exclude = ${JSON.stringify(exclude)}`,
                '[tool.manifest.wheel]',
                'packages = ["p"]',
                '',
              ].join('\n'),
              'p/__init__.py': '',
            };
            // A path that is a file of another (a/b and a/b/c) cannot be written: keep the first.
            for (const file of files) {
              const path = `p/${file}`;
              const clash = Object.keys(spec).some(
                (other) => other.startsWith(`${path}/`) || path.startsWith(`${other}/`),
              );
              if (!clash) spec[path] = '';
            }
            writeTree(dir, spec);
            let manifest: Manifest;
            try {
              ({ manifest } = generateManifest({ root: dir }));
            } catch {
              skipped++;
              return; // a DEST conflict (a gen line on a directory): not a manifest
            }
            const parsed = parseManifest(formatManifest(manifest), FILE);
            const dirFindings = checkManifest(parsed, FILE).filter((f) =>
              f.code.startsWith('DIR_ENTRY'),
            );
            expect(dirFindings).toEqual([]);
          },
        ),
        { numRuns: 120 },
      );
      // Most runs must be real manifests, not conflicts skipped.
      expect(skipped).toBeLessThan(run / 4);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
