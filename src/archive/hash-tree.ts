/**
 * Digests: the one encoding of a hash that RECORD uses (urlsafe base64, no padding), for archive
 * members while they stream and for source-tree files, so that check.ts can compare the two.
 *
 * Owns: reading tree files for their bytes (in chunks into a reused buffer, never whole in memory) and the digest
 * encoding. Must not: decide anything — the pure checker compares; a missing tree file is simply
 * absent from the result (the tree validator reports MISSING_SOURCE).
 */
import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { describeFileType, ManifestError } from '../errors.js';

/** Encode a digest the way RECORD writes it: base64url without `=` padding. */
export function encodeDigest(digest: Buffer): string {
  return digest.toString('base64url');
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
 * Read size per call. Each worker reuses one buffer: a read stream per file would allocate its own
 * 64 KiB chunks, and over thousands of files that garbage, not live data, set the peak RSS.
 */
const CHUNK = 256 * 1024;

async function hashFile(full: string, buffer: Buffer): Promise<string | undefined> {
  const hash = createHash('sha256');
  let handle: FileHandle | undefined;
  try {
    // Non-blocking, so that a FIFO opens at once; then only a regular file is read: a symlink to
    // a FIFO would block the read forever, one to /dev/zero would never end (issue #12).
    handle = await open(full, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const type = describeFileType(await handle.stat());
    if (type !== undefined) {
      const link = (await lstat(full)).isSymbolicLink() ? 'a symlink to ' : '';
      throw new ManifestError('FILE_UNREADABLE', `is ${link}${type}, not a regular file`, {
        file: full,
        hint: 'a manifest source must be a regular file (or a symlink to one)',
      });
    }
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } catch (error) {
    if (error instanceof ManifestError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ManifestError('FILE_UNREADABLE', `cannot read ${full}: ${(error as Error).message}`, {
      file: full,
    });
  } finally {
    await handle?.close();
  }
  return encodeDigest(hash.digest());
}

/**
 * sha256 (urlsafe base64, unpadded) of each tree file, streamed; symlinks are followed, as build
 * backends copy the target's bytes. Files that do not exist are left out of the result.
 * @param root the project root
 * @param paths project-relative, `/`-separated (the manifest's SRC values)
 * @example const hashes = await hashTreeFiles(root, ['src/pkg/__init__.py'])
 * @throws ManifestError FILE_UNREADABLE when a file exists but cannot be read
 */
export async function hashTreeFiles(
  root: string,
  paths: Iterable<string>,
): Promise<Map<string, string>> {
  const unique = [...new Set(paths)];
  const result = new Map<string, string>();
  // A few files in flight: enough to overlap I/O, few enough to keep open descriptors bounded.
  const inFlight = 16;
  let next = 0;
  const worker = async (): Promise<void> => {
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (next < unique.length) {
      const path = unique[next++]!;
      const digest = await hashFile(join(root, ...path.split('/')), buffer);
      if (digest !== undefined) result.set(path, digest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, unique.length) }, worker));
  return result;
}
