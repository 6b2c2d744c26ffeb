#!/usr/bin/env node
/**
 * `npm run bench`: times the built CLI against git on the same trees, in the same run.
 *
 * Owns: building (or reusing) the benchmark trees (bench/tree.mjs) under bench/.trees/, checking
 * that `manifest ls` and `git ls-files -o --exclude-per-directory=.gitignore` list the same files,
 * then timing them alternately and printing medians, spread and the median of the per-pair ratios.
 * Sections (all by default; `--only a,b` picks some):
 *   warm    manifest ls vs git ls-files, warm page cache
 *   cold    the same with `echo 3 > /proc/sys/vm/drop_caches` before every run (root only)
 *   growth  manifest ls with the ignored .venv/ at 1× and 10× (ignored directories are never entered)
 *   startup node -e 0, `manifest --version`, `manifest validate` on a 100-file project
 *   floor   Node's own floor on the large tree: `node -e 0`, and a bare readdirSync walk of the
 *           same directories printing every file (bench/floor.mjs), against git ls-files
 * Must not: assert anything about time (it reports; bench/README.md says how to read it), or run
 * against a stale dist/ (it rebuilds when a file under src/ is newer than dist/cli/main.js).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ensureLargeTree,
  ensureSmallTree,
  GIT_ENV,
  LARGE_DEFAULTS,
  largeTreeName,
} from './tree.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const DEFAULT_BIN = join(REPO, 'dist', 'cli', 'main.js');
const SECTIONS = ['warm', 'cold', 'growth', 'startup', 'floor'];

function parseArgs(argv) {
  const opts = {
    runs: 10,
    coldRuns: 5,
    startupRuns: 20,
    only: SECTIONS,
    build: true,
    trees: join(HERE, '.trees'),
    bins: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') opts.runs = Number(value());
    else if (arg === '--cold-runs') opts.coldRuns = Number(value());
    else if (arg === '--startup-runs') opts.startupRuns = Number(value());
    else if (arg === '--only') opts.only = value().split(',');
    else if (arg === '--no-build') opts.build = false;
    else if (arg === '--trees') opts.trees = resolve(value());
    else if (arg === '--bin') opts.bins.push(resolve(value()));
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node bench/run.mjs [--runs N] [--cold-runs N] [--startup-runs N] [--only warm,cold,growth,startup,floor] [--no-build] [--trees DIR] [--bin FILE]…\n--bin (repeatable) times other builds of the bin side by side (default: dist/cli/main.js, rebuilt when stale)',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  for (const s of opts.only) if (!SECTIONS.includes(s)) throw new Error(`unknown section ${s}`);
  if (opts.bins.length === 0) opts.bins.push(DEFAULT_BIN);
  return opts;
}

const log = (message) => console.log(message);

// --- build freshness -------------------------------------------------------------------------

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

function ensureBuilt(build) {
  const fresh =
    existsSync(DEFAULT_BIN) && statSync(DEFAULT_BIN).mtimeMs >= newestMtime(join(REPO, 'src'));
  if (fresh) return;
  if (!build) throw new Error('dist/ is older than src/: run `npm run build` (or drop --no-build)');
  log('dist/ is stale: npm run build');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
}

// --- running and timing ----------------------------------------------------------------------

/** A short label for a bin: `manifest`, or its path when several are compared. */
let binLabel = () => 'manifest';

/** One command to time: argv and cwd. */
function manifestLs(tree, bin) {
  return {
    name: `${binLabel(bin)} ls`,
    file: process.execPath,
    args: [bin, 'ls', '--root', tree],
    cwd: tree,
  };
}

function gitLs(tree) {
  return {
    name: 'git ls-files -o',
    file: 'git',
    args: ['ls-files', '-o', '--exclude-per-directory=.gitignore'],
    cwd: tree,
  };
}

/**
 * CPU milliseconds (user + system) of this process's waited-for children so far, from
 * /proc/self/stat (cutime, cstime; 10 ms ticks), or NaN where there is no /proc.
 */
