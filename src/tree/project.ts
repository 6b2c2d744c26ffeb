/**
 * Locating a project and reading its two inputs: pyproject.toml and the manifest file.
 *
 * Owns: the upward search for pyproject.toml (like git's search for .git) and turning read
 * failures into one-line ManifestErrors. Must not: parse anything.
 */
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, existsSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFileType, ManifestError } from '../errors.js';

/** The default manifest file name, next to pyproject.toml (MANIFEST-FORMAT.md §1). */
export const DEFAULT_MANIFEST_FILE = 'pyproject-manifest.txt';

/**
 * The nearest directory at or above `start` that holds a pyproject.toml (or, with `markers`, any
 * of those files: `manifest init` also starts from a setup.py/setup.cfg-only project).
 * @throws ManifestError PROJECT_NOT_FOUND
 */
export function findProjectRoot(
  start: string,
  markers: readonly string[] = ['pyproject.toml'],
): string {
  let dir = resolve(start);
  for (;;) {
    if (markers.some((m) => existsSync(join(dir, m)))) return dir;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new ManifestError(
    'PROJECT_NOT_FOUND',
    `no pyproject.toml in ${resolve(start)} or any parent directory`,
    {
      hint: 'run inside a Python project, or pass --root DIR',
    },
  );
}

/**
 * Read a UTF-8 text file of the project.
 * @param label how to name the file in messages (project-relative)
 * @throws ManifestError with `missingCode` when absent, FILE_UNREADABLE otherwise
 */
export function readTextFile(
  path: string,
  label: string,
  missingCode: 'PROJECT_NOT_FOUND' | 'MANIFEST_NOT_FOUND' | 'FILE_UNREADABLE' = 'FILE_UNREADABLE',
  missingHint?: string,
): string {
  let bytes: Buffer;
  let fd: number | undefined;
  try {
    // Non-blocking, so that opening a FIFO returns at once; then only a regular file is read
    // (a FIFO would block the read forever, a device such as /dev/zero never ends).
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    const kind = describeFileType(fstatSync(fd));
    if (kind !== undefined) {
      throw new ManifestError('FILE_UNREADABLE', `is ${kind}, not a regular file`, {
        file: label,
        hint: 'name a regular file',
      });
    }
    bytes = readFileSync(fd);
  } catch (cause) {
    if (cause instanceof ManifestError) throw cause;
    const code = (cause as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new ManifestError(missingCode, 'does not exist', {
        file: label,
        ...(missingHint !== undefined ? { hint: missingHint } : {}),
      });
    }
    if (code === 'EISDIR') {
      throw new ManifestError('FILE_UNREADABLE', 'is a directory, not a file', {
        file: label,
        hint: 'name a file',
      });
    }
    throw new ManifestError('FILE_UNREADABLE', `cannot be read (${code ?? String(cause)})`, {
      file: label,
      hint: 'check the file permissions',
    });
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  // Validated first, then decoded as it is (a BOM kept: the parser reports it): a manifest of
  // 100,000 lines is ~13 MB, and this is several times faster than a fatal TextDecoder.
  if (!isUtf8(bytes)) {
    throw new ManifestError('FILE_UNREADABLE', 'is not valid UTF-8', {
      file: label,
      ...locateInvalidUtf8(bytes),
      hint: 'save the file as UTF-8',
    });
  }
  return bytes.toString('utf8');
}

/**
 * Line and column (in characters, MANIFEST-FORMAT.md's Terms) of the first byte of `bytes` that
 * does not start or continue a valid UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
 * nothing above U+10FFFF). Called only once decoding has failed.
 */
export function locateInvalidUtf8(bytes: Uint8Array): { line: number; column: number } {
  let line = 1;
  let column = 1;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      if (lead === 0x0a) {
        line++;
        column = 1;
      } else column++;
      i++;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf
        ? 2
        : lead >= 0xe0 && lead <= 0xef
          ? 3
          : lead >= 0xf0 && lead <= 0xf4
            ? 4
            : 0;
    if (length === 0) break;
    // The second byte's range is narrower after E0, ED, F0 and F4 (RFC 3629 §4).
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    let valid = i + length <= bytes.length;
    for (let k = 1; valid && k < length; k++) {
      const byte = bytes[i + k]!;
      valid = k === 1 ? byte >= low && byte <= high : byte >= 0x80 && byte <= 0xbf;
    }
    if (!valid) break;
    i += length;
    column++;
  }
  return { line, column };
}

/** Like readTextFile, but undefined when the file does not exist. */
export function readFileIfExists(path: string, label: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return readTextFile(path, label);
}
