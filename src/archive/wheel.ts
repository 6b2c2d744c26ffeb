/**
 * The wheel reader: a zip, read with yauzl (v3) from the central directory, each member streamed
 * through its hashes, never extracted.
 *
 * Owns: turning the zip into an ArchiveListing (with RECORD parsed), and every read failure into
 * one ManifestError naming the file. Must not: judge names (check.ts does) — which is why names are
 * decoded here with `decodeStrings: false`: yauzl's own name validation would reject `../x` or an
 * absolute name with an error, and we want to report those as findings instead.
 *
 * Two phases over one open file: first the central directory (metadata only), then RECORD, then
 * each file's bytes, hashed in sha256 plus whatever stronger algorithm RECORD uses for it. That
 * needs the file open after the directory is read, so `autoClose` is off and the `finally` closes it.
 */
import { open as openFile, type FileHandle } from 'node:fs/promises';
import * as zlib from 'node:zlib';
import { getFileNameLowLevel, open as openZip, type Entry, type ZipFile } from 'yauzl';
import { ManifestError } from '../errors.js';
import { sizeVerdict } from './check.js';
import { createMultiHash } from './hash-tree.js';
import { parseRecord } from './record.js';
import { oneLine } from './sdist.js';
import {
  DEFAULT_MAX_MEMBER_SIZE,
  type ArchiveEntry,
  type ArchiveListing,
  type ReadArchiveOptions,
} from './types.js';

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFDIR = 0o040000;
/** Symlink targets are read into memory; beyond this they are not plausible. */
const MAX_LINK_TARGET = 4096;
/** RECORD is read into memory to be parsed; beyond this it is not read (and not verified). */
const MAX_RECORD = 64 * 1024 * 1024;
/**
 * Members up to this compressed size are read whole, with one read into a reused buffer, and
 * inflated synchronously (readSmallMember); larger ones stream through yauzl. With IN_FLIGHT
 * members at a time, at most IN_FLIGHT × (SMALL_MEMBER + its inflated size, which sizeVerdict
 * bounds) is held at once.
 */
const SMALL_MEMBER = 256 * 1024;
/** Members read concurrently: enough to overlap the file reads, few enough to bound memory. */
const IN_FLIGHT = 8;
/** Room for a local header's name and extra field beyond the central directory's (re-read if short). */
const HEADER_SLACK = 1024;
/**
 * yauzl checks sizes but not CRC-32, so a flipped byte inside a deflate stream can go unnoticed;
 * zlib.crc32 (Node ≥ 20.15) lets us check it while the bytes stream past.
 */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

function openWheel(file: string): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    openZip(
      file,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

function readEntries(zip: ZipFile): Promise<Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: Entry[] = [];
    zip.on('entry', (entry: Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

function openStream(zip: ZipFile, entry: Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)));
  });
}

