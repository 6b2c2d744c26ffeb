/**
 * parseManifest: valid forms give the entries, and each invalid form of MANIFEST-FORMAT.md §1–§5
 * and §8 gives its code at the right line and column.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError, ManifestErrors } from '../../src/errors.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { ManifestEntry } from '../../src/manifest/types.js';
import { PARSE_INVALID, PARSE_VALID, doc, sdist } from '../cases/manifest.js';

function errorsOf(text: string): { code: string; line?: number; column?: number }[] {
  try {
    parseManifest(text, 'pyproject-manifest.txt');
  } catch (error) {
    const list = error instanceof ManifestErrors ? error.errors : [error as ManifestError];
    return list.map((e) => ({ code: e.code, line: e.line, column: e.column }));
  }
  return [];
}

const strip = (entries: ManifestEntry[]) => entries.map(({ line: _line, ...rest }) => rest);

describe('parseManifest: valid', () => {
  it.each(PARSE_VALID)('%s', (_name, text, sdistEntries, wheelEntries) => {
    const manifest = parseManifest(text, 'pyproject-manifest.txt');
    expect(manifest.version).toBe(1);
    expect(strip(manifest.sdist)).toEqual(sdistEntries);
    expect(strip(manifest.wheel)).toEqual(wheelEntries);
  });

  it('records the 1-based line of each entry', () => {
    const manifest = parseManifest(
      doc('', '[sdist]', '# c', 'dir: a', '[wheel]', 'dir: b'),
      'pyproject-manifest.txt',
    );
    expect(manifest.sdist[0]?.line).toBe(5);
    expect(manifest.wheel[0]?.line).toBe(7);
  });
});

describe('parseManifest: invalid', () => {
  it.each(PARSE_INVALID)('%s', (_name, text, code, line, column) => {
    expect(errorsOf(text)).toEqual([{ code, line, column }]);
  });
});

describe('parseManifest: error reporting', () => {
  it('collects every error in the file, in line order', () => {
    const text = doc('[sdist]', 'mv: a', 'dir: /a', 'dir: b', 'dir: b', '[wheel]', 'dir: c ');
    expect(errorsOf(text)).toEqual([
      { code: 'MANIFEST_SYNTAX', line: 3, column: 1 },
      { code: 'MANIFEST_INVALID_PATH', line: 4, column: 6 },
      { code: 'MANIFEST_DUPLICATE', line: 6, column: 6 },
      { code: 'MANIFEST_SYNTAX', line: 8, column: 7 },
    ]);
  });

  it('stops at 50 errors', () => {
    const bad = Array.from({ length: 80 }, (_, i) => `bad line ${i}`);
    expect(errorsOf(sdist(...bad))).toHaveLength(50);
  });

  it('reports a CR once for the whole file', () => {
    const errors = errorsOf(sdist('dir: a', 'dir: b').replaceAll('\n', '\r\n'));
    expect(errors).toEqual([{ code: 'MANIFEST_SYNTAX', line: 1, column: 24 }]);
  });

  it('reports only the version error, whatever follows', () => {
    expect(errorsOf('# pyproject-manifest v9\nthis is not a v1 manifest\n')).toEqual([
      { code: 'MANIFEST_VERSION', line: 1, column: 23 },
    ]);
  });

  it('carries file, received text and a hint, in one line', () => {
    let caught: unknown;
    try {
      parseManifest(sdist('mod: a -> b'), 'sub/pyproject-manifest.txt');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ManifestError);
    const error = caught as ManifestError;
    expect(error.file).toBe('sub/pyproject-manifest.txt');
    expect(error.received).toBe('mod: a -> b');
    expect(error.hint).toBeTruthy();
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('DEST must equal SRC');
  });

  it('hints at upgrading for a newer version', () => {
    try {
      parseManifest('# pyproject-manifest v2\n', 'pyproject-manifest.txt');
      expect.unreachable();
    } catch (error) {
      expect((error as ManifestError).hint).toMatch(/upgrade/);
      expect((error as ManifestError).message).toMatch(/version 2 is not supported/);
    }
  });
});

describe('parseManifest: messages name the kind', () => {
  it.each<[string, string, RegExp]>([
    ['unknown kind', sdist('mv: a -> a'), /expected "mod:", "alt:", "dir:" or "gen:"/],
    ['alt without arrow', sdist('alt: a'), /expected "alt: SRC -> DEST"/],
    ['alt without path', sdist('alt:'), /expected "alt: SRC -> DEST"/],
    ['sdist alt DEST differs', sdist('alt: a -> b'), /expected "alt: a -> a"/],
  ])('%s', (_name, text, message) => {
    try {
      parseManifest(text, 'pyproject-manifest.txt');
      expect.unreachable();
    } catch (error) {
      expect((error as ManifestError).message).toMatch(message);
    }
  });
});
