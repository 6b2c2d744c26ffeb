/**
 * One test per divergence from git found by the fuzzer (test/differential/fuzz.test.ts,
 * `npm run fuzz`) or by probing around it, named after where it was found. A divergence that was a
 * bug is fixed and its tree is also a case of test/cases/gitignore.ts; one that is a decision
 * (MANIFEST-FORMAT.md "Tree semantics") is pinned here from both sides: what git does, and what we
 * do instead.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManifestError } from '../src/errors.js';
import { walkTree } from '../src/tree/walk.js';
import { createGitSandbox, initRepo, listUntracked, runGit, sortPaths } from './helpers/git.js';
import { makeTree, type TreeSpec } from './helpers/tree.js';

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

function bothListings(spec: TreeSpec): { root: string; git: string[]; ours: string[] } {
  const root = makeTree(spec, 'pm-regression-');
  initRepo(sandbox, root);
  return {
    root,
    git: sortPaths(listUntracked(sandbox, root)),
    ours: walkTree(root).files.map((f) => f.path),
  };
}

describe('fixed: walkTree now agrees with git', () => {
  it('probe 1: an ignore file that is not UTF-8 is matched as bytes (0xFF is not U+FFFD)', () => {
    // Was: the file was decoded with U+FFFD for the bad byte, which then matched a name holding a
    // real U+FFFD; git compares the byte 0xFF, which no UTF-8 name holds.
    const { git, ours } = bothListings({
      '.gitignore': Buffer.from([0xff, 0x0a]),
      '\uFFFD': '',
      b: '',
    });
    expect(git).toEqual(['.gitignore', 'b', '\uFFFD']);
    expect(ours).toEqual(git);
  });

  it('probe 2: an ignore file that is not UTF-8 is matched as bytes (`caf?` + 0xA9 is café)', () => {
    // `?` matches the byte 0xC3 of `é` (C3 A9) and the lone 0xA9 its second byte.
    const { git, ours } = bothListings({
      '.gitignore': Buffer.from([...Buffer.from('caf?'), 0xa9, 0x0a]),
      café: '',
      cafe: '',
    });
    expect(git).toEqual(['.gitignore', 'cafe']);
    expect(ours).toEqual(git);
  });

  it('probe 3: a NUL byte in an ignore-file line ends the pattern', () => {
    // Was: the NUL stayed in the pattern, which then matched nothing; git reads each line as a C
    // string, so `a<NUL>b` is the pattern `a`.
    const { git, ours } = bothListings({
      '.gitignore': 'a\0b\nx\0\n',
      a: '',
      ab: '',
      b: '',
      x: '',
    });
    expect(git).toEqual(['.gitignore', 'ab', 'b']);
    expect(ours).toEqual(git);
  });

  it('probe 7: ** before an escaped slash is a globstar without the zero-directory shortcut', () => {
    // Was: documented as a known difference in rules/ignore-stack.ts. wildmatch takes `**` + `\\/`
    // as a globstar, but only `**` + `/` may match no directory at all.
    const { git, ours } = bothListings({
      '.gitignore': 'x/**\\/b\na**\\/c\n',
      'x/b': '',
      'x/y/b': '',
      'x/y/z/b': '',
      ac: '',
      'ax/c': '',
      'a/y/c': '',
    });
    expect(git).toEqual(['.gitignore', 'ac', 'x/b']);
    expect(ours).toEqual(git);
  });
});

describe('decided: walkTree differs from git on purpose (MANIFEST-FORMAT.md, Tree semantics)', () => {
  it('probe 4: a directory holding a .git that is not a valid repository is still skipped', () => {
    // git skips a directory only when its `.git` is a usable repository (or a gitfile pointing to
    // one); otherwise it lists the files. Whether a gitfile resolves depends on state outside the
    // tree (the superproject's .git/modules), so we skip on the mere presence of `.git`.
    const { root, git, ours } = bothListings({
      'empty/.git/': '',
      'empty/a': '',
      'bad/.git': 'gitdir: /nonexistent\n',
      'bad/b': '',
      keep: '',
    });
    expect(git).toEqual(['bad/b', 'empty/a', 'keep']);
    expect(ours).toEqual(['keep']);
    const nested = walkTree(root).ignored.filter((i) => i.rule.pattern?.startsWith('nested'));
    expect(nested.map((i) => i.path)).toEqual(['bad', 'empty']);
  });

  it('probe 5: a file git tracks that an ignore file matches is not listed (no index)', () => {
    const root = makeTree(
      { '.gitignore': '*.log\n', 'tracked.log': '', 'a.py': '' },
      'pm-regression-',
    );
    initRepo(sandbox, root);
    runGit(sandbox, root, ['add', '-f', 'tracked.log']);
    const tracked = runGit(sandbox, root, ['ls-files', '-z', '-c']).toString('utf8').split('\0');
    expect(tracked).toContain('tracked.log');
    expect(walkTree(root).files.map((f) => f.path)).toEqual(['.gitignore', 'a.py']);
  });

  it('probe 6: a name that is not UTF-8 is an error even when an ignore pattern matches it', () => {
    // git lists the raw bytes (or ignores them); a manifest holds UTF-8 only, so the walk stops.
    // Excluding the directory that holds the name is the way around it (walk.test.ts).
    const root = makeTree({ '.gitignore': '*.tmp\n', a: '' }, 'pm-regression-');
    writeFileSync(
      Buffer.concat([Buffer.from(join(root, '/')), Buffer.from([0xff]), Buffer.from('.tmp')]),
      '',
    );
    initRepo(sandbox, root);
    expect(listUntracked(sandbox, root)).toEqual(['.gitignore', 'a']);
    let error: unknown;
    try {
      walkTree(root);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe('TREE_INVALID_NAME');
  });
});
