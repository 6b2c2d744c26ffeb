#!/usr/bin/env node
/**
 * `node scripts/differential-python.mjs --cases 100000 [--start 1]`: compare the TypeScript
 * implementation of MANIFEST-FORMAT.md with the Python reader (python/pyproject_manifest) on that
 * many seeded random manifests and as many gen globs (test/fuzz/random-manifest.ts). Exits 0 when
 * every outcome agrees, 1 with the first disagreements shown, 2 on bad arguments.
 *
 * It runs test/differential/python-reader.test.ts under vitest (which compiles the TypeScript
 * sources) with PYDIFF_CASES and PYDIFF_START set, so CI (seeds 1..3000) and longer runs share one
 * code path, as scripts/fuzz.mjs does for the walker. A seed names a case for one version of the
 * generator.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE =
  'usage: node scripts/differential-python.mjs [--cases N] [--start S]   (defaults: --cases 30000 --start 1)';

function parseCount(name, raw, min) {
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    console.error(
      `differential-python: --${name} must be an integer ≥ ${min}, got ${JSON.stringify(raw)}\n${USAGE}`,
    );
    process.exit(2);
  }
  return value;
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      cases: { type: 'string', default: '30000' },
      start: { type: 'string', default: '1' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  console.error(`differential-python: ${error.message}\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const cases = parseCount('cases', values.cases, 1);
const start = parseCount('start', values.start, 0);

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
console.log(`differential-python: seeds ${start}..${start + cases - 1} (TypeScript vs Python)`);
const run = spawnSync(
  process.execPath,
  [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', 'test/differential/python-reader.test.ts'],
  {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, PYDIFF_CASES: String(cases), PYDIFF_START: String(start) },
  },
);
process.exit(run.status === 0 ? 0 : run.status === 1 ? 1 : 2);
