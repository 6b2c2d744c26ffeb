/**
 * Issue #12, hangs: nothing that is not a regular file is opened. A FIFO as the manifest, as
 * pyproject.toml or as an archive argument, and a tree file that is a symlink to a FIFO or to
 * /dev/zero when archives are compared, each give one line saying what the file is, exit 2.
 *
 * Run through the built bin with a time limit: before the fix these hung, and a hang inside the
 * test worker could not be interrupted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, projectWithArchives } from '../archive/archive-helpers.js';
import { repoRoot } from '../cli/harness.js';
import { makeTree } from '../helpers/tree.js';

const bin = join(repoRoot, 'dist/cli/main.js');

beforeAll(() => {
  if (!existsSync(bin))
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot });
}, 120_000);

function manifest(args: string[], cwd: string) {
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
    timeout: 15_000,
    killSignal: 'SIGKILL',
  });
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** One line on stderr, exit 2, no stack trace, within the time limit. */
function expectOneLine(r: ReturnType<typeof manifest>, pattern: RegExp): void {
  expect(r.signal, 'the command hung and was killed').toBeNull();
  expect(r.status).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
}

const project = '[project]\nname = "demo"\nversion = "1.0"\n';

describe('issue #12: FIFOs and devices are never opened', () => {
  it.each(['validate', 'update', 'diff', 'generate'])('%s with a FIFO as the manifest', (cmd) => {
    const root = makeTree({ 'pyproject.toml': project, 'demo/__init__.py': '' });
    mkfifo(join(root, 'pyproject-manifest.txt'));
    expectOneLine(
      manifest([cmd], root),
      /^pyproject-manifest\.txt: error\[(FILE_UNREADABLE|WRITE_REFUSED)\] is a FIFO/,
    );
  });

  it('a FIFO as pyproject.toml', () => {
    const root = makeTree({ 'demo/__init__.py': '' });
    mkfifo(join(root, 'pyproject.toml'));
    expectOneLine(
      manifest(['ls', '--root', '.'], root),
      /^pyproject\.toml: error\[FILE_UNREADABLE\] is a FIFO, not a regular file/,
    );
  });

  it('a FIFO, a directory and /dev/zero as an archive argument', () => {
    const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
    const { root, dist } = projectWithArchives(hatch);
    mkfifo(join(dist, 'fifo.whl'));
    symlinkSync('/dev/zero', join(dist, 'zero.tar.gz'));
    expectOneLine(
      manifest(['validate', '../dist/fifo.whl'], root),
      /fifo\.whl: error\[ARCHIVE_UNREADABLE\] cannot open the archive: it is a FIFO, not a regular file/,
    );
    expectOneLine(
      manifest(['validate', '../dist/zero.tar.gz'], root),
      /zero\.tar\.gz: error\[ARCHIVE_UNREADABLE\] cannot open the archive: it is a device, not a regular file/,
    );
  });

  it.each([
    ['a FIFO', 'fifo'],
    ['/dev/zero', '/dev/zero'],
  ])('a tree file that is a symlink to %s, when archives are compared', (what, target) => {
    const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
    const { root } = projectWithArchives(hatch);
    const src = join(root, 'src/fixture_hatch/__init__.py');
    rmSync(src);
    if (target === 'fifo') {
      mkfifo(join(root, 'fifo'));
      symlinkSync('../../fifo', src);
    } else symlinkSync(target, src);
    const r = manifest(['validate', `../dist/${hatch.sdist}`], root);
    expectOneLine(
      r,
      new RegExp(
        `src/fixture_hatch/__init__\\.py: error\\[FILE_UNREADABLE\\] is a symlink to ${what === 'a FIFO' ? 'a FIFO' : 'a device'}, not a regular file`,
      ),
    );
  });

  it('a tree file that is a symlink to a FIFO, listed but not in the archive, is not opened', () => {
    // Only the sources of members the archive holds are read (their bytes are compared); a
    // manifest of a million missing files opened each one (issue #12).
    const hatch = FIXTURES.find((f) => f.backend === 'hatchling')!;
    const { root } = projectWithArchives(hatch);
    mkfifo(join(root, 'fifo'));
    symlinkSync('../../fifo', join(root, 'src/fixture_hatch/later.py'));
    expect(manifest(['update'], root).status).toBe(0);
    const r = manifest(['validate', `../dist/${hatch.sdist}`], root);
    expect(r.signal, 'the command hung and was killed').toBeNull();
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /error\[ARCHIVE_MISSING_FILE\] \[sdist\] mod: src\/fixture_hatch\/later\.py -> src\/fixture_hatch\/later\.py/,
    );
    expect(r.status).toBe(1);
  });
});
