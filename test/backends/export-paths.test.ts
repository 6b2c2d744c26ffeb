/**
 * The path lists `export --backend` writes: whole directories where they ship whole, a directory
 * less a few files where that is shorter, never a directory holding a file another key keeps.
 */
import { describe, expect, it } from 'vitest';
import {
  compressPaths,
  compressWithExceptions,
  prefixPair,
  pyGlobLiteral,
} from '../../src/backends/export.js';

const ALL = ['p/a.py', 'p/b.py', 'p/c.py', 'p/sub/d.py', 'docs/x.md', 'docs/y.md', 'README.md'];

describe('export paths', () => {
  it.each([
    ['a whole directory', ['p/a.py', 'p/b.py', 'p/c.py', 'p/sub/d.py'], ['p/']],
    [
      'a file where its directory does not ship whole',
      ['p/a.py', 'docs/x.md'],
      ['docs/x.md', 'p/a.py'],
    ],
    ['nested whole directory', ['p/sub/d.py', 'README.md'], ['README.md', 'p/sub/']],
  ])('compressPaths: %s', (_name, selected, expected) => {
    expect(compressPaths(new Set(selected), ALL)).toEqual(expected);
  });

  it('a directory less one file', () => {
    expect(compressWithExceptions(new Set(['p/a.py', 'p/b.py', 'p/sub/d.py']), ALL)).toEqual({
      include: ['p/'],
      exclude: ['p/c.py'],
    });
  });

  it('more left out than kept: the files', () => {
    expect(compressWithExceptions(new Set(['docs/x.md']), [...ALL, 'docs/z.md'])).toEqual({
      include: ['docs/x.md'],
      exclude: [],
    });
  });

  it('never a directory holding a forbidden file', () => {
    expect(
      compressWithExceptions(new Set(['p/sub/d.py']), ['p/sub/d.py'], new Set(['p/a.py'])),
    ).toEqual({ include: ['p/sub/'], exclude: [] });
  });

  it.each([
    ['src/pkg/a.py', 'pkg/a.py', ['src/', '']],
    ['pkg/a.py', 'pkg/a.py', ['', '']],
    ['bin/run.sh', 'pkg/bin/run.sh', ['', 'pkg/']],
  ])('prefixPair %s -> %s', (src, dest, pair) => {
    expect(prefixPair(src, dest)).toEqual(pair);
  });

  it('a path as a Python glob matching only itself', () => {
    expect(pyGlobLiteral('docs/[draft]*?.md')).toBe('docs/[[]draft][*][?].md');
  });
});
