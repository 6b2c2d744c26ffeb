/**
 * The wheel reader: a zip, read with yauzl (v3) from the central directory, each member's bytes
 * hashed as they are read, never extracted.
 *
 * Owns: turning the zip into an ArchiveListing (with RECORD parsed), and every read failure into
 * one ManifestError naming the file. Must not: judge names (check.ts does) — which is why names are
 * decoded here with `decodeStrings: false`: yauzl's own name validation would reject `../x` or an
 * absolute name with an error, and we want to report those as findings instead.
 *
 * Two phases over one open file: first the central directory (metadata only), then RECORD, then
 * each file's bytes, hashed in sha256 plus whatever stronger algorithm RECORD uses for it. That
 * needs the file open after the directory is read, so `autoClose` is off and the `finally` closes it.
 * With `namesOnly` the second phase reads RECORD and symlink targets only: no member is inflated.
 *
 * Speed (bench/README.md, the archive rows): the file is read with synchronous reads at positions,
 * which on a cached file cost a copy, where each asynchronous read costs a round trip through
 * libuv's pool. yauzl reads the central directory through `FdReader.read` (two small reads per
 * entry: through its own fd reader they were ~40 µs each, through this one ~1 µs), and the members
 * up to SMALL_MEMBER compressed, or up to WHOLE_MEMBER in both sizes, are read and inflated here
 * in one synchronous step each. Larger members still stream through yauzl, in chunks.
 *
 * Memory: peak RSS must not grow with the archive's bytes, and should grow little with its member
 * count (bench/README.md, target < 150 MB for the whole `validate` of a 20,000-member wheel). So
 * each central-directory entry is turned at once into a compact ZipMember (yauzl's Entry, with its
 * three Buffers and ~25 fields, is kept only for the few members that yauzl streams), members are
 * read by index from that array, and a member larger than WHOLE_MEMBER (compressed or inflated,
 * unless it is at most SMALL_MEMBER compressed) is never held whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import {
  fromRandomAccessReader,
  getFileNameLowLevel,
  RandomAccessReader,
  type Entry,
  type ZipFile,
} from 'yauzl';
import { ManifestError } from '../errors.js';
import { sizeVerdict } from './check.js';
import { createMultiHash, sha256Digest } from './hash-tree.js';
import { parseRecord } from './record.js';
import { oneLine } from './one-line.js';
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
 * inflated synchronously (SmallMemberReader); larger ones stream through yauzl, unless WHOLE_MEMBER
 * bounds them. One member is read at a time, so at most SMALL_MEMBER (or WHOLE_MEMBER) + its
 * inflated size (which sizeVerdict bounds) is held.
 */
const SMALL_MEMBER = 256 * 1024;
/**
 * Members that declare at most this many bytes, stored or compressed in no more, are read whole
 * too (a wheel's few multi-MB extension modules and data files): one synchronous read and inflate
 * instead of a read stream piped through zlib on libuv's pool, at most twice this much held. Above
 * it they stream, so the peak stays the same whatever the archive's size.
 */
const WHOLE_MEMBER = 4 * 1024 * 1024;
/**
 * The most a small member's inflated bytes are produced in at once (see SmallMemberReader): a
 * member read whole is inflated into one buffer, not into pieces joined afterwards.
 */
const INFLATE_CHUNK = WHOLE_MEMBER;
/** Read size of the central directory, and of a member streamed through yauzl. */
const READ_BLOCK = 256 * 1024;
/** Read size of a member streamed through yauzl. */
const STREAM_CHUNK = 256 * 1024;
/** The one RECORD a wheel may hold, in its top-level `.dist-info/`. */
const RECORD_NAME = /^[^/]+\.dist-info\/RECORD$/;
const SHA256_ONLY: readonly string[] = ['sha256'];
/** Room for a local header's name and extra field beyond the central directory's (re-read if short). */
const HEADER_SLACK = 1024;
/**
 * yauzl checks sizes but not CRC-32, so a flipped byte inside a deflate stream can go unnoticed;
 * zlib.crc32 (Node ≥ 20.15) lets us check it while the bytes stream past.
 */
const crc32 = (zlib as { crc32?: (data: Buffer, value?: number) => number }).crc32;

/**
 * yauzl's view of the open file (its documented RandomAccessReader): `read` is a synchronous read
 * at a position with the callback deferred (yauzl expects fs.read's asynchronous contract, and a
 * callback run at once would nest one stack frame per central-directory entry); large members
 * stream from the same descriptor.
 */
class FdReader extends RandomAccessReader {
  /** The last block read, and where it starts: the central directory is read in order. */
  private block = Buffer.allocUnsafe(READ_BLOCK);
  private blockStart = 0;
  private blockLength = 0;

