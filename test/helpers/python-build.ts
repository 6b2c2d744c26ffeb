/**
 * Real builds for tests: a project tree is made a git repository (as a user's checkout is) and
 * built by Debian's backends through `/usr/bin/python3 -m build -n -x` (no isolation, no
 * dependency check: offline), into the project's `dist/`. Builds of several projects run at once.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createGitSandbox, initRepo, runGit } from './git.js';

export const PYTHON = '/usr/bin/python3';

/** Why the real backends cannot be used here, or '' when they can. */
export function missingBackends(modules: readonly string[]): string {
  const probe = spawnSync(PYTHON, ['-c', `import build, ${modules.join(', ')}`], {
    encoding: 'utf8',
  });
  if (probe.status === 0) return '';
  return `${PYTHON} cannot import the backends: ${(probe.stderr || probe.error?.message || '').trim().split('\n').pop()}`;
}

/** `git init` and `git add -A` in `root` (a user's checkout before the first commit). */
export function gitInit(root: string): void {
  const sandbox = createGitSandbox();
  try {
    initRepo(sandbox, root);
    runGit(sandbox, root, ['add', '-A']);
  } finally {
    sandbox.dispose();
  }
}

/**
 * Build `root`'s sdist and wheel into `root/dist` with the backend its pyproject.toml names.
 * Resolves to the archive paths (sdist first); rejects with the build's stderr when it fails.
 */
export function buildDist(root: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-m', 'build', '-n', '-x', '.'], {
      cwd: root,
      env: {
        ...process.env,
        PYTHONDONTWRITEBYTECODE: '1',
        SOURCE_DATE_EPOCH: '1700000000',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`build of ${root} failed (${code}): ${stderr.trim().slice(-2000)}`));
        return;
      }
      const dist = join(root, 'dist');
      const files = readdirSync(dist).sort(
        (a, b) => Number(b.endsWith('.gz')) - Number(a.endsWith('.gz')),
      );
      resolve(files.map((f) => join('dist', f)));
    });
  });
}