async function readSmall(zip: ZipFile, entry: Entry, max: number): Promise<Buffer> {
  if (entry.uncompressedSize > max) throw new Error(`${nameOf(entry)} is larger than ${max} bytes`);
  const chunks: Buffer[] = [];
  for await (const chunk of await openStream(zip, entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Small members: the local header and the data in one read into a buffer reused by this worker,
 * then one synchronous inflate. Why not yauzl's read stream for every member: each opens a read
 * stream and a zlib stream — two reads, several objects and buffers, and a zlib state whose window
 * is allocated on a libuv worker thread — and over 20,000 members that garbage, not live data, set
 * the peak RSS (bench/README.md has the figures). yauzl still parses the central directory and
 * streams the large members. The checks are yauzl's: the local header signature, the declared
 * sizes (the inflated size is capped at the declared one), no encryption, deflate or stored.
 */
class SmallMemberReader {
  private readonly scratch: Buffer[] = [];
  constructor(private readonly handle: FileHandle) {}

  async read(entry: Entry, worker: number): Promise<Buffer> {
    if (entry.isEncrypted()) throw new Error(`${nameOf(entry)}: the member is encrypted`);
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw new Error(`unsupported compression method: ${entry.compressionMethod}`);
    const start = entry.relativeOffsetOfLocalHeader;
    let want = 30 + entry.fileNameLength + entry.extraFieldLength + entry.compressedSize;
    want += HEADER_SLACK;
    let buffer = this.buffer(worker, want);
    let { bytesRead } = await this.handle.read(buffer, 0, want, start);
    if (bytesRead < 30 || buffer.readUInt32LE(0) !== 0x04034b50)
      throw new Error(`${nameOf(entry)}: invalid local file header`);
    const dataStart = 30 + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
    const dataEnd = dataStart + entry.compressedSize;
    if (dataEnd > bytesRead) {
      // A local extra field longer than the slack: read again, now that its length is known.
      if (dataEnd > want) {
        buffer = this.buffer(worker, dataEnd);
        ({ bytesRead } = await this.handle.read(buffer, 0, dataEnd, start));
      }
      if (dataEnd > bytesRead) throw new Error(`${nameOf(entry)}: the data is truncated`);
    }
    const stored = buffer.subarray(dataStart, dataEnd);
    const data =
      entry.compressionMethod === 8
        ? zlib.inflateRawSync(stored, { maxOutputLength: Math.max(1, entry.uncompressedSize) })
        : stored;
    if (data.length !== entry.uncompressedSize) {
      throw new Error(
        `${nameOf(entry)}: expected ${entry.uncompressedSize} bytes, found ${data.length}`,
      );
    }
    return data;
  }

  private buffer(worker: number, size: number): Buffer {
    const current = this.scratch[worker];
    if (current !== undefined && current.length >= size) return current;
    const fresh = Buffer.allocUnsafe(Math.max(size, SMALL_MEMBER + HEADER_SLACK));
    this.scratch[worker] = fresh;
    return fresh;
  }
}

function setDigests(item: ArchiveEntry, algorithms: readonly string[], chunks: Buffer[]): void {
  const hash = createMultiHash(algorithms);
  for (const chunk of chunks) hash.update(chunk);
  assignDigests(item, hash.digest());
}

function assignDigests(item: ArchiveEntry, digests: Record<string, string>): void {
  const { sha256, ...others } = digests;
  item.sha256 = sha256!;
  if (Object.keys(others).length > 0) item.digests = others;
}

/** Run `jobs` with at most `limit` in flight; the first failure rejects (the rest are dropped). */
async function runPool(
  jobs: readonly ((worker: number) => Promise<void>)[],
  limit: number,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async (id: number): Promise<void> => {
    while (!failed && next < jobs.length) {
      const job = jobs[next++]!;
      try {
        await job(id);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, (_, id) => worker(id)));
}

function nameOf(entry: Entry): string {
  // Strict mode keeps backslashes, so check.ts can report them.
  return getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
}

function unixMode(entry: Entry): number | undefined {
  const madeBy = entry.versionMadeBy >> 8;
  // 3 = Unix; other hosts do not store a mode in the high word of the external attributes.
  return madeBy === 3 ? (entry.externalFileAttributes >>> 16) & 0xffff : undefined;
}

/**
 * List a `.whl`, streaming each member through its hashes. `record` holds the parsed rows of the
 * single top-level `*.dist-info/RECORD`, when there is exactly one.
 * @param file the archive path, as the caller names it
 * @param archiveSize the file's size in bytes
 * @throws ManifestError ARCHIVE_UNREADABLE when the zip is truncated or corrupt, or a member cannot
 *   be decompressed
 * @example const listing = await readWheel('dist/proj-1.0-py3-none-any.whl', 2048)
 */
export async function readWheel(
  file: string,
  archiveSize: number,
  options: ReadArchiveOptions = {},
): Promise<ArchiveListing> {
  const maxMember = options.maxMemberSize ?? DEFAULT_MAX_MEMBER_SIZE;
  let zip: ZipFile | undefined;
  let handle: FileHandle | undefined;
  try {
    zip = await openWheel(file);
    const raw = await readEntries(zip);
    const named = raw.map((entry) => ({ entry, name: nameOf(entry) }));
    const listing: ArchiveListing = { file, kind: 'wheel', archiveSize, entries: [] };

    const records = named.filter(({ name }) => /^[^/]+\.dist-info\/RECORD$/.test(name));
    const extra = new Map<string, string[]>();
    if (records.length === 1 && records[0]!.entry.uncompressedSize <= MAX_RECORD) {
      const record = records[0]!;
      const text = (await readSmall(zip, record.entry, MAX_RECORD)).toString('utf8');
      const { rows, problems } = parseRecord(text);
      listing.record = rows;
      listing.recordProblems = problems;
      listing.recordPath = record.name;
      for (const row of rows) {
        if (row.algorithm === 'sha384' || row.algorithm === 'sha512') {
          extra.set(row.path, [...(extra.get(row.path) ?? []), row.algorithm]);
        }
      }
    }

    // Members are read a few at a time (see IN_FLIGHT) and listed in archive order.
    handle = await openFile(file, 'r');
    const small = new SmallMemberReader(handle);
    const jobs: ((worker: number) => Promise<void>)[] = [];
    for (const { entry, name } of named) {
      const mode = unixMode(entry);
      const type = mode !== undefined ? mode & S_IFMT : 0;
      const kind: ArchiveEntry['kind'] =
        name.endsWith('/') || type === S_IFDIR ? 'dir' : type === S_IFLNK ? 'symlink' : 'file';
      const item: ArchiveEntry = {
        path: name,
        relPath: name.replace(/\/+$/, ''),
        kind,
        size: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
        sha256: '',
      };
      if (mode !== undefined) item.mode = mode & 0o7777;
      listing.entries.push(item);
      const algorithms = ['sha256', ...(extra.get(item.relPath) ?? [])];
      if (kind === 'symlink') {
        jobs.push(async () => {
          const target = await readSmall(zip!, entry, MAX_LINK_TARGET);
          item.linkTarget = target.toString('utf8');
          // A zip stores the target as the member's bytes, and RECORD hashes those bytes.
          setDigests(item, algorithms, [target]);
        });
      } else if (
        kind === 'file' &&
        sizeVerdict(entry.uncompressedSize, entry.compressedSize, maxMember)
      ) {
        item.oversized = true;
      } else if (kind === 'file') {
        jobs.push(async (worker) => {
          const chunks =
            entry.compressedSize <= SMALL_MEMBER
              ? [await small!.read(entry, worker)]
              : await openStream(zip!, entry);
          let crc = 0;
          const hash = createMultiHash(algorithms);
          for await (const chunk of chunks) {
            hash.update(chunk as Buffer);
            if (crc32) crc = crc32(chunk as Buffer, crc);
          }
          if (crc32 && crc >>> 0 !== entry.crc32 >>> 0)
            throw new Error(`${name}: CRC-32 mismatch, the data is corrupt`);
          assignDigests(item, hash.digest());
        });
      }
    }
    await runPool(jobs, IN_FLIGHT);
    return listing;
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    const message = oneLine(error instanceof Error ? error.message : String(error));
    throw new ManifestError('ARCHIVE_UNREADABLE', `cannot read the wheel: ${message}`, {
      file,
      hint: 'rebuild it; a truncated download or a partial copy looks like this',
    });
  } finally {
    zip?.close();
    await handle?.close();
  }
}
