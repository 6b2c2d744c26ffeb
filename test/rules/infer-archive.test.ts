/**
 * init from archives, the pure part: the fewest patterns for a selection (checked by running the
 * patterns through the same matcher expansion uses), and the table for given archive contents
 * (checked by expanding it: what it selects must be what the archives hold). test/api/init-archives
 * runs it on archives built by the real backends.
 */
import { describe, expect, it } from 'vitest';
import { parseRulesConfig } from '../../src/rules/config.js';
import { expandRules } from '../../src/rules/expand.js';
import {
  coverSelection,
  inferFromArchives,
  type ArchiveMember,
  type InferArchiveInput,
} from '../../src/rules/infer-archive.js';
import { compilePatternList } from '../../src/rules/patterns.js';

/** What include/exclude (as expansion reads them) keep of `files`. */
function applyCover(
  files: readonly string[],
  cover: { include: string[]; exclude: string[] },
): string[] {
  const source = (pattern: string, i: number) => ({ pattern, key: `k[${i}]` });
  const include = compilePatternList(cover.include.map(source));
  const exclude = compilePatternList(cover.exclude.map(source));
  return files.filter(
    (f) => (include.empty || include.test(f).matched) && !exclude.test(f).matched,
  );
}

describe('coverSelection', () => {
  const files = [
    'README.md',
    'docs/a.md',
    'docs/api/b.md',
    'docs/api/c.md',
    'src/pkg/__init__.py',
    'src/pkg/data/x.csv',
    'src/pkg/data/y.txt',
    'src/pkg/mod.py',
    'tests/t1.py',
    'tests/t2.py',
    'tox.ini',
  ];
  const cases: [string, string[], 'exclude' | 'include' | 'cheaper', string[], string[]][] = [
    ['everything', files, 'cheaper', [], []],
    ['all but a directory', files.filter((f) => !f.startsWith('docs/')), 'cheaper', [], ['/docs/']],
    [
      'two directories, from nothing',
      files.filter((f) => f.startsWith('src/') || f.startsWith('tests/')),
      'include',
      ['/src/', '/tests/'],
      [],
    ],
    [
      'a directory less one file: whole, with an exclusion',
      files.filter((f) => f.startsWith('src/') && f !== 'src/pkg/data/y.txt'),
      'include',
      ['/src/pkg/'],
      ['/src/pkg/data/y.txt'],
    ],
    ['one file of a small directory: the file', ['docs/a.md'], 'include', ['/docs/a.md'], []],
    [
      'from everything, a mixed directory',
      files.filter((f) => f !== 'docs/api/b.md' && f !== 'tox.ini'),
      'exclude',
      [],
      ['/docs/api/b.md', '/tox.ini'],
    ],
    ['nothing', [], 'cheaper', [], ['/README.md', '/docs/', '/src/', '/tests/', '/tox.ini']],
  ];
  it.each(cases)('%s', (_name, selected, mode, include, exclude) => {
    const cover = coverSelection(files, new Set(selected), mode);
    expect(cover).toEqual({ include, exclude });
    expect(applyCover(files, cover)).toEqual(files.filter((f) => selected.includes(f)));
  });

  it('escapes names that gitignore syntax would read otherwise', () => {
    const odd = ['#notes', '!bang.txt', 'a b/c d.txt', 'a b/keep', 'star*.txt', 'x[1].py', 'y'];
    const selected = new Set(['#notes', '!bang.txt', 'a b/c d.txt', 'star*.txt', 'x[1].py']);
    const cover = coverSelection(odd, selected, 'include');
    expect(applyCover(odd, cover)).toEqual(odd.filter((f) => selected.has(f)));
    expect(cover.include).toContain('/a\\ b/c\\ d.txt');
  });

  it('on random selections, the patterns keep exactly the selection', () => {
    // A fixed pseudo-random sequence, so a failure reproduces.
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const tree: string[] = [];
    for (const a of ['a', 'b', 'c'])
      for (const b of ['', 'x/', 'y/', 'x/z/'])
        for (const f of ['1', '2', '3']) tree.push(`${a}/${b}${f}.txt`);
    tree.push('root1', 'root2');
    tree.sort();
    for (let round = 0; round < 200; round++) {
      const selected = new Set(tree.filter(() => random() < (round % 4) / 4 + 0.1));
      for (const mode of ['include', 'exclude', 'cheaper'] as const) {
        const cover = coverSelection(tree, selected, mode);
        expect(applyCover(tree, cover)).toEqual(tree.filter((f) => selected.has(f)));
      }
    }
  });
});

