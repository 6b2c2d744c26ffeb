/**
 * Archive names from the real backends, for projects whose names and versions are written as
 * people write them (`My.Pkg-Name`, `1.0.0-RC1`, `1!1.0alpha`, `1.0+Local-7`): every backend names
 * its archives with the PEP 503/427-escaped name and the PEP 440 normal form of the version, and the
 * checker must accept exactly that (no SDIST_ROOT_INVALID, no WHEEL_DIST_INFO_INVALID), given the
 * name and version as the project writes them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../../src/archive/check.js';
import { readArchive } from '../../src/archive/open.js';
import { escapeDistName } from '../../src/manifest/dist-name.js';
import { BACKEND_PROJECTS } from '../helpers/backend-projects.js';
import { buildDist, gitInit, missingBackends } from '../helpers/python-build.js';
import { writeTree } from '../helpers/tree.js';

const missing = missingBackends(BACKEND_PROJECTS.flatMap((p) => p.modules));

describe.skipIf(missing !== '')(
  `archive names of the real backends${missing && ` (skipped: ${missing})`}`,
  () => {
    let work = '';
    const built = new Map<string, string[]>();
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'pm-versions-'));
      await Promise.all(
        BACKEND_PROJECTS.map(async (project) => {
          const root = join(work, project.id);
          writeTree(root, project.tree);
          gitInit(root);
          built.set(
            project.id,
            (await buildDist(root)).map((f) => join(root, f)),
          );
        }),
      );
    }, 120_000);
    afterAll(() => {
      if (work !== '') rmSync(work, { recursive: true, force: true });
    });

    it.each(BACKEND_PROJECTS)('$id: $name $version', async (project) => {
      const files = built.get(project.id)!;
      const names: string[] = [];
      for (const file of files) {
        const listing = await readArchive(file);
        const findings = checkArchive(listing, [], {
          project: { name: project.name, version: project.version },
        }).filter((f) => f.code === 'SDIST_ROOT_INVALID' || f.code === 'WHEEL_DIST_INFO_INVALID');
        expect(findings.map((f) => f.args.reason)).toEqual([]);
        names.push(escapeDistName(basename(file)));
      }
      // The backends really wrote the normal forms (the case above is not vacuous).
      expect(names.every((n) => n.startsWith(escapeDistName(project.archiveStem)))).toBe(true);
    });
  },
);
