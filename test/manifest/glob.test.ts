/**
 * Gen globs (MANIFEST-FORMAT.md §8): the syntax table, one case per line, and the cases where
 * picomatch (with dot, nobrace, noextglob, posix) would disagree with the spec.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../src/errors.js';
import { compileGenGlob, findGlobProblem, isGlob } from '../../src/manifest/glob.js';

describe('compileGenGlob', () => {
  it.each<[string, string, boolean]>([
    // literal
    ['PKG-INFO', 'PKG-INFO', true],
    ['PKG-INFO', 'pkg-info', false],
    ['a/b', 'a/b/c', false],
    // *
    ['proj/_speedups.*.so', 'proj/_speedups.cpython-312-x86_64-linux-gnu.so', true],
    ['proj/_speedups.*.so', 'proj/sub/_speedups.x.so', false],
    ['proj/_speedups.*.so', 'proj/_speedups..so', true],
    ['a*', 'a', true],
    ['*', '.hidden', true],
    ['*', 'a/b', false],
    ['a**b', 'axyb', true],
    ['a**b', 'a/b', false],
    ['*.py', 'line\nbreak.py', true],
    // **
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/x/y/c', false],
    ['a/**', 'a', true],
    ['a/**', 'a/x/y', true],
    ['a/**', 'b/x', false],
    ['**', 'x/y/z', true],
    ['**/*.so', 'a.so', true],
    ['**/*.so', 'p/q/a.so', true],
    ['a/**/**/b', 'a/b', true],
    ['**/a/**/a', 'a/a/a/a/a/a/b', false],
    // ?
    ['?', 'a', true],
    ['?', '', false],
    ['?', 'ab', false],
    ['a/?/b', 'a/😀/b', true],
    ['a/?/b', 'a/é/b', true],
    ['a?b', 'a/b', false],
    // classes
    ['[abc]', 'b', true],
    ['[abc]', 'd', false],
    ['[a-c]x', 'bx', true],
    ['[a-c]x', 'dx', false],
    ['[!a-c]', 'd', true],
    ['[!a-c]', 'b', false],
    ['[]]', ']', true],
    ['[!]]', ']', false],
    ['[!]]', 'a', true],
    ['[-a]', '-', true],
    ['[a-]', '-', true],
    ['[\\]]', ']', true],
    ['[😀-😂]', '😁', true],
    ['[😀-😂]', '😃', false],
    // escapes
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['x\\?', 'x?', true],
    ['x\\?', 'xy', false],
    ['\\[a]', '[a]', true],
    ['a\\\\b', 'a\\b', true],
    // literal characters that are special elsewhere
    ['(a|b)', 'a', false],
    ['(a|b)', '(a|b)', true],
    ['!a', 'b', false],
    ['!a', '!a', true],
    ['a{b,c}', 'ab', false],
    ['a{b,c}*', 'a{b,c}', true],
    ['@(a)', '@(a)', true],
    ['a+', 'aa', false],
    ['a.b*', 'axb', false],
    ['$^*', '$^x', true],
  ])('%s matches %j: %s', (pattern, path, expected) => {
    expect(compileGenGlob(pattern)(path)).toBe(expected);
  });
});

describe('invalid globs', () => {
  it.each<[string, number]>([
    ['a/[b', 2],
    ['[', 0],
    ['[]', 0],
    ['[z-a]', 1],
    ['[^a]', 1],
    ['[[:alpha:]]', 1],
    ['a\\', 1],
    ['[a\\', 2],
    ['a[/]b', 1],
    ['[!]', 0],
  ])('%s is invalid at index %i', (pattern, index) => {
    expect(findGlobProblem(pattern)?.index).toBe(index);
    expect(() => compileGenGlob(pattern)).toThrow(ManifestError);
  });

  it.each(['[!!]', '[\\^a]', 'a/**/b', '[[]', '[a-a]'])('%s is valid', (pattern) => {
    expect(findGlobProblem(pattern)).toBeUndefined();
  });
});

describe('isGlob', () => {
  it.each<[string, boolean]>([
    ['a/b.py', false],
    ['{data}/scripts/x', false],
    ['a*', true],
    ['a?', true],
    ['a[b]', true],
    ['a\\b', true],
    ['(a|b)', false],
  ])('%s: %s', (dest, expected) => {
    expect(isGlob(dest)).toBe(expected);
  });
});
