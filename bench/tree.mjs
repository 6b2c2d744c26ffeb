/**
 * Benchmark trees: deterministic Python-project-shaped trees for bench/run.mjs.
 *
 * Owns: building a tree once under a directory keyed by its parameters and reusing it afterwards
 * (a `<dir>.complete` marker is written last, beside it, so an interrupted build is rebuilt, never reused).
 * Must not: depend on randomness or the clock (two builds with the same parameters are identical),
 * or write outside the directory it is given.
 *
 * Shape of the large tree (defaults give ~100k listed files in ~5.1k directories):
 * - `src/benchpkg/aNN/bNN/cNN/`: 20 × 15 × 16 package directories, each with `__init__.py` and
 *   `filesPerLeaf` modules and data files, plus some `*.log` files (ignored at the root) and a few
 *   `__pycache__/` directories (ignored at the root, and built in for the walker).
 * - `nestedIgnores` (30) nested `.gitignore` files in `bNN` directories, each ignoring `*.tmp` and
 *   `cache/`, re-including `keep.tmp`, and anchoring `/generated_*.py`; the directory holds files
 *   that every one of those lines decides.
 * - `.venv/` with `venvFiles` files (ignored by the root `.gitignore`; 100 files per package
 *   directory, as in a real site-packages), which neither git nor the walker should enter.
 * - `pyproject.toml`, `README.md`, `LICENSE`, and a git repository at the root (`git init`, nothing
 *   committed: both tools then list untracked files).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The marker sits beside the tree, not in it, so that neither tool lists it. */
const markerOf = (dir) => `${dir}.complete`;

/** Environment for git that ignores the user's and the system's configuration. */
export const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_SYSTEM: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  LC_ALL: 'C',
};

const ROOT_GITIGNORE = [
  '# bench tree: what a Python project ignores',
  '.venv/',
  '__pycache__/',
  '*.py[cod]',
  '*.log',
  '/build/',
  '/dist/',
  '.tox/',
  '*.egg-info/',
  '',
].join('\n');

const NESTED_GITIGNORE = [
  '# nested ignore file',
  '*.tmp',
  '!keep.tmp',
  'cache/',
  '/generated_*.py',
  '',
].join('\n');

function pyproject(name, pkg) {
  return [
    '[build-system]',
    'requires = ["hatchling"]',
    'build-backend = "hatchling.build"',
    '',
    '[project]',
    `name = "${name}"`,
    'version = "1.0.0"',
    'readme = "README.md"',
    'license = { file = "LICENSE" }',
    '',
    '[tool.manifest]',
    '',
    '[tool.hatch.build.targets.wheel]',
    `packages = ["src/${pkg}"]`,
    '',
  ].join('\n');
}

function write(path, text) {
  writeFileSync(path, text);
}

/**
 * Make `dir` a git repository of its own. Every input is one: the CLI reads the ignore files of an
 * enclosing repository (MANIFEST-FORMAT.md §7 step 4), and this one's .gitignore ignores
 * bench/.trees/, so a project that is not its own repository would select nothing.
 */
export function initRepo(dir) {
  execFileSync('git', ['init', '-q', dir], { env: GIT_ENV, stdio: 'ignore' });
}

/**
 * Write the project files at the root of `dir`.
 * @param {string} dir
 * @param {string} name distribution name
 * @param {string} pkg import package name
 */
function writeProjectFiles(dir, name, pkg) {
  write(join(dir, 'pyproject.toml'), pyproject(name, pkg));
  write(join(dir, 'README.md'), `# ${name}\n\nA benchmark project.\n`);
  write(join(dir, 'LICENSE'), 'MIT License\n');
  write(join(dir, '.gitignore'), ROOT_GITIGNORE);
}

function writeVenv(dir, venvFiles) {
  const site = join(dir, '.venv', 'lib', 'python3.12', 'site-packages');
  mkdirSync(join(dir, '.venv', 'bin'), { recursive: true });
  write(join(dir, '.venv', '.gitignore'), '*\n');
  write(join(dir, '.venv', 'pyvenv.cfg'), 'home = /usr/bin\n');
  const perPackage = 100;
  const packages = Math.ceil(venvFiles / perPackage);
  let written = 0;
  for (let p = 0; p < packages && written < venvFiles; p++) {
    const pkgDir = join(site, `dep${p}`);
    const subDirs = [pkgDir, join(pkgDir, 'sub')];
    for (const d of subDirs) mkdirSync(d, { recursive: true });
    for (let f = 0; f < perPackage && written < venvFiles; f++, written++) {
      write(join(subDirs[f % 2], `m${f}.py`), '');
    }
  }
}

/**
 * Parameters of the large tree.
 * @typedef {{ filesPerLeaf: number, nestedIgnores: number, venvFiles: number }} LargeTreeOptions
 */

/** @type {LargeTreeOptions} */
export const LARGE_DEFAULTS = { filesPerLeaf: 20, nestedIgnores: 30, venvFiles: 200_000 };

/** Directory name for a large tree with these parameters (bump `v` when the shape changes). */
export function largeTreeName({ filesPerLeaf, nestedIgnores, venvFiles }) {
  return `large-v1-f${filesPerLeaf}-i${nestedIgnores}-venv${venvFiles}`;
}

/**
 * Build the large tree in `dir` unless a complete one is there. Returns whether it was built.
 * @param {string} dir
 * @param {LargeTreeOptions} options
 * @param {(message: string) => void} log
 */
