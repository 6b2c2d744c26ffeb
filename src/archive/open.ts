/**
 * Open a built archive: the kind is recognised from the file's first bytes — gzip magic `1f 8b` for
 * an sdist, zip `PK\x03\x04` (or an empty zip's `PK\x05\x06`) for a wheel — and the extension is
 * only a hint, used to explain an unsupported file.
 *
 * Owns: choosing the reader and turning "cannot open" into ARCHIVE_UNREADABLE and "not an archive
 * we know" into ARCHIVE_UNSUPPORTED, each one line naming the file, and loading a reader only when an
 * archive of its kind is opened. Must not: read members itself.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { describeFileType, ManifestError } from '../errors.js';
import { oneLine } from './one-line.js';
import type { ArchiveListing, ReadArchiveOptions } from './types.js';

/** What the first bytes say. */
export function sniffArchive(head: Uint8Array): 'sdist' | 'wheel' | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'sdist';
  if (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6))
  ) {
    return 'wheel';
  }
  return undefined;
}

/**
 * The kind a file name promises: `.whl` a wheel, `.tar.gz` (or `.tgz`) an sdist; `unsupported`
 * for the names of formats Python packaging has dropped or never had (an sdist packed as `.zip`,
 * `.tar.bz2`, …), which are refused whatever their bytes; undefined for any other name.
 */
function kindFromName(file: string): 'sdist' | 'wheel' | 'unsupported' | undefined {
  if (/\.whl$/i.test(file)) return 'wheel';
  if (/\.tar\.gz$|\.tgz$/i.test(file)) return 'sdist';
  if (/\.(zip|tar|tar\.bz2|tbz|tar\.xz|txz|tar\.zst|tar\.Z|egg|exe)$/i.test(file))
    return 'unsupported';
  return undefined;
}

function expectedFromName(file: string): string {
  if (/\.whl$/i.test(file)) return 'a .whl file should be a zip archive';
  if (/\.tar\.gz$|\.tgz$/i.test(file))
    return 'a .tar.gz file should start with the gzip magic bytes';
  if (/\.(zip|tar|tar\.bz2|tar\.xz|tar\.zst)$/i.test(file))
    return 'sdists are .tar.gz and wheels are .whl';
  return 'pass an sdist (.tar.gz) or a wheel (.whl)';
}

function hexOf(head: Uint8Array): string {
  return Buffer.from(head)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

/**
 * Read one built archive into a listing, streaming.
 * @param file path of the archive (named as given in errors and findings)
 * @example const listing = await readArchive('dist/proj-1.0.tar.gz'); listing.kind === 'sdist'
 * @throws ManifestError ARCHIVE_UNREADABLE (missing, unreadable, truncated, corrupt) or
 *   ARCHIVE_UNSUPPORTED (neither gzip nor zip)
 */
export async function readArchive(
  file: string,
  options: ReadArchiveOptions = {},
): Promise<ArchiveListing> {
  let head: Uint8Array;
  let size: number;
  try {
    // Non-blocking, so that a FIFO opens at once; then only a regular file is read.
    const handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    try {
      const stat = await handle.stat();
      const type = describeFileType(stat);
      if (type !== undefined)
        throw Object.assign(new Error(`it is ${type}, not a regular file`), { code: 'ENOTREG' });
      size = stat.size;
      const buffer = Buffer.alloc(4);
      const { bytesRead } = await handle.read(buffer, 0, 4, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'the file does not exist'
        : code === 'EISDIR'
          ? 'it is a directory, not a regular file'
          : code === 'EACCES'
            ? 'permission denied'
            : oneLine((error as Error).message);
    throw new ManifestError('ARCHIVE_UNREADABLE', `cannot open the archive: ${reason}`, { file });
  }
  const kind = sniffArchive(head);
  const nameKind = kindFromName(file);
  if (nameKind === 'unsupported') {
    // docs/codes.md: sdists are .tar.gz and wheels are .whl (PEP 625, the wheel spec).
    throw new ManifestError(
      'ARCHIVE_UNSUPPORTED',
      'not an sdist (.tar.gz) or a wheel (.whl) by its name',
      {
        file,
        received:
          kind === undefined
            ? `first bytes ${hexOf(head)}`
            : `a ${kind === 'wheel' ? 'zip' : 'gzip'} file named ${file.split(/[\\/]/).pop() ?? file}`,
        hint: expectedFromName(file),
      },
    );
  }
  const withName = (listing: ArchiveListing): ArchiveListing =>
    nameKind !== undefined ? { ...listing, nameKind } : listing;
  // Each reader, and its library (tar-stream, yauzl), is loaded when first needed: most runs read
  // no archive, and a run that reads wheels need not hold the tar reader (bench/README.md).
  if (kind === 'sdist')
    return withName(await (await import('./sdist.js')).readSdist(file, size, options));
  if (kind === 'wheel')
    return withName(await (await import('./wheel.js')).readWheel(file, size, options));
  const hex = hexOf(head);
  throw new ManifestError(
    'ARCHIVE_UNSUPPORTED',
    'not a gzip-compressed tar (sdist) or a zip (wheel)',
    {
      file,
      received: head.length === 0 ? '(empty file)' : `first bytes ${hex}`,
      hint: expectedFromName(file),
    },
  );
}
