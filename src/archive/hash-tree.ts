/**
 * Digests: the one encoding of a hash that RECORD uses (urlsafe base64, no padding), for archive
 * members while they stream and for source-tree files, so that check.ts can compare the two.
 *
 * Owns: reading tree files for their bytes (streamed, never whole in memory) and the digest
 * encoding. Must not: decide anything — the pure checker compares; a missing tree file is simply
 * absent from the result (the tree validator reports MISSING_SOURCE).
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { ManifestError } from '../errors.js';

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

async function hashFile(full: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(full)) hash.update(chunk as Buffer);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new ManifestError('FILE_UNREADABLE', `cannot read ${full}: ${(error as Error).message}`, {
      file: full,
    });
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
    while (next < unique.length) {
      const path = unique[next++]!;
      const digest = await hashFile(join(root, ...path.split('/')));
      if (digest !== undefined) result.set(path, digest);
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, unique.length) }, worker));
  return result;
}
