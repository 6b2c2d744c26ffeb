/**
 * `ignore-file` globs (issue #12): braces written out and each alternative matched by the §8
 * matcher in linear time, agreeing with picomatch (`dot: true`, the reading the walk used before)
 * on every pattern both accept; what only picomatch reads is a configuration error at its key.
 */
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import {
  checkIgnoreFileGlob,
  compileIgnoreFileGlob,
  expandBraces,
  MAX_BRACE_ALTERNATIVES,
} from '../../src/rules/patterns.js';
import { ManifestError } from '../../src/errors.js';
import { parseRulesConfig } from '../../src/rules/config.js';

const PATTERNS = [
  '**/.gitignore',
  '**/{.gitignore,.ignore}',
  '{a,b}/.gitignore',
  'a{b,{c,d}}e',
  '{,x}.gitignore',
  'v{1..3}/.ignore',
  'v{3..1}/.ignore',
  'n{a..c}',
  '{a}.x',
  '**/{x,y}*a*c',
  '[{]x',
  '\\{a,b\\}',
  '**/*.{txt,ignore}',
  'pkg/**/{.gitignore,rules-[ab]}',
];

const PATHS = [
  '.gitignore',
  'pkg/.gitignore',
  'pkg/.ignore',
  'a/.gitignore',
  'b/.gitignore',
  'c/.gitignore',
  'abe',
  'ace',
  'ade',
  'ae',
  'x.gitignore',
  'v1/.ignore',
  'v2/.ignore',
  'v3/.ignore',
  'v4/.ignore',
  'na',
  'nb',
  'nd',
  '{a}.x',
  'a.x',
  'q/xaac',
  'q/yabc',
  'q/zabc',
  '{x',
  '{a,b}',
  'a',
  'd/e.txt',
  'd/e.ignore',
  'pkg/s/t/rules-a',
  'pkg/s/rules-x',
  'pkg/deep/er/.gitignore',
];

describe('ignore-file globs against picomatch', () => {
  it.each(PATTERNS)('%s', (pattern) => {
    expect(checkIgnoreFileGlob(pattern)).toBeUndefined();
    const ours = compileIgnoreFileGlob(pattern);
    const theirs = picomatch(pattern, { dot: true });
    for (const path of PATHS) expect([path, ours(path)]).toEqual([path, theirs(path)]);
  });

  it('writes out braces in order, nested, with ranges, and leaves a brace without either literal', () => {
    expect(expandBraces('a{b,{c,d}}e')).toEqual(['abe', 'ace', 'ade']);
    expect(expandBraces('{1..3}{x,y}')).toEqual(['1x', '1y', '2x', '2y', '3x', '3y']);
    expect(expandBraces('{a}{b,c}')).toEqual(['{a}b', '{a}c']);
    expect(expandBraces('[{,]x')).toEqual(['[{,]x']);
  });

  it('reads `[!…]` as §8 does, a negated class (picomatch without `posix` reads `!` as a member)', () => {
    const match = compileIgnoreFileGlob('pkg/**/{.gitignore,rules-[!x]}');
    expect(['pkg/s/rules-a', 'pkg/s/rules-x', 'pkg/.gitignore'].map(match)).toEqual([
      true,
      false,
      true,
    ]);
  });
});

describe('ignore-file globs that picomatch alone reads, or that would run away', () => {
  it.each([
    ['@(a|b)/.gitignore', 'uses `(`'],
    ['(a|b)/.gitignore', 'uses `(`'],
    ['[^a]/.gitignore', 'uses `[^`'],
    ['[[:alpha:]]/.gitignore', 'uses `[[:`'],
    ['{a,b/.gitignore', 'never closed'],
    ['{1..100000}', `more than ${MAX_BRACE_ALTERNATIVES} alternatives`],
    ['{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}', `more than ${MAX_BRACE_ALTERNATIVES}`],
  ])('%s is refused', (pattern, reason) => {
    expect(checkIgnoreFileGlob(pattern)).toContain(reason);
  });

  it('is a configuration error at its key and line', () => {
    const text =
      '[project]\nname = "p"\n\n[tool.manifest]\nignore-file = ["**/.gitignore", "@(a|b)/.x"]\n';
    let error: unknown;
    try {
      parseRulesConfig(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ManifestError);
    const e = error as ManifestError;
    expect([e.code, e.keyPath, e.line]).toEqual([
      'CONFIG_INVALID_PATTERN',
      'tool.manifest.ignore-file[1]',
      5,
    ]);
    expect(e.message).toContain('uses `(`');
  });
});
