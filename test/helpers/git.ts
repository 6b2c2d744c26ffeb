/**
 * The git oracle: what `git ls-files` lists for a tree, with every outside source of ignore rules
 * neutralized (no global or system config, an empty HOME and XDG_CONFIG_HOME, no GIT_* variables
 * inherited from a hook), then filtered by the walker's built-in exclusions, which git does not have.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { comparePaths } from '../../src/manifest/order.js';

/** An empty home for git, shared by the calls of one test file; remove it with `dispose`. */
export interface GitSandbox {
  home: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

/** A fresh sandbox: env without GIT_* variables, HOME and XDG_CONFIG_HOME empty, no global/system config. */
export function createGitSandbox(): GitSandbox {
  const home = mkdtempSync(join(tmpdir(), 'pm-git-home-'));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  Object.assign(env, {
    HOME: home,
    XDG_CONFIG_HOME: home,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_SYSTEM: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    LC_ALL: 'C',
  });
  return { home, env, dispose: () => rmSync(home, { recursive: true, force: true }) };
}

/** Run git in `cwd`; stdout as a Buffer. Throws with git's stderr on failure. */
export function runGit(sandbox: GitSandbox, cwd: string, args: readonly string[]): Buffer {
  return execFileSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    env: sandbox.env,
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Run git in `cwd` with `input` on stdin; stdout as a Buffer. Exit 1 (nothing matched) is not a failure. */
export function runGitWithInput(
  sandbox: GitSandbox,
  cwd: string,
  args: readonly string[],
  input: string,
): Buffer {
  const result = spawnSync('git', ['-c', 'core.quotepath=off', ...args], {
    cwd,
    env: sandbox.env,
    input,
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`git ${args.join(' ')} failed: ${result.stderr?.toString() ?? result.error}`);
  return result.stdout;
}

/** `git init` in `root` (an empty template: no hooks, no info/exclude). */
export function initRepo(sandbox: GitSandbox, root: string): void {
  runGit(sandbox, root, ['-c', 'init.defaultBranch=main', 'init', '-q', '--template=']);
}

function splitZ(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((p) => p !== '');
}

const BUILT_IN_SEGMENTS = new Set(['__pycache__', '.git', '.hg', '.svn', '.bzr']);

/**
 * Drop what the walker excludes by design: nested repositories (git lists them as `dir/`), any path
 * through a VCS or `__pycache__` directory, `*.py[cod]` files, and the root directory `dist/`.
 */
export function filterBuiltIns(paths: readonly string[]): string[] {
  return paths.filter((path) => {
    if (path.endsWith('/')) return false;
    const segments = path.split('/');
    if (segments.length > 1 && segments[0] === 'dist') return false;
    if (segments.some((s) => BUILT_IN_SEGMENTS.has(s))) return false;
    return !/\.py[cod]$/.test(segments[segments.length - 1]!);
  });
}

/** Untracked files git does not ignore: `git ls-files -z -o --exclude-per-directory=.gitignore`, filtered. */
export function listUntracked(sandbox: GitSandbox, root: string): string[] {
  return filterBuiltIns(
    splitZ(runGit(sandbox, root, ['ls-files', '-z', '-o', '--exclude-per-directory=.gitignore'])),
  );
}

/**
 * Files of a real checkout as the walker should see them: tracked or untracked, not ignored, on disk.
 * Tracked files that the ignore files match are left out (the walker cannot know they are tracked),
 * and so are tracked files deleted from the work tree and submodules (directories on disk).
 */
export function listCheckout(sandbox: GitSandbox, root: string): string[] {
  const all = splitZ(
    runGit(sandbox, root, ['ls-files', '-z', '-c', '-o', '--exclude-per-directory=.gitignore']),
  );
  const trackedIgnored = new Set(
    splitZ(
      runGit(sandbox, root, ['ls-files', '-z', '-c', '-i', '--exclude-per-directory=.gitignore']),
    ),
  );
  const unique = [...new Set(all)].filter((path) => !trackedIgnored.has(path));
  return filterBuiltIns(unique).filter((path) => {
    try {
      return !lstatSync(join(root, path)).isDirectory();
    } catch {
      return false;
    }
  });
}

/** A sorted copy of `paths`, in code-point order (the order `walkTree` returns). */
export function sortPaths(paths: readonly string[]): string[] {
  return [...paths].sort(comparePaths);
}

/**
 * The directories below `root` (relative, code-point order), not through a symlink and not inside
 * a `.git` directory: each one a project root to try in a subdirectory of the repository.
 */
export function listSubdirectories(root: string): string[] {
  const out: string[] = [];
  const pending = [''];
  while (pending.length > 0) {
    const dir = pending.pop()!;
    for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name === '.git') continue;
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      out.push(rel);
      pending.push(rel);
    }
  }
  return sortPaths(out);
}
