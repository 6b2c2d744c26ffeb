#!/usr/bin/env node
/**
 * `node scripts/export-format-cases.mjs`: rewrite fixtures/format-cases/*.json, the shared format
 * cases with the TypeScript results that the Python reader's tests run (python/tests/
 * test_format_cases.py). It runs test/manifest/format-cases.test.ts under vitest with `-u`: the
 * case tables are TypeScript (test/cases/manifest.ts), which vitest compiles, and the test that
 * fails when a file is out of date is the same code that writes it. Review the diff before
 * committing: a changed outcome is a change in what the format means.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const run = spawnSync(
  process.execPath,
  [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', 'test/manifest/format-cases.test.ts', '-u'],
  { cwd: repo, stdio: 'inherit' },
);
process.exit(run.status ?? 2);
