/**
 * CLI transcripts: one file per invocation under test/cli/transcripts/, holding the command,
 * stdout, stderr and exit code. They pin the prose and the exit codes users and CI scripts see.
 */
import {
  appendFileSync,
  mkdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTree } from '../helpers/tree.js';
import { copyExample, repoRoot, runCli, transcript } from './harness.js';

const version = (
  JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }
).version;

async function pin(name: string, argv: string[], root: string, env: Record<string, string> = {}) {
  const result = await runCli(argv, { cwd: root, env });
  await expect(transcript(argv, result, root, version)).toMatchFileSnapshot(
    `transcripts/${name}.txt`,
  );
  return result;
}

describe('CLI transcripts', () => {
  it('generate --stdout on the src-layout example', async () => {
    const root = copyExample('src-layout');
    const r = await pin('generate-stdout', ['generate', '--stdout'], root);
    expect(r.code).toBe(0);
  });

  it('generate writes quietly, then validate is quiet and exits 0', async () => {
    const root = copyExample('flat-layout');
    rmSync(join(root, 'pyproject-manifest.txt'), { force: true });
    expect((await pin('generate-quiet', ['generate'], root)).code).toBe(0);
    expect((await pin('validate-clean', ['validate'], root)).code).toBe(0);
  });

  it('validate names a new file, a removed file and a stale entry; update fixes it', async () => {
    const root = copyExample('src-layout');
    writeFileSync(join(root, 'src/acme_widgets/extra.py'), 'X = 1\n');
    unlinkSync(join(root, 'src/acme_widgets/core.py'));
    expect((await pin('validate-drift', ['validate'], root)).code).toBe(1);
    expect((await pin('diff-drift', ['diff'], root)).code).toBe(1);
    expect((await pin('update-drift', ['update'], root)).code).toBe(0);
    expect((await pin('validate-after-update', ['validate'], root)).code).toBe(0);
    expect((await pin('update-unchanged', ['update', '--exit-code'], root)).code).toBe(0);
  });

  it('validate shows many findings of one cause in one directory as one line', async () => {
    const root = copyExample('src-layout');
    mkdirSync(join(root, 'src/acme_widgets/plugins'));
    for (let i = 1; i <= 8; i++)
      writeFileSync(join(root, `src/acme_widgets/plugins/p${i}.py`), `N = ${i}\n`);
    const r = await pin('validate-grouped', ['validate'], root);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes('error['))).toHaveLength(2);
  });

  it('update --exit-code exits 1 when it changed the file (pre-commit fixer)', async () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'CHANGES.md'), '# Changes\n');
    expect((await pin('update-exit-code', ['update', '--exit-code'], root)).code).toBe(1);
  });

  it('export prints the backend config, warns per inexpressible entry; unknown backend exits 2', async () => {
    const root = copyExample('src-layout');
    const flit = await pin('export-flit', ['export', '--backend', 'flit'], root);
    expect(flit.code).toBe(0);
    expect(flit.stdout).toMatch(/^\[tool\.flit\.sdist\]/);
    expect(flit.stderr).toMatch(/warning: /);
    const hatch = await pin('export-hatchling', ['export', '--backend', 'hatchling'], root);
    expect(hatch.code).toBe(0);
    expect(hatch.stdout).not.toBe('');
    const unknown = await pin('export-unknown', ['export', '--backend', 'maturin'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('setuptools, hatchling, flit, poetry, pdm');
    expect((await pin('export-no-backend', ['export'], root)).code).toBe(2);
  });

  it('validate --json gives findings as data', async () => {
    const root = copyExample('single-module');
    writeFileSync(join(root, 'notes.txt'), 'x\n');
    const r = await pin('validate-json', ['validate', '--json'], root);
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as { findings: { code: string; path: string }[] };
    expect(data.findings.map((f) => [f.code, f.path])).toEqual([['UNLISTED_FILE', 'notes.txt']]);
  });

  it('validate under GitHub Actions adds annotations', async () => {
    const root = copyExample('single-module');
    appendFileSync(join(root, 'pyproject-manifest.txt'), 'mod: gone.py -> gone.py\n');
    const r = await pin('validate-github', ['validate'], root, {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: root,
    });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::error file=pyproject-manifest\.txt,line=\d+,title=/m);
  });

  it('ls lists sources; --target wheel --dest lists wheel paths', async () => {
    const root = copyExample('src-layout');
    expect((await pin('ls', ['ls'], root)).code).toBe(0);
    expect((await pin('ls-wheel-dest', ['ls', '--target', 'wheel', '--dest'], root)).code).toBe(0);
    expect((await pin('ls-dest-without-target', ['ls', '--dest'], root)).code).toBe(2);
  });

  it('config errors: one line each, naming file, line and key, exit 2', async () => {
    const root = makeTree({
      'pyproject.toml': [
        '[project]',
        'name = "demo"',
        '',
        '[tool.manifest]',
        'excludes = ["/docs"]',
        'include = "src"',
        '',
      ].join('\n'),
      'demo/__init__.py': '',
    });
    const r = await pin('config-errors', ['validate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('TOML syntax error: one line with line and column, exit 2', async () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "demo\n', 'demo.py': '' });
    const r = await pin('toml-syntax', ['generate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('manifest syntax error names the line and column, exit 2', async () => {
    const root = makeTree({
      'pyproject.toml': '[project]\nname = "demo"\n',
      'demo.py': '',
      'pyproject-manifest.txt':
        '# pyproject-manifest v1\n\n[sdist]\nmove: demo.py -> demo.py\n\n[wheel]\n',
    });
    const r = await pin('manifest-syntax', ['validate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^pyproject-manifest\.txt:4:1: error\[MANIFEST_SYNTAX\]/);
  });

  it('no manifest yet: validate says how to create one', async () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "demo"\n', 'demo.py': '' });
    expect((await pin('validate-no-manifest', ['validate'], root)).code).toBe(2);
  });

  it('no pyproject.toml anywhere up: exit 2', async () => {
    const root = makeTree({ 'readme.txt': 'x' });
    const r = await runCli(['validate', '--root', root], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error\[PROJECT_NOT_FOUND\]/);
  });

  it('usage errors exit 2 with one line', async () => {
    const root = makeTree({ 'pyproject.toml': '[project]\nname = "demo"\n', 'demo.py': '' });
    expect((await pin('usage-unknown-flag', ['validate', '--bogus'], root)).code).toBe(2);
    expect((await pin('usage-no-command', [], root)).code).toBe(2);
  });
});