const PYPROJECT = '[project]\nname = "proj"\nversion = "1.0"\nreadme = "README.md"\n';

/** Placeholder digests: files with the same name have the same bytes, unless a test says otherwise. */
const digest = (path: string): string => `h(${path.slice(path.lastIndexOf('/') + 1)})`;

function member(path: string, sha256 = digest(path)): ArchiveMember {
  return { path, sha256 };
}

function input(
  files: string[],
  sdist: string[] | undefined,
  wheel: string[] | undefined,
  extra: Partial<InferArchiveInput> = {},
): InferArchiveInput {
  const config = parseRulesConfig(PYPROJECT, 'pyproject.toml');
  return {
    config,
    files: [...files].sort(),
    explicit: new Map([['README.md', 'file' as const]]),
    treeHashes: new Map(files.map((f) => [f, digest(f)])),
    ...(sdist !== undefined
      ? {
          sdist: {
            file: 'dist/proj-1.0.tar.gz',
            kind: 'sdist' as const,
            members: sdist.map((p) => member(p)),
          },
        }
      : {}),
    ...(wheel !== undefined
      ? {
          wheel: {
            file: 'dist/proj-1.0-py3-none-any.whl',
            kind: 'wheel' as const,
            members: wheel.map((p) => member(p)),
          },
        }
      : {}),
    manifestFile: 'pyproject-manifest.txt',
    ...extra,
  };
}

/** Expand the inferred table against the same files: the manifest the table gives. */
function expandTable(i: InferArchiveInput, table: string) {
  const config = parseRulesConfig(`${PYPROJECT}\n${table}`, 'pyproject.toml');
  const listing = { files: i.files.map((path) => ({ path, kind: 'file' as const })), ignored: [] };
  const target = { listing, artifactCandidates: [] };
  return expandRules(config, {
    sdist: target,
    wheel: target,
    explicit: new Map(i.files.map((f) => [f, 'file' as const])),
  }).manifest;
}

const DIST_INFO = [
  'proj-1.0.dist-info/METADATA',
  'proj-1.0.dist-info/WHEEL',
  'proj-1.0.dist-info/RECORD',
];

