#!/usr/bin/env node
/**
 * `npm run bench`: times the built CLI against reference commands on the same inputs, in the same
 * run, and prints every figure as a ratio to its reference.
 *
 * Owns: building (or reusing) the benchmark inputs under bench/.trees/ (trees: bench/tree.mjs;
 * wheels: bench/wheel.mjs), checking that `manifest ls` and `git ls-files -o
 * --exclude-per-directory=.gitignore` list the same files, then timing each command alternately
 * with its reference and printing medians, spread and the median of the per-pair ratios, and at
 * the end one summary table (the README's performance table is regenerated from it).
 * Sections (all by default; `--only a,b` picks some):
 *   warm     manifest ls, validate and update (nothing to change) vs git ls-files, warm page cache
 *   cold     manifest ls vs git ls-files with `echo 3 > /proc/sys/vm/drop_caches` before every run
 *            (root only)
 *   growth   manifest ls with the ignored .venv/ at 1× and 10× (ignored directories are never entered)
 *   depth    manifest ls vs git ls-files with D = 10 and D = 200 nested ignore files on one path
 *            above 50,000 files: the ratio at D = 200 against the ratio at D = 10
 *   startup  validate on a 100-file and a 2,000-file project, and `manifest --version`, vs `node -e 0`
 *   floor    Node's own floor on the large tree: `node -e 0`, and a bare readdirSync walk of the
 *            same directories printing every file (bench/floor.mjs), against git ls-files
 *   archive  `validate WHEEL` vs bench/zip-reference.py (Python zipfile + SHA-256 of every member
 *            and its tree file) on a ~100 MB wheel; `validate --names-only WHEEL` vs the full
 *            check; peak RSS of the full check on that wheel and on one four times larger
 * Must not: assert anything about time (it reports; bench/README.md says how to read it), or run
 * against a stale dist/ (it rebuilds when a file under src/ is newer than dist/cli/main.js).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  depthTreeName,
  ensureDepthTree,
  ensureLargeTree,
  ensureSmallTree,
  GIT_ENV,
  LARGE_DEFAULTS,
  largeTreeName,
} from './tree.mjs';
import { ensureArchiveTree } from './wheel.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const DEFAULT_BIN = join(REPO, 'dist', 'cli', 'main.js');
const SECTIONS = ['warm', 'cold', 'growth', 'depth', 'startup', 'floor', 'archive'];
/** The depth curve: nested ignore files on one path, and the files below them. */
const DEPTHS = [10, 200];
const DEPTH_FILES = 50_000;
/** The archive rows: a wheel of about this many MB of member bytes and members, and a 4× one. */
const WHEEL_MB = 100;
const WHEEL_MEMBERS = 6_500;
const PYTHON = '/usr/bin/python3';

