/**
 * Pattern lists (gitignore-style, git's semantics for one root .gitignore), globs, and the
 * config-time pattern checks. Table-driven: one line per case.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  checkGitignorePattern,
  checkGlobPattern,
  checkLicenseGlob,
  compileGlobList,
  compilePatternList,
  type PatternSource,
} from '../../src/rules/patterns.js';
import { makeTree } from '../helpers/tree.js';

function sources(patterns: readonly string[]): PatternSource[] {
  return patterns.map((pattern, i) => ({
    pattern,
    key: `tool.manifest.exclude[${i}]`,
    line: 10 + i,
  }));
}

// [patterns, path, isDir, matched, index of the deciding pattern (or undefined)]
type ListCase = [readonly string[], string, boolean, boolean, number | undefined];

// prettier-ignore
const listCases: Record<string, ListCase> = {
  'anchored /docs matches docs at the root': [['/docs'], 'docs', true, true, 0],
  'anchored /docs matches a file below it': [['/docs'], 'docs/guide/intro.md', false, true, 0],
  'anchored /docs does not match a nested docs': [['/docs'], 'pkg/docs/a.md', false, false, undefined],
  'unanchored docs matches at any depth': [['docs'], 'pkg/docs/a.md', false, true, 0],
  'unanchored docs matches a file named docs': [['docs'], 'pkg/docs', false, true, 0],
  'dir-only docs/ does not match a file named docs': [['docs/'], 'pkg/docs', false, false, undefined],
  'dir-only docs/ matches the directory': [['docs/'], 'pkg/docs', true, true, 0],
  'dir-only docs/ matches a file below the directory': [['docs/'], 'pkg/docs/a.md', false, true, 0],
  'a middle slash anchors: docs/api': [['docs/api'], 'x/docs/api/a.md', false, false, undefined],
  'a middle slash anchors: docs/api at root': [['docs/api'], 'docs/api/a.md', false, true, 0],
  '*.schema.json at the root': [['*.schema.json'], 'a.schema.json', false, true, 0],
  '*.schema.json at any depth': [['*.schema.json'], 'src/pkg/data/a.schema.json', false, true, 0],
  '*.schema.json not a plain json': [['*.schema.json'], 'src/a.json', false, false, undefined],
  '* does not cross a slash when anchored': [['/src/*.py'], 'src/pkg/a.py', false, false, undefined],
  '** crosses directories': [['/src/**/*.py'], 'src/pkg/sub/a.py', false, true, 0],
  'leading **/ matches at the root too': [['**/fixtures'], 'fixtures/a', false, true, 0],
  'trailing /** matches below': [['/build/**'], 'build/x/y', false, true, 0],
  'matching is case-sensitive': [['README.md'], 'readme.md', false, false, undefined],
  'dotfiles match like any file': [['.*'], 'pkg/.hidden', false, true, 0],
  '! re-includes a file': [['*.md', '!README.md'], 'README.md', false, false, 1],
  '! leaves other files matched': [['*.md', '!README.md'], 'CHANGES.md', false, true, 0],
  'last match wins: re-excluded after !': [['*.md', '!README.md', 'README*'], 'README.md', false, true, 2],
  'an excluded parent decides before a later pattern on the file': [['docs', '*.md'], 'docs/a.md', false, true, 0],
  'the negation on the file decides, not one on its parent': [['*', '!a*', '!ab/'], 'ab/ac', false, false, 1],
  'a negation on the parent decides when none matches the file': [['/ab', '!/ab/', '!x*'], 'ab/ac', false, false, 1],
  'a later negation matching only the [b] parent does not decide': [['*', '!*c', '!?b?'], '[b]/xc', false, false, 1],
  'an escaped [name] directory re-included': [['*', '!/\\[x]/', '!/\\[x]/**'], '[x]/y', false, false, 2],
  'last match wins: on the file itself': [['*.md', 'a.*'], 'a.md', false, true, 1],
  'a file below an excluded dir cannot be re-included (git)': [['docs/', '!docs/keep.md'], 'docs/keep.md', false, true, 0],
  'docs/** then ! re-includes one file': [['docs/**', '!docs/keep.md'], 'docs/keep.md', false, false, 1],
  'a re-included directory decides for a file below it': [['build', '!build/'], 'build/out.txt', false, false, 1],
  '! dir re-include still leaves the file named build matched': [['build', '!build/'], 'build', false, true, 0],
  'escaped \\! is a literal name': [['\\!important'], '!important', false, true, 0],
  'escaped \\# is a literal name': [['\\#notes'], '#notes', false, true, 0],
  'class [ab].txt': [['[ab].txt'], 'x/b.txt', false, true, 0],
  'no pattern matches': [['/docs', '*.tmp'], 'src/a.py', false, false, undefined],
  'empty list matches nothing': [[], 'src/a.py', false, false, undefined],
  'empty path matches nothing': [['*'], '', false, false, undefined],
};

