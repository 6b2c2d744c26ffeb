/**
 * Large generated wheels for the archive benchmarks (bench/archive.mjs, the `archive` section of
 * bench/run.mjs).
 *
 * Owns: generating once under `<trees>/archive-<MB>mb-<members>/` (reused while its STAMP matches)
 * `project/` (a pyproject.toml, `benchwheel/m*\/f*.py` plus a few multi-MB
 * `benchwheel/data/blob_*.bin`, and the pyproject-manifest.txt written by the given bin's
 * `generate`) and `benchwheel-1.0-py3-none-any.whl` holding the same files deflated, with METADATA,
 * WHEEL and a valid RECORD — written by a small zip writer here, so the bench needs nothing but Node.
 * Must not: depend on randomness or the clock (a seeded generator: the same wheel on every machine),
 * or write outside its directory.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { initRepo } from './tree.mjs';

const NAME = 'benchwheel';
const VERSION = '1.0';
/** Bumped whenever the generated layout changes, so old trees are rebuilt rather than reused. */
const LAYOUT = 1;

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
export function ensureArchiveTree({ trees, sizeMb, members, bin, log = console.log }) {
  const dir = join(trees, `archive-${sizeMb}mb-${members}`);
  const stampFile = join(dir, 'STAMP');
  const stamp = JSON.stringify({ LAYOUT, sizeMb, members });
  const project = join(dir, 'project');
  const wheel = join(dir, `${NAME}-${VERSION}-py3-none-any.whl`);
  const statsFile = join(dir, 'stats.json');
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
    // Made before the inputs were their own repositories: one now (nothing else changes).
    if (!existsSync(join(project, '.git'))) initRepo(project);
    return { project, wheel, ...JSON.parse(readFileSync(statsFile, 'utf8')) };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(project, { recursive: true });
  initRepo(project);
  log(`generating ${dir} (${members} members, ${sizeMb} MB)…`);
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
  execFileSync(process.execPath, [bin, 'generate', '--root', project], { stdio: 'inherit' });
  writeFileSync(stampFile, stamp);
  log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { project, wheel, ...stats };
}
