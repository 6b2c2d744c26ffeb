/**
 * The built bin and the packed package, as users get them: the shebang runs, exit codes are the
 * documented ones, errors are one line without a stack trace, success is quiet; and the tarball
 * from `npm pack` installs, imports and runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeTree } from '../helpers/tree.js';
import { copyExample, repoRoot, useHatchling } from './harness.js';

const bin = join(repoRoot, 'dist/cli/main.js');

beforeAll(() => {
  // `npm test` builds first; a bare `vitest run` may not have.
  if (!existsSync(bin))
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot });
}, 120_000);

function manifest(args: string[], cwd: string) {
  // The shebang itself is exercised by the packed package below (npm makes the bin executable).
  return spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  });
}

describe('the built bin', () => {
  it('is quiet and exits 0 on a clean project', () => {
    const r = manifest(['validate'], copyExample('src-layout'));
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('exits 1 with findings on stdout when the tree changed', () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'extra.py'), '');
    const r = manifest(['validate'], root);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/error\[UNLISTED_FILE\]/);
  });

  it('exits 2 with one line and no stack trace on bad config', () => {
    const root = makeTree({ 'pyproject.toml': '[tool.manifest]\nexclude = 3\n' });
    const r = manifest(['generate'], root);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('prints its version and help', () => {
    const version = manifest(['--version'], repoRoot);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = manifest(['--help'], repoRoot);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/manifest validate/);
  });

  it('exits 2 naming the file, and leaves no temp file, when the write fails', () => {
    const root = copyExample('flat-layout');
    const r = manifest(['generate', '--manifest', 'no-such-dir/pyproject-manifest.txt'], root);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^no-such-dir\/pyproject-manifest\.txt: error\[WRITE_FAILED\]/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe("the built bin's code cache (#11)", () => {
  function run(args: string[], cwd: string, env: Record<string, string>) {
    const r = spawnSync(process.execPath, [bin, ...args], {
      cwd,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    return [r.status, r.stdout, r.stderr];
  }
  const cacheFiles = (xdg: string): string[] => {
    const dir = join(xdg, 'pyproject-manifest', `v8-${process.version}-${process.arch}`);
    return existsSync(dir) ? readdirSync(dir).map((name) => join(dir, name)) : [];
  };

  it('writes V8 data for the chunks a command loads, then runs from it with the same output', () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'extra.py'), '');
    const xdg = mkdtempSync(join(tmpdir(), 'manifest-xdg-'));
    const off = run(['validate'], root, {
      XDG_CACHE_HOME: xdg,
      PYPROJECT_MANIFEST_CODE_CACHE: '0',
    });
    expect(off[0]).toBe(1);
    expect(cacheFiles(xdg)).toEqual([]);

    expect(run(['validate'], root, { XDG_CACHE_HOME: xdg })).toEqual(off);
    const files = cacheFiles(xdg);
    // One file per chunk loaded, named after it (the name holds the bundler's content hash).
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file).toMatch(/-[\w-]+\.js-\d+\.v8$/);
    expect(files.some((f) => /\/validate-[\w-]+\.js-/.test(f))).toBe(true);
    const written = new Map(files.map((f) => [f, readFileSync(f)]));

    // Accepted by V8: read, not written again.
    expect(run(['validate'], root, { XDG_CACHE_HOME: xdg })).toEqual(off);
    for (const [file, bytes] of written) expect(readFileSync(file).equals(bytes)).toBe(true);

    // Garbage in place of the data: rejected, compiled as usual, written again.
    for (const file of files) writeFileSync(file, 'not V8 data');
    expect(run(['validate'], root, { XDG_CACHE_HOME: xdg })).toEqual(off);
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toBe('not V8 data');
    rmSync(xdg, { recursive: true, force: true });
  });

  it('writes nothing where the command runs when $HOME is empty and $XDG_CACHE_HOME unset', () => {
    const root = copyExample('src-layout');
    const before = readdirSync(root).sort();
    expect(run(['validate'], root, { HOME: '' })).toEqual([0, '', '']);
    expect(readdirSync(root).sort()).toEqual(before);
  });

  it('is off with --enable-source-maps, so that stack traces still map to the sources', () => {
    const root = copyExample('src-layout');
    const xdg = mkdtempSync(join(tmpdir(), 'manifest-xdg-'));
    const r = spawnSync(process.execPath, ['--enable-source-maps', bin, 'validate'], {
      cwd: root,
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', XDG_CACHE_HOME: xdg },
    });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(cacheFiles(xdg)).toEqual([]);
    rmSync(xdg, { recursive: true, force: true });
  });

  it('runs as usual when the cache cannot be written', () => {
    const root = copyExample('src-layout');
    const xdg = mkdtempSync(join(tmpdir(), 'manifest-xdg-'));
    // The cache's parent is a file: no directory can be made there.
    writeFileSync(join(xdg, 'pyproject-manifest'), '');
    expect(run(['validate'], root, { XDG_CACHE_HOME: xdg })).toEqual([0, '', '']);
    rmSync(xdg, { recursive: true, force: true });
  });
});

describe('the packed package', () => {
  it('installs from its tarball, imports, and runs its bin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pm-pack-'));
    try {
      const out = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, npm_config_loglevel: 'error' },
      });
      const tarball = join(dir, out.trim().split('\n').pop()!);
      const app = join(dir, 'app');
      execFileSync('mkdir', ['-p', app]);
      writeFileSync(join(app, 'package.json'), '{"name":"app","private":true,"type":"module"}\n');
      execFileSync(
        'npm',
        ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball],
        {
          cwd: app,
          env: { ...process.env, npm_config_loglevel: 'error' },
        },
      );
      const imported = execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          "import * as m from 'pyproject-manifest'; console.log(typeof m.generateManifest, typeof m.parseManifest)",
        ],
        { cwd: app, encoding: 'utf8' },
      );
      expect(imported.trim()).toBe('function function');
      const example = join(repoRoot, 'examples/flat-layout');
      const r = spawnSync(
        join(app, 'node_modules/.bin/manifest'),
        ['validate', '--root', example],
        {
          encoding: 'utf8',
        },
      );
      expect([r.status, r.stderr]).toEqual([0, '']);
      // The vendored hatchling hook ships in the package, and the bundled bin finds it.
      const project = join(dir, 'project');
      cpSync(example, project, { recursive: true });
      useHatchling(project);
      const hooked = spawnSync(join(app, 'node_modules/.bin/manifest'), ['init', '--hatch-hook'], {
        cwd: project,
        encoding: 'utf8',
      });
      expect([hooked.status, hooked.stderr]).toEqual([0, '']);
      expect(readFileSync(join(project, 'hatch_build.py'), 'utf8')).toBe(
        readFileSync(join(repoRoot, 'python/vendor/hatch_build.py'), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
