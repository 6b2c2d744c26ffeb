/**
 * Fresh archives from the real backends: scripts/build-archive-fixtures.sh builds every fixture
 * package into a temp dir (from each package's committed pyproject-manifest.txt, which the backends that
 * ship it put in the sdist), and each archive must validate clean against that manifest and the
 * tree, through the checker and through `validateArchives`. Where the backend is reproducible and
 * the versions match the committed BUILT-WITH, the bytes must equal the committed archives (so the
 * committed ones are what the script makes).
 * Skipped, with the reason, when /usr/bin/python3 cannot import build and hatchling.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateArchives } from '../../src/api/validate-archives.js';
import { checkArchive } from '../../src/archive/check.js';
import { hashTreeFiles } from '../../src/archive/hash-tree.js';
import { readArchive } from '../../src/archive/open.js';
import { describeFinding } from '../../src/describe.js';
import {
  archivePath,
  archivesDir,
  committedManifest,
  FIXTURES,
  materializePackage,
  PYTHON,
  repoRoot,
} from './archive-helpers.js';

const probe = spawnSync(
  PYTHON,
  ['-c', 'import build, hatchling, setuptools, flit_core, poetry.core'],
  { encoding: 'utf8' },
);
const available = probe.status === 0;
const reason = available
  ? ''
  : ` (skipped: ${PYTHON} cannot import the backends: ${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()})`;

/** setuptools 66 stamps the gzip header and egg-info files with the build time. */
const NOT_REPRODUCIBLE = new Set(['setuptools:sdist']);

describe.skipIf(!available)(`fresh builds with the real backends${reason}`, () => {
  let out = '';
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'pm-fresh-'));
    const run = spawnSync('bash', [join(repoRoot, 'scripts/build-archive-fixtures.sh'), out], {
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 120_000);
  afterAll(() => {
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  const cases = FIXTURES.flatMap((f) =>
    (['sdist', 'wheel'] as const).map((kind) => ({ ...f, kind })),
  );

  it.each(cases)('$backend $kind of $pkg validates clean', async (fixture) => {
    const manifest = committedManifest(fixture.pkg);
    const srcs = manifest[fixture.kind].flatMap((e) => (e.kind === 'mod' ? [e.src] : []));
    const treeHashes = await hashTreeFiles(materializePackage(fixture.pkg), srcs);
    const listing = await readArchive(archivePath(fixture, fixture.kind, out));
    expect(
      checkArchive(listing, manifest[fixture.kind], { treeHashes }).map(describeFinding),
    ).toEqual([]);
  });

  it.each(FIXTURES)(
    '$backend sdist and wheel of $pkg validate clean through validateArchives',
    async (fixture) => {
      const result = await validateArchives({
        root: materializePackage(fixture.pkg),
        archives: [archivePath(fixture, 'sdist', out), archivePath(fixture, 'wheel', out)],
      });
      expect(result.archives.map((a) => [a.kind, a.findings.map(describeFinding)])).toEqual([
        ['sdist', []],
        ['wheel', []],
      ]);
    },
  );

  it.for(cases.filter((c) => !NOT_REPRODUCIBLE.has(`${c.backend}:${c.kind}`)))(
    '$backend $kind of $pkg is byte-identical to the committed one',
    (fixture, context) => {
      const builtWith = (dir: string): string =>
        readFileSync(join(dir, fixture.backend, 'BUILT-WITH'), 'utf8');
      // Other backend versions than the committed BUILT-WITH: the bytes may rightly differ.
      if (builtWith(out) !== builtWith(archivesDir)) context.skip();
      expect(
        readFileSync(archivePath(fixture, fixture.kind, out)).equals(
          readFileSync(archivePath(fixture, fixture.kind)),
        ),
      ).toBe(true);
    },
  );
});
