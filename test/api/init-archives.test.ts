/**
 * init from archives, end to end with the real Debian backends: each project of
 * test/helpers/backend-projects.ts (names and versions written as people write them, each backend
 * shipping less or more than the tree) is made a git checkout and built; `manifest init dist/*`
 * writes the table (a dry run says exactly the same first), with nothing left unreproduced; the
 * archives built before init then differ from the tree only in what init changed; after a rebuild,
 * `manifest validate dist/*` has no finding at all. The same builds show that the archive names
 * the backends write (normalized names and PEP 440 versions) are accepted as they are.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkArchive } from '../../src/archive/check.js';
import { readArchive } from '../../src/archive/open.js';
import { escapeDistName } from '../../src/manifest/dist-name.js';
import { runCli, transcript } from '../cli/harness.js';
import { BACKEND_PROJECTS, type BackendProject } from '../helpers/backend-projects.js';
import { buildDist, gitInit, missingBackends } from '../helpers/python-build.js';
import { writeTree } from '../helpers/tree.js';

const missing = missingBackends(BACKEND_PROJECTS.flatMap((p) => p.modules));

interface JsonFinding {
  code: string;
  file: string;
  path: string;
  message: string;
}

describe.skipIf(missing !== '')(
  `init from archives built by the real backends${missing && ` (skipped: ${missing})`}`,
  () => {
    let work = '';
    const built = new Map<string, string[]>();
    const rootOf = (project: BackendProject): string => join(work, project.id);
    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'pm-init-archives-'));
      await Promise.all(
        BACKEND_PROJECTS.map(async (project) => {
          writeTree(rootOf(project), project.tree);
          gitInit(rootOf(project));
          built.set(project.id, await buildDist(rootOf(project)));
        }),
      );
    }, 120_000);
    afterAll(() => {
      if (work !== '') rmSync(work, { recursive: true, force: true });
    });

    describe('archive names', () => {
      it.each(BACKEND_PROJECTS)('$id: $name $version', async (project) => {
        const names: string[] = [];
        for (const file of built.get(project.id)!) {
          const listing = await readArchive(join(rootOf(project), file));
          const findings = checkArchive(listing, [], {
            project: { name: project.name, version: project.version },
          }).filter((f) => f.code === 'SDIST_ROOT_INVALID' || f.code === 'WHEEL_DIST_INFO_INVALID');
          expect(findings.map((f) => f.args.reason)).toEqual([]);
          names.push(escapeDistName(basename(file)));
        }
        // The backends really wrote the normal forms (the case above is not vacuous).
        expect(names.every((n) => n.startsWith(escapeDistName(project.archiveStem)))).toBe(true);
      });
    });

    describe('init, validate, rebuild, validate', () => {
      it.each(BACKEND_PROJECTS)(
        '$id',
        async (project) => {
          const root = rootOf(project);
          const archives = built.get(project.id)!;
          const before = readFileSync(join(root, 'pyproject.toml'), 'utf8');
          // What a user reads (pinned), then the same as data.
          const argv = ['init', '--dry-run', ...archives];
          await expect(
            transcript(argv, await runCli(argv, { cwd: root }), root),
          ).toMatchFileSnapshot(`../cli/transcripts/init-archives-${project.id}.txt`);
          const dry = await runCli(['init', '--json', '--dry-run', ...archives], { cwd: root });
          // Archives are named relative to where the command runs, as validate takes them.
          const elsewhere = await runCli(
            ['init', '--json', '--dry-run', '--root', '..', ...archives.map((a) => `../${a}`)],
            { cwd: join(root, 'tests') },
          );
          expect(elsewhere.stderr).toBe('');
          expect((JSON.parse(elsewhere.stdout) as { table: string }).table).toBe(
            (JSON.parse(dry.stdout) as { table: string }).table,
          );
          expect(dry.stderr).toBe('');
          expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(before);
          const real = await runCli(['init', '--json', ...archives], { cwd: root });
          expect(real.code).toBe(0);
          const [d, r] = [dry, real].map(
            (x) =>
              JSON.parse(x.stdout) as {
                table: string;
                inferred: string[];
                unreproduced: JsonFinding[];
              },
          );
          expect(r!.unreproduced.map((f) => f.message)).toEqual([]);
          expect([d!.table, d!.inferred]).toEqual([r!.table, r!.inferred]);
          expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(`${before}\n${r!.table}`);

          // The archives built before init: one line says so (for pdm too, whose rewritten
          // pyproject.toml is not compared: its table is).
          const old = await runCli(['validate', '--json', ...archives], { cwd: root });
          const oldFindings = (JSON.parse(old.stdout) as { findings: JsonFinding[] }).findings;
          expect(oldFindings.map((f) => `${basename(f.file)} ${f.code}`)).toEqual([
            `${basename(archives[0]!)} ARCHIVE_PREDATES_MANIFEST`,
          ]);
          if (project.id === 'hatchling' || project.id === 'setuptools') {
            const args = ['validate', ...archives];
            await expect(
              transcript(args, await runCli(args, { cwd: root }), root),
            ).toMatchFileSnapshot(`../cli/transcripts/validate-predates-${project.id}.txt`);
          }

          // Rebuilt: nothing at all.
          rmSync(join(root, 'dist'), { recursive: true });
          const rebuilt = await buildDist(root);
          const fresh = await runCli(['validate', '--json', ...rebuilt], { cwd: root });
          expect(
            (JSON.parse(fresh.stdout) as { findings: JsonFinding[] }).findings.map(
              (f) => f.message,
            ),
          ).toEqual([]);
          expect(fresh.code).toBe(0);
        },
        60_000,
      );
    });
  },
);
