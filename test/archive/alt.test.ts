/**
 * `alt:` lines against archives that a real backend rewrote (MANIFEST-FORMAT.md §4.9, §9): the
 * setuptools that Debian ships appends an `[egg_info]` section to a tracked setup.cfg in the sdist,
 * and rewrites the `#!/usr/bin/env python` line of a `script-files` script to `#!python` in the
 * wheel's `.data/scripts/`. Built once per file, for real; the tampered copies are written with
 * real tar and zip writers. Skipped, with the reason, when /usr/bin/python3 cannot build with
 * setuptools.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateManifest } from '../../src/api/generate.js';
import { validateTree } from '../../src/api/validate.js';
import { validateArchives } from '../../src/api/validate-archives.js';
import { describeFinding } from '../../src/describe.js';
import { missingBackends } from '../helpers/python-build.js';
import { writeTree } from '../helpers/tree.js';
import {
  PYTHON,
  readTarMembers,
  readZipMembers,
  tempDir,
  writeTarGz,
  writeZip,
} from './archive-helpers.js';

const missing = missingBackends(['setuptools']);
const available = missing === '';
const reason = available ? '' : ` (skipped: ${missing})`;

const PYPROJECT = `[build-system]
requires = ["setuptools>=61"]
build-backend = "setuptools.build_meta"

[project]
name = "alt-demo"
version = "1.0"

[tool.setuptools]
packages = ["altdemo"]
script-files = ["scripts/altdemo-run"]

[tool.manifest.sdist]
# Without a MANIFEST.in, setuptools ships neither the manifest nor anything but its own set.
exclude = ["/pyproject-manifest.txt"]
generated = ["alt_demo.egg-info/*"]
rewritten = ["setup.cfg"]

[tool.manifest.wheel]
packages = ["altdemo"]
map = { "scripts/altdemo-run" = "{data}/scripts/altdemo-run" }
rewritten = ["scripts/altdemo-run"]
`;

const TREE = {
  'pyproject.toml': PYPROJECT,
  'setup.cfg': '[flake8]\nmax-line-length = 100\n',
  'scripts/altdemo-run': { mode: 0o755, text: '#!/usr/bin/env python\nprint("run")\n' },
  'altdemo/__init__.py': 'X = 1\n',
};

describe.skipIf(!available)(`alt: against a real setuptools build${reason}`, () => {
  let base = '';
  let root = '';
  let sdist = '';
  let wheel = '';
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'pm-alt-'));
    root = join(base, 'alt-demo');
    writeTree(root, TREE);
    writeFileSync(join(root, 'pyproject-manifest.txt'), generateManifest({ root }).text);
    const dist = join(base, 'dist');
    const run = spawnSync(PYTHON, ['-m', 'build', '-n', '-x', '-o', dist, root], {
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    for (const name of readdirSync(dist)) {
      if (name.endsWith('.tar.gz')) sdist = join(dist, name);
      if (name.endsWith('.whl')) wheel = join(dist, name);
    }
  }, 120_000);
  afterAll(() => {
    if (base !== '') rmSync(base, { recursive: true, force: true });
  });

  it('the manifest lists the rewritten files as alt: lines', () => {
    const text = readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8');
    expect(text).toContain('\nalt: setup.cfg -> setup.cfg\n');
    expect(text).toContain('\nalt: scripts/altdemo-run -> {data}/scripts/altdemo-run\n');
    expect(validateTree({ root }).findings).toEqual([]);
  });

  it('the backend really rewrote both files', async () => {
    const cfg = (await readTarMembers(sdist)).find((m) => m.name === 'alt-demo-1.0/setup.cfg');
    expect(cfg?.data?.toString()).toMatch(/^\[flake8\][\s\S]*\[egg_info\]/);
    const script = readZipMembers(wheel).find((m) => m.name.endsWith('.data/scripts/altdemo-run'));
    expect(script?.data?.toString()).toBe('#!python\nprint("run")\n');
  });

  it('validates clean: alt: bytes are not compared', async () => {
    const result = await validateArchives({ root, archives: [sdist, wheel] });
    expect(result.archives.map((a) => [a.kind, a.findings.map(describeFinding)])).toEqual([
      ['sdist', []],
      ['wheel', []],
    ]);
  });

  it('the same lines as mod: are content mismatches (so the build does rewrite them)', async () => {
    const text = readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8');
    writeFileSync(join(root, 'as-mod.txt'), text.replaceAll('\nalt: ', '\nmod: '));
    const result = await validateArchives({
      root,
      manifestFile: 'as-mod.txt',
      archives: [sdist, wheel],
    });
    rmSync(join(root, 'as-mod.txt'));
    expect(result.archives.map((a) => a.findings.map((f) => [f.code, f.path]))).toEqual([
      [['ARCHIVE_CONTENT_MISMATCH', 'setup.cfg']],
      [['ARCHIVE_CONTENT_MISMATCH', 'alt_demo-1.0.data/scripts/altdemo-run']],
    ]);
  });

  it('an alt: DEST missing from the archive is ARCHIVE_MISSING_FILE', async () => {
    const members = (await readTarMembers(sdist)).filter((m) => !m.name.endsWith('/setup.cfg'));
    const file = join(tempDir(), 'alt-demo-1.0.tar.gz');
    await writeTarGz(file, members);
    const [result] = (await validateArchives({ root, archives: [file] })).archives;
    expect(result!.findings.map((f) => [f.code, f.path, f.args.entry])).toEqual([
      ['ARCHIVE_MISSING_FILE', 'setup.cfg', 'alt: setup.cfg -> setup.cfg'],
    ]);
  });

  it("RECORD is still checked for an alt: member: it is about the wheel's own bytes", async () => {
    const members = readZipMembers(wheel).map((m) =>
      m.name.endsWith('.data/scripts/altdemo-run')
        ? { ...m, data: Buffer.from('#!/bin/sh\necho tampered\n') }
        : m,
    );
    const file = join(tempDir(), 'alt_demo-1.0-py3-none-any.whl');
    writeZip(file, members);
    const [result] = (await validateArchives({ root, archives: [file] })).archives;
    expect(result!.findings.map((f) => f.code).sort()).toEqual([
      'RECORD_HASH_MISMATCH',
      'RECORD_SIZE_MISMATCH',
    ]);
  });

  it('an alt: SRC missing from the tree is MISSING_SOURCE', () => {
    const copy = join(tempDir(), 'alt-demo');
    writeTree(copy, { ...TREE, 'setup.cfg': '' });
    writeFileSync(
      join(copy, 'pyproject-manifest.txt'),
      readFileSync(join(root, 'pyproject-manifest.txt')),
    );
    rmSync(join(copy, 'setup.cfg'));
    expect(validateTree({ root: copy }).findings.map((f) => [f.code, f.args.entry])).toEqual([
      ['MISSING_SOURCE', 'alt: setup.cfg -> setup.cfg'],
      // Without a setup.cfg in the tree, setuptools writes one: the rules now give a gen: line.
      ['UNLISTED_FILE', 'gen: setup.cfg'],
    ]);
  });
});