  constructor(private readonly fd: number) {
    super();
  }

  override read(
    buffer: Buffer,
    offset: number,
    length: number,
    position: number,
    callback: (err: Error | null, bytesRead?: number) => void,
  ): void {
    let bytesRead: number;
    try {
      bytesRead = this.readAt(buffer, offset, length, position);
    } catch (error) {
      process.nextTick(callback, error as Error);
      return;
    }
    process.nextTick(callback, null, bytesRead);
  }

  /** Copy from the block when it holds the range (nearly every read); else read a block there. */
  private readAt(buffer: Buffer, offset: number, length: number, position: number): number {
    if (length > READ_BLOCK) return readSync(this.fd, buffer, offset, length, position);
    let start = position - this.blockStart;
    if (start < 0 || start + length > this.blockLength) {
      this.blockStart = position;
      this.blockLength = readSync(this.fd, this.block, 0, READ_BLOCK, position);
      start = 0;
    }
    const end = Math.min(start + length, this.blockLength);
    return this.block.copy(buffer, offset, start, end);
  }

  override _readStreamForRange(start: number, end: number): Readable {
    // Not fs.createReadStream on the descriptor: destroying that stream (as yauzl does once a
    // member is read) closes the descriptor, whatever `autoClose` says.
    const fd = this.fd;
    let position = start;
    return new Readable({
      highWaterMark: STREAM_CHUNK,
      read() {
        const length = Math.min(STREAM_CHUNK, end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        try {
          const chunk = Buffer.allocUnsafe(length);
          const bytesRead = readSync(fd, chunk, 0, length, position);
          position += bytesRead;
          // Fewer bytes than asked for: yauzl reports the member as truncated.
          this.push(bytesRead === 0 ? null : chunk.subarray(0, bytesRead));
        } catch (error) {
          this.destroy(error as Error);
        }
      },
    });
  }

  override close(callback: (err: Error | null) => void): void {
    // The descriptor is readWheel's, closed in its `finally`.
    process.nextTick(callback, null);
  }
}

function openWheel(fd: number, size: number): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    fromRandomAccessReader(
      new FdReader(fd),
      size,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true },
      (err, zip) => (err ? reject(err) : resolve(zip)),
    );
  });
}

/**
 * What the reader keeps of one central-directory entry until its bytes are read: the listing's
 * item plus what reading the local header and data needs.
 */
interface ZipMember {
  item: ArchiveEntry;
  /** Offset of the local header (after yauzl's zip64 handling). */
  offset: number;
  crc32: number;
  /** 0 stored, 8 deflate (others are refused when read). */
  method: number;
  encrypted: boolean;
  /** Central-directory name and extra lengths: the local ones usually match (re-read if not). */
  headerLength: number;
  /** Only for members streamed through yauzl (large files, symlinks, RECORD). */
  entry?: Entry;
  /** The central directory's name bytes, to compare with the local header's. */
  rawName: Buffer;
}

function toMember(entry: Entry): ZipMember {
  const name = nameOf(entry);
  const unicodeName = unicodeNameOf(entry, name);
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
  if (unicodeName !== undefined) item.unicodeName = unicodeName;
  const member: ZipMember = {
    item,
    offset: entry.relativeOffsetOfLocalHeader,
    crc32: entry.crc32,
    method: entry.compressionMethod,
    encrypted: entry.isEncrypted(),
    headerLength: entry.fileNameLength + entry.extraFieldLength,
    rawName: entry.fileNameRaw,
  };
  if (kind === 'symlink' || !readsWhole(entry) || RECORD_NAME.test(name)) member.entry = entry;
  return member;
}

/** Whether a member's bytes are read in one step (SmallMemberReader) rather than streamed. */
function readsWhole(sizes: { compressedSize: number; uncompressedSize: number }): boolean {
  return (
    sizes.compressedSize <= SMALL_MEMBER ||
    (sizes.compressedSize <= WHOLE_MEMBER && sizes.uncompressedSize <= WHOLE_MEMBER)
  );
}

