/**
 * The walker against git on seeded random trees (test/fuzz/random-tree.ts). Each seed is one tree
 * in its own fresh repository, listed with one `git ls-files -z -o --exclude-per-directory=.gitignore`
 * call (outside config neutralized, built-in exclusions filtered) and with `walkTree`; the two
 * must be equal. On the first divergence the tree is shrunk and printed as a case to paste into
 * test/cases/gitignore.ts, then the test fails.
 *
 * CI runs the same seeds every time (1..300), so a red build is reproducible. `npm run fuzz --
 * --seeds N --start S` (scripts/fuzz.mjs) explores others through FUZZ_SEEDS, FUZZ_START and
 * FUZZ_REPORT (a file to write the divergence to).
 */
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDivergence, fuzzSeed } from '../fuzz/random-tree.js';
import { createGitSandbox } from '../helpers/git.js';

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be an integer: ${raw}`);
  return value;
}

const start = intFromEnv('FUZZ_START', 1);
const seeds = intFromEnv('FUZZ_SEEDS', 300);
const report = process.env.FUZZ_REPORT;

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

describe('walkTree equals git ls-files on random trees', () => {
  it(
    `seeds ${start}..${start + seeds - 1}`,
    () => {
      for (let seed = start; seed < start + seeds; seed++) {
        const result = fuzzSeed(sandbox, seed);
        if (result.agrees) continue;
        const text = formatDivergence(result);
        if (report !== undefined) writeFileSync(report, `${text}\n`);
        expect.fail(`walkTree differs from git on seed ${seed}; minimal tree:\n${text}`);
      }
      if (report !== undefined) writeFileSync(report, '');
    },
    // 15–80 ms per seed depending on load; shrinking a divergence takes longer.
    Math.max(120_000, seeds * 1_000),
  );
});
