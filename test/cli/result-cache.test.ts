/**
 * The result cache (src/cli/result-cache.ts, #11): the real bin, run cold, warm and after changes
 * to the tree, must print exactly what it prints without the cache.
 *
 * The differential part takes seeded random trees (test/fuzz/random-tree.ts, the walker-vs-git
 * fuzzer's), lets them age past the racy window once, fills the cache, checks the warm run is a hit
 * with the same output, then applies one change per tree (a file added or removed, an ignore line,
 * a symlink for a file, a nested repository, a renamed directory, a same-size edit of an ignore
 * file, a rule in pyproject.toml, a file in an ignored directory) and checks that the run with the
 * cache prints what a run without it prints; the warm and the changed runs' listings are also
 * compared with `git ls-files -o` on the same tree. The scenario part covers what is not the walk: the
 * manifest, the environment, an enclosing repository, writes, archives and racy timestamps.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACY_MS } from '../../src/cli/result-cache.js';
import { arbitraryTree, toTreeSpec } from '../fuzz/random-tree.js';
import { createGitSandbox, listUntracked, sortPaths } from '../helpers/git.js';
import { writeTree, type TreeSpec } from '../helpers/tree.js';
import { repoRoot } from './harness.js';

const bin = join(repoRoot, 'dist/cli/main.js');
const scratch = mkdtempSync(join(tmpdir(), 'pm-result-cache-'));
const cacheHome = join(scratch, 'cache');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runBin(
  cwd: string,
  args: readonly string[],
  options: { cache: boolean; env?: Record<string, string> },
): Outcome {
  const r = spawnSync(process.execPath, [bin, ...args, ...(options.cache ? ['--cache'] : [])], {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH ?? '',
      HOME: scratch,
      XDG_CACHE_HOME: cacheHome,
      ...options.env,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The stored results: name → inode and mtime (a rewrite renames a new file over the old one). */
function entries(): Map<string, string> {
  const dir = join(cacheHome, 'pyproject-manifest', 'results');
  const found = new Map<string, string>();
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const stat = statSync(join(dir, name));
    found.set(name, `${stat.ino}:${stat.mtimeMs}`);
  }
  return found;
}

function newEntries(before: Map<string, string>): string[] {
  return [...entries()].filter(([name, id]) => before.get(name) !== id).map(([name]) => name);
}

/** Wait until everything made so far is older than the racy window. */
function age(): Promise<void> {
  return new Promise((settle) => setTimeout(settle, RACY_MS + 300));
}

const PYPROJECT = '[project]\nname = "pmcache"\nversion = "1"\n\n[tool.manifest]\n';

/** A fresh repository (hand-made `.git`, as the git fuzzer makes) holding `spec` and a project. */
function makeProject(name: string, spec: TreeSpec): string {
  const root = join(scratch, name);
  mkdirSync(join(root, '.git/objects'), { recursive: true });
  mkdirSync(join(root, '.git/refs'));
  writeFileSync(join(root, '.git/HEAD'), 'ref: refs/heads/main\n');
  writeTree(root, spec);
  writeFileSync(join(root, 'pyproject.toml'), PYPROJECT);
  mkdirSync(join(root, 'pmcache'), { recursive: true });
  writeFileSync(join(root, 'pmcache/__init__.py'), '');
  return root;
}

/** A small deterministic generator for picking what to change. */
function picker(seed: number): <T>(items: readonly T[]) => T | undefined {
  let state = seed * 2654435761;
  return (items) => {
    state = (state * 1103515245 + 12345) >>> 0;
    return items.length === 0 ? undefined : items[state % items.length];
  };
}

