#!/usr/bin/env node
/**
 * `npm run fuzz -- --seeds 10000 [--start 1]`: compare the walker with git on that many seeded
 * random trees (test/fuzz/random-tree.ts). Prints the first divergence as a minimal tree, a
 * `GitignoreCase` literal ready to paste into test/cases/gitignore.ts, and exits 1; exits 0 when
 * every seed agrees, 2 on bad arguments.
 *
 * It runs test/differential/fuzz.test.ts under vitest (which compiles the TypeScript sources) with
 * FUZZ_SEEDS, FUZZ_START and FUZZ_REPORT set, so CI and this script share one code path. A seed
 * names a tree for one version of random-tree.ts: after changing the generator, old seeds mean
 * other trees (the pasted case, not the seed, is the regression test).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = 'usage: npm run fuzz -- [--seeds N] [--start S]   (defaults: --seeds 1000 --start 1)';

function parseCount(name, raw, min) {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(
      `fuzz: --${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}\n${USAGE}`,
    );
    process.exit(2);
  }
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      seeds: { type: 'string', default: '1000' },
      start: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`fuzz: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const seeds = parseCount('seeds', values.seeds, 1);
const start = parseCount('start', values.start, 0);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'pm-fuzz-report-'));
const report = join(work, 'divergence.txt');
console.log(`fuzz: seeds ${start}..${start + seeds - 1} (walkTree vs git ls-files)`);
const run = spawnSync(
  process.execPath,
  [
    join(repo, 'node_modules/vitest/vitest.mjs'),
    'run',
    'test/differential/fuzz.test.ts',
    '--reporter=dot',
  ],
  {
    cwd: repo,
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 1 << 26,
    env: {
      ...process.env,
      FUZZ_SEEDS: String(seeds),
      FUZZ_START: String(start),
      FUZZ_REPORT: report,
    },
  },
);

let divergence;
try {
  divergence = readFileSync(report, 'utf8');
} catch {
  divergence = undefined;
}
rmSync(work, { recursive: true, force: true });

if (divergence === undefined) {
  process.stderr.write(run.stdout ?? '');
  console.error(
    `fuzz: the fuzz test did not run to a verdict (vitest exit ${run.status ?? run.signal})`,
  );
  process.exit(2);
}
if (divergence === '') {
  console.log(`fuzz: all ${seeds} seeds agree with git`);
  process.exit(0);
}
console.log(
  'fuzz: walkTree differs from git. Minimal tree, to paste into test/cases/gitignore.ts:\n',
);
console.log(divergence);
process.exit(1);
