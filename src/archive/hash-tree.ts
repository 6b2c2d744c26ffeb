/**
 * Digests: the one encoding of a hash that RECORD uses (urlsafe base64, no padding), for archive
 * members while they stream and for source-tree files, so that check.ts can compare the two.
 *
 * Owns: reading tree files for their bytes (in chunks into a reused buffer, never whole in
 * memory) and the digest encoding. Must not: decide anything — the pure checker compares; a missing tree file is simply
 * absent from the result (the tree validator reports MISSING_SOURCE).
 */
import * as crypto from 'node:crypto';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describeFileType, ManifestError } from '../errors.js';

/** Encode a digest the way RECORD writes it: base64url without `=` padding. */
export function encodeDigest(digest: Buffer): string {
  return digest.toString('base64url');
}

/** Node's one-shot hash (≥ 20.12): no Hash object per call. */
const oneShot = (
  crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'base64url') => string }
).hash;

/**
 * The sha256 of `data`, encoded as RECORD writes it. One call for a whole member or file (#11):
 * over thousands of small ones, a Hash object each cost ~3 µs more.
 */
export function sha256Digest(data: Buffer): string {
  return oneShot !== undefined
    ? oneShot('sha256', data, 'base64url')
    : encodeDigest(createHash('sha256').update(data).digest());
}

/**
 * Incremental hashes in several algorithms at once, fed chunk by chunk while a member streams.
 * @example const h = createMultiHash(['sha256']); h.update(chunk); h.digest() → { sha256: '…' }
 */
export function createMultiHash(algorithms: readonly string[]): {
  update(chunk: Buffer): void;
  digest(): Record<string, string>;
} {
  const hashes = new Map<string, Hash>(algorithms.map((a) => [a, createHash(a)]));
  return {
    update(chunk) {
      for (const hash of hashes.values()) hash.update(chunk);
    },
    digest() {
      const out: Record<string, string> = {};
      for (const [name, hash] of hashes) out[name] = encodeDigest(hash.digest());
      return out;
    },
  };
}

/**
 * Read size per call, into one buffer reused for every file: a read stream per file would allocate
 * its own 64 KiB chunks, and over thousands of files that garbage, not live data, set the peak RSS.
 */
const CHUNK = 256 * 1024;
/** Read size of the read that expects the end of a file (it may not find it: a file can grow). */
const PROBE = 4096;

function hashFile(full: string, buffer: Buffer, probe: Buffer): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, so that a FIFO opens at once; then only a regular file is read: a symlink to
    // a FIFO would block the read forever, one to /dev/zero would never end (issue #12).
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const stat = fstatSync(fd);
    // A symlink to a directory is a source of its own (MANIFEST-FORMAT.md §15.3), not hashed: its
    // files are, one by one, through linkedDirectoryFiles.
    if (stat.isDirectory() && lstatSync(full).isSymbolicLink()) return undefined;
    const type = describeFileType(stat);
    if (type !== undefined) {
      const link = lstatSync(full).isSymbolicLink() ? 'a symlink to ' : '';
      throw new ManifestError('FILE_UNREADABLE', `is ${link}${type}, not a regular file`, {
        file: full,
        hint: 'a manifest source must be a regular file (or a symlink to one)',
      });
    }
    const first = readSync(fd, buffer, 0, buffer.length, null);
    let more = 0;
    if (first < buffer.length) {
      // Nearly every file is read whole by the first read; the second, which finds the end, reads
      // into `probe` so that the first read's bytes are hashed in one call.
      more = readSync(fd, probe, 0, probe.length, null);
      if (more === 0) return sha256Digest(buffer.subarray(0, first));
    }
    const hash = createHash('sha256');
    hash.update(buffer.subarray(0, first));
    if (more > 0) hash.update(probe.subarray(0, more));
    for (;;) {
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return encodeDigest(hash.digest());
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ManifestError('FILE_UNREADABLE', `cannot read ${full}: ${(error as Error).message}`, {
      file: full,
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * sha256 (urlsafe base64, unpadded) of each tree file; symlinks are followed, as build backends
 * copy the target's bytes. Files that do not exist are left out of the result.
 *
 * One file at a time, with synchronous reads into one buffer: on files in the OS cache (a tree
 * just built from) a read is a copy, and the asynchronous reads this replaced cost more in round
 * trips through libuv's pool than the hashing itself (bench/README.md, the archive rows).
 * @param root the project root
 * @param paths project-relative, `/`-separated (the manifest's SRC values)
 * @example const hashes = await hashTreeFiles(root, ['src/pkg/__init__.py'])
 * @throws ManifestError FILE_UNREADABLE when a file exists but cannot be read
 */
export async function hashTreeFiles(
  root: string,
  paths: Iterable<string>,
): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const buffer = Buffer.allocUnsafe(CHUNK);
  const probe = Buffer.allocUnsafe(PROBE);
  for (const path of paths) {
    if (result.has(path)) continue;
    const digest = hashFile(join(root, ...path.split('/')), buffer, probe);
    if (digest !== undefined) result.set(path, digest);
  }
  return result;
}

/**
 * The `mod:`/`alt:` SRCs that are symlinks to directories (MANIFEST-FORMAT.md §15.3), each with the
 * paths below it, through the link, that are files and that an archive member names below the
 * line's DEST (a backend that follows the link ships them so). A DEST under `{data}/` is matched
 * below any `*.data/` directory; the checker maps it exactly.
 * @param entries the section's lines (others than `mod`/`alt` are passed over)
 * @param memberPaths the archive's member paths relative to the distribution (`relPath`)
 * @example linkedDirectoryFiles(root, manifest.sdist, ['pkg/assets/a.txt']) → Map { 'pkg/assets' => Set { 'a.txt' } }
 */
export function linkedDirectoryFiles(
  root: string,
  entries: readonly { kind: string; src?: string; dest: string }[],
  memberPaths: readonly string[],
): Map<string, Set<string>> {
  const result = new Map<string, Set<string>>();
  for (const entry of entries) {
    if ((entry.kind !== 'mod' && entry.kind !== 'alt') || entry.src === undefined) continue;
    const full = join(root, ...entry.src.split('/'));
    let linked = false;
    try {
      // Not found is the common answer for a manifest of missing files: no exception built for it.
      linked =
        lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink() === true &&
        statSync(full).isDirectory();
    } catch {
      linked = false;
    }
    if (!linked) continue;
    const files = result.get(entry.src) ?? new Set<string>();
    result.set(entry.src, files);
    const prefix = entry.dest.startsWith('{data}/')
      ? new RegExp(`^[^/]+\\.data/${escapeRegExp(entry.dest.slice('{data}/'.length))}/`)
      : undefined;
    for (const path of memberPaths) {
      let rest: string | undefined;
      if (prefix !== undefined) rest = prefix.exec(path) ? path.replace(prefix, '') : undefined;
      else if (path.startsWith(`${entry.dest}/`)) rest = path.slice(entry.dest.length + 1);
      // Only plain relative paths are looked up: `..`, `.`, empty segments or a NUL never are.
      if (rest === undefined || rest.includes('\0') || rest.split('/').some(isOddSegment)) continue;
      try {
        if (statSync(join(full, ...rest.split('/'))).isFile()) files.add(rest);
      } catch {
        // Not there through the link: the member is an extra file.
      }
    }
  }
  return result;
}

function isOddSegment(segment: string): boolean {
  return segment === '' || segment === '.' || segment === '..' || segment.includes('\\');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