/** Every real directory and every listed file below `root` (not `.git`). */
function scan(root: string): { dirs: string[]; files: string[] } {
  const dirs = [''];
  const files: string[] = [];
  for (let i = 0; i < dirs.length; i++) {
    const rel = dirs[i]!;
    let names: import('node:fs').Dirent[];
    try {
      names = readdirSync(join(root, rel), { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of names) {
      if (entry.name === '.git') continue;
      const path = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) dirs.push(path);
      else if (entry.isFile() && entry.name !== 'pyproject.toml') files.push(path);
    }
  }
  return { dirs, files };
}

/** The changes tried on the random trees, one per tree (by seed); each names what it did. */
const CHANGES: ((root: string, pick: ReturnType<typeof picker>) => string)[] = [
  (root, pick) => {
    const dir = pick(scan(root).dirs) ?? '';
    writeFileSync(join(root, dir, 'added-file.py'), '');
    return `added ${dir}/added-file.py`;
  },
  (root, pick) => {
    const file = pick(scan(root).files);
    if (file === undefined) return 'nothing to remove';
    unlinkSync(join(root, file));
    return `removed ${file}`;
  },
  (root, pick) => {
    const file = pick(scan(root).files) ?? 'x';
    appendFileSync(join(root, '.gitignore'), `\n${file.split('/').pop()!}\n`);
    return `ignored ${file}`;
  },
  (root, pick) => {
    const file = pick(scan(root).files);
    if (file === undefined) return 'no file to replace';
    unlinkSync(join(root, file));
    symlinkSync('elsewhere', join(root, file));
    return `made ${file} a symlink`;
  },
  (root, pick) => {
    const dir = pick(scan(root).dirs.filter((d) => d !== ''));
    if (dir === undefined) return 'no directory';
    // A repository git recognises (an empty `.git` is not one to git; the walker skips any).
    mkdirSync(join(root, dir, '.git/objects'), { recursive: true });
    mkdirSync(join(root, dir, '.git/refs'), { recursive: true });
    writeFileSync(join(root, dir, '.git/HEAD'), 'ref: refs/heads/main\n');
    return `made ${dir} a nested repository`;
  },
  (root, pick) => {
    const dir = pick(scan(root).dirs.filter((d) => d !== ''));
    if (dir === undefined) return 'no directory';
    renameSync(join(root, dir), join(root, `${dir}-renamed`));
    return `renamed ${dir}`;
  },
  (root, pick) => {
    // Same size, other bytes: only the timestamps tell.
    const ignoreFiles = scan(root).files.filter((f) => f.endsWith('.gitignore'));
    const file = pick(ignoreFiles);
    if (file === undefined) {
      writeFileSync(join(root, '.gitignore'), '*.py\n');
      return 'added .gitignore';
    }
    const text = readFileSync(join(root, file));
    const edited = Buffer.from(text);
    if (edited.length === 0) writeFileSync(join(root, file), '*');
    else {
      edited[0] = edited[0] === 0x2a ? 0x21 : 0x2a;
      writeFileSync(join(root, file), edited);
    }
    return `edited ${file} in place`;
  },
  (root) => {
    appendFileSync(
      join(root, 'pyproject.toml'),
      '\n[tool.manifest.sdist]\nexclude = ["**/*.py"]\n',
    );
    return 'excluded *.py in pyproject.toml';
  },
  (root) => {
    writeFileSync(join(root, '.gitignore'), '*\n!*/\n');
    return 'replaced the root .gitignore';
  },
];

/** CI runs 27 seeds (three per change); `RESULT_CACHE_SEEDS=N` runs more. */
const SEEDS = Number(process.env.RESULT_CACHE_SEEDS ?? 27);

/**
 * `ls -z --target sdist`'s paths against git's listing of the same tree: with no rules, the sdist
 * is every listed file, plus the manifest, which the CLI lists before its first write.
 */
function agreesWithGit(
  sandbox: ReturnType<typeof createGitSandbox>,
  root: string,
  out: Outcome,
  label = '',
): void {
  if (out.code !== 0) return;
  const ours = out.stdout.split('\0').slice(0, -1);
  const git = listUntracked(sandbox, root);
  expect(
    ours.filter((p) => p !== 'pyproject-manifest.txt' || git.includes(p)),
    label,
  ).toEqual(sortPaths(git));
}

describe('the result cache against runs without it, on random trees', () => {
  const sandbox = createGitSandbox();
  afterAll(() => sandbox.dispose());
  const roots: string[] = [];
  beforeAll(async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const [raw] = fc.sample(arbitraryTree(), { seed, numRuns: 1 });
      roots.push(makeProject(`seed-${seed}`, toTreeSpec(raw!)));
    }
    await age();
  }, 60_000);

  it(`seeds 1..${SEEDS}: cold, warm (a hit), then changed`, () => {
    const args = ['ls', '-z', '--target', 'sdist'];
    let hits = 0;
    let changedOutputs = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const root = roots[seed - 1]!;
      const plain = runBin(root, args, { cache: false });
      const before = entries();
      const cold = runBin(root, args, { cache: true });
      expect(cold, `seed ${seed} cold`).toEqual(plain);
      const stored = newEntries(before);
      // Exit 2 (a name that is not UTF-8, …) is never stored.
      expect(stored.length, `seed ${seed}: entries written`).toBe(plain.code === 2 ? 0 : 1);
      const afterCold = entries();
      const warm = runBin(root, args, { cache: true });
      expect(warm, `seed ${seed} warm`).toEqual(plain);
      agreesWithGit(sandbox, root, warm, `seed ${seed} warm`);
      if (stored.length === 1) {
        expect(newEntries(afterCold), `seed ${seed}: the warm run is a hit`).toEqual([]);
        hits++;
      }
      const pick = picker(seed);
      const what = CHANGES[seed % CHANGES.length]!(root, pick);
      const changed = runBin(root, args, { cache: true });
      const truth = runBin(root, args, { cache: false });
      expect(changed, `seed ${seed}: ${what}`).toEqual(truth);
      // A rule in pyproject.toml selects less than git lists, by design.
      if (!what.startsWith('excluded'))
        agreesWithGit(sandbox, root, changed, `seed ${seed}: ${what}`);
      if (truth.stdout !== plain.stdout) changedOutputs++;
    }
    // The trees were listed and the changes changed listings: the test saw both paths.
    expect(hits).toBeGreaterThan(SEEDS / 2);
    expect(changedOutputs).toBeGreaterThan(SEEDS / 3);
  }, 240_000);
});

