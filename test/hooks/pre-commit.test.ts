/**
 * The pre-commit hooks, proven with the real `pre-commit` program (Debian package `pre-commit`).
 *
 * The hook repository is this working tree (tracked and untracked files, not ignored ones),
 * committed into a temp repo so that pre-commit clones the current code. The project repo uses the
 * config snippet from docs/ci.md, with `repo` and `rev` pointed at that temp repo. pre-commit
 * installs the hooks as it would for a user: `npm install`, `npm pack` (our `prepack` builds dist/),
 * `npm install -g` of the tarball, from the npm registry. That install takes most of the time
 * (about 20 s); it happens once, in beforeAll, in a PRE_COMMIT_HOME of its own.
 *
 * Skipped, saying why, when `pre-commit` is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../cli/harness.js';
import { copyWorkingTree, readSnippet } from '../helpers/working-tree.js';

function hasPreCommit(): boolean {
  return spawnSync('pre-commit', ['--version'], { stdio: 'ignore' }).status === 0;
}

const available = hasPreCommit();
if (!available) {
  // Visible in the test log next to the skipped tests.
  process.stderr.write('test/hooks/pre-commit.test.ts: skipped: `pre-commit` is not on PATH\n');
}

let work = '';
let env: NodeJS.ProcessEnv = {};
let project = '';

function git(cwd: string, args: readonly string[]): string {
  return execFileSync('git', args, { cwd, env, encoding: 'utf8', stdio: 'pipe' });
}

/** `git commit`, which runs the installed pre-commit hook; returns its exit code and output. */
function commit(message: string): { code: number | null; output: string } {
  const result = spawnSync('git', ['commit', '-q', '-m', message], {
    cwd: project,
    env,
    encoding: 'utf8',
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Copy the working tree into `dest` and commit it there: the hook repository, at a commit. */
function snapshotWorkingTree(dest: string): string {
  copyWorkingTree(dest);
  git(dest, ['init', '-q', '-b', 'main', '--template=']);
  git(dest, ['add', '-A']);
  git(dest, ['commit', '-q', '--no-verify', '-m', 'snapshot of the working tree']);
  return git(dest, ['rev-parse', 'HEAD']).trim();
}

describe.skipIf(!available)('pre-commit hooks (real pre-commit)', () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pm-pre-commit-'));
    env = {
      ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('GIT_'))),
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.invalid',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.invalid',
      PRE_COMMIT_HOME: join(work, 'pre-commit-home'),
      PRE_COMMIT_COLOR: 'never',
      NO_COLOR: '1',
      npm_config_audit: 'false',
      npm_config_fund: 'false',
      npm_config_update_notifier: 'false',
    };
    const hookRepo = join(work, 'hook-repo');
    mkdirSync(hookRepo);
    const sha = snapshotWorkingTree(hookRepo);

    project = join(work, 'project');
    cpSync(join(repoRoot, 'examples/single-module'), project, { recursive: true });
    const snippet = readSnippet('pre-commit-config');
    const config = snippet
      .replace(/^(\s*(?:- )?repo: ).*$/m, `$1${hookRepo}`)
      .replace(/^(\s*rev: ).*$/m, `$1${sha}`);
    expect(config).not.toBe(snippet);
    writeFileSync(join(project, '.pre-commit-config.yaml'), config);
    git(project, ['init', '-q', '-b', 'main', '--template=']);
    execFileSync('pre-commit', ['install'], { cwd: project, env, stdio: 'pipe' });
    // Install the hook environment now, so that the commits below measure only the hooks.
    execFileSync('pre-commit', ['install-hooks'], { cwd: project, env, stdio: 'pipe' });
  }, 300_000);

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('a commit of an up-to-date project passes both hooks', () => {
    // The example's manifest predates the pre-commit config, which the sdist takes too.
    git(project, ['add', '-A']);
    const update = spawnSync('pre-commit', ['run', 'manifest-update', '--all-files'], {
      cwd: project,
      env,
      encoding: 'utf8',
    });
    expect(update.status, update.stdout).toBe(1);
    git(project, ['add', '-A']);
    const result = commit('initial');
    expect(result.code, result.output).toBe(0);
    expect(result.output).toMatch(/check pyproject-manifest\.txt\.+Passed/);
    expect(result.output).toMatch(/update pyproject-manifest\.txt\.+Passed/);
  });

  it('a commit that adds an unlisted file fails, saying which; the fixing hook updates the manifest', () => {
    writeFileSync(join(project, 'notes.txt'), 'not for release\n');
    git(project, ['add', 'notes.txt']);
    const before = readFileSync(join(project, 'pyproject-manifest.txt'), 'utf8');
    const result = commit('add notes');
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/check pyproject-manifest\.txt\.+Failed/);
    expect(result.output).toContain(
      'pyproject-manifest.txt: error[UNLISTED_FILE] [sdist] mod: notes.txt -> notes.txt is selected by the rules but not listed',
    );
    expect(result.output).toMatch(/update pyproject-manifest\.txt\.+Failed/);
    expect(result.output).toContain('+ [sdist] mod: notes.txt -> notes.txt');
    const after = readFileSync(join(project, 'pyproject-manifest.txt'), 'utf8');
    expect(after).not.toBe(before);
    expect(after).toContain('mod: notes.txt -> notes.txt\n');
    expect(git(project, ['log', '--oneline']).trim().split('\n')).toHaveLength(1);
  });

  it('after staging the updated manifest, the next commit passes', () => {
    git(project, ['add', 'pyproject-manifest.txt']);
    const result = commit('add notes');
    expect(result.code, result.output).toBe(0);
    expect(git(project, ['log', '--format=%s']).trim().split('\n')).toEqual([
      'add notes',
      'initial',
    ]);
    expect(git(project, ['status', '--porcelain'])).toBe('');
  });
});
