/**
 * compareManifests: committed vs fresh, per section, ordered by section then DEST; MISSING_SOURCE
 * only when the set of existing sources is given and lacks the SRC.
 */
import { describe, expect, it } from 'vitest';
import { compareManifests } from '../../src/manifest/compare.js';
import { parseManifest } from '../../src/manifest/parse.js';
import type { Manifest, ManifestEntry, ModEntry } from '../../src/manifest/types.js';

function parse(sdist: string[], wheel: string[] = []): Manifest {
  const text =
    ['# pyproject-manifest v1', '[sdist]', ...sdist, '[wheel]', ...wheel].join('\n') + '\n';
  return parseManifest(text, 'pyproject-manifest.txt');
}
function fresh(sdist: ManifestEntry[], wheel: ManifestEntry[] = []): Manifest {
  return { version: 1, sdist, wheel };
}
const mod = (src: string, dest = src): ModEntry => ({ kind: 'mod', src, dest });

describe('compareManifests', () => {
  it.each<[string, Manifest, Manifest, ReadonlySet<string> | undefined, unknown[][]]>([
    ['equal', parse(['mod: a -> a']), fresh([mod('a')]), undefined, []],
    [
      'line and rule are ignored',
      parse(['mod: a -> a']),
      fresh([{ ...mod('a'), rule: { kind: 'default', source: 'pyproject.toml' } }]),
      undefined,
      [],
    ],
    [
      'stale',
      parse(['mod: a -> a', 'mod: b -> b']),
      fresh([mod('a')]),
      undefined,
      [['STALE_ENTRY', 'sdist', 'b', 4, 'mod: b -> b']],
    ],
    [
      'stale when the source exists',
      parse(['mod: b -> b']),
      fresh([]),
      new Set(['b']),
      [['STALE_ENTRY', 'sdist', 'b', 3, 'mod: b -> b']],
    ],
    [
      'missing source',
      parse(['mod: b -> b']),
      fresh([]),
      new Set<string>(),
      [['MISSING_SOURCE', 'sdist', 'b', 3, 'mod: b -> b']],
    ],
    [
      'gen is never MISSING_SOURCE; dir lines are not compared (checkManifest judges them, #12)',
      parse(['dir: d', 'gen: g']),
      fresh([{ kind: 'dir', dest: 'e' }]),
      new Set<string>(),
      [['STALE_ENTRY', 'sdist', 'g', 4, 'gen: g']],
    ],
    [
      'unlisted',
      parse([]),
      fresh([mod('a b'), mod('x\ty')]),
      undefined,
      [
        ['UNLISTED_FILE', 'sdist', 'a b', undefined, 'mod: a b -> a b'],
        ['UNLISTED_FILE', 'sdist', 'x\ty', undefined, 'mod: "x\\ty" -> "x\\ty"'],
      ],
    ],
    [
      'changed SRC is stale plus unlisted',
      parse([], ['mod: a -> p/a']),
      fresh([], [mod('b', 'p/a')]),
      undefined,
      [
        ['STALE_ENTRY', 'wheel', 'p/a', 4, 'mod: a -> p/a'],
        ['UNLISTED_FILE', 'wheel', 'p/a', undefined, 'mod: b -> p/a'],
      ],
    ],
    [
      'changed kind',
      parse(['mod: a -> a']),
      fresh([{ kind: 'gen', dest: 'a' }]),
      undefined,
      [
        ['UNLISTED_FILE', 'sdist', 'a', undefined, 'gen: a'],
        ['STALE_ENTRY', 'sdist', 'a', 3, 'mod: a -> a'],
      ],
    ],
    [
      'mod became alt: stale plus unlisted at one DEST',
      parse(['mod: setup.cfg -> setup.cfg']),
      fresh([{ kind: 'alt', src: 'setup.cfg', dest: 'setup.cfg' }]),
      undefined,
      [
        ['UNLISTED_FILE', 'sdist', 'setup.cfg', undefined, 'alt: setup.cfg -> setup.cfg'],
        ['STALE_ENTRY', 'sdist', 'setup.cfg', 3, 'mod: setup.cfg -> setup.cfg'],
      ],
    ],
    [
      'alt equal',
      parse(['alt: a -> a']),
      fresh([{ kind: 'alt', src: 'a', dest: 'a' }]),
      undefined,
      [],
    ],
    [
      'alt with a missing source',
      parse([], ['alt: s/run -> {data}/scripts/run']),
      fresh([]),
      new Set<string>(),
      [['MISSING_SOURCE', 'wheel', '{data}/scripts/run', 4, 'alt: s/run -> {data}/scripts/run']],
    ],
    [
      'alt whose source exists is stale',
      parse(['alt: a -> a']),
      fresh([]),
      new Set(['a']),
      [['STALE_ENTRY', 'sdist', 'a', 3, 'alt: a -> a']],
    ],
    [
      'same entry in the other section',
      parse(['mod: a -> a']),
      fresh([], [mod('a')]),
      undefined,
      [
        ['STALE_ENTRY', 'sdist', 'a', 3, 'mod: a -> a'],
        ['UNLISTED_FILE', 'wheel', 'a', undefined, 'mod: a -> a'],
      ],
    ],
    [
      'ordered by section then DEST in code-point order',
      parse(['mod: é -> é', 'mod: B -> B'], ['gen: z']),
      fresh([mod('a'), mod('a/b')], [{ kind: 'gen', dest: 'y' }]),
      undefined,
      [
        ['STALE_ENTRY', 'sdist', 'B', 4, 'mod: B -> B'],
        ['UNLISTED_FILE', 'sdist', 'a', undefined, 'mod: a -> a'],
        ['UNLISTED_FILE', 'sdist', 'a/b', undefined, 'mod: a/b -> a/b'],
        ['STALE_ENTRY', 'sdist', 'é', 3, 'mod: é -> é'],
        ['UNLISTED_FILE', 'wheel', 'y', undefined, 'gen: y'],
        ['STALE_ENTRY', 'wheel', 'z', 6, 'gen: z'],
      ],
    ],
  ])('%s', (_name, committed, now, existing, expected) => {
    const findings = compareManifests(committed, now, 'pyproject-manifest.txt', existing);
    expect(findings.map((f) => [f.code, f.target, f.path, f.line, f.args.entry])).toEqual(expected);
    for (const f of findings)
      expect(f).toMatchObject({ severity: 'error', file: 'pyproject-manifest.txt' });
  });

  it('passes SRC for mod findings and the deciding rule for fresh entries', () => {
    const rule = {
      kind: 'config' as const,
      source: 'pyproject.toml',
      line: 12,
      key: 'tool.manifest.sdist.include[0]',
      pattern: 'docs/',
    };
    const [missing, unlisted] = compareManifests(
      parse(['mod: a -> a']),
      fresh([{ ...mod('b'), rule }]),
      'pyproject-manifest.txt',
      new Set(),
    );
    expect(missing?.args).toEqual({ entry: 'mod: a -> a', src: 'a' });
    expect(unlisted?.args).toEqual({
      entry: 'mod: b -> b',
      src: 'b',
      rule: 'pyproject.toml:12 tool.manifest.sdist.include[0] "docs/"',
    });
  });
});