describe('compilePatternList', () => {
  it.each(Object.entries(listCases))('%s', (_name, [patterns, path, isDir, matched, decider]) => {
    const list = sources(patterns);
    const result = compilePatternList(list).test(path, isDir);
    expect(result.matched).toBe(matched);
    expect(result.source).toEqual(decider === undefined ? undefined : list[decider]);
  });

  it('says whether the list is empty', () => {
    expect(compilePatternList([]).empty).toBe(true);
    expect(compilePatternList(sources(['a'])).empty).toBe(false);
  });

  it('answers repeated tests the same way (cached results)', () => {
    const list = compilePatternList(sources(['*.md', '!README.md']));
    for (let i = 0; i < 3; i++) {
      expect(list.test('README.md').matched).toBe(false);
      expect(list.test('docs/a.md').matched).toBe(true);
    }
  });
});

// [globs, path, matched, index of the deciding glob (or undefined)]
type GlobCase = [readonly string[], string, boolean, number | undefined];

// prettier-ignore
const globCases: Record<string, GlobCase> = {
  'a literal path': [['pkg/_version.py'], 'pkg/_version.py', true, 0],
  'a literal path is anchored': [['_version.py'], 'pkg/_version.py', false, undefined],
  '* stays in one segment': [['pkg/*.so'], 'pkg/sub/a.so', false, undefined],
  '* matches in its segment': [['pkg/*.so'], 'pkg/a.so', true, 0],
  '** spans segments': [['pkg/**/*.so'], 'pkg/sub/deep/a.so', true, 0],
  '**/ matches zero segments': [['pkg/**/*.so'], 'pkg/a.so', true, 0],
  '* matches dotfiles (dot: true)': [['pkg/*'], 'pkg/.keep', true, 0],
  '? is one character': [['LICENSE.?'], 'LICENSE.md', false, undefined],
  '[] is a class': [['LICEN[CS]E*'], 'LICENSE.txt', true, 0],
  'braces are literal (nobrace)': [['{data}/scripts/run'], '{data}/scripts/run', true, 0],
  'braces do not expand': [['a.{py,pyi}'], 'a.py', false, undefined],
  'extglob is literal (noextglob)': [['+(a|b).txt'], 'a.txt', false, undefined],
  'the last matching glob is reported': [['pkg/*', 'pkg/*.so'], 'pkg/a.so', true, 1],
  '**/.gitignore finds nested ignore files': [['**/.gitignore'], 'src/pkg/.gitignore', true, 0],
  '**/.gitignore finds the root one': [['**/.gitignore'], '.gitignore', true, 0],
  'case-sensitive': [['LICENSE'], 'license', false, undefined],
};

describe('compileGlobList', () => {
  it.each(Object.entries(globCases))('%s', (_name, [globs, path, matched, decider]) => {
    const list = sources(globs);
    const result = compileGlobList(list).test(path);
    expect(result.matched).toBe(matched);
    expect(result.source).toEqual(decider === undefined ? undefined : list[decider]);
  });
});

