/**
 * walkTree on real temp trees: every case of the shared gitignore table with an expectation, then
 * what a listing records (rules, kinds, order), the options, and the errors.
 */
import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../src/errors.js';
import { probePath, walkTree } from '../../src/tree/walk.js';
import { gitignoreCases } from '../cases/gitignore.js';
import { sortPaths } from '../helpers/git.js';
import { makeTree, writeTree } from '../helpers/tree.js';

function pathsOf(root: string, options?: Parameters<typeof walkTree>[1]): string[] {
  return walkTree(root, options).files.map((f) => f.path);
}

function caught(fn: () => unknown): ManifestError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

describe('walkTree: the gitignore case table', () => {
  const withExpectation = gitignoreCases.filter((c) => c.expected !== undefined);
  it.each(withExpectation.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    expect(pathsOf(makeTree(testCase.tree))).toEqual(sortPaths(testCase.expected!));
  });
});

describe('walkTree: the listing', () => {
  it('sorts files in code-point order, not per directory and not by UTF-16 unit', () => {
    const root = makeTree({
      'a/b': '',
      'a-c': '',
      'a.d': '',
      '\uff5e': '',
      '😀': '',
      B: '',
      a0: '',
    });
    expect(pathsOf(root)).toEqual(['B', 'a-c', 'a.d', 'a/b', 'a0', '\uff5e', '😀']);
  });

  it('gives each file its kind: symlinks are listed as themselves', () => {
    const root = makeTree({
      f: '',
      'd/x': '',
      lf: { symlink: 'f' },
      ld: { symlink: 'd' },
      dangling: { symlink: 'nope' },
    });
    expect(walkTree(root).files).toEqual([
      { path: 'd/x', kind: 'file' },
      { path: 'dangling', kind: 'symlink' },
      { path: 'f', kind: 'file' },
      { path: 'ld', kind: 'symlink' },
      { path: 'lf', kind: 'symlink' },
    ]);
  });

  it('records each exclusion with the rule that made it', () => {
    const root = makeTree({
      '.gitignore': '# build output\nbuild/\n*.log\n',
      'build/a/b': '',
      'x.log': '',
      'sub/.gitignore': '\n/gen\n',
      'sub/gen': '',
      '__pycache__/m.pyc': '',
      'm.pyc': '',
      ...{ 'vendor/.git/HEAD': 'ref: refs/heads/main\n', 'vendor/a': '' },
      '.hg/x': '',
      keep: '',
    });
    expect(walkTree(root).ignored).toEqual([
      {
        path: '.hg',
        dir: true,
        rule: { kind: 'default', source: '', pattern: 'VCS metadata (.git, .hg, .svn, .bzr)' },
      },
      {
        path: '__pycache__',
        dir: true,
        rule: { kind: 'default', source: '', pattern: '__pycache__/' },
      },
      {
        path: 'build',
        dir: true,
        rule: { kind: 'ignore-file', source: '.gitignore', line: 2, pattern: 'build/' },
      },
      { path: 'm.pyc', dir: false, rule: { kind: 'default', source: '', pattern: '*.py[cod]' } },
      {
        path: 'sub/gen',
        dir: false,
        rule: { kind: 'ignore-file', source: 'sub/.gitignore', line: 2, pattern: '/gen' },
      },
      {
        path: 'vendor',
        dir: true,
        rule: { kind: 'default', source: '', pattern: 'nested repository (holds .git)' },
      },
      {
        path: 'x.log',
        dir: false,
        rule: { kind: 'ignore-file', source: '.gitignore', line: 3, pattern: '*.log' },
      },
    ]);
  });

  it('never enters an excluded directory (a bad name inside it goes unnoticed)', () => {
    const root = makeTree({ '.gitignore': 'junk/\n', 'junk/': '', a: '' });
    writeFileSync(Buffer.concat([Buffer.from(join(root, 'junk/')), Buffer.from([0xff, 0x41])]), '');
    expect(pathsOf(root)).toEqual(['.gitignore', 'a']);
  });

  it('excludes the directory dist at the project root only, as a built-in rule', () => {
    const root = makeTree({
      'dist/proj-1.0.tar.gz': '',
      'dist/.gitignore': '!*\n',
      'pkg/dist/data.txt': '',
      'other/dist': '',
      a: '',
    });
    expect(pathsOf(root)).toEqual(['a', 'other/dist', 'pkg/dist/data.txt']);
    expect(walkTree(root).ignored).toEqual([
      {
        path: 'dist',
        dir: true,
        rule: {
          kind: 'default',
          source: '',
          pattern: '/dist/ (where build frontends write the archives)',
        },
      },
    ]);
    // Not overridable: no ignore file is read, and `roots` does not enter it either.
    expect(pathsOf(root, { ignoreFiles: false, roots: ['dist'] })).toEqual([]);
    // A file or a symlink named dist is an ordinary file.
    const files = makeTree({ dist: '', 'real/x': '' });
    expect(pathsOf(files)).toEqual(['dist', 'real/x']);
    const link = makeTree({ dist: { symlink: 'real' }, 'real/x': '' });
    expect(pathsOf(link)).toEqual(['dist', 'real/x']);
  });

  it('skips FIFOs and other special files, as git does', () => {
    const root = makeTree({ a: '', 'd/': '' });
    execFileSync('mkfifo', [join(root, 'd', 'fifo')]);
    symlinkSync('../a', join(root, 'd', 'l'));
    expect(pathsOf(root)).toEqual(['a', 'd/l']);
  });
});