export function ensureLargeTree(dir, options, log) {
  if (existsSync(markerOf(dir))) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`building ${dir} (once; reused afterwards)…`);
  const started = Date.now();
  initRepo(dir);
  writeProjectFiles(dir, 'benchpkg', 'benchpkg');
  const pkg = join(dir, 'src', 'benchpkg');
  mkdirSync(pkg, { recursive: true });
  write(join(pkg, '__init__.py'), '');
  const A = 20;
  const B = 15;
  const C = 16;
  // Spread the nested ignore files evenly over the A × B middle directories.
  const ignoreEvery = Math.max(1, Math.floor((A * B) / Math.max(1, options.nestedIgnores)));
  let bIndex = 0;
  let nested = 0;
  for (let a = 0; a < A; a++) {
    const aDir = join(pkg, `a${a}`);
    mkdirSync(aDir);
    write(join(aDir, '__init__.py'), '');
    for (let b = 0; b < B; b++, bIndex++) {
      const bDir = join(aDir, `b${b}`);
      mkdirSync(bDir);
      write(join(bDir, '__init__.py'), '');
      if (nested < options.nestedIgnores && bIndex % ignoreEvery === 0) {
        nested++;
        write(join(bDir, '.gitignore'), NESTED_GITIGNORE);
        write(join(bDir, 'scratch.tmp'), '');
        write(join(bDir, 'keep.tmp'), 'kept\n');
        write(join(bDir, 'generated_table.py'), '');
        mkdirSync(join(bDir, 'cache'));
        for (let k = 0; k < 20; k++) write(join(bDir, 'cache', `c${k}.bin`), '');
      }
      for (let c = 0; c < C; c++) {
        const cDir = join(bDir, `c${c}`);
        mkdirSync(cDir);
        write(join(cDir, '__init__.py'), '');
        for (let f = 0; f < options.filesPerLeaf; f++) {
          const ext = f % 5 === 4 ? 'json' : 'py';
          write(join(cDir, `mod_${f}.${ext}`), `# ${a}.${b}.${c}.${f}\n`);
        }
        if (c % 4 === 0) write(join(cDir, 'run.log'), '');
        if (c % 8 === 0) {
          mkdirSync(join(cDir, '__pycache__'));
          for (let f = 0; f < 5; f++)
            write(join(cDir, '__pycache__', `mod_${f}.cpython-312.pyc`), '');
        }
      }
    }
  }
  writeVenv(dir, options.venvFiles);
  write(markerOf(dir), '');
  log(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

/**
 * Build a small project of about `files` files in `dir` unless a complete one is there.
 * The caller generates its pyproject-manifest.txt.
 * @param {string} dir
 * @param {number} files
 */
export function ensureSmallTree(dir, files) {
  if (existsSync(markerOf(dir))) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  initRepo(dir);
  writeProjectFiles(dir, 'smallpkg', 'smallpkg');
  // pyproject.toml, README.md, LICENSE, .gitignore, pyproject-manifest.txt: 5 files; the rest below.
  const rest = files - 5;
  const pkgFiles = Math.ceil(rest * 0.7);
  const testFiles = rest - pkgFiles;
  const pkg = join(dir, 'src', 'smallpkg');
  const perDir = 10;
  for (let i = 0; i < pkgFiles; i++) {
    const sub = Math.floor(i / perDir);
    const d = sub === 0 ? pkg : join(pkg, `sub${sub}`);
    mkdirSync(d, { recursive: true });
    const name = i % perDir === 0 ? '__init__.py' : `mod_${i}.py`;
    write(join(d, name), `"""module ${i}"""\n\nVALUE = ${i}\n`);
  }
  mkdirSync(join(dir, 'tests'), { recursive: true });
  for (let i = 0; i < testFiles; i++) {
    write(join(dir, 'tests', `test_${i}.py`), `def test_${i}():\n    assert True\n`);
  }
  write(markerOf(dir), '');
  return true;
}

/** One nested ignore file of the depth tree: a few lines of every kind the matcher handles. */
const DEPTH_GITIGNORE = ['*.tmp', '!keep.tmp', 'cache/', '/generated_*.py', 'build/', ''].join(
  '\n',
);

/**
 * Parameters of a depth tree.
 * @typedef {{ depth: number, files: number }} DepthTreeOptions
 */

/** Directory name for a depth tree (bump `v` when the shape changes). */
export function depthTreeName({ depth, files }) {
  return `depth-v1-d${depth}-f${files}`;
}

/**
 * A tree for the depth curve: `depth` nested directories `data/n0/n1/…`, each with its own
 * `.gitignore` (and a `scratch.tmp` it ignores), and `files` files in 100-file directories below
 * the deepest one, so that every file is decided under all `depth` ignore files. A small package
 * `deeppkg/` makes it a project; the wheel takes only that.
 * @param {string} dir
 * @param {DepthTreeOptions} options
 */
export function ensureDepthTree(dir, { depth, files }) {
  if (existsSync(markerOf(dir))) return false;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  initRepo(dir);
  writeProjectFiles(dir, 'deeppkg', 'deeppkg');
  write(
    join(dir, 'pyproject.toml'),
    pyproject('deeppkg', 'deeppkg').replace('packages = ["src/deeppkg"]', 'packages = ["deeppkg"]'),
  );
  mkdirSync(join(dir, 'deeppkg'));
  write(join(dir, 'deeppkg', '__init__.py'), '');
  let bottom = join(dir, 'data');
  mkdirSync(bottom);
  for (let d = 0; d < depth; d++) {
    bottom = join(bottom, `n${d}`);
    mkdirSync(bottom);
    write(join(bottom, '.gitignore'), DEPTH_GITIGNORE);
    write(join(bottom, 'scratch.tmp'), '');
  }
  const perDir = 100;
  for (let i = 0; i < files; i++) {
    const sub = join(bottom, `p${Math.floor(i / perDir)}`);
    if (i % perDir === 0) mkdirSync(sub);
    write(join(sub, `f${i}.py`), '');
  }
  write(markerOf(dir), '');
  return true;
}