describe('inferFromArchives', () => {
  it('a whitelist backend (a root file left out): include, and the manifest does not ship', () => {
    const files = [
      '.gitignore',
      'README.md',
      'pyproject.toml',
      'src/proj/__init__.py',
      'src/proj/core.py',
      'docs/x.md',
      'tox.ini',
    ];
    const sdist = [
      'PKG-INFO',
      'README.md',
      'pyproject.toml',
      'src/proj/__init__.py',
      'src/proj/core.py',
      'setup.cfg',
      'src/proj.egg-info/PKG-INFO',
      'src/proj.egg-info/SOURCES.txt',
    ];
    const wheel = ['proj/__init__.py', 'proj/core.py', ...DIST_INFO];
    const i = input(files, sdist, wheel);
    const result = inferFromArchives(i);
    expect(result.sdist).toMatchObject({
      include: ['/src/'],
      exclude: [],
      generated: ['setup.cfg', 'src/proj.egg-info/**'],
    });
    expect(result.manifestShips).toBe(false);
    expect(result.wheel).toMatchObject({
      packages: undefined,
      packagesDir: undefined,
      include: [],
      exclude: [],
    });
    expect(result.written).toEqual([
      'tool.manifest.sdist.include',
      'tool.manifest.sdist.generated',
    ]);
    const manifest = expandTable(i, result.table);
    expect(
      manifest.sdist.flatMap((e) => (e.kind === 'dir' ? [] : [`${e.kind}: ${e.dest}`])),
    ).toEqual([
      'gen: PKG-INFO',
      'mod: README.md',
      'mod: pyproject.toml',
      'gen: setup.cfg',
      'gen: src/proj.egg-info/**',
      'mod: src/proj/__init__.py',
      'mod: src/proj/core.py',
    ]);
  });

  it('a backend that ships every root file: exclusions only, and the manifest ships', () => {
    const files = [
      '.gitignore',
      'README.md',
      'pyproject.toml',
      'src/proj/__init__.py',
      'docs/x.md',
      'docs/y.md',
    ];
    const sdist = ['PKG-INFO', '.gitignore', 'README.md', 'pyproject.toml', 'src/proj/__init__.py'];
    const result = inferFromArchives(input(files, sdist, undefined));
    expect(result.sdist).toMatchObject({ include: [], exclude: ['/docs/'] });
    expect(result.manifestShips).toBe(true);
  });

  it('bytes that differ are rewritten: an alt: line, shipped without comparing the bytes', () => {
    const files = ['README.md', 'pyproject.toml', 'setup.cfg', 'proj/__init__.py'];
    const i = input(
      files,
      ['PKG-INFO', 'README.md', 'pyproject.toml', 'setup.cfg', 'proj/__init__.py'],
      undefined,
    );
    const changed = {
      ...i,
      sdist: {
        ...i.sdist!,
        members: i.sdist!.members.map((m) =>
          m.path === 'setup.cfg' ? { ...m, sha256: 'other' } : m,
        ),
      },
    };
    const alt = inferFromArchives(changed);
    expect(alt.table).toMatch(/^rewritten = \["\/setup.cfg"\]$/m);
    expect(alt.written).toEqual(['tool.manifest.sdist.rewritten']);
    expect(
      expandTable(changed, alt.table).sdist.flatMap((e) => (e.kind === 'alt' ? [e.src] : [])),
    ).toEqual(['setup.cfg']);
  });

  it('wheel: packages found below src/, a left-out file excluded, .data mapped by bytes, generated files', () => {
    const files = [
      'README.md',
      'pyproject.toml',
      'lib/mypkg/__init__.py',
      'lib/mypkg/notes.txt',
      'lib/mypkg/sub/a.py',
      'lib/other.py',
      'share/app.desktop',
      'scripts/run',
    ];
    const wheel = [
      'mypkg/__init__.py',
      'mypkg/sub/a.py',
      'mypkg/_version.py',
      'other.py',
      'proj-1.0.data/data/share/applications/app.desktop',
      'proj-1.0.data/scripts/run',
      ...DIST_INFO,
    ];
    const i = input(files, undefined, wheel);
    // The script's shebang was rewritten: other bytes, same place.
    const members = i.wheel!.members.map((m) =>
      m.path === 'proj-1.0.data/data/share/applications/app.desktop'
        ? { ...m, sha256: digest('share/app.desktop') }
        : m.path === 'proj-1.0.data/scripts/run'
          ? { ...m, sha256: 'rewritten' }
          : m,
    );
    const result = inferFromArchives({ ...i, wheel: { ...i.wheel!, members } });
    expect(result.wheel).toMatchObject({
      packagesDir: 'lib',
      packages: ['mypkg', 'other.py'],
      exclude: ['/lib/mypkg/notes.txt'],
      map: [
        { src: 'share/app.desktop', dest: '{data}/data/share/applications/app.desktop' },
        { src: 'scripts/run', dest: '{data}/scripts/run' },
      ],
      generated: ['mypkg/_version.py'],
      rewritten: [{ src: 'scripts/run', dest: '{data}/scripts/run' }],
    });
    expect(result.table).toContain('generated = ["mypkg/_version.py"]');
    expect(result.table).toContain('rewritten = ["/scripts/run"]');
    const manifest = expandTable(i, result.table);
    expect(
      manifest.wheel.flatMap((e) => (e.kind === 'dir' ? [] : [`${e.kind}: ${e.dest}`])),
    ).toEqual([
      'mod: mypkg/__init__.py',
      'gen: mypkg/_version.py',
      'mod: mypkg/sub/a.py',
      'mod: other.py',
      'mod: {data}/data/share/applications/app.desktop',
      'alt: {data}/scripts/run',
    ]);
  });

  it('wheel: the package detection finds the same, so no key is written', () => {
    const files = ['README.md', 'pyproject.toml', 'src/proj/__init__.py'];
    const result = inferFromArchives(input(files, undefined, ['proj/__init__.py', ...DIST_INFO]));
    expect(result.wheel.packages).toBeUndefined();
    expect(result.wheel.packagesDir).toBeUndefined();
    expect(result.layout).toBe('src');
    expect(result.written).toEqual([]);
  });

  it('wheel: a top-level name outside the packages directory is mapped', () => {
    const files = ['README.md', 'pyproject.toml', 'CHANGES.md', 'src/proj/__init__.py'];
    const result = inferFromArchives(
      input(files, undefined, ['CHANGES.md', 'proj/__init__.py', ...DIST_INFO]),
    );
    expect(result.wheel.map).toEqual([{ src: 'CHANGES.md', dest: 'CHANGES.md' }]);
    expect(result.written).toEqual(['tool.manifest.wheel.map']);
  });
});
