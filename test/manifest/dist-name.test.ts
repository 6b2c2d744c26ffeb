/**
 * Versions and names as archive names carry them: a table of tricky versions, each normalized by
 * this module and by the real `packaging` (Debian's, through /usr/bin/python3), which must agree
 * (the same normal form, or both reject). The table is also pinned here, so a change in either
 * shows as a diff.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import {
  canonicalizeName,
  escapeDistName,
  normalizeVersion,
  sameVersion,
  splitNameVersion,
} from '../../src/manifest/dist-name.js';

const PYTHON = '/usr/bin/python3';

/** version → its normal form, or null when packaging rejects it. */
const VERSIONS: [string, string | null][] = [
  ['1.0', '1.0'],
  ['1.0.0-RC1', '1.0.0rc1'],
  ['1.0.0.RC.1', '1.0.0rc1'],
  ['1.0.0_rc_1', '1.0.0rc1'],
  ['1.0c1', '1.0rc1'],
  ['1.0pre2', '1.0rc2'],
  ['1.0preview3', '1.0rc3'],
  ['1.0alpha', '1.0a0'],
  ['1.0-beta.2', '1.0b2'],
  ['1.0a01', '1.0a1'],
  ['1.0.0.post0', '1.0.0.post0'],
  ['1.0-1', '1.0.post1'],
  ['1.0-0', '1.0.post0'],
  ['1.0.rev', '1.0.post0'],
  ['1.0r5', '1.0.post5'],
  ['1.0post_7', '1.0.post7'],
  ['1.0-post-7', '1.0.post7'],
  ['1.0dev', '1.0.dev0'],
  ['1.0.DEV-3', '1.0.dev3'],
  ['1.0a1.post2.dev3', '1.0a1.post2.dev3'],
  ['1.0-1-dev1', '1.0.post1.dev1'],
  ['1.0-1.dev1', '1.0.post1.dev1'],
  ['v1.0', '1.0'],
  ['V2', '2'],
  ['0!1.0', '1.0'],
  ['00!1.0', '1.0'],
  ['1!2.0', '1!2.0'],
  ['007.010.000', '7.10.0'],
  ['2024.01.09', '2024.1.9'],
  ['1.0+abc', '1.0+abc'],
  ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
  ['1.0+abc_007.XYZ', '1.0+abc.7.xyz'],
  ['1.0+', null],
  ['1.0+abc..d', null],
  ['  1.0\n', '1.0'],
  ['\u00a01.0\u3000', '1.0'],
  ['\u001c1.0', '1.0'],
  ['\ufeff1.0', null],
  ['1.0 rc1', null],
  ['1.0rc1rc2', null],
  ['1.0.x', null],
  ['', null],
  ['1..0', null],
  ['.1', null],
  ['1.0-', null],
  ['1.0-a', '1.0a0'],
  ['1.0-ax', null],
  ['1.0POST', '1.0.post0'],
  ['1.0po\u017ft1', '1.0.post1'],
  ['1.0prev\u0131ew', '1.0prev\u0131ew0'],
  ['1.0+\u212aelvin', '1.0+kelvin'],
  ['1.0+\u017f', '1.0+\u017f'],
  ['1.0\u00b2', null],
  ['١.0', null],
  ['123456789012345678901234567890', '123456789012345678901234567890'],
  ['1.0.00000000000000000000000000001', '1.0.1'],
];

function packagingNormalize(versions: readonly string[]): (string | null)[] {
  const script = `
import json, sys
from packaging.version import Version, InvalidVersion
out = []
for v in json.load(sys.stdin):
    try:
        out.append(str(Version(v)))
    except InvalidVersion:
        out.append(None)
json.dump(out, sys.stdout)
`;
  const r = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(versions),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as (string | null)[];
}

const hasPackaging =
  spawnSync(PYTHON, ['-c', 'import packaging.version'], { encoding: 'utf8' }).status === 0;

describe('normalizeVersion', () => {
  it.each(VERSIONS)('%j → %j', (version, expected) => {
    expect(normalizeVersion(version) ?? null).toBe(expected);
  });

  it.skipIf(!hasPackaging)('agrees with packaging.version on every row', () => {
    const versions = VERSIONS.map(([v]) => v);
    const theirs = packagingNormalize(versions);
    expect(versions.map((v, i) => [v, normalizeVersion(v) ?? null, theirs[i]])).toEqual(
      versions.map((v, i) => [v, theirs[i], theirs[i]]),
    );
  });

  it.skipIf(!hasPackaging)('agrees with packaging.version on generated spellings', () => {
    // Every combination of the parts' spellings, separators and cases, a few hundred versions.
    const versions: string[] = [];
    const pres = ['', 'a', 'B', '.alpha', '-Beta', '_c', 'RC', 'pre', '.PREVIEW'];
    const posts = ['', '-3', '.post', 'POST1', '_rev2', 'r'];
    const devs = ['', '.dev', 'DEV4', '-dev_5'];
    const nums = ['', '0', '01', '.2', '-3'];
    for (const pre of pres)
      for (const post of posts)
        for (const dev of devs)
          for (const num of nums) versions.push(`1.0${pre}${pre === '' ? '' : num}${post}${dev}`);
    const theirs = packagingNormalize(versions);
    const mismatches = versions.filter((v, i) => (normalizeVersion(v) ?? null) !== theirs[i]);
    expect(mismatches).toEqual([]);
  });
});

describe('names', () => {
  it.each([
    ['My.Pkg-Name', 'my-pkg-name', 'my_pkg_name'],
    ['a__b..c--d', 'a-b-c-d', 'a_b_c_d'],
    ['Foo', 'foo', 'foo'],
  ])('%s → %s (PEP 503), %s (file names)', (name, canonical, escaped) => {
    expect(canonicalizeName(name)).toBe(canonical);
    expect(escapeDistName(name)).toBe(escaped);
  });

  it('compares versions by their normal form, others as written', () => {
    expect(sameVersion('1.0.0-RC1', '1.0.0rc1')).toBe(true);
    expect(sameVersion('1.0', '1.0.0')).toBe(false);
    expect(sameVersion('v1.x', '1.X')).toBe(true);
    expect(sameVersion('1.0.post0', '1.0')).toBe(false);
  });

  it('splits {name}-{version} at the last dash', () => {
    expect(splitNameVersion('fixture-st-plain-1.0')).toEqual({
      name: 'fixture-st-plain',
      version: '1.0',
    });
    expect(splitNameVersion('proj')).toBeUndefined();
    expect(splitNameVersion('proj-')).toBeUndefined();
  });
});
