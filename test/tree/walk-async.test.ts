/**
 * walkTreeAsync against walkTree: the same listing (files and ignored paths, with their rules, in
 * the same order) and the same errors, whichever order the concurrent reads complete in. Warm
 * test trees would let `reads: 'auto'` read everything one at a time, so each comparison also
 * forces `'concurrent'` (every directory read on libuv's pool) and `'sequential'`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { walkProject } from '../../src/api/generate.js';
import { listFiles } from '../../src/api/ls.js';
import { validateTree } from '../../src/api/validate.js';
import { generateManifest } from '../../src/api/generate.js';
import { ManifestError } from '../../src/errors.js';
import { walkTree, walkTreeAsync, type WalkOptions } from '../../src/tree/walk.js';
import { gitignoreCases } from '../cases/gitignore.js';
import { arbitraryTree, toTreeSpec } from '../fuzz/random-tree.js';
import { makeTree, type TreeSpec } from '../helpers/tree.js';

const MODES = ['auto', 'concurrent', 'sequential'] as const;

async function expectSameListing(root: string, options: WalkOptions = {}): Promise<void> {
  const expected = walkTree(root, options);
  for (const reads of MODES) {
    const listing = await walkTreeAsync(root, { ...options, reads });
    expect(listing, `reads: '${reads}'`).toEqual(expected);
  }
}

async function caughtAsync(promise: Promise<unknown>): Promise<ManifestError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ManifestError) return error;
    throw error;
  }
  throw new Error('expected a ManifestError');
}

/** A tree wide and deep enough that many reads are in flight at once, with rules at every level. */
function wideTree(): TreeSpec {
  const spec: TreeSpec = {
    '.gitignore': '*.log\n/build/\n!keep.log\n',
    'build/out.bin': '',
    'keep.log': '',
    'nested/.git/HEAD': 'ref: refs/heads/main\n',
    'nested/x.py': '',
    'café/é.txt': '',
    lf: { symlink: 'a0' },
  };
  for (let a = 0; a < 12; a++) {
    spec[`a${a}/.gitignore`] = a % 3 === 0 ? 'b1/\n*.tmp\n' : '!*.log\n';
    for (let b = 0; b < 6; b++) {
      for (let c = 0; c < 4; c++) {
        spec[`a${a}/b${b}/c${c}/mod_${c}.py`] = '';
        spec[`a${a}/b${b}/c${c}/data.log`] = '';
        spec[`a${a}/b${b}/c${c}/x.tmp`] = '';
        spec[`a${a}/b${b}/c${c}/__pycache__/m.pyc`] = '';
      }
      spec[`a${a}/b${b}/empty/`] = '';
    }
  }
  return spec;
}

describe('walkTreeAsync equals walkTree', () => {
  it.each(gitignoreCases.map((c) => [c.name, c] as const))('%s', async (_name, testCase) => {
    await expectSameListing(makeTree(testCase.tree, 'pm-async-case-'));
  });

  it('on a wide tree with ignore files, a nested repository and built-in exclusions', async () => {
    const root = makeTree(wideTree());
    const listing = walkTree(root);
    // The tree exercises what it claims to: all kinds of exclusion occur.
    expect(listing.files.length).toBeGreaterThan(400);
    const rules = new Set(listing.ignored.map((i) => i.rule.pattern));
    expect(rules).toEqual(
      new Set([
        '*.log',
        '/build/',
        'b1/',
        '*.tmp',
        '__pycache__/',
        'nested repository (holds .git)',
      ]),
    );
    await expectSameListing(root);
  });

  it('with other ignore-file globs, or none', async () => {
    const root = makeTree({ ...wideTree(), 'a1/.extra-ignore': 'c0/\n' });
    await expectSameListing(root, { ignoreFiles: ['**/.gitignore', '**/.extra-ignore'] });
    await expectSameListing(root, { ignoreFiles: ['a*/.gitignore'] });
    await expectSameListing(root, { ignoreFiles: false });
  });

  it('below roots (delegated to walkTree)', async () => {
    const root = makeTree(wideTree());
    await expectSameListing(root, { roots: ['a1/b2', 'build'] });
  });

  it('on 60 random trees of the fuzz generator', async () => {
    const raws = fc.sample(arbitraryTree(), { seed: 4242, numRuns: 60 });
    for (const raw of raws) await expectSameListing(makeTree(toTreeSpec(raw), 'pm-async-fuzz-'));
  });
});