describe('the result cache: what is not the walk', () => {
  const MANIFEST_OK = (root: string): void => {
    const r = runBin(root, ['generate'], { cache: false });
    expect(r.code).toBe(0);
  };
  let project: string;
  let enclosing: string;
  let nested: string;
  beforeAll(async () => {
    project = makeProject('scenario', {
      'pmcache/data.txt': 'x',
      '.gitignore': '*.log\n',
    });
    MANIFEST_OK(project);
    writeFileSync(join(project, 'pmcache/stale.py'), '');
    // A project inside a larger repository: the repository root's .gitignore applies to it.
    enclosing = makeProject('outer', { '.gitignore': '*.tmp\n' });
    nested = join(enclosing, 'sub');
    mkdirSync(join(nested, 'q'), { recursive: true });
    writeFileSync(
      join(nested, 'pyproject.toml'),
      '[project]\nname = "q"\nversion = "1"\n\n[tool.manifest]\n',
    );
    writeFileSync(join(nested, 'q/__init__.py'), '');
    writeFileSync(join(nested, 'q/x.tmp'), '');
    await age();
  }, 30_000);

  it('the environment it reads is part of the result (GitHub annotations)', () => {
    const env = { GITHUB_ACTIONS: 'true' };
    const plain = runBin(project, ['validate'], { cache: true });
    expect(plain.code).toBe(1);
    const annotated = runBin(project, ['validate'], { cache: true, env });
    expect(annotated).toEqual(runBin(project, ['validate'], { cache: false, env }));
    expect(annotated.stdout).not.toEqual(plain.stdout);
    expect(runBin(project, ['validate'], { cache: true })).toEqual(plain);
  });

  it('validate with findings (exit 1) is replayed exactly, and sees an edit of the manifest', () => {
    const plain = runBin(project, ['validate'], { cache: false });
    expect(plain.code).toBe(1);
    expect(runBin(project, ['validate'], { cache: true })).toEqual(plain);
    const before = entries();
    expect(runBin(project, ['validate'], { cache: true })).toEqual(plain);
    expect(newEntries(before)).toEqual([]);
    // The manifest brought up to date (a write: update is not stored), then validate again.
    expect(runBin(project, ['update'], { cache: true }).code).toBe(0);
    const fresh = runBin(project, ['validate'], { cache: false });
    expect(fresh.code).toBe(0);
    expect(runBin(project, ['validate'], { cache: true })).toEqual(fresh);
  });

  it('a change to an enclosing repository’s ignore file is seen', () => {
    const args = ['ls'];
    const plain = runBin(nested, args, { cache: false });
    expect(plain.stdout).not.toContain('x.tmp');
    expect(runBin(nested, args, { cache: true })).toEqual(plain);
    writeFileSync(join(enclosing, '.gitignore'), '*.zzz\n');
    const after = runBin(nested, args, { cache: true });
    expect(after).toEqual(runBin(nested, args, { cache: false }));
    expect(after.stdout).toContain('q/x.tmp');
  });

  it('a run that writes, or that saw a file changed less than the racy window ago, stores nothing', () => {
    const root = makeProject('racy', {});
    const before = entries();
    expect(runBin(root, ['update'], { cache: true }).code).toBe(0);
    expect(existsSync(join(root, 'pyproject-manifest.txt'))).toBe(true);
    expect(runBin(root, ['ls'], { cache: true }).code).toBe(0);
    expect(newEntries(before)).toEqual([]);
  });

  it('validate naming an archive is never cached, and nothing is written inside the project', () => {
    const root = makeProject('archive', {});
    writeFileSync(join(root, 'a-1.whl'), 'not a zip');
    const listing = readdirSync(root).sort();
    const before = entries();
    const r = runBin(root, ['validate', 'a-1.whl'], { cache: true });
    expect(r).toEqual(runBin(root, ['validate', 'a-1.whl'], { cache: false }));
    expect(newEntries(before)).toEqual([]);
    expect(readdirSync(root).sort()).toEqual(listing);
  });

  it('stored results are the user’s alone', () => {
    const dir = join(cacheHome, 'pyproject-manifest', 'results');
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dir)) expect(statSync(join(dir, name)).mode & 0o777).toBe(0o600);
    expect(dirname(dir)).toBe(join(cacheHome, 'pyproject-manifest'));
  });
});