// pattern → the start of the reason it is rejected, or undefined when accepted
// prettier-ignore
const gitignoreChecks: [string, string | undefined][] = [
  ['/docs', undefined],
  ['docs/', undefined],
  ['!docs/keep.md', undefined],
  ['**/*.schema.json', undefined],
  ['\\#literal', undefined],
  ['trailing\\ ', undefined],
  ['[!a]*.txt', undefined],
  ['[]]x', undefined],
  ['', 'is empty'],
  ['   ', 'is empty'],
  ['#comment', 'would be a comment'],
  ['!', '`!` alone'],
  ['/', 'matches nothing'],
  ['../outside', 'has a `..` segment'],
  ['docs/../src', 'has a `..` segment'],
  ['./docs', 'has a `.` segment'],
  ['a//b', 'has an empty path segment'],
  ['dir\\', 'ends with a backslash'],
  ['name ', 'ends with a space'],
  ['[abc', 'has a `[` that is never closed'],
  ['a\nb', 'contains a control character'],
];

describe('checkGitignorePattern', () => {
  it.each(gitignoreChecks)('%j → %j', (pattern, reason) => {
    const got = checkGitignorePattern(pattern);
    if (reason === undefined) expect(got).toBeUndefined();
    else expect(got).toMatch(new RegExp(`^${reason.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&')}`));
  });
});

// prettier-ignore
const globChecks: [string, string | undefined][] = [
  ['pkg/_version.py', undefined],
  ['pkg/**/*.so', undefined],
  ['{data}/scripts/run.sh', undefined],
  ['**/.gitignore', undefined],
  ['', 'is empty'],
  ['/abs/x.py', 'is absolute'],
  ['!pkg/x', 'starts with `!`'],
  ['build/', 'ends with `/`'],
  ['pkg/x\\', 'ends with a backslash'],
  ['pkg/[ab', 'has a `[` that is never closed'],
  ['../x', 'has a `..` segment'],
  ['pkg/./x', 'has a `.` segment'],
];

describe('checkGlobPattern', () => {
  it.each(globChecks)('%j → %j', (pattern, reason) => {
    const got = checkGlobPattern(pattern);
    if (reason === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(reason);
  });
});

// prettier-ignore
const licenseChecks: [string, string | undefined][] = [
  ['LICENSE', undefined],
  ['LICEN[CS]E*', undefined],
  ['licenses/**/*.txt', undefined],
  ['AUTHORS?.md', undefined],
  ['LIZENZ-ÄÖ.txt', undefined],
  ['', 'is empty'],
  ['/LICENSE', 'is absolute'],
  ['../LICENSE', 'has a `..` segment'],
  ['LICENSE and NOTICE', 'has a space'],
  ['LICEN[!C]E', 'has a class'],
  ['LICEN[CS', 'has a `[` that is never closed'],
  ['{LICENSE,NOTICE}', 'has `{`'],
  ['licenses/', 'ends with `/`'],
];

describe('checkLicenseGlob (PEP 639)', () => {
  it.each(licenseChecks)('%j → %j', (pattern, reason) => {
    const got = checkLicenseGlob(pattern);
    if (reason === undefined) expect(got).toBeUndefined();
    else expect(got).toContain(reason);
  });
});

// The same list cases against real git: one repository per case, `.gitignore` holding the
// patterns; a path is "matched" exactly when `git ls-files --others --exclude-standard` leaves it
// out. Outside git configuration is neutralized so the oracle is the same on every machine.
describe('compilePatternList agrees with git', () => {
  const env = {
    ...process.env,
    HOME: tmpdir(),
    XDG_CONFIG_HOME: tmpdir(),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  };
  const gitCases = Object.entries(listCases).filter(
    ([, [patterns, path]]) => path !== '' && patterns.length > 0,
  );

  it.each(gitCases)('%s', (_name, [patterns, path, isDir, matched]) => {
    // A directory case is probed through a file inside it.
    const probe = isDir ? `${path}/probe` : path;
    const root = makeTree({ '.gitignore': `${patterns.join('\n')}\n`, [probe]: 'x' });
    execFileSync('git', ['init', '-q'], { cwd: root, env });
    const listed = execFileSync('git', ['ls-files', '-z', '--others', '--exclude-standard'], {
      cwd: root,
      env,
    })
      .toString()
      .split('\0');
    expect(!listed.includes(probe)).toBe(matched);
  });
});
