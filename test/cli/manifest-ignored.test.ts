/**
 * Issue #9, "First contact": a `.gitignore` that ignores the manifest itself. Real trees in real git
 * repositories: the line each command names is the one `git check-ignore -v` prints, the fix the hint
 * gives makes git keep the file, and a fresh clone of a project whose manifest git ignored gets a
 * MANIFEST_NOT_FOUND that says why. Quiet when nothing ignores the manifest.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createGitSandbox, initRepo, runGit, runGitWithInput } from '../helpers/git.js';
import { makeTree } from '../helpers/tree.js';
import { runCli } from './harness.js';

const sandbox = createGitSandbox();
afterAll(() => sandbox.dispose());

const PYPROJECT = '[project]\nname = "demo"\nversion = "1.0"\n';

/** A project in a fresh repository whose `.gitignore` is `gitignore`. */
function project(gitignore: string, extra: Record<string, string> = {}): string {
  const root = makeTree({
    '.gitignore': gitignore,
    'pyproject.toml': PYPROJECT,
    'demo/__init__.py': '',
    ...extra,
  });
  initRepo(sandbox, root);
  return root;
}

/**
 * `source:line:pattern` as `git check-ignore -v` prints it for `path` (run in `cwd`), or '' when
 * git does not ignore it (no line matched, or a `!` line re-included it).
 */
function gitCheckIgnore(cwd: string, path: string): string {
  const out = runGitWithInput(sandbox, cwd, ['check-ignore', '-v', '--no-index', '--stdin'], path)
    .toString('utf8')
    .trim();
  const rule = out === '' ? '' : out.split('\t')[0]!;
  return /^[^:]*:\d+:!/.test(rule) ? '' : rule;
}

/** Insert `line` after line `after` (1-based) of `file`. */
function insertAfter(file: string, after: number, line: string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.splice(after, 0, line);
  writeFileSync(file, lines.join('\n'));
}

