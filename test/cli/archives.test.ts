/**
 * CLI transcripts of `manifest validate ARCHIVE...` on real backend archives: one per code family
 * (contents, RECORD, safety, stale tree, input errors), pinning the prose, the grouping per archive,
 * the summaries and the exit codes. The project is a fixture package copy in `<tmp>/<pkg>/` and its
 * archives sit in `<tmp>/dist/`, passed as `../dist/<name>`. test/archive/end-to-end.test.ts covers
 * every backend and tampering; this file shows what users read.
 */
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  archivePath,
  editRecordRow,
  FIXTURES,
  projectWithArchives,
  readTarMembers,
  readZipMembers,
  rewriteRecord,
  writeTarGz,
  writeZip,
  type Member,
} from '../archive/archive-helpers.js';
import { repoRoot, runCli, transcript } from './harness.js';

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
const flit = FIXTURES.find((f) => f.backend === 'flit_core')!;
const SDIST = `../dist/${hatch.sdist}`;
const WHEEL = `../dist/${hatch.wheel}`;
const ROOT = 'fixture_hatch-1.0';
const INIT = 'fixture_hatch/__init__.py';
const DEEP =
  'fixture_hatch/very_long_directory_name_that_keeps_going/and_another_long_directory_name/module_with_a_rather_long_name.py';
const SHARED = 'fixture_hatch-1.0.data/data/share/fixture-hatch.conf';

async function pin(name: string, argv: string[], root: string) {
  const result = await runCli(argv, { cwd: root });
  await expect(transcript(argv, result, root, version)).toMatchFileSnapshot(
    `transcripts/${name}.txt`,
  );
  return result;
}

const file = (name: string, text: string): Member => ({ name, data: Buffer.from(text) });

describe('validate with archives (transcripts)', () => {
  it('clean sdist and wheel: quiet, exit 0', async () => {
    const { root } = projectWithArchives(hatch);
    const r = await pin('archives-clean', ['validate', SDIST, WHEEL], root);
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('sdist contents: a file removed, one added, one changed → exit 1', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = (await readTarMembers(archivePath(hatch, 'sdist')))
      .filter((m) => m.name !== `${ROOT}/README.md`)
      .map((m) => (m.name === `${ROOT}/src/${INIT}` ? { ...m, data: Buffer.from('x = 2\n') } : m));
    await writeTarGz(join(dist, hatch.sdist), [...members, file(`${ROOT}/secrets.env`, 'T=1\n')]);
    const r = await pin('archives-contents', ['validate', SDIST, WHEEL], root);
    expect(r.code).toBe(1);
  });

  it('many findings of one cause in one directory: one line each, with the fix that applies', async () => {
    const { root, dist } = projectWithArchives(hatch);
    // The tree gains a docs/ directory the old sdist lacks; the sdist holds notes/ the manifest
    // does not list.
    mkdirSync(join(root, 'docs/guide'), { recursive: true });
    mkdirSync(join(root, 'docs/api'), { recursive: true });
    for (let i = 1; i <= 12; i++)
      writeFileSync(join(root, `docs/${i < 7 ? 'guide' : 'api'}/page${i}.md`), `# ${i}\n`);
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    const members = await readTarMembers(archivePath(hatch, 'sdist'));
    const notes = [1, 2, 3, 4, 5].map((i) => file(`${ROOT}/notes/n${i}.txt`, `${i}\n`));
    await writeTarGz(join(dist, hatch.sdist), [...members, ...notes]);
    const r = await pin('archives-grouped', ['validate', SDIST, WHEEL], root);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('error['))).toHaveLength(3);
    const verbose = await runCli(['validate', '--verbose', SDIST, WHEEL], { cwd: root });
    expect(verbose.stdout.split('\n').filter((l) => l.includes('error['))).toHaveLength(18);
    const json = JSON.parse(
      (await runCli(['validate', '--json', SDIST, WHEEL], { cwd: root })).stdout,
    ) as {
      findings: { code: string; path: string }[];
      groups: { code: string; dir: string; count: number; findings: number[] }[];
    };
    expect(json.findings).toHaveLength(18);
    expect(json.groups.map((g) => [g.code, g.dir, g.count])).toEqual([
      ['ARCHIVE_MISSING_FILE', 'docs', 12],
      ['ARCHIVE_EXTRA_FILE', 'notes', 5],
    ]);
    expect(json.groups[1]!.findings.map((i) => json.findings[i]!.path)).toEqual(
      notes.map((n) => n.name.slice(ROOT.length + 1)),
    );
  });

  it('wheel RECORD: a hash wrong, a size wrong, a row missing → exit 1', async () => {
    const { root, dist } = projectWithArchives(hatch);
    let members = readZipMembers(archivePath(hatch, 'wheel'));
    members = editRecordRow(members, INIT, (row) =>
      row.replace(/sha256=[^,]*/, 'sha256=47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU'),
    );
    members = editRecordRow(members, DEEP, (row) => row.replace(/,\d+$/, ',999'));
    members = editRecordRow(members, SHARED, () => undefined);
    writeZip(join(dist, hatch.wheel), members);
    const r = await pin('archives-record', ['validate', SDIST, WHEEL], root);
    expect(r.code).toBe(1);
  });

  it('archive safety: a ../ member and a duplicate member → exit 1', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const members = readZipMembers(archivePath(hatch, 'wheel'));
    const withEvil = await rewriteRecord([...members, file('../evil.py', 'import os\n')]);
    writeZip(join(dist, hatch.wheel), [...withEvil, members.find((m) => m.name === INIT)!]);
    const r = await pin('archives-safety', ['validate', SDIST, WHEEL], root);
    expect(r.code).toBe(1);
  });

  it('a tree edited after the build → exit 1; --names-only → exit 0', async () => {
    const { root } = projectWithArchives(flit);
    appendFileSync(join(root, 'fixture_flit/data/café-menu.txt'), 'tarte tatin\n');
    const args = [`../dist/${flit.sdist}`, `../dist/${flit.wheel}`];
    expect((await pin('archives-stale-tree', ['validate', ...args], root)).code).toBe(1);
    const namesOnly = await pin('archives-names-only', ['validate', '--names-only', ...args], root);
    expect(namesOnly).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('the kind comes from the bytes: a wheel named .tar.gz is read as a wheel, and the name is a finding', async () => {
    const { root, dist } = projectWithArchives(hatch);
    copyFileSync(join(dist, hatch.wheel), join(dist, 'fixture_hatch-1.0.tar.gz'));
    const r = await pin('archives-kind-from-bytes', ['validate', '--json', SDIST], root);
    expect(r.code).toBe(1);
    expect((JSON.parse(r.stdout) as { archives: { kind: string }[] }).archives).toMatchObject([
      { kind: 'wheel' },
    ]);
  });

  it('a truncated archive, a non-archive and a missing file: one line each, exit 2', async () => {
    const { root, dist } = projectWithArchives(hatch);
    const bytes = readFileSync(join(dist, hatch.sdist));
    writeFileSync(join(dist, hatch.sdist), bytes.subarray(0, bytes.length - 100));
    writeFileSync(join(dist, 'notes.whl'), 'these are notes, not a zip\n');
    for (const [name, argv] of [
      ['archives-truncated', ['validate', SDIST]],
      ['archives-not-an-archive', ['validate', '../dist/notes.whl']],
      ['archives-missing-file', ['validate', '../dist/fixture_hatch-9.9.tar.gz']],
    ] as const) {
      const r = await pin(name, [...argv], root);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });
});
