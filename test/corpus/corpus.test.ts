/**
 * First contact on projects modelled on real ones (issue #9): for every case and every init mode,
 * `manifest init` (nothing written by hand), commit, build with the real backend, then
 * `manifest validate dist/*` must report nothing. The whole corpus runs once, concurrently, in
 * beforeAll; each test then reads one project's run.
 *
 * CORPUS_REPORT=path writes the figures (init exit, findings per project) as JSON, for the
 * before/after measurements in the changelog; CORPUS_ONLY=name,name runs only those cases.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CORPUS_CASES } from './cases/index.js';
import {
  canBuild,
  createCorpusDir,
  runCase,
  runLimited,
  type CorpusCase,
  type ProjectRun,
} from './harness.js';
import { CORPUS_MODES } from './modes.js';

const only = process.env.CORPUS_ONLY?.split(',');
const cases = CORPUS_CASES.filter((c) => only === undefined || only.includes(c.name));
const runs = new Map<string, ProjectRun[]>();
const failures = new Map<string, string>();
let dir = '';

const key = (c: CorpusCase, mode: string): string => `${c.name} (${mode})`;

describe.skipIf(!canBuild())('corpus: first contact with real builds', () => {
  beforeAll(async () => {
    dir = createCorpusDir();
    const tasks = cases.flatMap((c) =>
      CORPUS_MODES.map((mode) => async () => {
        try {
          runs.set(key(c, mode.name), await runCase(c, mode, dir));
        } catch (error) {
          failures.set(key(c, mode.name), String((error as Error).message ?? error));
        }
      }),
    );
    await runLimited(tasks, 3);
    if (process.env.CORPUS_REPORT !== undefined) {
      const report = [...runs.values()].flat().map((run) => ({
        case: run.case,
        mode: run.mode,
        project: run.project,
        initExit: run.init.code,
        initError: run.init.code === 0 ? undefined : run.init.stderr.trim(),
        init: run.init.code === 0 ? JSON.parse(run.init.stdout) : undefined,
        buildError: run.buildError,
        validateExit: run.validate?.code,
        findings: run.findings.length,
        codes: run.findings.map((f) => `${f.code} ${f.path ?? ''}`),
      }));
      writeFileSync(process.env.CORPUS_REPORT, `${JSON.stringify(report, null, 2)}\n`);
    }
  }, 600_000);

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  for (const c of cases) {
    for (const mode of CORPUS_MODES) {
      const projects = c.projects ?? [''];
      describe(key(c, mode.name), () => {
        for (const project of projects) {
          const label = project === '' ? 'the project' : project;
          const find = (): ProjectRun => {
            const failure = failures.get(key(c, mode.name));
            if (failure !== undefined) throw new Error(failure);
            const run = runs.get(key(c, mode.name))?.find((r) => r.project === project);
            if (run === undefined) throw new Error('the case did not run');
            return run;
          };

          it(`${label}: init succeeds, and --dry-run agrees with the real run`, () => {
            const run = find();
            expect(run.init.stderr).toBe('');
            expect(run.init.code).toBe(0);
            expect(run.dryRun.code).toBe(0);
            const dry = JSON.parse(run.dryRun.stdout) as Record<string, unknown>;
            const real = JSON.parse(run.init.stdout) as Record<string, unknown>;
            for (const field of ['table', 'written', 'inferred', 'untranslated']) {
              expect(dry[field], field).toEqual(real[field]);
            }
            // From archives: the table reproduces them (what validate would still report).
            if (mode.buildFirst) expect(real.unreproduced).toEqual([]);
          });

          it(`${label}: init writes only [tool.manifest] and the manifest`, () => {
            const run = find();
            const prefix = project === '' ? '' : `${project}/`;
            const allowed = new Set([`${prefix}pyproject.toml`, `${prefix}pyproject-manifest.txt`]);
            const unexpected = run.changedByInit.filter(
              (p) => !allowed.has(p) && (prefix === '' || p.startsWith(prefix)),
            );
            expect(unexpected).toEqual([]);
          });

          it(`${label}: the rebuilt sdist and wheel validate with no finding`, () => {
            const run = find();
            expect(run.buildError).toBeUndefined();
            expect(run.archives).toHaveLength(2);
            expect(run.findings.map((f) => `${f.code} ${f.file ?? ''} ${f.path ?? ''}`)).toEqual(
              [],
            );
            expect(run.validate?.code).toBe(0);
          });
        }
      });
    }
  }
});
