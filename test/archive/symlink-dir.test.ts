/**
 * A tracked symlink to a directory (issue #9, MANIFEST-FORMAT.md §15.3): the manifest lists the
 * link as a path of its own, and an sdist may hold it as a link member (pdm-backend keeps
 * symlinks) or hold the linked directory's files below it (setuptools follows the link). Both are
 * right; the files are compared with the files below the link, and a file that is not there, a
 * changed one, or neither form is a finding. Validate used to stop with FILE_UNREADABLE (exit 2)
 * before reporting anything. A real setuptools sdist, its copy with the link as a link member
 * (tar-stream), and tampered copies, in TypeScript and in the Python check.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateArchives } from '../../src/api/validate-archives.js';
import { buildDist, gitInit, missingBackends } from '../helpers/python-build.js';
import { runCli } from '../cli/harness.js';
import { PYTHON, readTarMembers, writeTarGz, type Member } from './archive-helpers.js';

const missing = missingBackends(['setuptools']);
const available = missing === '';
const reason = available ? '' : ` (skipped: ${missing})`;
const pythonDir = join(import.meta.dirname, '../../python');

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "linkdemo"
version = "1.0"

[tool.setuptools]
packages = ["linkdemo"]
`;

const ROOT = 'linkdemo-1.0';
let root: string;
let sdist: string;
let members: Member[];

beforeAll(async () => {
  if (!available) return;
  root = join(mkdtempSync(join(tmpdir(), 'pm-symlink-dir-')), 'linkdemo');
  mkdirSync(join(root, 'linkdemo'), { recursive: true });
  mkdirSync(join(root, 'shared/sub'), { recursive: true });
  writeFileSync(join(root, 'pyproject.toml'), PYPROJECT);
  writeFileSync(join(root, 'MANIFEST.in'), 'graft linkdemo\ngraft shared\n');
  writeFileSync(join(root, 'linkdemo/__init__.py'), '');
  writeFileSync(join(root, 'shared/a.txt'), 'a\n');
  writeFileSync(join(root, 'shared/sub/b.txt'), 'b\n');
  symlinkSync('../shared', join(root, 'linkdemo/assets'));
  gitInit(root);
  const init = await runCli(['init'], { cwd: root });
  expect([init.code, init.stderr]).toEqual([0, '']);
  gitInit(root);
  sdist = (await buildDist(root))[0]!;
  members = await readTarMembers(join(root, sdist!));
}, 180_000);
afterAll(() => {
  if (root !== undefined) rmSync(join(root, '..'), { recursive: true, force: true });
});

/** The sdist with its members edited, as `dist/<name>` (a sibling of the built one). */
async function variant(name: string, edit: (ms: Member[]) => Member[]): Promise<string> {
  const dir = join(root, 'dist', name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${ROOT}.tar.gz`);
  await writeTarGz(file, edit(members.map((m) => ({ ...m }))));
  return file;
}

const underLink = (m: Member): boolean => m.name.startsWith(`${ROOT}/linkdemo/assets/`);

/** [code, path] of each finding, from TypeScript and from the Python check. */
async function bothFindings(file: string): Promise<{ ts: string[][]; py: string[][] }> {
  const { archives } = await validateArchives({ root, archives: [file] });
  const ts = archives[0]!.findings.map((f) => [f.code, f.path]);
  const run = spawnSync(PYTHON, ['-m', 'tests.oracle'], {
    cwd: pythonDir,
    input: `${JSON.stringify({ archive: file, manifestFile: join(root, 'pyproject-manifest.txt'), root })}\n`,
    encoding: 'utf8',
  });
  expect(run.stderr).toBe('');
  const py = (JSON.parse(run.stdout) as { code: string; path: string }[]).map((f) => [
    f.code,
    f.path,
  ]);
  return { ts, py };
}

describe(`a tracked symlink to a directory, against real sdists${reason}`, () => {
  it.skipIf(!available)(
    'setuptools ships the linked files: validate exits 0 with no finding, also --names-only',
    async () => {
      // The build followed the link: files, no link member.
      expect(members.filter(underLink).map((m) => [m.name, m.type])).toEqual(
        expect.arrayContaining([
          [`${ROOT}/linkdemo/assets/a.txt`, 'file'],
          [`${ROOT}/linkdemo/assets/sub/b.txt`, 'file'],
        ]),
      );
      for (const args of [
        ['validate', sdist],
        ['validate', '--names-only', sdist],
      ]) {
        const r = await runCli(args, { cwd: root });
        expect([args, r.code, r.stderr]).toEqual([args, 0, '']);
      }
      expect(await bothFindings(join(root, sdist))).toEqual({ ts: [], py: [] });
    },
  );

  it.skipIf(!available)(
    'the link kept as a link member (as pdm-backend does) is right too',
    async () => {
      const file = await variant('link-member', (ms) => [
        ...ms.filter((m) => !underLink(m)),
        { name: `${ROOT}/linkdemo/assets`, type: 'symlink', linkname: '../shared' },
      ]);
      expect(await bothFindings(file)).toEqual({ ts: [], py: [] });
    },
  );

  it.skipIf(!available)(
    'a changed file, a file the linked directory lacks, and neither form are findings',
    async () => {
      const changed = await variant('changed', (ms) => [
        ...ms.map((m) =>
          m.name === `${ROOT}/linkdemo/assets/a.txt` ? { ...m, data: Buffer.from('x\n') } : m,
        ),
        { name: `${ROOT}/linkdemo/assets/zzz.txt`, data: Buffer.from('z\n') },
      ]);
      const expected = [
        ['ARCHIVE_CONTENT_MISMATCH', 'linkdemo/assets/a.txt'],
        ['ARCHIVE_EXTRA_FILE', 'linkdemo/assets/zzz.txt'],
      ];
      expect(await bothFindings(changed)).toEqual({ ts: expected, py: expected });
      const gone = await variant('gone', (ms) => ms.filter((m) => !underLink(m)));
      const missing = [['ARCHIVE_MISSING_FILE', 'linkdemo/assets']];
      expect(await bothFindings(gone)).toEqual({ ts: missing, py: missing });
    },
  );
});
