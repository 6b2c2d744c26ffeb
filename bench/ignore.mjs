#!/usr/bin/env node
/**
 * `node bench/ignore.mjs [--bin FILE]`: the cost of ignore files, `manifest ls` against
 * `git ls-files -o --exclude-per-directory=.gitignore` on the same trees, CPU seconds (user + sys)
 * of one run each. Timing is never asserted in tests; it lives here.
 *
 * Rows:
 * - `depth D`: 20,000 files below D nested `.gitignore` files on one path (each `*.tmp`,
 *   `!keep.tmp`, `cache/`, `/generated_*.py`), D = 10, 50, 100, 200 (#11). The ratio to git at
 *   D=200 should stay within 1.5× the ratio at D=10.
 * - `lines 100k`: a root `.gitignore` of 100,000 literal lines (names and `out/` paths), 200 files (#12).
 *
 * Trees are built under bench/.trees/ignore-* (gitignored) and reused; a `.complete` marker beside
 * each is written last.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GIT_ENV } from './tree.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const binArg = process.argv.indexOf('--bin');
const bin = binArg > 0 ? process.argv[binArg + 1] : join(here, '..', 'dist', 'cli', 'main.js');
const trees = join(here, '.trees');

const PYPROJECT = [
  '[project]',
  'name = "d"',
  'version = "1"',
  '[build-system]',
  'requires = ["setuptools"]',
  'build-backend = "setuptools.build_meta"',
  '',
].join('\n');

function build(name, fill) {
  const dir = join(trees, name);
  if (existsSync(`${dir}.complete`)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'pyproject.toml'), PYPROJECT);
  writeFileSync(join(dir, 'd.py'), '');
  fill(dir);
  execFileSync('git', ['init', '-q', dir], { env: GIT_ENV });
  writeFileSync(`${dir}.complete`, '');
  return dir;
}

function depthTree(depth) {
  return build(`ignore-depth-${depth}`, (root) => {
    let dir = root;
    for (let i = 0; i < depth; i++) {
      dir = join(dir, `d${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, '.gitignore'), '*.tmp\n!keep.tmp\ncache/\n/generated_*.py\n');
    }
    for (let j = 0; j < 20000; j++) writeFileSync(join(dir, `f${j}.${j % 7 ? 'py' : 'tmp'}`), '');
  });
}

function linesTree() {
  return build('ignore-lines-100k', (root) => {
    const lines = [];
    for (let i = 0; i < 100000; i++) lines.push(i % 3 ? `gen_${i}.txt` : `out/gen_${i}.dat`);
    writeFileSync(join(root, '.gitignore'), `${lines.join('\n')}\n`);
    for (let i = 1; i <= 100; i++) {
      writeFileSync(join(root, `f${i}.txt`), '');
      writeFileSync(join(root, `gen_${i * 3 + 1}.txt`), '');
    }
  });
}

/** CPU seconds of one run of `command` in `cwd`, from /usr/bin/time. */
function cpu(command, args, cwd) {
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...args], {
    cwd,
    env: GIT_ENV,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const [user, sys] = run.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return user + sys;
}

const rows = [
  ...[10, 50, 100, 200].map((depth) => [`depth ${depth}`, depthTree(depth)]),
  ['lines 100k', linesTree()],
];
console.log('row          manifest s   git s   ratio');
for (const [name, dir] of rows) {
  const ours = cpu(process.execPath, [bin, 'ls', '--root', '.'], dir);
  const git = cpu('git', ['ls-files', '-o', '--exclude-per-directory=.gitignore'], dir);
  const ratio = (ours / Math.max(git, 0.01)).toFixed(1);
  console.log(
    `${name.padEnd(12)} ${ours.toFixed(2).padStart(10)} ${git.toFixed(2).padStart(7)} ${ratio.padStart(7)}`,
  );
}
