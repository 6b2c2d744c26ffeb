/**
 * Path order must not depend on the locale (MANIFEST-FORMAT.md §6.3). The parent test reruns
 * this file in a child vitest under LC_ALL=sk_SK.UTF-8 and LANG=sk_SK.UTF-8, where collation puts
 * "ch" after "h". The child proves that the locale took effect, then writes its comparePaths order
 * and its formatManifest output. The parent checks that both are byte-identical to its own.
 * PM_LOCALE_CHILD guards against recursion.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it, onTestFinished } from 'vitest';
import { formatManifest } from '../../src/manifest/format.js';
import { comparePaths } from '../../src/manifest/order.js';
import type { ManifestEntry } from '../../src/manifest/types.js';

const PATHS = [
  'h',
  'ch',
  'c',
  'i',
  'Ch',
  'č',
  'd',
  'a/b',
  'a-b',
  'a.b',
  'A',
  'ä',
  'z',
  'é',
  'e\u0301',
  '😀',
  '\uffff',
  '_',
];
const SORTED = [
  'A',
  'Ch',
  '_',
  'a-b',
  'a.b',
  'a/b',
  'c',
  'ch',
  'd',
  'e\u0301',
  'h',
  'i',
  'z',
  'ä',
  'é',
  'č',
  '\uffff',
  '😀',
];

function results(): { order: string[]; text: string } {
  const entries = PATHS.map((p): ManifestEntry => ({
    kind: 'gen',
    dest: p.replace('/', '-slash-'),
  }));
  return {
    order: [...PATHS].sort(comparePaths),
    text: formatManifest({ version: 1, sdist: entries, wheel: [] }),
  };
}

const child = process.env.PM_LOCALE_CHILD;

it.runIf(child !== undefined)('child: sorts under the hostile locale', () => {
  // The locale really is Slovak here, or the parent's comparison would prove nothing.
  expect(Intl.DateTimeFormat().resolvedOptions().locale).toMatch(/^sk/);
  expect(['h', 'ch'].sort((a, b) => a.localeCompare(b))).toEqual(['h', 'ch']);
  writeFileSync(child as string, JSON.stringify(results()));
});

it.skipIf(child !== undefined)(
  'comparePaths and formatManifest give the same bytes under LC_ALL=sk_SK.UTF-8',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-locale-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const out = join(dir, 'result.json');
    // vitest's bin is not in its exports map: find it next to its package.json.
    const vitest = join(
      dirname(createRequire(import.meta.url).resolve('vitest/package.json')),
      'vitest.mjs',
    );
    const run = spawnSync(process.execPath, [vitest, 'run', fileURLToPath(import.meta.url)], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, LC_ALL: 'sk_SK.UTF-8', LANG: 'sk_SK.UTF-8', PM_LOCALE_CHILD: out },
      encoding: 'utf8',
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const fromChild = JSON.parse(readFileSync(out, 'utf8')) as ReturnType<typeof results>;
    const here = results();
    expect(here.order).toEqual(SORTED);
    expect(fromChild.order).toEqual(here.order);
    expect(fromChild.text).toBe(here.text);
  },
);