function childCpuMs() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Run once; returns wall and CPU milliseconds and stdout. Throws on a non-zero exit. */
function runOnce(cmd) {
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(cmd.file, cmd.args, {
    cwd: cmd.cwd,
    env: GIT_ENV,
    maxBuffer: 1 << 30,
    encoding: 'buffer',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = childCpuMs() - cpuBefore;
  if (result.status !== 0) {
    throw new Error(
      `${cmd.name} exited ${result.status ?? result.signal}: ${result.stderr?.toString().slice(0, 500)}`,
    );
  }
  return { ms, cpu, stdout: result.stdout };
}

let canDropCaches;
function dropCaches() {
  execFileSync('sync');
  writeFileSync('/proc/sys/vm/drop_caches', '3');
}

function probeDropCaches() {
  if (canDropCaches !== undefined) return canDropCaches;
  try {
    dropCaches();
    canDropCaches = true;
  } catch (error) {
    canDropCaches = false;
    log(
      `cold runs unavailable: cannot write /proc/sys/vm/drop_caches (${error.code ?? error.message})`,
    );
  }
  return canDropCaches;
}

/**
 * Time `commands` alternately (A B A B …), `runs` times each, after one untimed warm-up each
 * (unless cold). Returns wall and CPU milliseconds per command, in run order.
 */
function timeAlternating(commands, runs, { cold = false } = {}) {
  const times = commands.map(() => []);
  const cpu = commands.map(() => []);
  if (!cold) for (const cmd of commands) runOnce(cmd);
  for (let r = 0; r < runs; r++) {
    // Alternate which command goes first, so neither always runs right after the other.
    const order = r % 2 === 0 ? commands.map((_, i) => i) : commands.map((_, i) => i).reverse();
    for (const i of order) {
      if (cold) dropCaches();
      const run = runOnce(commands[i]);
      times[i].push(run.ms);
      cpu[i].push(run.cpu);
    }
  }
  // CPU time is less disturbed by other load than wall time: printed alongside.
  return { wall: times, cpu };
}

function quantile(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    n: sorted.length,
  };
}

const fmt = (ms) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;

function printTimes(name, values, cpu) {
  const s = stats(values);
  const cpuMean = cpu === undefined ? Number.NaN : cpu.reduce((a, b) => a + b, 0) / cpu.length;
  log(
    `  ${name.padEnd(34)} median ${fmt(s.median).padStart(9)}   IQR ${fmt(s.q1)}–${fmt(s.q3)}   min–max ${fmt(s.min)}–${fmt(s.max)}   (n=${s.n})${Number.isNaN(cpuMean) ? '' : `   cpu mean ${fmt(cpuMean)}`}`,
  );
  return s;
}

/** Print both commands' times and the median of the per-pair ratios a/b. */
function printPair(label, [a, b], [timesA, timesB], [cpuA, cpuB] = []) {
  if (label !== '') log(label);
  const sa = printTimes(a.name, timesA, cpuA);
  const sb = printTimes(b.name, timesB, cpuB);
  const ratios = stats(timesA.map((t, i) => t / timesB[i]));
  log(
    `  ratio ${a.name} / ${b.name}: median of pairs ${ratios.median.toFixed(2)} (IQR ${ratios.q1.toFixed(2)}–${ratios.q3.toFixed(2)}, min–max ${ratios.min.toFixed(2)}–${ratios.max.toFixed(2)}); ratio of medians ${(sa.median / sb.median).toFixed(2)}`,
  );
  return ratios.median;
}

// --- correctness at scale --------------------------------------------------------------------

function lines(buffer) {
  const text = buffer.toString('utf8');
  return text === '' ? [] : text.replace(/\n$/, '').split('\n');
}

/** Both tools must list the same files, or the timing compares different work. */
function checkSameListing(tree, bin) {
  const ours = lines(runOnce(manifestLs(tree, bin)).stdout);
  const theirs = new Set(lines(runOnce(gitLs(tree)).stdout));
  const oursSet = new Set(ours);
  const missing = [...theirs].filter((p) => !oursSet.has(p));
  const extra = ours.filter((p) => !theirs.has(p));
  log(`  listing: manifest ls ${ours.length} paths, git ls-files -o ${theirs.size} paths`);
  if (missing.length > 0 || extra.length > 0) {
    log(`  MISMATCH: ${missing.length} only in git (e.g. ${missing.slice(0, 3).join(', ')}),`);
    log(`            ${extra.length} only in manifest ls (e.g. ${extra.slice(0, 3).join(', ')})`);
    return false;
  }
  log('  listing: identical sets');
  return true;
}

/** Generate pyproject-manifest.txt once, so `manifest ls`/`validate` see a complete project. */
function ensureManifest(tree, bin) {
  if (existsSync(join(tree, 'pyproject-manifest.txt'))) return;
  const generate = {
    name: 'manifest generate',
    file: process.execPath,
    args: [bin, 'generate', '--root', tree],
    cwd: tree,
  };
  // Twice: a first generate, run before pyproject-manifest.txt exists, does not list pyproject-manifest.txt itself.
  runOnce(generate);
  runOnce(generate);
}

// --- main ------------------------------------------------------------------------------------

/** Print each command against the last one (the reference), pairwise. */
function printAgainst(label, cmds, { wall, cpu }) {
  const last = cmds.length - 1;
  for (let i = 0; i < last; i++) {
    printPair(
      i === 0 ? label : '',
      [cmds[i], cmds[last]],
      [wall[i], wall[last]],
      [cpu[i], cpu[last]],
    );
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Explicit --bin files are timed as they are; only the default bin is kept fresh.
  if (opts.bins[0] === DEFAULT_BIN) ensureBuilt(opts.build);
  const bins = opts.bins;
  if (bins.length > 1) binLabel = (bin) => `[${bins.indexOf(bin) + 1}]`;
  const want = (s) => opts.only.includes(s);
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  log(
    `node ${process.version}, ${git}, ${availableParallelism()} cpus, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  bins.forEach((bin, i) => log(`bin ${bins.length > 1 ? `[${i + 1}] ` : ''}${bin}`));
  let ok = true;
  let large;
  if (want('warm') || want('cold') || want('growth') || want('floor')) {
    large = join(opts.trees, largeTreeName(LARGE_DEFAULTS));
    ensureLargeTree(large, LARGE_DEFAULTS, log);
    ensureManifest(large, bins[0]);
    log(`\ntree ${large}`);
    for (const bin of bins) ok = checkSameListing(large, bin) && ok;
  }
  if (want('warm')) {
    const cmds = [...bins.map((bin) => manifestLs(large, bin)), gitLs(large)];
    log('');
    printAgainst(
      `warm, ${opts.runs} alternating runs each (after 1 warm-up)`,
      cmds,
      timeAlternating(cmds, opts.runs),
    );
  }
  if (want('cold')) {
    log('');
    if (probeDropCaches()) {
      const cmds = [...bins.map((bin) => manifestLs(large, bin)), gitLs(large)];
      printAgainst(
        `cold (page cache dropped before every run), ${opts.coldRuns} alternating runs each`,
        cmds,
        timeAlternating(cmds, opts.coldRuns, { cold: true }),
      );
    }
  }
  if (want('growth')) {
    const grown = { ...LARGE_DEFAULTS, venvFiles: LARGE_DEFAULTS.venvFiles * 10 };
    const big = join(opts.trees, largeTreeName(grown));
    log('');
    ensureLargeTree(big, grown, log);
    ensureManifest(big, bins[0]);
    ok = checkSameListing(big, bins[0]) && ok;
    const cmds = [
      { ...manifestLs(big, bins[0]), name: `ls, .venv/ ${grown.venvFiles} files` },
      { ...manifestLs(large, bins[0]), name: `ls, .venv/ ${LARGE_DEFAULTS.venvFiles} files` },
    ];
    const { wall, cpu } = timeAlternating(cmds, opts.runs);
    printPair(
      `ignored .venv/ grown tenfold, warm, ${opts.runs} alternating runs each`,
      cmds,
      wall,
      cpu,
    );
  }
  if (want('startup')) {
    const small = join(opts.trees, 'small-100');
    ensureSmallTree(small, 100);
    ensureManifest(small, bins[0]);
    const count = lines(runOnce(manifestLs(small, bins[0])).stdout).length;
    const cmds = [{ name: 'node -e 0', file: process.execPath, args: ['-e', '0'], cwd: small }];
    for (const bin of bins) {
      cmds.push(
        {
          name: `${binLabel(bin)} --version`,
          file: process.execPath,
          args: [bin, '--version'],
          cwd: small,
        },
        {
          name: `${binLabel(bin)} validate (${count} files)`,
          file: process.execPath,
          args: [bin, 'validate'],
          cwd: small,
        },
      );
    }
    log('');
    log(`start-up, warm, ${opts.startupRuns} alternating runs each (after 1 warm-up)`);
    const { wall, cpu } = timeAlternating(cmds, opts.startupRuns);
    cmds.forEach((cmd, i) => printTimes(cmd.name, wall[i], cpu[i]));
  }
  if (want('floor')) {
    // The directories manifest ls does not enter (ignored or nested repositories), for floor.mjs.
    const skipFile = join(opts.trees, 'floor-skip.txt');
    const { walkTree } = await import(join(REPO, 'dist', 'tree', 'walk.js'));
    const skipped = walkTree(large)
      .ignored.filter((i) => i.dir)
      .map((i) => i.path);
    writeFileSync(skipFile, `${['.git', ...skipped].join('\n')}\n`);
    const floor = {
      name: 'bare node walk',
      file: process.execPath,
      args: [join(HERE, 'floor.mjs'), large, skipFile],
      cwd: large,
    };
    const nodeStart = { name: 'node -e 0', file: process.execPath, args: ['-e', '0'], cwd: large };
    const cmds = [nodeStart, floor, manifestLs(large, bins[0]), gitLs(large)];
    log('');
    printAgainst(
      `floor (what a Node process costs before any rule), warm, ${opts.runs} alternating runs each`,
      cmds,
      timeAlternating(cmds, opts.runs),
    );
  }
  log(
    `\nload at end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (!ok) {
    log('the listings differ: the timings above compare different work');
    process.exitCode = 1;
  }
}

await main();
