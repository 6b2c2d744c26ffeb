/**
 * Atomic writes: the new text appears whole or not at all, the old file survives a failed write,
 * and no temp file is left behind.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError } from '../../src/errors.js';
import { writeFileAtomic } from '../../src/fs/atomic-write.js';
import { makeTree } from '../helpers/tree.js';

describe('writeFileAtomic', () => {
  it('creates a file with the exact text', () => {
    const root = makeTree({});
    writeFileAtomic(join(root, 'pyproject-manifest.txt'), 'héllo\n');
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toBe('héllo\n');
    expect(readdirSync(root)).toEqual(['pyproject-manifest.txt']);
  });

  it('replaces a file and keeps its mode', () => {
    const root = makeTree({ 'pyproject-manifest.txt': 'old\n' });
    const file = join(root, 'pyproject-manifest.txt');
    chmodSync(file, 0o640);
    writeFileAtomic(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });

  it('fails with WRITE_FAILED, cleans up its temp file, and leaves the target alone', () => {
    const root = makeTree({});
    // A non-empty directory in the target's place: the temp file is written, the rename fails.
    mkdirSync(join(root, 'pyproject-manifest.txt/keep'), { recursive: true });
    writeFileSync(join(root, 'other'), 'x');
    let error: unknown;
    try {
      writeFileAtomic(join(root, 'pyproject-manifest.txt'), 'new\n');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestError);
    expect((error as ManifestError).code).toBe('WRITE_FAILED');
    expect(readdirSync(root).sort()).toEqual(['other', 'pyproject-manifest.txt']);
    expect(readdirSync(join(root, 'pyproject-manifest.txt'))).toEqual(['keep']);
  });

  it('fails with WRITE_FAILED when the directory does not exist', () => {
    const root = makeTree({});
    expect(() => writeFileAtomic(join(root, 'missing/pyproject-manifest.txt'), 'x')).toThrow(
      ManifestError,
    );
  });
});
