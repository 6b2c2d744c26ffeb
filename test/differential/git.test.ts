/**
 * The walker against real git. Every case of test/cases/gitignore.ts is materialized in its own
 * fresh repository; git's `ls-files --others` (outside config neutralized, built-in exclusions
 * filtered out) must equal `walkTree`'s files exactly, and equal the case's `expected` where given.
 * Every directory of every case is tried as a project inside the case's repository too, against
 * `git ls-files --others` run in that directory. Then this very checkout is walked and compared
 * with `git ls-files`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { walkTree } from '../../src/tree/walk.js';
import { gitignoreCases } from '../cases/gitignore.js';
import {
  createGitSandbox,
  initRepo,
  listCheckout,
  listSubdirectories,
  listUntracked,
  sortPaths,
} from '../helpers/git.js';
import { makeTree } from '../helpers/tree.js';

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

/** A readable difference: what only git lists, what only the walker lists. */
function describeDiff(git: readonly string[], ours: readonly string[]): string {
  const ourSet = new Set(ours);
  const gitSet = new Set(git);
  const onlyGit = git
    .filter((p) => !ourSet.has(p))
    .map((p) => `  - ${JSON.stringify(p)} (git lists it, walkTree does not)`);
  const onlyOurs = ours
    .filter((p) => !gitSet.has(p))
    .map((p) => `  + ${JSON.stringify(p)} (walkTree lists it, git does not)`);
  return [...onlyGit, ...onlyOurs].join('\n');
}

describe('walkTree equals git ls-files --others', () => {
  it.each(gitignoreCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const root = makeTree(testCase.tree, 'pm-git-case-');
    initRepo(sandbox, root);
    const git = sortPaths(listUntracked(sandbox, root));
    const ours = walkTree(root).files.map((f) => f.path);
    expect(describeDiff(git, ours), 'walkTree differs from git').toBe('');
    expect(ours).toEqual(git);
    if (testCase.expected !== undefined)
      expect(git, 'git disagrees with the case table').toEqual(sortPaths(testCase.expected));
  });
});

describe('walkTree of a subdirectory equals git ls-files --others run in it', () => {
  // Every directory of every case is a project inside a larger repository: git applies the ignore
  // files from the repository root down, and lists nothing when one of them excludes the project
  // directory or a directory above it (#9).
  it.each(gitignoreCases.map((c) => [c.name, c] as const))('%s', (_name, testCase) => {
    const repo = makeTree(testCase.tree, 'pm-git-sub-');
    initRepo(sandbox, repo);
    for (const sub of listSubdirectories(repo)) {
      const root = join(repo, sub);
      const git = sortPaths(listUntracked(sandbox, root));
      const ours = walkTree(root).files.map((f) => f.path);
      expect(describeDiff(git, ours), `walkTree of ${sub}/ differs from git`).toBe('');
      expect(ours, sub).toEqual(git);
    }
  });
});

describe('walkTree on this checkout', () => {
  const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

  it('equals git ls-files (tracked and untracked, not ignored)', () => {
    // Other work may create or delete files between the two listings: retry a few times, and only
    // fail when every attempt differs.
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const git = sortPaths(listCheckout(sandbox, repo));
      const ours = walkTree(repo).files.map((f) => f.path);
      last = describeDiff(git, ours);
      if (last === '' && ours.length === git.length) break;
    }
    expect(last, 'walkTree differs from git on this checkout').toBe('');
  });
});