function parseArgs(argv) {
  const opts = {
    runs: 10,
    coldRuns: 5,
    startupRuns: 20,
    archiveRuns: 5,
    depthRuns: 5,
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
    else if (arg === '--archive-runs') opts.archiveRuns = Number(value());
    else if (arg === '--depth-runs') opts.depthRuns = Number(value());
    else if (arg === '--only') opts.only = value().split(',');
    else if (arg === '--no-build') opts.build = false;
    else if (arg === '--trees') opts.trees = resolve(value());
    else if (arg === '--bin') opts.bins.push(resolve(value()));
    else if (arg === '--help' || arg === '-h') {
      console.log(
        `usage: node bench/run.mjs [--runs N] [--cold-runs N] [--startup-runs N] [--archive-runs N] [--depth-runs N] [--only ${SECTIONS.join(',')}] [--no-build] [--trees DIR] [--bin FILE]…\n--bin (repeatable) times other builds of the bin side by side (default: dist/cli/main.js, rebuilt when stale)`,
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

/** A short label for a bin: `manifest`, or its number when several are compared. */
let binLabel = () => 'manifest';

/** One command of the CLI under test, run in `cwd`. */
function manifest(bin, args, cwd, name = `${binLabel(bin)} ${args[0]}`) {
  return { name, file: process.execPath, args: [bin, ...args], cwd };
}

/**
 * The environment of every timed command: git's, without PYPROJECT_MANIFEST_CACHE, so that only the
 * rows that say `--cache` use the result cache.
 */
const RUN_ENV = { ...GIT_ENV };
delete RUN_ENV.PYPROJECT_MANIFEST_CACHE;

/**
 * Wait until the files of `tree` the result cache reads at its top are older than its racy window
 * (src/cli/result-cache.ts: a run that saw a newer timestamp stores nothing), so that the untimed
 * warm-up run of a `--cache` command fills the cache. Only the manifest can be that new here
 * (ensureManifest may just have written it).
 */
function settleForCache(tree) {
  const file = join(tree, 'pyproject-manifest.txt');
  const age = Date.now() - Math.max(statSync(file).mtimeMs, statSync(file).ctimeMs);
  if (age < 2_500) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_500 - age);
}

function manifestLs(tree, bin) {
  return manifest(bin, ['ls', '--root', tree], tree);
}

function gitLs(tree) {
  return {
    name: 'git ls-files -o',
    file: 'git',
    args: ['ls-files', '-o', '--exclude-per-directory=.gitignore'],
    cwd: tree,
  };
}

const nodeE0 = (cwd) => ({ name: 'node -e 0', file: process.execPath, args: ['-e', '0'], cwd });

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

const GNU_TIME = '/usr/bin/time';
let scratch;

/**
 * Run once; returns wall and CPU milliseconds, stdout, and with `cmd.rss` the peak RSS in MB
 * (GNU time's %M; its own cost is well under a millisecond). Throws on a non-zero exit.
 */
function runOnce(cmd) {
  let file = cmd.file;
  let args = cmd.args;
  let rssFile;
  if (cmd.rss && existsSync(GNU_TIME)) {
    scratch ??= mkdtempSync(join(tmpdir(), 'manifest-bench-'));
    rssFile = join(scratch, 'rss');
    file = GNU_TIME;
    args = ['-f', '%M', '-o', rssFile, cmd.file, ...cmd.args];
  }
  const cpuBefore = childCpuMs();
  const start = process.hrtime.bigint();
  const result = spawnSync(file, args, {
    cwd: cmd.cwd,
    env: RUN_ENV,
    maxBuffer: 1 << 30,
    encoding: 'buffer',
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = childCpuMs() - cpuBefore;
  if (result.status !== 0) {
    throw new Error(
      `${cmd.name} exited ${result.status ?? result.signal}: ${result.stdout?.toString().slice(0, 500)}${result.stderr?.toString().slice(0, 500)}`,
    );
  }
  const rss = rssFile === undefined ? Number.NaN : Number(readFileSync(rssFile, 'utf8')) / 1024;
  return { ms, cpu, rss, stdout: result.stdout };
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
 * (unless cold). Returns wall and CPU milliseconds and peak RSS per command, in run order.
 */
function timeAlternating(commands, runs, { cold = false } = {}) {
  const times = commands.map(() => []);
  const cpu = commands.map(() => []);
  const rss = commands.map(() => []);
  if (!cold) for (const cmd of commands) runOnce(cmd);
  for (let r = 0; r < runs; r++) {
    // Alternate which command goes first, so neither always runs right after the other.
    const order = r % 2 === 0 ? commands.map((_, i) => i) : commands.map((_, i) => i).reverse();
    for (const i of order) {
      if (cold) dropCaches();
      const run = runOnce(commands[i]);
      times[i].push(run.ms);
      cpu[i].push(run.cpu);
      rss[i].push(run.rss);
    }
  }
  // CPU time is less disturbed by other load than wall time: printed alongside.
  return { wall: times, cpu, rss };
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
const fmtRatio = (r) => r.toFixed(2);

function printTimes(name, values, cpu, rss) {
  const s = stats(values);
  const mean = (xs) => (xs === undefined ? Number.NaN : xs.reduce((a, b) => a + b, 0) / xs.length);
  const cpuMean = mean(cpu);
  const rssMax = rss === undefined ? Number.NaN : Math.max(...rss);
  s.cpu = cpuMean;
  s.rss = rssMax;
  log(
    `  ${name.padEnd(34)} median ${fmt(s.median).padStart(9)}   IQR ${fmt(s.q1)}–${fmt(s.q3)}   min–max ${fmt(s.min)}–${fmt(s.max)}   (n=${s.n})${Number.isNaN(cpuMean) ? '' : `   cpu mean ${fmt(cpuMean)}`}${Number.isNaN(rssMax) ? '' : `   peak RSS ${rssMax.toFixed(0)} MB`}`,
  );
  return s;
}

/** Rows of the summary table printed at the end. */
const summary = [];

/**
 * Print both commands' times and the median of the per-pair ratios a/b; with `row`, add a line to
 * the summary (`row.what`, `row.target`).
 */
function printPair(label, [a, b], [timesA, timesB], [cpuA, cpuB] = [], [rssA, rssB] = [], row) {
  if (label !== '') log(label);
  const sa = printTimes(a.name, timesA, cpuA, rssA);
  const sb = printTimes(b.name, timesB, cpuB, rssB);
  const ratios = stats(timesA.map((t, i) => t / timesB[i]));
  log(
    `  ratio ${a.name} / ${b.name}: median of pairs ${fmtRatio(ratios.median)} (IQR ${fmtRatio(ratios.q1)}–${fmtRatio(ratios.q3)}, min–max ${fmtRatio(ratios.min)}–${fmtRatio(ratios.max)}); ratio of medians ${fmtRatio(sa.median / sb.median)}`,
  );
  if (row !== undefined)
    summary.push({ ...row, ours: sa, oursName: a.name, reference: sb, refName: b.name, ratios });
  return ratios;
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
  const generate = manifest(bin, ['generate', '--root', tree], tree, 'manifest generate');
  // Twice: a first generate, run before pyproject-manifest.txt exists, does not list pyproject-manifest.txt itself.
  runOnce(generate);
  runOnce(generate);
}

// --- main ------------------------------------------------------------------------------------

/** Print each command against the last one (the reference), pairwise; `rows[i]` for the summary. */
function printAgainst(label, cmds, { wall, cpu, rss }, rows = []) {
  const last = cmds.length - 1;
  for (let i = 0; i < last; i++) {
    printPair(
      i === 0 ? label : '',
      [cmds[i], cmds[last]],
      [wall[i], wall[last]],
      [cpu[i], cpu[last]],
      [rss[i], rss[last]],
      rows[i],
    );
  }
}

/** The summary: one markdown row per figure, ratio first (bench/README.md, README.md). */
function printSummary() {
  if (summary.length === 0) return;
  const ms = (s) =>
    `${fmt(s.median).replace(' ms', '')} (${fmt(s.q1).replace(' ms', '')}–${fmt(s.q3)})`;
  log('\nsummary (wall: median (IQR) of the runs; ratio: median (IQR) of the per-pair ratios)\n');
  log('| what | command | reference | ratio | target |');
  log('| --- | --- | --- | --- | --- |');
  for (const row of summary) {
    const ratio = `${fmtRatio(row.ratios.median)} (${fmtRatio(row.ratios.q1)}–${fmtRatio(row.ratios.q3)})`;
    const cpu = (s) => (Number.isNaN(s.cpu) ? '' : `, CPU ${fmt(s.cpu)}`);
    const rss = (s) => (Number.isNaN(s.rss) ? '' : `, peak ${s.rss.toFixed(0)} MB`);
    log(
      `| ${row.what} | ${row.oursName}: ${ms(row.ours)}${cpu(row.ours)}${rss(row.ours)} | ${row.refName}: ${ms(row.reference)}${cpu(row.reference)}${rss(row.reference)} | ${ratio} | ${row.target ?? ''} |`,
    );
  }
  for (const line of summaryNotes) log(line);
}

/** Lines printed under the summary table (derived figures, such as the depth curve's quotient). */
const summaryNotes = [];

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  // Explicit --bin files are timed as they are; only the default bin is kept fresh.
  if (opts.bins[0] === DEFAULT_BIN) ensureBuilt(opts.build);
  const bins = opts.bins;
  if (bins.length > 1) binLabel = (bin) => `[${bins.indexOf(bin) + 1}]`;
  const want = (s) => opts.only.includes(s);
  const git = spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const load = () =>
    loadavg()
      .map((l) => l.toFixed(2))
      .join(' ');
  log(`node ${process.version}, ${git}, ${availableParallelism()} cpus, load ${load()}`);
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
    // One alternating run of every command, so each ratio's pairs saw the same machine.
    const cmds = [];
    const rows = [];
    for (const bin of bins) {
      cmds.push(
        manifestLs(large, bin),
        manifest(bin, ['validate', '--root', large], large),
        manifest(bin, ['update', '--root', large], large, `${binLabel(bin)} update (no change)`),
      );
      rows.push(
        {
          what: `\`ls\`, ${LARGE_DEFAULTS.venvFiles / 1000}k-file \`.venv/\` tree, warm`,
          target: '≤ 2.5',
        },
        { what: '`validate`, same tree', target: '≤ 3' },
        { what: '`update` (no change), same tree', target: '≤ 3' },
      );
    }
    // The same commands with the opt-in result cache (src/cli/result-cache.ts), filled by the
    // untimed warm-up run: what a developer's second `validate` of an unchanged tree costs.
    for (const bin of bins) {
      cmds.push(
        manifest(bin, ['ls', '--cache', '--root', large], large, `${binLabel(bin)} ls --cache`),
        manifest(
          bin,
          ['validate', '--cache', '--root', large],
          large,
          `${binLabel(bin)} validate --cache`,
        ),
        manifest(
          bin,
          ['update', '--cache', '--root', large],
          large,
          `${binLabel(bin)} update --cache (no change)`,
        ),
      );
      rows.push(
        { what: '`ls --cache` (opt-in result cache, filled), same tree', target: '≤ 2.5' },
        { what: '`validate --cache`, same tree', target: '≤ 3' },
        { what: '`update --cache` (no change), same tree', target: '≤ 3' },
      );
    }
    settleForCache(large);
    cmds.push(gitLs(large));
    log('');
    printAgainst(
      `warm, ${opts.runs} alternating runs each (after 1 warm-up)`,
      cmds,
      timeAlternating(cmds, opts.runs),
      rows,
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
        bins.map(() => ({ what: '`ls`, same tree, page cache dropped', target: '≤ 1.0' })),
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
    const { wall, cpu, rss } = timeAlternating(cmds, opts.runs);
    printPair(
      `ignored .venv/ grown tenfold, warm, ${opts.runs} alternating runs each`,
      cmds,
      wall,
      cpu,
      rss,
      { what: '`ls`, ignored `.venv/` grown 200,000 → 2,000,000 files', target: 'same' },
    );
  }
  if (want('depth')) {
    log('');
    const trees = DEPTHS.map((depth) => {
      const tree = join(opts.trees, depthTreeName({ depth, files: DEPTH_FILES }));
      ensureDepthTree(tree, { depth, files: DEPTH_FILES });
      ensureManifest(tree, bins[0]);
      log(`tree ${tree}`);
      ok = checkSameListing(tree, bins[0]) && ok;
      return tree;
    });
    // Per bin: ls and git at each depth, all alternating; the curve is the quotient of the ratios.
    const cmds = [];
    for (const bin of bins) {
      trees.forEach((tree, i) => {
        cmds.push(
          { ...manifestLs(tree, bin), name: `${binLabel(bin)} ls, D = ${DEPTHS[i]}` },
          { ...gitLs(tree), name: `git ls-files -o, D = ${DEPTHS[i]}` },
        );
      });
    }
    const { wall, cpu, rss } = timeAlternating(cmds, opts.depthRuns);
    log(
      `\ndepth: ${DEPTH_FILES} files below D nested ignore files on one path, warm, ${opts.depthRuns} alternating runs each`,
    );
    bins.forEach((bin, b) => {
      const base = b * 2 * DEPTHS.length;
      const medians = DEPTHS.map((depth, i) =>
        printPair(
          '',
          [cmds[base + 2 * i], cmds[base + 2 * i + 1]],
          [wall[base + 2 * i], wall[base + 2 * i + 1]],
          [cpu[base + 2 * i], cpu[base + 2 * i + 1]],
          [rss[base + 2 * i], rss[base + 2 * i + 1]],
          {
            what: `\`ls\`, ${DEPTH_FILES / 1000}k files below D = ${depth} nested ignore files`,
            target: i === DEPTHS.length - 1 ? `≤ 1.5 × the D = ${DEPTHS[0]} ratio` : '',
          },
        ),
      );
      // Per run: (ls/git at the deepest) / (ls/git at the shallowest).
      const deep = base + 2 * (DEPTHS.length - 1);
      const curve = stats(
        wall[base].map(
          (_, r) => wall[deep][r] / wall[deep + 1][r] / (wall[base][r] / wall[base + 1][r]),
        ),
      );
      const line = `${binLabel(bin)} depth curve: ratio at D = ${DEPTHS.at(-1)} / ratio at D = ${DEPTHS[0]}: median of runs ${fmtRatio(curve.median)} (IQR ${fmtRatio(curve.q1)}–${fmtRatio(curve.q3)}); of medians ${fmtRatio(medians.at(-1).median / medians[0].median)} (target ≤ 1.5)`;
      log(`  ${line}`);
      summaryNotes.push(`\n${line}`);
    });
  }
  if (want('startup')) {
    const cmds = [];
    const rows = [];
    for (const files of [100, 2000]) {
      const small = join(opts.trees, `small-${files}`);
      ensureSmallTree(small, files);
      ensureManifest(small, bins[0]);
      const count = lines(runOnce(manifestLs(small, bins[0])).stdout).length;
      for (const bin of bins) {
        cmds.push(manifest(bin, ['validate'], small, `${binLabel(bin)} validate (${count} files)`));
        rows.push({
          what: `\`validate\`, ${count}-file project, vs Node's start-up`,
          target: files === 100 ? '≤ 1.5' : '≤ 2',
        });
      }
    }
    const small = join(opts.trees, 'small-100');
    for (const bin of bins) {
      cmds.push(manifest(bin, ['--version'], small, `${binLabel(bin)} --version`));
      rows.push({ what: "`--version`, vs Node's start-up" });
    }
    cmds.push(nodeE0(small));
    log('');
    printAgainst(
      `start-up, warm, ${opts.startupRuns} alternating runs each (after 1 warm-up)`,
      cmds,
      timeAlternating(cmds, opts.startupRuns),
      rows,
    );
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
    const cmds = [nodeE0(large), floor, manifestLs(large, bins[0]), gitLs(large)];
    log('');
    printAgainst(
      `floor (what a Node process costs before any rule), warm, ${opts.runs} alternating runs each`,
      cmds,
      timeAlternating(cmds, opts.runs),
      [
        { what: 'floor: `node -e 0`' },
        { what: 'floor: a bare Node walk of the same directories, no rules' },
      ],
    );
  }
  if (want('archive')) {
    log('');
    const sizes = [WHEEL_MB, WHEEL_MB * 4];
    const wheels = sizes.map((sizeMb) =>
      ensureArchiveTree({
        trees: opts.trees,
        sizeMb,
        members: WHEEL_MEMBERS,
        bin: bins[0],
        log,
      }),
    );
    const [main, big] = wheels;
    log(
      `wheel ${main.wheel}: ${main.members} members, ${(main.bytes / 1e6).toFixed(0)} MB unpacked, ${(statSync(main.wheel).size / 1e6).toFixed(0)} MB zipped`,
    );
    const full = (bin, w, name) => ({
      ...manifest(bin, ['validate', w.wheel], w.project, name),
      rss: true,
    });
    const reference = {
      name: 'zip-reference.py',
      file: PYTHON,
      args: [join(HERE, 'zip-reference.py'), main.wheel, main.project],
      cwd: main.project,
      rss: true,
    };
    const cmds = [];
    for (const bin of bins) cmds.push(full(bin, main, `${binLabel(bin)} validate WHEEL`));
    cmds.push(reference);
    const timed = timeAlternating(cmds, opts.archiveRuns);
    printAgainst(
      `archive: full check vs Python zipfile + SHA-256 of every member and its tree file, ${opts.archiveRuns} alternating runs each`,
      cmds,
      timed,
      bins.map(() => ({
        what: `\`validate WHEEL\`, ${main.members} members, ${(main.bytes / 1e6).toFixed(0)} MB`,
        target: '≤ 1.5',
      })),
    );
    const names = [];
    for (const bin of bins) {
      names.push(
        {
          ...manifest(bin, ['validate', '--names-only', main.wheel], main.project),
          name: `${binLabel(bin)} validate --names-only`,
          rss: true,
        },
        full(bin, main, `${binLabel(bin)} validate WHEEL`),
      );
    }
    const namesTimed = timeAlternating(names, opts.archiveRuns);
    log('');
    for (let i = 0; i < bins.length; i++) {
      printPair(
        i === 0
          ? `archive: --names-only vs the full check, ${opts.archiveRuns} alternating runs each`
          : '',
        [names[2 * i], names[2 * i + 1]],
        [namesTimed.wall[2 * i], namesTimed.wall[2 * i + 1]],
        [namesTimed.cpu[2 * i], namesTimed.cpu[2 * i + 1]],
        [namesTimed.rss[2 * i], namesTimed.rss[2 * i + 1]],
        { what: '`validate --names-only WHEEL`, same wheel, vs the full check', target: 'small' },
      );
    }
    const flat = [
      full(bins[0], big, `validate WHEEL ×4 (${(big.bytes / 1e6).toFixed(0)} MB)`),
      full(bins[0], main, `validate WHEEL (${(main.bytes / 1e6).toFixed(0)} MB)`),
    ];
    const flatTimed = timeAlternating(flat, Math.max(1, Math.ceil(opts.archiveRuns / 2)));
    log('');
    printPair(
      'archive: peak RSS flat in archive size (same member count, 4× the bytes)',
      flat,
      flatTimed.wall,
      flatTimed.cpu,
      flatTimed.rss,
      {
        what: `\`validate WHEEL\`, 4× the bytes (${(big.bytes / 1e6).toFixed(0)} MB), vs ${(main.bytes / 1e6).toFixed(0)} MB`,
        target: 'peak RSS flat',
      },
    );
  }
  log(`\nload at end ${load()}`);
  printSummary();
  if (scratch !== undefined) rmSync(scratch, { recursive: true, force: true });
  if (!ok) {
    log('the listings differ: the timings above compare different work');
    process.exitCode = 1;
  }
}

await main();