describe('walkTreeAsync: errors', () => {
  it('TREE_INVALID_NAME for the same name as walkTree, read concurrently', async () => {
    const root = makeTree(wideTree());
    for (const dir of ['a4/b1/c2', 'a9/b5']) {
      writeFileSync(
        Buffer.concat([Buffer.from(join(root, dir, '/')), Buffer.from([0x62, 0xfe])]),
        '',
      );
    }
    let expected: unknown;
    try {
      walkTree(root);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(ManifestError);
    for (const reads of MODES) {
      const error = await caughtAsync(walkTreeAsync(root, { reads }));
      expect(error).toMatchObject({ code: 'TREE_INVALID_NAME', file: 'a4/b1/c2/b\uFFFD' });
      expect(error.message).toBe((expected as ManifestError).message);
    }
  });

  it('TREE_UNREADABLE when the root is not a directory', async () => {
    const root = makeTree({ f: '' });
    const error = await caughtAsync(walkTreeAsync(join(root, 'f'), { reads: 'concurrent' }));
    expect(error).toMatchObject({ code: 'TREE_UNREADABLE', file: '.' });
  });

  it.skipIf(process.getuid?.() === 0)(
    'TREE_UNREADABLE names the directory walkTree names',
    async () => {
      const { chmodSync } = await import('node:fs');
      const root = makeTree(wideTree());
      chmodSync(join(root, 'a2/b3'), 0);
      chmodSync(join(root, 'a7'), 0);
      try {
        const error = await caughtAsync(walkTreeAsync(root, { reads: 'concurrent' }));
        expect(error).toMatchObject({ code: 'TREE_UNREADABLE', file: 'a2/b3' });
      } finally {
        chmodSync(join(root, 'a2/b3'), 0o755);
        chmodSync(join(root, 'a7'), 0o755);
      }
    },
  );
});

describe('walkProject: listings walked ahead', () => {
  function project(): string {
    return makeTree({
      ...wideTree(),
      'pyproject.toml':
        '[project]\nname = "a0"\nversion = "1"\n\n[tool.manifest]\npackages-dir = ""\n',
      'a0/__init__.py': '',
    });
  }

  it('give the same manifest and listing as a call that walks itself', async () => {
    const root = project();
    const listings = await walkProject({ root });
    expect(generateManifest({ root, listings }).text).toBe(generateManifest({ root }).text);
    expect(listFiles({ root, listings })).toEqual(listFiles({ root }));
    expect(listFiles({ root, listings, target: 'wheel', dest: true })).toContain('a0/__init__.py');
  });

  it('list the manifest file before its first write, as the call itself would', async () => {
    const root = project();
    const listings = await walkProject({ root });
    expect(listFiles({ root, listings })).toContain('pyproject-manifest.txt');
    writeFileSync(join(root, 'pyproject-manifest.txt'), generateManifest({ root, listings }).text);
    expect(validateTree({ root, listings: await walkProject({ root }) }).findings).toEqual([]);
  });

  it('made for another project or manifest file are refused', async () => {
    const root = project();
    const other = project();
    const listings = await walkProject({ root });
    expect(() => listFiles({ root: other, listings })).toThrow(TypeError);
    expect(() => listFiles({ root, manifestFile: 'other.manifest', listings })).toThrow(
      /listings were made for/,
    );
  });
});
