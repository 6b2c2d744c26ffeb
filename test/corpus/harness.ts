/**
 * The corpus harness: projects modelled on real ones, declared in code (test/corpus/cases/),
 * materialized in temp dirs as git repositories, built by the real Debian backends
 * (`/usr/bin/python3 -m build -n -x`), and taken through first contact with `manifest`:
 * init (in each mode of test/corpus/modes.ts), commit, build, `validate dist/*`.
 *
 * Builds are the slow part (~1–3 s each): cases run concurrently (a few at a time), each in its own
 * temp dir, so a case never sees another's files. Build plugins (setuptools-scm, hatch-vcs) are
 * Debian packages unpacked into a cache dir (scripts/fetch-debs.sh) and put on PYTHONPATH only
 * for the builds of the cases that name them.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { runCli, repoRoot, type CliResult } from '../cli/harness.js';
import { createGitSandbox, type GitSandbox } from '../helpers/git.js';

const execFileAsync = promisify(execFile);

/** A project (or a repository of projects) modelled on a real one. */
export interface CorpusCase {
  /** Unique, e.g. `setuptools-manifest-in`. */
  name: string;
  /** The backend family, for the figures: setuptools, flit, hatchling, poetry, pdm. */
  backend: string;
  /** What it is modelled on: the real project(s) whose layout and build config it copies. */
  modelledOn: string;
  /** Repository-relative path → contents (placeholder contents of our own). */
  files: Record<string, string>;
  /** Project directories in the repository, each initialised and built on its own. @default [''] */
  projects?: string[];
  /** Debian packages put on PYTHONPATH for this case's builds only (e.g. python3-setuptools-scm). */
  plugins?: string[];
  /** A git tag on the first commit (setuptools-scm and hatch-vcs take the version from it). */
  tag?: string;
  /** Files to make executable. */
  executable?: string[];
}

/** What happened to one project of a case in one mode. */
export interface ProjectRun {
  case: string;
  mode: string;
  /** Repository-relative project directory ('' for the root). */
  project: string;
  /** Absolute project directory. */
  dir: string;
  /** `manifest init --dry-run --json`, then `manifest init --json`. */
  dryRun: CliResult;
  init: CliResult;
  /** Files `git status` shows changed or new after init (repository-relative). */
  changedByInit: string[];
  /** The build after init: its archives (project-relative), or the build's error. */
  archives: string[];
  buildError?: string;
  /** `manifest validate --json dist/*`. */
  validate?: CliResult;
  /** The findings validate reported (from its JSON), or [] when it did not get that far. */
  findings: { code: string; path?: string; file?: string; message?: string }[];
}

/** One way of running `init`: from the project's config, or (archive-init) from built archives. */
export interface CorpusMode {
  name: string;
  /** Build the untouched project before init (the archives are then in `dist/`). */
  buildFirst: boolean;
  /** The `manifest` arguments of init (without --dry-run/--json), given the archives built first. */
  initArgs(archives: readonly string[]): string[];
}

const PYTHON = '/usr/bin/python3';
/** A fixed time for the archives' timestamps (SOURCE_DATE_EPOCH), as reproducible builds use. */
const SOURCE_DATE_EPOCH = '1700000000';

/** Whether the real backends can run here (python3-build and setuptools from Debian). */
export function canBuild(): boolean {
  return existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/build');
}

/** The cache of unpacked Debian packages (scripts/fetch-debs.sh), outside the repository. */
export function debCacheDir(): string {
  const base = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
  return join(base, 'pyproject-manifest', 'debs');
}

/**
 * PYTHONPATH entries for `plugins`, fetching them into the cache first when missing.
 * @throws when a package cannot be fetched (no apt, no network)
 */
export async function pluginPath(plugins: readonly string[]): Promise<string[]> {
  if (plugins.length === 0) return [];
  const cache = debCacheDir();
  const missing = plugins.filter((p) => !existsSync(join(cache, p, '.done')));
  if (missing.length > 0) {
    await execFileAsync('bash', [join(repoRoot, 'scripts/fetch-debs.sh'), cache, ...missing]);
  }
  return plugins.map((p) => join(cache, p, 'usr/lib/python3/dist-packages'));
}

