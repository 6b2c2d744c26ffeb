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

describe('a project inside a larger git repository (#9)', () => {
  // Real repositories made by git itself; the walk must list what `git ls-files -o` lists there.
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    }).toString();
  const monorepo = () => {
    const repo = makeTree({
      '.gitignore': '/flit_core/build/\n*.egg-info/\n/other/\n',
      'flit_core/pyproject.toml': '',
      'flit_core/flit_core/__init__.py': '',
      'flit_core/build/lib/flit_core/__init__.py': '',
      'flit_core/flit_core.egg-info/PKG-INFO': '',
      'flit_core/.gitignore': '!*.egg-info/\n',
      'other/pyproject.toml': '',
      'tool/pyproject.toml': '',
      'tool/tool.egg-info/PKG-INFO': '',
    });
    git(repo, 'init', '-q', '--template=');
    return repo;
  };

  it("applies the repository root's ignore files, each from its own directory", () => {
    const repo = monorepo();
    const listing = walkTree(join(repo, 'flit_core'));
    expect(listing.files.map((f) => f.path)).toEqual([
      '.gitignore',
      'flit_core.egg-info/PKG-INFO',
      'flit_core/__init__.py',
      'pyproject.toml',
    ]);
    expect(listing.ignored).toEqual([
      {
        path: 'build',
        dir: true,
        rule: {
          kind: 'ignore-file',
          source: '../.gitignore',
          line: 1,
          pattern: '/flit_core/build/',
        },
      },
    ]);
    expect(pathsOf(join(repo, 'tool'))).toEqual(['pyproject.toml']);
    expect(probePath(join(repo, 'tool'), 'tool.egg-info/PKG-INFO')).toEqual({
      ignored: true,
      rule: { kind: 'ignore-file', source: '../.gitignore', line: 2, pattern: '*.egg-info/' },
      hiddenBy: 'tool.egg-info',
    });
    for (const project of ['flit_core', 'tool'])
      expect(pathsOf(join(repo, project))).toEqual(
        sortPaths(
          git(join(repo, project), 'ls-files', '-o', '--exclude-per-directory=.gitignore')
            .split('\n')
            .filter(Boolean),
        ),
      );
  });

  it('lists nothing in a project directory the repository ignores, as git does', () => {
    const repo = monorepo();
    expect(walkTree(join(repo, 'other'))).toEqual({ files: [], ignored: [] });
    expect(git(join(repo, 'other'), 'ls-files', '-o', '--exclude-per-directory=.gitignore')).toBe(
      '',
    );
    expect(probePath(join(repo, 'other'), 'pyproject.toml')).toEqual({
      ignored: true,
      rule: { kind: 'ignore-file', source: '../.gitignore', line: 3, pattern: '/other/' },
      hiddenBy: '.',
    });
  });

  it('stops at the nearest .git: a submodule or worktree (a .git file) is a repository of its own', () => {
    const repo = monorepo();
    writeTree(repo, { 'flit_core/.git': 'gitdir: ../.git/modules/flit_core\n' });
    expect(pathsOf(join(repo, 'flit_core'))).toContain('build/lib/flit_core/__init__.py');
  });

  it('reads nothing from outside when the ignore files are off, or outside any repository', () => {
    const repo = monorepo();
    expect(pathsOf(join(repo, 'flit_core'), { ignoreFiles: false })).toContain(
      'build/lib/flit_core/__init__.py',
    );
    const plain = makeTree({ '.gitignore': '/proj/build/\n', 'proj/build/x': '' });
    expect(pathsOf(join(plain, 'proj'))).toEqual(['build/x']);
  });
});
