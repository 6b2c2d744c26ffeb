/**
 * Issue #12, "Data loss and writes": a writer never replaces a file that is not a manifest, never
 * writes through or replaces a symlink, never echoes a file that is not a manifest, never ships its
 * own temp files, and leaves none behind on SIGINT/SIGTERM (SIGKILL cannot be caught: the next
 * write removes what it left, and no kill ever leaves half a manifest).
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainPaths } from '../../src/api/explain.js';
import { parseManifest } from '../../src/manifest/parse.js';
import { makeTree } from '../helpers/tree.js';
import { repoRoot, runCli } from '../cli/harness.js';

const bin = join(repoRoot, 'dist/cli/main.js');
const project = '[project]\nname = "demo"\nversion = "1.0"\n';
const FORMAT_LINE = '# pyproject-manifest v1\n';

function small(extra: Record<string, string> = {}) {
  return makeTree({ 'pyproject.toml': project, 'demo/__init__.py': '', ...extra });
}

/** Our temp files (MANIFEST-FORMAT.md §12: `.<name>.<tag>.tmp` beside the manifest). */
function tempFiles(dir: string): string[] {
  return readdirSync(dir).filter((n) => /^\..*\.tmp$/.test(n));
}

describe('issue #12: a writer never replaces a file that is not a manifest', () => {
  it.each([
    ['generate', 'pyproject.toml'],
    ['update', 'README.md'],
  ])('%s --manifest %s refuses, exits 2 in one line, and keeps the file', async (cmd, file) => {
    const root = small({ 'README.md': 'hello\n' });
    const before = readFileSync(join(root, file), 'utf8');
    const r = await runCli([cmd, '--manifest', file], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      new RegExp(`^${file.replace('.', '\\.')}: error\\[WRITE_REFUSED\\] .*not a manifest`),
    );
    expect(r.stdout).toBe('');
    expect(readFileSync(join(root, file), 'utf8')).toBe(before);
    expect(tempFiles(root)).toEqual([]);
  });

  it('an empty file or no file is written; an unparsable manifest (format line kept) is replaced', async () => {
    const root = small({ 'empty.txt': '', 'broken.txt': `${FORMAT_LINE}<<<<<<< HEAD\n` });
    for (const file of ['empty.txt', 'absent.txt', 'broken.txt']) {
      const r = await runCli(['update', '--manifest', file], { cwd: root });
      expect([file, r.code, r.stderr]).toEqual([file, 0, '']);
      expect(readFileSync(join(root, file), 'utf8')).toMatch(/^# pyproject-manifest v1\n/);
    }
  });

  it('the refusal does not echo the file', async () => {
    const root = small({ 'secret.txt': 'password=hunter2\n' });
    const r = await runCli(['update', '--manifest', 'secret.txt'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr + r.stdout).not.toContain('hunter2');
  });
});

describe('issue #12: a symlinked manifest', () => {
  it('validate does not echo the first line of a file that is not a manifest', async () => {
    const root = small({ 'secret.txt': 'root:x:0:0:root:/root:/bin/bash\n' });
    symlinkSync('secret.txt', join(root, 'link.txt'));
    const r = await runCli(['validate', '--manifest', 'link.txt'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[MANIFEST_VERSION\] missing format line/);
    expect(r.stderr).not.toContain('root:x');
    const json = await runCli(['validate', '--json', '--manifest', 'link.txt'], { cwd: root });
    expect(json.stdout + json.stderr).not.toContain('root:x');
  });

  it('a manifest path that is a symlink to /etc/passwd: nothing of it is shown, nothing written', async () => {
    const first = readFileSync('/etc/passwd', 'utf8').split('\n')[0]!;
    const root = small();
    symlinkSync('/etc/passwd', join(root, 'pyproject-manifest.txt'));
    for (const argv of [['validate'], ['validate', '--json'], ['diff'], ['update'], ['generate']]) {
      const r = await runCli(argv, { cwd: root });
      expect([argv, r.code]).toEqual([argv, 2]);
      expect(r.stdout + r.stderr).not.toContain(first);
      expect(r.stdout + r.stderr).not.toContain(first.split(':')[0] + ':');
    }
    expect(readlinkSync(join(root, 'pyproject-manifest.txt'))).toBe('/etc/passwd');
  });

  it('is read through by validate, but a writer neither writes through it nor replaces it', async () => {
    const root = small();
    expect((await runCli(['generate', '--manifest', 'real.txt'], { cwd: root })).code).toBe(0);
    symlinkSync('real.txt', join(root, 'pyproject-manifest.txt'));
    // A consumer reads the manifest the link names (it lists itself as a symlink, hence the diff).
    const v = await runCli(['validate'], { cwd: root });
    expect(v.stderr).toBe('');
    writeFileSync(join(root, 'demo/new.py'), '');
    const real = readFileSync(join(root, 'real.txt'), 'utf8');
    const r = await runCli(['update'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^pyproject-manifest\.txt: error\[WRITE_REFUSED\] is a symlink\b.*\(hint: /,
    );
    expect(lstatSync(join(root, 'pyproject-manifest.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'pyproject-manifest.txt'))).toBe('real.txt');
    expect(readFileSync(join(root, 'real.txt'), 'utf8')).toBe(real);
  });

  it('a manifest whose directory is a symlink leaving the project is not written', async () => {
    const outside = makeTree({ 'keep.txt': 'x' });
    const root = small();
    symlinkSync(outside, join(root, 'out'));
    const r = await runCli(['generate', '--manifest', 'out/m.txt'], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[WRITE_REFUSED\]/);
    expect(readdirSync(outside)).toEqual(['keep.txt']);
  });
});

describe('issue #12: temp files', () => {
  it('a stray temp file of ours is never selected, and the next write removes it', async () => {
    const root = small();
    // What a SIGKILL during a write leaves: the pid is long gone.
    const stray = '.pyproject-manifest.txt.zzzzzz-abcdefgh.tmp';
    writeFileSync(join(root, stray), `${FORMAT_LINE}half`);
    const ls = await runCli(['ls'], { cwd: root });
    expect(ls.stdout.split('\n')).not.toContain(stray);
    const { explanations } = explainPaths({ root, paths: [stray] });
    expect(explanations[0]!.sdist.ships).toBe(false);
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).not.toContain('.tmp');
    expect(existsSync(join(root, stray))).toBe(false);
  });

  it("a temp file of another name is the user's: listed and kept", async () => {
    const root = small({ '.notes.abc.tmp': 'mine' });
    expect((await runCli(['update'], { cwd: root })).code).toBe(0);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toContain('.notes.abc.tmp');
    expect(existsSync(join(root, '.notes.abc.tmp'))).toBe(true);
  });
});

describe('issue #12: signals during a write (the built bin)', () => {
  let root: string;
  beforeAll(() => {
    if (!existsSync(bin))
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
    // Enough files that the manifest write (and its fsync) takes a moment.
    const spec: Record<string, string> = { 'pyproject.toml': project, 'demo/__init__.py': '' };
    for (let i = 0; i < 5000; i++) spec[`demo/d${i % 50}/module_with_a_long_name_${i}.py`] = '';
    root = makeTree(spec, 'pm-signals-');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Run `command` and send `signal` as soon as its temp file appears (or after `delay` ms). */
  function interrupt(
    signal: NodeJS.Signals,
    delay?: number,
    command = 'generate',
  ): Promise<number | null> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, command], { cwd: root, stdio: 'ignore' });
      let sent = false;
      const send = (): void => {
        if (sent) return;
        sent = true;
        child.kill(signal);
      };
      const watcher =
        delay === undefined
          ? watch(root, (_event, name) => {
              if (typeof name === 'string' && name.endsWith('.tmp')) send();
            })
          : undefined;
      const timer = delay !== undefined ? setTimeout(send, delay) : undefined;
      child.on('exit', (code) => {
        watcher?.close();
        if (timer) clearTimeout(timer);
        resolve(code);
      });
    });
  }

  function checkManifest(): void {
    const file = join(root, 'pyproject-manifest.txt');
    if (!existsSync(file)) return;
    // Whole or absent, never half.
    const text = readFileSync(file, 'utf8');
    expect(() => parseManifest(text, 'pyproject-manifest.txt')).not.toThrow();
  }

  it.each([
    ['SIGINT', 'generate'],
    ['SIGTERM', 'generate'],
    ['SIGINT', 'update'],
    ['SIGTERM', 'update'],
  ] as const)(
    '%s during %s while the temp file exists leaves no temp file and a whole manifest or none',
    async (signal, command) => {
      for (let attempt = 0; attempt < 3; attempt++) {
        rmSync(join(root, 'pyproject-manifest.txt'), { force: true });
        await interrupt(signal, undefined, command);
        expect(tempFiles(root)).toEqual([]);
        checkManifest();
      }
    },
  );

  it('SIGKILL at a handful of moments never leaves half a manifest; the next write cleans up', async () => {
    for (const delay of [50, 90, 120, 150, 200]) {
      rmSync(join(root, 'pyproject-manifest.txt'), { force: true });
      await interrupt('SIGKILL', delay);
      checkManifest();
    }
    writeFileSync(join(root, '.pyproject-manifest.txt.zzzzzz-00000000.tmp'), 'half');
    const r = spawnSync(process.execPath, [bin, 'update'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(tempFiles(root)).toEqual([]);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).not.toMatch(/\.tmp$/m);
  });
});
