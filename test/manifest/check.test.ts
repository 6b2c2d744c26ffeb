/**
 * checkManifest (MANIFEST-FORMAT.md §4.5, §4.7, §4.8) and checkCanonical (§6), on parsed text.
 */
import { describe, expect, it } from 'vitest';
import { checkCanonical, checkManifest } from '../../src/manifest/check.js';
import { formatManifest } from '../../src/manifest/format.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { CHECK_CANONICAL, CHECK_MANIFEST, canonicalText as text } from '../cases/manifest.js';
function check(sdist: string[], wheel: string[] = []) {
  return checkManifest(
    parseManifest(text(sdist, wheel), 'pyproject-manifest.txt'),
    'pyproject-manifest.txt',
  ).map((f) => [f.code, f.target, f.path, f.line]);
}

describe('checkManifest', () => {
  it.each(CHECK_MANIFEST)('%s', (_name, sdist, wheel, expected) => {
    expect(check(sdist, wheel)).toEqual(expected);
  });

  it('names the gen entry that shadows', () => {
    const manifest = parseManifest(
      text(['gen: *.so', 'mod: a.so -> a.so']),
      'pyproject-manifest.txt',
    );
    const [finding] = checkManifest(manifest, 'pyproject-manifest.txt');
    expect(finding?.args).toEqual({
      entry: 'mod: a.so -> a.so',
      kind: 'mod',
      gen: 'gen: *.so',
      genLine: 5,
    });
  });
});

describe('checkCanonical', () => {
  const canonical = text(['gen: PKG-INFO', 'mod: a b -> a b', 'mod: b -> b']);
  const reasonOf = (t: string) => {
    const findings = checkCanonical(
      t,
      parseManifest(t, 'pyproject-manifest.txt'),
      'pyproject-manifest.txt',
    );
    return findings.map((f) => [f.code, f.line, f.args.reason]);
  };

  it.each(CHECK_CANONICAL)('%s', (_name, t, expected) => {
    expect(reasonOf(t)).toEqual(expected);
  });

  it('passes whatever formatManifest writes', () => {
    const manifest = parseManifest(
      text(['mod: "x\\ty" -> "x\\ty"', 'dir: d', 'mod: d/é -> d/é']),
      'pyproject-manifest.txt',
    );
    const formatted = formatManifest(manifest);
    expect(
      checkCanonical(
        formatted,
        parseManifest(formatted, 'pyproject-manifest.txt'),
        'pyproject-manifest.txt',
      ),
    ).toEqual([]);
  });

  it('gives the expected and received lines', () => {
    const t = canonical.replace('mod: b -> b', 'mod: "b" -> b');
    const [finding] = checkCanonical(
      t,
      parseManifest(t, 'pyproject-manifest.txt'),
      'pyproject-manifest.txt',
    );
    expect(finding?.args).toMatchObject({ expected: 'mod: b -> b', received: 'mod: "b" -> b' });
    expect(finding?.path).toBe('b');
  });
});
