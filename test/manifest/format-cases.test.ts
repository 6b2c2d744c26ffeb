/**
 * The shared format cases (decision: one source of truth for both implementations): every case
 * table of test/cases/manifest.ts, the examples of MANIFEST-FORMAT.md and the committed manifests,
 * with what the TypeScript implementation makes of them, as JSON in fixtures/format-cases/. The
 * Python reader's tests (python/tests/test_format_cases.py) run every case and must give the same
 * codes, lines, columns, findings and canonical text.
 *
 * This test fails when a JSON file is out of date; `node scripts/export-format-cases.mjs` (vitest
 * `-u` on this file) rewrites them. Review the diff: a changed outcome is a change of the format.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatEntry } from '../../src/manifest/format.js';
import { isGlob } from '../../src/manifest/glob.js';
import { needsQuoting, quotePath } from '../../src/manifest/path.js';
import {
  CHECK_CANONICAL,
  CHECK_MANIFEST,
  FORMAT_ENTRY,
  GLOB_INVALID,
  GLOB_IS_GLOB,
  GLOB_MATCH,
  GLOB_VALID,
  MORE_TEXTS,
  PARSE_INVALID,
  PARSE_VALID,
  QUOTE_PATH,
  canonicalText,
} from '../cases/manifest.js';
import { globOutcome, manifestOutcome } from '../helpers/manifest-outcome.js';

const repo = join(import.meta.dirname, '../..');
const OUT = '../../fixtures/format-cases';

/** Fenced blocks of MANIFEST-FORMAT.md in `lang`, with their line. */
function specBlocks(lang: string): [string, string][] {
  const spec = readFileSync(join(repo, 'MANIFEST-FORMAT.md'), 'utf8');
  const re = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  return [...spec.matchAll(re)].map((m) => [
    `MANIFEST-FORMAT.md line ${spec.slice(0, m.index).split('\n').length} (${lang})`,
    m[1] ?? '',
  ]);
}

/** The committed manifests of examples/ and fixtures/packages/. */
function committedManifests(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['examples', 'fixtures/packages']) {
    for (const name of readdirSync(join(repo, dir)).sort()) {
      const file = join(repo, dir, name, 'pyproject-manifest.txt');
      try {
        out.push([`${dir}/${name}/pyproject-manifest.txt`, readFileSync(file, 'utf8')]);
      } catch {
        // not a project directory
      }
    }
  }
  return out;
}

function manifestCases(): { name: string; text: string }[] {
  const named: [string, string][] = [
    ...PARSE_VALID.map(([name, text]): [string, string] => [`parse, valid: ${name}`, text]),
    ...PARSE_INVALID.map(([name, text]): [string, string] => [`parse, invalid: ${name}`, text]),
    ...CHECK_MANIFEST.map(([name, s, w]): [string, string] => [
      `checkManifest: ${name}`,
      canonicalText(s, w),
    ]),
    ...CHECK_CANONICAL.map(([name, text]): [string, string] => [`checkCanonical: ${name}`, text]),
    ...MORE_TEXTS,
    ...specBlocks('manifest'),
    ...specBlocks('manifest-noncanonical'),
    ...specBlocks('manifest-invalid'),
    ...committedManifests(),
  ];
  return named.map(([name, text]) => ({ name, text }));
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 1)}\n`;

describe('fixtures/format-cases/ are the TypeScript results of the shared cases', () => {
  it('manifests.json: parse, checks and canonical form', async () => {
    const cases = manifestCases().map((c) => ({ ...c, outcome: manifestOutcome(c.text) }));
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    await expect(json(cases)).toMatchFileSnapshot(`${OUT}/manifests.json`);
  });

  it('paths.json: quoting and entry lines', async () => {
    const cases = {
      quotePath: QUOTE_PATH.map(([path]) => ({
        path,
        quoted: quotePath(path),
        needsQuoting: needsQuoting(path),
      })),
      formatEntry: FORMAT_ENTRY.map(([entry]) => ({ entry, line: formatEntry(entry) })),
    };
    await expect(json(cases)).toMatchFileSnapshot(`${OUT}/paths.json`);
  });

  it('globs.json: matching, invalid globs, isGlob', async () => {
    const cases = {
      globs: [
        ...GLOB_MATCH.map(([pattern, path]) => ({ pattern, path, ...globOutcome(pattern, path) })),
        ...GLOB_INVALID.map(([pattern]) => ({ pattern, ...globOutcome(pattern, undefined) })),
        ...GLOB_VALID.map((pattern) => ({ pattern, ...globOutcome(pattern, undefined) })),
      ],
      isGlob: GLOB_IS_GLOB.map(([dest]) => ({ dest, isGlob: isGlob(dest) })),
    };
    await expect(json(cases)).toMatchFileSnapshot(`${OUT}/globs.json`);
  });
});