const WARNING = /^(\S+):(\d+): warning\[MANIFEST_IGNORED\] git ignores the manifest (\S+) \(/m;

describe('MANIFEST_IGNORED: git ignores the manifest itself', () => {
  it('generate, update and validate name the line git names, and the fix works', async () => {
    const root = project('*.log\n*.txt\nbuild/\n');
    expect(gitCheckIgnore(root, 'pyproject-manifest.txt')).toBe('.gitignore:2:*.txt');

    // The writer still writes, and warns on stderr.
    const generated = await runCli(['generate'], { cwd: root });
    expect(generated.code).toBe(0);
    expect(readFileSync(join(root, 'pyproject-manifest.txt'), 'utf8')).toMatch(/^# pyproject/);
    expect(generated.stderr).toMatch(WARNING);
    expect(WARNING.exec(generated.stderr)!.slice(1)).toEqual([
      '.gitignore',
      '2',
      'pyproject-manifest.txt',
    ]);
    expect(generated.stderr).toContain(
      'hint: add `!/pyproject-manifest.txt` to .gitignore after line 2',
    );

    const updated = await runCli(['update'], { cwd: root });
    expect(updated.code).toBe(0);
    expect(updated.stderr).toMatch(WARNING);

    // validate: a warning among the findings, which does not fail the run.
    const validated = await runCli(['validate'], { cwd: root });
    expect(validated.code).toBe(0);
    expect(validated.stdout).toMatch(WARNING);

    // The fix the hint names: git keeps the file, and every command is quiet again.
    insertAfter(join(root, '.gitignore'), 2, '!/pyproject-manifest.txt');
    expect(gitCheckIgnore(root, 'pyproject-manifest.txt')).toBe('');
    // The manifest now lists itself: update adds it, then nothing is said.
    expect((await runCli(['update'], { cwd: root })).stderr).toBe('');
    const after = await runCli(['validate'], { cwd: root });
    expect(after).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('--json carries it as a finding, and GitHub Actions gets a warning annotation', async () => {
    const root = project('# Python template\nMANIFEST\n*.manifest\n');
    const argv = ['--manifest', 'dist.manifest'];
    expect(gitCheckIgnore(root, 'dist.manifest')).toBe('.gitignore:3:*.manifest');
    const json = await runCli([...argv, 'generate', '--json'], { cwd: root });
    const out = JSON.parse(json.stdout) as { warnings: Record<string, unknown>[] };
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings[0]).toMatchObject({
      code: 'MANIFEST_IGNORED',
      severity: 'warning',
      file: '.gitignore',
      line: 3,
      path: 'dist.manifest',
      docs: 'docs/codes.md#manifest_ignored',
      args: { pattern: '*.manifest', negation: '!/dist.manifest' },
    });
    const validated = JSON.parse(
      (await runCli([...argv, 'validate', '--json'], { cwd: root })).stdout,
    ) as { ok: boolean; findings: { code: string; line: number }[] };
    expect(validated.ok).toBe(true);
    expect(validated.findings.map((f) => [f.code, f.line])).toEqual([['MANIFEST_IGNORED', 3]]);
    const github = await runCli([...argv, 'validate'], {
      cwd: root,
      env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root },
    });
    expect(github.stdout).toMatch(/^::warning file=\.gitignore,line=3,title=MANIFEST_IGNORED/m);
    const update = await runCli([...argv, 'update'], {
      cwd: root,
      env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root },
    });
    expect(update.stdout).toMatch(/^::warning file=\.gitignore,line=3,title=MANIFEST_IGNORED/m);
  });

  it('init warns after writing', async () => {
    const root = project('*.txt\n');
    const r = await runCli(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(WARNING);
  });

  it('init --dry-run warns as the write would, and writes nothing (text and --json)', async () => {
    const root = project('*.txt\n');
    const before = readFileSync(join(root, 'pyproject.toml'), 'utf8');
    const r = await runCli(['init', '--dry-run'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(WARNING);
    expect(r.stderr).toContain('.gitignore:1: warning[MANIFEST_IGNORED]');
    const json = await runCli(['init', '--dry-run', '--json'], { cwd: root });
    expect(
      (JSON.parse(json.stdout) as { warnings: { code: string; line: number }[] }).warnings,
    ).toMatchObject([{ code: 'MANIFEST_IGNORED', line: 1 }]);
    expect(readFileSync(join(root, 'pyproject.toml'), 'utf8')).toBe(before);
    // Nothing ignores it: quiet.
    const quiet = await runCli(['init', '--dry-run'], { cwd: project('*.log\n') });
    expect(quiet.stderr).toBe('');
  });

  it('a manifest in an ignored directory: the directory is named, not a `!` line', async () => {
    const root = project('meta/\n', { 'meta/notes': '' });
    const argv = ['--manifest', 'meta/files.txt'];
    const r = await runCli([...argv, 'generate'], { cwd: root });
    expect(r.code).toBe(0);
    expect(gitCheckIgnore(root, 'meta/files.txt')).toBe('.gitignore:1:meta/');
    expect(r.stderr).toContain('.gitignore:1: warning[MANIFEST_IGNORED]');
    expect(r.stderr).toContain(
      'the directory meta/ is ignored, and git cannot re-include a file below an ignored directory',
    );
  });

  it('a .gitignore above the project, in the enclosing repository', async () => {
    const repo = makeTree({
      '.gitignore': '*.o\n/proj/*.txt\n',
      'proj/pyproject.toml': PYPROJECT,
      'proj/demo/__init__.py': '',
    });
    initRepo(sandbox, repo);
    const root = join(repo, 'proj');
    expect(gitCheckIgnore(root, 'pyproject-manifest.txt')).toBe('.gitignore:2:/proj/*.txt');
    const r = await runCli(['generate'], { cwd: root });
    expect(r.stderr).toContain(
      '../.gitignore:2: warning[MANIFEST_IGNORED] git ignores the manifest pyproject-manifest.txt (../.gitignore:2: /proj/*.txt)',
    );
    expect(r.stderr).toContain('add `!/proj/pyproject-manifest.txt` to ../.gitignore after line 2');
    insertAfter(join(repo, '.gitignore'), 2, '!/proj/pyproject-manifest.txt');
    expect(gitCheckIgnore(root, 'pyproject-manifest.txt')).toBe('');
    expect((await runCli(['generate'], { cwd: root })).stderr).toBe('');
  });

  it('a fresh clone where git never committed the manifest: MANIFEST_NOT_FOUND says why', async () => {
    const root = project('*.txt\n');
    expect((await runCli(['generate'], { cwd: root })).code).toBe(0);
    runGit(sandbox, root, ['add', '-A']);
    runGit(sandbox, root, [
      '-c',
      'user.name=t',
      '-c',
      'user.email=t@example.com',
      'commit',
      '-q',
      '-m',
      'init',
    ]);
    const clone = join(makeTree({}), 'clone');
    runGit(sandbox, root, ['clone', '-q', root, clone]);
    const r = await runCli(['validate'], { cwd: clone });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'pyproject-manifest.txt: error[MANIFEST_NOT_FOUND] does not exist (hint: git ignores it (.gitignore:1: *.txt), so it was never committed: add `!/pyproject-manifest.txt` to .gitignore after line 1, or give the manifest a name it does not match (--manifest); then run `manifest generate` and commit it)\n',
    );
  });

  it('quiet when nothing ignores the manifest', async () => {
    const root = project('*.log\n');
    const generated = await runCli(['generate'], { cwd: root });
    expect(generated).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await runCli(['validate'], { cwd: root })).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});
