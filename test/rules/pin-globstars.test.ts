/**
 * Inner globstars pinned for linear time (src/rules/pin-globstars.ts, issue #12): the rewrite
 * itself, and the walk against real git on patterns with two to four inner `**` over trees where
 * the pieces between them occur several times, partially, and out of order.
 */
import ignore from 'ignore';
import { afterAll, describe, expect, it } from 'vitest';
import { pinGlobstarSource } from '../../src/rules/pin-globstars.js';
import { walkTree } from '../../src/tree/walk.js';
import { createGitSandbox, initRepo, listUntracked, sortPaths } from '../helpers/git.js';
import { makeTree, type TreeSpec } from '../helpers/tree.js';

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

describe('pinGlobstarSource', () => {
  it('pins every inner globstar but the last to the piece after it', () => {
    const g = '(?:\\/[^\\/]+)*';
    expect(pinGlobstarSource(`^x${g}\\/y${g}\\/z$`)).toBe(
      `^x(?:(?!\\/y\\/)\\/[^\\/]+)*\\/y${g}\\/z$`,
    );
    expect(pinGlobstarSource(`^x${g}\\/z$`)).toBe(`^x${g}\\/z$`);
  });

  it('relies on `ignore` pinning every * of a segment but the last (the other half of linear time)', () => {
    // An `ignore` that stops doing so makes `*a*a*…c` backtrack again: fail here, not in a CI job.
    const ig = ignore().add('*a*a*c');
    const rule = (ig as unknown as { _rules: { _rules: { regex: RegExp }[] } })._rules._rules[0]!;
    expect(rule.regex.source).toContain('(?:(?!a)[^\\/])*a(?:(?!a)[^\\/])*a[^\\/]*c');
  });
});

const PATTERNS = [
  'a/**/b/**/c',
  '**/a/**/b/**/c',
  '/a/**/b/**/b/**/c',
  'a/**/b*/**/c',
  'a/**/b/c/**/d',
  'a/**/*b/**/c/f',
  '**/x/**/x/**/x/**/y',
  'a/**/b/**/c/**',
  'a/**/[bc]/**/?/**/d',
];

/** Paths over a small alphabet, so that the pieces recur: a quarter of the 1–4 segment sequences. */
function paths(): string[] {
  const segs = ['a', 'b', 'c', 'x'];
  const out: string[] = [];
  const grow = (prefix: string[], depth: number): void => {
    if (prefix.length > 0) out.push(prefix.join('/'));
    if (depth === 0) return;
    for (const s of segs) grow([...prefix, s], depth - 1);
  };
  grow([], 4);
  return out.filter((_, i) => i % 4 === 0);
}

describe('patterns with several inner ** against git', () => {
  it('the walk lists what git lists', () => {
    const spec: TreeSpec = {};
    PATTERNS.forEach((pattern, index) => {
      // Each pattern in its own directory, decided on files only (`!*/` keeps directories).
      spec[`r${index}/.gitignore`] = `${pattern}\n!*/\n`;
      for (const path of paths()) spec[`r${index}/${path}/f`] = '';
      for (const path of ['a/b/c', 'a/x/b/x/c', 'a/b/b/c', 'a/bb/b/c/d', 'x/x/x/y', 'a/b/c/d'])
        spec[`r${index}/${path}`] = '';
    });
    // A file cannot also be a directory: drop leaf files that another path needs as a directory.
    for (const key of Object.keys(spec))
      if (Object.keys(spec).some((other) => other.startsWith(`${key}/`))) delete spec[key];
    const root = makeTree(spec, 'pm-pin-');
    initRepo(sandbox, root);
    const git = sortPaths(listUntracked(sandbox, root));
    const ours = walkTree(root).files.map((f) => f.path);
    // Each pattern ignores some of its files and keeps others.
    PATTERNS.forEach((_, index) => {
      const mine = Object.keys(spec).filter((p) => p.startsWith(`r${index}/`));
      const listed = ours.filter((p) => p.startsWith(`r${index}/`));
      expect(listed.length, PATTERNS[index]).toBeLessThan(mine.length);
      expect(listed.length, PATTERNS[index]).toBeGreaterThan(1);
    });
    expect(ours).toEqual(git);
  });
});
