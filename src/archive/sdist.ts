/**
 * The sdist reader: a gzip-compressed tar, streamed through node:zlib and tar-stream (v3), which
 * applies PAX and GNU long-name headers (Python's tarfile writes PAX by default; publint's
 * hand-written reader missed them). Never extracts: each member's bytes are hashed as they pass
 * (with `namesOnly`, only passed over: a tar.gz has no index, so the stream is still read whole).
 *
 * Owns: turning the tar stream into an ArchiveListing, and turning every read failure into one
 * ManifestError naming the file. Must not: judge the names it reads (unsafe names, duplicates and
 * the root rule are check.ts's findings), nor hold a member or the archive in memory.
 */
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { extract, type Header } from 'tar-stream';
import { ManifestError } from '../errors.js';
import { createMultiHash } from './hash-tree.js';
import { oneLine } from './one-line.js';
import {
  DEFAULT_MAX_MEMBER_SIZE,
  DEFAULT_MAX_TOTAL_SIZE,
  type ArchiveEntry,
  type ArchiveListing,
  type ReadArchiveOptions,
} from './types.js';

export { oneLine };

/** Largest pyproject.toml kept as text. */
const MAX_TEXT = 1024 * 1024;

function kindOf(type: Header['type'] | null | undefined): ArchiveEntry['kind'] {
  switch (type) {
    case 'file':
    case 'contiguous-file':
    case undefined:
    case null:
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

/** Counts the bytes the gzip layer produces and stops the stream past `limit`. */
class ByteLimit extends Transform {
  total = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    if (this.total > this.limit) callback(new Error(`it expands to more than ${this.limit} bytes`));
    else callback(null, chunk);
  }
}

/**
 * Name relative to the sdist root: `{root}/a/b/` → `a/b`, `{root}/` → ''. A member outside the root
 * keeps its whole name (without a trailing `/`), so that check.ts can report it.
 */
function stripRoot(name: string, root: string): string {
  const trimmed = name.replace(/\/+$/, '');
  if (trimmed === root) return '';
  return trimmed.startsWith(`${root}/`) ? trimmed.slice(root.length + 1) : trimmed;
}

/**
 * List a `.tar.gz` sdist, streaming. Members keep their stored name in `path`; `relPath` has the
 * `{name}-{version}/` root (`root`, taken from the first member) stripped.
 * @param file the archive path, as the caller names it (used in errors and findings)
 * @param archiveSize the file's size in bytes (open.ts stats it)
 * @throws ManifestError ARCHIVE_UNREADABLE when the gzip or tar stream is truncated or corrupt
 * @example const listing = await readSdist('dist/proj-1.0.tar.gz', 1234)
 */
export async function readSdist(
  file: string,
  archiveSize: number,
  options: ReadArchiveOptions = {},
): Promise<ArchiveListing> {
  const maxMember = options.maxMemberSize ?? DEFAULT_MAX_MEMBER_SIZE;
  const limit = new ByteLimit(options.maxTotalSize ?? DEFAULT_MAX_TOTAL_SIZE);
  const tar = extract();
  const piping = pipeline(createReadStream(file), createGunzip(), limit, tar);
  // The loop below sees the same failure through the destroyed extractor; keep Node from
  // reporting this promise as unhandled before we await it.
  piping.catch(() => undefined);
  const entries: ArchiveEntry[] = [];
  let root: string | undefined;
  let pyprojectText: string | undefined;
  try {
    for await (const member of tar) {
      const header = member.header;
      const kind = kindOf(header.type);
      const size = header.size ?? 0;
      root ??= header.name.split('/')[0]!;
      const entry: ArchiveEntry = {
        path: header.name,
        relPath: stripRoot(header.name, root),
        kind,
        size,
        sha256: '',
      };
      if (header.mode !== undefined) entry.mode = header.mode & 0o7777;
      if ((kind === 'symlink' || kind === 'hardlink') && header.linkname)
        entry.linkTarget = header.linkname;
      if (kind === 'file' && size > maxMember) {
        entry.oversized = true;
        member.resume();
        await new Promise<void>((resolve, reject) =>
          member.once('end', resolve).once('error', reject),
        );
      } else if (kind === 'file' && !options.namesOnly) {
        const hash = createMultiHash(['sha256']);
        // The root's pyproject.toml is kept as text (check.ts reads its [tool.manifest] when it
        // tells an sdist built before the manifest from changed content, which names-only never
        // compares).
        const kept =
          entry.relPath === 'pyproject.toml' && pyprojectText === undefined && size <= MAX_TEXT
            ? ([] as Buffer[])
            : undefined;
        for await (const chunk of member) {
          hash.update(chunk as Buffer);
          kept?.push(chunk as Buffer);
        }
        entry.sha256 = hash.digest().sha256!;
        if (kept !== undefined) pyprojectText = Buffer.concat(kept).toString('utf8');
      } else {
        member.resume();
        await new Promise<void>((resolve, reject) =>
          member.once('end', resolve).once('error', reject),
        );
      }
      entries.push(entry);
    }
    await piping;
  } catch (error) {
    throw new ManifestError(
      'ARCHIVE_UNREADABLE',
      `cannot read the sdist: ${describeTarError(error)}`,
      {
        file,
        hint: 'rebuild it; a truncated download or a partial copy looks like this',
      },
    );
  }
  const listing: ArchiveListing = { file, kind: 'sdist', archiveSize, entries };
  if (root !== undefined) listing.root = root;
  if (pyprojectText !== undefined) listing.pyprojectText = pyprojectText;
  if (options.namesOnly) listing.namesOnly = true;
  return listing;
}

function describeTarError(error: unknown): string {
  const message = oneLine(error instanceof Error ? error.message : String(error));
  if (/unexpected end of file/i.test(message)) return 'the gzip stream is truncated';
  if (
    /incorrect header check|invalid|unknown compression/i.test(message) &&
    !/tar/i.test(message)
  ) {
    return `the gzip stream is corrupt (${message})`;
  }
  if (/unexpected end of data/i.test(message)) return 'the tar stream is truncated';
  return message;
}
