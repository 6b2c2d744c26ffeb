/**
 * The one gitignore case table, read by test/tree/walk.test.ts (our walker) and by
 * test/differential/git.test.ts (real git). Each case is named by the gitignore(5) rule, or the
 * quirk, it pins. `expected` is what the walker lists (git's `ls-files --others` less the built-in
 * exclusions); the differential test checks it against git too, so an expectation cannot drift.
 * Cases without `expected` are left to git alone.
 */
import type { TreeSpec } from '../helpers/tree.js';

export interface GitignoreCase {
  /** The rule or quirk the case pins, as a sentence. */
  name: string;
  /** The tree, ignore files included (see test/helpers/tree.ts). */
  tree: TreeSpec;
  /** The files listed, in any order; omit to let git decide. */
  expected?: string[];
}

/** A minimal valid repository inside `dir` (git only skips a directory whose `.git` is a real one). */
function nestedRepo(dir: string): TreeSpec {
  return {
    [`${dir}/.git/HEAD`]: 'ref: refs/heads/main\n',
    [`${dir}/.git/objects/`]: '',
    [`${dir}/.git/refs/`]: '',
  };
}

const GI = '.gitignore';

export const gitignoreCases: readonly GitignoreCase[] = [
  // Lines: blank, comments, escapes, trailing spaces, line endings
  { name: 'no ignore file lists every file', tree: { a: '', 'b/c': '' }, expected: ['a', 'b/c'] },
  { name: 'a blank line matches no files', tree: { [GI]: '\n\n  \n', a: '' }, expected: [GI, 'a'] },
  {
    name: 'a line starting with # is a comment',
    tree: { [GI]: '#a\n', '#a': '', a: '' },
    expected: [GI, '#a', 'a'],
  },
  {
    name: 'backslash-hash matches a name starting with #',
    tree: { [GI]: '\\#a\n', '#a': '', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a # after the start is literal',
    tree: { [GI]: 'a#b\n', 'a#b': '', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a comment needs # in the first column',
    tree: { [GI]: ' #a\n', ' #a': '', '#a': '' },
    expected: [GI, '#a'],
  },
  {
    name: 'trailing spaces are ignored',
    tree: { [GI]: 'a   \n', a: '', 'a ': '' },
    expected: [GI, 'a '],
  },
  {
    name: 'a trailing space escaped with backslash is kept',
    tree: { [GI]: 'a\\ \n', a: '', 'a ': '' },
    expected: [GI, 'a'],
  },
  {
    name: 'spaces after an escaped space are trimmed',
    tree: { [GI]: 'a\\   \n', 'a ': '', 'a   ': '' },
    expected: [GI, 'a   '],
  },
  {
    name: 'leading spaces are significant',
    tree: { [GI]: ' a\n', a: '', ' a': '' },
    expected: [GI, 'a'],
  },
  {
    name: 'CRLF line endings are stripped',
    tree: { [GI]: 'a\r\nb\r\n', a: '', b: '', c: '' },
    expected: [GI, 'c'],
  },
  {
    name: 'only one CR is stripped before LF',
    tree: { [GI]: 'a\r\r\n', a: '', 'a\r': '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a UTF-8 BOM at the start is skipped',
    tree: { [GI]: '\uFEFFa\n', a: '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: 'the last line needs no newline',
    tree: { [GI]: 'x\na', a: '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: 'a tab is part of the pattern',
    tree: { [GI]: 'a\t\n', a: '', 'a\t': '' },
    expected: [GI, 'a'],
  },

  // Negation and precedence
  {
    name: '! re-includes a file a previous line excluded',
    tree: { [GI]: '*.log\n!keep.log\n', 'a.log': '', 'keep.log': '' },
    expected: [GI, 'keep.log'],
  },
  {
    name: 'within a file the last matching line wins',
    tree: { [GI]: '!keep.log\n*.log\n', 'a.log': '', 'keep.log': '' },
    expected: [GI],
  },
  {
    name: 'backslash-bang matches a name starting with !',
    tree: { [GI]: '\\!a\n', '!a': '', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a lone ! matches nothing',
    tree: { [GI]: '!\n', '!': '', a: '' },
    expected: [GI, '!', 'a'],
  },
  {
    name: 'a file cannot be re-included under an excluded directory',
    tree: { [GI]: 'build/\n!build/keep.txt\n', 'build/keep.txt': '', 'build/x': '' },
    expected: [GI],
  },
  {
    name: 'dir/* then !dir/sub/ re-includes the subdirectory',
    tree: { [GI]: 'dir/*\n!dir/sub/\n', 'dir/a': '', 'dir/sub/b': '' },
    expected: [GI, 'dir/sub/b'],
  },
  {
    name: 'dir/* then !dir/keep keeps one file',
    tree: { [GI]: 'dir/*\n!dir/keep\n', 'dir/a': '', 'dir/keep': '' },
    expected: [GI, 'dir/keep'],
  },
  {
    name: 'gitignore(5) example: exclude everything except foo/bar',
    tree: { [GI]: '/*\n!/foo\n/foo/*\n!/foo/bar\n', 'foo/bar/x': '', 'foo/baz': '', top: '' },
    expected: ['foo/bar/x'],
  },
  {
    name: 'a deeper ignore file re-includes a directory excluded above',
    tree: { [GI]: 'build/\n', 'build/a': '', 'pkg/.gitignore': '!build/\n', 'pkg/build/b': '' },
    expected: [GI, 'pkg/.gitignore', 'pkg/build/b'],
  },
  {
    name: 'a deeper ignore file excludes what a higher one re-includes',
    tree: {
      [GI]: '*.txt\n!keep.txt\n',
      'keep.txt': '',
      'sub/.gitignore': 'keep.txt\n',
      'sub/keep.txt': '',
    },
    expected: [GI, 'keep.txt', 'sub/.gitignore'],
  },
  {
    name: 'a deeper negation overrides a higher exclusion of a file',
    tree: {
      [GI]: '*.log\n',
      'a.log': '',
      'sub/.gitignore': '!a.log\n',
      'sub/a.log': '',
      'sub/b.log': '',
    },
    expected: [GI, 'sub/.gitignore', 'sub/a.log'],
  },
  {
    name: 'an ignore file inside an excluded directory is never read',
    tree: { [GI]: 'build/\n', 'build/.gitignore': '!x\n', 'build/x': '' },
    expected: [GI],
  },
  {
    name: 'higher rules still apply below a deeper file that does not match',
    tree: { [GI]: '*.tmp\n', 'sub/.gitignore': '# nothing\n', 'sub/a.tmp': '', 'sub/b': '' },
    expected: [GI, 'sub/.gitignore', 'sub/b'],
  },
  {
    name: 'a deeper file re-includes a file but not under its excluded parent',
    tree: { [GI]: 'out/\n', 'sub/.gitignore': '!out/x\n', 'sub/out/x': '' },
    expected: [GI, 'sub/.gitignore'],
  },
  {
    name: 'an ignore file that ignores itself is still read',
    tree: { [GI]: '.gitignore\na\n', a: '', b: '' },
    expected: ['b'],
  },

  // Anchoring
  {
    name: 'a leading slash anchors to the ignore file directory',
    tree: { [GI]: '/a\n', a: '', 'sub/a': '' },
    expected: [GI, 'sub/a'],
  },
  {
    name: 'a middle slash anchors too',
    tree: { [GI]: 'sub/a\n', 'sub/a': '', 'x/sub/a': '' },
    expected: [GI, 'x/sub/a'],
  },
  {
    name: 'a pattern without slash matches at any depth',
    tree: { [GI]: 'a\n', a: '', 'x/a': '', 'x/y/a': '', ab: '' },
    expected: [GI, 'ab'],
  },
  {
    name: 'a leading slash in a nested file anchors to its directory',
    tree: { a: '', 'sub/.gitignore': '/a\n', 'sub/a': '', 'sub/x/a': '' },
    expected: ['a', 'sub/.gitignore', 'sub/x/a'],
  },
  {
    name: 'a middle slash in a nested file is relative to its directory',
    tree: { 'sub/.gitignore': 'x/a\n', 'sub/x/a': '', 'x/a': '', 'sub/y/x/a': '' },
    expected: ['sub/.gitignore', 'sub/y/x/a', 'x/a'],
  },
  {
    name: 'a nested file does not reach outside its directory',
    tree: { 'sub/.gitignore': '../a\n/b\n', a: '', b: '', 'sub/c': '' },
    expected: ['a', 'b', 'sub/.gitignore', 'sub/c'],
  },
  {
    name: 'gitignore(5) example: doc/frotz/ is anchored, frotz/ is not',
    tree: { [GI]: 'doc/frotz/\n', 'doc/frotz/x': '', 'a/doc/frotz/y': '' },
    expected: [GI, 'a/doc/frotz/y'],
  },

  // Directory-only patterns
  {
    name: 'a trailing slash matches only directories',
    tree: { [GI]: 'build/\n', 'build/a': '', 'x/build': '' },
    expected: [GI, 'x/build'],
  },
  {
    name: 'a pattern without trailing slash matches files and directories',
    tree: { [GI]: 'build\n', 'build/a': '', 'x/build': '' },
    expected: [GI],
  },
  {
    name: 'a directory-only pattern with a middle slash',
    tree: { [GI]: 'a/b/\n', 'a/b/c': '', 'x/a/b/c': '', 'a/x/b': '' },
    expected: [GI, 'a/x/b', 'x/a/b/c'],
  },
  {
    name: 'a directory-only pattern does not match a symlink to a directory',
    tree: { [GI]: 'link/\n', 'real/f': '', link: { symlink: 'real' } },
    expected: [GI, 'link', 'real/f'],
  },
  {
    name: 'a plain pattern matches a symlink to a directory',
    tree: { [GI]: 'link\n', 'real/f': '', link: { symlink: 'real' } },
    expected: [GI, 'real/f'],
  },

  // Wildcards
  {
    name: '* does not match a slash',
    tree: { [GI]: 'x/*.c\n', 'x/a.c': '', 'x/y/a.c': '' },
    expected: [GI, 'x/y/a.c'],
  },
  {
    name: '* matches the empty string',
    tree: { [GI]: 'a*\n', a: '', ab: '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: '*.ext matches at any depth',
    tree: { [GI]: '*.log\n', 'a.log': '', 'x/b.log': '', 'c.logx': '' },
    expected: [GI, 'c.logx'],
  },
  {
    name: '? matches exactly one character',
    tree: { [GI]: 'a?c\n', abc: '', ac: '', abbc: '' },
    expected: [GI, 'abbc', 'ac'],
  },
  {
    name: '? does not match a slash',
    tree: { [GI]: 'd/a?b\n', 'd/a/b': '', 'd/axb': '' },
    expected: [GI, 'd/a/b'],
  },
  {
    name: '* matches dot-files',
    tree: { [GI]: '*\n!.gitignore\n', '.hidden': '', a: '' },
    expected: [GI],
  },
  {
    name: '* alone excludes everything, the ignore file too',
    tree: { [GI]: '*\n', a: '', 'b/c': '' },
    expected: [],
  },
  {
    name: 'an escaped star is literal',
    tree: { [GI]: '\\*\n', '*': '', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'an escaped question mark is literal',
    tree: { [GI]: '\\?\n', '?': '', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a backslash before an ordinary character quotes it',
    tree: { [GI]: '\\a\n', a: '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: 'an escaped backslash matches a backslash',
    tree: { [GI]: 'a\\\\b\n', 'a\\b': '', ab: '' },
    expected: [GI, 'ab'],
  },
  {
    name: 'a trailing lone backslash makes the pattern match nothing',
    tree: { [GI]: 'a\\\n', a: '', 'a\\': '' },
  },
  {
    name: 'a directory whose name matches a wildcard is excluded whole',
    tree: { [GI]: 'tmp*\n', 'tmpdir/x': '', 'tmp.txt': '', t: '' },
    expected: [GI, 't'],
  },

  // Bracket expressions
  {
    name: '[abc] matches one of the set',
    tree: { [GI]: 'x[abc]\n', xa: '', xd: '' },
    expected: [GI, 'xd'],
  },
  {
    name: '[a-c] matches a range',
    tree: { [GI]: 'x[a-c]\n', xb: '', xd: '' },
    expected: [GI, 'xd'],
  },
  {
    name: '[!a] matches anything but a',
    tree: { [GI]: 'x[!a]\n', xa: '', xb: '' },
    expected: [GI, 'xa'],
  },
  {
    name: '[^a] is the same as [!a]',
    tree: { [GI]: 'x[^a]\n', xa: '', xb: '' },
    expected: [GI, 'xa'],
  },
  {
    name: '[]] has a leading ] as a member',
    tree: { [GI]: 'x[]]\n', 'x]': '', xa: '' },
    expected: [GI, 'xa'],
  },
  {
    name: '[!]] excludes a leading ]',
    tree: { [GI]: 'x[!]]\n', 'x]': '', xa: '' },
    expected: [GI, 'x]'],
  },
  {
    name: '[[:digit:]] is a POSIX class',
    tree: { [GI]: 'x[[:digit:]]\n', x1: '', xa: '' },
    expected: [GI, 'xa'],
  },
  {
    name: 'an unterminated bracket matches nothing',
    tree: { [GI]: 'x[a\n', 'x[a': '', xa: '' },
    expected: [GI, 'x[a', 'xa'],
  },
  {
    name: 'an escaped bracket is literal',
    tree: { [GI]: '\\[a]\n', '[a]': '', a: '' },
    expected: [GI, 'a'],
  },
  { name: 'a bracket never matches a slash', tree: { [GI]: 'd[/]x\n', 'd/x': '', 'd-x': '' } },
  {
    name: 'a reversed range matches its first member only',
    tree: { [GI]: 'x[c-a]\n', xa: '', xb: '', xc: '' },
  },

  // ** forms
  {
    name: '**/a matches a at any depth',
    tree: { [GI]: '**/a\n', a: '', 'x/a': '', 'x/y/a': '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: '**/a/b matches b directly under a',
    tree: { [GI]: '**/a/b\n', 'a/b': '', 'x/a/b': '', 'a/x/b': '' },
    expected: [GI, 'a/x/b'],
  },
  {
    name: 'a/** matches everything inside a',
    tree: { [GI]: 'a/**\n', 'a/b': '', 'a/c/d': '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: 'a/** does not match a file named a',
    tree: { [GI]: 'a/**\n', a: '' },
    expected: [GI, 'a'],
  },
  {
    name: 'a/**/b matches zero or more directories',
    tree: { [GI]: 'a/**/b\n', 'a/b': '', 'a/x/b': '', 'a/x/y/b': '', 'a/x/c': '' },
    expected: [GI, 'a/x/c'],
  },
  { name: '** alone matches everything', tree: { [GI]: '**\n', a: '', 'b/c': '' }, expected: [] },
  {
    name: 'a**b in a basename is a plain star',
    tree: { [GI]: 'a**b\n', ab: '', axb: '', 'a/b': '' },
    expected: [GI, 'a/b'],
  },
  {
    name: 'a**/b after a literal prefix is a globstar (git quirk)',
    tree: { [GI]: 'a**/b\n', ab: '', 'ax/b': '', 'ax/y/b': '', 'a/b': '', 'c/b': '' },
    expected: [GI, 'c/b'],
  },
  {
    name: 'x/a** after a literal prefix matches everything below',
    tree: { [GI]: 'x/a**\n', 'x/a': '', 'x/ab/c/d': '', 'x/b': '' },
    expected: [GI, 'x/b'],
  },
  {
    name: '***/a is the same as **/a',
    tree: { [GI]: '***/a\n', 'x/a': '', a: '', b: '' },
    expected: [GI, 'b'],
  },
  {
    name: 'x/**/ matches directories inside x only',
    tree: { [GI]: 'x/**/\n', 'x/f': '', 'x/d/f': '' },
    expected: [GI, 'x/f'],
  },
  {
    name: 'a/*/b matches exactly one level',
    tree: { [GI]: 'a/*/b\n', 'a/x/b': '', 'a/x/y/b': '', 'a/b': '' },
    expected: [GI, 'a/b', 'a/x/y/b'],
  },
  {
    name: '/**/a anchored globstar matches at any depth',
    tree: { [GI]: '/**/a\n', a: '', 'x/y/a': '', b: '' },
    expected: [GI, 'b'],
  },

  // Case sensitivity
  {
    name: 'matching is case-sensitive',
    tree: { [GI]: 'README\n', README: '', readme: '', Readme: '' },
    expected: [GI, 'Readme', 'readme'],
  },
  {
    name: 'a range is case-sensitive',
    tree: { [GI]: '[A-Z]*.txt\n', 'A.txt': '', 'a.txt': '' },
    expected: [GI, 'a.txt'],
  },

  // Unicode: git compares UTF-8 bytes
  {
    name: 'a unicode literal matches the same name',
    tree: { [GI]: 'café\n', café: '', cafe: '' },
    expected: [GI, 'cafe'],
  },
  {
    name: 'an NFC pattern does not match an NFD name',
    tree: { [GI]: 'caf\u00e9\n', 'cafe\u0301': '', 'caf\u00e9': '' },
    expected: [GI, 'cafe\u0301'],
  },
  {
    name: '? matches one byte, not one character',
    tree: { [GI]: 'caf?\n', café: '', cafe: '' },
    expected: [GI, 'café'],
  },
  {
    name: '?? matches a two-byte character',
    tree: { [GI]: 'caf??\n', café: '', cafe: '' },
    expected: [GI, 'cafe'],
  },
  {
    name: 'a bracket with a multibyte character matches one byte',
    tree: { [GI]: 'x[é]y\n', xéy: '', xey: '' },
    expected: [GI, 'xey', 'xéy'],
  },
  {
    name: '* matches multibyte characters',
    tree: { [GI]: 'a*z\n', aéz: '', 'a😀z': '', ay: '' },
    expected: [GI, 'ay'],
  },
  {
    name: 'an ignore file in a unicode directory',
    tree: { 'données/.gitignore': '*.csv\n', 'données/a.csv': '', 'données/b.txt': '' },
    expected: ['données/.gitignore', 'données/b.txt'],
  },
  {
    name: 'an astral-plane name',
    tree: { [GI]: '😀*\n', '😀.txt': '', 'a😀': '' },
    expected: [GI, 'a😀'],
  },

  // Odd names
  {
    name: 'names with spaces',
    tree: { [GI]: 'my file.txt\n', 'my file.txt': '', 'my  file.txt': '' },
    expected: [GI, 'my  file.txt'],
  },
  {
    name: 'names with quotes',
    tree: { [GI]: '"q".txt\n', '"q".txt': '', "'s'.txt": '' },
    expected: [GI, "'s'.txt"],
  },
  { name: 'a name with a newline is listed', tree: { 'a\nb': '', c: '' }, expected: ['a\nb', 'c'] },
  {
    name: '? matches a newline in a name',
    tree: { [GI]: 'a?b\n', 'a\nb': '', axb: '', ab: '' },
    expected: [GI, 'ab'],
  },
  {
    name: 'names starting with - and !',
    tree: { [GI]: '-x\n', '-x': '', '!y': '', '-y': '' },
    expected: [GI, '!y', '-y'],
  },

  // Symlinks
  {
    name: 'a symlink to a file is listed as itself',
    tree: { f: '', l: { symlink: 'f' } },
    expected: ['f', 'l'],
  },
  {
    name: 'a symlink to a directory is listed and not followed',
    tree: { 'd/x': '', l: { symlink: 'd' } },
    expected: ['d/x', 'l'],
  },
  { name: 'a dangling symlink is listed', tree: { l: { symlink: 'nowhere' } }, expected: ['l'] },
  {
    name: 'a symlink to a directory outside the project is listed and not followed',
    tree: { l: { symlink: '/' } },
    expected: ['l'],
  },
  {
    name: 'a .gitignore that is a symlink is not read',
    tree: { 'real-ignore': 'a\n', [GI]: { symlink: 'real-ignore' }, a: '' },
    expected: [GI, 'a', 'real-ignore'],
  },
  {
    name: 'a nested .gitignore that is a symlink is not read',
    tree: { 'rules.txt': 'b\n', 'sub/.gitignore': { symlink: '../rules.txt' }, 'sub/b': '' },
    expected: ['rules.txt', 'sub/.gitignore', 'sub/b'],
  },
  {
    name: 'a symlink is matched by a wildcard',
    tree: { [GI]: '*.lnk\n', 'x.lnk': { symlink: 'x' }, x: '' },
    expected: [GI, 'x'],
  },

  // Built-in exclusions (git lists these; the differential test filters them from its output)
  {
    name: '__pycache__ directories are excluded',
    tree: { '__pycache__/a.cpython-312.pyc': '', 'pkg/__pycache__/x': '', 'pkg/a.py': '' },
    expected: ['pkg/a.py'],
  },
  {
    name: '*.py[cod] files are excluded',
    tree: { 'a.pyc': '', 'b.pyo': '', 'c.pyd': '', 'd.py': '', 'e.pyx': '' },
    expected: ['d.py', 'e.pyx'],
  },
  {
    name: 'built-in exclusions cannot be re-included',
    tree: { [GI]: '!__pycache__/\n!*.pyc\n', '__pycache__/x': '', 'a.pyc': '' },
    expected: [GI],
  },
  {
    name: 'a nested repository is skipped whole',
    tree: { ...nestedRepo('sub'), 'sub/a': '', 'sub/.gitignore': '!x\n', b: '' },
    expected: ['b'],
  },
  {
    name: 'a nested repository two levels down is skipped',
    tree: { ...nestedRepo('x/vendor/lib'), 'x/vendor/lib/a': '', 'x/vendor/b': '' },
    expected: ['x/vendor/b'],
  },
  {
    name: 'a directory with a .git file (worktree or submodule) is skipped',
    tree: {
      ...nestedRepo('.modules/m'),
      'sub/.git': 'gitdir: ../.modules/m/.git\n',
      'sub/a': '',
      c: '',
    },
    expected: ['c'],
  },
  {
    name: '.hg, .svn and .bzr are excluded',
    tree: { '.hg/store': '', '.svn/entries': '', '.bzr/x': '', 'x/.hg/y': '', a: '' },
    expected: ['a'],
  },
  {
    name: 'empty directories are not listed',
    tree: { 'empty/': '', 'deep/er/': '', a: '' },
    expected: ['a'],
  },
  // Edge patterns, left to git to decide
  {
    name: 'a/**b is not a globstar (no segment of its own)',
    tree: { [GI]: 'a/**b\n', 'a/b': '', 'a/xb': '', 'a/x/b': '' },
  },
  { name: '**/ matches every directory', tree: { [GI]: '**/\n', 'd/x': '', f: '' } },
  { name: '*/ matches directories at any depth', tree: { [GI]: '*/\n', 'd/x': '', f: '' } },
  { name: 'a lone slash matches nothing', tree: { [GI]: '/\n', 'd/x': '', f: '' } },
  { name: 'a double slash inside a pattern', tree: { [GI]: 'a//b\n', 'a/b': '', c: '' } },
  {
    name: 'x/a**/ is a directory-only globstar after a prefix',
    tree: { [GI]: 'x/a**/\n', 'x/ab/c': '', 'x/a': '', 'x/ac/d/e': '' },
  },
  {
    name: 'a**/**/b recurses through the prefix quirk',
    tree: { [GI]: 'a**/**/b\n', ab: '', 'ax/b': '', 'a/y/b': '', 'a/c': '' },
  },
  { name: 'an escaped slash in the middle', tree: { [GI]: 'a\\/b\n', 'a/b': '', 'x/a/b': '' } },
  {
    name: 'a trailing dash in a bracket is a member',
    tree: { [GI]: 'x[a-]\n', 'x-': '', xa: '', xb: '' },
  },
  {
    name: 'an unknown POSIX class matches nothing',
    tree: { [GI]: 'x[[:foo:]]\n', xa: '', 'x[': '' },
  },
  { name: 'a **foo basename pattern', tree: { [GI]: '**foo\n', foo: '', xfoo: '', 'd/afoo': '' } },
  {
    name: 'foo/**/*.c matches at any depth below foo',
    tree: { [GI]: 'foo/**/*.c\n', 'foo/a.c': '', 'foo/x/y/b.c': '', 'a.c': '' },
  },
  {
    name: 'a/** then !a/b/ cannot re-include the contents',
    tree: { [GI]: 'a/**\n!a/b/\n', 'a/b/c': '', 'a/d': '' },
  },
  {
    name: 'a/** then !a/b/ and !a/b/** re-include the contents',
    tree: { [GI]: 'a/**\n!a/b/\n!a/b/**\n', 'a/b/c': '', 'a/d': '' },
  },
  {
    name: 'a nested **/x is relative to its directory',
    tree: { 'sub/.gitignore': '**/x\n', 'sub/y/x': '', x: '', 'sub/x': '' },
  },
  { name: 'a directory named .gitignore is not read', tree: { '.gitignore/x': '', a: '' } },
  {
    name: 'a directory excluded above with a deeper file inside is not entered',
    tree: { [GI]: 'sub/\n', 'sub/.gitignore': '!*\n', 'sub/a': '' },
  },
  {
    name: 'a negated pattern in a deeper file for a sibling name',
    tree: { [GI]: '*.c\n', 'a/.gitignore': '!b.c\n', 'a/b.c': '', 'a/c.c': '', 'b.c': '' },
  },
  { name: 'a pattern with a trailing backslash-space', tree: { [GI]: 'a\\ \n', 'a ': '', a: '' } },
  {
    name: 'a range across digits and letters',
    tree: { [GI]: 'x[0-9a-f]\n', x0: '', xf: '', xg: '' },
  },
  { name: 'a leading ./ is not a path', tree: { [GI]: './a\n', a: '' } },

  // Ported from git's t/t0008-ignores.sh (check-ignore). Dropped: the tests of check-ignore's
  // command line (--stdin, -z, -q, -v, -n, invalid input), "beyond a symlink" and "submodule"
  // pathspec errors, and everything about .git/info/exclude and core.excludesFile, which the
  // walker never reads.
  {
    name: 't0008: the setup tree (nested include, ignored sub-directory, symlink, submodule)',
    tree: {
      [GI]: 'one\nignored-*\ntop-level-dir/\n',
      'a/.gitignore': 'two*\n*three\n',
      'a/b/.gitignore':
        'four\nfive\n# this comment should affect the line numbers\nsix\nignored-dir/\n# and so should this blank line:\n\n!on*\n!two\n',
      'a/b/ignored-dir/.gitignore': 'seven\n',
      'a/b/ignored-dir/foo': '',
      'a/b/ignored-dir/twoooo': '',
      'a/b/ignored-dir/seven': '',
      'not-ignored': '',
      'ignored-and-untracked': '',
      'ignored-but-in-index': '',
      one: '',
      'a/not-ignored': '',
      'a/ignored-and-untracked': '',
      'a/ignored-but-in-index': '',
      'a/one': '',
      'a/3-three': '',
      'a/three-not-this-one': '',
      'a/b/on': '',
      'a/b/one': '',
      'a/b/one one': '',
      'a/b/one two': '',
      'a/b/one"three': '',
      'a/b/not-ignored': '',
      'a/b/two': '',
      'a/b/twooo': '',
      'a/b/four': '',
      'a/b/six': '',
      globaltwo: '',
      'a/globaltwo': '',
      'a/b/globaltwo': '',
      'b/globaltwo': '',
      'a/symlink': { symlink: 'b' },
      ...nestedRepo('a/submodule'),
      'a/submodule/a': '',
      'top-level-dir/x': '',
    },
    expected: [
      GI,
      'a/.gitignore',
      'a/b/.gitignore',
      'a/b/globaltwo',
      'a/b/not-ignored',
      'a/b/on',
      'a/b/one',
      'a/b/one one',
      'a/b/one two',
      'a/b/one"three',
      'a/b/two',
      'a/globaltwo',
      'a/not-ignored',
      'a/symlink',
      'a/three-not-this-one',
      'b/globaltwo',
      'globaltwo',
      'not-ignored',
    ],
  },
  {
    name: 't0008: a file git tracks is still ignored here (the walker never reads the index)',
    tree: { [GI]: 'ignored-*\n', 'ignored-but-in-index': '', 'not-ignored': '' },
    expected: [GI, 'not-ignored'],
  },
  {
    name: 't0008: existing file and directory',
    tree: { [GI]: 'one\ntop-level-dir/\n', one: '', 'top-level-dir/x': '', two: '' },
    expected: [GI, 'two'],
  },
  {
    name: 't0008: exact prefix matching (with root)',
    tree: { 'a/.gitignore': '/git/\n', 'a/git/foo': '', 'a/git-foo/bar': '' },
    expected: ['a/.gitignore', 'a/git-foo/bar'],
  },
  {
    name: 't0008: exact prefix matching (without root)',
    tree: { 'a/.gitignore': 'git/\n', 'a/git/foo': '', 'a/git-foo/bar': '' },
    expected: ['a/.gitignore', 'a/git-foo/bar'],
  },
  {
    name: 't0008: directories and ** matches',
    tree: {
      [GI]: 'data/**\n!data/**/\n!data/**/*.txt\n',
      file: '',
      'data/file': '',
      'data/data1/file1': '',
      'data/data1/file1.txt': '',
      'data/data2/file2': '',
      'data/data2/file2.txt': '',
    },
    expected: [GI, 'data/data1/file1.txt', 'data/data2/file2.txt', 'file'],
  },
  {
    name: 't0008: symlinks not respected in-tree',
    tree: {
      ignore: '*\n',
      [GI]: { symlink: 'ignore' },
      'subdir/.gitignore': { symlink: 'ignore' },
      'subdir/file': '',
    },
    expected: [GI, 'ignore', 'subdir/.gitignore', 'subdir/file'],
  },
  {
    name: 't0008: trailing whitespace is ignored',
    tree: {
      [GI]: 'whitespace/trailing   \n',
      'whitespace/trailing': '',
      'whitespace/untracked': '',
    },
    expected: [GI, 'whitespace/untracked'],
  },
  {
    name: 't0008: quoting allows trailing whitespace',
    tree: {
      [GI]: 'whitespace/trailing\\ \\ \n',
      'whitespace/trailing  ': '',
      'whitespace/untracked': '',
    },
    expected: [GI, 'whitespace/untracked'],
  },
  {
    name: 't0008: correct handling of backslashes',
    tree: {
      [GI]: [
        'whitespace/trailing 1 \\    ',
        'whitespace/trailing 2 \\\\\\\\',
        'whitespace/trailing 3 \\\\\\\\ ',
        'whitespace/trailing 4   \\\\\\    ',
        'whitespace/trailing 5 \\\\ \\\\\\   ',
        'whitespace/trailing 6 \\\\a\\\\',
        '',
      ].join('\n'),
      'whitespace/trailing 1  ': '',
      'whitespace/trailing 2 \\\\': '',
      'whitespace/trailing 3 \\\\': '',
      'whitespace/trailing 4   \\ ': '',
      'whitespace/trailing 5 \\ \\ ': '',
      'whitespace/trailing 6 \\a\\': '',
      'whitespace/untracked': '',
    },
    expected: [GI, 'whitespace/untracked'],
  },

  // Ported from git's t/t3001-ls-files-others-exclude.sh. The patterns its first tests pass with
  // --exclude and --exclude-from are put in .gitignore files (or dropped, where they test the
  // precedence of those sources); dropped: core.excludesFile, `git status` and --directory output.
  ...(() => {
    const levels = ['', 'one/', 'one/two/', 'three/'];
    const files: TreeSpec = {};
    for (const dir of levels) for (let i = 1; i <= 8; i++) files[`${dir}a.${i}`] = '';
    const expected = [
      ...[GI, 'one/.gitignore', 'one/two/.gitignore'],
      ...['a.2', 'a.4', 'a.5', 'a.6', 'a.7', 'a.8'],
      ...['one/a.3', 'one/a.4', 'one/a.5', 'one/a.6', 'one/a.7'],
      ...['one/two/a.2', 'one/two/a.3', 'one/two/a.5', 'one/two/a.6', 'one/two/a.7', 'one/two/a.8'],
      ...[
        'three/a.2',
        'three/a.3',
        'three/a.4',
        'three/a.5',
        'three/a.6',
        'three/a.7',
        'three/a.8',
      ],
    ];
    const nested = {
      'one/.gitignore': '*.2\ntwo/*.4\n!*.7\n*.8\n',
      'one/two/.gitignore': '!*.2\n!*.8\n',
    };
    return [
      {
        name: 't3001: ls-files --others with per-directory .gitignore files at three levels',
        tree: { ...files, [GI]: '*.1\n/*.3\n!*.6\n', ...nested },
        expected,
      },
      {
        name: 't3001: ls-files --others with \\r\\n line endings',
        tree: { ...files, [GI]: '*.1\r\n/*.3\r\n!*.6\r\n', ...nested },
        expected,
      },
    ];
  })(),
  {
    name: 't3001: trailing slash in exclude allows directory match (1)',
    tree: { [GI]: 'one/\n', 'one/a.1': '', 'one/two/a.1': '', 'a.1': '' },
    expected: [GI, 'a.1'],
  },
  {
    name: 't3001: trailing slash in exclude allows directory match (2)',
    tree: { [GI]: 'one/two/\n', 'one/a.1': '', 'one/two/a.1': '', 'a.1': '' },
    expected: [GI, 'a.1', 'one/a.1'],
  },
  {
    name: 't3001: trailing slash in exclude forces directory match (1)',
    tree: { [GI]: 'two/\n', two: '' },
    expected: [GI, 'two'],
  },
  {
    name: 't3001: trailing slash in exclude forces directory match (2)',
    tree: { [GI]: 'one/a.1/\n', 'one/a.1': '' },
    expected: [GI, 'one/a.1'],
  },
  {
    name: 't3001: negated exclude matches can override previous ones',
    tree: { [GI]: 'a.*\n!a.1\n', 'a.1': '', 'a.2': '' },
    expected: [GI, 'a.1'],
  },
  {
    name: 't3001: excluded directory overrides content patterns',
    tree: { [GI]: 'one\n!one/a.1\n', 'one/a.1': '' },
    expected: [GI],
  },
  {
    name: "t3001: negated directory doesn't affect content patterns",
    tree: { [GI]: '!one\none/a.1\n', 'one/a.1': '', 'one/a.2': '' },
    expected: [GI, 'one/a.2'],
  },
  {
    name: 't3001: subdirectory ignore',
    tree: { [GI]: '/.gitignore\nl1\n', 'l1/.gitignore': 'l2\n', 'l1/l2/l1': '' },
    expected: [],
  },
  {
    name: 't3001: pattern matches prefix completely',
    tree: { [GI]: '/three/a.3[abc]\n', 'three/a.3': '' },
    expected: [GI, 'three/a.3'],
  },
  {
    name: 't3001: ls-files with "**" patterns',
    tree: {
      [GI]: '**/a.1\n',
      'a.1': '',
      'one/a.1': '',
      'one/two/a.1': '',
      'three/a.1': '',
      'a.2': '',
    },
    expected: [GI, 'a.2'],
  },
  {
    name: 't3001: ls-files with "**" patterns and no slashes',
    tree: { [GI]: 'one**a.1\n', 'a.1': '', 'one/a.1': '', 'one/two/a.1': '', 'three/a.1': '' },
    expected: [GI, 'a.1', 'one/a.1', 'one/two/a.1', 'three/a.1'],
  },
  {
    name: 't3001: negative patterns',
    tree: {
      [GI]: '/fooo\n/foo\n!foo/bar/bar\n',
      'fooo/.gitignore': '!/*\n',
      'fooo/x': '',
      abc: '',
      'foo/def': '',
      'foo/bar/ghi': '',
      'foo/bar/bar': '',
    },
    expected: [GI, 'abc'],
  },
  {
    name: 't3001: subdirectories in negative patterns',
    tree: { [GI]: '/foo*\n!foo/bar/bar\n', abc: '', 'foo/def': '', 'foo/bar/bar': '', foobar: '' },
    expected: [GI, 'abc'],
  },
  {
    name: 't3001: directories and ** matches',
    tree: {
      [GI]: 'data/**\n!data/**/\n!data/**/*.txt\n',
      'data/ddd/a.txt': '',
      'data/a.txt': '',
      'data/file': '',
    },
    expected: [GI, 'data/a.txt', 'data/ddd/a.txt'],
  },

  // Found by probing next to the fuzzer (test/regression.test.ts has one test each)
  {
    name: 'probe 1: an ignore file that is not UTF-8 is matched as bytes (0xFF is not U+FFFD)',
    tree: { [GI]: Buffer.from([0xff, 0x0a]), '\uFFFD': '', b: '' },
    expected: [GI, '\uFFFD', 'b'],
  },
  {
    name: 'probe 2: an ignore file that is not UTF-8 is matched as bytes (caf? + 0xA9 is café)',
    tree: { [GI]: Buffer.from([0x63, 0x61, 0x66, 0x3f, 0xa9, 0x0a]), café: '', cafe: '' },
    expected: [GI, 'cafe'],
  },
  {
    name: 'symlink loops (to itself, to each other, to its own directory) are listed, not followed',
    tree: {
      self: { symlink: 'self' },
      x: { symlink: 'y' },
      y: { symlink: 'x' },
      dot: { symlink: '.' },
    },
    expected: ['dot', 'self', 'x', 'y'],
  },
  {
    name: 'probe 3: a NUL byte ends the pattern (git reads each line as a C string)',
    tree: { [GI]: 'a\0b\nx\0\n', a: '', ab: '', b: '', x: '' },
    expected: [GI, 'ab', 'b'],
  },
  {
    name: 'probe 7: ** before an escaped slash is a globstar',
    tree: { [GI]: 'x/**\\/b\n', 'x/b': '', 'x/y/b': '', 'x/y/z/b': '', 'x/c': '' },
  },
  {
    name: 'probe 7: ** before an escaped slash after a literal prefix is a globstar',
    tree: { [GI]: 'a**\\/b\n', ab: '', 'ax/b': '', 'ax/y/b': '', 'a/b': '', 'c/b': '' },
  },
  {
    name: 'probe 7: an escaped slash anchors and matches a slash',
    tree: { [GI]: 'd\\/x\n', 'd/x': '', 'e/d/x': '', x: '' },
  },
  {
    name: 'probe 7: escaped slashes at the start, anchored, inside a bracket, and after a wildcard',
    tree: {
      [GI]: '**\\/b\n/**\\/c\nd[\\/]e\n?x**\\/f\ng\\/**\n',
      b: '',
      'p/b': '',
      'p/q/b': '',
      c: '',
      'p/c': '',
      'd/e': '',
      'ax/f': '',
      'axy/f': '',
      'ax/y/f': '',
      'g/h/i': '',
      gg: '',
    },
  },
  {
    name: 'literal lines, looked up by name, against wildcard lines and negations in every order',
    tree: {
      [GI]: 'keep.log\n*.log\n!keep.log\nbuild/\nbuild\n!build/\nx/y\nx/*\n!x/z\n/a/b/\n*.tmp\n!t.tmp\n',
      'keep.log': '',
      'other.log': '',
      build: '',
      'sub/build/f': '',
      'x/y': '',
      'x/z': '',
      'sub/x/y': '',
      'a/b/c': '',
      'sub/a/b/c': '',
      't.tmp': '',
      'u.tmp': '',
    },
  },
  {
    name: 'a file of 3,000 literal lines (names and paths) with a wildcard line and a negation last',
    tree: {
      [GI]: `${Array.from({ length: 3000 }, (_, i) => (i % 2 ? `n${i}.txt` : `sub/p${i}.txt`)).join('\n')}\n*.dat\n!n7.txt\n`,
      'n1.txt': '',
      'n7.txt': '',
      'sub/n3.txt': '',
      'n2.txt': '',
      'sub/p2.txt': '',
      'sub/p3.txt': '',
      'p2.txt': '',
      'sub/sub/p2.txt': '',
      'x.dat': '',
    },
  },
  {
    name: 'one-star lines (`*.log`, `keep*`, `cache*/`), negated and directory-only, the last matching line decides',
    tree: {
      [GI]: '*.log\n!keep*\nkeep.log.d*\ncache*/\n!*.txt\nx*\n*.egg-info/\n*$py.class\nq *\n',
      'a.log': '',
      '.log': '',
      'keep.log': '',
      'keep.log.data': '',
      'cache1/f': '',
      cachefile: '',
      'x.txt': '',
      xa: '',
      x: '',
      'dir.log/inner': '',
      'p.egg-info/PKG-INFO': '',
      'p.egg-info.txt': '',
      'm$py.class': '',
      'q r': '',
      qr: '',
      'sub/.gitignore': '!b.log\n*.tmp\n!x*\n',
      'sub/b.log': '',
      'sub/c.tmp': '',
      'sub/xb': '',
      'sub/keep.tmp': '',
    },
  },
];
