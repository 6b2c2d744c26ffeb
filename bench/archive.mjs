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
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..');
const DEFAULT_BIN = join(REPO, 'dist', 'cli', 'main.js');
/** The bin measured (and used to generate manifests): `--bin FILE`, or dist/cli/main.js. */
let BIN = DEFAULT_BIN;
const TREES = join(HERE, '.trees');
const TARGET_RSS_MB = 150;
const NAME = 'benchwheel';
const VERSION = '1.0';
/** Bumped whenever the generated layout changes, so old trees are rebuilt rather than reused. */
const LAYOUT = 1;

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

// --- a deterministic generator -----------------------------------------------------------------

/** xorshift32: the same tree and wheel on every machine, without storing them. */
function makeRandom(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/**
 * Member sizes summing to `totalBytes`: mostly small source-like files, plus a few multi-MB
 * ones (a bundled data file, a shared library), so that a member larger than any buffer is read.
 */
function planSizes(count, totalBytes, random) {
  const big = Math.min(8, Math.floor(count / 1000));
  const bigSize = Math.floor((totalBytes * 0.2) / Math.max(big, 1));
  const rest = totalBytes - big * bigSize;
  const small = count - big;
  const weights = Array.from({ length: small }, () => 1 + (random() % 1000) / 250);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.max(1, Math.floor((w / sum) * rest)));
  for (let i = 0; i < big; i++) sizes.push(bigSize);
  return sizes;
}

/** Half hex noise, half repeated text: deflate gets roughly 2:1, like real sources and data. */
function makeContent(size, random) {
  const out = Buffer.allocUnsafe(size);
  const text = Buffer.from('def handler(request, response):\n    return response.ok(request)\n');
  let i = 0;
  while (i < size) {
    const r = random();
    if (r & 1) {
      const run = Math.min(size - i, 64);
      for (let j = 0; j < run; j++) out[i + j] = 0x61 + ((random() >>> 3) % 16);
      i += run;
    } else {
      const n = text.copy(out, i, 0, Math.min(text.length, size - i));
      i += n;
    }
  }
  return out;
}

// --- a small zip writer (stored names, deflated data, no zip64: < 65,535 members, < 4 GiB) -----

function dosDateTime() {
  // 2023-11-14 22:13:20, as the fixture archives use.
  const time = (22 << 11) | (13 << 5) | (20 >> 1);
  const date = ((2023 - 1980) << 9) | (11 << 5) | 14;
  return { time, date };
}

class ZipWriter {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.offset = 0;
    this.central = [];
    this.count = 0;
  }
  write(buffer) {
    writeSync(this.fd, buffer);
    this.offset += buffer.length;
  }
  add(name, data) {
    const nameBytes = Buffer.from(name, 'utf8');
    const compressed = deflateRawSync(data, { level: 1 });
    const crc = crc32(data);
    const { time, date } = dosDateTime();
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const headerOffset = this.offset;
    this.write(local);
    this.write(nameBytes);
    this.write(compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38);
    central.writeUInt32LE(headerOffset, 42);
    this.central.push(central, nameBytes);
    this.count++;
  }
  close() {
    const start = this.offset;
    for (const part of this.central) this.write(part);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.count, 8);
    end.writeUInt16LE(this.count, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    this.write(end);
    closeSync(this.fd);
  }
}

const recordHash = (data) => createHash('sha256').update(data).digest('base64url');

// --- the project and its wheel -----------------------------------------------------------------

/**
 * bench/.trees/archive-<MB>mb-<members>/: `project/` (pyproject.toml, pyproject-manifest.txt, the package)
 * and `<name>-<version>-py3-none-any.whl`. Reused when its stamp matches.
 */
function ensureArchiveTree(sizeMb, members) {
  const dir = join(TREES, `archive-${sizeMb}mb-${members}`);
  const stampFile = join(dir, 'STAMP');
  const stamp = JSON.stringify({ LAYOUT, sizeMb, members });
  const project = join(dir, 'project');
  const wheel = join(dir, `${NAME}-${VERSION}-py3-none-any.whl`);
  const statsFile = join(dir, 'stats.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp)
    return { project, wheel, ...JSON.parse(readFileSync(statsFile, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  console.log(`generating ${dir} (${members} members, ${sizeMb} MB)…`);
  const started = performance.now();
  writeFileSync(
    join(project, 'pyproject.toml'),
    `[project]\nname = "${NAME}"\nversion = "${VERSION}"\n\n[tool.manifest]\n`,
  );
  const random = makeRandom(0x5eed + sizeMb * 7919 + members);
  const sizes = planSizes(members - 4, sizeMb * 1_000_000, random);
  const zip = new ZipWriter(wheel);
  const record = [];
  const perDir = 100;
  let bytes = 0;
  for (const [i, size] of sizes.entries()) {
    const rel =
      i >= sizes.length - 8 && size > 1_000_000
        ? `${NAME}/data/blob_${i}.bin`
        : `${NAME}/m${String(Math.floor(i / perDir)).padStart(4, '0')}/f${String(i).padStart(6, '0')}.py`;
    const data = makeContent(size, random);
    mkdirSync(dirname(join(project, rel)), { recursive: true });
    writeFileSync(join(project, rel), data);
    zip.add(rel, data);
    bytes += data.length;
    record.push(`${rel},sha256=${recordHash(data)},${data.length}`);
  }
  writeFileSync(join(project, NAME, '__init__.py'), '');
  const init = Buffer.alloc(0);
  zip.add(`${NAME}/__init__.py`, init);
  record.push(`${NAME}/__init__.py,sha256=${recordHash(init)},0`);
  const distInfo = `${NAME}-${VERSION}.dist-info`;
  const meta = {
    METADATA: `Metadata-Version: 2.1\nName: ${NAME}\nVersion: ${VERSION}\n`,
    WHEEL:
      'Wheel-Version: 1.0\nGenerator: bench/archive.mjs\nRoot-Is-Purelib: true\nTag: py3-none-any\n',
  };
  for (const [file, text] of Object.entries(meta)) {
    const data = Buffer.from(text);
    zip.add(`${distInfo}/${file}`, data);
    record.push(`${distInfo}/${file},sha256=${recordHash(data)},${data.length}`);
  }
  record.push(`${distInfo}/RECORD,,`);
  const recordBytes = Buffer.from(`${record.join('\n')}\n`);
  zip.add(`${distInfo}/RECORD`, recordBytes);
  zip.close();
  bytes += recordBytes.length + Object.values(meta).reduce((n, t) => n + Buffer.byteLength(t), 0);
  const stats = { members: zip.count, bytes };
  writeFileSync(statsFile, JSON.stringify(stats));
  execFileSync(process.execPath, [BIN, 'generate', '--root', project], { stdio: 'inherit' });
  writeFileSync(stampFile, stamp);
  console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { project, wheel, ...stats };
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
    const { project, wheel, ...counts } = ensureArchiveTree(sizeMb, members);
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