function readMembers(zip: ZipFile): Promise<ZipMember[]> {
  return new Promise((resolve, reject) => {
    const members: ZipMember[] = [];
    zip.on('entry', (entry: Entry) => {
      members.push(toMember(entry));
      zip.readEntry();
    });
    zip.once('end', () => resolve(members));
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
 * Small members: the local header and the data in one synchronous read into a reused buffer, then
 * one synchronous inflate. Why not yauzl's read stream for every member: each opens a read stream
 * and a zlib stream — two reads, several objects and buffers, and a zlib state whose window is
 * allocated on a libuv worker thread — and over 20,000 members that garbage, not live data, set the
 * peak RSS, while the round trips set the time (bench/README.md has the figures). yauzl still
 * parses the central directory and streams the large members. The checks are yauzl's: the local
 * header signature, the declared sizes (the inflated size is capped at the declared one), no
 * encryption, deflate or stored.
 */
class SmallMemberReader {
  private scratch = Buffer.allocUnsafe(SMALL_MEMBER + HEADER_SLACK);
  constructor(private readonly fd: number) {}

  /**
   * The name in the member's local header when it differs from the central directory's (for the
   * members whose bytes are not read here): the header and name in one read into the reused buffer.
   */
  localName(member: ZipMember): string | undefined {
    const want = 30 + member.headerLength + HEADER_SLACK;
    let buffer = this.buffer(want);
    let bytesRead = readSync(this.fd, buffer, 0, want, member.offset);
    if (bytesRead < 30 || buffer.readUInt32LE(0) !== 0x04034b50)
      throw new Error(`${member.item.path}: invalid local file header`);
    const end = 30 + buffer.readUInt16LE(26);
    if (end > bytesRead) {
      // A local name longer than the central one and the slack: read again, now that its length
      // is known (a name cut short by the end of the file reads as zero bytes).
      buffer = this.buffer(end);
      bytesRead = readSync(this.fd, buffer, 0, end, member.offset);
      if (bytesRead < end) buffer.fill(0, bytesRead, end);
    }
    return localNameOf(member, buffer.subarray(0, end));
  }

  read(member: ZipMember): Buffer {
    const { item } = member;
    const compressedSize = item.compressedSize ?? 0;
    if (member.encrypted) throw new Error(`${item.path}: the member is encrypted`);
    if (member.method !== 0 && member.method !== 8)
      throw new Error(`unsupported compression method: ${member.method}`);
    const start = member.offset;
    const want = 30 + member.headerLength + compressedSize + HEADER_SLACK;
    let buffer = this.buffer(want);
    let bytesRead = readSync(this.fd, buffer, 0, want, start);
    if (bytesRead < 30 || buffer.readUInt32LE(0) !== 0x04034b50)
      throw new Error(`${item.path}: invalid local file header`);
    const dataStart = 30 + buffer.readUInt16LE(26) + buffer.readUInt16LE(28);
    const dataEnd = dataStart + compressedSize;
    if (dataEnd > bytesRead) {
      // A local extra field longer than the slack: read again, now that its length is known.
      if (dataEnd > want) {
        buffer = this.buffer(dataEnd);
        bytesRead = readSync(this.fd, buffer, 0, dataEnd, start);
      }
      if (dataEnd > bytesRead) throw new Error(`${item.path}: the data is truncated`);
    }
    // Only now is the whole local name in the buffer, however long (it was not compared when it
    // ran past the first read, issue #11).
    const local = localNameOf(member, buffer);
    if (local !== undefined) item.localName = local;
    const stored = buffer.subarray(dataStart, dataEnd);
    // Output chunks of the declared size (up to a limit): one buffer, not 16 KiB pieces joined.
    const data =
      member.method === 8
        ? zlib.inflateRawSync(stored, {
            maxOutputLength: Math.max(1, item.size),
            chunkSize: Math.min(Math.max(item.size, 64), INFLATE_CHUNK),
          })
        : stored;
    if (data.length !== item.size) {
      throw new Error(`${item.path}: expected ${item.size} bytes, found ${data.length}`);
    }
    return data;
  }

  private buffer(size: number): Buffer {
    if (this.scratch.length < size) this.scratch = Buffer.allocUnsafe(size);
    return this.scratch;
  }
}

/**
 * Throws when the CRC-32 of a member's bytes (undefined where zlib.crc32 is missing) is not the
 * stored one.
 */
function checkCrc(member: ZipMember, crc: number | undefined): void {
  if (crc !== undefined && crc >>> 0 !== member.crc32 >>> 0)
    throw new Error(`${member.item.path}: CRC-32 mismatch, the data is corrupt`);
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

/**
 * The member's raw name, as Python's zipfile (and so pip) reads it: UTF-8 when flag bit 11 says
 * so, else CP437, and never the Info-ZIP Unicode Path extra field, which yauzl would prefer (a safe
 * name there can hide a raw `../../evil.py`; issue #12). Strict mode keeps backslashes, so check.ts
 * can report them.
 */
function nameOf(entry: Entry): string {
  return getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileNameRaw, [], true);
}

/** The name the Unicode Path extra field gives, when it differs from the raw name. */
function unicodeNameOf(entry: Entry, raw: string): string | undefined {
  if (!entry.extraFields.some((field) => field.id === 0x7075)) return undefined;
  const name = getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
  return name === raw ? undefined : name;
}

/**
 * The name in a member's local header, when its bytes differ from the central directory's:
 * `header` holds at least the local header's 30 bytes and its name.
 */
function localNameOf(member: ZipMember, header: Buffer): string | undefined {
  const length = header.readUInt16LE(26);
  const local = header.subarray(30, 30 + length);
  if (local.equals(member.rawName)) return undefined;
  return getFileNameLowLevel(header.readUInt16LE(6), Buffer.from(local), [], true);
}

function unixMode(entry: Entry): number | undefined {
  const madeBy = entry.versionMadeBy >> 8;
  // 3 = Unix; other hosts do not store a mode in the high word of the external attributes.
  return madeBy === 3 ? (entry.externalFileAttributes >>> 16) & 0xffff : undefined;
}

/**
 * List a `.whl`, reading each member's bytes through its hashes (with `namesOnly`, none but RECORD
 * and symlink targets). `record` holds the parsed rows of the single top-level `*.dist-info/RECORD`,
 * when there is exactly one.
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
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    zip = await openWheel(fd, archiveSize);
    const members = await readMembers(zip);
    const listing: ArchiveListing = {
      file,
      kind: 'wheel',
      archiveSize,
      entries: members.map((m) => m.item),
    };
    if (options.namesOnly) listing.namesOnly = true;

    const records = members.filter((m) => RECORD_NAME.test(m.item.path));
    const extra = new Map<string, string[]>();
    const small = new SmallMemberReader(fd);
    if (records.length === 1 && records[0]!.item.size <= MAX_RECORD) {
      const record = records[0]!;
      const { item } = record;
      // Like any other member read whole (a 20,000-row RECORD is ~2 MB): no stream, no await.
      const bytes =
        item.kind === 'file' &&
        readsWhole({ compressedSize: item.compressedSize ?? 0, uncompressedSize: item.size })
          ? small.read(record)
          : await readSmall(zip, record.entry!, MAX_RECORD);
      const text = bytes.toString('utf8');
      const { rows, problems } = parseRecord(text);
      listing.record = rows;
      listing.recordProblems = problems;
      listing.recordPath = record.item.path;
      for (const row of rows) {
        if (row.algorithm === 'sha384' || row.algorithm === 'sha512') {
          extra.set(row.path, [...(extra.get(row.path) ?? []), row.algorithm]);
        }
      }
    }
    for (const member of members) {
      const { item } = member;
      if (item.kind === 'file' && sizeVerdict(item.size, item.compressedSize, maxMember))
        item.oversized = true;
    }

    // Members in archive order, one at a time: the small ones with no await at all.
    for (let index = 0; index < members.length; index++) {
      const member = members[index]!;
      const { item } = member;
      const readsSmall =
        item.kind === 'file' &&
        !item.oversized &&
        !options.namesOnly &&
        (member.entry === undefined || (item.compressedSize ?? 0) <= SMALL_MEMBER);
      // The small-member read sees the local header anyway; any other member's is read for its
      // name alone (a local name that differs from the central one is a finding, issue #12).
      if (!readsSmall) {
        const local = small.localName(member);
        if (local !== undefined) item.localName = local;
      }
      if (item.oversized || (item.kind !== 'file' && item.kind !== 'symlink')) continue;
      if (options.namesOnly && item.kind === 'file') continue;
      const more = extra.get(item.relPath);
      const algorithms = more === undefined ? SHA256_ONLY : ['sha256', ...more];
      if (item.kind === 'symlink') {
        const target = await readSmall(zip, member.entry!, MAX_LINK_TARGET);
        item.linkTarget = target.toString('utf8');
        // A zip stores the target as the member's bytes, and RECORD hashes those bytes.
        setDigests(item, algorithms, [target]);
        continue;
      }
      if (readsSmall) {
        const data = small.read(member);
        checkCrc(member, crc32?.(data));
        // Nearly every member: sha256 alone, with no per-member table of hashes.
        if (more === undefined) item.sha256 = sha256Digest(data);
        else setDigests(item, algorithms, [data]);
        continue;
      }
      const hash = createMultiHash(algorithms);
      let crc = 0;
      for await (const chunk of await openStream(zip, member.entry!)) {
        hash.update(chunk as Buffer);
        if (crc32) crc = crc32(chunk as Buffer, crc);
      }
      checkCrc(member, crc32 && crc);
      assignDigests(item, hash.digest());
    }
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
    if (fd !== undefined) closeSync(fd);
  }
}
