/**
 * checkManifest (MANIFEST-FORMAT.md §4.5, §4.7, §4.8) and checkCanonical (§6), on parsed text.
 */
import { describe, expect, it } from 'vitest';
import { checkCanonical, checkManifest } from '../../src/manifest/check.js';
import { formatManifest } from '../../src/manifest/format.js';
import { parseManifest } from '../../src/manifest/parse.js';

const HEAD = [
  '# pyproject-manifest v1',
  '# Generated from [tool.manifest] in pyproject.toml by `manifest update`; do not edit by hand.',
  '',
];
/** Canonical-looking text with these section lines. */
function text(sdist: string[], wheel: string[] = []): string {
  return [...HEAD, '[sdist]', ...sdist, '', '[wheel]', ...wheel].join('\n') + '\n';
}
function check(sdist: string[], wheel: string[] = []) {
  return checkManifest(
    parseManifest(text(sdist, wheel), 'pyproject-manifest.txt'),
    'pyproject-manifest.txt',
  ).map((f) => [f.code, f.target, f.path, f.line]);
}

describe('checkManifest', () => {
  it.each<[string, string[], string[], unknown[][]]>([
    ['valid', ['dir: p', 'mod: p/a.py -> p/a.py'], ['dir: p', 'mod: p/a.py -> p/a.py'], []],
    ['top-level files need no dir', ['gen: PKG-INFO', 'mod: a -> a'], [], []],
    ['missing dir', ['mod: p/a.py -> p/a.py'], [], [['DIR_ENTRY_MISSING', 'sdist', 'p', 5]]],
    [
      'missing nested dirs',
      ['dir: p', 'mod: p/q/r/a -> p/q/r/a'],
      [],
      [
        ['DIR_ENTRY_MISSING', 'sdist', 'p/q', 6],
        ['DIR_ENTRY_MISSING', 'sdist', 'p/q/r', 6],
      ],
    ],
    [
      'extra dir',
      ['dir: p', 'dir: q', 'mod: p/a -> p/a'],
      [],
      [['DIR_ENTRY_EXTRA', 'sdist', 'q', 6]],
    ],
    ['a dir alone is extra', ['dir: p'], [], [['DIR_ENTRY_EXTRA', 'sdist', 'p', 5]]],
    ['gen literal needs its dirs', [], ['gen: p/_v.py'], [['DIR_ENTRY_MISSING', 'wheel', 'p', 7]]],
    ['gen glob needs its literal leading dirs', [], ['dir: p', 'dir: p/q', 'gen: p/q/*.so'], []],
    [
      'gen glob dirs stop at the glob segment',
      [],
      ['dir: p', 'dir: p/x', 'gen: p/*/x.so'],
      [['DIR_ENTRY_EXTRA', 'wheel', 'p/x', 8]],
    ],
    ['an escaped segment is not literal', [], ['dir: p', 'gen: "p/\\\\*/x"'], []],
    [
      '{data} dirs are ordinary dirs',
      ['mod: a -> a'],
      ['mod: a -> {data}/scripts/a'],
      [
        ['DIR_ENTRY_MISSING', 'wheel', '{data}', 8],
        ['DIR_ENTRY_MISSING', 'wheel', '{data}/scripts', 8],
      ],
    ],
    [
      'a file that is also a dir',
      ['mod: a -> a', 'mod: a/b -> a/b'],
      [],
      [['DIR_ENTRY_MISSING', 'sdist', 'a', 6]],
    ],
    [
      'gen glob shadows a mod',
      ['dir: p', 'mod: p/_s.x.so -> p/_s.x.so', 'gen: p/_s.*.so'],
      [],
      [['GEN_SHADOWS_MOD', 'sdist', 'p/_s.x.so', 6]],
    ],
    [
      'gen glob does not match dirs as files',
      [],
      ['dir: p', 'gen: p/*', 'dir: p/q', 'gen: p/q/x'],
      [],
    ],
    [
      'wheel source not in sdist',
      ['mod: a -> a'],
      ['mod: b -> b'],
      [['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b', 8]],
    ],
    [
      'sdist gen does not count as a source',
      ['gen: b'],
      ['mod: b -> b'],
      [['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b', 8]],
    ],
    [
      'ordered by section then path',
      ['dir: z', 'dir: a'],
      ['mod: q -> b/x'],
      [
        ['DIR_ENTRY_EXTRA', 'sdist', 'a', 6],
        ['DIR_ENTRY_EXTRA', 'sdist', 'z', 5],
        ['DIR_ENTRY_MISSING', 'wheel', 'b', 9],
        ['WHEEL_SOURCE_NOT_IN_SDIST', 'wheel', 'b/x', 9],
      ],
    ],
  ])('%s', (_name, sdist, wheel, expected) => {
    expect(check(sdist, wheel)).toEqual(expected);
  });

  it('names the gen entry that shadows', () => {
    const manifest = parseManifest(
      text(['gen: *.so', 'mod: a.so -> a.so']),
      'pyproject-manifest.txt',
    );
    const [finding] = checkManifest(manifest, 'pyproject-manifest.txt');
    expect(finding?.args).toEqual({ entry: 'mod: a.so -> a.so', gen: 'gen: *.so', genLine: 5 });
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

  it.each<[string, string, unknown[][]]>([
    ['canonical', canonical, []],
    [
      'other header comment',
      canonical.replace('# Generated', '# Made'),
      [['MANIFEST_NOT_CANONICAL', 2, 'header']],
    ],
    [
      'no blank line after the header',
      canonical.replace('hand.\n\n', 'hand.\n'),
      [['MANIFEST_NOT_CANONICAL', 3, 'header']],
    ],
    [
      'extra comment',
      canonical.replace('[sdist]\n', '[sdist]\n# note\n'),
      [['MANIFEST_NOT_CANONICAL', 5, 'comments']],
    ],
    ['comment at the end', `${canonical}# end\n`, [['MANIFEST_NOT_CANONICAL', 10, 'comments']]],
    [
      'extra blank line',
      canonical.replace('[sdist]\n', '[sdist]\n\n'),
      [['MANIFEST_NOT_CANONICAL', 5, 'blank lines']],
    ],
    [
      'no blank line before [wheel]',
      canonical.replace('\n\n[wheel]', '\n[wheel]'),
      [['MANIFEST_NOT_CANONICAL', 8, 'blank lines']],
    ],
    [
      'unneeded quotes',
      canonical.replace('mod: b -> b', 'mod: "b" -> b'),
      [['MANIFEST_NOT_CANONICAL', 7, 'quoting']],
    ],
    [
      'unneeded escape',
      canonical.replace('mod: b -> b', 'mod: "\\u0062" -> "b"'),
      [['MANIFEST_NOT_CANONICAL', 7, 'quoting']],
    ],
    [
      'out of order',
      canonical.replace('mod: a b -> a b\nmod: b -> b', 'mod: b -> b\nmod: a b -> a b'),
      [['MANIFEST_NOT_CANONICAL', 6, 'order']],
    ],
  ])('%s', (_name, t, expected) => {
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
