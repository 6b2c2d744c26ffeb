/** formatEntry and formatManifest: the canonical form (MANIFEST-FORMAT.md §5.2, §5.3, §6). */
import { describe, expect, it } from 'vitest';
import { formatEntry, formatManifest } from '../../src/manifest/format.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { needsQuoting, quotePath } from '../../src/manifest/path.js';
import type { ManifestEntry } from '../../src/manifest/types.js';

describe('quotePath', () => {
  it.each<[string, string]>([
    ['a/b.py', 'a/b.py'],
    ['naïve/年/😀', 'naïve/年/😀'],
    ['a b', 'a b'],
    ['#a', '#a'],
    ['[a]', '[a]'],
    ['a*?', 'a*?'],
    ['a->b', 'a->b'],
    ['{data}/x', '{data}/x'],
    [' a', '" a"'],
    ['a ', '"a "'],
    ['a\u00a0', '"a\u00a0"'],
    ['\ufeffa', '"\ufeffa"'],
    ['\u3000a', '"\u3000a"'],
    ['a -> b', '"a -> b"'],
    ['a\tb', '"a\\tb"'],
    ['a\nb', '"a\\nb"'],
    ['a\u001bb', '"a\\u001bb"'],
    ['a\u007fb', '"a\u007fb"'],
    ['a\u0085b', '"a\u0085b"'],
    ['a\u2028b', '"a\u2028b"'],
    ['a"b', '"a\\"b"'],
    ['a\\b', '"a\\\\b"'],
  ])('%j is written %s', (path, written) => {
    expect(quotePath(path)).toBe(written);
    expect(needsQuoting(path)).toBe(written !== path);
  });
});

describe('formatEntry', () => {
  it.each<[ManifestEntry, string]>([
    [{ kind: 'mod', src: 'src/p/a.py', dest: 'p/a.py' }, 'mod: src/p/a.py -> p/a.py'],
    [{ kind: 'mod', src: 'a -> b', dest: 'c', line: 9 }, 'mod: "a -> b" -> c'],
    [{ kind: 'dir', dest: 'p' }, 'dir: p'],
    [{ kind: 'gen', dest: 'p/_s.*.so' }, 'gen: p/_s.*.so'],
    [{ kind: 'gen', dest: 'p/\\*' }, 'gen: "p/\\\\*"'],
  ])('%o', (entry, line) => {
    expect(formatEntry(entry)).toBe(line);
  });
});

describe('formatManifest', () => {
  it('writes the canonical layout, sorted, ending in one LF', () => {
    const text = formatManifest({
      version: 1,
      sdist: [
        { kind: 'mod', src: 'pyproject.toml', dest: 'pyproject.toml' },
        { kind: 'mod', src: 'p/a.py', dest: 'p/a.py' },
        { kind: 'dir', dest: 'p' },
        { kind: 'gen', dest: 'PKG-INFO' },
      ],
      wheel: [],
    });
    expect(text).toBe(
      [
        '# pyproject-manifest v1',
        '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.',
        '',
        '[sdist]',
        'gen: PKG-INFO',
        'dir: p',
        'mod: p/a.py -> p/a.py',
        'mod: pyproject.toml -> pyproject.toml',
        '',
        '[wheel]',
        '',
      ].join('\n'),
    );
  });

  it('writes an empty manifest with both section headers', () => {
    expect(formatManifest({ version: 1, sdist: [], wheel: [] })).toMatch(
      /\n\[sdist\]\n\n\[wheel\]\n$/,
    );
  });

  it('is byte-stable through a parse', () => {
    const text = formatManifest({
      version: 1,
      sdist: [{ kind: 'mod', src: 'a\tb', dest: 'a\tb' }],
      wheel: [{ kind: 'mod', src: 'a\tb', dest: ' x' }],
    });
    expect(formatManifest(parseManifest(text, 'pyproject-manifest.txt'))).toBe(text);
  });
});
