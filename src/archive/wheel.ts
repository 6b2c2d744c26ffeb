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
      if (kind === 'symlink') {
        const target = await readSmall(zip, entry, MAX_LINK_TARGET);
        item.linkTarget = target.toString('utf8');
        // A zip stores the target as the member's bytes, and RECORD hashes those bytes.
        const hash = createMultiHash(['sha256', ...(extra.get(item.relPath) ?? [])]);
        hash.update(target);
        const { sha256, ...others } = hash.digest();
        item.sha256 = sha256!;
        if (Object.keys(others).length > 0) item.digests = others;
      } else if (
        kind === 'file' &&
        sizeVerdict(entry.uncompressedSize, entry.compressedSize, maxMember)
      ) {
        item.oversized = true;
      } else if (kind === 'file') {
        const algorithms = ['sha256', ...(extra.get(item.relPath) ?? [])];
        const hash = createMultiHash(algorithms);
        let crc = 0;
        for await (const chunk of await openStream(zip, entry)) {
          hash.update(chunk as Buffer);
          if (crc32) crc = crc32(chunk as Buffer, crc);
        }
        if (crc32 && crc >>> 0 !== entry.crc32 >>> 0)
          throw new Error(`${name}: CRC-32 mismatch, the data is corrupt`);
        const { sha256, ...others } = hash.digest();
        item.sha256 = sha256!;
        if (Object.keys(others).length > 0) item.digests = others;
      }
      listing.entries.push(item);
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
  }
}
