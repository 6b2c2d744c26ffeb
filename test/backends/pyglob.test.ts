/**
 * src/backends/pyglob.ts against Python itself: the same tree on disk, the same globs, and the
 * files Python's `glob.glob(recursive=True)` (flit_core, pdm) and `Path.glob` (poetry-core) select,
 * a matched directory standing for every file below it, as the backends walk it. Then the
 * translation: the gitignore patterns must select exactly those files on the listing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { selectByGlob, translateGlobs, type GlobFlavour } from '../../src/backends/pyglob.js';
import { compilePatternList } from '../../src/rules/patterns.js';
import { makeTree } from '../helpers/tree.js';

const PYTHON = '/usr/bin/python3';

const FILES = [
  'README.md',
  '.hidden-root',
  'docs/index.md',
  'docs/.nojekyll',
  'docs/api/a.md',
  'docs/.cache/x.md',
  'docs/_build/html/index.html',
  'src/pkg/__init__.py',
  'src/pkg/data/a.json',
  'src/pkg/data/.keep',
  'src/pkg/.secret/k.json',
  'src/pkg/sub/b.json',
  'tests/test_a.py',
  'tests/.tox/t.py',
  'tests/data/invalid/b.toml',
  'tests/data/valid/a.toml',
  'a[b].txt',
  'ab.txt',
];

const GLOBS = [
  'docs/*',
  'docs',
  'docs/',
  './docs/*.md',
  '**/*.json',
  'src/**/*.json',
  'src/pkg/**',
  'tests/**/*.py',
  'tests/data/*/*.toml',
  '*.md',
  '.*',
  '[ab]*.txt',
  'a[!x]*',
  'a[[]b].txt',
  'docs/?ndex.md',
  'tests/data/**',
  'nothing/*',
];

const SCRIPT = `
import glob, json, os, pathlib, sys
root = sys.argv[1]
globs = json.loads(sys.argv[2])
os.chdir(root)
def expand(paths):
    out = set()
    for p in paths:
        p = os.path.normpath(str(p))
        if os.path.isdir(p):
            for d, _, fs in os.walk(p):
                out.update(os.path.normpath(os.path.join(d, f)) for f in fs)
        elif os.path.isfile(p):
            out.add(p)
    return sorted(out)
print(json.dumps({
    'glob': {g: expand(glob.glob(g, recursive=True)) for g in globs},
    'pathlib': {g: expand(pathlib.Path('.').glob(g)) for g in globs},
}))
`;

describe.skipIf(!existsSync(PYTHON))('Python globs on the listing, against Python', () => {
  const root = makeTree(Object.fromEntries(FILES.map((f) => [f, 'x\n'])), 'pm-pyglob-');
  const run = spawnSync(PYTHON, ['-c', SCRIPT, root, JSON.stringify(GLOBS)], { encoding: 'utf8' });
  const oracle = JSON.parse(run.stdout || '{}') as Record<GlobFlavour, Record<string, string[]>>;

  it('ran Python', () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  const cases = (['glob', 'pathlib'] as const).flatMap((flavour) =>
    GLOBS.map((glob) => ({ flavour, glob })),
  );

  it.each(cases)('$flavour $glob selects what Python selects', ({ flavour, glob }) => {
    const ours = [...selectByGlob(FILES, glob, flavour)].sort();
    expect(ours).toEqual(oracle[flavour]![glob]!.slice().sort());
  });

  it.each(cases)(
    '$flavour $glob translates to patterns selecting the same files',
    ({ flavour, glob }) => {
      const result = translateGlobs([glob], FILES, flavour);
      const list = compilePatternList(
        result.patterns.map((pattern, i) => ({ pattern, key: `k[${i}]` })),
      );
      const selected = FILES.filter((f) => list.test(f).matched).sort();
      // Where a directory-level match cannot be carved (a hidden directory below one the glob
      // names as a whole), the translation says so instead of being silently wrong.
      const wanted = oracle[flavour]![glob]!.slice().sort();
      if (result.differ.length === 0) expect(selected).toEqual(wanted);
      else
        expect(result.differ.every((f) => selected.includes(f) !== wanted.includes(f))).toBe(true);
    },
  );

  it('a wildcard skips hidden names for glob, not for pathlib; the translation negates them', () => {
    expect(translateGlobs(['docs/*'], FILES, 'glob').patterns).toEqual([
      '/docs/*',
      '!/docs/.nojekyll',
      '!/docs/.cache/',
    ]);
    expect(translateGlobs(['docs/*'], FILES, 'pathlib').patterns).toEqual(['/docs/*']);
  });
});