/** Write a case's files into a fresh temp dir; returns the repository root. */
export function materialize(corpusCase: CorpusCase, parent: string): string {
  const root = join(parent, corpusCase.name);
  for (const [path, text] of Object.entries(corpusCase.files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const path of corpusCase.executable ?? []) chmodSync(join(root, path), 0o755);
  return root;
}

async function git(sandbox: GitSandbox, cwd: string, args: readonly string[]): Promise<string> {
  const { stdout } = await execFileAsync(
    'git',
    ['-c', 'user.name=Corpus', '-c', 'user.email=corpus@example.invalid', ...args],
    { cwd, env: sandbox.env, maxBuffer: 1 << 26 },
  );
  return stdout;
}

async function commitAll(sandbox: GitSandbox, root: string, message: string): Promise<void> {
  await git(sandbox, root, ['add', '-A']);
  await git(sandbox, root, ['commit', '-q', '--allow-empty', '-m', message]);
}

/** Build the sdist and the wheel (from the sdist) into `dir/dist`; returns the archives. */
export async function buildProject(
  dir: string,
  sandbox: GitSandbox,
  pythonPath: readonly string[],
): Promise<string[]> {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...sandbox.env,
    SOURCE_DATE_EPOCH,
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONPATH: pythonPath.join(':'),
  };
  if (pythonPath.length === 0) delete env.PYTHONPATH;
  await execFileAsync(PYTHON, ['-m', 'build', '-n', '-x', '--outdir', 'dist', '.'], {
    cwd: dir,
    env,
    maxBuffer: 1 << 26,
  });
  return readdirSync(join(dir, 'dist'))
    .filter((f) => f.endsWith('.tar.gz') || f.endsWith('.whl'))
    .sort()
    .map((f) => `dist/${f}`);
}

function parseFindings(result: CliResult): ProjectRun['findings'] {
  try {
    const json = JSON.parse(result.stdout) as { findings?: ProjectRun['findings'] };
    return json.findings ?? [];
  } catch {
    return [];
  }
}

function errorText(error: unknown): string {
  const e = error as { stderr?: string; message?: string };
  const text = `${e.stderr ?? ''}`.trim() || String(e.message ?? error);
  return text.split('\n').slice(-15).join('\n');
}

/** Run one case in one mode, start to end, in its own temp dir (removed by `dispose`). */
export async function runCase(
  corpusCase: CorpusCase,
  mode: CorpusMode,
  parent: string,
): Promise<ProjectRun[]> {
  const sandbox = createGitSandbox();
  try {
    const root = materialize(corpusCase, join(parent, mode.name));
    const pythonPath = await pluginPath(corpusCase.plugins ?? []);
    await git(sandbox, root, ['-c', 'init.defaultBranch=main', 'init', '-q', '--template=']);
    await commitAll(sandbox, root, 'Import');
    if (corpusCase.tag !== undefined) await git(sandbox, root, ['tag', corpusCase.tag]);
    const runs: ProjectRun[] = [];
    for (const project of corpusCase.projects ?? ['']) {
      const dir = project === '' ? root : join(root, project);
      const before = mode.buildFirst ? await buildProject(dir, sandbox, pythonPath) : [];
      const args = mode.initArgs(before);
      const dryRun = await runCli([...args, '--dry-run', '--json'], { cwd: dir });
      const init = await runCli([...args, '--json'], { cwd: dir });
      const status = await git(sandbox, root, ['status', '--porcelain', '-uall', '--no-renames']);
      const changedByInit = status
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => l.slice(3))
        .filter((p) => !p.split('/').includes('dist') && !p.includes('.egg-info/'));
      runs.push({
        case: corpusCase.name,
        mode: mode.name,
        project,
        dir,
        dryRun,
        init,
        changedByInit,
        archives: [],
        findings: [],
      });
    }
    // One commit holding what init wrote (as a user would commit it), then each project's build.
    await commitAll(sandbox, root, 'Add the release manifest');
    for (const run of runs) {
      if (run.init.code !== 0) continue;
      try {
        run.archives = await buildProject(run.dir, sandbox, pythonPath);
      } catch (error) {
        run.buildError = errorText(error);
        continue;
      }
      run.validate = await runCli(['validate', '--json', ...run.archives], { cwd: run.dir });
      run.findings = parseFindings(run.validate);
    }
    return runs;
  } finally {
    sandbox.dispose();
  }
}

/** Run `tasks` with at most `limit` at a time; results in the order of `tasks`. */
export async function runLimited<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await tasks[index]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** A temp dir for one corpus run. */
export function createCorpusDir(): string {
  return mkdtempSync(join(tmpdir(), 'pm-corpus-'));
}