describe('walkTree: options', () => {
  const spec = {
    '.gitignore': 'out/\n',
    '.myignore': '*.tmp\n',
    'a.tmp': '',
    'out/pkg/x.so': '',
    'out/pkg/.gitignore': '*.so\n',
    'out/other/y': '',
    'src/m.py': '',
  };

  it('ignoreFiles: false honors no ignore file but keeps the built-in exclusions', () => {
    const root = makeTree({ ...spec, 'src/__pycache__/m.pyc': '' });
    expect(pathsOf(root, { ignoreFiles: false })).toEqual(
      sortPaths([
        '.gitignore',
        '.myignore',
        'a.tmp',
        'out/pkg/x.so',
        'out/pkg/.gitignore',
        'out/other/y',
        'src/m.py',
      ]),
    );
  });

  it('ignoreFiles selects other ignore files by glob', () => {
    const root = makeTree(spec);
    expect(pathsOf(root, { ignoreFiles: ['**/.myignore'] })).toEqual(
      sortPaths([
        '.gitignore',
        '.myignore',
        'out/pkg/x.so',
        'out/pkg/.gitignore',
        'out/other/y',
        'src/m.py',
      ]),
    );
    expect(pathsOf(root, { ignoreFiles: ['.myignore', 'out/**/.gitignore'] })).toEqual(
      sortPaths(['.gitignore', '.myignore', 'out/pkg/.gitignore', 'out/other/y', 'src/m.py']),
    );
  });

  it('roots walks below the given directories only, still honoring their ancestors', () => {
    const root = makeTree({
      ...spec,
      'src/.gitignore': 'gen/\n',
      'src/gen/g': '',
      'src/pkg/.gitignore': '*.c\n',
      'src/pkg/a.c': '',
      'src/pkg/b.py': '',
    });
    expect(pathsOf(root, { roots: ['src/pkg'] })).toEqual(['src/pkg/.gitignore', 'src/pkg/b.py']);
    expect(pathsOf(root, { roots: ['src/gen'] })).toEqual([]);
    expect(pathsOf(root, { roots: ['out/pkg'], ignoreFiles: false })).toEqual([
      'out/pkg/.gitignore',
      'out/pkg/x.so',
    ]);
  });

  it('roots: overlapping roots list a file once; missing roots and symlinks yield nothing', () => {
    const root = makeTree({ 'a/b/c': '', 'a/d': '', 'real/x': '', link: { symlink: 'real' } });
    expect(pathsOf(root, { roots: ['a/b', 'a/', './a/b'] })).toEqual(['a/b/c', 'a/d']);
    expect(pathsOf(root, { roots: ['missing/dir', 'a/d', 'link'] })).toEqual([]);
  });
});

describe('walkTree: errors', () => {
  it('TREE_UNREADABLE when the project root cannot be read', () => {
    const root = makeTree({ f: '' });
    const error = caught(() => walkTree(join(root, 'f')));
    expect(error.code).toBe('TREE_UNREADABLE');
    expect(error.file).toBe('.');
  });

  it.skipIf(process.getuid?.() === 0)(
    'TREE_UNREADABLE names a directory it may not read',
    async () => {
      const { chmodSync } = await import('node:fs');
      const root = makeTree({ 'locked/x': '' });
      chmodSync(join(root, 'locked'), 0);
      try {
        expect(caught(() => walkTree(root))).toMatchObject({
          code: 'TREE_UNREADABLE',
          file: 'locked',
        });
      } finally {
        chmodSync(join(root, 'locked'), 0o755);
      }
    },
  );

  it('TREE_INVALID_NAME for a name that is not valid UTF-8', () => {
    const root = makeTree({ 'sub/ok': '' });
    writeFileSync(Buffer.concat([Buffer.from(join(root, 'sub/')), Buffer.from([0x61, 0xff])]), '');
    expect(caught(() => walkTree(root))).toMatchObject({
      code: 'TREE_INVALID_NAME',
      file: 'sub/a\uFFFD',
    });
  });

  it('accepts a real U+FFFD in a name', () => {
    const root = makeTree({ 'a\uFFFDb': '' });
    expect(pathsOf(root)).toEqual(['a\uFFFDb']);
  });
});

describe('probePath', () => {
  it.each([
    ['a file no rule matches', 'pyproject-manifest.txt', false, undefined],
    ['a file an ignore file matches', 'debug.log', true, undefined],
    ['a file below an ignored directory', 'build/x/new.txt', true, 'build'],
    ['a built-in exclusion', 'pkg/mod.pyc', true, undefined],
    ['a file below __pycache__', 'pkg/__pycache__/x.txt', true, 'pkg/__pycache__'],
    ['a deeper file re-including', 'sub/keep.log', false, undefined],
    ['a file in a nested repository', 'nested/x.py', true, 'nested'],
    ['a file in the root dist/', 'dist/proj-1.0-py3-none-any.whl', true, 'dist'],
    ['a file in another dist/', 'pkg/dist/x.txt', false, undefined],
  ])('%s', (_name, path, ignored, hiddenBy) => {
    const root = makeTree({
      '.gitignore': '*.log\nbuild/\n',
      'sub/.gitignore': '!keep.log\n',
      'nested/.git/HEAD': 'ref: refs/heads/main\n',
      'pkg/x.py': '',
    });
    const result = probePath(root, path);
    expect(result.ignored).toBe(ignored);
    expect(result.hiddenBy).toBe(hiddenBy);
    // The probe agrees with the walk for a file that does exist.
    writeTree(root, { [path]: '' });
    const listed = walkTree(root).files.some((f) => f.path === path);
    expect(listed).toBe(!ignored);
  });
});
