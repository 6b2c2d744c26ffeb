/**
 * Issue #12's fuzzers, a short seeded slice of each on every `npm test`: mutated manifests,
 * pyproject.toml files and archive bytes through the built CLI (scripts/fuzz-hostile.mjs), each run
 * ending with exit 0, 1 or 2, no stack trace, no internal error, within 10 s and 1 GB. The slice
 * is fixed (seed and case count), so a failure here replays with the command the script prints;
 * `npm run fuzz:hostile -- --seconds 600` searches further.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/harness.js';

const script = join(repoRoot, 'scripts/fuzz-hostile.mjs');

beforeAll(() => {
  if (!existsSync(join(repoRoot, 'dist/cli/main.js')))
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
}, 180_000);

describe('issue #12: the hostile-input fuzzers, a seeded slice each', () => {
  it.each([
    ['manifest', 2],
    ['pyproject', 2],
    ['archive', 3],
  ] as const)('%s: %i cases hold', (target, cases) => {
    const r = spawnSync(
      process.execPath,
      [script, '--target', target, '--seed', '12', '--cases', String(cases)],
      { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 },
    );
    expect(r.stdout.trim().split('\n').pop(), r.stdout + r.stderr).toBe(
      `fuzz:hostile: ${cases} cases held`,
    );
    expect(r.status).toBe(0);
  });

  it('bad arguments are a usage error, exit 2', () => {
    const r = spawnSync(process.execPath, [script, '--target', 'nothing'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^usage: npm run fuzz:hostile/);
  });
});
