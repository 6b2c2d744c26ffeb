/**
 * Gen globs (MANIFEST-FORMAT.md §8): the syntax table, one case per line, and the cases where
 * picomatch (with dot, nobrace, noextglob, posix) would disagree with the spec.
 */
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../src/errors.js';
import { compileGenGlob, findGlobProblem, isGlob } from '../../src/manifest/glob.js';
import { GLOB_INVALID, GLOB_IS_GLOB, GLOB_MATCH, GLOB_VALID } from '../cases/manifest.js';

describe('compileGenGlob', () => {
  it.each(GLOB_MATCH)('%s matches %j: %s', (pattern, path, expected) => {
    expect(compileGenGlob(pattern)(path)).toBe(expected);
  });
});

describe('invalid globs', () => {
  it.each(GLOB_INVALID)('%s is invalid at index %i', (pattern, index) => {
    expect(findGlobProblem(pattern)?.index).toBe(index);
    expect(() => compileGenGlob(pattern)).toThrow(ManifestError);
  });

  it.each(GLOB_VALID)('%s is valid', (pattern) => {
    expect(findGlobProblem(pattern)).toBeUndefined();
  });
});

describe('isGlob', () => {
  it.each(GLOB_IS_GLOB)('%s: %s', (dest, expected) => {
    expect(isGlob(dest)).toBe(expected);
  });
});
