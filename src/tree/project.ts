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
      hint: 'save the file as UTF-8',
    });
  }
  return bytes.toString('utf8');
}

/** Like readTextFile, but undefined when the file does not exist. */
export function readFileIfExists(path: string, label: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return readTextFile(path, label);
}
