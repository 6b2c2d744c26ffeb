/**
 * The only writer in src/: replaces a file atomically.
 *
 * Writes to a temp file in the same directory (so the rename cannot cross file systems), fsyncs
 * it, keeps the old file's mode, then renames it over the target. A failure before the rename
 * leaves the old file untouched and removes the temp file, so a reader never sees half a manifest.
 *
 * It never replaces a symlink, a FIFO, a socket or a device (renaming over a symlink would turn
 * the link into a file; reading a FIFO to compare would hang), and with `inside` never writes into a
 * directory that a symlink places outside that directory (MANIFEST-FORMAT.md §12, issue #12).
 *
 * Temp files are named `.<name>.<pid in base 36>-<8 random base-36 digits>.tmp`, beside the target.
 * The write is synchronous, so a signal handler (the CLI installs one for SIGINT and SIGTERM) runs
 * only once the write has finished or cleaned up. SIGKILL cannot be caught: the next write removes
 * the temp files such a kill left (their process is gone, or they are over a minute old), and the
 * walk never selects them (`isWriterTemp`).
 */
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join, relative, isAbsolute } from 'node:path';
import { describeFileType, ManifestError } from '../errors.js';

/** Options of {@link writeFileAtomic}. */
export interface WriteFileOptions {
  /**
   * Refuse (WRITE_REFUSED) unless the file's directory, with symlinks resolved, is this directory
   * or below it.
   * @default undefined (no such check)
   * @example { inside: '/path/to/project' }
   */
  inside?: string;
}

/** `.<name>.<pid>-<random>.tmp`, capturing the pid (base 36). */
const TEMP_NAME = /^\.(.+)\.([0-9a-z]{1,12})-[0-9a-z]{8}\.tmp$/;

/** A temp file older than this is stale whatever its pid says (a write takes far less). */
const STALE_AFTER_MS = 60_000;

/**
 * Whether `name` is the name of a temp file that a write of the file named `target` makes.
 * @example isWriterTemp('.pyproject-manifest.txt.1k3-a8f0c2zz.tmp', 'pyproject-manifest.txt') // true
 */
export function isWriterTemp(name: string, target: string): boolean {
  const match = TEMP_NAME.exec(name);
  return match !== null && match[1] === target;
}

function refuse(file: string, message: string, hint: string): never {
  throw new ManifestError('WRITE_REFUSED', message, { file, hint });
}

/**
 * Throw WRITE_REFUSED unless `file` may be replaced: it is absent or a regular file (not a symlink),
 * and, with `inside`, its directory resolves inside that directory.
 */
export function assertReplaceable(file: string, options: WriteFileOptions = {}): void {
  let st: Stats | undefined;
  try {
    st = lstatSync(file);
  } catch {
    // Absent (or unreachable, which the write reports).
  }
  if (st?.isSymbolicLink() === true) {
    refuse(
      file,
      'is a symlink; a writer never writes through a symlink or replaces one',
      'name the file the link points to (with --manifest), or replace the link with a file',
    );
  }
  // A directory is left to the rename, which fails (EISDIR) after the temp file was removed.
  const kind = st !== undefined && !st.isDirectory() ? describeFileType(st) : undefined;
  if (kind !== undefined) {
    refuse(
      file,
      `is ${kind}, not a regular file; a writer replaces only a regular file`,
      'check --manifest',
    );
  }
  if (options.inside !== undefined) {
    let dir: string;
    let top: string;
    try {
      dir = realpathSync(dirname(file));
      top = realpathSync(options.inside);
    } catch {
      return; // A missing directory: the write reports it.
    }
    const rel = relative(top, dir);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      refuse(
        file,
        `is in a directory that a symlink places outside the project (${dir})`,
        'name a manifest path inside the project',
      );
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Remove the temp files an interrupted write of `file` left (see the header). Best effort. */
export function removeStaleTemps(file: string): void {
  const dir = dirname(file);
  const name = basename(file);
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const entry of names) {
    const match = TEMP_NAME.exec(entry);
    if (match === null || match[1] !== name) continue;
    const pid = Number.parseInt(match[2]!, 36);
    const path = join(dir, entry);
    try {
      const st = lstatSync(path);
      if (!st.isFile()) continue;
      const stale = pid === process.pid || !isAlive(pid) || now - st.mtimeMs > STALE_AFTER_MS;
      if (stale) unlinkSync(path);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/**
 * Write `text` to `file` atomically.
 * @throws ManifestError WRITE_REFUSED when `file` is a symlink or not a regular file (or, with
 *   `inside`, lies outside it), WRITE_FAILED, naming the file, when any step fails.
 */
export function writeFileAtomic(file: string, text: string, options: WriteFileOptions = {}): void {
  assertReplaceable(file, options);
  removeStaleTemps(file);
  const dir = dirname(file);
  // Unique enough with the pid; `wx` refuses a name that exists rather than sharing it. (Not
  // node:crypto: loading it costs every command that may write ~3.5 ms.)
  const random = Math.random().toString(36).slice(2, 10).padEnd(8, '0');
  const temp = join(dir, `.${basename(file)}.${process.pid.toString(36)}-${random}.tmp`);
  let mode = 0o644;
  try {
    mode = statSync(file).mode & 0o777;
  } catch {
    // A new file: keep the default mode.
  }
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', mode);
    created = true;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
  } catch (cause) {
    if (fd !== undefined) closeSync(fd);
    // Only a temp file this call created: on EEXIST the name is another writer's.
    if (created) {
      try {
        unlinkSync(temp);
      } catch {
        // Already gone.
      }
    }
    const reason = cause instanceof Error && 'code' in cause ? String(cause.code) : String(cause);
    throw new ManifestError('WRITE_FAILED', `could not write the manifest (${reason})`, {
      file,
      hint: 'check that the directory exists and is writable',
    });
  }
}
