/** comparePaths: code-point order (MANIFEST-FORMAT.md §6.3), never locale order. */
import { describe, expect, it } from 'vitest';
import { comparePaths, pathSortKey, sortByPath, sortEntries } from '../../src/manifest/order.js';
import type { ManifestEntry } from '../../src/manifest/types.js';

const sign = (n: number) => Math.sign(n);

describe('comparePaths', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['a', 'a', 0],
    ['a', 'b', -1],
    ['B', 'a', -1], // uppercase before lowercase: no case folding
    ['a', 'a/b', -1], // a dir sorts before its contents
    ['a-b', 'a/b', -1], // '-' U+002D < '/' U+002F
    ['a\tb', 'a/b', -1],
    ['a/b', 'a.b', 1], // '.' U+002E < '/' U+002F
    ['_x', 'a', -1], // '_' U+005F < 'a'
    ['{data}', 'z', 1], // '{' U+007B > 'z'
    ['z', 'é', -1],
    ['é', 'e\u0301', 1], // no normalization: U+00E9 > U+0065
    ['\uffff', '😀', -1], // U+FFFF < U+1F600, though its UTF-16 unit is larger than 0xD83D
    ['\ue000', '😀', -1],
    ['😀', '😁', -1],
    ['ch', 'h', -1], // Slovak collation puts "ch" after "h"; code points do not
    ['', 'a', -1],
  ])('%j vs %j: %i', (a, b, expected) => {
    expect(sign(comparePaths(a, b))).toBe(expected);
    expect(sign(comparePaths(b, a))).toBe(-expected || 0);
    expect(sign(Buffer.compare(Buffer.from(a), Buffer.from(b)))).toBe(expected);
  });

  it('sorts as `LC_ALL=C sort` would', () => {
    const paths = ['b', 'a/b', 'a', 'a-b', 'A', '_', 'ä', '😀', '\uffff', 'a.b'];
    expect([...paths].sort(comparePaths)).toEqual([
      'A',
      '_',
      'a',
      'a-b',
      'a.b',
      'a/b',
      'b',
      'ä',
      '\uffff',
      '😀',
    ]);
  });
});

describe('sortEntries', () => {
  it('sorts by DEST alone, whatever the kind, and is stable', () => {
    const entries: ManifestEntry[] = [
      { kind: 'mod', src: 'z', dest: 'p/a.py' },
      { kind: 'gen', dest: 'p/_v.py' },
      { kind: 'dir', dest: 'p' },
      { kind: 'mod', src: 'y', dest: 'PKG-INFO' },
    ];
    expect(sortEntries(entries).map((e) => e.dest)).toEqual(['PKG-INFO', 'p', 'p/_v.py', 'p/a.py']);
    expect(entries[0]?.dest).toBe('p/a.py'); // a new array
  });
});

describe('sortByPath and pathSortKey', () => {
  const samples = [
    'a',
    'a/b',
    'a-b',
    'b',
    '\uE000',
    '\u{1F600}',
    '\uFFFD',
    'é',
    'e\u0301',
    'Z',
    'a\tb',
    '',
  ];
  it('agree with comparePaths on every pair', () => {
    for (const x of samples) {
      for (const y of samples) {
        const native =
          pathSortKey(x) < pathSortKey(y) ? -1 : pathSortKey(x) > pathSortKey(y) ? 1 : 0;
        expect(native, `${JSON.stringify(x)} vs ${JSON.stringify(y)}`).toBe(
          Math.sign(comparePaths(x, y)),
        );
      }
    }
  });

  it('sorts like comparePaths, stably', () => {
    const items = [...samples, ...samples].map((path, i) => ({ path, i }));
    const expected = [...items].sort((a, b) => comparePaths(a.path, b.path) || a.i - b.i);
    expect(sortByPath([...items], (x) => x.path)).toEqual(expected);
  });
});
