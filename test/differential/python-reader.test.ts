/**
 * The two implementations of MANIFEST-FORMAT.md against each other: seeded random manifest texts
 * and gen globs (test/fuzz/random-manifest.ts) go through the TypeScript implementation and, in one
 * batch, through the Python reader (python/tests/oracle.py, one /usr/bin/python3 process reading
 * JSON lines). Every outcome must be equal: parse errors with code, line and column; or entries,
 * whole-manifest findings, the canonical-form finding and the canonical text; for globs, the
 * problem index and the match. A disagreement is a bug in one of them; it fails the test with the
 * cases to reproduce.
 *
 * CI runs seeds PYDIFF_START.. (default 1, 3000 manifests and 3000 globs). `node
 * scripts/differential-python.mjs --cases N --start S` runs others through PYDIFF_CASES and
 * PYDIFF_START, as scripts/fuzz.mjs does for the walker.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createRandom,
  randomGlob,
  randomGlobPath,
  randomManifest,
} from '../fuzz/random-manifest.js';
import { globOutcome, manifestOutcome, typescriptReadsAlt } from '../helpers/manifest-outcome.js';

const PYTHON = '/usr/bin/python3';
const pythonDir = join(import.meta.dirname, '../../python');

function intFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0)
    throw new Error(`${name} must be an integer: ${raw}`);
  return value;
}

const start = intFromEnv('PYDIFF_START', 1);
const count = intFromEnv('PYDIFF_CASES', 3000);

type Case = { manifest: string } | { glob: string; path: string | null };

function runPython(cases: Case[]): unknown[] {
  const run = spawnSync(PYTHON, ['-m', 'tests.oracle'], {
    cwd: pythonDir,
    input: cases.map((c) => JSON.stringify(c)).join('\n') + '\n',
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`python oracle failed (${run.status}): ${run.stderr}`);
  return run.stdout
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as unknown);
}

function tsOutcome(c: Case): unknown {
  return 'manifest' in c ? manifestOutcome(c.manifest) : globOutcome(c.glob, c.path ?? undefined);
}

describe('the Python reader agrees with the TypeScript implementation', () => {
  it(
    `seeds ${start}..${start + count - 1}: manifests and gen globs`,
    () => {
      const copyKinds = typescriptReadsAlt() ? ['mod', 'mod', 'alt'] : ['mod'];
      const cases: Case[] = [];
      for (let seed = start; seed < start + count; seed++) {
        const r = createRandom(seed);
        cases.push({ manifest: randomManifest(r, copyKinds) });
        const pattern = randomGlob(r);
        cases.push({ glob: pattern, path: randomGlobPath(r, pattern) });
      }
      // Backtracking would take ages on these; both implementations must answer at once.
      cases.push({ glob: '*a*a*a*a*a*a*a*a*c', path: 'a'.repeat(130) });
      cases.push({ glob: '**/a/**/a/**/a/**/a/**/b', path: Array(60).fill('a').join('/') });

      const python = runPython(cases);
      expect(python).toHaveLength(cases.length);
      const disagreements: unknown[] = [];
      cases.forEach((c, i) => {
        const ts = tsOutcome(c);
        if (JSON.stringify(ts) !== JSON.stringify(python[i]) && !deepEqual(ts, python[i]))
          disagreements.push({ case: c, typescript: ts, python: python[i] });
      });
      expect({ disagreements: disagreements.length, first: disagreements.slice(0, 3) }).toEqual({
        disagreements: 0,
        first: [],
      });
    },
    60_000 + count * 20,
  );
});

function deepEqual(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}
