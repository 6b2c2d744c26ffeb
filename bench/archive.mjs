#!/usr/bin/env node
/**
 * `npm run bench:archive`: `manifest validate <wheel>` on large generated wheels, with throughput
 * and peak memory.
 *
 * Owns: generating (or reusing) under bench/.trees/ a project tree, its pyproject-manifest.txt (made by the
 * built CLI's `generate`) and a matching wheel — deflated members with a valid RECORD, written by
 * a small zip writer here so the bench needs nothing but Node — then running the built
 * `node dist/cli/main.js validate <wheel>` under `/usr/bin/time -v` (falling back to
 * `process.resourceUsage().maxRSS` in a child when GNU time is missing) and printing wall time,
 * MB/s and members/s over the uncompressed bytes, and peak RSS.
 * Sizes: `--sizes 200,400` (MB of member bytes, default), `--members N` (default 20,000 for every
 * size: the archive grows, the member count does not) or `--members-per-mb K` (members grow too).
 * `--bin FILE` measures another build (as it is, never rebuilt); `--tree` also measures `validate`
 * without the wheel on the same project.
 * Must not: assert anything (the target, peak RSS < 150 MB whatever the size, is printed next to
 * the figure; bench/README.md records them), nor run a stale dist/ (rebuilds when src/ is newer).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureArchiveTree } from './wheel.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const DEFAULT_BIN = join(REPO, 'dist', 'cli', 'main.js');
/** The bin measured (and used to generate manifests): `--bin FILE`, or dist/cli/main.js. */
let BIN = DEFAULT_BIN;
const TREES = join(HERE, '.trees');
const TARGET_RSS_MB = 150;

function parseArgs(argv) {
  const opts = {
    sizes: [200, 400],
    members: 20_000,
    membersPerMb: undefined,
    runs: 3,
    bin: undefined,
    tree: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--sizes') opts.sizes = value().split(',').map(Number);
    else if (arg === '--members') opts.members = Number(value());
    else if (arg === '--members-per-mb') opts.membersPerMb = Number(value());
    else if (arg === '--runs') opts.runs = Number(value());
    else if (arg === '--bin') opts.bin = resolve(value());
    else if (arg === '--tree') opts.tree = true;
    else if (arg === '--help' || arg === '-h') {
      console.log(
        'usage: node bench/archive.mjs [--sizes 200,400] [--members 20000 | --members-per-mb 100] [--runs 3] [--bin FILE] [--tree]',
      );
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}`);
  }
  return opts;
}

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newestMtime(join(REPO, 'src'))) return;
  console.log('dist/ is stale: npm run build');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
}

// --- measuring ---------------------------------------------------------------------------------

/** Peak RSS (kB) and wall time of one `manifest validate <wheel>` run (`validate` alone without a wheel). */
function measure(project, wheel) {
  const args = wheel === undefined ? [BIN, 'validate'] : [BIN, 'validate', wheel];
  const started = performance.now();
  let rssKb;
  let r;
  if (existsSync('/usr/bin/time')) {
    r = spawnSync('/usr/bin/time', ['-v', process.execPath, ...args], {
      cwd: project,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
    rssKb = match ? Number(match[1]) : NaN;
  } else {
    // No GNU time: the child reports its own peak RSS (kB) when it exits.
    const probe = `process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
process.argv.splice(1, 1); await import(${JSON.stringify(BIN)});`;
    r = spawnSync(process.execPath, ['--input-type=module', '-e', probe, '--', ...args], {
      cwd: project,
      encoding: 'utf8',
    });
    rssKb = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
  }
  const seconds = (performance.now() - started) / 1000;
  if (r.status !== 0) {
    throw new Error(
      `manifest validate exited ${r.status}:\n${r.stdout.slice(0, 2000)}${r.stderr.slice(0, 2000)}`,
    );
  }
  return { seconds, rssKb };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.bin !== undefined) BIN = opts.bin;
  else ensureBuilt();
  console.log(
    `${BIN.startsWith(REPO) ? BIN.slice(REPO.length + 1) : BIN} on node ${process.version}, ${existsSync('/usr/bin/time') ? '/usr/bin/time -v' : 'process.resourceUsage()'}; target peak RSS < ${TARGET_RSS_MB} MB`,
  );
  const rows = [];
  for (const sizeMb of opts.sizes) {
    const members = opts.membersPerMb ? sizeMb * opts.membersPerMb : opts.members;
    const { project, wheel, ...counts } = ensureArchiveTree({
      trees: TREES,
      sizeMb,
      members,
      bin: BIN,
    });
    const stats = { ...counts, archiveBytes: statSync(wheel).size };
    measure(project, wheel); // warm the page cache
    const runs = Array.from({ length: opts.runs }, () => measure(project, wheel));
    const seconds = median(runs.map((r) => r.seconds));
    const rssMb = Math.max(...runs.map((r) => r.rssKb)) / 1024;
    const row = {
      wheel: wheel.slice(REPO.length + 1),
      members: stats.members,
      mb: stats.bytes / 1e6,
      archiveMb: stats.archiveBytes / 1e6,
      seconds,
      mbPerS: stats.bytes / 1e6 / seconds,
      membersPerS: stats.members / seconds,
      rssMb,
    };
    rows.push(row);
    console.log(
      `${row.wheel}: ${row.members} members, ${row.mb.toFixed(0)} MB (${row.archiveMb.toFixed(0)} MB zipped): ` +
        `${seconds.toFixed(2)} s median of ${opts.runs}, ${row.mbPerS.toFixed(0)} MB/s, ` +
        `${row.membersPerS.toFixed(0)} members/s, peak RSS ${rssMb.toFixed(0)} MB ` +
        `(${rssMb < TARGET_RSS_MB ? 'under' : 'OVER'} the ${TARGET_RSS_MB} MB target)`,
    );
    if (opts.tree) {
      // The same project without the wheel: what the tree check alone costs.
      const alone = Array.from({ length: opts.runs }, () => measure(project, undefined));
      console.log(
        `  without the wheel: ${median(alone.map((r) => r.seconds)).toFixed(2)} s, ` +
          `peak RSS ${(Math.max(...alone.map((r) => r.rssKb)) / 1024).toFixed(0)} MB`,
      );
    }
  }
  return rows;
}

main();
