/** formatEntry and formatManifest: the canonical form (MANIFEST-FORMAT.md §5.2, §5.3, §6). */
import { describe, expect, it } from 'vitest';
import { formatEntry, formatManifest } from '../../src/manifest/format.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { needsQuoting, quotePath } from '../../src/manifest/path.js';
import { FORMAT_ENTRY, QUOTE_PATH } from '../cases/manifest.js';

describe('quotePath', () => {
  it.each(QUOTE_PATH)('%j is written %s', (path, written) => {
    expect(quotePath(path)).toBe(written);
    expect(needsQuoting(path)).toBe(written !== path);
  });
});

describe('formatEntry', () => {
  it.each(FORMAT_ENTRY)('%o', (entry, line) => {
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
