/**
 * Test trees declared as objects (path → contents) and materialized in a fresh temp directory,
 * removed when the test finishes. A value of `{ symlink: target }` makes a symlink; a path ending
 * in `/` makes an empty directory. Never a fixed path, never chdir.
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

export type TreeSpec = Record<
  string,
  string | Buffer | { symlink: string } | { mode: number; text: string }
>;

/** Write `spec` under `root` (which must exist). */
export function writeTree(root: string, spec: TreeSpec): void {
  for (const [path, value] of Object.entries(spec)) {
    const full = join(root, path);
    if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    if (typeof value === 'string' || Buffer.isBuffer(value)) writeFileSync(full, value);
    else if ('symlink' in value) symlinkSync(value.symlink, full);
    else {
      writeFileSync(full, value.text);
      chmodSync(full, value.mode);
    }
  }
}

/** A new temp directory holding `spec`; deleted after the current test (or at process exit when used outside a test). */
export function makeTree(spec: TreeSpec, prefix = 'pm-tree-'): string {
  const root = mkdtempSync(join(tmpdir(), prefix));
  writeTree(root, spec);
  try {
    onTestFinished(() => rmSync(root, { recursive: true, force: true }));
  } catch {
    // Called from a beforeAll/describe scope: the caller removes it in afterAll.
  }
  return root;
}
